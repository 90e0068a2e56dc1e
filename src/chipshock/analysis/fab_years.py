"""The fabs producing in a year, one rule for every surface (`chipshock fabs --year`,
``GET /api/fabs?year=``, the dashboard's fab map and its year slider).

A fab is listed in year y when

    listed[f, y] = registry_producing[f, y] and (packaging[f] or cap[f, y] > 0)

where ``registry_producing`` is `chipshock.analysis.alliance.filter_fabs` with ``year=y`` (not
cancelled or on hold, started by y, not yet closed) and ``cap[f, y]`` the fab's capacity in y
as the model holds it (`chipshock.analysis.registry.fab_capacity_in_year`, 300mm-equivalent
wafers/month). A wafer fab the registry dates by y that has no capacity in the model in y
(capacity rows from a later year, or none at all) is left out and named with the reason.
Packaging sites hold no wafer capacity and are listed by the registry's dates alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chipshock.analysis.alliance import filter_fabs
from chipshock.analysis.registry import fab_capacity_in_year

__all__ = ["FabsInYear", "fabs_in_year", "listed_years"]


@dataclass(frozen=True)
class FabsInYear:
    """The fabs of one year: ``listed`` (the selected fabs' rows with ``capacity_300mm_wspm``
    and ``capacity_basis`` of that year; null for packaging) and ``left_out`` (``fab_id`` and
    ``reason``: wafer fabs the registry dates by then without capacity in the model)."""

    year: int
    listed: pd.DataFrame
    left_out: pd.DataFrame


def fabs_in_year(
    selected: pd.DataFrame, registry: pd.DataFrame, fab_capacity: pd.DataFrame, year: int
) -> FabsInYear:
    """The fabs of ``selected`` (already filtered by `filter_fabs` with ``year``) split by the
    module's rule into those listed in ``year`` and those left out.

    >>> reg = pd.DataFrame({"fab_id": ["a", "b", "p"], "segment": ["logic", "logic",
    ...     "packaging"], "operator_id": ["x"] * 3, "country": ["JPN"] * 3,
    ...     "status": ["operating"] * 3})
    >>> cap = pd.DataFrame({"fab_id": ["a", "b"], "node_class": ["lt10", "lt10"],
    ...     "year": [2025, 2028], "capacity_wspm": [10.0, 7.0], "phase": "P1",
    ...     "method": "reported", "confidence": "high", "as_of": "2024", "source_url": "u"})
    >>> out = fabs_in_year(reg, reg, cap, 2027)
    >>> out.listed[["fab_id", "capacity_300mm_wspm"]].values.tolist()
    [['a', 10.0], ['p', nan]]
    >>> out.left_out.values.tolist()
    [['b', 'capacity rows from 2028']]
    """
    merged = selected.drop(
        columns=[c for c in ("capacity_300mm_wspm", "capacity_basis") if c in selected]
    ).merge(fab_capacity_in_year(registry, fab_capacity, year), on="fab_id", how="left")
    packaging = merged["segment"].astype(str) == "packaging"
    idle = merged["capacity_300mm_wspm"].isna() & ~packaging
    return FabsInYear(
        year=year,
        listed=merged[~idle].drop(columns="reason").reset_index(drop=True),
        left_out=merged.loc[idle, ["fab_id", "reason"]].reset_index(drop=True),
    )


def listed_years(
    registry: pd.DataFrame, fab_capacity: pd.DataFrame, first: int, last: int
) -> pd.DataFrame:
    """Per fab of ``registry`` (its order) the first and last year in ``first``..``last`` in
    which `fabs_in_year` lists it (``listed_from_year``, ``listed_until_year``; null for a fab
    never listed), and the same by the registry's dates alone (``registry_from_year``,
    ``registry_until_year``). The rule reads only the registry's start and closing years and
    the capacity rows' years, so its answer is the same below the earliest of them and above
    the latest: asking it for each year from one before to one after gives every range, with
    ``first`` or ``last`` where a fab is still listed at those ends."""
    stated = pd.concat(
        [registry[c] for c in ("production_start_year", "closed_year") if c in registry]
        + [fab_capacity["year"]]
    ).dropna()
    low, high = (int(stated.min()), int(stated.max())) if len(stated) else (first, first)
    years = range(max(first, low - 1), min(last, high + 1) + 1)
    ranges: dict[str, dict[str, int]] = {}
    for year in years:
        producing = filter_fabs(registry, year=year)
        listed = fabs_in_year(producing, registry, fab_capacity, year).listed
        for kind, ids in (("registry", producing["fab_id"]), ("listed", listed["fab_id"])):
            for fab_id in ids.astype(str):
                ranges.setdefault(f"{kind}_from_year", {}).setdefault(
                    fab_id, first if year == years[0] else year
                )
                ranges.setdefault(f"{kind}_until_year", {})[fab_id] = (
                    last if year == years[-1] else year
                )
    ids = registry["fab_id"].astype(str)
    columns = ("listed_from_year", "listed_until_year", "registry_from_year", "registry_until_year")
    return pd.DataFrame(
        {"fab_id": ids}
        | {
            column: pd.array([ranges.get(column, {}).get(i) for i in ids], dtype="Int64")
            for column in columns
        }
    )
