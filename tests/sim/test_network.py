"""The supply network: producers reconcile to the regional totals, the remainder is shown,
fabs without capacity are listed (never defaulted) and a scenario can override a fab."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

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
    """Itemised fabs plus other fabs equal the regional total wherever the residual is 0, and
    exceed it by exactly the reported residual elsewhere."""
    t = capacity_table(real_data, years=[2022, 2026, 2032, 2035])
    assert np.allclose(t["itemised_kwspm"] + t["other_fabs_kwspm"], t["capacity_kwspm"])
    assert np.allclose(t["capacity_kwspm"], t["base_kwspm"] - t["residual_kwspm"])
    sums = t.groupby(["year", "node_class"])["base_kwspm"].sum()
    assert sums[(2026, "lt10")] == pytest.approx(1160.0)  # SEMI 300mm Fab Outlook, 2Q 2025


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
