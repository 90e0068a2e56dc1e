"""Data release 18 (cov19): USA dram and KOR gt45, the two cells of the four named closest to 90 %.

- USA dram: the U.S. 2022 DRAM share 2 -> 1.76 %, Manassas' 30k of the 1,700 kwspm world class
  (as Japan's 5.3 is Hiroshima's 90k). Micron says the U.S. makes memory at Manassas alone, so
  the 4.0 kwspm the 2 % put beside Manassas in 2022 was an unnamed U.S. DRAM fab that does not
  exist, held flat as "other fabs" through 2040. The 0.24 points go to Korea, Taiwan and China
  in proportion (52.4 -> 52.54, 19.1 -> 19.15, 21.2 -> 21.25), as release 15's did. Hand check:
  0.0176 x 1,700 = 29.92, so the 2022 cell is 30.0 of 29.9 (the fab 0.08 above it).
- KOR gt45: onsemi Bucheon's SiC line S5 joins the registry (1 million 200mm SiC wafers a year at
  full capacity / 12 x 0.444 = 37.0k; a quarter, 9.3k, in 2024 and half, 18.5k, from 2025, held
  after onsemi stopped investing in April 2025); DB HiTek gets its disclosed 154,000 8-inch wafers
  (x 0.444 = 68.4k, from 2025) and the Sangwoo clean room's ramp to 190,000 (76.1k in 2027, 84.4k
  from 2028). Hand check, 2027: 242.3 + 18.5 + (76.1 - 66.6) = 270.3 kwspm itemised.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, coverage_pct, curated_rows, fab_kwspm, shipped_network

RELEASE_NOTE = "Data release 18 (cov19)"
DB_HITEK_DISCLOSURE = "https://sedaily.com/NewsView/2DFJ0TL8XX/GD"  # release 19: a stored copy


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2040."""
    return shipped_network(chain, tuple(range(2022, 2041)))


def _dram_share(region: str, year: int) -> float:
    rows = curated_rows("regional_capacity.csv")
    hits = [
        float(r["share_pct"])
        for r in rows
        if (r["category"], r["region_code"], r["year"]) == ("DRAM", region, str(year))
    ]
    assert len(hits) == 1, (region, year)
    return hits[0]


def _capacity_rows(fab_id: str) -> dict[str, dict[str, str]]:
    rows = curated_rows("fab_capacity.csv")
    return {r["year"]: r for r in rows if (r["fab_id"], r["node_class"]) == (fab_id, "gt45")}


def test_us_dram_share_is_manassas_and_the_2022_shares_sum_to_100() -> None:
    assert _dram_share("USA", 2022) == 1.76
    manassas_pct = 30.0 / 1700.0 * 100
    assert manassas_pct == pytest.approx(1.76, abs=0.005)
    moved = {r: _dram_share(r, 2022) for r in ("KOR", "TWN", "CHN", "JPN")}
    assert moved == {"KOR": 52.54, "TWN": 19.15, "CHN": 21.25, "JPN": 5.3}
    total = sum(
        float(r["share_pct"])
        for r in curated_rows("regional_capacity.csv")
        if (r["category"], r["year"]) == ("DRAM", "2022")
    )
    assert total == pytest.approx(100.0)
    # the 2032 projection (Manassas + Boise ID1 + New York Fab 1) is unchanged
    assert _dram_share("USA", 2032) == 4.9


def test_us_dram_cell_holds_no_unnamed_fab(network: Network) -> None:
    """88.2 % (30.0 of 34.0) before in 2025 and 2027; now Manassas is the cell, 2022 to 2027,
    and Boise ID1 (25.0 from 2028) joins it without an unnamed remainder beside them."""
    itemised, total = cell(network, "USA", "dram", 2022)
    assert (itemised, total) == pytest.approx((30.0, 29.92), abs=0.01)
    for year in (2025, 2027):
        assert cell(network, "USA", "dram", year) == pytest.approx((30.0, 30.0), abs=0.01), year
        assert coverage_pct(network, "USA", "dram", year) == pytest.approx(100.0, abs=0.05)
    assert cell(network, "USA", "dram", 2028) == pytest.approx((55.0, 55.0), abs=0.01)
    assert fab_kwspm(network, "micron-manassas", "dram", 2027) == pytest.approx(30.0)


def test_the_other_dram_cells_stay_at_or_above_90(network: Network) -> None:
    """Korea 91.5 -> 91.4, Taiwan 94.2 -> 94.1, China 93.8 -> 93.7 % in 2027 (0.24 points more of
    the world in 2022); Korea's 2022 total 52.54 % of 1,700 = 893.2."""
    assert cell(network, "KOR", "dram", 2022)[1] == pytest.approx(893.2, abs=0.05)
    for region, pct in (("KOR", 91.4), ("TWN", 94.1), ("CHN", 93.7)):
        got = coverage_pct(network, region, "dram", 2027)
        assert got == pytest.approx(pct, abs=0.1), region
    assert cell(network, "ROW", "dram", 2027) == (0.0, 0.0)


def test_onsemi_bucheon_sic_line() -> None:
    fab = {r["fab_id"]: r for r in curated_rows("fabs.csv")}["onsemi-bucheon"]
    assert (fab["country"], fab["operator_id"], fab["status"]) == ("KOR", "onsemi", "operating")
    assert fab["capacity_wspm"] == "" and RELEASE_NOTE in fab["note"]
    rows = _capacity_rows("onsemi-bucheon")
    assert {y: r["capacity_wspm"] for y, r in rows.items()} == {"2024": "9300", "2025": "18500"}
    for row in rows.values():
        assert row["method"].startswith("estimate: ") and row["confidence"] == "low"
    full = 1_000_000 / 12 * 0.444
    assert full == pytest.approx(37_000, abs=50)
    assert int(rows["2025"]["capacity_wspm"]) == pytest.approx(full / 2, abs=50)


def test_db_hitek_disclosed_level_and_sangwoo_ramp() -> None:
    rows = _capacity_rows("dbhitek-bucheon-sangwoo")
    got = {y: int(r["capacity_wspm"]) for y, r in rows.items()}
    assert got == {"2022": 61300, "2023": 66600, "2025": 68400, "2027": 76100, "2028": 84400}
    assert got["2025"] == pytest.approx(154_000 * 0.444, abs=50)
    assert got["2027"] == pytest.approx((154_000 + 35_000 / 2) * 0.444, abs=50)
    assert got["2028"] == pytest.approx(190_000 * 0.444, abs=50)
    assert rows["2025"]["method"] == "press" and rows["2025"]["source_url"] == DB_HITEK_DISCLOSURE
    assert all(rows[y]["source_url"] == DB_HITEK_DISCLOSURE for y in ("2027", "2028"))


def test_new_rows_reach_the_engine(network: Network) -> None:
    onsemi = [fab_kwspm(network, "onsemi-bucheon", "gt45", y) for y in (2024, 2025, 2027, 2040)]
    assert onsemi == pytest.approx([9.3, 18.5, 18.5, 18.5])
    db = [fab_kwspm(network, "dbhitek-bucheon-sangwoo", "gt45", y) for y in range(2024, 2029)]
    assert db == pytest.approx([66.6, 68.4, 68.4, 76.1, 84.4])


def test_korea_mature_cell_moves_above_90(network: Network) -> None:
    """82.0 % (242.3 of 295.3) before in 2027; 270.3 itemised now. 2025: 92.7 % before; the
    fabs now pass the total by 1.2 (262.6 against 261.4), as they did in 2022-2023 already."""
    itemised, _ = cell(network, "KOR", "gt45", 2027)
    assert itemised == pytest.approx(242.3 + 18.5 + (76.1 - 66.6), abs=0.05)
    # 94.2 and 2025's (262.6, 261.4) until release 21 (gt45, world >45nm row)
    assert coverage_pct(network, "KOR", "gt45", 2027) == pytest.approx(91.9, abs=0.1)
    # 2025's total 262.6 until release 24 (gt45b: Korea's 2022 'other fabs', 2.7, hold on)
    assert cell(network, "KOR", "gt45", 2025) == pytest.approx((262.6, 265.3), abs=0.05)


def test_data_release_18() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 18 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Release 18 — 2026-12-05" in changelog
    part = changelog.split("## Release 18 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### Coverage of USA DRAM, Korea, Taiwan and China >45nm (cov19)" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 18: USA dram and KOR gt45" in sources and "(cov19)" in sources
