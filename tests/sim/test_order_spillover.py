"""A market's double orders follow its one lead time: less shortage in one class can lose
more output through another (the `[[sourcing]]` puzzle of session 21, docs/scenarios.md).

Automotive in the tiny model buys lt10 (20 % of its chip value) and gt45 (80 %); smartphones
the reverse. A Taiwan cut hits both classes. Sparing Taiwan's gt45 fabs ("moving the wafers
off Taiwan") shortens automotive's lead time far more than smartphones', so automotive
double-orders less of *every* class, lt10 included; lt10's capacity is shared in proportion
to the orders, so automotive gets less of it, more of its lt10 orders are cancelled, and
under complementarity 1 (a car stops at its scarcest class) it loses more output, with fewer
chips short. Without double ordering the classes do not interact at all."""

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


def test_less_shortage_in_one_class_loses_more_output_through_double_ordering() -> None:
    """Sparing gt45 cuts automotive's gt45 cancellations and its chips short, shortens its
    peak lead time (phi falls from about 1.43 to 1.23), and so gives it less of the same lt10
    capacity: its lt10 cancellations rise, smartphones' fall, and automotive loses more output
    (about 3.11 -> 3.24 weeks) while smartphones lose less. With double ordering off, lt10
    does not see gt45 at all and no market loses more."""
    prep, draws, spared = _both(_cut(sensitivity=0.5))
    a, b = reference_run(prep, draws), reference_run(spared, draws)
    auto, phones = prep.markets.index("automotive"), prep.markets.index("smartphones")
    assert _cancelled(b, prep, "automotive", "gt45") < 0.5 * _cancelled(
        a, prep, "automotive", "gt45"
    )
    assert b.cum_weeks[0][auto] < a.cum_weeks[0][auto]  # fewer chips short
    assert b.lead_peak[0][auto] < a.lead_peak[0][auto] - 1.0  # shorter lead time
    lt10 = prep.classes.index("lt10")
    series_a, series_b = np.array(a.series[0]), np.array(b.series[0])
    np.testing.assert_allclose(series_a[:, lt10], series_b[:, lt10], rtol=1e-12)  # same lt10 supply
    assert (
        _cancelled(b, prep, "automotive", "lt10") > _cancelled(a, prep, "automotive", "lt10") + 0.05
    )
    assert _cancelled(b, prep, "smartphones", "lt10") < _cancelled(a, prep, "smartphones", "lt10")
    assert b.out_weeks[0][auto] > a.out_weeks[0][auto] + 0.05  # more output lost
    assert b.out_weeks[0][phones] < a.out_weeks[0][phones]
    # the vectorised engine and the numba kernel play it alike
    for arrays, oracle in ((prep, a), (spared, b)):
        for compiled in (True, False):
            fast = run_chunk(arrays, draws, compiled=compiled)
            np.testing.assert_allclose(fast.out_weeks[0], oracle.out_weeks[0], rtol=1e-9)
    # the control: no double ordering, no spillover
    prep0, draws0, spared0 = _both(_cut(sensitivity=0.0))
    a0, b0 = reference_run(prep0, draws0), reference_run(spared0, draws0)
    for market in prep.markets:
        assert _cancelled(b0, prep0, market, "lt10") == _cancelled(a0, prep0, market, "lt10")
    assert b0.out_weeks[0][auto] <= a0.out_weeks[0][auto]


@PROPS
@given(
    weeks=st.floats(1.0, 40.0),
    severity=st.floats(0.05, 1.0),
    cancel=st.floats(0.0, 1.0),
    cover=st.floats(0.0, 6.0),
    spared=st.floats(0.0, 1.0),
)
def test_without_double_ordering_more_supply_in_one_class_never_loses_output(
    weeks: float, severity: float, cancel: float, cover: float, spared: float
) -> None:
    """With double_order_sensitivity 0, sparing part of one class's cut leaves every other
    class's deliveries and cancellations unchanged and loses no market more output: the
    market's lead time (through double ordering) is the only coupling between its classes."""
    prep, draws, better = _both(_cut(0.0, weeks, severity, cancel, cover), spared)
    a, b = reference_run(prep, draws), reference_run(better, draws)
    lt10 = prep.classes.index("lt10")
    for got, base in ((b.cancelled[0], a.cancelled[0]), (b.delivered[0], a.delivered[0])):
        np.testing.assert_array_equal(np.array(got)[:, :, lt10], np.array(base)[:, :, lt10])
    for i in range(len(prep.markets) + 1):
        assert b.out_weeks[0][i] <= a.out_weeks[0][i] + 1e-9
