"""Normal utilisation per node class (release 18, util): demand of class c = u[c] x world
capacity of c, so 1 - u[c] is the spare capacity that absorbs an outage in that class.

The tiny model: lt10 100 kwspm (TWN 60 %), gt45 200 kwspm (TWN 50 %). A TWN outage of severity
0.4 removes 0.4 x 60 % = 24 % of lt10 and 0.4 x 50 % = 20 % of gt45 (the material M1, half from
TWN, loses 20 %, which its stock, fixed here at 60 weeks, covers: since release 21 a short
material bounds output at its share of normal use, and no slack would make up for it). The
buyers of the TWN producers re-qualify elsewhere in about a week here (the tiny model's 4-104
weeks would cost output in any class while they wait). With lt10 at u = 0.70
(30 % slack) the 24 % outage is smaller than the slack and costs nothing; at u = 0.97 (3 %
slack) the same outage leaves 0.76 / 0.97 = 78.4 % of demand and costs output. gt45 at 0.70
keeps 0.80 / 0.70 = 114.3 % of demand in both cases.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from chipshock import sim
from chipshock.errors import InputError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import class_utilisation
from chipshock.sim.engine import run_chunk
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run
from chipshock.sim.sensitivity import apply_target

from .test_engine import _oracle


def _with_u(data: ModelData, **u: float) -> ModelData:
    """``data`` with the rows utilisation_<class> set as given (the others kept) and every
    qualification delay about one week, so that the TWN producers' customers move to the
    spare capacity at once and class slack alone decides (the buyers' chip stocks cover the
    week)."""
    ma = data.model_assumptions.copy()
    for c, v in u.items():
        ma.loc[ma["parameter"] == f"utilisation_{c}", "value"] = v
    for kind in ("same_operator", "cross_foundry", "leading_edge"):
        for suffix, v in (("", 1.0), ("_low", 0.5), ("_high", 1.5)):
            ma.loc[ma["parameter"] == f"qualification_weeks_{kind}{suffix}", "value"] = v
    return replace(data, model_assumptions=ma)


def _twn(severity: float = 0.4, weeks: float = 52) -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2027,
        1,
        duration_weeks=Distribution.fixed(weeks),
        severity=Distribution.fixed(severity),
        recovery_weeks=Distribution.fixed(1),
    )
    return Scenario(
        "u",
        "u",
        start_year=2026,
        end_year=2028,
        runs=2,
        seed=7,
        shocks=(shock,),
        parameters=(("buffer_weeks.m1_stock", Distribution.fixed(60.0)),),
    )


def _supply(data: ModelData, s: Scenario) -> tuple[list[str], np.ndarray, int, object]:
    """Classes, the reference's weekly capacity / demand per class [T, C], the shock week and
    the reference result of run 0."""
    prep = prepare(s, data)
    ref = reference_run(prep, draw_parameters(s, data, prep, s.seed, 1))
    C = len(prep.classes)
    return list(prep.classes), np.array(ref.series[0])[:, :C], int(prep.shock_start[0]), ref


def test_tiny_rows_are_per_class(tiny_data: ModelData) -> None:
    """The tiny model keeps its one number, 0.8, now in a row per class."""
    assert class_utilisation(tiny_data, ["lt10", "gt45"]).tolist() == [0.8, 0.8]


def test_demand_is_u_of_the_class_times_world_capacity(tiny_data: ModelData) -> None:
    """Normal capacity / demand per class is 1 / u[c] (no shock, every week)."""
    data = _with_u(tiny_data, lt10=0.97, gt45=0.5)
    classes, supply, _, _ = _supply(data, _twn(severity=0.0))
    assert supply[:, classes.index("lt10")] == pytest.approx(1 / 0.97, rel=1e-9)
    assert supply[:, classes.index("gt45")] == pytest.approx(1 / 0.5, rel=1e-9)


def test_outage_within_the_slack_costs_nothing_and_beyond_it_costs(tiny_data: ModelData) -> None:
    """The same TWN outage (24 % of lt10, 20 % of gt45): free at lt10 u = 0.70, costly at 0.97;
    gt45 at 0.70 is above demand in both."""
    slack = _with_u(tiny_data, lt10=0.70, gt45=0.70)
    tight = _with_u(tiny_data, lt10=0.97, gt45=0.70)
    classes, loose_supply, t0, loose_ref = _supply(slack, _twn())
    _, tight_supply, _, tight_ref = _supply(tight, _twn())
    lt, gt = classes.index("lt10"), classes.index("gt45")
    week = t0 + 20  # inside the outage, the M1 stock spent
    assert loose_supply[week, lt] == pytest.approx(0.76 / 0.70, rel=1e-9)  # 108.6 %
    assert tight_supply[week, lt] == pytest.approx(0.76 / 0.97, rel=1e-9)  # 78.4 %
    assert loose_supply[week, gt] == tight_supply[week, gt] == pytest.approx(0.8 / 0.7, rel=1e-9)
    assert loose_ref.loss_usd[0][-1] == 0.0 and loose_ref.chips_usd[0][-1] == 0.0
    assert tight_ref.loss_usd[0][-1] > 0.0 and tight_ref.chips_usd[0][-1] > 0.0
    # the engine says the same
    assert sim.run(_twn(), slack).kpi("all", "loss_usd_bn").max() == 0.0
    assert sim.run(_twn(), tight).kpi("all", "loss_usd_bn").min() > 0.0


def test_no_shock_no_loss_even_at_full_utilisation(tiny_data: ModelData) -> None:
    """With zero slack (u = 1 in every class, the cap of the sensitivity factor) a run without
    a shock still loses nothing: demand equals capacity, never exceeds it."""
    data = _with_u(tiny_data, lt10=1.0, gt45=1.0)
    s = Scenario("calm", "calm", start_year=2026, end_year=2028, runs=2, seed=1)
    result = sim.run(s, data)
    for k in ("loss_usd_bn", "output_lost_weeks", "cumulative_shortfall_weeks"):
        assert result.kpi("all", k).max() == 0.0, k


def test_reference_agrees_with_different_u_per_class(tiny_data: ModelData) -> None:
    """The vectorised engine and the plain-loop reference agree when the classes differ in u
    (the reference reads `Prepared.demand`, which carries u[c])."""
    data = _with_u(tiny_data, lt10=0.95, gt45=0.6)
    s = _twn(severity=0.5, weeks=30).with_changes(runs=3)
    prep = prepare(s, data)
    draws = draw_parameters(s, data, prep, s.seed, 3)
    fast, slow = run_chunk(prep, draws), reference_run(prep, draws)
    np.testing.assert_allclose(fast.loss_usd, np.array(slow.loss_usd), rtol=1e-9, atol=1e-6)
    assert np.array(slow.loss_usd).max() > 0
    _oracle(s, data, 3)


def test_missing_class_row_is_an_error_naming_it(tiny_data: ModelData) -> None:
    """No silent default: a class without its row names model_assumptions.utilisation_<class>."""
    ma = tiny_data.model_assumptions
    data = replace(tiny_data, model_assumptions=ma[ma["parameter"] != "utilisation_gt45"])
    with pytest.raises(InputError) as err:
        prepare(_twn(), data)
    text = str(err.value)
    assert "model_assumptions.utilisation_gt45" in text and "a row utilisation_gt45" in text


def test_sensitivity_factor_moves_every_class(tiny_data: ModelData) -> None:
    """`model_assumptions.utilisation_*` scales every class's row by the same multiplier, each
    capped at 1; the base is the multiplier 1."""
    data = _with_u(tiny_data, lt10=0.95, gt45=0.6)
    applied = apply_target(_twn(), data, "model_assumptions.utilisation_*", "scale", 0.9, 1.1)
    assert applied.base_value == 1.0 and (applied.low.value, applied.high.value) == (0.9, 1.1)
    low = class_utilisation(applied.low.data, ["lt10", "gt45"])
    high = class_utilisation(applied.high.data, ["lt10", "gt45"])
    assert low == pytest.approx([0.855, 0.54]) and high == pytest.approx([1.0, 0.66])  # capped
    assert "utilisation_lt10, utilisation_gt45" in applied.source
    with pytest.raises(InputError):
        apply_target(_twn(), data, "model_assumptions.nothing_*", "scale", 0.9, 1.1)


def test_shipped_factor_moves_all_six_classes(real_data: ModelData) -> None:
    """The shipped `utilisation` factor (x0.92 .. x1.06) moves the six shipped rows."""
    from chipshock.sim.sensitivity_factors import default_factors

    row = default_factors().set_index("factor").loc["utilisation"]
    assert (row["target"], row["method"]) == ("model_assumptions.utilisation_*", "scale")
    classes = [str(c) for c in real_data.wafer_value["node_class"]]
    base = class_utilisation(real_data, classes)
    applied = apply_target(
        _twn(), real_data, str(row["target"]), "scale", float(row["low"]), float(row["high"])
    )
    low = class_utilisation(applied.low.data, classes)
    high = class_utilisation(applied.high.data, classes)
    assert len(classes) == 6 and (low < base).all() and (high > base).all()
    assert low == pytest.approx(base * 0.92) and high == pytest.approx(base * 1.06)
    assert high.max() < 1.0  # the cap at 1 does not bind with the shipped rows
