"""Data release 19 (cov20ck): China's, Korea's and the rest of the world's cells below 90 %.

One fab added, `unitednova-shaoxing-12inch`: United Nova's (ex-SMEC) third-phase 12-inch pilot
line at Shaoxing, 10,000 12-inch power wafers a month (SMEC, May 2023; in mass production from
June 2023). Hand check of its rows (gt45, the house ramp: half in the first full year):

    2024: 10,000 / 2 = 5,000 wspm = 5.0 kwspm;  2025 on: 10,000 wspm = 10.0 kwspm

China's >45nm cell, itemised 1,333.6 -> 1,343.6 kwspm of 1,569.8 in 2025 (85.0 -> 85.6 %) and
1,511.7 -> 1,521.7 of 1,837.5 in 2027 (82.3 -> 82.8 %). The other cells of the task are checked,
not moved; the checks of the totals against TrendForce's advanced-node shares are pinned here on
the shipped data (SOURCES.md, release 19, cov20ck):

    2024, lt10 + n10_22, implied = share / Taiwan's 66 % x Taiwan's capacity
    Korea 11 %: 11/66 x 973.7 (Taiwan's total) = 162.3; 11/66 x 599.6 (itemised) = 99.9
    China  9 %:  9/66 x 973.7 = 132.8;                    9/66 x 599.6 = 81.8
    model: Korea 371.3 total, 287.9 itemised; China 98.0 total, 80.0 itemised
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, coverage_pct, curated_rows, fab_kwspm, shipped_network

RELEASE_NOTE = "Data release 19 (cov20ck)"
NEW_FAB = "unitednova-shaoxing-12inch"
SMEC_REPORT = "http://www.casmita.com/news/202306/19/12290.html"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2035."""
    return shipped_network(chain, tuple(range(2022, 2036)))


def test_new_fab_in_the_registry() -> None:
    fabs = {r["fab_id"]: r for r in curated_rows("fabs.csv")}
    fab = fabs[NEW_FAB]
    assert (fab["country"], fab["operator_id"], fab["status"]) == ("CHN", "unitednova", "operating")
    assert (fab["wafer_size_mm"], fab["capacity_wspm"], fab["production_start_year"]) == (
        "300",
        "10000",
        "2023",
    )
    assert fab["source_url"] == SMEC_REPORT and fab["confidence"] == "low"
    assert RELEASE_NOTE in fab["note"]
    # no overlap: the 8-inch fab is phase 1's 8-inch line, and its capacity row says SMEC's
    # 12-inch lines are not in it
    assert fabs["unitednova-shaoxing-8inch"]["wafer_size_mm"] == "200"
    (eight,) = [
        r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == "unitednova-shaoxing-8inch"
    ]
    assert "later 8-inch and 12-inch lines have no dated figure" in eight["note"]


def test_capacity_rows_are_the_hand_checked_ramp() -> None:
    rows = sorted(
        (r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == NEW_FAB),
        key=lambda r: r["year"],
    )
    got = [(r["node_class"], r["year"], int(r["capacity_wspm"])) for r in rows]
    design = 10_000
    assert got == [("gt45", "2024", design // 2), ("gt45", "2025", design)]
    for r in rows:
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low"
        assert r["source_url"] == SMEC_REPORT and RELEASE_NOTE in r["note"]


def test_new_fab_reaches_the_engine(network: Network) -> None:
    got = [fab_kwspm(network, NEW_FAB, "gt45", y) for y in range(2022, 2028)]
    assert got == pytest.approx([0.0, 0.0, 5.0, 10.0, 10.0, 10.0])
    t = network.table()
    assert set(t.loc[t["fab_id"] == NEW_FAB, "region"]) == {"CHN"}


@pytest.mark.parametrize(
    ("year", "itemised", "total", "pct"),
    [
        # 1,439.9 / 86.3 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2024, 1237.3 + 5.0, 1558.2, 79.7),
        # 1,569.8 / 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2025, 1333.6 + 10.0, 1655.3, 81.2),  # 85.0 % before
        # 1,837.5 / 82.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2027, 1511.7 + 10.0, 1881.2, 80.9),  # 82.3 % before
    ],
)
def test_china_mature_cell_moves_up(
    network: Network, year: int, itemised: float, total: float, pct: float
) -> None:
    assert cell(network, "CHN", "gt45", year) == pytest.approx((itemised, total), abs=0.06)
    assert coverage_pct(network, "CHN", "gt45", year) == pytest.approx(pct, abs=0.05)


@pytest.mark.parametrize(
    ("region", "node_class", "pct_2025", "pct_2027"),
    [
        ("CHN", "n28_45", 64.5, 68.1),
        ("CHN", "n10_22", 54.7, 37.1),
        ("KOR", "n10_22", 60.0, 54.8),
        ("KOR", "n28_45", 67.2, 57.7),
        ("ROW", "lt10", 0.0, 0.0),
        ("ROW", "n28_45", 61.3, 63.1),
    ],
)
def test_checked_cells_unchanged(
    network: Network, region: str, node_class: str, pct_2025: float, pct_2027: float
) -> None:
    assert coverage_pct(network, region, node_class, 2025) == pytest.approx(pct_2025, abs=0.05)
    assert coverage_pct(network, region, node_class, 2027) == pytest.approx(pct_2027, abs=0.05)


def _advanced(network: Network, region: str, year: int) -> tuple[float, float]:
    """(itemised, total) of lt10 + n10_22, the model's nearest match to '16/14nm and below'."""
    a = cell(network, region, "lt10", year)
    b = cell(network, region, "n10_22", year)
    return a[0] + b[0], a[1] + b[1]


def test_leading_edge_totals_against_trendforce_2024(network: Network) -> None:
    """TrendForce 2024 (16/14nm and below, foundry): Taiwan 66 %, Korea 11 %, China 9 %.
    Korea's cells are far above what the shares imply against Taiwan, even on its itemised
    Samsung rows, which follow SIA/BCG instead; China's are inside the range (SOURCES.md)."""
    twn_item, twn_total = _advanced(network, "TWN", 2024)
    kor_item, kor_total = _advanced(network, "KOR", 2024)
    chn_item, chn_total = _advanced(network, "CHN", 2024)
    assert (twn_item, twn_total) == pytest.approx((599.6, 973.7), abs=0.1)
    assert (kor_item, kor_total) == pytest.approx((287.9, 371.3), abs=0.1)
    assert (chn_item, chn_total) == pytest.approx((80.0, 98.0), abs=0.1)
    kor_low, kor_high = 11 / 66 * twn_item, 11 / 66 * twn_total
    chn_low, chn_high = 9 / 66 * twn_item, 9 / 66 * twn_total
    assert (kor_low, kor_high) == pytest.approx((99.9, 162.3), abs=0.1)
    assert (chn_low, chn_high) == pytest.approx((81.8, 132.8), abs=0.1)
    assert kor_total / kor_high > 2.2 and kor_item / kor_high > 1.7
    # ... while Korea's itemised <10nm follows SIA/BCG's 2022 shares (Korea 31, Taiwan 69)
    kor_lt10, twn_lt10 = (
        cell(network, "KOR", "lt10", 2024)[0],
        cell(network, "TWN", "lt10", 2024)[0],
    )
    assert (kor_lt10, twn_lt10) == pytest.approx((195.8, 437.5), abs=0.06)
    assert kor_lt10 / twn_lt10 == pytest.approx(31 / 69, abs=0.002)  # 0.448 vs 0.449
    assert chn_low * 0.95 < chn_item < chn_high and chn_low < chn_total < chn_high


def test_rest_of_world_lt10_has_no_fab(network: Network) -> None:
    """No rest-of-world fab carries <10nm capacity in any year; the only announced project,
    Intel Fab 38, is on hold and so carries no capacity row at all. The cell is the straight
    line to SIA/BCG's unallocated 3 % of 2032."""
    for year in range(2022, 2036):
        assert cell(network, "ROW", "lt10", year)[0] == 0.0
    fab38 = {r["fab_id"]: r for r in curated_rows("fabs.csv")}["intel-fab38-israel"]
    assert (fab38["country"], fab38["status"]) == ("ISR", "on-hold")
    assert not [r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == "intel-fab38-israel"]
    totals = [cell(network, "ROW", "lt10", y)[1] for y in (2025, 2027)]
    assert totals == pytest.approx([8.8, 19.2], abs=0.06)


def test_data_release_19_entries() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 19 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 19 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "(cov20ck)\n" in part and NEW_FAB in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    section = sources.split("## Release 19: CHN gt45, n28_45, n10_22; KOR n10_22, n28_45;", 1)[1]
    assert section.startswith(" ROW lt10, n28_45 (cov20ck)") and SMEC_REPORT in section
