"""The age of a utilisation table's capacity figures (review 16, finding 11), on hand-checkable
rows: year minus the as_of's year, flagged above the threshold the data gives, the same label
and note on every surface."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.errors import InputError
from chipshock.present.capacity_age import (
    capacity_age_columns,
    capacity_age_note,
    capacity_as_of_label,
)
from chipshock.present.utilisation import capacity_age_meta


def _assumptions(years: float) -> pd.DataFrame:
    return pd.DataFrame({"parameter": ["capacity_audit_max_age_years"], "value": [years]})


TABLE = pd.DataFrame(
    {
        "year": [2027, 2027, 2028, 2027, 2027],
        "capacity_as_of": ["2007-10", "2017-12", "2017", "2024-06-30", None],
    }
)


def test_age_is_the_year_minus_the_as_of_year_and_old_only_above_the_threshold() -> None:
    """2027 - 2007 = 20 (old), 2027 - 2017 = 10 (at the threshold: not old), 2028 - 2017 = 11
    (old), 2027 - 2024 = 3, no date: no age."""
    out = capacity_age_columns(TABLE, 10)
    assert out["capacity_age_years"].tolist() == [20, 10, 11, 3, pd.NA]
    assert out["capacity_age_old"].tolist() == [True, False, True, False, False]
    assert out["capacity_as_of_label"].tolist() == [
        "⚠ 2007-10 (20 years before 2027)",
        "2017-12",
        "⚠ 2017 (11 years before 2028)",
        "2024-06-30",
        "–",
    ]
    assert out["capacity_as_of_label_ja"].tolist()[:3] == [
        "⚠ 2007-10（2027年の20年前）",
        "2017-12",
        "⚠ 2017（2028年の11年前）",
    ]


def test_the_threshold_comes_from_the_data_row() -> None:
    """The same table against a threshold row of 20 years flags nothing (20 is not above 20)
    and says nothing; without the row the error names the file and the parameter."""
    table, meta = capacity_age_meta(TABLE, _assumptions(20))
    assert not table["capacity_age_old"].any()
    assert meta == {
        "capacity_age_max_years": 20.0,
        "capacity_age_note": None,
        "capacity_age_note_ja": None,
    }
    table, meta = capacity_age_meta(TABLE, _assumptions(10))
    assert table["capacity_age_old"].sum() == 2
    assert meta["capacity_age_note"] == capacity_age_note(table, 10)
    with pytest.raises(InputError, match="capacity_audit_max_age_years"):
        capacity_age_meta(TABLE, pd.DataFrame({"parameter": ["x"], "value": [1.0]}))


def test_the_note_points_to_the_audit_and_says_how_its_ages_differ() -> None:
    old = capacity_age_columns(TABLE, 10)
    en, ja = capacity_age_note(old, 10), capacity_age_note(old, 10, "ja")
    assert en.startswith("⚠ marks a capacity figure more than 10 years older than the year")
    assert "model_assumptions.csv capacity_audit_max_age_years" in en
    assert "`chipshock data audit` (old_capacity_rows)" in en
    assert "first model year it serves" in en
    assert ja.startswith("⚠ は、表の年より 10 年を超えて古い")
    assert "`chipshock data audit`" in ja and "最初のモデル年" in ja
    assert capacity_age_note(old.iloc[[1, 3, 4]], 10) == ""  # none of these is old


def test_an_empty_table_gets_the_columns_and_no_note() -> None:
    out = capacity_age_columns(TABLE.iloc[:0], 10)
    assert {"capacity_age_years", "capacity_age_old", "capacity_as_of_label"} <= set(out)
    assert capacity_age_note(out, 10) == ""


def test_label_of_a_year_only_date_and_of_a_missing_date() -> None:
    assert capacity_as_of_label("2003", 2027, 10) == "⚠ 2003 (24 years before 2027)"
    assert capacity_as_of_label("", 2027, 10) == "–"
