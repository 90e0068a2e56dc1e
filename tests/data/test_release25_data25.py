"""Data release 25 (data25): the U.S.'s and Japan's >45nm cells checked against SEMI's 200mm
floors and kept, the lt10 2022 note corrected. No value changed; what the tests pin is the
arithmetic SOURCES.md gives for keeping them, each step hand-checkable (2023, kwspm):

- a region's floor is its SEMI 200mm share (200mm Fab Outlook to 2026: China 22, Japan 16,
  Taiwan 15, Americas 14 %) x 6.754M x 0.444 + its >45nm lines on 300mm and 150mm wafers less
  the two group rows that hold 200mm lines;
- the U.S.: 419.9 + 68.1 = 488.0 against a cell of 531.8 (+9 %), and the U.S.'s share of all
  capacity 8.8 %, below SIA/BCG's 10 % and Knometa's 11.2 %;
- Japan: 479.8 + 185.6 = 665.4 against 558.8 (-106.6); China: 659.8 + 558.8 = 1,218.6 against
  1,462.9 (+244.3), the cell SEMI's split points at;
- the six world classes of 2022 total 10,310, as the lt10 row's note now says.
If a later release re-splits the >45nm shares, these pins move with it.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network import Network

from .coverage_helpers import MIXED_200MM, cell, changelog_entry, curated_rows, shipped_network

#: SEMI 200mm Fab Outlook to 2026 (19 Sep 2023): 7.7M / 1.14 wafers a month in 2023, x 0.444
WORLD_200MM_2023_KWSPM = 7.7 / 1.14 * 1000.0 * 0.444
SEMI_SHARE_2023 = {"CHN": 22, "JPN": 16, "TWN": 15, "USA": 14}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022 and 2023."""
    return shipped_network(chain, (2022, 2023))


def _lines_300_150(network: Network, region: str, year: int) -> float:
    sizes = {r["fab_id"]: r["wafer_size_mm"] for r in curated_rows("fabs.csv")}
    t = network.table()
    t = t[(t["node_class"] == "gt45") & (t["year"] == year) & (t["kind"] == "fab")]
    t = t[t["region"] == region]
    return sum(
        float(kwspm)
        for fab_id, kwspm in zip(t["fab_id"], t["capacity_kwspm"], strict=True)
        if sizes[str(fab_id)] in ("300", "150") and fab_id not in MIXED_200MM
    )


def _floor(network: Network, region: str) -> float:
    return SEMI_SHARE_2023[region] / 100 * WORLD_200MM_2023_KWSPM + _lines_300_150(
        network, region, 2023
    )


def _all_classes_share(network: Network, region: str, year: int) -> float:
    t = network.table()
    t = t[t["year"] == year]
    return (
        100.0
        * float(t.loc[t["region"] == region, "capacity_kwspm"].sum())
        / float(t["capacity_kwspm"].sum())
    )


def test_the_us_cell_sits_between_semi_s_floor_and_the_total_shares(network: Network) -> None:
    """U.S. >45nm 2023: floor 488.0, cell 531.8 (9 % above); the U.S.'s share of all capacity
    (8.8 %) stays below SIA/BCG's 10 %, so the floor alone is no reason to lower 13.0."""
    assert _floor(network, "USA") == pytest.approx(488.0, abs=0.1)
    _, total = cell(network, "USA", "gt45", 2023)
    assert total == pytest.approx(531.8, abs=0.1)
    assert total / _floor(network, "USA") == pytest.approx(1.09, abs=0.005)
    assert _all_classes_share(network, "USA", 2023) == pytest.approx(8.8, abs=0.05)
    assert _all_classes_share(network, "USA", 2022) == pytest.approx(8.4, abs=0.05)
    (usa,) = (
        r
        for r in curated_rows("regional_capacity.csv")
        if (r["category"], r["region_code"], r["year"]) == ("logic >45nm", "USA", "2022")
    )
    assert float(usa["share_pct"]) == 13.0


def test_japan_is_below_its_floor_and_china_above(network: Network) -> None:
    """2023, floor against cell, as SOURCES.md's table gives them (within 0.1 kwspm): Japan 665.4
    against 558.8 (106.6 short); China 1,218.6 against 1,462.9 (244.3 over); Taiwan 758.2
    against 766.3; the U.S. 488.0 against 531.8."""
    floors = {r: _floor(network, r) for r in SEMI_SHARE_2023}
    cells = {r: cell(network, r, "gt45", 2023)[1] for r in SEMI_SHARE_2023}
    expected_floors = {"CHN": 1_218.6, "JPN": 665.4, "TWN": 758.2, "USA": 488.0}
    assert floors == pytest.approx(expected_floors, abs=0.1)
    assert cells == pytest.approx(
        {"CHN": 1_462.9, "JPN": 558.8, "TWN": 766.3, "USA": 531.8}, abs=0.1
    )


def test_the_lt10_note_gives_the_2022_total() -> None:
    """The six world classes of 2022 total 10,310 kwspm since release 24; the lt10 row (650)
    says so and keeps its value."""
    rows = [r for r in curated_rows("global_capacity.csv") if r["year"] == "2022"]
    assert sum(float(r["capacity_kwspm"]) for r in rows) == 10_310.0
    (lt10,) = (r for r in rows if r["node_class"] == "lt10")
    assert float(lt10["capacity_kwspm"]) == 650.0
    assert "the six classes now total 10,310 kwspm" in lt10["note"]
    assert "scaled so the six classes total ~10,000" not in lt10["note"]


def test_data_release_25() -> None:
    """The release is 25 (or later) and its changelog has this part."""
    assert int(DATA_RELEASE) >= 25 and DATA_RELEASE_DATE >= "2026-12-06"
    assert "### Three cells checked against SEMI, a note fixed, no assumed ramp (data25)" in (
        changelog_entry(25)
    )
