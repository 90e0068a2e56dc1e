"""A short material bounds output against normal use, not against capacity (review 16, finding
1): a consumable is used per wafer, so with half of it a fab starts at most half its normal
wafers, whatever idle tools it has (`chipshock.sim.engine.supply.producer_capacity`); the
material's pool is shared among the fabs still running (`supply.running_share`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run

from .conftest import PROPS, tiny_scenario
from .test_engine import _oracle

#: no stock of M1 and no surge of its other suppliers: the material at hand is 1 - the cut
_BARE = (
    ("buffer_weeks.m1_stock", Distribution.fixed(0.0)),
    ("material_surge_fraction", Distribution.fixed(0.0)),
)


def _m1_cut(severity: float, weeks: float = 40.0) -> Scenario:
    """M1 loses ``severity`` of its supply from week 10 of 2026 for ``weeks`` weeks."""
    shock = Shock(
        "input",
        ("M1",),
        2026,
        10,
        duration_weeks=Distribution.fixed(weeks),
        severity=Distribution.fixed(severity),
        recovery_weeks=Distribution.fixed(0),
    )
    return tiny_scenario((shock,), runs=1, parameters=_BARE)


def _supply(s: Scenario, data: ModelData) -> tuple[np.ndarray, list[str]]:
    """The reference's weekly class output / demand [T, C] of the scenario's one run."""
    prep = prepare(s, data)
    ref = reference_run(prep, draw_parameters(s, data, prep, s.seed, 1))
    C = len(prep.classes)
    return np.array(ref.series[0])[:, :C], list(prep.classes)


def test_half_the_material_leaves_a_fab_at_u_times_half_its_capacity(
    tiny_data: ModelData,
) -> None:
    """lt10 (u = 0.8, M1 criticality 1) with half its M1 makes 0.5 x 0.8 = 0.4 of its capacity,
    half its demand, not 0.5 of its capacity (0.625 of demand, the spare tools making up for
    missing material); gt45 (criticality 0.5) makes 1 - 0.5 x 0.5 = 75 % of demand, 0.6 of its
    capacity. Before and after the cut both classes make their demand. The numpy path and the
    numba kernel agree with the reference."""
    s = _m1_cut(0.5)
    supply, classes = _supply(s, tiny_data)
    u = 0.8  # utilisation_lt10 and utilisation_gt45 of the tiny model
    lt10, gt45 = classes.index("lt10"), classes.index("gt45")
    assert supply[5, lt10] == pytest.approx(1 / u)  # no cut yet: capacity / demand
    assert supply[9 + 5 : 9 + 35, lt10] * u == pytest.approx(np.full(30, 0.4), rel=1e-12)
    assert supply[9 + 5 : 9 + 35, gt45] == pytest.approx(np.full(30, 0.75), rel=1e-12)
    assert supply[9 + 45, lt10] == pytest.approx(1 / u)  # over: spare capacity again
    _oracle(s, tiny_data, 1)


def test_a_short_material_and_a_fab_outage_bind_each_on_its_own(tiny_data: ModelData) -> None:
    """A fab shock takes capacity (K = cap a), a short material normal use (K <= h load):
    JPN losing 90 % for 20 weeks takes 90 % of its fabs and of its half of M1; with M1 cut by
    another 10 %, f = (1 - 0.5 x 0.9) x 0.9 = 0.495 of M1 is at hand, shared among the lt10
    fabs still running, r = 0.6 + 0.4 x 0.1 = 0.64 of lt10's normal use: h = 0.495 / 0.64 =
    0.7734375, and each region makes the smaller of its two bounds; the engine agrees with the
    reference."""
    fab = Shock(
        "country",
        ("JPN",),
        2026,
        12,
        duration_weeks=Distribution.fixed(20),
        severity=Distribution.fixed(0.9),
        recovery_weeks=Distribution.fixed(0),
    )
    s = _m1_cut(0.1)
    s = replace(s, shocks=(*s.shocks, fab))
    supply, classes = _supply(s, tiny_data)
    lt10 = classes.index("lt10")
    # TWN (60 % of lt10) bound at 0.7734375 of its normal use; JPN (40 %) at 0.1 of its
    # capacity, 0.1 / 0.8 of its normal use, below h (demand follows capacity in the tiny model)
    assert supply[9 + 5, lt10] == pytest.approx(0.6 * 0.495 / 0.64 + 0.4 * 0.1 / 0.8, rel=1e-9)
    _oracle(s, tiny_data, 1)


def test_the_fabs_still_running_share_what_a_stopped_fab_no_longer_uses(
    tiny_data: ModelData,
) -> None:
    """M1 is half from JPN; gt45 (here criticality 1) is half in TWN, half in JPN, equal
    normal use. JPN stopped (a country shock, all of it): half of M1 is gone, but so is the
    JPN fab that used half of it: r = 0.5, f' = min(1, 0.5 / 0.5) = 1, the TWN fab is not
    limited and runs its spare capacity for the orders the JPN fab leaves, 100 of gt45's 160
    normal wafers (0.625), not 0.5 x its normal 80 (0.25). lt10 (TWN 60 %): r = 0.6, f' =
    0.5 / 0.6, TWN held at 5/6 of its normal use, 0.6 x 5/6 = 0.5 of lt10's demand. M1 cut by
    half with both fabs up (an input shock): r = 1, each is held at 0.5 of its normal use.
    The numpy path and the numba kernel agree with the reference."""
    nr = tiny_data.node_requirements
    on = (nr["input_id"] == "M1") & (nr["node_class"] == "gt45")
    data = replace(
        tiny_data, node_requirements=nr.assign(criticality=nr["criticality"].mask(on, 1.0))
    )
    jpn = Shock(
        "country",
        ("JPN",),
        2026,
        10,
        duration_weeks=Distribution.fixed(40),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(0),
    )
    stopped = replace(_m1_cut(0.5), shocks=(jpn,))
    supply, classes = _supply(stopped, data)
    lt10, gt45 = classes.index("lt10"), classes.index("gt45")
    full = slice(9 + 1, 9 + 35)
    assert supply[full, gt45] == pytest.approx(np.full(34, 100.0 / 160.0), rel=1e-12)
    assert supply[full, lt10] == pytest.approx(np.full(34, 0.5), rel=1e-12)
    _oracle(stopped, data, 1)
    supply, _ = _supply(_m1_cut(0.5), data)
    assert supply[full, gt45] == pytest.approx(np.full(34, 0.5), rel=1e-12)
    assert supply[full, lt10] == pytest.approx(np.full(34, 0.5), rel=1e-12)


@PROPS
@given(
    severity=st.floats(0.01, 1.0),
    crit=st.floats(0.05, 1.0),
    weeks=st.floats(3.0, 50.0),
)
def test_a_material_cut_never_leaves_output_above_its_share_of_normal_use(
    tiny_data: ModelData, severity: float, crit: float, weeks: float
) -> None:
    """Invariant: while a material is cut by x (no stock, no surge), a class that needs it with
    criticality c makes at most u (1 - c x) of its capacity, (1 - c x) of its demand; here it
    makes exactly that, since its tools are whole and its capacity exceeds its normal use."""
    nr = tiny_data.node_requirements
    on = (nr["input_id"] == "M1") & (nr["node_class"] == "lt10")
    data = replace(
        tiny_data, node_requirements=nr.assign(criticality=nr["criticality"].mask(on, crit))
    )
    supply, classes = _supply(_m1_cut(severity, weeks), data)
    full = supply[9 : 9 + int(weeks)]  # the weeks at full cut
    assert full[:, classes.index("lt10")].max() <= 1.0 - crit * severity + 1e-12
    assert full[:, classes.index("lt10")] == pytest.approx(1.0 - crit * severity, rel=1e-12)
    assert full[:, classes.index("gt45")] == pytest.approx(1.0 - 0.5 * severity, rel=1e-12)
