"""Data release 14 (usfabs): the U.S. >45nm cell and Europe's >45nm and 10-22nm cells.

New fabs: Analog Devices' Beaverton (clean room at the house analog density, and ADI's "nearly
doubles" for the level before its expansion), Camas (Beaverton scaled by staff) and Limerick (an
upper bound from ADI's "triple" with a 45,000 sq ft building). GF Dresden gets its 2020 level
(GF's CFO: 300,000 wafers a year in Germany), split 30/70 like its 2025 rows, so the 22FDX that
Europe's 2022 share holds for GF is no longer carried as "other fabs" next to GF's own rows.
For the same reason TI Freising's and X-FAB Dresden's first rows move to 2022 (the engine holds
the unnamed capacity of 2022 flat, so a fab that ran in 2022 but enters later counted twice).
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    LOGIC,
    PENDING_TOTALS,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    cell,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 14 (usfabs)"
#: the house analog density: TI RFAB1's ~650 wafers a day in ~250,000 sq ft of clean room
DENSITY_PER_SQFT = 0.078
NEW_FABS = {"adi-beaverton": "USA", "adi-camas": "USA", "adi-limerick": "EUR"}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2019-2029."""
    return shipped_network(chain, tuple(range(2019, 2030)))


def test_beaverton_holds_its_clean_room_after_the_expansion(network: Network) -> None:
    """ADI Beaverton: 118,000 sq ft x 0.078 = 9.2 kwspm from 2025 (expansion completed 2024);
    before it 9.2 / 1.9 = 4.8 from 2022 (ADI: the expansion "nearly doubles" output); nothing
    before 2022."""
    assert round(118_000 * DENSITY_PER_SQFT / 1000, 1) == 9.2
    assert round(9.2 / 1.9, 1) == 4.8
    kwspm = [_fab_kwspm(network, "adi-beaverton", "gt45", y) for y in (2021, 2022, 2024, 2025)]
    assert kwspm == pytest.approx([0.0, 4.8, 4.8, 9.2])
    assert _fab_kwspm(network, "adi-beaverton", "gt45", 2029) == pytest.approx(9.2)


def test_camas_is_beaverton_scaled_by_staff(network: Network) -> None:
    """ADI Camas: Beaverton's pre-expansion 4.8 x 500 staff / 950 = 2.5 kwspm from 2022 (the
    fab ran then), not raised with Beaverton's expansion; nothing before 2022."""
    assert round(4.8 * 500 / 950, 1) == 2.5
    assert _fab_kwspm(network, "adi-camas", "gt45", 2021) == 0.0
    kwspm = [_fab_kwspm(network, "adi-camas", "gt45", y) for y in (2022, 2025, 2029)]
    assert kwspm == pytest.approx([2.5, 2.5, 2.5])


def test_limerick_is_half_of_what_its_new_building_could_add(network: Network) -> None:
    """ADI Limerick: tripling European capacity with a 45,000 sq ft building adds twice the
    existing fab, so the fab is at most 45,000 x 0.078 / 2 = 1.8 kwspm, held from 2022 (it ran
    before ADI's statement of 2023)."""
    assert round(45_000 * DENSITY_PER_SQFT / 2 / 1000, 1) == 1.8
    assert _fab_kwspm(network, "adi-limerick", "gt45", 2021) == 0.0
    assert _fab_kwspm(network, "adi-limerick", "gt45", 2022) == pytest.approx(1.8)
    assert _fab_kwspm(network, "adi-limerick", "gt45", 2029) == pytest.approx(1.8)


def test_gf_dresden_has_its_2020_level_until_2025(network: Network) -> None:
    """GF Dresden: 300,000 wafers a year / 12 = 25 kwspm from 2020, 30% 22FDX (7.5) and 70%
    28-55nm (17.5), held to 2024; the 2025 rows (~950,000 a year: 24 + 55) are unchanged; no
    capacity before 2020."""
    assert round(300_000 / 12 / 1000, 1) == 25.0
    for year in (2020, 2022, 2024):
        n10 = _fab_kwspm(network, "gf-dresden-fab1", "n10_22", year)
        n28 = _fab_kwspm(network, "gf-dresden-fab1", "n28_45", year)
        assert (n10, n28) == pytest.approx((7.5, 17.5)), year
        assert n10 + n28 == pytest.approx(25.0)
    assert _fab_kwspm(network, "gf-dresden-fab1", "n10_22", 2019) == 0.0
    assert _fab_kwspm(network, "gf-dresden-fab1", "n10_22", 2025) == pytest.approx(24.0)
    assert _fab_kwspm(network, "gf-dresden-fab1", "n28_45", 2025) == pytest.approx(55.0)


def test_new_fabs_sit_in_their_region_in_gt45(network: Network) -> None:
    """Each new fab is one producer per year, in its region, in the >45nm class only."""
    t = network.table()
    for fab_id, region in NEW_FABS.items():
        rows = t[t["fab_id"] == fab_id]
        assert set(rows["node_class"]) == {"gt45"}, fab_id
        assert set(rows["region"]) == {region}, fab_id
        assert len(rows) == len(network.years), fab_id


def test_europe_10_22nm_no_longer_carries_gf_twice(network: Network) -> None:
    """Europe's 10-22nm cell: the 2022 total (6% of 900 = 54.0) less Intel Leixlip's 45.0 and
    GF's 7.5 leaves 1.5 of other fabs (9.0 before, GF's 22FDX unitemised), carried into later
    years; in 2025 the engine holds 69.0 (GF 24 + Intel 45) + 1.5 = 70.5 (78.0 before)."""
    itemised, total = cell(network, "EUR", "n10_22", 2022)
    assert (itemised, total) == pytest.approx((52.5, 54.0))
    itemised, total = cell(network, "EUR", "n10_22", 2025)
    assert (itemised, total) == pytest.approx((69.0, 70.5))


def test_europe_gt45_no_longer_counts_three_fabs_twice(network: Network) -> None:
    """Europe's >45nm: TI Freising (14.8), X-FAB Dresden (4.6) and ADI Limerick (1.8) are
    itemised from 2022, so the other fabs of 2022 that the engine holds flat fall from 157.7 to
    136.5 and the simulated total of 2025 from 429.8 to 408.6 (272.1 itemised); release 14
    (backdate) gives Infineon Villach its 2022 row too (10.0): 126.5 and 398.6."""
    assert round(157.7 - 14.8 - 4.6 - 1.8, 1) == 136.5
    for fab_id, kwspm in (("ti-freising", 14.8), ("xfab-dresden", 4.6), ("adi-limerick", 1.8)):
        assert _fab_kwspm(network, fab_id, "gt45", 2022) == pytest.approx(kwspm), fab_id
    itemised, total = cell(network, "EUR", "gt45", 2025)
    # release 22 (audit): ST Rousset's 2011 row adds 5.8 to the itemised (272.1 -> 277.9);
    # release 24 (gt45b): the 2022 total x 3,910 / 3,600 makes the floor 151.1 (120.7), 429.0
    assert (itemised, total) == pytest.approx((272.1 + 5.8, 408.6 - 10.0 + 30.38), abs=0.05)


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # release 14 (backdate): 264.0 of 545.1 (Camas, Gresham, Roseville left the 2022 floor)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 47.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 45.4 until release 24 (gt45b: 2022's larger remainder, other fabs 313.7 -> 325.0)
        ("USA", "gt45", 2025, 44.5),  # 43.0: 252.3 + Beaverton 9.2 + Camas 2.5 = 264.0 of 586.0
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 44.7 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("USA", "gt45", 2027, 43.6),  # 43.4: 281.1 + 11.7 = 292.8 of 647.0
        # release 14 (backdate): + Camas 41.9, Gresham 15.6, Roseville 3.7 = 186.9 of 468.0
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 39.2 until release 24 (gt45b: the 2022 total x 3,910 / 3,600, 508.3)
        ("USA", "gt45", 2022, 36.1),  # 25.3: 118.4 + Beaverton 4.8 + Camas 2.5 = 125.7 of 468.0
        # release 14 (backdate): 272.1 of 398.6 (Villach's 2022 row left the floor)
        # release 22 (audit): + ST Rousset 5.8 in 2022, 2025 and 2027
        # 69.7 until release 24 (gt45b: 2022's larger remainder, other fabs 120.7 -> 151.1)
        ("EUR", "gt45", 2025, 64.8),  # 63.2: 270.3 + Limerick 1.8 = 272.1 of 408.6 (428.0)
        # release 14 (backdate): 347.4 of 482.5
        # 72.0 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 71.4 until release 24 (gt45b: 2022's larger remainder, other fabs 141.2 -> 151.1)
        ("EUR", "gt45", 2027, 70.0),  # 69.2: 345.6 + 1.8 = 347.4 of 483.9 (499.0)
        # release 14 (backdate): + Villach 10.0 = 226.3 of 352.8
        # 65.8 until release 24 (gt45b: the 2022 total x 3,910 / 3,600, 383.2)
        ("EUR", "gt45", 2022, 60.6),  # 55.3: 195.1 + 14.8 + 4.6 + 1.8 = 216.3 of 352.8
        ("EUR", "n10_22", 2025, 97.9),  # 88.5: 69.0 of 70.5 (78.0)
        ("EUR", "n10_22", 2027, 97.9),  # 88.6: 70.2 of 71.7 (79.2)
        ("EUR", "n28_45", 2022, 54.3),  # 25.1: ST Crolles 15.0 + GF 17.5 of 59.8
        ("EUR", "n28_45", 2025, 93.4),  # unchanged: 75.1 of 80.4
        # unchanged (no fab with a figure; SOURCES.md, release 14)
        ("USA", "n28_45", 2025, 78.2),
        ("USA", "n10_22", 2025, 72.0),
        ("USA", "dram", 2025, 100.0),  # Manassas; its 1.76 % share since release 18 (cov19; 88.2)
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The cells sit at the coverage given in SOURCES.md and CHANGELOG.md."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_no_us_or_european_cell_newly_exceeds_its_total(chain: SupplyChain) -> None:
    """With the new rows, no U.S. or European logic cell exceeds its regional total beyond the
    tolerance in 2022-2040, except the cells already pending (Europe's <10nm, 2025-26)."""
    horizon = shipped_network(chain, tuple(range(2022, 2041)))
    beyond = beyond_tolerance(horizon, ("USA", "EUR"), LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert {(r, c, y) for r, c, y, _ in beyond} == set(PENDING_TOTALS)


def test_new_rows_are_sourced_low_estimates() -> None:
    """Every release-14 (usfabs) capacity row has a web source, an as-of date, an `estimate:`
    method, confidence low and an `assumption:` note; the new fabs are in fabs.csv with their
    country and status; SOURCES.md names each under this part's heading."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"], r["capacity_wspm"]) for r in new} == {
        ("adi-beaverton", "gt45", "2022", "4800"),
        ("adi-beaverton", "gt45", "2025", "9200"),
        ("adi-camas", "gt45", "2022", "2500"),
        ("adi-limerick", "gt45", "2022", "1800"),
        ("gf-dresden-fab1", "n10_22", "2020", "7500"),
        ("gf-dresden-fab1", "n28_45", "2020", "17500"),
        ("ti-freising", "gt45", "2022", "14800"),  # moved from 2024 (dataE's row)
        ("xfab-dresden", "gt45", "2022", "4600"),  # moved from 2023 (dataJE's row)
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    moved = {
        (r["fab_id"], r["year"], r["capacity_wspm"])
        for r in _rows("fab_capacity.csv")
        if "first year moved to 2022" in r["note"]
    }
    assert moved == {("ti-freising", "2022", "14800"), ("xfab-dresden", "2022", "4600")}
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, country in (
        ("adi-beaverton", "USA"),
        ("adi-camas", "USA"),
        ("adi-limerick", "IRL"),
    ):
        row = fabs[fab_id]
        assert (row["country"], row["operator_id"], row["status"]) == (country, "adi", "operating")
        assert RELEASE_NOTE in row["note"] and row["source_url"].startswith("http")
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    part = sources.split("## Release 14: USA gt45, n28_45, n10_22, dram; EUR gt45, n10_22", 1)[1]
    part = part.split("\n## ", 1)[0]
    for fab_id in (*NEW_FABS, "gf-dresden-fab1", "ti-freising", "xfab-dresden"):
        assert f"`{fab_id}`" in part, fab_id
