"""Data release 13 (dataA): Taiwan's <10nm, 10-22nm and 28-45nm cells, Korea's 10-22nm and
28-45nm cells.

No operating fab was missing from the five cells (SOURCES.md traces each total). New rows:
TSMC Fab 14's mature cut (Counterpoint, Jan 2026: ~50k wafers a month of 40-90nm retired by
2028, split evenly over 28-45nm and >45nm) and Samsung Giheung S1's 10/8nm line (25,000 wafers a
month, Hankyung 2017), moved out of Hwaseong's 10-14nm row so that Korea's class total stays.
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
    cell,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 13 (dataA)"
MY_REGIONS = ("TWN", "KOR")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2029."""
    return shipped_network(chain, tuple(range(2022, 2030)))


def test_fab14_loses_50k_of_mature_capacity_in_2028(network: Network) -> None:
    """TSMC Fab 14: 83.4 kwspm of >45nm and 83.3 of 28-45nm until 2027, 25 less in each from
    2028 (Counterpoint's ~50k split evenly); its 16/12nm (10-22nm) row is untouched."""
    gt45 = [_fab_kwspm(network, "tsmc-fab14-tainan", "gt45", y) for y in (2025, 2027, 2028, 2029)]
    n28 = [_fab_kwspm(network, "tsmc-fab14-tainan", "n28_45", y) for y in (2025, 2027, 2028, 2029)]
    n10 = [_fab_kwspm(network, "tsmc-fab14-tainan", "n10_22", y) for y in (2025, 2028)]
    assert gt45 == pytest.approx([83.4, 83.4, 58.4, 58.4])
    assert n28 == pytest.approx([83.3, 83.3, 58.3, 58.3])
    assert n10 == pytest.approx([83.3, 83.3])


def test_giheung_s1_takes_25k_of_korea_10_22nm_without_changing_the_total(
    network: Network,
) -> None:
    """Samsung Giheung S1 holds 25 kwspm of 10-22nm from 2022, Hwaseong 67.1 (was 92.1): Korea's
    itemised 10-22nm stays 92.1 in 2022, 2025 and 2027, now in two fabs."""
    assert [_fab_kwspm(network, "samsung-giheung", "n10_22", y) for y in (2022, 2025)] == (
        pytest.approx([25.0, 25.0])
    )
    assert _fab_kwspm(network, "samsung-hwaseong", "n10_22", 2025) == pytest.approx(67.1)
    t = network.table()
    for year in (2022, 2025, 2027):
        itemised, _ = cell(network, "KOR", "n10_22", year)
        assert itemised == pytest.approx(92.1), year
        fabs = t[
            (t["region"] == "KOR")
            & (t["node_class"] == "n10_22")
            & (t["year"] == year)
            & (t["kind"] == "fab")
            & (t["capacity_kwspm"] > 0)
        ]
        assert set(fabs["fab_id"]) == {"samsung-giheung", "samsung-hwaseong"}, year


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # 437.5 of 599.3, no TSMC line missing; 71.4 (of 612.8) and 73.7 before dataA2's 2022
        # rows took the part of Taiwan's <10nm line above its registry out of the total
        ("TWN", "lt10", 2025, 73.0),
        ("TWN", "lt10", 2027, 77.2),
        ("TWN", "n10_22", 2025, 35.6),  # unchanged: 162.1 of 454.8 (the total is doubtful)
        ("TWN", "n10_22", 2027, 31.7),
        ("TWN", "n28_45", 2025, 75.5),  # unchanged: 395.8 of 524.4
        ("TWN", "n28_45", 2027, 60.7),
        ("TWN", "n28_45", 2028, 52.9),  # 370.8 - 25 = 345.8 of 653.7 (was 56.7)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 656.3 - 25 = 631.3 of 946.9 (was 69.3) = 65.6; + UMC 8E/8F/8S 24.4 from release 18
        # (cov19b): 645.35 of 946.9 (620.95 before); release 19 (cov20tw): + Mosel Vitelic 15.0,
        # VIS Taiwan - 13.4: 646.95 of 946.9
        # 68.3 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("TWN", "gt45", 2028, 67.1),
        ("KOR", "n10_22", 2025, 60.0),  # unchanged: 92.1 of 153.6, now in two fabs
        ("KOR", "n10_22", 2027, 54.8),
        ("KOR", "n28_45", 2025, 67.2),  # unchanged: 68.1 of 101.4
        ("KOR", "n28_45", 2027, 57.7),
    ],
)
def test_cells_sit_at_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The five cells (and Taiwan's >45nm in 2028) at the coverage of SOURCES.md's table."""
    assert _coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.1)


def test_no_taiwanese_or_korean_cell_newly_exceeds_its_total(chain: SupplyChain) -> None:
    """With the new rows, no Taiwanese or Korean logic cell exceeds its total beyond the
    tolerance in 2022-2040."""
    horizon = build_network(ModelData.from_folder(CURATED, chain), tuple(range(2022, 2041)))
    beyond = beyond_tolerance(horizon, MY_REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    mine = {(region, cls, year) for region, cls, year, _ in beyond}
    assert mine == {key for key in PENDING_TOTALS if key[0] in MY_REGIONS}


def test_new_rows_are_sourced_estimates() -> None:
    """Every release-13 (dataA) capacity row has a web source and an as-of date, an `estimate:`
    method, confidence low and an `assumption:` note."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"], r["capacity_wspm"]) for r in new} == {
        ("tsmc-fab14-tainan", "gt45", "2028", "58400"),
        ("tsmc-fab14-tainan", "n28_45", "2028", "58300"),
        ("samsung-giheung", "n10_22", "2022", "25000"),
        ("samsung-hwaseong", "n10_22", "2022", "67100"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert "assumption:" in r["note"], r


def test_sources_md_lists_the_release() -> None:
    """SOURCES.md has a section for this part of release 13, with its coverage table."""
    text = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    part = text.split("## Release 13: TWN n10_22, lt10, n28_45; KOR n10_22, n28_45 (dataA)", 1)[1]
    assert "| TWN n28_45 | 75.5 -> 75.5 | 60.7 -> 60.7 | 56.7 -> 52.9 |" in part
