"""apply_overrides: the CLI options and dashboard sliders change a copy, and check their values."""

from __future__ import annotations

import pytest

from chipshock.errors import ScenarioError
from chipshock.scenarios import Distribution, apply_overrides, load_scenario


def test_no_overrides_is_identity() -> None:
    """Without arguments the scenario comes back equal."""
    s = load_scenario("korea-conflict")
    assert apply_overrides(s) == s


def test_start_year_moves_shocks_and_horizon_together() -> None:
    """The first shock starts in the given year; the horizon keeps its position around it."""
    s = load_scenario("taiwan-blockade-2027-6m")
    moved = apply_overrides(s, start_year=2030)
    assert moved.shocks[0].start_year == 2030
    assert moved.shocks[0].start_week == s.shocks[0].start_week
    assert (moved.start_year, moved.end_year) == (2029, 2033)
    assert s.shocks[0].start_year == 2027  # the original is unchanged


def test_start_year_without_shocks_moves_the_horizon() -> None:
    """For the baseline, start_year is where the horizon starts."""
    moved = apply_overrides(load_scenario("baseline"), start_year=2028)
    assert (moved.start_year, moved.end_year) == (2028, 2032)


def test_duration_fixes_every_shock() -> None:
    """duration_weeks replaces each shock's duration distribution with a fixed value."""
    moved = apply_overrides(load_scenario("china-gallium-germanium-controls"), duration_weeks=13)
    assert {x.duration_weeks for x in moved.shocks} == {Distribution.fixed(13.0)}


def test_fabs_on_and_off_edit_interventions() -> None:
    """Switching an alliance fab back on removes it from fabs_off; new ids add interventions."""
    s = load_scenario("taiwan-blockade-2027-6m-no-alliance-fabs")
    moved = apply_overrides(s, fabs_on=["rapidus-iim1"], fabs_off=["samsung-taylor"])
    off = [i for i in moved.interventions if i.kind == "fabs_off"]
    assert all("rapidus-iim1" not in i.fabs for i in off)
    assert any(i.fabs == ("samsung-taylor",) for i in off)
    assert any(i.kind == "fabs_on" and i.fabs == ("rapidus-iim1",) for i in moved.interventions)
    assert len(off[0].fabs) == 5


def test_runs_and_seed() -> None:
    """runs and seed replace the scenario's."""
    moved = apply_overrides(load_scenario("baseline"), runs=50, seed=9)
    assert (moved.runs, moved.seed) == (50, 9)


def test_bad_overrides_are_all_reported() -> None:
    """Every bad value is listed in one ScenarioError naming the override."""
    s = load_scenario("taiwan-blockade-2027-6m")
    with pytest.raises(ScenarioError) as info:
        apply_overrides(
            s, start_year=2039, duration_weeks=-1, runs=0, seed=-2, fabs_off=["a"], fabs_on=["a"]
        )
    message = str(info.value)
    for name in ("start_year", "duration_weeks", "runs", "seed", "fabs_on"):
        assert f"overrides, {name}" in message


def test_a_bad_override_quotes_its_value_once() -> None:
    """A refused start year reads (got '2045'; ...), its horizon said in words, not
    (got "'2045 (horizon ...)'"): the value is quoted once, by the error itself."""
    s = load_scenario("taiwan-blockade-2027-6m")
    with pytest.raises(ScenarioError) as info:
        apply_overrides(s, start_year=2045, fabs_off=["a"], fabs_on=["a"])
    message = str(info.value)
    assert "moved horizon (2044–2048) leaves the years the data covers (got '2045'; " in message
    assert "(got 'a'; expected each fab in one list only)" in message
    assert "\"'" not in message and "''" not in message
