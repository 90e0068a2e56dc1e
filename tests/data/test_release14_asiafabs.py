"""Data release 14 (asiafabs): the Asian cells still below issue 8's 90 %.

CXMT gets a 2025 row from Omdia's annual wafer figure (2.73 million DRAM wafers expected in
2025, via ChosunBiz): an annual figure stays in its year under the year rule, so 2025 holds
2,730,000 / 12 = 227.5 kwspm between the 2024 average (135) and the 4Q25 peak held from 2026
(240). Before, 2025 held the 2024 average and China's DRAM cell was 79.3 % itemised. Hua Hong's
Wuxi Fab 9 runs 65, 55 and 40nm (SCMP): its capacity is split evenly over gt45 and n28_45, as
its sister fab HLMC Fab 5 is, instead of all in gt45. No fab with a sourced capacity was found
missing in Japan's and Korea's 28-45nm or Japan's >45nm cells, nor in the rest of the world's
28-45nm; the doubts about those cells' totals are in SOURCES.md ("Release 14: ... (asiafabs)").
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    shipped_network,
)
from .coverage_helpers import cell as _cell
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 14 (asiafabs)."


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2023-2029."""
    return shipped_network(chain, tuple(range(2023, 2030)))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_cxmt_holds_its_2025_wafers_in_2025(network: Network) -> None:
    """CXMT (Hefei and Beijing lines together): 1.62M wafers in 2024 / 12 = 135.0, 2.73M in
    2025 / 12 = 227.5, the 4Q25 peak of ~240k from January 2026, flat after (no Shanghai fab
    row). Before release 14, 2025 held 135.0."""
    ramp = [_fab_kwspm(network, "cxmt-hefei", "dram", y) for y in range(2024, 2028)]
    assert ramp == pytest.approx([135.0, 227.5, 240.0, 240.0])
    t = network.table()
    assert set(t.loc[t["fab_id"] == "cxmt-hefei", "region"]) == {"CHN"}


def test_hua_hong_fab9_is_split_over_its_nodes(network: Network) -> None:
    """Fab 9: nothing in 2025, ~20k in 2026, 83k from 2027 (release 12's rows), now half in
    gt45 (65/55nm) and half in n28_45 (40nm): 10 + 10, then 41.5 + 41.5. The fab's total
    is unchanged."""
    for cls in ("gt45", "n28_45"):
        ramp = [_fab_kwspm(network, "huahong-wuxi-fab9", cls, y) for y in range(2025, 2029)]
        assert ramp == pytest.approx([0.0, 10.0, 41.5, 41.5]), cls
    t = network.table()
    fab9 = t[t["fab_id"] == "huahong-wuxi-fab9"].groupby("year")["capacity_kwspm"].sum()
    assert fab9.loc[2026] == pytest.approx(20.0) and fab9.loc[2027] == pytest.approx(83.0)


@pytest.mark.parametrize(
    ("region", "cls", "year", "pct"),
    [
        # moved by this release (release 13 in brackets)
        # 417.5 (CXMT 227.5 + SK hynix Wuxi 190.0) of 409.7: the fabs pass the total by 7.8
        (
            "CHN",
            "dram",
            2025,
            101.1,
        ),  # (79.3: 325.0 of 409.7); 101.9 before release 15, 101.3 before 18
        ("CHN", "n28_45", 2027, 68.1),  # (62.5): + 41.5 of 735.0
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 80.8 before release 15 (data16)
        # 82.3 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 82.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2027, 80.9),
        # checked, not moved (SOURCES.md, Release 14 (asiafabs))
        ("CHN", "dram", 2027, 93.7),  # 94.2 before release 15 (data16), 93.8 before 18 (cov19)
        ("CHN", "n28_45", 2025, 64.5),
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 83.3 before release 15 (data16: CR Micro Chongqing 12-inch)
        # 85.0 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2025, 81.2),
        ("CHN", "n10_22", 2025, 54.7),
        ("CHN", "n10_22", 2027, 37.1),
        ("JPN", "n28_45", 2025, 40.8),
        ("JPN", "n28_45", 2027, 35.0),
        # 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 73.4 until release 24 (gt45b: 2022's larger remainder, other fabs 159.8 -> 165.1)
        ("JPN", "gt45", 2025, 72.7),
        # 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 67.8),
        ("KOR", "n28_45", 2025, 67.2),
        ("KOR", "n28_45", 2027, 57.7),
        ("ROW", "n28_45", 2025, 61.3),
        ("ROW", "n28_45", 2027, 63.1),
    ],
)
def test_coverage_of_the_cells(
    network: Network, region: str, cls: str, year: int, pct: float
) -> None:
    """Each cell's itemised share of its regional total (`chipshock fabs --coverage`)."""
    assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.1)


def test_china_dram_cell_by_hand(network: Network) -> None:
    """China's DRAM cell in 2025: CXMT 227.5 + SK hynix Wuxi 190.0 = 417.5 itemised against a
    total of 412.3 (21.2 % of the world's 1,700 in 2022 moving to 23 % of 1,880 in 2025; 409.7
    from 21 % before data release 15 took 0.2 points from the U.S. and Japan; 413.0 from 21.25 %
    since release 18, cov19): the engine holds the fabs (the 4.5 excess is inside the tolerance
    of max(15, 41.3))."""
    itemised, total = _cell(network, "CHN", "dram", 2025)
    assert itemised == pytest.approx(417.5)
    assert total == pytest.approx(413.0, abs=0.1)


def test_no_asian_cell_exceeds_its_total_beyond_the_tolerance(horizon: Network) -> None:
    """In no year do the itemised fabs of China's DRAM and mature logic cells, or Japan's,
    Korea's and the rest of the world's mature cells, exceed their totals beyond the
    tolerance, with this release's rows in."""
    assert beyond_tolerance(horizon, ("CHN",), ("dram",), TOLERANCE_KWSPM, TOLERANCE_SHARE) == []
    regions = ("CHN", "JPN", "KOR", "ROW")
    mature = ("n28_45", "gt45")
    assert beyond_tolerance(horizon, regions, mature, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []


def test_new_rows_are_sourced_and_say_what_they_assume() -> None:
    """Every release-14 (asiafabs) row: a source, an as-of date, an estimate with low
    confidence whose note says what it assumes."""
    new = {
        (r["fab_id"], r["node_class"], r["year"]): r
        for r in _rows("fab_capacity.csv")
        if RELEASE_NOTE in r["note"]
    }
    assert set(new) == {
        ("cxmt-hefei", "dram", "2025"),
        ("huahong-wuxi-fab9", "gt45", "2026"),
        ("huahong-wuxi-fab9", "n28_45", "2026"),
        ("huahong-wuxi-fab9", "gt45", "2027"),
        ("huahong-wuxi-fab9", "n28_45", "2027"),
    }
    for r in new.values():
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    assert new[("cxmt-hefei", "dram", "2025")]["capacity_wspm"] == "227500"
    fab9 = [r for r in _rows("fab_capacity.csv") if r["fab_id"] == "huahong-wuxi-fab9"]
    assert sorted((r["year"], r["node_class"], r["capacity_wspm"]) for r in fab9) == [
        ("2026", "gt45", "10000"),
        ("2026", "n28_45", "10000"),
        ("2027", "gt45", "41500"),
        ("2027", "n28_45", "41500"),
    ]
    assert "scmp.com" in new[("huahong-wuxi-fab9", "n28_45", "2027")]["note"]


def test_data_release_14() -> None:
    """The data release this part belongs to (14) or a later one (15, 2026-12-05)."""
    assert int(DATA_RELEASE) >= 14 and DATA_RELEASE_DATE >= "2026-12-04"
