"""Why a partial input cut can cost nothing (docs/scenarios.md, "What an input shock does"):
the fabs' stock of the input, spare capacity (1 - u of each class: utilisation_<class> in
model_assumptions.csv, 0.78-0.92 since release 18) and the buyers' chip stocks
absorb it in turn, and output is lost only once all three are spent."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock import sim
from chipshock.scenarios import load_scenario
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import class_utilisation_path
from chipshock.sim.prepare import draw_parameters, prepare, scenario_network
from chipshock.sim.reference import reference_run

#: fixed buffers so that the weeks can be counted by hand: 8 weeks of photoresist, 2 weeks of
#: producers' wafer banks, 4 + 6 = 10 weeks of customer and distributor chip stocks
_FIXED = (
    ("buffer_weeks.photoresist_stock", Distribution.fixed(8.0)),
    ("buffer_weeks.producer_wafer_bank", Distribution.fixed(2.0)),
    ("customer_inventory_weeks", Distribution.fixed(4.0)),
    ("distributor_inventory_weeks", Distribution.fixed(6.0)),
)


def _resist_cut(severity: float) -> Scenario:
    """Photoresists lose ``severity`` of their supply for 30 weeks from January 2027."""
    shock = Shock(
        "input",
        ("Photoresists",),
        2027,
        1,
        duration_weeks=Distribution.fixed(30),
        severity=Distribution.fixed(severity),
        recovery_weeks=Distribution.fixed(12),
    )
    return Scenario(
        "resist",
        "resist",
        start_year=2026,
        end_year=2028,
        runs=1,
        seed=2027,
        shocks=(shock,),
        parameters=_FIXED,
    )


def test_half_photoresist_cut_runs_the_stock_out_and_the_chip_stocks_absorb_the_rest(
    real_data: ModelData,
) -> None:
    """A 50 % cut: the 8-week stock falls 1 - 0.5 x 1.1 = 0.45 a week, so 17 weeks leave 0.35
    and week 18 can use 0.35 + 0.55 = 0.9 of normal; from week 19 every class keeps 55 % of
    its capacity, 0.55 / u of demand (64.0 % in lt10 at u = 0.86, 70.5 % in gt45 at 0.78, 56.7 %
    in DRAM at 2027's 0.97: utilisation_path.csv).
    The chips not made (about 5 weeks of demand)
    come out of 2 weeks of banks and 10 of chip stocks: no output is lost. The same cut at
    100 % makes nothing for 22 weeks and loses output."""
    s = _resist_cut(0.5)
    prep = prepare(s, real_data, scenario_network(s, real_data))
    ref = reference_run(prep, draw_parameters(s, real_data, prep, s.seed, 1))
    y, t0, C = prep.years.index(2027), int(prep.shock_start[0]), len(prep.classes)
    cap = np.bincount(prep.prod_class, prep.prod_cap[:, y], minlength=C)
    normal = cap / prep.demand[:, :, y].sum(axis=0)  # capacity / demand, about 1 / u[c]
    supply = np.array(ref.series[0])[:, :C]  # weekly capacity / demand per class
    u27 = class_utilisation_path(real_data, prep.classes, [2027])[:, 0]
    assert normal == pytest.approx(1 / u27, rel=0.01)
    assert supply[t0 + 16] == pytest.approx(normal, rel=1e-9)
    assert supply[t0 + 17] == pytest.approx(0.9 * normal, rel=1e-9)
    assert supply[t0 + 18 : t0 + 30] == pytest.approx(np.tile(0.55 * normal, (12, 1)), rel=1e-9)
    stocks = np.array(ref.inventory[0]).sum(axis=(1, 2))  # markets' chip stocks, end of week
    assert 0.5 < stocks[t0 + 18 : t0 + 60].min() / stocks[t0 - 1] < 0.8  # drawn, not spent
    assert ref.loss_usd[0][-1] == 0.0 and ref.chips_usd[0][-1] == 0.0

    full = _resist_cut(1.0)
    prep = prepare(full, real_data, scenario_network(full, real_data))
    ref = reference_run(prep, draw_parameters(full, real_data, prep, full.seed, 1))
    supply = np.array(ref.series[0])[:, :C]
    assert supply[t0 + 8 : t0 + 30] == pytest.approx(np.zeros((22, C)), abs=1e-12)
    assert ref.loss_usd[0][-1] > 100e9


def test_gallium_and_germanium_cannot_cut_capacity_below_demand(real_data: ModelData) -> None:
    """The criticalities of gallium (0.05, >45 nm) and germanium (at most 0.1) are below the
    spare capacity of every class but lt10: with both materials gone entirely, every other class
    they reach keeps at least 108 % of demand, and DRAM, which neither reaches, its 1 / 0.97 =
    103.1 % of 2027 (utilisation_path.csv, release 20). lt10, at u = 0.86 since release 19
    (14 % spare; 0.92 left
    8 % in release 18 and 0.9 x 1.095 = 98.6 %), keeps 0.9 x 1.172 = 105.5 % of its demand
    (1.172: capacity held over demand in 2027, a little above 1 / 0.86 where itemised fabs
    exceed their region's total); the built-in controls cut less than all of it and still move
    nothing (checked in the engine)."""
    s = load_scenario("china-gallium-germanium-controls")
    prep = prepare(s, real_data, scenario_network(s, real_data))
    assert sorted(prep.inputs) == ["gallium", "germanium"]
    C = len(prep.classes)
    worst = np.ones(C)
    for c, k in zip(prep.term_class, prep.term_crit, strict=True):
        worst[int(c)] = min(worst[int(c)], 1.0 - float(k))
    assert worst.min() == pytest.approx(0.9)
    y = prep.years.index(2027)
    cap = np.bincount(prep.prod_class, prep.prod_cap[:, y], minlength=C)
    left = dict(zip(prep.classes, worst * cap / prep.demand[:, :, y].sum(axis=0), strict=True))
    assert left.pop("lt10") == pytest.approx(1.055, abs=0.001)
    assert left.pop("dram") == pytest.approx(1 / 0.97, abs=0.001)
    assert min(left.values()) > 1.08
    result = sim.run(s.with_changes(runs=4), real_data)
    assert result.kpi("all", "loss_usd_bn").max() == 0.0
