"""Data release 12 (dataK): Japan's and Korea's logic cells.

New rows of a listed fab: Sony's image-sensor capacity of 152,000 300mm wafers a month in 2024
(its FY2024 Q2 results). New fabs: SK hynix M10's image-sensor line in Icheon (Korea; fewer
than 7,000 12-inch wafers a month after the 2024 cut) and JS Foundry's Niigata fab (Japan; 40,000
mainly 6-inch wafers a month, closed by its bankruptcy in July 2025).
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    LOGIC,
    PENDING_TOTALS,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 12 (dataK)"
NEW_FABS = {"skhynix-icheon-m10": "KOR", "js-foundry-niigata": "JPN"}
MY_REGIONS = ("JPN", "KOR")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2029."""
    return shipped_network(chain, tuple(range(2022, 2030)))


def test_sony_holds_its_2024_capacity_split_70_30(network: Network) -> None:
    """Sony: 132,000 wafers a month in 2022-23, 152,000 from 2024, 70% pixel wafers (>45nm)
    and 30% stacked logic wafers (28-45nm)."""
    gt45 = [_fab_kwspm(network, "sony-image-sensor-fabs", "gt45", y) for y in (2023, 2024, 2027)]
    n28 = [_fab_kwspm(network, "sony-image-sensor-fabs", "n28_45", y) for y in (2023, 2024, 2027)]
    assert gt45 == pytest.approx([92.4, 106.4, 106.4])
    assert n28 == pytest.approx([39.6, 45.6, 45.6])


def test_m10_halves_its_image_sensor_line_in_2024(network: Network) -> None:
    """SK hynix M10: 14,000 12-inch CIS wafers a month in 2023 (at least twice 2024's), 7,000
    from 2024, split 30/70 over 28-45nm and >45nm."""
    n28 = [_fab_kwspm(network, "skhynix-icheon-m10", "n28_45", y) for y in (2023, 2024, 2028)]
    gt45 = [_fab_kwspm(network, "skhynix-icheon-m10", "gt45", y) for y in (2023, 2024, 2028)]
    assert n28 == pytest.approx([4.2, 2.1, 2.1])
    assert gt45 == pytest.approx([9.8, 4.9, 4.9])


def test_js_foundry_niigata_stops_with_its_bankruptcy(network: Network) -> None:
    """JS Foundry Niigata: 40,000 6-inch wafers a month x 0.25 = 10.0 kwspm of >45nm in
    2022-24, nothing from 2025 (bankruptcy and shutdown, July 2025)."""
    kwspm = [_fab_kwspm(network, "js-foundry-niigata", "gt45", y) for y in (2022, 2024, 2025)]
    assert kwspm == pytest.approx([10.0, 10.0, 0.0])
    assert _fab_kwspm(network, "js-foundry-niigata", "gt45", 2029) == 0.0


def test_new_fabs_sit_in_their_countries_and_classes(network: Network) -> None:
    """M10 counts in Korea's 28-45nm and >45nm cells only; JS Foundry in Japan's >45nm only."""
    t = network.table()
    expected = {"skhynix-icheon-m10": {"n28_45", "gt45"}, "js-foundry-niigata": {"gt45"}}
    for fab_id, region in NEW_FABS.items():
        rows = t[(t["fab_id"] == fab_id) & (t["capacity_kwspm"] > 0)]
        assert set(rows["node_class"]) == expected[fab_id], fab_id
        assert set(rows["region"]) == {region}, fab_id


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # 68.5 + Sony 14.0 of 566.4 = 70.9; release 13 (dataE): + Oita 31.2, Fuji Tsugaru 7.5
        # 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 73.4 until release 24 (gt45b: 2022's larger remainder, other fabs 159.8 -> 165.1)
        ("JPN", "gt45", 2025, 72.7),
        # 62.1 + 14.0 of 683.8 = 64.1; release 12, year rule: Fuji's SiC half level from 2028
        # 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 67.8),  # 63.8; release 13 (dataE): + Oita 31.2, Tsugaru 7.5
        ("JPN", "n28_45", 2025, 40.8),  # 38.3 + Sony 6.0 of 241.3
        ("JPN", "n28_45", 2027, 35.0),  # 32.9 + 6.0 of 281.2
        ("KOR", "n28_45", 2025, 67.2),  # 65.1 + M10 2.1 of 101.4
        ("KOR", "n28_45", 2027, 57.7),  # 55.9 + 2.1 of 118.1
        # 100.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 100.0 until release 24 (gt45b: 2022's larger remainder, other fabs 0 -> 2.7)
        ("KOR", "gt45", 2025, 99.0),  # 262.6 of 261.4 (92.7 before release 18, cov19)
        ("KOR", "lt10", 2025, 81.7),  # unchanged: no sourced Samsung line missing
        ("KOR", "n10_22", 2025, 60.0),  # unchanged (SOURCES.md: the total is doubtful)
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """Japan's and Korea's cells sit at the coverage measured for the release notes."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_no_japanese_or_korean_cell_newly_exceeds_its_total(chain: SupplyChain) -> None:
    """With the new rows, no Japanese or Korean cell (logic, DRAM, NAND) exceeds its total beyond
    the tolerance in 2022-2040."""
    horizon = build_network(ModelData.from_folder(CURATED, chain), tuple(range(2022, 2041)))
    classes = (*LOGIC, "dram", "nand")
    beyond = beyond_tolerance(horizon, MY_REGIONS, classes, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    mine = {(region, cls, year) for region, cls, year, _ in beyond}
    assert mine == {key for key in PENDING_TOTALS if key[0] in MY_REGIONS}


def test_new_rows_are_sourced_and_estimates_are_low() -> None:
    """Every release-12 (dataK) capacity row has a web source and an as-of date; each estimate
    has an `estimate:` method, confidence low and an `assumption:` note; the closing row is
    press-sourced and 0; each new fab is in fabs.csv with its release note."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"]) for r in new} == {
        ("sony-image-sensor-fabs", "gt45", "2024"),
        ("sony-image-sensor-fabs", "n28_45", "2024"),
        ("skhynix-icheon-m10", "gt45", "2023"),
        ("skhynix-icheon-m10", "n28_45", "2023"),
        ("skhynix-icheon-m10", "gt45", "2024"),
        ("skhynix-icheon-m10", "n28_45", "2024"),
        ("js-foundry-niigata", "gt45", "2022"),
        ("js-foundry-niigata", "gt45", "2025"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        if r["method"] == "press":
            assert r["capacity_wspm"] == "0" and r["phase"] == "closed", r
            continue
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, country in NEW_FABS.items():
        assert fabs[fab_id]["country"] == country and RELEASE_NOTE in fabs[fab_id]["note"]
        assert fabs[fab_id]["wafer_size_mm"] and fabs[fab_id]["source_url"].startswith("http")
    assert fabs["js-foundry-niigata"]["status"] == "closed"
    assert fabs["skhynix-icheon-m10"]["status"] == "operating"


def test_sources_md_lists_the_release() -> None:
    """SOURCES.md has a section for this part of release 12."""
    text = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "Release 12 (dataK)" in text
