"""Tables print plain decimals (never e-notation, round-off as 0), fractions as percent with one
decimal, and captions as separate sentences."""

from __future__ import annotations

import re

import pandas as pd

from chipshock.cli.output import Format, as_percent, emit, sentences

from .conftest import Runner

E_NOTATION = re.compile(r"\d[eE][-+]?\d")


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_round_off_prints_as_zero_and_never_in_e_notation(capsys: object) -> None:
    """1.137e-13 (a subtraction's round-off) prints 0; 0.05333 prints 0.0533, not 5.333e-02."""
    emit(pd.DataFrame({"fab_adjustment_kwspm": [1.137e-13, 0.05333, 162.05]}), Format.table)
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert not E_NOTATION.search(out)
    assert re.findall(r"(?<![\w.])-?\d[\d.,]*", out) == ["0", "0.0533", "162.1"]


def test_capacity_table_has_no_e_notation(cli: Runner) -> None:
    """`chipshock capacity --year 2027` (its fab adjustments hold round-off) reads plainly."""
    code, out, _ = cli("capacity", "--year", "2027")
    assert code == 0
    assert not E_NOTATION.search(out)


def test_as_percent_renames_and_scales_fractions() -> None:
    """0.36 -> 36.0 in a ``_pct`` column; other columns untouched."""
    got = as_percent(pd.DataFrame({"member": ["USA"], "standalone": [0.36]}), ["standalone"])
    assert list(got.columns) == ["member", "standalone_pct"]
    assert got["standalone_pct"].iloc[0] == 36.0


def test_sentences_end_each_part_with_a_full_stop() -> None:
    """A part without a full stop gets one; empty parts vanish."""
    assert sentences("world market", "", "Source: ETO.") == "world market. Source: ETO."


def test_shapley_and_synergy_show_percent_and_separate_sentences(cli: Runner) -> None:
    """Shapley and synergy tables show % with one decimal, and the caption's value function
    ends before "Source:"."""
    for args in (("shapley", "USA", "JPN", "NLD"), ("synergy", "USA", "JPN,NLD")):
        code, out, _ = cli(*args)
        flat = _flat(out)
        assert code == 0
        assert "market. Source:" in flat and "market Source:" not in flat
        assert " %" in flat
        rows = _flat("\n".join(line for line in out.splitlines() if "│" in line))
        cells = [w for w in rows.split() if re.fullmatch(r"-?\d+\.\d+", w)]
        assert cells and all(len(w.split(".")[1]) == 1 for w in cells), cells
