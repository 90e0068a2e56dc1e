"""Tables print plain decimals (never e-notation, round-off as 0), fractions as percent with one
decimal, and captions as separate sentences."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from chipshock.cli.output import Format, emit
from chipshock.cli.table_cells import sentences

from .conftest import Runner

E_NOTATION = re.compile(r"\d[eE][-+]?\d")


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _numbers(frame: pd.DataFrame, capsys: Any) -> list[str]:
    emit(frame, Format.table)
    out: str = capsys.readouterr().out
    assert not E_NOTATION.search(out)
    return re.findall(r"(?<![\w.])-?\d[\d.,]*", out)


def test_round_off_prints_as_zero_and_never_in_e_notation(capsys: Any) -> None:
    """1.137e-13 (a subtraction's round-off) prints as zero, a nonzero below the last digit as
    "<0.1"; a column reads with even decimals,
    its zeros too (review 24, finding 2: "0" among one-decimal values): one beside 162.05, three
    significant figures of the largest when all are below 1."""
    frame = pd.DataFrame({"fab_adjustment_kwspm": [1.137e-13, 0.033, 0.05333, 162.05]})
    emit(frame, Format.table)
    out = capsys.readouterr().out
    # the round-off is 0.0; 0.033 is not zero, so it reads "<0.1" (never "0.0")
    assert re.findall(r"[<>]?-?\d[\d.,]*", out.split("┡")[1]) == ["0.0", "<0.1", "0.1", "162.1"]
    frame = pd.DataFrame({"value": [0.36, 0.05333, 0.005556, -1e-14]})
    assert _numbers(frame, capsys) == ["0.360", "0.053", "0.006", "0.000"]


def test_capacity_table_has_no_e_notation(cli: Runner) -> None:
    """`chipshock capacity --year 2027` (its fab adjustments hold round-off) reads plainly."""
    code, out, _ = cli("capacity", "--year", "2027")
    assert code == 0
    assert not E_NOTATION.search(out)


def test_sentences_end_each_part_with_a_full_stop() -> None:
    """A part without a full stop gets one; empty parts vanish."""
    assert sentences("world market", "", "Source: ETO.") == "world market. Source: ETO."


def test_shapley_and_synergy_show_percent_and_separate_sentences(cli: Runner) -> None:
    """Shapley and synergy tables show % with one decimal, and the caption's sentences are
    separated: the value function ends before what it counts (`coalition_scope`), which ends
    before "Source:"."""
    for args in (("shapley", "USA", "JPN", "NLD"), ("synergy", "USA", "JPN,NLD")):
        code, out, _ = cli(*args)
        flat = _flat(out)
        assert code == 0
        assert "market. Coalition values count" in flat and "market Coalition" not in flat
        assert "2027-6m. Source:" in flat and "2027-6m Source:" not in flat
        assert " %" in flat
        rows = _flat("\n".join(line for line in out.splitlines() if "│" in line))
        cells = [w for w in rows.split() if re.fullmatch(r"-?\d+\.\d+", w)]
        assert cells and all(len(w.split(".")[1]) == 1 for w in cells), cells


def test_dollar_indicators_are_labelled_by_one_rule() -> None:
    """Review 24, finding 5: every USD-bn indicator's cells read "USD x bn", so every label
    ends ", USD" (it read "output at risk, USD" beside "chips not delivered, USD bn"), in the
    terminal's labels and the message catalogue alike."""
    from chipshock.cli.scenario_view import KPI_LABELS
    from chipshock.present.messages import message

    dollars = [k for k in KPI_LABELS if k.endswith("_usd_bn")]
    assert dollars == ["loss_usd_bn", "chips_not_delivered_usd_bn"]
    for kpi in dollars:
        assert (
            KPI_LABELS[kpi].endswith(", USD") and message(f"cli.kpi.{kpi}", "en") == KPI_LABELS[kpi]
        )
    assert KPI_LABELS["chips_not_delivered_usd_bn"] == "chips not delivered, USD"
