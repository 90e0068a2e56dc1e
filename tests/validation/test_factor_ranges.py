"""The sensitivity factor table as data (`sensitivity_factors.csv`): the shipped rows and the
checks that name file, row, column, value and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.data.factor_ranges import UNITS, default_factor_ranges_path, read_factor_ranges
from chipshock.errors import ValidationFailed
from chipshock.sim.sensitivity import default_factors


def test_every_shipped_range_has_a_unit_and_a_source() -> None:
    """Set/scale rows carry their range with a web source and date; judgement ranges are marked
    as assumptions; range rows leave both to the data row they move and say which."""
    t = read_factor_ranges()
    assert set(t["unit"]) <= set(UNITS)
    own = t[t["method"] != "range"]
    assert len(own) >= 7
    assert own["source_url"].str.startswith("https://").all()
    assert own["as_of"].notna().all()
    low = own[own["confidence"] == "low"]
    assert low["note"].str.startswith("assumption:").all()
    assert (own["low"] < own["high"]).all()
    ranged = t[t["method"] == "range"]
    assert ranged["note"].str.startswith("range:").all()
    assert ranged["low"].isna().all() and ranged["source_url"].isna().all()
    assert list(default_factors()["factor"]) == list(t["factor"])


def test_demand_side_ranges_are_the_rows(tmp_path: Path) -> None:
    """The demand-side ranges the docs state are read from the file, not from code."""
    t = read_factor_ranges().set_index("factor")
    assert (t.loc["backlog_cancel_share", "low"], t.loc["backlog_cancel_share", "high"]) == (
        0.02,
        0.2,
    )
    assert t.loc["double_order_sensitivity", "high"] == 0.9
    assert t.loc["double_order_cap", "unit"] == "share"
    assert t.loc["producer_wafer_bank", "method"] == "range"


def _edited(tmp_path: Path, factor: str, old: str, new: str) -> tuple[Path, int]:
    lines = default_factor_ranges_path().read_text(encoding="utf-8").splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(factor + ","))
    assert old in lines[i]
    lines[i] = lines[i].replace(old, new, 1)
    path = tmp_path / "sensitivity_factors.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, i + 1  # spreadsheet row (header = 1)


@pytest.mark.parametrize(
    ("factor", "old", "new", "column", "expected"),
    [
        ("utilisation", ",0.92,1.06,", ",1.06,0.92,", "high", "above low"),
        ("utilisation", ",multiplier,", ",percent,", "unit", "one of weeks"),
        ("value_multiplier", ",multiplier,", ",share,", "unit", "multiplier"),
        ("backlog_cancel_share", ",0.02,", ",2%,", "low", "plain number"),
        ("double_order_cap", ",low,", ",,", "confidence", "a value"),
        ("utilisation", "https://www.trendforce", "www.trendforce", "source_url", "http"),
        ("qualification_weeks", '"assumption:', '"judgement:', "note", "assumption:"),
        ("producer_wafer_bank", ",range,,,", ",range,1,,", "low", "empty"),
        ("shock_duration", '"range:', '"from:', "note", "range:"),
        ("complementarity", ",set,", ",blend,", "method", "set, scale, range"),
    ],
)
def test_bad_rows_name_file_row_column_value_and_expected(
    tmp_path: Path, factor: str, old: str, new: str, column: str, expected: str
) -> None:
    path, row = _edited(tmp_path, factor, old, new)
    with pytest.raises(ValidationFailed) as info:
        read_factor_ranges(path)
    problems = info.value.problems
    hit = [p for p in problems if p.row == row and p.column == column]
    assert hit, problems
    assert hit[0].file == str(path)
    assert expected in str(hit[0].expected)


def test_duplicate_factor_is_named(tmp_path: Path) -> None:
    text = default_factor_ranges_path().read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("utilisation,"))
    path = tmp_path / "f.csv"
    path.write_text(text + line + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="duplicated factor"):
        read_factor_ranges(path)
