"""Data release 16 (data17): Micron Hiroshima gets its 2022 level and a dated HBM ramp; the
totals of TWN n10_22, USA gt45 and JPN n28_45 are checked against SIA/BCG's full 2022 rows
(written down in SOURCES.md, no total changed).

Hiroshima had DRAM rows only from 2025 (90k) and 2030 (130k, with the 40k expansion). Two rows
are added, both `estimate:` with confidence low:
- 2022: 90,000, the 2025 level held back (Japan's 2022 DRAM share, 5.3 % of 1,700 = 90.1, was
  already derived from it); before, a 2022-2024 shock on the fab hit nothing;
- 2029: 103,300 = 90,000 + 40,000 x 6 / 18, a straight ramp from first shipments around mid-2028
  to the 40k peak in early 2030 (METI, Sep 2025) read in January 2029 (the year rule).

Hand checks: with the 2022 row, Japan's 2022 remainder ("other fabs") is 90.1 - 90.0 = 0.1,
and the engine's remainder rule keeps "other fabs" at no more than that after the last anchor
year, so the growth of Japan's share path above the fab (lin 95.9 - 0.1 = 95.8 in 2025; 101.6 in
2027) runs ahead of the registry: the cell is 90.0 of 90.1 = 99.9 % in 2022, 2025 and 2027
(93.9 and 88.6 % before), and 103.3 of 103.4 in 2029.
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

RELEASE_NOTE = "Data release 16 (data17)."


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2040."""
    return shipped_network(chain, tuple(range(2022, 2041)))


def _hiroshima_rows() -> dict[str, dict[str, str]]:
    rows = [
        r
        for r in curated_rows("fab_capacity.csv")
        if (r["fab_id"], r["node_class"]) == ("micron-hiroshima", "dram")
    ]
    return {r["year"]: r for r in rows}


def test_hiroshima_has_a_2022_level_and_a_dated_ramp(network: Network) -> None:
    """90.0 kwspm from 2022 through 2028, 103.3 in 2029 (a third of the 40k expansion), 130.0
    from 2030; the fab is a producer of the engine's network in 2022."""
    got = [fab_kwspm(network, "micron-hiroshima", "dram", y) for y in (2022, 2024, 2028)]
    assert got == [90.0, 90.0, 90.0]
    ramp_jan_2029 = 40.0 * 6 / 18  # 6 of the 18 months from July 2028 to January 2030
    assert fab_kwspm(network, "micron-hiroshima", "dram", 2029) == pytest.approx(103.3)
    assert fab_kwspm(network, "micron-hiroshima", "dram", 2029) == pytest.approx(
        90.0 + ramp_jan_2029, abs=0.05
    )
    assert fab_kwspm(network, "micron-hiroshima", "dram", 2030) == pytest.approx(130.0)


def test_new_rows_are_low_confidence_estimates_with_their_sources() -> None:
    rows = _hiroshima_rows()
    assert sorted(rows) == ["2022", "2025", "2029", "2030"]
    for year in ("2022", "2029"):
        row = rows[year]
        assert row["method"].startswith("estimate: "), year
        assert row["confidence"] == "low", year
        assert row["note"].endswith(RELEASE_NOTE), year
    assert rows["2022"]["capacity_wspm"] == "90000"
    assert rows["2029"]["capacity_wspm"] == "103300"
    assert rows["2029"]["source_url"] == "https://www.semimedia.cc/19851.html"


def test_japan_dram_reaches_the_aim(network: Network) -> None:
    """Japan's DRAM cell: 0.0 -> 99.9 % in 2022 (90.0 of 90.1), 93.9 -> 99.9 % in 2025 and
    88.6 -> 99.9 % in 2027 (the exemption of test_capacity_coverage.py is gone), 103.3 of 103.4
    in 2029."""
    assert cell(network, "JPN", "dram", 2022) == pytest.approx((90.0, 90.1), abs=0.05)
    for year in (2022, 2025, 2027, 2028):
        assert coverage_pct(network, "JPN", "dram", year) == pytest.approx(99.9, abs=0.1), year
    assert cell(network, "JPN", "dram", 2029) == pytest.approx((103.3, 103.4), abs=0.05)


def test_no_memory_cell_exceeds_its_total_2022_2040(network: Network) -> None:
    """Japan's 2030 cell (Hiroshima 130.0 against 116.8) stays within the tolerance, as in
    release 15; only the known pending cells remain beyond."""
    regions = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
    beyond = beyond_tolerance(
        network, regions, ("dram", "nand", "lt10"), TOLERANCE_KWSPM, TOLERANCE_SHARE
    )
    assert {(r, c, y) for r, c, y, _ in beyond} == set(PENDING_TOTALS)
    itemised, total = cell(network, "JPN", "dram", 2030)
    assert itemised == pytest.approx(130.0) and total == pytest.approx(116.8, abs=0.05)


def test_checked_cells_do_not_move(network: Network) -> None:
    """The cells whose totals this part checked and left alone (SOURCES.md, release 16):
    TWN n10_22 35.6 / 31.7 %, USA gt45 47.8 / 44.7 % (48.4 / 45.2 before release 17), JPN n28_45
    40.8 / 35.0 % (2025 / 2027)."""
    for region, node_class, pcts in (
        ("TWN", "n10_22", (35.6, 31.7)),
        # (47.8, 44.7) until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 2025 45.4 until release 24 (gt45b: 2022's larger remainder, other fabs 313.7 -> 325.0)
        ("USA", "gt45", (44.5, 43.6)),  # release 17 (data18c): Camas 38.3, not 41.9
        ("JPN", "n28_45", (40.8, 35.0)),
    ):
        for year, pct in zip((2025, 2027), pcts, strict=True):
            got = coverage_pct(network, region, node_class, year)
            assert got == pytest.approx(pct, abs=0.1), (region, node_class, year)


def test_data_release_16() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 16 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Release 16 — 2026-12-05" in changelog
    part = changelog.split("## Release 16 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "(data17)" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 16: JPN dram, TWN n10_22, USA gt45, JPN n28_45 (data17)" in sources
