"""Data release 11 (dataM): fabs in the U.S., Japan, Europe and the rest of the world.

New fabs: LA Semiconductor's Pocatello fab (U.S., a clean-room estimate), ROHM Tsukuba (Japan,
its 2004 line figure) and LAPIS's Kunitomi SiC fab (Japan, METI's plan). New rows of listed
fabs: Kaga Toshiba's new 300mm building and Fuji Electric's Matsumoto SiC line (both from
METI's supply-assurance plans), Intel Fab 28 and Bosch Reutlingen from their clean rooms.
Micron Manassas still holds no capacity (the U.S. DRAM totals would have to move first:
SOURCES.md).
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
NEW_FABS = {"lasemi-pocatello": "USA", "rohm-tsukuba": "JPN", "lapis-miyazaki2-kunitomi": "JPN"}
MY_REGIONS = ("USA", "JPN", "EUR", "ROW")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2029."""
    return shipped_network(chain, tuple(range(2022, 2030)))


def test_pocatello_holds_its_clean_room_estimate(network: Network) -> None:
    """LA Semiconductor Pocatello: >50,000 sq ft of clean room x 0.078 wspm per sq ft = 3.9
    kwspm of >45nm from 2022 (the year LA Semiconductor bought it) on, flat."""
    kwspm = [_fab_kwspm(network, "lasemi-pocatello", "gt45", y) for y in (2022, 2025, 2028)]
    assert kwspm == pytest.approx([3.9, 3.9, 3.9])


def test_rohm_tsukuba_holds_its_2004_line_figure(network: Network) -> None:
    """ROHM Tsukuba: 25,000 6-inch wafers a month x 0.25 = 6.3 kwspm of >45nm in every year."""
    kwspm = [_fab_kwspm(network, "rohm-tsukuba", "gt45", y) for y in (2022, 2025, 2028)]
    assert kwspm == pytest.approx([6.3, 6.3, 6.3])


def test_kaga_adds_the_new_300mm_building_to_its_200mm_fab(network: Network) -> None:
    """Kaga Toshiba: the 200mm fab's 26.7 kwspm, plus half of the new building's 35 (METI's
    420,000 12-inch wafers a year) in 2025 and all of it from 2026."""
    kwspm = [_fab_kwspm(network, "toshiba-kaga", "gt45", y) for y in (2024, 2025, 2026, 2028)]
    assert kwspm == pytest.approx([26.7, 44.2, 61.7, 61.7])


def test_kunitomi_ramps_to_the_plans_maximum_by_2029(network: Network) -> None:
    """LAPIS Kunitomi: no SiC volume before 2027, half of 720,000 8-inch-equivalent wafers a
    year (13.3 kwspm) in 2027-28, all of it (26.7) from 2029."""
    kwspm = [_fab_kwspm(network, "lapis-miyazaki2-kunitomi", "gt45", y) for y in (2026, 2027, 2028)]
    assert kwspm == pytest.approx([0.0, 13.3, 13.3])
    assert _fab_kwspm(network, "lapis-miyazaki2-kunitomi", "gt45", 2029) == pytest.approx(26.7)


def test_fuji_adds_matsumoto_sic_from_may_2027(network: Network) -> None:
    """Fuji Electric: the 200mm Si lines' 22.6 kwspm, plus Matsumoto's SiC line (310,000
    8-inch-equivalent wafers a year, 11.5 kwspm) half from 2028 and in full from 2029 (data
    release 12, the year rule: the first year's half level of a line that starts in May 2027
    holds from January 2028; was half in 2027, full from 2028)."""
    years = (2026, 2027, 2028, 2029)
    kwspm = [_fab_kwspm(network, "fuji-electric-power-fabs", "gt45", y) for y in years]
    assert kwspm == pytest.approx([22.6, 22.6, 28.3, 34.1])


def test_intel_fab28_holds_its_clean_room_estimate(network: Network) -> None:
    """Intel Fab 28: 20,000 m2 of clean room x 2.15 wpm per m2 = 43 kwspm of 10-22nm from 2021
    (the 2020 site-split share was 33)."""
    assert _fab_kwspm(network, "intel-fab28-israel", "n10_22", 2022) == pytest.approx(43.0)
    assert _fab_kwspm(network, "intel-fab28-israel", "n10_22", 2027) == pytest.approx(43.0)


def test_reutlingen_counts_the_whole_sites_clean_room(network: Network) -> None:
    """Bosch Reutlingen: the 200mm fab's 13.3 kwspm until 2022, then the site's clean room (150mm
    and 200mm) x 0.84 wspm per m2: 35,000 m2 -> 29.4 kwspm, 44,000 m2 -> 37.0 from 2026."""
    kwspm = [_fab_kwspm(network, "bosch-reutlingen", "gt45", y) for y in (2022, 2023, 2025, 2026)]
    assert kwspm == pytest.approx([13.3, 29.4, 29.4, 37.0])


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
        # release 12 (dataW) moved the >45nm pins: + Wolfspeed Mohawk Valley (USA), Littelfuse
        # Dortmund and Vishay Itzehoe (EUR); test_release12_dataW.py pins those fabs
        # data release 13 (dataU): + SkyWater Bloomington 7.3, - TI LFAB's 45nm half 10.75
        # (now 28-45nm); test_release13_dataU.py pins them (43.6 and 44.0 before)
        # release 14 (usfabs): + ADI Beaverton 9.2 + Camas 2.5 = 264.0 of 586.0
        # release 14 (backdate): 264.0 of 545.1 (Camas, Gresham, Roseville left the 2022 floor)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 47.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 45.4 until release 24 (gt45b: 2022's larger remainder, other fabs 313.7 -> 325.0)
        ("USA", "gt45", 2025, 44.5),  # 42.1 + Pocatello 3.9 (+ Mohawk Valley 4.9) of 586.0
        # totals: the regional total less the part ahead of the registry (coverage of what the
        # engine holds, session 12; before it, of the straight-line total: 41.5, 62.3, 60.4,
        # 76.2, 92.1, 56.2 and 65.3)
        # + Pocatello 3.9 (+ Mohawk Valley 9.8) of 647.0 = 43.4; release 14 (usfabs): + 11.7
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 44.7 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("USA", "gt45", 2027, 43.6),
        # + Tsukuba 6.3 + Kaga 17.5 of 566.4 = 68.5 (data release 12: + Sony 14.0 = 70.9)
        # 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 73.4 until release 24 (gt45b: 2022's larger remainder, other fabs 159.8 -> 165.1)
        ("JPN", "gt45", 2025, 72.7),  # release 13 (dataE): + Oita 31.2, Fuji Tsugaru 7.5
        # + 6.3 + Kaga 35 + Kunitomi 13.3 + Fuji 5.7 of 683.8 = 62.1 (release 12: + Sony 14.0)
        # (release 12, year rule: Fuji's SiC half level from 2028, not 2027: - 5.7 = 63.8)
        # 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 67.8),  # release 13 (dataE): + Oita 31.2, Tsugaru 7.5
        ("ROW", "n10_22", 2025, 95.6),  # + Intel Fab 28's 10 of 45.0
        ("ROW", "n10_22", 2027, 92.1),  # + 10 of 63.0
        ("USA", "dram", 2025, 100.0),  # Manassas 30k of 30.0 since release 18 (cov19; 34.0 before)
        # release 13 (dataE): + TI Freising 14.8 + TDK-Micronas 3.3 (61.0 -> 63.2)
        # release 14 (usfabs): + ADI Limerick 1.8 = 272.1 of 408.6 (Freising, X-FAB Dresden and
        # Limerick from 2022: 21.2 less of other fabs counted twice)
        # release 14 (backdate): 272.1 of 398.6 (Villach's 2022 row left the floor)
        # 68.3 until release 22 (audit: ST Rousset + 5.8)
        # 69.7 until release 24 (gt45b: 2022's larger remainder, other fabs 120.7 -> 151.1)
        ("EUR", "gt45", 2025, 64.8),  # + Bosch Reutlingen 29.4 - 13.3 (+ 2.1 + 1.8) of 413.2
        # + Reutlingen 37.0 - 13.3 (+ 2.1 + 3.5) of 492.6 = 67.3; release 12, year rule: ST
        # Catania's end-2027 4.1 holds from 2028 (- 4.1 of 488.5 = 67.0)
        # release 13 (dataE): + 18.1 (67.0 -> 69.2); release 14 (usfabs): 347.4 of 483.9
        # release 14 (backdate): 347.4 of 482.5
        # 72.0 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 71.4 until release 24 (gt45b: 2022's larger remainder, other fabs 141.2 -> 151.1)
        ("EUR", "gt45", 2027, 70.0),  # 70.3 until release 22 (audit: ST Rousset + 5.8)
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
        ("toshiba-kaga", "2025"),
        ("toshiba-kaga", "2026"),
        ("lapis-miyazaki2-kunitomi", "2027"),
        ("lapis-miyazaki2-kunitomi", "2029"),
        ("fuji-electric-power-fabs", "2028"),  # 2027 and 2028 before the year rule (release 12)
        ("fuji-electric-power-fabs", "2029"),
        ("intel-fab28-israel", "2021"),
        ("bosch-reutlingen", "2023"),
        ("bosch-reutlingen", "2026"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, country in NEW_FABS.items():
        assert fabs[fab_id]["country"] == country and RELEASE_NOTE in fabs[fab_id]["note"]
        assert fabs[fab_id]["status"] in {"operating", "ramping"} and fabs[fab_id]["wafer_size_mm"]
