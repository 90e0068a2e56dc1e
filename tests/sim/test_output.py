"""Output KPIs (Leontief complementarity) and assembly, test and packaging (ATP) as an input."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chipshock import sim
from chipshock.errors import ScenarioError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine import output_lost
from chipshock.sim.prepare import draw_parameters, prepare

from .conftest import PROPS, tiny_scenario, tiny_shock, twn_shock

OUTPUT_KPIS = ["output_lost_weeks", "output_lost_pct_annual", "peak_output_lost_pct", "loss_usd_bn"]


def _with_complementarity(data: ModelData, kappa: float) -> ModelData:
    extra = pd.DataFrame([{"parameter": "complementarity", "value": kappa, "unit": "fraction"}])
    return replace(
        data, model_assumptions=pd.concat([data.model_assumptions, extra], ignore_index=True)
    )


@settings(max_examples=50, deadline=None)
@given(
    demand=arrays(np.float64, (2, 3), elements=st.sampled_from([0.0, 0.5, 1.0, 3.0, 10.0])),
    frac=arrays(np.float64, (4, 2, 3), elements=st.floats(0.0, 1.0)),
)
def test_output_fraction_below_every_class(demand: np.ndarray, frac: np.ndarray) -> None:
    """y = 1 - lost is at most every class's delivered fraction, and within [0, 1]."""
    D = demand.reshape(6)
    short = (frac * demand[None]).reshape(4, 6)
    inv_d = np.divide(1.0, D, out=np.zeros_like(D), where=D > 0)
    lost = output_lost(short, inv_d, np.zeros((4, 2)), 1.0, np.empty((4, 2)))
    f = 1.0 - short * inv_d  # delivered fraction (1 where no demand)
    y = 1.0 - lost
    assert np.all(y[:, :, None] <= f.reshape(4, 2, 3) + 1e-12)
    assert np.all((y >= -1e-12) & (y <= 1.0))
    used = demand > 0
    expect = np.where(used[None], frac, 0.0).max(axis=2)
    np.testing.assert_allclose(lost, expect, atol=1e-12)


def test_complementarity_zero_is_chip_value_mean(tiny_data: ModelData) -> None:
    """complementarity = 0 gives back the chip-value measure; 1 (default) never less (every
    order not delivered in its week cancelled, so that output lost is the shortfall)."""
    s = tiny_scenario(
        (tiny_shock(40, 1.0),),
        parameters=(("backlog_cancel_share_per_week", Distribution.fixed(1.0)),),
    )
    mean = sim.run(s, _with_complementarity(tiny_data, 0.0)).kpis_by_run
    leon = sim.run(s, tiny_data).kpis_by_run
    mean = mean[mean.market != "all"]  # "all" weights markets by output value, not chip value
    np.testing.assert_allclose(mean["output_lost_weeks"], mean["cumulative_shortfall_weeks"])
    np.testing.assert_allclose(mean["peak_output_lost_pct"], mean["peak_weekly_shortfall_pct"])
    assert (leon["output_lost_weeks"] >= leon["cumulative_shortfall_weeks"] - 1e-12).all()
    assert (leon["peak_output_lost_pct"] >= leon["peak_weekly_shortfall_pct"] - 1e-9).all()
    assert leon["loss_usd_bn"].sum() > mean["loss_usd_bn"].sum()
    with pytest.raises(ScenarioError):
        sim.run(s, _with_complementarity(tiny_data, 1.5))


def test_loss_is_output_lost_times_output_value(tiny_data: ModelData) -> None:
    """Without growth, loss = weeks of output lost x chip demand x multiplier / 52."""
    r = sim.run(tiny_scenario((tiny_shock(40, 1.0),)), tiny_data)
    em = tiny_data.end_markets.set_index("market_id")
    for m in ("automotive", "smartphones"):
        weekly = em.loc[m, "chip_demand_usd_bn"] * em.loc[m, "value_multiplier"] / 52.0
        np.testing.assert_allclose(
            r.kpi(m, "loss_usd_bn"), r.kpi(m, "output_lost_weeks") * weekly, rtol=1e-9
        )
    both = r.kpi("automotive", "loss_usd_bn") + r.kpi("smartphones", "loss_usd_bn")
    np.testing.assert_allclose(r.kpi("all", "loss_usd_bn"), both, rtol=1e-12)
    assert r.kpi("all", "loss_usd_bn").max() > 0


@PROPS
@given(seed=st.integers(0, 2**31), inv=st.floats(0.0, 10.0))
def test_no_shock_no_output_loss(tiny_data: ModelData, seed: int, inv: float) -> None:
    """Without shocks no output is lost, whatever the inventories; output bands stay at 100%."""
    r = sim.run(
        tiny_scenario(parameters=(("customer_inventory_weeks", Distribution.fixed(inv)),)),
        tiny_data,
        seed=seed,
    )
    assert np.all(r.kpis_by_run[OUTPUT_KPIS].to_numpy() == 0.0)
    out = r.bands[r.bands.series == "output_pct_of_normal"]
    assert len(out) and out["p5"].min() >= 99.9


def test_atp_stage_is_an_input_with_eto_stage_shares(real_data: ModelData) -> None:
    """A Taiwan shock also cuts ATP (S3): ~28 % of it by the ETO stage shares, with a die bank."""
    s = Scenario("t", "t", start_year=2026, end_year=2027, shocks=(twn_shock(),))
    prep = prepare(s, real_data)
    a = prep.inputs.index("S3")
    assert prep.input_is_material[a]
    # ETO stage shares sum to 99 %: renormalised over the known shares
    assert prep.country_w[a, prep.countries.index("TWN")] == pytest.approx(28 / 99)
    assert "advanced_packaging" in prep.inputs
    classes = {prep.classes[int(prep.term_class[j])] for j in np.flatnonzero(prep.term_input == a)}
    assert classes == set(prep.classes)
    d = draw_parameters(s, real_data, prep, 1, 50)
    assert d.material_buffer[:, a].min() >= 2.0 and d.material_buffer[:, a].max() <= 4.0


def test_atp_input_shock_alone_cuts_output(real_data: ModelData) -> None:
    """A shock on the ATP stage alone (no fab hit) loses output in every run, and in every
    market in most runs. (Not in every run: buyers with a large stock gap order more to restock
    and receive more of the little that is made, so a market with a long cover can ride out a
    run's stop while others lose more.)"""
    s = Scenario(
        "atp",
        "atp",
        start_year=2026,
        end_year=2027,
        runs=4,
        shocks=(Shock("input", ("S3",), 2026, 5, duration_weeks=Distribution.fixed(20)),),
    )
    r = sim.run(s, real_data)
    assert r.kpi("all", "output_lost_weeks").min() > 0
    for m in ("ai_datacenter", "smartphones", "automotive"):
        assert np.median(r.kpi(m, "output_lost_weeks")) > 0
