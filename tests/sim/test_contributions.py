"""Fab contributions on the tiny model (`chipshock.sim.run.contributions`): hand-checkable
identities of the sides, and the single-fab case."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from tests.sim.conftest import tiny_scenario

from chipshock.errors import ScenarioError
from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.run.contributions import fab_contributions, fab_sides


def cut(weeks: float = 26) -> Shock:
    """Taiwan fully cut from week 10 of 2027 (the tiny fabs are in Japan)."""
    return Shock(
        "country",
        ("TWN",),
        2027,
        10,
        duration_weeks=Distribution("uniform", low=weeks / 2, high=weeks),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(4),
    )


def with_twin_fab(data: ModelData) -> ModelData:
    """The tiny model with ``tiny-fab2``, a copy of ``tiny-fab1`` (same site, classes, ramp)."""
    fabs = data.fabs
    cap = data.fab_capacity
    twin = fabs[fabs["fab_id"] == "tiny-fab1"].assign(fab_id="tiny-fab2")
    twin_cap = cap[cap["fab_id"] == "tiny-fab1"].assign(fab_id="tiny-fab2")
    return replace(
        data,
        fabs=pd.concat([fabs, twin], ignore_index=True),
        fab_capacity=pd.concat([cap, twin_cap], ignore_index=True),
    )


def test_sides_that_run_the_same_fabs_lose_the_same() -> None:
    """With two fabs, 'only fab1 runs' is both fab1's 'alone' side and fab2's 'added' side (the
    set without fab2): per run their losses agree, so together = alone[fab1] + added[fab2]
    exactly as the module's definitions say; twin fabs contribute alike."""
    data = with_twin_fab(ModelData.tiny())
    sc = tiny_scenario((cut(),), start_year=2027, end_year=2027, runs=12, seed=5)
    c = fab_contributions(sc, data, ["tiny-fab1", "tiny-fab2"])
    by_run = c.loss_by_run
    np.testing.assert_allclose(by_run["alone:tiny-fab1"], by_run["added:tiny-fab2"], atol=1e-9)
    np.testing.assert_allclose(by_run["alone:tiny-fab2"], by_run["added:tiny-fab1"], atol=1e-9)
    together = by_run["none"] - by_run["all"]
    parts = (by_run["none"] - by_run["alone:tiny-fab1"]) + (
        by_run["added:tiny-fab2"] - by_run["all"]
    )
    np.testing.assert_allclose(together, parts, atol=1e-9)
    rows = c.table.set_index(["fab_id", "measure"])
    assert rows.loc[("tiny-fab1", "alone"), "p50"] == pytest.approx(
        rows.loc[("tiny-fab2", "alone"), "p50"], abs=1e-9
    )
    assert c.together["p50"] > 0
    # each fab alone avoids less than both together, but more than nothing
    assert 0 < rows.loc[("tiny-fab1", "alone"), "p50"] <= c.together["p50"] + 1e-9
    # interaction is per run: its mean is the difference of the means
    assert c.totals["interaction"]["mean"] == pytest.approx(
        c.together["mean"] - c.totals["sum_alone"]["mean"], abs=1e-9
    )


def test_one_fab_needs_two_sides_and_its_measures_are_the_whole() -> None:
    sc = tiny_scenario((cut(),), start_year=2027, end_year=2027, runs=6, seed=2)
    c = fab_contributions(sc, ModelData.tiny(), ["tiny-fab1"])
    assert list(c.loss_by_run.columns[:3]) == ["run", "none", "all"]
    rows = c.table.set_index("measure")
    for measure in ("alone", "added"):
        assert rows.loc[measure, "p50"] == c.together["p50"]
    assert c.totals["interaction"] == {"mean": 0.0, "p5": 0.0, "p50": 0.0, "p95": 0.0}


def test_a_scenario_that_switches_the_fabs_off_gets_them_back() -> None:
    """The 'with' side of a counterfactual that switches a fab off restores it, so the
    contribution is the same as from the scenario that runs it."""
    sc = tiny_scenario((cut(),), start_year=2027, end_year=2027, runs=6, seed=2)
    without, with_all = fab_sides(sc, ["tiny-fab1"])
    counterfactual = without
    again_without, again_with = fab_sides(counterfactual, ["tiny-fab1"])
    assert again_without is counterfactual
    assert [f for i in again_with.interventions if i.kind == "fabs_on" for f in i.fabs] == [
        "tiny-fab1"
    ]
    data = ModelData.tiny()
    a = fab_contributions(sc, data, ["tiny-fab1"])
    b = fab_contributions(counterfactual, data, ["tiny-fab1"])
    assert a.together == b.together
    assert with_all is sc


def test_no_fab_is_an_error_naming_the_field() -> None:
    with pytest.raises(ScenarioError, match="fabs"):
        fab_contributions(tiny_scenario(), ModelData.tiny(), [])
