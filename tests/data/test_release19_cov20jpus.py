"""Data release 19 (cov20jpus): Japan's and the U.S.'s cells below issue 8's 90 %, checked again.

No fab was added and no capacity row or total changed: every Japanese and U.S. fab the task
named either is in the registry or has no published wafer figure, or would count a company's
wafers twice (Intel Fab 12). One registry status moved: TI's Sherman SM1 started production on
2025-12-17, so `ti-sherman` is `ramping`; its capacity rows already start in January 2026.

What the tests pin, each hand-checkable:

- the five cells' coverage, unchanged (itemised / total, kwspm):
      JPN gt45   440.6 / 566.4 = 77.8 %  (2025)   471.4 / 678.1 = 69.5 %  (2027)
      JPN n28_45  98.5 / 241.3 = 40.8 %           98.5 / 281.2 = 35.0 %
      USA gt45   260.4 / 545.1 = 47.8 %          289.2 / 647.0 = 44.7 %
      USA n28_45  79.3 / 101.4 = 78.2 %           79.3 / 118.1 = 67.1 %
      USA n10_22 226.3 / 314.4 = 72.0 %          226.3 / 350.0 = 64.7 %
- the totals' doubt, in numbers: the U.S.'s and Japan's totals over all six classes are 8.3 %
  and 13.5 % of the world's 10,000 kwspm in 2022, below SIA/BCG's 10 % and 17 % for that year
  (regional_capacity.csv), so neither region's total is too high; Japan's two mature cells are
  together (98.5 + 471.4) / (281.2 + 678.1) = 59.4 % itemised in 2027, so a re-split of Japan's
  mature share alone cannot bring both cells to 90 %;
- two Japanese rows checked against the sources found: ROHM Apollo Chikugo 5,000 6-inch SiC
  wafers a month x 0.25 = 1,250; ROHM Tsukuba 25,000 6-inch wafers a month x 0.25 = 6,250 (6,300).
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    LOGIC,
    cell,
    coverage_pct,
    curated_rows,
    fab_kwspm,
    shipped_network,
)

RELEASE_NOTE = "Data release 19 (cov20jpus)"
SM1_START = "https://evertiq.com/design/2025-12-18-ti-starts-production-at-new-300mm-semiconductor-fab-in-texas"
REGIONS = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
CLASSES = (*LOGIC, "dram", "nand")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in the years the tests read."""
    return shipped_network(chain, (2022, 2025, 2026, 2027, 2028))


def test_ti_sherman_is_ramping_since_sm1_started() -> None:
    fab = {r["fab_id"]: r for r in curated_rows("fabs.csv")}["ti-sherman"]
    assert (fab["status"], fab["production_start_year"], fab["as_of"]) == (
        "ramping",
        "2025",
        "2025-12",
    )
    assert SM1_START in fab["other_source_urls"] and RELEASE_NOTE in fab["note"]
    rows = {
        r["year"]: r
        for r in curated_rows("fab_capacity.csv")
        if (r["fab_id"], r["node_class"]) == ("ti-sherman", "gt45")
    }
    # the capacity rows are the release-14 estimates, unchanged: a December 2025 start puts the
    # first level in January 2026 under the year rule
    assert {y: r["capacity_wspm"] for y, r in rows.items()} == {"2026": "15000", "2028": "30000"}
    assert SM1_START in rows["2026"]["note"] and RELEASE_NOTE in rows["2026"]["note"]


def test_ti_sherman_in_the_engine(network: Network) -> None:
    got = [fab_kwspm(network, "ti-sherman", "gt45", y) for y in (2026, 2027, 2028)]
    assert got == pytest.approx([15.0, 15.0, 30.0])


@pytest.mark.parametrize(
    ("region", "node_class", "year", "itemised", "total", "pct"),
    [
        # 566.4 / 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 600.3 / 73.4 until release 24 (gt45b: 2022's larger remainder, 165.1)
        ("JPN", "gt45", 2025, 440.6, 605.7, 72.7),
        # 678.1 / 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 471.4, 694.8, 67.8),
        ("JPN", "n28_45", 2025, 98.5, 241.3, 40.8),
        ("JPN", "n28_45", 2027, 98.5, 281.2, 35.0),
        # 545.1 / 47.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 574.1 / 45.4 until release 24 (gt45b: 2022's larger remainder, 325.0)
        ("USA", "gt45", 2025, 260.4, 585.4, 44.5),
        # 647.0 / 44.7 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("USA", "gt45", 2027, 289.2, 662.8, 43.6),
        ("USA", "n28_45", 2025, 79.3, 101.4, 78.2),
        ("USA", "n28_45", 2027, 79.3, 118.1, 67.1),
        ("USA", "n10_22", 2025, 226.3, 314.4, 72.0),
        ("USA", "n10_22", 2027, 226.3, 350.0, 64.7),
    ],
)
def test_cells_unchanged(
    network: Network,
    region: str,
    node_class: str,
    year: int,
    itemised: float,
    total: float,
    pct: float,
) -> None:
    assert cell(network, region, node_class, year) == pytest.approx((itemised, total), abs=0.06)
    assert coverage_pct(network, region, node_class, year) == pytest.approx(pct, abs=0.05)


def _total_share(network: Network, region: str, year: int) -> float:
    """A region's total over all six classes, as a % of the world's."""
    ours = sum(cell(network, region, c, year)[1] for c in CLASSES)
    world = sum(cell(network, r, c, year)[1] for r in REGIONS for c in CLASSES)
    return 100.0 * ours / world


def test_usa_and_japan_totals_are_below_sia_bcg(network: Network) -> None:
    sia_bcg = {
        r["region_code"]: float(r["share_pct"])
        for r in curated_rows("regional_capacity.csv")
        if r["category"] == "total" and r["year"] == "2022" and r["source_name"].startswith("SIA")
    }
    assert (sia_bcg["USA"], sia_bcg["JPN"]) == (10.0, 17.0)
    usa, jpn = _total_share(network, "USA", 2022), _total_share(network, "JPN", 2022)
    # (8.3, 13.5) until release 24 (gt45b: the world >45nm 2022 row 3,600 -> 3,910)
    assert (usa, jpn) == pytest.approx((8.4, 13.5), abs=0.05)
    assert usa < sia_bcg["USA"] and jpn < sia_bcg["JPN"]
    # the world the shares are taken of: 10,310 kwspm in 2022 (global_capacity.csv; 10,000
    # until release 24, gt45b)
    world = sum(cell(network, r, c, 2022)[1] for r in REGIONS for c in CLASSES)
    assert world == pytest.approx(10_310.0, abs=1.0)


# 2025 66.7, 2027 59.4 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026);
# 2022 65.7 and 2025 64.1 until release 24 (gt45b: the 2022 >45nm total x 3,910 / 3,600, and
# the 2022 'other fabs' it leaves hold Japan's 2025 remainder at 165.1)
@pytest.mark.parametrize(("year", "pct"), [(2022, 61.8), (2025, 63.6), (2027, 58.4)])
def test_japan_mature_cells_together(network: Network, year: int, pct: float) -> None:
    parts = [cell(network, "JPN", c, year) for c in ("n28_45", "gt45")]
    together = 100.0 * sum(p[0] for p in parts) / sum(p[1] for p in parts)
    assert together == pytest.approx(pct, abs=0.05)


def test_rohm_rows_agree_with_the_sources_found() -> None:
    rows = {
        (r["fab_id"], r["year"]): int(r["capacity_wspm"])
        for r in curated_rows("fab_capacity.csv")
        if r["fab_id"] in ("rohm-apollo-chikugo", "rohm-tsukuba")
    }
    assert rows[("rohm-apollo-chikugo", "2021")] == 5_000 * 0.25
    assert rows[("rohm-tsukuba", "2004")] == pytest.approx(25_000 * 0.25, abs=50)


def test_data_release_19_entries() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 19 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 19 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### JPN gt45, JPN n28_45, USA gt45, USA n28_45, USA n10_22 (cov20jpus)" in part
    assert "ti-sherman" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    title = "## Release 19: JPN gt45, JPN n28_45, USA gt45, USA n28_45, USA n10_22 (cov20jpus)"
    assert title in sources and SM1_START in sources.split(title, 1)[1]
