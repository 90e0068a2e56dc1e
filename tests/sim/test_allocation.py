"""The network allocation: producers serve their own customers, priorities, substitution
after a qualification delay and only into spare capacity, demand shocks and lead times."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipshock import sim
from chipshock.errors import ScenarioError, UnknownCodeError
from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine import waterfill

from .conftest import PROPS, tiny_scenario


def _fire(year: int = 2028, weeks: float = 30.0) -> Shock:
    """tiny-fab1 (10 kwspm of the world's 100 kwspm lt10) out for ``weeks``."""
    return Shock("fab", ("tiny-fab1",), year, 1, duration_weeks=Distribution.fixed(weeks))


def _twn_cut(sev: float) -> Shock:
    """Taiwan cut by ``sev`` for 20 weeks from week 5 of 2026 (the priority tests)."""
    return Shock(
        "country",
        ("TWN",),
        2026,
        5,
        duration_weeks=Distribution.fixed(20.0),
        severity=Distribution.fixed(sev),
    )


def _qual(same: float, cross: float, lead: float) -> tuple[tuple[str, Distribution], ...]:
    return (
        ("qualification_weeks.same_operator", Distribution.fixed(same)),
        ("qualification_weeks.cross_foundry", Distribution.fixed(cross)),
        ("qualification_weeks.leading_edge", Distribution.fixed(lead)),
        ("customer_inventory_weeks", Distribution.fixed(0.0)),
    )


def test_waterfill_gives_priority_markets_more() -> None:
    """Short supply: market m gets need min(1, lambda w_m); equal weights share equally."""
    need = np.array([[[10.0], [10.0]]])
    got = waterfill(np.array([[9.0]]), need, np.array([2.0, 1.0]))
    assert got[0, :, 0] == pytest.approx([6.0, 3.0])
    same = waterfill(np.array([[9.0]]), need, np.array([1.0, 1.0]), weighted=False)
    assert same[0, :, 0] == pytest.approx([4.5, 4.5])


def test_fab_fire_hurts_until_customers_qualify_elsewhere(tiny_data: ModelData) -> None:
    """A 10 % producer out for 30 weeks: with instant qualification the others' spare capacity
    (20 % of the world's) absorbs it; with a 26-week porting delay its customers go short for
    about that long, then recover although the fab is still out."""
    years = {"start_year": 2028, "end_year": 2029}
    instant = sim.run(tiny_scenario((_fire(),), parameters=_qual(0, 0, 0), **years), tiny_data)
    assert instant.kpi("all", "output_lost_weeks").max() == 0.0
    slow = sim.run(tiny_scenario((_fire(),), parameters=_qual(0, 0, 26), **years), tiny_data)
    lost = slow.kpi("all", "output_lost_weeks")
    assert np.all(lost > 0)
    out = slow.bands[
        (slow.bands.series == "output_pct_of_normal") & (slow.bands.key == "smartphones")
    ]
    weeks_short = int((out["p50"] < 99.0).sum())
    assert 20 <= weeks_short <= 30  # the delay, then a few weeks to clear the backlog


@PROPS
@given(d1=st.floats(0.0, 60.0), extra=st.floats(0.0, 40.0))
def test_longer_qualification_never_lowers_loss(
    tiny_data: ModelData, d1: float, extra: float
) -> None:
    """Same seed: a longer qualification delay never lowers output lost or chips not delivered,
    without double ordering. (With it, an earlier move to other producers shifts the phantom
    orders between markets, and output lost can fall by a few hundredths of a per cent with a
    longer delay: seen on the tiny model at 40 against 50 weeks, 24.319 against 24.308 weeks.)"""
    shock = (Shock("country", ("TWN",), 2026, 5, duration_weeks=Distribution.fixed(40.0)),)
    plain = (("double_order_sensitivity", Distribution.fixed(0.0)),)
    a = sim.run(tiny_scenario(shock, parameters=_qual(d1, d1, d1) + plain), tiny_data)
    b = sim.run(
        tiny_scenario(shock, parameters=_qual(d1 + extra, d1 + extra, d1 + extra) + plain),
        tiny_data,
    )
    for k in ("output_lost_weeks", "chips_not_delivered_usd_bn", "loss_usd_bn"):
        assert np.all(b.kpi("all", k) >= a.kpi("all", k) - 1e-9)


@PROPS
@given(weight=st.floats(1.5, 50.0), sev=st.floats(0.6, 1.0))
def test_priorities_move_loss_to_lower_priority_markets(
    tiny_data: ModelData, weight: float, sev: float
) -> None:
    """Giving automotive priority lowers its chip shortfall and raises the smartphones' (whose
    chips it takes), run by run; without [priorities] both share alike."""
    shock = (_twn_cut(sev),)
    base = sim.run(tiny_scenario(shock), tiny_data)
    pri = sim.run(tiny_scenario(shock, priorities=(("automotive", weight),)), tiny_data)
    k = "cumulative_shortfall_weeks"
    assert np.all(pri.kpi("automotive", k) <= base.kpi("automotive", k) + 1e-9)
    assert np.all(pri.kpi("smartphones", k) >= base.kpi("smartphones", k) - 1e-9)
    if base.kpi("automotive", k).mean() > 1e-6:
        assert pri.kpi("automotive", k).mean() < base.kpi("automotive", k).mean()


def test_demand_surge_lengthens_lead_times_and_slump_does_not_hurt(tiny_data: ModelData) -> None:
    """A 60 % surge for 30 weeks in all markets, beyond the 25 % spare capacity and any run's
    inventory, creates a shortfall and longer lead times (orders also rebuild inventory cover:
    the bullwhip); a slump loses nothing: buyers use up the stock above their (lower) cover,
    so lead times rise only a little when demand comes back and they restock."""
    surge = Shock(
        "demand",
        ("automotive", "smartphones"),
        2026,
        5,
        duration_weeks=Distribution.fixed(30.0),
        severity=Distribution.fixed(0.6),
    )
    r = sim.run(tiny_scenario((surge,)), tiny_data)
    assert np.all(r.kpi("all", "cumulative_shortfall_weeks") > 0)
    assert np.all(r.kpi("all", "lead_time_weeks_peak") > 12.0)
    slump = Shock(
        "demand",
        ("automotive",),
        2026,
        5,
        duration_weeks=Distribution.fixed(20.0),
        severity=Distribution.fixed(0.4),
        direction="slump",
    )
    q = sim.run(tiny_scenario((slump,)), tiny_data)
    assert q.kpi("all", "cumulative_shortfall_weeks").max() == 0.0
    assert q.kpi("all", "output_lost_weeks").max() == 0.0
    assert q.kpi("all", "lead_time_weeks_peak").max() < r.kpi("all", "lead_time_weeks_peak").min()


def test_shock_that_hits_nothing_names_target_and_choices(tiny_data: ModelData) -> None:
    """A firm with no producer and no input share, or a market that does not exist, is an
    error that names the target and the valid choices."""
    with pytest.raises(UnknownCodeError) as err:
        sim.run(tiny_scenario((Shock("firm", ("Renesas",), 2026),)), tiny_data)
    text = str(err.value)
    assert "Renesas" in text and "shock[0].targets" in text and "tinyfab" in text
    with pytest.raises(UnknownCodeError) as err2:
        sim.run(tiny_scenario((Shock("demand", ("cars",), 2026),)), tiny_data)
    assert "automotive" in str(err2.value)
    with pytest.raises(UnknownCodeError, match="gt45, lt10"):
        sim.run(
            tiny_scenario((Shock("demand", ("automotive",), 2026, classes=("dram",)),)), tiny_data
        )


def test_lean_inventory_regime_hurts_more(tiny_data: ModelData) -> None:
    """The 2021-lean regime (1/8 of 2019 chip inventories) never lowers the loss of a shock and
    raises it on average; an unknown regime names the known ones."""
    shock = (Shock("country", ("TWN",), 2026, 5, duration_weeks=Distribution.fixed(8.0)),)
    normal = sim.run(tiny_scenario(shock), tiny_data)
    lean = sim.run(tiny_scenario(shock, inventory_regime="2021_lean"), tiny_data)
    k = "output_lost_weeks"
    assert np.all(lean.kpi("all", k) >= normal.kpi("all", k) - 1e-9)
    assert lean.kpi("all", k).mean() > normal.kpi("all", k).mean()
    with pytest.raises(ScenarioError, match="2021_lean"):
        sim.run(tiny_scenario(shock, inventory_regime="1990"), tiny_data)


def test_value_added_by_country_books_downstream_and_chip_makers(tiny_data: ModelData) -> None:
    """A Taiwan blockade: Taiwan's fabs lose chip sales; value added lost = downstream part +
    chip part in every country; downstream value added is the loss by country x the ratio."""
    shock = (Shock("country", ("TWN",), 2026, 5, duration_weeks=Distribution.fixed(20.0)),)
    r = sim.run(tiny_scenario(shock, runs=4), tiny_data)
    va = r.value_added_by_country.set_index(["country", "measure"])
    assert va.loc[("TWN", "chip_sales_lost"), "p50"] > 0
    for c in set(r.value_added_by_country["country"]):
        total = va.loc[(c, "value_added_lost"), "mean"]
        parts = va.loc[(c, "downstream_value_added_lost"), "mean"]
        parts += va.loc[(c, "chip_value_added_lost"), "mean"]
        assert total == pytest.approx(parts)
    jpn = r.loss_by_country.set_index("country").loc["JPN", "mean"]  # automotive only
    assert va.loc[("JPN", "downstream_value_added_lost"), "mean"] == pytest.approx(0.25 * jpn)
    assert set(r.producers["kind"]) == {"fab", "other fabs"}


def test_material_maps_only_to_the_classes_that_use_it(tiny_data: ModelData) -> None:
    """With materials.csv saying M1 serves gt45 only, an M1 cut no longer touches lt10 supply,
    and its stockpile comes from that row."""
    from dataclasses import replace

    from chipshock.sim.data import empty_table
    from chipshock.sim.shocks.inputs import used_requirements

    row = {c: None for c in empty_table("materials").columns}
    row.update(
        material_id="M1",
        node_classes="gt45",
        stockpile_weeks=2.0,
        stockpile_weeks_low=1.0,
        stockpile_weeks_high=3.0,
    )
    import pandas as pd

    data = replace(tiny_data, materials=pd.DataFrame([row]))
    req = used_requirements(data, ["lt10", "gt45"])
    assert set(req.loc[req.input_id == "M1", "node_class"]) == {"gt45"}
    cut = (Shock("input", ("M1",), 2026, 5, duration_weeks=Distribution.fixed(30.0)),)
    r = sim.run(tiny_scenario(cut), data)
    sup = r.bands[(r.bands.series == "supply_pct_of_demand") & (r.bands.key == "lt10")]
    assert sup["p5"].min() >= 124.0  # lt10 capacity / demand = 1 / 0.8, untouched
    both = sim.run(tiny_scenario(cut), tiny_data)
    sup2 = both.bands[(both.bands.series == "supply_pct_of_demand") & (both.bands.key == "lt10")]
    assert sup2["p5"].min() < 100.0


def test_builtin_demand_surge_runs_on_real_data(real_data: ModelData) -> None:
    """The built-in 2021-like surge, with buyers rebuilding their lean stocks toward 2019's,
    shows a 2021-like shortage: lead times beyond 26 weeks (12 normal; 2021's peak ~26, MCUs
    ~36) and more than half of buyers' target stocks missing, and the summary says so. Before
    the restocking (review 2, finding 5) the surge fitted in spare capacity: 12.2 weeks and
    nothing lost; the restocking, not the surge, makes the shortage (review 4, finding 1:
    test_surge_restocking.py)."""
    from chipshock.present.summary import summary_text
    from chipshock.scenarios import load_scenario

    r = sim.run(load_scenario("demand-surge-2021-like"), real_data, runs=20)
    assert np.median(r.kpi("all", "lead_time_weeks_peak")) > 26.0
    assert np.median(r.kpi("all", "inventory_drawdown_peak_pct")) > 50.0
    assert r.scenario.inventory_regime == "2021_lean"
    assert r.scenario.inventory_target_regime == "2019"
    text = " ".join(summary_text(r, "en").split())
    assert "Lead times from order to delivery, all markets together, peak at about" in text
    assert "against 12 in normal times" in text


def _lt10_supply_floor(data: ModelData, severity: float) -> float:
    """Lowest p50 of lt10 supply (% of demand) under an input stop of T1 (the lt10 tool) of the
    given severity from 2026 week 5 to the end of the two-year horizon."""
    cut = (
        Shock(
            "input",
            ("T1",),
            2026,
            5,
            duration_weeks=Distribution.fixed(99.0),
            severity=Distribution.fixed(severity),
        ),
    )
    r = sim.run(tiny_scenario(cut, runs=4), data)
    sup = r.bands[(r.bands.series == "supply_pct_of_demand") & (r.bands.key == "lt10")]
    return float(sup["p50"].min())


def test_partial_tool_stop_erodes_the_share_cut_off(tiny_data: ModelData) -> None:
    """Tools cut off from service fail (lambda = 2 % per week of the share cut off, after the
    service buffer), up to the share cut off; recovery only brings back tools in service.

    Tiny model: lt10 capacity is 1 / 0.8 = 125 % of demand. A 50 % stop erodes half the fleet
    at 1 % a week: after ~95 weeks the capacity is ~50 % of 125 % = 62.5 % of demand, never
    less (the old equation, with recovery rho s = 2.5 %/week beating erosion 1 %/week, left
    it at 125 %). A full stop erodes the whole fleet at 2 % a week, further still."""
    half = _lt10_supply_floor(tiny_data, 0.5)
    full = _lt10_supply_floor(tiny_data, 1.0)
    assert 60.0 <= half <= 70.0
    assert full < half


def _two_markets(weighted: bool) -> tuple[object, object]:
    """Layout and state stand-ins for `serve`: markets A (priority 10) and B (1), one producer
    with an empty bank."""
    from types import SimpleNamespace

    w = np.array([10.0, 1.0]) if weighted else np.ones(2)
    prep = SimpleNamespace(priority=w)
    lay = SimpleNamespace(weighted=weighted, prep=prep, split_weight=np.r_[w, 1.0, 1.0])
    st_ = SimpleNamespace(bank=np.zeros((1, 1)), sold=np.zeros((1, 1)))
    return lay, st_


def test_priority_serves_restocking_at_weight_one() -> None:
    """By hand: one producer with 10 k-wafers this week; A (priority 10) needs 5 now and
    orders 2 more to restock, B (priority 1) needs 5 now. A's need now (5) is met first
    (10 lambda >= 1); the other 5 go to A's restocking and B's need now alike, 5 x 2/7 and
    5 x 5/7: A gets 5 + 10/7, B 25/7 (the whole order book at weight 10 gave A 7 and B 3).
    The numba kernel gives the same: A's stock, empty at the start (cover 2 weeks = 10),
    ends at 10/7; B's, at its cover of 10, ends at 10 + 25/7 - 5 = 60/7."""
    from chipshock.sim.engine.allocation import serve
    from chipshock.sim.engine.network_kernel import network_run

    need = np.array([[[7.0], [5.0]]])
    now = np.array([[[5.0], [5.0]]])
    lay, st_ = _two_markets(True)
    U, spare, blocked, parts = serve(lay, st_, need, np.array([[10.0]]), now=now)  # type: ignore[arg-type]
    assert blocked is None and parts is not None
    assert U[0, :, 0] == pytest.approx([2.0 - 10.0 / 7.0, 5.0 - 25.0 / 7.0])
    assert parts[0][0, :, 0] == pytest.approx([0.0, 5.0 - 25.0 / 7.0])  # A's need now met
    assert parts[1][0, :, 0] == pytest.approx([2.0 - 10.0 / 7.0, 0.0])
    assert spare[0, 0] == 0.0
    # without priorities: the total, in proportion (A 7 x 10/12, B 5 x 10/12)
    lay1, st1 = _two_markets(False)
    U1, _, _, parts1 = serve(lay1, st1, need, np.array([[10.0]]), now=now)  # type: ignore[arg-type]
    assert parts1 is None
    assert U1[0, :, 0] == pytest.approx([7.0 - 70.0 / 12.0, 5.0 - 50.0 / 12.0])

    def week(weighted: bool) -> np.ndarray:
        """One week of `network_run`: producer 0 (10 k-wafers, normal orders 10), markets
        A and B with demand 5 each, cover 2 weeks, restocking 1/5 of the gap a week."""
        inv = np.array([[0.0], [10.0]])  # [M, P]: A empty, B at its cover
        net = (
            np.ones((1, 2)),  # share [P, M]
            np.zeros(1, dtype=np.int64),  # class of the producer
            np.array([[0], [1], [0], [1]], dtype=np.int64),  # one group, one class
            np.array([10.0, 1.0, 1.0, 1.0]),  # A, B needed now; A, B the rest
            np.ones((2, 1)),
            np.ones(1),
            np.ones((1, 2, 1)),
            np.zeros(1, dtype=np.int64),
            False,
            np.full((2, 1), 5.0),
        )
        lead = np.full((2, 2), 12.0)  # [M, C + 1]: the class's lead time, then the market's
        state = (np.zeros(1), inv, np.zeros((2, 1)), np.zeros(1), lead, np.zeros(1))
        out = (
            np.zeros(1),
            np.zeros((2, 1)),
            np.zeros((2, 1)),
            np.zeros((2, 1)),
            np.full(3, np.inf),
        )
        work = (np.zeros((14, 4)), np.zeros((10, 1)), np.zeros(4, dtype=np.bool_), np.zeros((2, 1)))
        network_run(
            np.array([10.0]),
            np.full((2, 1), 5.0),
            np.array([10.0]),
            net,
            (weighted, 0.0, 0.2, 12.0),
            (np.full(1, 1e9), np.full(1, 1e9), np.full((2, 1), 2.0), np.array([0.5, 0.0, 0.0])),
            state,
            out,
            work,
        )
        assert out[0][0] == pytest.approx(10.0)  # everything sold
        assert np.all(out[1] == 0.0)  # B drew its stock: nobody short this week
        # the weeks of cover left on each market's one link (stock / demand 5), then the lowest
        assert out[4] == pytest.approx([*(inv[:, 0] / 5.0), inv[:, 0].min() / 5.0])
        return inv[:, 0]

    assert week(True) == pytest.approx([10.0 / 7.0, 60.0 / 7.0])
    assert week(False) == pytest.approx([7.0 * 10.0 / 12.0 - 5.0, 5.0 + 50.0 / 12.0])


def test_market_cap_blocks_restocking_first() -> None:
    """A market cap q = 0.5 on A's link (normal flow 5) lets A take 2.5 of its 7 orders: the
    block falls on its restocking (2) and 0.5 of its need now, so A claims 2.5 at weight 10
    and nothing at 1. With 6 k-wafers A gets its 2.5, B the other 3.5 (a block pro rata
    would leave A claiming 2.5 x 5/7 at 10 and 2.5 x 2/7 at 1, though all it receives serves
    its need now, and give B 5 x (6 - 25/14) / (5 + 5/7) = 3.69)."""
    from chipshock.sim.engine.allocation import serve

    lay, st_ = _two_markets(True)
    need = np.array([[[7.0], [5.0]]])
    now = np.array([[[5.0], [5.0]]])
    q = np.array([[[0.5], [1.0]]])
    U, _, blocked, parts = serve(lay, st_, need, np.array([[6.0]]), q, np.full((2, 1), 5.0), now)  # type: ignore[arg-type]
    assert blocked is not None and parts is not None
    assert blocked[0, :, 0] == pytest.approx([4.5, 0.0])
    assert U[0, :, 0] == pytest.approx([0.0, 1.5])
    assert parts[1][0, :, 0] == pytest.approx([0.0, 0.0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_priorities_move_the_shortfall_without_enlarging_it(
    tiny_data: ModelData, seed: int
) -> None:
    """Review 10, finding 1: reallocating the same supply should not add to the chips not
    delivered. A deep Taiwan outage (severity 0.9-1, 20 weeks) on the tiny model: with
    automotive at priority 10 or 1,000 the total rises by under 1.5 % (before the split the
    favoured market's restocking was served at its priority too: +2.0 to +3.0 %, seed 1),
    while automotive's own falls. (The total still rises a little, more at milder shocks:
    the favoured market's need now is net only of stock above its cover, so it keeps its
    cover while the others run theirs down; docs/scenarios.md, `[priorities]`.) M1's stock is
    fixed at 60 weeks, so that the same supply is reallocated: TWN's half of M1 would otherwise
    run out and bound every fab at its share of normal use (release 21); with that bound the
    total rises by +1.5 to +1.8 % (seeds 1 and 3, not examined further)."""
    stock = (("buffer_weeks.m1_stock", Distribution.fixed(60.0)),)
    for sev in (0.9, 1.0):
        shock = (_twn_cut(sev),)
        k = "chips_not_delivered_usd_bn"
        base = sim.run(tiny_scenario(shock, seed=seed, parameters=stock), tiny_data)
        for weight in (10.0, 1000.0):
            pri = sim.run(
                tiny_scenario(
                    shock, seed=seed, priorities=(("automotive", weight),), parameters=stock
                ),
                tiny_data,
            )
            assert pri.kpi("all", k).mean() <= 1.015 * base.kpi("all", k).mean()
            assert pri.kpi("automotive", k).mean() < base.kpi("automotive", k).mean()
