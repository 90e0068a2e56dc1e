"""Common random numbers do not depend on the order of shocks (review 4, finding 6): a shock's
draws are keyed by its kind and targets, so a do-nothing shock placed first leaves the
blockade's draws, and the comparison, exactly as they were."""

from __future__ import annotations

import numpy as np

from chipshock import sim
from chipshock.scenarios import load_scenario
from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.draws import draw_parameters, shock_streams
from chipshock.sim.prepare import prepare

NOOP = Shock(
    "demand",
    ("automotive",),
    2029,
    1,
    duration_weeks=Distribution.fixed(1),
    severity=Distribution.fixed(0.0),
)


def test_a_shock_added_first_keeps_the_others_draws(real_data: ModelData) -> None:
    base = load_scenario("taiwan-blockade-2027-6m").with_changes(runs=40)
    first = base.with_changes(shocks=(NOOP, *base.shocks))
    assert shock_streams(first) == ["shock.demand.automotive", *shock_streams(base)]
    a = draw_parameters(base, real_data, prepare(base, real_data), base.seed, 40)
    b = draw_parameters(first, real_data, prepare(first, real_data), first.seed, 40)
    for field in ("duration", "severity", "recovery"):
        np.testing.assert_array_equal(getattr(a, field)[:, 0], getattr(b, field)[:, 1])
    ra, rb = sim.run(base, real_data), sim.run(first, real_data)
    np.testing.assert_array_equal(ra.kpi("all", "loss_usd_bn"), rb.kpi("all", "loss_usd_bn"))


def test_two_shocks_of_one_kind_and_target_get_their_own_streams() -> None:
    """The same target hit twice draws twice, independently (``#2``)."""
    base = load_scenario("taiwan-blockade-2027-6m")
    again = base.with_changes(shocks=(*base.shocks, base.shocks[0]))
    key = shock_streams(base)[0]
    assert shock_streams(again) == [key, f"{key}#2"]
