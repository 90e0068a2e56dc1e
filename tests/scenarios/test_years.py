"""One range of years per meaning, said once (`chipshock.scenarios`): the model's years (capacity
and horizons) start with the capacity data, and the registry's are its schema's."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.analysis.registry import capacity_at
from chipshock.data.store import default_paths
from chipshock.errors import InputError
from chipshock.model.schema import CURATED_FILES
from chipshock.scenarios import (
    FIRST_YEAR,
    LAST_YEAR,
    REGISTRY_FIRST_YEAR,
    REGISTRY_LAST_YEAR,
    check_model_year,
    check_registry_year,
)


def test_the_model_years_start_with_the_capacity_data() -> None:
    """FIRST_YEAR is global_capacity.csv's first year; LAST_YEAR is not before its last."""
    years = pd.read_csv(default_paths().curated / "global_capacity.csv")["year"]
    assert int(years.min()) == FIRST_YEAR
    assert int(years.max()) <= LAST_YEAR


def test_the_registry_years_are_the_schema_bounds() -> None:
    """REGISTRY_FIRST_YEAR..REGISTRY_LAST_YEAR are production_start_year's bounds in fabs.csv."""
    column = next(c for c in CURATED_FILES["fabs"].columns if c.name == "production_start_year")
    assert (column.minimum, column.maximum) == (REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR)


def test_a_year_outside_is_said_the_same_way() -> None:
    """Both checks name the field, the year and the range; the ends are accepted."""
    check_model_year(FIRST_YEAR, "--year")
    check_model_year(LAST_YEAR, "--year")
    check_registry_year(REGISTRY_FIRST_YEAR, "--year")
    said = r"--year: year out of range \(got '1999'; expected a year 2022–2040, the years of "
    with pytest.raises(InputError, match=said + r"capacity and of scenario horizons\)"):
        check_model_year(1999, "--year")
    with pytest.raises(InputError, match="1950–2100, the years of the fab registry"):
        check_registry_year(1900, "year")


def test_the_registry_years_hold_for_capacity_rows_and_the_analysis_too() -> None:
    """fab_capacity.csv's year has the registry's bounds, and the registry analysis refuses a
    year outside them in the same words (before: its own 1970–2100)."""
    column = next(c for c in CURATED_FILES["fab_capacity"].columns if c.name == "year")
    assert (column.minimum, column.maximum) == (REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR)
    empty = pd.DataFrame(columns=["fab_id", "node_class", "year", "capacity_wspm"])
    assert capacity_at(empty, pd.DataFrame(), 1960).empty  # a registry year: no rows, no error
    with pytest.raises(InputError, match="1950–2100, the years of the fab registry"):
        capacity_at(empty, pd.DataFrame(), 1949)
