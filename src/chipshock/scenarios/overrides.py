"""Change a few things about a scenario without writing a file (CLI options, dashboard sliders).

>>> from chipshock.scenarios import load_scenario
>>> s = apply_overrides(load_scenario("taiwan-blockade-2027-6m"), start_year=2029,
...                     duration_weeks=13, fabs_off=["rapidus-iim1"], runs=200)
>>> s.shocks[0].start_year, s.shocks[0].duration_weeks.central, s.runs
(2029, 13.0, 200)
>>> s.interventions[-1].kind, s.interventions[-1].fabs
('fabs_off', ('rapidus-iim1',))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from chipshock.errors import Problem, ScenarioValidationFailed
from chipshock.scenarios._fields import FIRST_YEAR, LAST_YEAR, MAX_RUNS
from chipshock.scenarios.model import Distribution, Intervention, Scenario

__all__ = ["apply_overrides"]


def _without(
    interventions: tuple[Intervention, ...], kind: str, fabs: set[str]
) -> list[Intervention]:
    """Interventions with ``fabs`` taken out of those of ``kind`` (emptied ones dropped)."""
    kept = []
    for item in interventions:
        if item.kind == kind and fabs & set(item.fabs):
            rest = tuple(f for f in item.fabs if f not in fabs)
            if not rest:
                continue
            item = replace(item, fabs=rest)
        kept.append(item)
    return kept


def apply_overrides(
    scenario: Scenario,
    *,
    start_year: int | None = None,
    duration_weeks: float | None = None,
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    runs: int | None = None,
    seed: int | None = None,
) -> Scenario:
    """A copy of ``scenario`` with some things changed (the original is unchanged).

    - ``start_year``: the first shock starts in this year (same week); every shock and the
      horizon move by the same number of years, so timing within the scenario is kept. With
      no shocks the horizon starts in this year.
    - ``duration_weeks``: every shock lasts exactly this long (its distribution becomes fixed).
    - ``fabs_off`` / ``fabs_on``: fab ids switched off / on. A fab switched on is also taken
      out of any ``fabs_off`` intervention of the scenario, and vice versa.
    - ``runs``, ``seed``: Monte Carlo runs and random seed.

    Raises `ScenarioValidationFailed` (a `ScenarioError`) listing every bad value.
    """
    problems: list[Problem] = []

    def bad(name: str, message: str, value: object, expected: str) -> None:
        problems.append(
            Problem(message, file="overrides", field=name, value=repr(value), expected=expected)
        )

    changes: dict[str, object] = {}
    shocks = scenario.shocks
    first = min((s.start_year for s in shocks), default=scenario.start_year)
    if start_year is not None and (isinstance(start_year, bool) or not isinstance(start_year, int)):
        bad("start_year", "wrong type", start_year, "an integer year")
    elif start_year is not None:
        delta = start_year - first
        begin, end = scenario.start_year + delta, scenario.end_year + delta
        if begin < FIRST_YEAR or end > LAST_YEAR:
            bad(
                "start_year",
                "the moved horizon leaves the years the data covers",
                f"{start_year} (horizon {begin}–{end})",
                f"a horizon within {FIRST_YEAR}–{LAST_YEAR}; this scenario allows "
                f"{first + FIRST_YEAR - scenario.start_year}–"
                f"{first + LAST_YEAR - scenario.end_year}",
            )
        else:
            shocks = tuple(replace(s, start_year=s.start_year + delta) for s in shocks)
            changes.update(start_year=begin, end_year=end)
    if duration_weeks is not None:
        if (
            not isinstance(duration_weeks, int | float)
            or isinstance(duration_weeks, bool)
            or (not math.isfinite(duration_weeks) or duration_weeks < 0)
        ):
            bad("duration_weeks", "out of range", duration_weeks, "a number of weeks ≥ 0")
        else:
            fixed = Distribution.fixed(float(duration_weeks))
            shocks = tuple(replace(s, duration_weeks=fixed) for s in shocks)
    if runs is not None and (
        isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= MAX_RUNS
    ):
        bad("runs", "out of range", runs, f"1 ≤ runs ≤ {MAX_RUNS:,}")
    elif runs is not None:
        changes["runs"] = runs
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        bad("seed", "out of range", seed, "an integer ≥ 0")
    elif seed is not None:
        changes["seed"] = seed
    off, on = list(dict.fromkeys(fabs_off)), list(dict.fromkeys(fabs_on))
    both = sorted(set(off) & set(on))
    if both:
        bad(
            "fabs_on",
            "a fab cannot be switched both off and on",
            ", ".join(both),
            "each fab in one list only",
        )
    if problems:
        raise ScenarioValidationFailed(
            problems, context=f"invalid overrides for {scenario.scenario_id}"
        )
    interventions = list(scenario.interventions)
    if off:
        interventions = _without(tuple(interventions), "fabs_on", set(off))
        interventions.append(Intervention("fabs_off", fabs=tuple(off), label="override: fabs off"))
    if on:
        interventions = _without(tuple(interventions), "fabs_off", set(on))
        interventions.append(Intervention("fabs_on", fabs=tuple(on), label="override: fabs on"))
    return scenario.with_changes(shocks=shocks, interventions=tuple(interventions), **changes)
