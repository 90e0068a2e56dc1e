"""Data release 11 (dataM): fabs in the U.S., Japan, Europe and the rest of the world.

Two fabs with a sourced capacity join the >45nm cells: LA Semiconductor's Pocatello fab (the
U.S., a clean-room estimate) and ROHM Tsukuba (Japan, its 2004 line figure). Micron Manassas
still holds no capacity (the U.S. DRAM totals would have to move first: SOURCES.md).
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

RELEASE_NOTE = "Data release 11 (dataM)"
NEW_FABS = {"lasemi-pocatello": "USA", "rohm-tsukuba": "JPN"}
MY_REGIONS = ("USA", "JPN", "EUR", "ROW")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2028."""
    return shipped_network(chain, tuple(range(2022, 2029)))


def test_pocatello_holds_its_clean_room_estimate(network: Network) -> None:
    """LA Semiconductor Pocatello: >50,000 sq ft of clean room x 0.078 wspm per sq ft = 3.9
    kwspm of >45nm from 2022 (the year LA Semiconductor bought it) on, flat."""
    kwspm = [_fab_kwspm(network, "lasemi-pocatello", "gt45", y) for y in (2022, 2025, 2028)]
    assert kwspm == pytest.approx([3.9, 3.9, 3.9])


def test_rohm_tsukuba_holds_its_2004_line_figure(network: Network) -> None:
    """ROHM Tsukuba: 25,000 6-inch wafers a month x 0.25 = 6.3 kwspm of >45nm in every year."""
    kwspm = [_fab_kwspm(network, "rohm-tsukuba", "gt45", y) for y in (2022, 2025, 2028)]
    assert kwspm == pytest.approx([6.3, 6.3, 6.3])


def test_new_fabs_sit_in_their_countries_and_only_in_gt45(network: Network) -> None:
    """Each new fab is one producer per year, in its own country's region, in >45nm only."""
    t = network.table()
    for fab_id, region in NEW_FABS.items():
        rows = t[t["fab_id"] == fab_id]
        assert set(rows["node_class"]) == {"gt45"}, fab_id
        assert set(rows["region"]) == {region}, fab_id
        assert len(rows) == len(network.years), fab_id


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        ("USA", "gt45", 2025, 42.8),  # 42.1 + Pocatello 3.9 of 586.0
        ("USA", "gt45", 2027, 41.5),  # 40.9 + 3.9 of 662.0
        ("JPN", "gt45", 2025, 59.5),  # 58.5 + Tsukuba 6.3 of 622.1
        ("JPN", "gt45", 2027, 52.7),  # 51.8 + 6.3 of 703.0
        ("USA", "dram", 2025, 0.0),  # Manassas still without capacity
        ("EUR", "gt45", 2025, 52.6),  # unchanged: no sourced missing fab
        ("ROW", "n28_45", 2025, 61.3),  # unchanged
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The cells of the four regions sit at the coverage measured for the release notes."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_no_cell_of_the_four_regions_newly_exceeds_its_total(chain: SupplyChain) -> None:
    """With the new fabs, no U.S., Japanese, European or rest-of-world cell (logic, DRAM, NAND)
    exceeds its total beyond the tolerance in 2022-2040, except the pending cells of release 10
    (Europe's <10nm, 2025-26)."""
    horizon = build_network(ModelData.from_folder(CURATED, chain), tuple(range(2022, 2041)))
    classes = (*LOGIC, "dram", "nand")
    beyond = beyond_tolerance(horizon, MY_REGIONS, classes, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert {(region, cls, year) for region, cls, year, _ in beyond} == PENDING_TOTALS


def test_new_rows_are_sourced_low_estimates() -> None:
    """Every release-11 (dataM) capacity row has a web source, an as-of date, an `estimate:`
    method, confidence low and a note naming its assumption; each new fab is in fabs.csv."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["year"]) for r in new} == {
        ("lasemi-pocatello", "2022"),
        ("rohm-tsukuba", "2004"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, country in NEW_FABS.items():
        assert fabs[fab_id]["country"] == country and RELEASE_NOTE in fabs[fab_id]["note"]
        assert fabs[fab_id]["status"] == "operating" and fabs[fab_id]["wafer_size_mm"]
