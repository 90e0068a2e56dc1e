"""A table's title is broken to the table's width where a reader expects it: a unit stays on one
line (``USD bn``, 「10億ドル」, 「10億ドル/年」), never split by rich's own wrapping."""

from __future__ import annotations

import pandas as pd
import pytest
from rich.cells import cell_len

from chipshock.cli import output
from chipshock.cli.japanese_atoms import japanese_atoms, wrap_japanese
from chipshock.cli.table_titles import wrap_title

#: a table 44 cells wide, as `scenario run --lang ja`'s value-added table is at 80 columns:
#: there rich alone broke its title after 「10億」 (and an English one after "USD")
NARROW_FRAME = pd.DataFrame({"a": ["a" * 8], "b": ["b" * 8], "c": ["c" * 8], "d": ["d" * 7]})


def _title_lines(out: str) -> list[str]:
    """The lines above the table's top rule."""
    lines = out.splitlines()
    return [line.strip() for line in lines[: next(i for i, s in enumerate(lines) if "┏" in s)]]


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("国別の失われる付加価値（GDPに近い指標、10億ドル）", "10億ドル）"),
        ("value added lost by country (GDP-like), USD bn", "USD bn"),
    ],
)
def test_a_long_title_over_a_narrow_table_keeps_its_unit_whole(
    title: str, unit: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 80 columns the table is 44 wide: rich alone broke 「10億」 from 「ドル）」 and "USD"
    from "bn"; the title now breaks before the unit, and every line fits the table."""
    monkeypatch.setattr(output.console, "width", 80)
    output.emit(NARROW_FRAME, output.Format.table, title=title)
    out = capsys.readouterr().out
    lines = _title_lines(out)
    table_width = max(cell_len(line) for line in out.splitlines() if "┏" in line)
    assert table_width == 44
    assert len(lines) > 1  # the title is wider than the table: it does wrap
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert any(line.endswith(unit) or line.startswith(unit) for line in lines), lines
    assert all(cell_len(line) <= table_width for line in lines)


def test_a_title_that_fits_is_left_as_written() -> None:
    """No break is added to a title narrower than the table."""
    assert wrap_title("loss by country, USD bn", 42) == "loss by country, USD bn"


def test_a_rate_stays_with_its_unit_in_japanese() -> None:
    """「10億ドル/年」 is one piece: before, the "/" after the unit made it 「10億」「ド」「ル」."""
    atoms = japanese_atoms("最終市場別の半導体需要（10億ドル/年、2026〜2030年）")
    assert "（10億ドル/年、" in atoms, atoms
    wrapped = wrap_japanese("最終市場別の半導体需要（10億ドル/年、2026〜2030年）", 28)
    assert any("10億ドル/年" in line for line in wrapped.splitlines()), wrapped
