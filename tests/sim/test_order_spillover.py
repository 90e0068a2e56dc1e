"""Buyers double-order a class on that class's lead time: sparing one class's cut leaves the
other classes alone (the `[[sourcing]]` puzzle of session 21, docs/scenarios.md, is gone).

Automotive in the tiny model buys lt10 (20 % of its chip value) and gt45 (80 %); smartphones
the reverse. A Taiwan cut hits both classes. Until session 22 a market had one lead time and
one double-order factor for all its classes: sparing Taiwan's gt45 fabs shortened
automotive's lead time, so it double-ordered less lt10 too, got less of the shared lt10
capacity and lost more output (about 3.11 -> 3.24 weeks) with fewer chips short. With the
lead time and the double-order factor per market and class, lt10's orders follow lt10's lead
time only: sparing gt45 leaves every market's lt10 deliveries and cancellations as they were,
and no market loses more output. The market's lead time (the KPI) still falls, as it is the
value-weighted mean of its classes' lead times."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine.loop import run_chunk
from chipshock.sim.prepare import Draws, Prepared, draw_parameters, prepare
from chipshock.sim.reference import ReferenceResult, reference_run

from .conftest import PROPS, tiny_scenario


def _cut(
    sensitivity: float,
    weeks: float = 8.0,
    severity: float = 1.0,
    cancel: float = 0.1,
    cover: float = 2.0,
) -> Scenario:
    """A Taiwan cut from week 10 of 2026 (4 weeks to recover) on the tiny model, every
    ordering parameter fixed, no producers' banks."""
    fixed = Distribution.fixed
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        10,
        duration_weeks=fixed(weeks),
        severity=fixed(severity),
        recovery_weeks=fixed(4.0),
    )
    return tiny_scenario(
        (shock,),
        runs=1,
        parameters=(
            ("backlog_cancel_share_per_week", fixed(cancel)),
            ("double_order_sensitivity", fixed(sensitivity)),
            ("double_order_cap", fixed(1.0)),
            ("customer_inventory_weeks", fixed(cover)),
            ("buffer_weeks.bank", fixed(0.0)),
        ),
    )


def _both(s: Scenario, spared: float = 1.0) -> tuple[Prepared, Draws, Prepared]:
    """The scenario's arrays, its draws, and the same arrays with Taiwan's gt45 producer
    spared ``spared`` of the cut (1: gt45 keeps all of its Taiwan output)."""
    data = ModelData.tiny()
    prep = prepare(s, data)
    twn_gt45 = [
        p
        for p, (country, c) in enumerate(zip(prep.prod_country, prep.prod_class, strict=True))
        if country == "TWN" and prep.classes[c] == "gt45"
    ]
    assert len(twn_gt45) == 1
    hit = prep.prod_hit.copy()
    hit[:, twn_gt45] *= 1.0 - spared
    return prep, draw_parameters(s, data, prep, s.seed, 1), replace(prep, prod_hit=hit)


def _cancelled(r: ReferenceResult, prep: Prepared, market: str, cls: str) -> float:
    """Orders of ``market`` in class ``cls`` cancelled over the run, weeks of its demand."""
    m, c = prep.markets.index(market), prep.classes.index(cls)
    return float(np.array(r.cancelled[0])[:, m, c].sum() / prep.demand[m, c, 0])


def test_sparing_one_class_leaves_the_others_alone_with_double_ordering() -> None:
    """With double ordering on, sparing gt45 cuts every market's gt45 cancellations to none,
    its chips short and the market's peak lead time (automotive's by 4 weeks, about 22.4 ->
    18.4), while every market's lt10 deliveries and cancellations stay exactly as they were and
    no market loses more output (lt10 binds: about 3.09 weeks on both sides)."""
    prep, draws, spared = _both(_cut(sensitivity=0.5))
    a, b = reference_run(prep, draws), reference_run(spared, draws)
    auto = prep.markets.index("automotive")
    for market in prep.markets:
        assert _cancelled(a, prep, market, "gt45") > 1.0
        assert _cancelled(b, prep, market, "gt45") == 0.0
    assert b.cum_weeks[0][auto] < a.cum_weeks[0][auto] - 1.0  # fewer chips short
    assert b.lead_peak[0][auto] < a.lead_peak[0][auto] - 3.0  # shorter market lead time
    lt10 = prep.classes.index("lt10")
    for got, base in ((b.cancelled[0], a.cancelled[0]), (b.delivered[0], a.delivered[0])):
        np.testing.assert_array_equal(np.array(got)[:, :, lt10], np.array(base)[:, :, lt10])
    assert _cancelled(a, prep, "automotive", "lt10") > 3.0  # lt10 is short on both sides
    for i in range(len(prep.markets) + 1):
        assert b.out_weeks[0][i] <= a.out_weeks[0][i] + 1e-12
    np.testing.assert_allclose(b.out_weeks[0][auto], a.out_weeks[0][auto], rtol=1e-12)
    # double ordering still runs: the lead times are longer than without it
    prep0, draws0, _ = _both(_cut(sensitivity=0.0))
    assert a.lead_peak[0][auto] > reference_run(prep0, draws0).lead_peak[0][auto] + 5.0
    # the vectorised engine and the numba kernel play it alike
    for arrays, oracle in ((prep, a), (spared, b)):
        for compiled in (True, False):
            fast = run_chunk(arrays, draws, compiled=compiled)
            np.testing.assert_allclose(fast.out_weeks[0], oracle.out_weeks[0], rtol=1e-9)
            np.testing.assert_allclose(fast.lead_peak[0], oracle.lead_peak[0], rtol=1e-9)


@PROPS
@given(
    sensitivity=st.floats(0.0, 1.0),
    weeks=st.floats(1.0, 40.0),
    severity=st.floats(0.05, 1.0),
    cancel=st.floats(0.0, 1.0),
    cover=st.floats(0.0, 6.0),
    spared=st.floats(0.0, 1.0),
)
def test_more_supply_in_one_class_never_changes_another_or_loses_output(
    sensitivity: float, weeks: float, severity: float, cancel: float, cover: float, spared: float
) -> None:
    """With or without double ordering, sparing part of one class's cut leaves every other
    class's deliveries and cancellations unchanged and loses no market more output: a class's
    double orders follow its own lead time, and without market caps a market's classes meet
    only at the output they make together. The cut hits the fabs only (Taiwan's material M1
    keeps flowing): with M1 cut too, a spared fab draws M1's stock down sooner and can lose
    output later (`test_a_spared_fab_can_use_up_a_material_another_week_needed`)."""
    prep, draws, better = _both(_cut(sensitivity, weeks, severity, cancel, cover), spared)
    a, b = reference_run(_fabs_only(prep), draws), reference_run(_fabs_only(better), draws)
    lt10 = prep.classes.index("lt10")
    for got, base in ((b.cancelled[0], a.cancelled[0]), (b.delivered[0], a.delivered[0])):
        np.testing.assert_array_equal(np.array(got)[:, :, lt10], np.array(base)[:, :, lt10])
    for i in range(len(prep.markets) + 1):
        assert b.out_weeks[0][i] <= a.out_weeks[0][i] + 1e-9


def _fabs_only(prep: Prepared) -> Prepared:
    """The same arrays with the country shock's cut of inputs made there (M1) taken out."""
    return replace(prep, country_hit=np.zeros_like(prep.country_hit))


def test_a_spared_fab_can_use_up_a_material_another_week_needed() -> None:
    """Found by hypothesis (session 25): an 11-week Taiwan cut that also stops Taiwan's M1,
    no customer stock, every unmet order cancelled. Sparing Taiwan's gt45 fab keeps it running
    on M1 during the cut, when lt10 (40 % delivered) binds every market anyway; M1's stock
    then runs short in the recovery, M1's cap takes gt45 below demand (99.5 % in week 23, when
    the unspared run delivers all), and the markets lose 7.505 weeks of output against 7.500.
    The model allocates a short material week by week to the fabs running, not to the week
    that needs it most. Without M1's cut both lose 7.500 weeks."""
    prep, draws, better = _both(_cut(0.0, 11.0, 1.0, 1.0, 0.0), 1.0)
    a, b = reference_run(prep, draws), reference_run(better, draws)
    gt45 = prep.classes.index("gt45")
    assert np.allclose(np.array(a.out_weeks[0]), 7.5)
    assert np.allclose(np.array(b.out_weeks[0]), 7.505)
    demand = prep.demand[:, gt45, 0]
    assert np.allclose(np.array(a.delivered[0])[23][:, gt45], demand)
    assert np.allclose(np.array(b.delivered[0])[23][:, gt45], 0.995 * demand)
    a, b = reference_run(_fabs_only(prep), draws), reference_run(_fabs_only(better), draws)
    assert np.allclose(np.array(a.out_weeks[0]), 7.5)
    assert np.allclose(np.array(b.out_weeks[0]), 7.5)
