"""Capacity rows whose figure is far older than the model years it serves (review 16, finding 11).

A row of fab_capacity.csv holds from its ``year`` until the next row of the same fab and node
class (the step function of `chipshock.analysis.registry.capacity_at`), and the model uses it
only from its first year (model_assumptions.csv ``horizon_min_year``). The row *serves* the
model years in that span; its age is how long before the first of them its ``as_of`` lies:

    age = first_year_served - (as_of year + (as_of month - 1) / 12)

A row is old when ``age > max_age_years``, the threshold model_assumptions.csv holds as
``capacity_audit_max_age_years`` (a data row with its note, read by `chipshock data audit`
and by the utilisation tables' age marker, `chipshock.present.capacity_age`, which counts
from the table's year instead). Rows at zero capacity (a closure) carry no capacity figure
and are never old. fabs.csv's ``capacity_wspm`` is not aged: the engine never reads it (a fab
without fab_capacity.csv rows counts among its region's "other fabs"); only the fab map shows
it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from chipshock.errors import InputError, Problem

__all__ = [
    "KEY_COLUMNS",
    "MAX_AGE_PARAMETER",
    "capacity_age_threshold",
    "old_capacity_rows",
    "old_capacity_totals",
    "served_years",
]

#: the model_assumptions.csv row that holds the audit's age threshold in years
MAX_AGE_PARAMETER = "capacity_audit_max_age_years"

_ROW_COLUMNS = (
    "fab_id",
    "node_class",
    "first_year_served",
    "as_of",
    "age_years",
    "kwspm",
    "confidence",
    "region",
    "row_year",
    "last_year_served",
    "source_url",
)
#: the columns a narrow terminal keeps: which row, the year it first serves, how old, how much
KEY_COLUMNS = _ROW_COLUMNS[:7]
_TOTAL_COLUMNS = ("region", "node_class", "old_rows", "old_kwspm", "itemised_kwspm", "old_pct")


def capacity_age_threshold(model_assumptions: pd.DataFrame) -> float:
    """``capacity_audit_max_age_years`` of model_assumptions.csv (an error naming it if absent).

    >>> capacity_age_threshold(pd.DataFrame({"parameter": [MAX_AGE_PARAMETER], "value": [10.0]}))
    10.0
    """
    row = model_assumptions[model_assumptions["parameter"] == MAX_AGE_PARAMETER]
    if row.empty:
        raise InputError(
            Problem(
                "the capacity audit's age threshold is missing",
                file="model_assumptions.csv",
                column="parameter",
                value=MAX_AGE_PARAMETER,
                expected=f"a row '{MAX_AGE_PARAMETER},<years>,years,<source>,...'",
            )
        )
    return float(row["value"].iloc[0])


def as_of_year(as_of: object) -> float | None:
    """``as_of`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a fractional year at its month's
    start; None if empty.

    >>> as_of_year("2007-10"), as_of_year("2012"), as_of_year(None)
    (2007.75, 2012.0, None)
    """
    text = str(as_of).strip() if isinstance(as_of, (str, int)) else ""
    if not text:
        return None
    parts = text.split("-")
    month = int(parts[1]) if len(parts) > 1 else 1
    return int(parts[0]) + (month - 1) / 12


def served_years(fab_capacity: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Each row with capacity > 0 that serves a model year, with the span it serves.

    ``first_year_served`` = max(row year, ``first_year``); ``last_year_served`` = the year
    before the fab and class's next row (``last_year`` if none). Rows a later row replaces
    before ``first_year`` serve nothing and are dropped.

    >>> cap = pd.DataFrame({"fab_id": ["a", "a", "a"], "node_class": ["gt45"] * 3,
    ...     "year": [2010, 2020, 2025], "capacity_wspm": [5.0, 8.0, 0.0]})
    >>> r = served_years(cap, 2022, 2040)
    >>> r[["year", "first_year_served", "last_year_served"]].values.tolist()
    [[2020, 2022, 2024]]
    """
    rows = fab_capacity.assign(
        year=fab_capacity["year"].astype(int),
        capacity_wspm=fab_capacity["capacity_wspm"].astype(float),
    ).sort_values(["fab_id", "node_class", "year"], kind="stable")
    following = rows.groupby(["fab_id", "node_class"])["year"].shift(-1)
    rows = rows.assign(
        first_year_served=rows["year"].clip(lower=first_year),
        last_year_served=(following - 1).fillna(last_year).clip(upper=last_year).astype(int),
    )
    keep = (rows["capacity_wspm"] > 0) & (rows["first_year_served"] <= rows["last_year_served"])
    return rows[keep]


def old_capacity_rows(
    fab_capacity: pd.DataFrame,
    region_of: Mapping[str, str],
    max_age_years: float,
    first_year: int,
    last_year: int,
) -> pd.DataFrame:
    """The rows whose ``as_of`` lies more than ``max_age_years`` before the first model year
    they serve, oldest first; ``region_of`` maps a fab to its capacity region.

    >>> cap = pd.DataFrame({"fab_id": ["a", "b"], "node_class": ["gt45", "gt45"],
    ...     "year": [2010, 2021], "capacity_wspm": [5000.0, 8000.0],
    ...     "as_of": ["2007-10", "2021-01"], "confidence": ["low", "high"],
    ...     "source_url": ["u", "v"]})
    >>> r = old_capacity_rows(cap, {"a": "USA", "b": "JPN"}, 10, 2022, 2040)
    >>> r[["fab_id", "first_year_served", "age_years", "kwspm"]].values.tolist()
    [['a', 2022, 14.2, 5.0]]
    """
    rows = served_years(fab_capacity, first_year, last_year)
    as_of = [as_of_year(v) for v in rows["as_of"]]
    age = [
        None if a is None else round(first - a, 1)
        for a, first in zip(as_of, rows["first_year_served"], strict=True)
    ]
    rows = rows.assign(age_years=pd.Series(age, index=rows.index, dtype="float64"))
    old = rows[rows["age_years"] > max_age_years]
    out = old.assign(
        region=[region_of[str(f)] for f in old["fab_id"]],
        row_year=old["year"],
        kwspm=old["capacity_wspm"] / 1000.0,
        as_of=old["as_of"].astype(str),
    )
    return (
        out[list(_ROW_COLUMNS)]
        .sort_values(["age_years", "fab_id", "node_class"], ascending=[False, True, True])
        .reset_index(drop=True)
    )


def old_capacity_totals(
    fab_capacity: pd.DataFrame,
    old_rows: pd.DataFrame,
    region_of: Mapping[str, str],
    year: int,
) -> pd.DataFrame:
    """Per region and node class, the kwspm the model holds in ``year`` on old rows
    (`old_capacity_rows`) against all the itemised fabs' kwspm that year, cells with old rows
    only.

    >>> cap = pd.DataFrame({"fab_id": ["a", "b"], "node_class": ["gt45", "gt45"],
    ...     "year": [2010, 2021], "capacity_wspm": [5000.0, 15000.0]})
    >>> old = pd.DataFrame({"fab_id": ["a"], "region": ["USA"], "node_class": ["gt45"],
    ...     "first_year_served": [2022], "last_year_served": [2040], "kwspm": [5.0]})
    >>> old_capacity_totals(cap, old, {"a": "USA", "b": "USA"}, 2027).values.tolist()
    [['USA', 'gt45', 1, 5.0, 20.0, 25.0]]
    """
    serving = (old_rows["first_year_served"] <= year) & (old_rows["last_year_served"] >= year)
    old = old_rows[serving]
    if old.empty:
        return pd.DataFrame(columns=list(_TOTAL_COLUMNS))
    in_year = served_years(fab_capacity, year, year)  # the rows that hold in ``year``
    itemised = (
        in_year.assign(region=[region_of[str(f)] for f in in_year["fab_id"]])
        .groupby(["region", "node_class"])["capacity_wspm"]
        .sum()
        / 1000.0
    )
    totals = (
        old.groupby(["region", "node_class"])
        .agg(old_rows=("kwspm", "size"), old_kwspm=("kwspm", "sum"))
        .reset_index()
    )
    totals["itemised_kwspm"] = [
        float(itemised.get((r, c), 0.0))
        for r, c in zip(totals["region"], totals["node_class"], strict=True)
    ]
    totals["old_kwspm"] = totals["old_kwspm"].round(1)
    totals["itemised_kwspm"] = totals["itemised_kwspm"].round(1)
    totals["old_pct"] = (100.0 * totals["old_kwspm"] / totals["itemised_kwspm"]).round(1)
    return totals[list(_TOTAL_COLUMNS)].sort_values(
        ["old_kwspm", "region"], ascending=[False, True], ignore_index=True
    )
