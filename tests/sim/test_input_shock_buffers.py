"""Why a partial input cut can cost little (docs/scenarios.md, "What an input shock does"):
the fabs' stock of the input and the buyers' chip stocks absorb it in turn, and output is lost
only once both are spent. A material is used per wafer, so the fabs' spare capacity (1 - u)
does not help: a short material bounds output at its share of normal use (release 21)."""

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
    and week 18 can use 0.35 + 0.55 = 0.9 of normal; from week 19 every class makes 55 % of its
    normal use, 55 % of its demand, whatever its spare capacity (lt10 holds 1.17 times its
    demand, gt45 1 / 0.78; before release 21 the spare tools made up for missing resist and
    lt10 kept 0.55 x 1.17 = 64 % of demand). The chips not made (about 8 weeks of demand with
    the 12 weeks of recovery) come out of 2 weeks of banks and 10 of chip stocks, which fall to
    under half: no output is lost. The same cut at 100 % makes nothing for 22 weeks and loses
    output."""
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
    assert supply[t0 + 17] == pytest.approx(np.full(C, 0.9), rel=1e-9)
    assert supply[t0 + 18 : t0 + 30] == pytest.approx(np.full((12, C), 0.55), rel=1e-9)
    stocks = np.array(ref.inventory[0]).sum(axis=(1, 2))  # markets' chip stocks, end of week
    assert 0.3 < stocks[t0 + 18 : t0 + 60].min() / stocks[t0 - 1] < 0.5  # drawn, not spent
    assert ref.loss_usd[0][-1] == 0.0 and ref.chips_usd[0][-1] == 0.0

    full = _resist_cut(1.0)
    prep = prepare(full, real_data, scenario_network(full, real_data))
    ref = reference_run(prep, draw_parameters(full, real_data, prep, full.seed, 1))
    supply = np.array(ref.series[0])[:, :C]
    assert supply[t0 + 8 : t0 + 30] == pytest.approx(np.zeros((22, C)), abs=1e-12)
    assert ref.loss_usd[0][-1] > 100e9


def test_gallium_and_germanium_cut_output_against_normal_use_not_capacity(
    real_data: ModelData,
) -> None:
    """Gallium (0.05, >45 nm) and germanium (at most 0.1) are used per wafer: with germanium
    gone worldwide, once its stock is spent every class it reaches makes 1 - c of its normal
    use, lt10 90 % of its demand, although lt10 holds 1.172 times its demand in capacity (0.9
    x 1.172 = 105.5 % before release 21, when the cut came off capacity and the spare absorbed
    it). The built-in controls (China's share, allied fabs only) still lose no output in a few
    runs: the buyers' chip stocks cover the gap."""
    s = load_scenario("china-gallium-germanium-controls")
    prep = prepare(s, real_data, scenario_network(s, real_data))
    assert sorted(prep.inputs) == ["gallium", "germanium"]
    C = len(prep.classes)
    worst = np.ones(C)
    for c, k in zip(prep.term_class, prep.term_crit, strict=True):
        worst[int(c)] = min(worst[int(c)], 1.0 - float(k))
    assert dict(zip(prep.classes, worst, strict=True)) == pytest.approx(
        {"lt10": 0.9, "n10_22": 0.9, "n28_45": 0.95, "gt45": 0.95, "dram": 1.0, "nand": 1.0}
    )
    total = Scenario(
        "ge",
        "ge",
        start_year=2026,
        end_year=2028,
        runs=1,
        seed=2027,
        shocks=(
            Shock(
                "input",
                ("germanium",),
                2027,
                1,
                duration_weeks=Distribution.fixed(52),
                severity=Distribution.fixed(1.0),
                recovery_weeks=Distribution.fixed(0),
            ),
        ),
        parameters=(("buffer_weeks.germanium", Distribution.fixed(6.0)),),
    )
    prep = prepare(total, real_data, scenario_network(total, real_data))
    ref = reference_run(prep, draw_parameters(total, real_data, prep, total.seed, 1))
    t0 = int(prep.shock_start[0])
    supply = dict(zip(prep.classes, np.array(ref.series[0])[t0 + 20, :C], strict=True))
    assert supply["lt10"] == pytest.approx(0.9, rel=1e-9)
    assert supply["n28_45"] == pytest.approx(0.95, rel=1e-9)
    assert supply["dram"] == pytest.approx(1 / 0.97, rel=1e-3)  # not reached: its capacity
    result = sim.run(s.with_changes(runs=4), real_data)
    assert result.kpi("all", "loss_usd_bn").max() == 0.0
