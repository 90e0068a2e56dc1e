"""Data release 15 (data16): Micron Manassas gets its U.S. DRAM capacity; CR Micro's Chongqing
12-inch power fab joins the registry; the rare-earth and high-purity quartz rows cite their
primary sources.

Micron puts Manassas at "about 10 percent of Micron's global memory output" (Jan 2024): 30k of
Micron's ~300k DRAM wafers a month (Omdia), from 2022. The 30k come out of Micron Hiroshima
(120k -> 90k, 160k -> 130k in 2030), whose row held all of Micron's wafers outside Taiwan, so
Micron's total is unchanged. The DRAM shares derived from those fabs follow: the U.S. 1 -> 2 %
(2022; Micron: "the U.S. makes 2% of the world's memory, all at Manassas") and 3.5 -> 4.9
(2032), Japan 7 -> 5.3 (2022) and 6.5 -> 5.1 (2032); the 0.7 points of 2022 this frees go to
Korea, Taiwan and China in proportion. Hand checks: 2 % of the 1,700 kwspm world class of 2022
is 34.0; 90k is 5.3 % of 1,700.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    PENDING_TOTALS,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    cell,
    coverage_pct,
    curated_rows,
    fab_kwspm,
    shipped_network,
)

RELEASE_NOTE = "Data release 15 (data16)"
USGS_RARE_EARTHS = "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2040."""
    return shipped_network(chain, tuple(range(2022, 2041)))


def _share(region_code: str, category: str, year: int) -> float:
    rows = [
        r
        for r in curated_rows("regional_capacity.csv")
        if (r["region_code"], r["category"], r["year"]) == (region_code, category, str(year))
    ]
    assert len(rows) == 1, (region_code, category, year)
    return float(rows[0]["share_pct"])


def test_manassas_holds_a_tenth_of_micron_from_2022(network: Network) -> None:
    """Manassas: 30.0 kwspm of DRAM in every year from 2022 (the anchor year, so the engine's
    2022 floor does not count it twice), an `estimate:` row of confidence low."""
    assert [fab_kwspm(network, "micron-manassas", "dram", y) for y in (2022, 2025, 2030)] == [
        30.0,
        30.0,
        30.0,
    ]
    rows = [r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == "micron-manassas"]
    assert [(r["node_class"], r["year"], r["capacity_wspm"]) for r in rows] == [
        ("dram", "2022", "30000")
    ]
    assert rows[0]["method"].startswith("estimate: ") and rows[0]["confidence"] == "low"
    assert RELEASE_NOTE in rows[0]["note"]
    assert "vast-alliance.org" in rows[0]["source_url"]


def test_hiroshima_gives_up_what_manassas_gets(network: Network) -> None:
    """Micron's DRAM stays 300k in 2025: Taiwan 180 + Hiroshima 90 + Manassas 30; Hiroshima's
    2030 row is 90 + the 40k HBM expansion = 130."""
    micron_2025 = sum(
        fab_kwspm(network, f, "dram", 2025)
        for f in ("micron-taiwan", "micron-hiroshima", "micron-manassas")
    )
    assert micron_2025 == pytest.approx(300.0)
    assert fab_kwspm(network, "micron-hiroshima", "dram", 2025) == pytest.approx(90.0)
    assert fab_kwspm(network, "micron-hiroshima", "dram", 2030) == pytest.approx(130.0)


def test_dram_shares_follow_the_fabs() -> None:
    """The U.S. 2 % (2022) and 4.9 (2032), Japan 5.3 and 5.1; the 2032 shares still sum to 110
    (so no other region's normalised share moves). Data release 18 (cov19): the U.S. 2022 share
    2 -> 1.76, Manassas' 30k of 1,700 (test_release18_cov19.py)."""
    assert (_share("USA", "DRAM", 2022), _share("USA", "DRAM", 2032)) == (1.76, 4.9)
    assert (_share("JPN", "DRAM", 2022), _share("JPN", "DRAM", 2032)) == (5.3, 5.1)
    total_2032 = sum(
        float(r["share_pct"])
        for r in curated_rows("regional_capacity.csv")
        if (r["category"], r["year"]) == ("DRAM", "2032")
    )
    assert total_2032 == pytest.approx(110.0)


def test_us_and_japan_dram_coverage(network: Network) -> None:
    """U.S. DRAM: 0 -> 30.0 of 34.0 = 88.2 % in 2025 and 2027 (2 % of 1,700); Japan: 95.7 ->
    93.9 % in 2025, 90.9 -> 88.6 % in 2027 (Hiroshima 90k until its HBM step of 2030). Data
    release 16 (data17) gives Hiroshima a 2022 row (90k), so Japan's 2022 remainder is ~0 and
    the growth of its share path above the fab is "ahead of the registry": 99.9 % in 2025 and
    2027 (test_release16_data17.py). Data release 18 (cov19): the U.S. 2022 share follows
    Manassas (1.76 %), so no unnamed U.S. DRAM is held flat: 30.0 of 30.0, 100 %."""
    assert cell(network, "USA", "dram", 2025) == pytest.approx((30.0, 30.0), abs=0.05)
    assert coverage_pct(network, "USA", "dram", 2027) == pytest.approx(100.0, abs=0.1)
    assert coverage_pct(network, "JPN", "dram", 2025) == pytest.approx(99.9, abs=0.1)
    assert coverage_pct(network, "JPN", "dram", 2027) == pytest.approx(99.9, abs=0.1)


def test_other_dram_cells_take_the_freed_share(network: Network) -> None:
    """The 0.7 points of 2022 that the U.S. and Japan give up go to Korea, Taiwan and China in
    proportion (52 -> 52.4, 19 -> 19.1, 21 -> 21.2; 0.4 % of 1,700 = 6.8 more in Korea), not to
    the rest of the world (the remainder region), which still has no DRAM total; their 2025
    cells move 96.3 -> 95.7, 98.8 -> 98.4 and 101.9 -> 101.3 %. Data release 18 (cov19): the
    0.24 points the U.S. gives up (2 -> 1.76) go the same way (52.54, 19.15, 21.25; Korea's
    2022 total 893.2), and the 2025 cells move to 95.6, 98.2 and 101.1 %."""
    assert (_share("KOR", "DRAM", 2022), _share("TWN", "DRAM", 2022)) == (52.54, 19.15)
    assert _share("CHN", "DRAM", 2022) == 21.25
    assert cell(network, "KOR", "dram", 2022)[1] == pytest.approx(893.2, abs=0.05)
    assert cell(network, "ROW", "dram", 2025) == (0.0, 0.0)
    for region, pct in (("KOR", 95.6), ("TWN", 98.2), ("CHN", 101.1)):
        assert coverage_pct(network, region, "dram", 2025) == pytest.approx(pct, abs=0.1), region


def test_no_dram_cell_exceeds_its_total_2022_2040(network: Network) -> None:
    """The conflict that kept Manassas out since release 8 (the U.S. cell of 2030-40 beyond the
    tolerance with it) is gone, and Japan's 2030 cell (Hiroshima 130 against 116.8) stays
    within it; only the known pending cells remain beyond."""
    regions = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
    beyond = beyond_tolerance(
        network, regions, ("dram", "nand", "lt10"), TOLERANCE_KWSPM, TOLERANCE_SHARE
    )
    assert {(r, c, y) for r, c, y, _ in beyond} == set(PENDING_TOTALS)
    itemised, total = cell(network, "JPN", "dram", 2030)
    assert itemised == pytest.approx(130.0) and itemised - total < TOLERANCE_KWSPM


def test_cr_micro_chongqing_12inch_ramps_to_its_plan(network: Network) -> None:
    """CR Micro's Chongqing 12-inch power fab (Runxi): 15.0 kwspm of >45nm in 2023 (half of the
    30,000 wafers a month planned, the first full year after first products in Dec 2022), 30.0
    from 2025; no 2022 row (a late-2022 starter); a new registry fab, operated by CR Micro."""
    kwspm = [fab_kwspm(network, "crmicro-chongqing-12inch", "gt45", y) for y in (2023, 2024, 2025)]
    assert kwspm == [15.0, 15.0, 30.0]
    assert fab_kwspm(network, "crmicro-chongqing-12inch", "gt45", 2022) == 0.0
    fab = next(r for r in curated_rows("fabs.csv") if r["fab_id"] == "crmicro-chongqing-12inch")
    assert (fab["country"], fab["wafer_size_mm"], fab["operator_id"]) == ("CHN", "300", "crmicro")
    assert fab["production_start_year"] == "2022" and RELEASE_NOTE in fab["note"]
    rows = [
        r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == "crmicro-chongqing-12inch"
    ]
    assert {r["node_class"] for r in rows} == {"gt45"}
    assert all(r["method"].startswith("estimate: ") and r["confidence"] == "low" for r in rows)


def test_china_gt45_coverage_moves_up(network: Network) -> None:
    """China's >45nm cell: 83.3 -> 85.2 % in 2025 (1,307.2 + 30.0 of 1,569.8) and 80.8 -> 82.5 %
    in 2027 (1,485.2 + 30.0 of 1,837.5)."""
    # release 17 (data18c): TSMC Fab 10 at 38.3 (was 41.9), so 3.6 less itemised; release 19
    # (cov20ck): United Nova's Shaoxing 12-inch line, 10.0 more from 2025 (85.0 -> 85.6 %,
    # 82.3 -> 82.8 %)
    # 1,569.8 / 85.6 % / 82.8 % until release 21 (gt45, world >45nm row)
    assert cell(network, "CHN", "gt45", 2025) == pytest.approx((1343.6, 1655.3), abs=0.06)
    assert coverage_pct(network, "CHN", "gt45", 2025) == pytest.approx(81.2, abs=0.1)
    assert coverage_pct(network, "CHN", "gt45", 2027) == pytest.approx(80.9, abs=0.1)


def test_rare_earth_and_quartz_rows_cite_their_sources() -> None:
    """Rare-earth mining cites the USGS chapter (CHN 69, USA 12, MMR 8, ROW 11: 270, 45, 31 and
    44 of 390 kt REO); refining the IEA's 92 % (2023) in both files; no row keeps the mirror or
    the proxy-rewritten URL."""
    supply = curated_rows("material_supply.csv")
    mining = {
        r["country"]: float(r["share_pct"])
        for r in supply
        if (r["material_id"], r["stage"]) == ("rare_earths", "mining")
    }
    assert mining == {"CHN": 69.0, "USA": 12.0, "MMR": 8.0, "ROW": 11.0}
    assert all(
        r["source_url"] == USGS_RARE_EARTHS
        for r in supply
        if (r["material_id"], r["stage"]) == ("rare_earths", "mining")
    )
    raw = curated_rows("raw_materials.csv")
    refining = {
        r["country"]: float(r["share_pct"]) for r in raw if r["material_id"] == "rare_earths"
    }
    assert refining == {"CHN": 92.0, "ROW": 8.0}
    for name in ("material_supply.csv", "raw_materials.csv", "materials.csv"):
        text = (CURATED / name).read_text(encoding="utf-8")
        assert "viigoo" not in text and "fanyv88" not in text, name
    quartz = [r for r in raw if (r["material_id"], r["country"]) == ("high_purity_quartz", "USA")]
    assert quartz[0]["source_url"].startswith("https://nsjonline.com/")


def test_data_release_15() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 15 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Release 15 — 2026-12-05" in changelog
    assert "(data16)" in changelog.split("## Release 15 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert (
        "## Release 15: USA dram, CHN gt45, KOR lt10, USA n28_45, JPN gt45, TWN n28_45" in sources
    )
