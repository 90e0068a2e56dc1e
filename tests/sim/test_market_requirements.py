"""Market-scoped input requirements (node_requirements.csv ``market_id``): an input only one
market's chips of a class need (advanced packaging for AI accelerators) limits what that
market receives of the class, not the class's wafer output."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine import run_chunk
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run

from .conftest import scoped, tiny_scenario

#: every buffer at zero, no double ordering, every unmet order cancelled at once: each week's
#: blocked orders are that week's output lost
_BARE = (
    ("buffer_weeks.m1_stock", Distribution.fixed(0.0)),
    ("buffer_weeks.bank", Distribution.fixed(0.0)),
    ("distributor_inventory_weeks", Distribution.fixed(0.0)),
    ("customer_inventory_weeks", Distribution.fixed(0.0)),
    ("backlog_cancel_share_per_week", Distribution.fixed(1.0)),
    ("double_order_sensitivity", Distribution.fixed(0.0)),
)


def _m1_cut(weeks: int) -> Scenario:
    shock = Shock(
        "input",
        ("M1",),
        2026,
        10,
        duration_weeks=Distribution.fixed(weeks),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(0.0),
    )
    return tiny_scenario((shock,), runs=1, parameters=_BARE)


def test_market_scoped_cut_hits_only_its_market(tiny_data: ModelData) -> None:
    """M1 gone for 8 weeks, no buffer: f = 0, so smartphones may take a = 1 - 0.5 (1 - 0) =
    0.5 of their lt10 orders. Half their lt10 chips are cancelled each week, and with strict
    complementarity half their output is lost: 8 x 0.5 = 4 weeks of output, USD 4 x V_week.
    Automotive, which buys lt10 from the same producers, loses nothing; the producers' lt10
    wafers are made (the class's supply stays at capacity) and half of smartphones' lt10
    orders stay unsold."""
    data = scoped(tiny_data, "smartphones", 0.5)
    s = _m1_cut(8)
    prep = prepare(s, data)
    assert list(prep.markets) == ["smartphones", "automotive"]
    assert prep.term_market.tolist() == [0]
    d = draw_parameters(s, data, prep, s.seed, 1)
    ref = reference_run(prep, d)
    for res in (run_chunk(prep, d), run_chunk(prep, d, compiled=False)):
        np.testing.assert_allclose(res.out_weeks, np.array(ref.out_weeks), rtol=1e-12)
        np.testing.assert_allclose(res.loss_usd, np.array(ref.loss_usd), rtol=1e-12)
        np.testing.assert_allclose(res.chip_output_lost, np.array(ref.chip_output_lost), rtol=1e-9)
    y = 0
    week_value = float(prep.output_value_usd[0, y])
    assert ref.out_weeks[0][0] == pytest.approx(4.0, rel=1e-12)
    assert ref.loss_usd[0][0] == pytest.approx(4.0 * week_value, rel=1e-12)
    assert ref.out_weeks[0][1] == 0.0 and ref.loss_usd[0][1] == 0.0
    lt10 = prep.classes.index("lt10")
    t0 = int(prep.shock_start[0])
    can = np.array(ref.cancelled[0])  # [T, M, C]
    D = prep.demand[0, lt10, y]
    assert can[t0 : t0 + 8, 0, lt10] == pytest.approx(np.full(8, 0.5 * D), rel=1e-12)
    assert can[t0 + 8 :, 0, lt10].max() == 0.0 and can[:, 1].max() == 0.0
    supply = np.array(ref.series[0])[:, lt10]  # lt10 capacity / demand: wafers still made
    assert supply[t0 : t0 + 8] == pytest.approx(np.full(8, supply[0]), rel=1e-12)
    # the lt10 producers' net sales lost: the blocked half of smartphones' lt10 orders
    lost = sum(ref.chip_output_lost[0][p] for p in range(len(prep.producers)))
    assert lost == pytest.approx(8 * 0.5 * D * prep.usd_per_wafer[lt10] * 1000.0, rel=1e-9)


def test_class_wide_row_hits_every_market(tiny_data: ModelData) -> None:
    """The same row (criticality 1) without a market caps the class's wafer output instead:
    no lt10 wafers for 8 weeks, and automotive, which needs lt10 too, loses 8 weeks of
    output; bound to smartphones, smartphones lose those 8 weeks and automotive nothing."""
    scoped_data = scoped(tiny_data, "smartphones", 1.0)
    nr = scoped_data.node_requirements.assign(market_id="")
    wide = replace(scoped_data, node_requirements=nr)
    s = _m1_cut(8)
    out = {}
    for name, data in (("scoped", scoped_data), ("wide", wide)):
        prep = prepare(s, data)
        ref = reference_run(prep, draw_parameters(s, data, prep, s.seed, 1))
        out[name] = ref.out_weeks[0]
    assert out["scoped"][0] == pytest.approx(8.0, rel=1e-12)  # a = 0: nothing for 8 weeks
    assert out["scoped"][1] == 0.0
    assert out["wide"][1] == pytest.approx(8.0, rel=1e-12)  # no lt10 wafers at all


def _packaging_stop(runs: int) -> Scenario:
    """Taiwan's 88 % of advanced packaging gone for 26 weeks from January 2027."""
    shock = Shock(
        "input",
        ("advanced_packaging",),
        2027,
        1,
        duration_weeks=Distribution.fixed(26),
        severity=Distribution.fixed(0.88),
        recovery_weeks=Distribution.fixed(0.0),
    )
    return Scenario(
        "ap", "ap", start_year=2026, end_year=2028, runs=runs, seed=2027, shocks=(shock,)
    )


def test_taiwan_packaging_stop_hits_ai_not_cars(real_data: ModelData) -> None:
    """On the shipped data a six-month stop of Taiwan's advanced packaging loses AI and data
    centre output (lt10 x ai_datacenter 0.7: the market keeps 1 - 0.7 x 0.88 = 38 % of its
    normal <10nm flow once the 2-week line WIP is spent, and its ~9 weeks of chip stocks run
    out), and nothing in automotive or industrial; the class-wide row it replaces (0.2 of every
    <10nm buyer) lost nothing anywhere (review 4, finding 7)."""
    s = _packaging_stop(4)
    new = sim.run(s, real_data).kpis_by_run.groupby("market")["loss_usd_bn"].mean()
    assert new["ai_datacenter"] > 3.0
    assert new["automotive"] == 0.0 and new["industrial"] == 0.0
    nr = real_data.node_requirements
    ap = nr["input_id"] == "advanced_packaging"
    old_row = nr[ap].iloc[[0]].assign(market_id="", criticality=0.2)
    old = replace(real_data, node_requirements=pd.concat([nr[~ap], old_row], ignore_index=True))
    before = sim.run(s, old).kpis_by_run.groupby("market")["loss_usd_bn"].mean()
    assert before["ai_datacenter"] < new["ai_datacenter"] / 10
    assert before["automotive"] <= new["ai_datacenter"] / 100


def test_exempt_operator_keeps_its_market_flow(tiny_data: ModelData) -> None:
    """The smartphones row of M1 (criticality 0.5) exempting the operator ``tinyfab``
    (node_requirements.csv ``except_operator_ids``: it makes the input in-house), M1 gone for
    8 weeks of 2027 with no buffer: f = 0, so smartphones may take a = 0.5 of their normal lt10
    flow from every other fab, which make 95 % of their lt10 wafers in 2027, and all of it
    from tinyfab's fab. Each week 0.5 x 0.95 = 47.5 % of their lt10 orders are cancelled and,
    with strict complementarity, 47.5 % of their output lost: 8 x 0.475 = 3.8 weeks (4 weeks
    without the exemption, the test above). Kernel, numpy path and oracle agree; the engine
    keeps tinyfab's fab in its own input zone."""
    data = scoped(tiny_data, "smartphones", 0.5)
    nr = data.node_requirements

    def exempting(who: str) -> ModelData:
        ex = np.where(nr["input_id"] == "M1", who, "")
        return replace(data, node_requirements=nr.assign(except_operator_ids=ex))

    shock = Shock(
        "input",
        ("M1",),
        2027,
        10,
        duration_weeks=Distribution.fixed(8),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(0.0),
    )
    s = tiny_scenario((shock,), runs=1, parameters=_BARE)
    data = exempting("tinyfab")
    prep = prepare(s, data)
    assert prep.term_exempt == (frozenset({"tinyfab"}),)
    assert prep.zone_operator == ("", "tinyfab")
    fab = prep.producers.index("tiny-fab1:lt10")
    assert [int(z) for z in prep.prod_zone] == [1 if p == fab else 0 for p in range(5)]
    assert prep.share[0, fab, 1] == pytest.approx(0.05)
    d = draw_parameters(s, data, prep, s.seed, 1)
    ref = reference_run(prep, d)
    for res in (run_chunk(prep, d), run_chunk(prep, d, compiled=False)):
        np.testing.assert_allclose(res.out_weeks, np.array(ref.out_weeks), rtol=1e-12)
        np.testing.assert_allclose(res.loss_usd, np.array(ref.loss_usd), rtol=1e-12)
    assert ref.out_weeks[0][0] == pytest.approx(8 * 0.5 * 0.95, rel=1e-9)
    assert ref.out_weeks[0][1] == 0.0
    # exempting an operator with no fab in the model exempts nothing: 8 x 0.5 = 4 weeks
    none = exempting("nobody")
    prep0 = prepare(s, none)
    d0 = draw_parameters(s, none, prep0, s.seed, 1)
    assert prep0.zone_operator == ("",)
    assert reference_run(prep0, d0).out_weeks[0][0] == pytest.approx(4.0, rel=1e-9)
    assert run_chunk(prep0, d0).out_weeks[0, 0] == pytest.approx(4.0, rel=1e-9)


def test_packaging_plant_shock_points_to_the_packaging_input(real_data: ModelData) -> None:
    """A fab shock on TSMC's AP6 (a packaging plant, no wafer capacity) is refused as before,
    and the error says how the model holds packaging and what to shock instead (review 6,
    finding 7); a wafer fab without capacity gets no such hint."""
    from chipshock.errors import UnknownCodeError

    def refused(fab: str) -> str:
        shock = Shock("fab", (fab,), 2027, 1, duration_weeks=Distribution.fixed(10))
        s = Scenario("t", "t", start_year=2026, end_year=2028, runs=2, shocks=(shock,))
        with pytest.raises(UnknownCodeError) as err:
            prepare(s, real_data)
        return str(err.value)

    text = refused("tsmc-ap6-zhunan")
    assert "tsmc-ap6-zhunan" in text and "packaging plant" in text
    assert 'targets = ["advanced_packaging"]' in text
    assert "packaging plant" not in refused("kioxia-kitakami-k2")
