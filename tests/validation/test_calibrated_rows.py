"""Calibrated rows are used: `chipshock calibrate --assumptions` puts the fitted durations into
shock_assumptions.csv, and a shock that names a row in ``rows = {...}`` draws from it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chipshock.data.history import read_history_observations
from chipshock.errors import ScenarioError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim import ModelData, run
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.validation.calibrate import calibrate, with_calibrated_rows

CURATED = Path(__file__).parents[2] / "src" / "chipshock" / "data" / "files" / "curated"


def _tiny_with(mode: float, low: float, high: float) -> ModelData:
    """The tiny model with one calibrated row fab_fire_downtime (low, mode, high weeks)."""
    tiny = ModelData.tiny()
    rows = calibrate()
    rows.loc[rows["parameter"] == "fab_fire_downtime", ["low", "mode", "high"]] = [low, mode, high]
    return replace(tiny, shock_assumptions=with_calibrated_rows(tiny.shock_assumptions, rows))


def _scenario() -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        duration_weeks=Distribution.fixed(1.0),
        severity=Distribution.fixed(0.8),
        rows=(("duration_weeks", "fab_fire_downtime"),),
    )
    return Scenario("x", "x", start_year=2026, end_year=2027, runs=40, seed=4, shocks=(shock,))


def test_the_shock_draws_its_duration_from_the_named_row() -> None:
    """The scenario's own duration (1 week, fixed) is replaced by the row's triangular 2-6-20."""
    data = _tiny_with(6.0, 2.0, 20.0)
    s = _scenario()
    d = draw_parameters(s, data, prepare(s, data), s.seed, s.runs)
    assert d.duration.min() >= 2.0 and d.duration.max() <= 20.0 and d.duration.std() > 0


def test_changing_a_calibrated_row_changes_the_run() -> None:
    """Same scenario and seed; only the calibrated row's range moves (2-6-20 -> 20-30-40
    weeks): the TWN shock lasts longer, so more output is lost."""
    short = run(_scenario(), _tiny_with(6.0, 2.0, 20.0)).kpi("all", "output_lost_weeks")
    long = run(_scenario(), _tiny_with(30.0, 20.0, 40.0)).kpi("all", "output_lost_weeks")
    assert np.mean(long) > np.mean(short) + 5


def test_a_row_that_is_not_there_is_named() -> None:
    shock = replace(_scenario().shocks[0], rows=(("recovery_weeks", "no_such_row"),))
    with pytest.raises(ScenarioError) as err:
        run(_scenario().with_changes(shocks=(shock,)), ModelData.tiny())
    assert "shock[0].rows.recovery_weeks" in str(err.value) and "no_such_row" in str(err.value)


def test_shipped_shock_assumptions_hold_the_calibrated_rows() -> None:
    """shock_assumptions.csv carries exactly what `chipshock calibrate --assumptions` writes."""
    shipped = pd.read_csv(CURATED / "shock_assumptions.csv", dtype=str, keep_default_na=False)
    again = with_calibrated_rows(shipped, calibrate().astype(str), read_history_observations())
    assert again.equals(shipped)
    hint = shipped.set_index("parameter")["scenario_hint"]
    assert hint["fab_fire_downtime"] == hint["fab_quake_downtime"] == "calibrated"
