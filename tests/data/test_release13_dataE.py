"""Data release 13 (dataE): Europe's and Japan's >45nm cells, the rest of the world's 28-45nm.

New fabs: Texas Instruments Freising and TDK-Micronas Freiburg (Europe), Japan
Semiconductor's Oita operations and Fuji Electric Tsugaru's 150mm lines (Japan), each >45nm
only. The rest of the world's 28-45nm cell
has no missing operating fab (GF Singapore, UMC Fab 12i and its P3 are all itemised); its gap
is the equal split of SIA/BCG's '28nm and older' share, pinned below so that the test fails
once regional_capacity.csv changes it.
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm
from .coverage_helpers import shipped_network

RELEASE_NOTE = "Data release 13 (dataE)"
NEW_FABS = {
    "ti-freising": "EUR",
    "tdk-micronas-freiburg": "EUR",
    "japan-semi-oita": "JPN",
    "fuji-electric-tsugaru-150mm": "JPN",
}
COUNTRY = {
    "ti-freising": "DEU",
    "tdk-micronas-freiburg": "DEU",
    "japan-semi-oita": "JPN",
    "fuji-electric-tsugaru-150mm": "JPN",
}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2029."""
    return shipped_network(chain, tuple(range(2022, 2030)))


def test_ti_freising_from_its_wafers_a_year(network: Network) -> None:
    """TI Freising: ~400,000 wafers a year / 12 = 33,333 a month x 0.444 (200mm) = 14.8
    kwspm of >45nm, held flat; from 2022 since data release 14 (usfabs; 2024 before, the year of
    the figure): the fab ran in 2022, and a later first row counted it twice (once in the other
    fabs the engine holds flat from 2022)."""
    assert round(400_000 / 12 * (200 / 300) ** 2, -2) == 14_800
    kwspm = [_fab_kwspm(network, "ti-freising", "gt45", y) for y in (2022, 2023, 2025, 2029)]
    assert kwspm == pytest.approx([14.8, 14.8, 14.8, 14.8])


def test_tdk_micronas_from_its_clean_room(network: Network) -> None:
    """TDK-Micronas Freiburg: 3,900 m2 of clean room x 0.84 wspm per m2 = 3.3 kwspm, flat."""
    assert round(3_900 * 0.84, -2) == 3_300
    kwspm = [_fab_kwspm(network, "tdk-micronas-freiburg", "gt45", y) for y in (2022, 2027)]
    assert kwspm == pytest.approx([3.3, 3.3])


def test_japan_semi_oita_splits_its_wafers_over_two_sizes(network: Network) -> None:
    """Japan Semiconductor Oita: 90,000 150/200mm wafers a month, half of each size:
    45,000 x 0.25 + 45,000 x 0.444 = 31.25 -> 31.2 kwspm of >45nm from 2022."""
    oita = 45_000 * 0.25 + 45_000 * (200 / 300) ** 2
    assert oita == pytest.approx(31_250)
    kwspm = [_fab_kwspm(network, "japan-semi-oita", "gt45", y) for y in (2022, 2025, 2029)]
    assert kwspm == pytest.approx([31.2, 31.2, 31.2])


def test_fuji_tsugaru_150mm_from_2025(network: Network) -> None:
    """Fuji Electric Tsugaru: 30,000 6-inch wafers a month x 0.25 = 7.5 kwspm of >45nm from
    2025, the figure's year; its 8-inch line stays in the Fuji group row, which leaves 150mm
    out, so the group row does not move."""
    kwspm = [_fab_kwspm(network, "fuji-electric-tsugaru-150mm", "gt45", y) for y in (2024, 2025)]
    assert kwspm == pytest.approx([0.0, 7.5])
    assert _fab_kwspm(network, "fuji-electric-power-fabs", "gt45", 2025) == pytest.approx(22.6)


def test_new_fabs_sit_in_their_regions_and_only_in_gt45(network: Network) -> None:
    """Each new fab is one producer per year, in its own region, in >45nm only."""
    t = network.table()
    for fab_id, region in NEW_FABS.items():
        rows = t[t["fab_id"] == fab_id]
        assert set(rows["node_class"]) == {"gt45"}, fab_id
        assert set(rows["region"]) == {region}, fab_id
        assert len(rows) == len(network.years), fab_id


def test_new_rows_are_labelled_estimates() -> None:
    """Every new capacity row is an estimate with confidence low and an assumption note; every
    new fab row names its country and release."""
    caps = [r for r in _rows("fab_capacity.csv") if r["fab_id"] in NEW_FABS]
    assert len(caps) == 4
    for r in caps:
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r["fab_id"]
        assert r["note"].startswith("assumption: ") and RELEASE_NOTE in r["note"], r["fab_id"]
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv") if r["fab_id"] in NEW_FABS}
    assert {k: v["country"] for k, v in fabs.items()} == COUNTRY
    assert all(RELEASE_NOTE in v["note"] for v in fabs.values())


def test_oita_does_not_double_count_sonys_300mm_fab() -> None:
    """The Oita row counts Japan Semiconductor's 150/200mm lines; the site's 300mm fab is in
    Sony's image-sensor group row, which stays a 300mm row without Japan Semiconductor."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    assert fabs["sony-image-sensor-fabs"]["wafer_size_mm"] == "300"
    assert "Oita" in fabs["sony-image-sensor-fabs"]["region_or_city"]
    assert fabs["japan-semi-oita"]["operator_id"] == "toshiba"
    assert "sony-image-sensor-fabs" in fabs["japan-semi-oita"]["note"]


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # 252.2 + Freising 14.8 + Micronas 3.3 = 270.3 of 428.0 (413.2 before: 13.7 rather
        # than 28.5 of the total now runs ahead of the registry)
        # release 14 (usfabs): + ADI Limerick 1.8 = 272.1 of 408.6 (Freising, X-FAB Dresden and
        # Limerick from 2022: 21.2 less of other fabs counted twice)
        # release 14 (backdate): 272.1 of 398.6 (Villach's 2022 row left the floor)
        # 69.7 until release 24 (gt45b: 2022's larger remainder, other fabs 120.7 -> 151.1)
        ("EUR", "gt45", 2025, 64.8),  # 68.3 until release 22 (audit: ST Rousset + 5.8)
        # 327.5 + 18.1 = 345.6 of 499.0 (488.5) = 69.2; release 14 (usfabs): 347.4 of 483.9
        # release 14 (backdate): 347.4 of 482.5
        # 72.0 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 71.4 until release 24 (gt45b: 2022's larger remainder, other fabs 141.2 -> 151.1)
        ("EUR", "gt45", 2027, 70.0),  # 70.3 until release 22 (audit: ST Rousset + 5.8)
        # 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 73.4 until release 24 (gt45b: 2022's larger remainder, other fabs 159.8 -> 165.1)
        ("JPN", "gt45", 2025, 72.7),  # 401.9 + Oita 31.2 + Tsugaru 7.5 = 440.6 of 566.4
        # 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 67.8),  # 432.7 + 38.7 = 471.4 of 678.1
        # unchanged: no missing operating fab (see the module docstring)
        ("ROW", "n28_45", 2025, 61.3),
        ("ROW", "n28_45", 2027, 63.1),
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The three cells sit at the coverage measured for the release notes."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_rest_of_world_mature_logic_is_itemised_as_a_whole(network: Network) -> None:
    """The rest of the world's 28-45nm and >45nm cells together are ~88% itemised in 2025
    ((75.0 + 309.6) / (122.4 + 315.7)): its 28-45nm gap is the equal split of the mature
    share over the two classes, not missing fabs."""
    t = network.table()
    cell = t[
        (t["region"] == "ROW") & t["node_class"].isin(["n28_45", "gt45"]) & (t["year"] == 2025)
    ]
    itemised = float(cell.loc[cell["kind"] == "fab", "capacity_kwspm"].sum())
    assert itemised == pytest.approx(75.0 + 309.6, abs=0.2)
    # 98.1 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026); 94.7 until
    # release 24 (gt45b: 2022's larger remainder, other fabs 17.4 -> 23.3, all the total leaves)
    assert _coverage_pct(network, "ROW", "gt45", 2025) == pytest.approx(93.0, abs=0.1)
