"""The calendar's turn is not a supply event: at a new year each sourcing link keeps its own
stock and backlog (the stock grown with demand) as far as its share of the class stays, and
only what a shrinking share frees moves, to the links whose share grows.

Before, every class's stocks and backlogs were pooled over all its links and split again by
share on 1 January: a blockaded fab's buyers got the other links' stocks, and its backlog was
served by fabs they had not qualified at, so shortages eased or ended on New Year's Day
(the flagship moved to an April start recovered in exactly 39 weeks in every run)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine.layout import allocate
from chipshock.sim.engine.loop import year_turn
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.run.results import SimResult

from .conftest import tiny_scenario
from .test_allocation import _qual
from .test_engine import _oracle


def _fire(week: int) -> Shock:
    """tiny-fab1 out for 30 weeks from ``week`` of 2028."""
    return Shock("fab", ("tiny-fab1",), 2028, week, duration_weeks=Distribution.fixed(30.0))


def _output(result: SimResult, start: int) -> np.ndarray:
    out = result.bands[
        (result.bands.series == "output_pct_of_normal") & (result.bands.key == "smartphones")
    ]
    return np.asarray(out["p50"].to_numpy()[start - 1 : start + 40])


def test_a_shortage_does_not_ease_on_new_years_day(tiny_data: ModelData) -> None:
    """The same fab fire, its customers unable to move for a year, from week 5 (within 2028)
    and from week 40 (across the new year): smartphone output follows the same path week by
    week; it used to jump from 92.6 % to 95.0 % and 96.8 % of normal on 1 January."""
    years = {"start_year": 2028, "end_year": 2029}
    within = sim.run(tiny_scenario((_fire(5),), parameters=_qual(0, 0, 52), **years), tiny_data)
    across = sim.run(tiny_scenario((_fire(40),), parameters=_qual(0, 0, 52), **years), tiny_data)
    a, b = _output(within, 5), _output(across, 40)
    assert a.min() < 95.0  # the fire does cut output
    np.testing.assert_allclose(b, a, atol=0.05)
    outage = b[:30]
    assert np.all(np.diff(outage[:29]) <= 0.05)  # no recovery while the fab is out


def test_engine_and_reference_agree_across_the_turn(tiny_data: ModelData) -> None:
    """The compiled kernel, the numpy path and the plain-loop reference turn the year alike."""
    years = {"start_year": 2028, "end_year": 2029}
    _oracle(tiny_scenario((_fire(40),), parameters=_qual(0, 0, 52), **years), tiny_data, 8)


def test_year_turn_by_hand(tiny_data: ModelData) -> None:
    """Three links of one class: (0.5, 0.5, 0) of its demand last year, (0.4, 0.5, 0.1) this
    year (a new fab). The first keeps 0.4 / 0.5 = 80 % of its stock and backlog, the second
    all, the new one receives everything freed; the class's totals are kept."""
    scen = tiny_scenario()
    prep = prepare(scen, tiny_data)
    lay, _ = allocate(prep, draw_parameters(scen, tiny_data, prep, 1, 1))
    pc = prep.prod_class
    c = int(pc[0])
    links = np.flatnonzero(pc == c)[:3]
    assert len(links) == 3, "the tiny model has three producers of one class"
    M, P = len(prep.markets), len(pc)
    before, after = np.zeros((M, P)), np.zeros((M, P))
    before[:, links] = [0.5, 0.5, 0.0]
    after[:, links] = [0.4, 0.5, 0.1]
    kept, to = year_turn(lay, before, after)
    np.testing.assert_allclose(kept[0, links], [0.8, 1.0, 0.0])
    np.testing.assert_allclose(to[0, links], [0.0, 0.0, 1.0])
    stock = pd.Series([10.0, 6.0, 0.0])
    freed = float((stock * (1 - kept[0, links])).sum())
    turned = stock * kept[0, links] + freed * to[0, links]
    np.testing.assert_allclose(turned, [8.0, 6.0, 2.0])
    assert turned.sum() == pytest.approx(stock.sum())
    same_kept, same_to = year_turn(lay, before, before)
    assert (same_kept[:, links[:2]] == 1.0).all() and (same_to == 0.0).all()
