"""`chipshock.data.capacity_age`: which capacity rows are older than the audit's threshold at
the first model year they serve, and how much of a year's capacity rests on them (review 16,
finding 11), on tiny hand-checkable tables."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.data.capacity_age import (
    MAX_AGE_PARAMETER,
    capacity_age_threshold,
    old_capacity_rows,
    old_capacity_totals,
)
from chipshock.errors import InputError

#: fab a: a 2007-10 figure from 2010 (serves 2022-2024), replaced in 2025 by a 2024 figure;
#: fab b: a 2012-01 figure serving from 2022 (exactly 10.0 years: not older than 10);
#: fab c: a 2000 figure replaced in 2020 (serves no model year), then a 2011-07 figure from
#: 2020, closed (0) in 2030; fab d: a 2010 figure for a fab opening in 2026 (age 16.0)
CAPACITY = pd.DataFrame(
    {
        "fab_id": ["a", "a", "b", "c", "c", "c", "d"],
        "node_class": ["gt45", "gt45", "gt45", "n28_45", "n28_45", "n28_45", "gt45"],
        "year": [2010, 2025, 2022, 2005, 2020, 2030, 2026],
        "capacity_wspm": [5000.0, 6000.0, 20000.0, 1000.0, 3000.0, 0.0, 2500.0],
        "as_of": ["2007-10", "2024-06", "2012-01", "2000", "2011-07", "2029", "2010"],
        "confidence": ["low", "medium", "high", "low", "medium", "high", "low"],
        "source_url": ["ua", "ua2", "ub", "uc", "uc2", "uc3", "ud"],
    }
)
REGIONS = {"a": "USA", "b": "USA", "c": "JPN", "d": "USA"}


def test_rows_older_than_the_threshold_at_their_first_model_year() -> None:
    """Age = first model year served - as_of (month start): a 14.2, c 10.5, d 16.0 are listed,
    oldest first; b (10.0, not more than 10), c's 2005 row (replaced before 2022), a's 2025 row
    and c's closure are not."""
    rows = old_capacity_rows(CAPACITY, REGIONS, 10, 2022, 2040)
    got = rows[
        ["fab_id", "row_year", "first_year_served", "last_year_served", "age_years", "kwspm"]
    ].values.tolist()
    assert got == [
        ["d", 2026, 2026, 2040, 16.0, 2.5],
        ["a", 2010, 2022, 2024, 14.2, 5.0],
        ["c", 2020, 2022, 2029, 10.5, 3.0],
    ]
    assert rows["region"].tolist() == ["USA", "USA", "JPN"]
    assert rows["confidence"].tolist() == ["low", "low", "medium"]
    assert old_capacity_rows(CAPACITY, REGIONS, 15, 2022, 2040)["fab_id"].tolist() == ["d"]


def test_totals_count_the_old_rows_that_hold_in_the_year() -> None:
    """2023: USA gt45 rests on a (5 of a 5 + b 20 = 25 kwspm, 20 %), JPN n28_45 on c (3 of 3);
    2027: a's old row no longer holds (its 2025 row does), d's does (2.5 of 6 + 20 + 2.5)."""
    rows = old_capacity_rows(CAPACITY, REGIONS, 10, 2022, 2040)
    in_2023 = old_capacity_totals(CAPACITY, rows, REGIONS, 2023)
    assert in_2023.values.tolist() == [
        ["USA", "gt45", 1, 5.0, 25.0, 20.0],
        ["JPN", "n28_45", 1, 3.0, 3.0, 100.0],
    ]
    in_2027 = old_capacity_totals(CAPACITY, rows, REGIONS, 2027)
    assert in_2027.values.tolist()[0] == ["JPN", "n28_45", 1, 3.0, 3.0, 100.0]
    assert in_2027.values.tolist()[1] == ["USA", "gt45", 1, 2.5, 28.5, pytest.approx(8.8)]
    assert old_capacity_totals(CAPACITY, rows, REGIONS, 2031).values.tolist() == [
        ["USA", "gt45", 1, 2.5, 28.5, pytest.approx(8.8)]
    ]


def test_the_threshold_is_a_data_row_and_its_absence_an_error() -> None:
    """The threshold is model_assumptions.csv's row; without it the error names the file and
    the parameter it expects."""
    assert capacity_age_threshold(
        pd.DataFrame({"parameter": ["x", MAX_AGE_PARAMETER], "value": [1.0, 7.0]})
    ) == pytest.approx(7.0)
    with pytest.raises(InputError) as info:
        capacity_age_threshold(pd.DataFrame({"parameter": ["x"], "value": [1.0]}))
    message = str(info.value)
    assert "model_assumptions.csv" in message and MAX_AGE_PARAMETER in message
