"""The fab registry's calendar years, said once for the schema, the analysis and the scenarios.

A fab's ``production_start_year``, a ``fab_capacity.csv`` row's ``year``, `chipshock fabs
--year`, ``GET /api/fabs?year=`` and a scenario's fab override ``start_year`` all take a year
of this range. The model's own years (capacity and scenario horizons, 2022 onwards) are
narrower and live with the scenarios (`chipshock.scenarios.FIRST_YEAR`).
"""

from __future__ import annotations

from chipshock.errors import InputError, Problem

__all__ = ["REGISTRY_FIRST_YEAR", "REGISTRY_LAST_YEAR", "check_registry_year", "check_year_in"]

REGISTRY_FIRST_YEAR = 1950
REGISTRY_LAST_YEAR = 2100


def check_registry_year(year: int, field: str) -> None:
    """``year`` must be a calendar year of the fab registry (`REGISTRY_FIRST_YEAR`..
    `REGISTRY_LAST_YEAR`); else an `InputError` naming ``field``.

    >>> check_registry_year(2027, "year")
    >>> try:
    ...     check_registry_year(1900, "year")
    ... except InputError as exc:
    ...     print(str(exc).split("(")[1])
    got '1900'; expected a year 1950–2100, the years of the fab registry)
    """
    check_year_in(year, field, REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR, "the fab registry")


def check_year_in(year: int, field: str, first: int, last: int, meaning: str) -> None:
    """``year`` must lie in ``first``..``last`` (both included), "the years of ``meaning``";
    else an `InputError` naming ``field``, the year and the range: every year check says it
    this one way."""
    if not first <= year <= last:
        raise InputError(
            Problem(
                "year out of range",
                field=field,
                value=str(year),
                expected=f"a year {first}–{last}, the years of {meaning}",
            )
        )
