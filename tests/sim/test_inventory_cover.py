"""``inventory_cover_min_weeks`` (review 14, finding 4): the fewest weeks of cover left on a
market's driest sourcing link, so that "how much does a 12-week stockpile buy us" can be read
where the chip-value share of cover missing saturates. Engine and reference agree on it in
tests/sim/test_engine.py (`_KPI_ARRAYS`); here by hand on the tiny model."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock import sim
from chipshock.scenarios.model import Distribution, Intervention, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare

#: a four-week full stop of tiny-fab1 from week 10 of 2027, nothing to recover: no other
#: producer is qualified for its orders within four weeks (13 weeks at least across operators)
_FIRE = Shock(
    "fab",
    ("tiny-fab1",),
    2027,
    10,
    duration_weeks=Distribution.fixed(4),
    severity=Distribution.fixed(1.0),
    recovery_weeks=Distribution.fixed(0),
)
_STOCKPILE = Intervention("stockpile", markets=("automotive",), weeks=12.0)


def _run(
    shocks: tuple[Shock, ...], interventions: tuple[Intervention, ...], data: ModelData
) -> tuple[sim.SimResult, np.ndarray]:
    """The result of a one-year, three-run scenario and its drawn cover [runs, M] (weeks)."""
    s = Scenario(
        "cover",
        "cover",
        start_year=2027,
        end_year=2027,
        runs=3,
        seed=1,
        shocks=shocks,
        interventions=interventions,
    )
    prep = prepare(s, data)
    weeks = draw_parameters(s, data, prep, 1, 3).inventory_weeks
    return sim.run(s, data), np.asarray(weeks)


def test_without_a_shock_the_cover_is_the_buyers_own(tiny_data: ModelData) -> None:
    """One year (no demand growth inside it), no shock: every link holds the drawn cover w."""
    r, w = _run((), (), tiny_data)
    prep_markets = ("smartphones", "automotive")
    for m, market in enumerate(prep_markets):
        assert r.kpi(market, "inventory_cover_min_weeks") == pytest.approx(w[:, m], rel=1e-9)
    assert r.kpi("all", "inventory_cover_min_weeks") == pytest.approx(w.min(axis=1), rel=1e-9)


def test_a_four_week_fire_and_a_12_week_stockpile_by_hand(tiny_data: ModelData) -> None:
    """Four weeks without tiny-fab1: the links to it draw one week of their demand a week, so
    at the worst point they hold w - 4 weeks, 0 where w < 4 (automotive's 1.9-3.5 drawn
    weeks run dry and it loses output; smartphones' 4.54 and 4.63 leave 0.54 and 0.63). A
    12-week automotive stockpile leaves w + 12 - 4 and no output lost; smartphones' is
    unchanged. The chip-value share of cover missing cannot show the difference in kind."""
    _, w = _run((), (), tiny_data)
    fire, _ = _run((_FIRE,), (), tiny_data)
    stock, _ = _run((_FIRE,), (_STOCKPILE,), tiny_data)
    sp, auto = w[:, 0], w[:, 1]
    left = "inventory_cover_min_weeks"
    assert fire.kpi("smartphones", left) == pytest.approx(np.maximum(sp - 4, 0), abs=1e-9)
    assert fire.kpi("automotive", left) == pytest.approx(np.maximum(auto - 4, 0), abs=1e-9)
    assert (auto < 4).all() and (fire.kpi("automotive", "output_lost_weeks") > 0).all()
    assert stock.kpi("automotive", left) == pytest.approx(auto + 12 - 4, abs=1e-9)
    assert (stock.kpi("automotive", "output_lost_weeks") == 0).all()
    assert stock.kpi("smartphones", left) == pytest.approx(fire.kpi("smartphones", left))
