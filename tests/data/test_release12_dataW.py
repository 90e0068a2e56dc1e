"""Data release 12 (dataW): fabs in the U.S., Europe and the rest of the world.

New fabs: Wolfspeed's Mohawk Valley SiC fab (U.S.), Littelfuse's Dortmund fab (ex-Elmos) and
Vishay's Itzehoe fabs (Europe), each from its clean room at the house analog density. Micron
Manassas held no capacity here, since the U.S. DRAM totals of 2030-40 left no room for it; data
release 15 (data16) raised them and gave it 30k (test_release15_data16.py replaces the test of
that conflict).
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 12 (dataW)"
NEW_FABS = {
    "wolfspeed-mohawk-valley": "USA",
    "littelfuse-dortmund": "EUR",
    "vishay-itzehoe": "EUR",
}
COUNTRY = {"wolfspeed-mohawk-valley": "USA", "littelfuse-dortmund": "DEU", "vishay-itzehoe": "DEU"}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2029."""
    return shipped_network(chain, tuple(range(2022, 2030)))


def test_mohawk_valley_fills_its_clean_room_by_2026(network: Network) -> None:
    """Wolfspeed Mohawk Valley: 125,000 sq ft x 0.078 wspm per sq ft = 9.8 kwspm of >45nm from
    2026 (build-out complete), half of it (4.9) from 2024; its first line's 2022-23 output is
    not counted."""
    kwspm = [_fab_kwspm(network, "wolfspeed-mohawk-valley", "gt45", y) for y in (2023, 2024, 2025)]
    assert kwspm == pytest.approx([0.0, 4.9, 4.9])
    assert _fab_kwspm(network, "wolfspeed-mohawk-valley", "gt45", 2026) == pytest.approx(9.8)


def test_littelfuse_dortmund_holds_its_clean_room_estimate(network: Network) -> None:
    """Littelfuse Dortmund: 2,500 m2 of clean room x 0.84 wspm per m2 = 2.1 kwspm of >45nm,
    flat through the change of owner (Dec 2024)."""
    kwspm = [_fab_kwspm(network, "littelfuse-dortmund", "gt45", y) for y in (2022, 2025, 2028)]
    assert kwspm == pytest.approx([2.1, 2.1, 2.1])


def test_vishay_itzehoe_doubles_with_its_300mm_phase(network: Network) -> None:
    """Vishay Itzehoe: the 200mm fab taken as the 300mm first phase's 2,100 m2 x 0.84 = 1.8
    kwspm, and both together (3.5) from 2026, when the 300mm fab 'almost doubles' the site."""
    kwspm = [_fab_kwspm(network, "vishay-itzehoe", "gt45", y) for y in (2022, 2025, 2026, 2028)]
    assert kwspm == pytest.approx([1.8, 1.8, 3.5, 3.5])


def test_new_fabs_sit_in_their_regions_and_only_in_gt45(network: Network) -> None:
    """Each new fab is one producer per year, in its own region, in >45nm only."""
    t = network.table()
    for fab_id, region in NEW_FABS.items():
        rows = t[t["fab_id"] == fab_id]
        assert set(rows["node_class"]) == {"gt45"}, fab_id
        assert set(rows["region"]) == {region}, fab_id
        assert len(rows) == len(network.years), fab_id


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # data release 13 (dataU) moved the U.S. pins (43.6, 44.0, 67.6, 68.9 before):
        # test_release13_dataU.py pins what it added (Bloomington, Fab 32, LFAB's 45nm half)
        # 42.8 + Mohawk Valley 4.9 of 586.0; release 14 (usfabs): + ADI Beaverton 9.2 + Camas 2.5
        # release 14 (backdate): 264.0 of 545.1 (Camas, Gresham, Roseville left the 2022 floor)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 47.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 45.4 until release 24 (gt45b: 2022's larger remainder, other fabs 313.7 -> 325.0)
        ("USA", "gt45", 2025, 44.5),
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 44.7 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("USA", "gt45", 2027, 43.6),  # 42.5 + Mohawk Valley 9.8 of 647.0; release 14: + 11.7
        # 60.1 + Dortmund 2.1 + Itzehoe 1.8 of 413.2 = 61.0; release 13 (dataE): + TI Freising
        # 14.8 + TDK-Micronas 3.3
        # release 14 (usfabs): + ADI Limerick 1.8 = 272.1 of 408.6 (Freising, X-FAB Dresden and
        # Limerick from 2022: 21.2 less of other fabs counted twice)
        # release 14 (backdate): 272.1 of 398.6 (Villach's 2022 row left the floor)
        # 69.7 until release 24 (gt45b: 2022's larger remainder, other fabs 120.7 -> 151.1)
        ("EUR", "gt45", 2025, 64.8),  # 68.3 until release 22 (audit: ST Rousset + 5.8)
        # + 2.1 + 3.5 of 492.6 (490.9: less of it ahead) = 67.3; release 12, year rule: ST
        # Catania's end-2027 4.1 holds from 2028 (67.0)
        # release 14 (backdate): 347.4 of 482.5
        # 72.0 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 70.3 until release 22 (audit: ST Rousset + 5.8)
        # 71.4 until release 24 (gt45b: 2022's larger remainder, other fabs 141.2 -> 151.1)
        ("EUR", "gt45", 2027, 70.0),  # 67.0; release 13 (dataE): + 18.1; 14: 347.4 of 483.9
        # unchanged (no sourced fab found; SOURCES.md, "Release 12 (dataW)")
        ("USA", "n28_45", 2025, 78.2),
        ("USA", "n10_22", 2025, 72.0),
        ("USA", "dram", 2025, 100.0),  # Manassas; its 1.76 % share since release 18 (cov19; 88.2)
        # release 14 (usfabs): + GF Dresden's 22FDX from 2020 closes the 2022 gap (69.0 of 70.5)
        ("EUR", "n10_22", 2025, 97.9),
        ("ROW", "n28_45", 2025, 61.3),
        ("ROW", "lt10", 2025, 0.0),
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The cells of the three regions sit at the coverage measured for the release notes."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_new_rows_are_sourced_low_estimates() -> None:
    """Every release-12 (dataW) capacity row has a web source, an as-of date, an `estimate:`
    method, confidence low and a note naming its assumption; each new fab is in fabs.csv with
    its country, wafer size and status, and SOURCES.md names it under this part's heading."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["year"]) for r in new} == {
        ("wolfspeed-mohawk-valley", "2024"),
        ("wolfspeed-mohawk-valley", "2026"),
        ("littelfuse-dortmund", "2021"),
        ("vishay-itzehoe", "2021"),
        ("vishay-itzehoe", "2026"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, country in COUNTRY.items():
        assert fabs[fab_id]["country"] == country and RELEASE_NOTE in fabs[fab_id]["note"]
        assert fabs[fab_id]["status"] == "operating" and fabs[fab_id]["wafer_size_mm"] == "200"
        assert fabs[fab_id]["source_url"].startswith("http") and fabs[fab_id]["as_of"]
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    part = sources.split("## Release 12 (dataW)", 1)[1].split("\n## ", 1)[0]
    for fab_id in NEW_FABS:
        assert f"`{fab_id}`" in part, fab_id
