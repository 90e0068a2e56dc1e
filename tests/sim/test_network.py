"""The supply network: producers reconcile to the regional totals, the remainder is shown,
fabs without capacity are listed (never defaulted) and a scenario can override a fab."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipshock import sim
from chipshock.errors import UnknownCodeError
from chipshock.scenarios import parse_scenario
from chipshock.scenarios.model import FabOverride
from chipshock.sim import capacity_table, producer_table
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network

from .conftest import tiny_scenario, twn_shock


def _cell(t: pd.DataFrame, year: int, region: str, cls: str, col: str = "capacity_kwspm") -> float:
    row = t[(t.year == year) & (t.region == region) & (t.node_class == cls)]
    return float(row[col].iloc[0])


def test_2022_shares_reproduce_sia_bcg(real_data: ModelData) -> None:
    """In 2022 Taiwan holds 69 % and Korea 31 % of <10nm logic capacity (SIA/BCG)."""
    t = capacity_table(real_data, years=[2022])
    lt10 = t[t.node_class == "lt10"]
    total = lt10["base_kwspm"].sum()
    assert _cell(t, 2022, "TWN", "lt10", "base_kwspm") / total == pytest.approx(0.69)
    assert _cell(t, 2022, "KOR", "lt10", "base_kwspm") / total == pytest.approx(0.31)
    assert total == pytest.approx(650.0)  # global_capacity.csv lt10 2022


def test_a_class_row_wins_over_a_wider_category_in_any_row_order(real_data: ModelData) -> None:
    """Taiwan's >45nm share is its own ``logic >45nm`` row (17.6 % in 2022, of the shares'
    sum), not the ``logic >=28nm`` row (30 %) that also covers 28-45nm; reversing the file's
    row order changes nothing."""
    from chipshock.sim.network import regional

    reg, classes = regional.regions(real_data), regional.node_classes(real_data)
    rc = real_data.regional_capacity
    flipped = replace(real_data, regional_capacity=rc.iloc[::-1].reset_index(drop=True))
    shares = [regional.share_array(d, reg, classes, (2022,)) for d in (real_data, flipped)]
    np.testing.assert_array_equal(shares[0], shares[1])
    gt45, n28 = classes.index("gt45"), classes.index("n28_45")
    twn = reg.index("TWN")
    assert shares[0][twn, n28, 0] == pytest.approx(0.30)
    assert shares[0][twn, gt45, 0] == pytest.approx(0.176)


def test_producers_reconcile_to_regional_totals(real_data: ModelData) -> None:
    """Itemised fabs plus other fabs equal the regional total less what it puts ahead of the
    registry wherever the residual is 0, and exceed it by exactly the reported residual
    elsewhere."""
    t = capacity_table(real_data, years=[2022, 2026, 2032, 2035])
    assert np.allclose(t["itemised_kwspm"] + t["other_fabs_kwspm"], t["capacity_kwspm"])
    assert np.allclose(
        t["capacity_kwspm"],
        t["base_kwspm"] - t["ahead_of_registry_kwspm"] - t["residual_kwspm"],
    )
    assert (t.loc[t.year.isin([2022, 2032, 2035]), "ahead_of_registry_kwspm"] == 0).all()
    sums = t.groupby(["year", "node_class"])["base_kwspm"].sum()
    assert sums[(2026, "lt10")] == pytest.approx(1160.0)  # SEMI 300mm Fab Outlook, 2Q 2025


def test_no_unnamed_capacity_ahead_of_the_registry(real_data: ModelData) -> None:
    """Japan's leading edge: SIA/BCG's 0 % (2022) to 5 % (2032) line gives 32.0 kwspm in 2027,
    of which Rapidus' pilot line held 2.0 until data release 23 counted it as no saleable
    supply (its 2,000 wpm of end-2025, from 2026 under the year
    rule of data release 12; the 6,000 of its first volume year holds from 2028, so 6.0 before);
    the rest (30.0, 32.0 since release 23) is the line running ahead of
    Rapidus and JASM's second fab (the registry dates their ramps later), so no "other fabs"
    hold them. Switching the fabs off leaves Japan without leading-edge capacity instead of
    the unnamed copy, and the world capacity that demand is scaled to is the data's, whatever
    a scenario switches off."""
    t = capacity_table(real_data, years=[2027])
    assert _cell(t, 2027, "JPN", "lt10", "base_kwspm") == pytest.approx(32.0)
    # 30.0 until data release 23 counted the pilot line's 2.0 as no saleable supply
    assert _cell(t, 2027, "JPN", "lt10", "ahead_of_registry_kwspm") == pytest.approx(32.0)
    assert _cell(t, 2027, "JPN", "lt10", "other_fabs_kwspm") == 0.0
    # phase 2 counts from 2028, and Rapidus too since data release 23 (its pilot line is no
    # saleable supply): neither is switchable in 2027
    alliance = ["tsmc-arizona-p1"]
    off = capacity_table(real_data, years=[2027], fabs_off=alliance)
    assert _cell(off, 2027, "JPN", "lt10") == 0.0
    on, without = build_network(real_data, [2027]), build_network(real_data, [2027], alliance)
    np.testing.assert_array_equal(on.world, without.world)
    lt10 = on.classes.index("lt10")
    assert on.world[lt10, 0] == pytest.approx(1280.0 - on.ahead[:, lt10, 0].sum())
    # the unnamed capacity Korea had in 2022 stays: its remainder is unchanged
    assert _cell(t, 2027, "KOR", "lt10", "ahead_of_registry_kwspm") == 0.0
    # Taiwan's unnamed <10nm holds at its 2022 level, 448.5 - 286.7 (TSMC Fabs 12, 15, 18) =
    # 161.8 (data release 13, dataA2: before, TSMC had no 2022 rows, the whole 448.5 was
    # unnamed and nothing ran ahead); the other 33.1 of the line run ahead of the registry
    assert _cell(t, 2027, "TWN", "lt10", "other_fabs_kwspm") == pytest.approx(161.8)
    assert _cell(t, 2027, "TWN", "lt10", "ahead_of_registry_kwspm") == pytest.approx(33.1)


def test_normal_demand_is_scaled_to_the_data_world(real_data: ModelData) -> None:
    """Normal demand per class and year = the class's normal utilisation in the year
    (utilisation_<class>, release 18, or utilisation_path.csv's row for the year, release 20) x
    the data's world capacity (less what the regional lines put ahead of the registry) x 12/52,
    in the flagship and in its counterfactual without the alliance fabs alike."""
    from chipshock.scenarios.parser import builtin_scenarios
    from chipshock.sim.demand.markets import class_utilisation_path
    from chipshock.sim.prepare import prepare
    from chipshock.sim.units import WEEKLY_FACTOR

    by_id = {s.scenario_id: s for s in builtin_scenarios()}
    preps = [
        prepare(by_id[i], real_data)
        for i in ("taiwan-blockade-2027-6m", "taiwan-blockade-2027-6m-no-alliance-fabs")
    ]
    net = build_network(real_data, preps[0].years)
    u = class_utilisation_path(real_data, net.classes, preps[0].years)  # [C, Y]
    assert u.min() < u.max()  # the classes differ
    dram, y27 = net.classes.index("dram"), preps[0].years.index(2027)
    assert u[dram, y27] == 0.97 and u[dram, preps[0].years.index(2029)] == 0.92  # the path
    for p in preps:
        np.testing.assert_allclose(p.demand.sum(axis=0), u * net.world * WEEKLY_FACTOR)
    lt10 = net.classes.index("lt10")
    # SEMI's 1,280 less at least Japan's 26.0 (and the U.S. line's part ahead of its fabs)
    assert net.world[lt10, y27] <= 1280.0 - 26.0 + 1e-9


@given(
    st.lists(st.floats(0, 100), min_size=6, max_size=6),
    st.lists(st.floats(0, 100), min_size=6, max_size=6),
    st.integers(2023, 2027),
)
def test_remainder_rule_bounds(total: list[float], item: list[float], year: int) -> None:
    """other + ahead = max(0, total - item); other never exceeds it, never falls below the
    remainder observed at the first anchor (where the line allows), and never holds what a
    registered fab brings later."""
    from chipshock.sim.network.remainders import other_and_ahead

    ext = list(range(2022, 2028))
    tot, it = np.array(total)[None, None], np.array(item)[None, None]
    other, ahead = other_and_ahead(tot, it, ext, [year], [(2022, 2027)])
    k = ext.index(year)
    lin = max(0.0, total[k] - item[k])
    o = float(other[0, 0, 0])
    assert o + float(ahead[0, 0, 0]) == pytest.approx(lin)
    assert 0.0 <= o <= lin + 1e-12
    assert o >= min(lin, max(0.0, total[0] - item[0])) - 1e-12
    assert o <= max(max(0.0, total[k] - max(item[k:])), max(0.0, total[0] - item[0])) + 1e-12


def test_fabs_without_capacity_are_listed_not_defaulted(real_data: ModelData) -> None:
    """A fab without fab_capacity rows holds no capacity and is listed as such."""
    net = build_network(real_data, [2027])
    counted = {p.fab_id for p in net.producers if p.itemised}
    listed = set(net.uncounted["fab_id"])
    wafer_fabs = set(real_data.fabs.loc[real_data.fabs["segment"] != "packaging", "fab_id"])
    assert counted | listed == wafer_fabs and not counted & listed
    table = producer_table(real_data, years=[2027])
    assert set(table.loc[table.kind == "no capacity", "fab_id"]) == listed


def test_tiny_network_by_hand(tiny_data: ModelData) -> None:
    """Tiny: JPN lt10 total 40 kwspm = tiny-fab1 (5 in 2027, 10 from 2028) + other fabs; off,
    the fab's capacity leaves the world and the remainder stays."""
    t = capacity_table(tiny_data, years=[2026, 2027, 2028])
    assert [_cell(t, y, "JPN", "lt10", "itemised_kwspm") for y in (2026, 2027, 2028)] == [
        0.0,
        5.0,
        10.0,
    ]
    assert _cell(t, 2028, "JPN", "lt10", "other_fabs_kwspm") == pytest.approx(30.0)
    off = capacity_table(tiny_data, years=[2026, 2027, 2028], fabs_off=["tiny-fab1"])
    assert [_cell(off, y, "JPN", "lt10") for y in (2026, 2027, 2028)] == [40.0, 35.0, 30.0]
    assert _cell(off, 2028, "TWN", "lt10") == pytest.approx(60.0)
    assert "listed 2022" in t["share_source"].iloc[0]


def test_negative_residual_is_reported(tiny_data: ModelData) -> None:
    """An itemised fab above its region's total leaves no remainder and a reported residual."""
    big = tiny_data.fab_capacity.assign(capacity_wspm=50000.0)
    data = replace(tiny_data, fab_capacity=big)
    t = capacity_table(data, years=[2028])
    assert _cell(t, 2028, "JPN", "lt10", "residual_kwspm") == pytest.approx(-10.0)
    assert _cell(t, 2028, "JPN", "lt10", "other_fabs_kwspm") == 0.0
    assert _cell(t, 2028, "JPN", "lt10") == pytest.approx(50.0)


def test_override_changes_the_fab_and_the_answer(tiny_data: ModelData) -> None:
    """A scenario's [[fab_override]] sets a fab's capacity, start and ramp; a bigger fab lowers
    the loss of a Taiwan blockade, one that starts later raises it."""
    text = """
[scenario]
id = "x"
start_year = 2026
end_year = 2029
[[fab_override]]
fab = "tiny-fab1"
capacity_wspm = 20000
start_year = 2028
ramp_years = 2
"""
    s = parse_scenario(text)
    assert s.fab_overrides == (FabOverride("tiny-fab1", 20000.0, 2028, 2.0),)
    net = build_network(tiny_data, [2027, 2028, 2029], overrides=s.fab_overrides)
    [fab] = [p for p in net.producers if p.itemised]
    assert fab.capacity_kwspm == (0.0, 10.0, 20.0)
    shock = (twn_shock(2028),)
    base = sim.run(tiny_scenario(shock, end_year=2029), tiny_data)
    big = sim.run(
        tiny_scenario(shock, end_year=2029, fab_overrides=(FabOverride("tiny-fab1", 40000.0),)),
        tiny_data,
    )
    late = sim.run(
        tiny_scenario(shock, end_year=2029, fab_overrides=(FabOverride("tiny-fab1", None, 2030),)),
        tiny_data,
    )
    loss = {k: r.kpi("all", "loss_usd_bn") for k, r in (("b", base), ("big", big), ("l", late))}
    assert np.all(loss["big"] <= loss["b"] + 1e-9) and loss["big"].mean() < loss["b"].mean()
    assert np.all(loss["l"] >= loss["b"] - 1e-9) and loss["l"].mean() > loss["b"].mean()


def test_override_of_unknown_fab_names_it(tiny_data: ModelData) -> None:
    """An override of a fab that does not exist is an error naming the field and choices."""
    s = tiny_scenario(fab_overrides=(FabOverride("tiny-fab9", 1000.0),))
    with pytest.raises(UnknownCodeError) as err:
        sim.run(s, tiny_data)
    assert "fab_override[0].fab" in str(err.value) and "tiny-fab1" in str(err.value)


def test_a_middle_anchor_year_bends_the_shares(real_data: ModelData) -> None:
    """A derived lt10 row set for 2027 makes 2027 an anchor year of lt10 only: the shares hit
    it exactly, 2024 lies on the line from 2022 to 2027 and 2030 on the line from 2027 to 2032;
    the other classes do not move."""
    from chipshock.sim.network import regional

    reg, classes = regional.regions(real_data), regional.node_classes(real_data)
    years = (2022, 2024, 2027, 2030, 2032)
    before = regional.share_array(real_data, reg, classes, years)
    src = "Hand example, share derived by chipshock"
    mid = {"TWN": 60.0, "KOR": 20.0, "USA": 12.0, "JPN": 1.0, "CHN": 2.0, "EUR": 5.0}
    rows = pd.DataFrame(
        [
            {
                "source_name": src,
                "category": "logic <10nm",
                "region": r,
                "region_code": r,
                "year": 2027,
                "share_pct": v,
                "source_url": "https://example.org",
                "as_of": "2026",
                "confidence": "low",
                "note": "assumption: test",
            }
            for r, v in mid.items()
        ]
    )
    rc = pd.concat([real_data.regional_capacity, rows], ignore_index=True)
    after = regional.share_array(replace(real_data, regional_capacity=rc), reg, classes, years)
    lt10 = classes.index("lt10")
    for r, v in mid.items():
        assert after[reg.index(r), lt10, 2] == pytest.approx(v / 100)
    a22, a27, a32 = after[:, lt10, 0], after[:, lt10, 2], after[:, lt10, 4]
    np.testing.assert_allclose(after[:, lt10, 1], a22 + (a27 - a22) * 2 / 5)
    np.testing.assert_allclose(after[:, lt10, 3], a27 + (a32 - a27) * 3 / 5)
    np.testing.assert_allclose(after[:, lt10, [0, 4]], before[:, lt10, [0, 4]])
    others = [i for i in range(len(classes)) if i != lt10]
    np.testing.assert_array_equal(after[:, others], before[:, others])
    t = capacity_table(replace(real_data, regional_capacity=rc), years=[2027])
    row = t[(t.region == "TWN") & (t.node_class == "lt10")]
    assert "2027 listed 2027" in row["share_source"].iloc[0]
