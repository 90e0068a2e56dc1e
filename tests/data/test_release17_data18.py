"""Data release 17 (data18): TWN lt10, KOR n10_22 and USA n10_22 checked; TSMC Arizona phase 1
on TSMC's own figure; the neon and gallium shock rows re-sourced.

No fab is added and no total changed. What the part changed and pins here:
- `tsmc-arizona-p1` lt10 2026: 24,000 (an analyst's peak output via Fudzilla) -> 20,000, TSMC's
  own "20,000 semiconductor wafer per month" (press release of 2020-05-15), `reported`. The U.S.
  <10nm cell stays 100 % itemised; its 2027 total falls with the fab, 106.8 -> 102.8 kwspm.
- `shock_assumptions.csv`: `neon_supply_cut` cites Reuters itself; `ga_ge_control_duration`
  dates MOFCOM's suspension of the U.S. ban (2025-11-09 to 2026-11-27); no value moves.

What it found and left (SOURCES.md): Taiwan's <10nm "other fabs" is the 2022 remainder held as
a floor, 448.5 - 286.7 = 161.8 kwspm, with no maker behind it (TSMC is Taiwan's only <10nm maker
and its rows are at or above its press-reported node capacities), so the cell is
547.5 / (547.5 + 161.8) = 77.2 % in 2027 whatever fab rows are added.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, coverage_pct, curated_rows, fab_kwspm, shipped_network

TSMC_PRESS_RELEASE = "https://pr.tsmc.com/english/news/2033"
REUTERS_NEON = (
    "https://www.reuters.com/technology/"
    "exclusive-ukraine-halts-half-worlds-neon-output-chips-clouding-outlook-2022-03-11/"
)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2032."""
    return shipped_network(chain, tuple(range(2022, 2033)))


def _rows(fab_id: str, node_class: str) -> dict[str, dict[str, str]]:
    rows = curated_rows("fab_capacity.csv")
    return {r["year"]: r for r in rows if (r["fab_id"], r["node_class"]) == (fab_id, node_class)}


def test_arizona_phase_1_holds_tsmcs_own_figure(network: Network) -> None:
    """15.0 kwspm in 2025 (the analyst's early-2025 level, kept), 20.0 from 2026 on."""
    rows = _rows("tsmc-arizona-p1", "lt10")
    assert sorted(rows) == ["2025", "2026"]
    row = rows["2026"]
    assert (row["capacity_wspm"], row["method"], row["confidence"]) == (
        "20000",
        "reported",
        "medium",
    )
    assert row["source_url"] == TSMC_PRESS_RELEASE
    assert "fudzilla" not in row["source_url"] and "Data release 17 (data18)" in row["note"]
    got = [fab_kwspm(network, "tsmc-arizona-p1", "lt10", y) for y in (2025, 2026, 2027, 2030)]
    assert got == pytest.approx([15.0, 20.0, 20.0, 20.0])


def test_us_leading_edge_cell_falls_with_the_fab(network: Network) -> None:
    """USA lt10 is 100 % itemised before and after; in 2027 it holds Arizona P1 20.0, Fab 52
    12.5, Samsung Taylor 16.5 and the Oregon campus' Intel 4/3 53.8: 102.8 (106.8 with 24.0)."""
    itemised, total = cell(network, "USA", "lt10", 2027)
    assert itemised == pytest.approx(20.0 + 12.5 + 16.5 + 53.8, abs=0.05)
    assert total == pytest.approx(102.8, abs=0.05)
    assert coverage_pct(network, "USA", "lt10", 2026) == pytest.approx(100.0)


def test_taiwan_leading_edge_remainder_is_the_2022_floor(network: Network) -> None:
    """2022: 69 % of the world's 650 = 448.5, of which TSMC's Fab 12 55.6 + Fab 15 111.1 + Fab 18
    120.0 = 286.7 are itemised; the 161.8 left over is held in 2025 and 2027, where the TSMC rows
    are 437.5 (62.5 + 125.0 + 250.0) and 547.5 (+ Fab 20 57.5 + Fab 22 52.5)."""
    itemised_2022, total_2022 = cell(network, "TWN", "lt10", 2022)
    assert (itemised_2022, total_2022) == pytest.approx((286.7, 0.69 * 650), abs=0.05)
    floor = total_2022 - itemised_2022
    assert floor == pytest.approx(161.8, abs=0.05)
    for year, itemised, pct in ((2025, 437.5, 73.0), (2027, 547.5, 77.2)):
        got_itemised, got_total = cell(network, "TWN", "lt10", year)
        assert got_itemised == pytest.approx(itemised, abs=0.05), year
        assert got_total - got_itemised == pytest.approx(floor, abs=0.05), year
        assert coverage_pct(network, "TWN", "lt10", year) == pytest.approx(pct, abs=0.1), year
    # the press's TSMC node capacities for January 2027 (SOURCES.md, release 17) sum to
    # ~485-575 kwspm: the cell's total (709.3) is above the top of that range
    assert cell(network, "TWN", "lt10", 2027)[1] == pytest.approx(709.3, abs=0.05)


def test_checked_cells_do_not_move(network: Network) -> None:
    """KOR n10_22 60.0 / 54.8 % and USA n10_22 72.0 / 64.7 % (2025 / 2027): no fab found."""
    for region, pcts in (("KOR", (60.0, 54.8)), ("USA", (72.0, 64.7))):
        for year, pct in zip((2025, 2027), pcts, strict=True):
            got = coverage_pct(network, region, "n10_22", year)
            assert got == pytest.approx(pct, abs=0.1), (region, year)


def test_shock_rows_cite_better_sources_with_the_same_ranges() -> None:
    rows = {r["parameter"]: r for r in curated_rows("shock_assumptions.csv")}
    neon = rows["neon_supply_cut"]
    assert neon["source_url"] == REUTERS_NEON
    assert (neon["low"], neon["mode"], neon["high"]) == ("0.25", "0.5", "0.6")
    duration = rows["ga_ge_control_duration"]
    assert (duration["low"], duration["mode"], duration["high"]) == ("26", "52", "156")
    assert "2025-11-09 to 2026-11-27" in duration["note"]
    assert "date not captured" not in duration["note"]


def test_data_release_17() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 17 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Release 17 — 2026-12-05" in changelog
    part = changelog.split("## Release 17 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "(data18)" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 17: TWN lt10, KOR n10_22, USA n10_22" in sources
