"""Data release 13 (dataU): the U.S. >45nm, 28-45nm and 10-22nm cells.

New fabs: SkyWater's Bloomington fab (from its clean room at the house analog density) and
Intel Fab 32 (from its clean room at the house leading-edge density), which with Fab 42's own
design capacity replaces the Arizona share row from 2021; TI LFAB's capacity is split evenly
between its 65nm (>45nm) and 45nm (28-45nm) processes.
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    LOGIC,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 13 (dataU)"
NEW_FABS = {"skywater-bloomington": "gt45", "intel-fab32-arizona": "n10_22"}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2017-2029."""
    return shipped_network(chain, tuple(range(2017, 2030)))


def test_skywater_bloomington_holds_its_clean_room(network: Network) -> None:
    """SkyWater Bloomington: 80,000 sq ft x 0.078 wspm per sq ft = 6.2 kwspm from 2018, and
    93,000 sq ft (the Class 10 addition of 2021) = 7.3 from 2022; nothing before 2018."""
    assert _fab_kwspm(network, "skywater-bloomington", "gt45", 2017) == 0.0
    kwspm = [_fab_kwspm(network, "skywater-bloomington", "gt45", y) for y in (2018, 2021, 2022)]
    assert kwspm == pytest.approx([6.2, 6.2, 7.3])
    assert _fab_kwspm(network, "skywater-bloomington", "gt45", 2029) == pytest.approx(7.3)


def test_arizona_splits_into_fab_42_and_fab_32_from_2021(network: Network) -> None:
    """Arizona: the 67k share row holds Fabs 32 and 42 in 2020; from 2021 Fab 42 has its
    design capacity of 40k and Fab 32 its 184,000 sq ft (17,100 m2) x 2.15 = 36.8k, so the
    campus goes from 67 to 76.8 kwspm of 10-22nm (no double count in 2020)."""
    assert _fab_kwspm(network, "intel-fab32-arizona", "n10_22", 2020) == 0.0
    assert _fab_kwspm(network, "intel-fab42-arizona", "n10_22", 2020) == pytest.approx(67.0)
    for year in (2021, 2025, 2029):
        fab42 = _fab_kwspm(network, "intel-fab42-arizona", "n10_22", year)
        fab32 = _fab_kwspm(network, "intel-fab32-arizona", "n10_22", year)
        assert (fab42, fab32) == pytest.approx((40.0, 36.8)), year


def test_lfab_splits_evenly_between_65nm_and_45nm(network: Network) -> None:
    """TI LFAB: the 21.5k of 2023 (>275,000 sq ft x 0.078) is half >45nm (65nm), half 28-45nm
    (45nm), and nothing is counted twice: the two halves add up to the old single row."""
    for year in (2023, 2025):
        gt45 = _fab_kwspm(network, "ti-lehi-lfab", "gt45", year)
        n28 = _fab_kwspm(network, "ti-lehi-lfab", "n28_45", year)
        assert (gt45, n28) == pytest.approx((10.75, 10.75))
        assert gt45 + n28 == pytest.approx(21.5)


def test_new_fabs_sit_in_the_us_in_one_class(network: Network) -> None:
    """Each new fab is one producer per year, in the U.S., in one class."""
    t = network.table()
    for fab_id, node_class in NEW_FABS.items():
        rows = t[t["fab_id"] == fab_id]
        assert set(rows["node_class"]) == {node_class}, fab_id
        assert set(rows["region"]) == {"USA"}, fab_id
        assert len(rows) == len(network.years), fab_id


@pytest.mark.parametrize(
    ("node_class", "year", "expected"),
    [
        # 43.6 + Bloomington 7.3 - LFAB's 45nm half 10.75 of 586.0 (255.7 -> 252.3)
        # release 14 (usfabs): + ADI Beaverton 9.2 + Camas 2.5 = 264.0 of 586.0
        # release 14 (backdate): 264.0 of 545.1 (three fabs left the 2022 floor)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 47.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 45.4 until release 24 (gt45b: 2022's larger remainder, other fabs 313.7 -> 325.0)
        ("gt45", 2025, 44.5),
        # 44.0: 284.5 + 7.3 - 10.75 = 281.1 of 647.0 = 43.4; release 14 (usfabs): + ADI 11.7
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 44.7 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("gt45", 2027, 43.6),
        ("n28_45", 2025, 78.2),  # 67.6: 68.5 + LFAB 10.75 = 79.3 of 101.4
        ("n28_45", 2027, 67.1),  # 58.0: 79.3 of 118.1
        ("n10_22", 2025, 72.0),  # 68.9: 216.5 - 67 + 40 + 36.8 = 226.3 of 314.4
        ("n10_22", 2027, 64.7),  # 61.9: 226.3 of 350.0
        # 2022: the 28-45nm and 10-22nm cells were itemised before the world rows' growth
        ("n28_45", 2022, 90.8),  # 68.5 of 75.4 (LFAB from 2023)
        ("n10_22", 2022, 89.8),  # 226.3 of 252.0
    ],
)
def test_us_cells_reach_the_coverage_measured(
    network: Network, node_class: str, year: int, expected: float
) -> None:
    """The three U.S. cells sit at the coverage given in SOURCES.md and CHANGELOG.md."""
    assert _coverage_pct(network, "USA", node_class, year) == pytest.approx(expected, abs=0.1)


def test_no_us_logic_cell_exceeds_its_total(chain: SupplyChain) -> None:
    """With the new rows, no U.S. logic cell exceeds its regional total beyond the tolerance
    in any year 2022-2040."""
    horizon = shipped_network(chain, tuple(range(2022, 2041)))
    assert beyond_tolerance(horizon, ("USA",), LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []


def test_new_rows_are_sourced_low_estimates() -> None:
    """Every release-13 (dataU) capacity row has a web source, an as-of date, an `estimate:`
    method, confidence low and a note naming its assumption; the new fabs are in fabs.csv with
    their country, wafer size and status, and SOURCES.md names them under this part's heading."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"]) for r in new} == {
        ("skywater-bloomington", "gt45", "2018"),
        ("skywater-bloomington", "gt45", "2022"),
        ("intel-fab42-arizona", "n10_22", "2021"),
        ("intel-fab32-arizona", "n10_22", "2021"),
        ("ti-lehi-lfab", "n28_45", "2023"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
    changed = [
        r
        for r in _rows("fab_capacity.csv")
        if r["fab_id"] == "ti-lehi-lfab" and r["node_class"] == "gt45"
    ]
    assert [(r["year"], r["capacity_wspm"]) for r in changed] == [("2023", "10750")]
    assert "data release 13 (dataU)" in changed[0]["note"]
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, size in (("skywater-bloomington", "200"), ("intel-fab32-arizona", "300")):
        assert fabs[fab_id]["country"] == "USA" and RELEASE_NOTE in fabs[fab_id]["note"]
        assert fabs[fab_id]["status"] == "operating" and fabs[fab_id]["wafer_size_mm"] == size
        assert fabs[fab_id]["source_url"].startswith("http") and fabs[fab_id]["as_of"]
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    part = sources.split("## Release 13: USA gt45, n28_45 and n10_22 (dataU)", 1)[1]
    part = part.split("\n## ", 1)[0]
    for fab_id in (*NEW_FABS, "intel-fab42-arizona", "ti-lehi-lfab"):
        assert f"`{fab_id}`" in part, fab_id
