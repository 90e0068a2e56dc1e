"""Data release 22 (cov): registry coverage of the 2022 cells closest to the 90 % aim.

Two rows of ``fab_capacity.csv`` give fabs that ran in 2022 a 2022 level:

- ``smic-shanghai-sn`` n10_22 2021 = 15,000: SMIC's stated 15k wafers a month of 14nm by the end
  of 2020 (SemiMedia, Aug 2020), from January 2021 (year rule); China's 2022 10-22nm cell goes
  from 45.0 of 54.0 kwspm (83.3 %) to 60.0 (111.1 %);
- ``tsmc-8inch-taiwan`` gt45 2022 = 191,700: the group's 2023 level held back, as release 14 did
  for Fab 10 and Camas; Taiwan's 2022 >45nm cell goes from 500.4 of 633.6 (79.0 %) to 692.1
  (109.2 %). The 2022 remainder no longer carries the group, so the 'other fabs' floor stops
  holding part of it a second time in 2024-2026 (the 2025 total 836.6 -> 830.0, 88.7 -> 89.4 %).

Cells at the 90 % aim (regions x classes with capacity, `chipshock fabs --coverage`): 2022
9 -> 11 of 32, 2025 18 of 36 and 2027 19 of 37 unchanged.
"""

from __future__ import annotations

import math

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network import Network

from .coverage_helpers import (
    beyond_tolerance,
    cell,
    changelog_entry,
    coverage_pct,
    curated_rows,
    shipped_network,
)

REGIONS = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
CLASSES = ("lt10", "n10_22", "n28_45", "gt45", "dram", "nand")
YEARS = (2022, 2023, 2024, 2025, 2026, 2027)
SMIC_14NM = "https://www.semimedia.cc/7933.html"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in the years the write-up quotes."""
    return shipped_network(chain, YEARS)


def test_the_two_rows_carry_source_date_and_method() -> None:
    """Each new row says its source, date, method and low confidence, and its note names the
    release."""
    rows = {
        (r["fab_id"], r["node_class"], r["year"]): r
        for r in curated_rows("fab_capacity.csv")
        if "Data release 22 (cov)" in r["note"]
    }
    assert set(rows) == {
        ("smic-shanghai-sn", "n10_22", "2021"),
        ("tsmc-8inch-taiwan", "gt45", "2022"),
    }
    smic = rows[("smic-shanghai-sn", "n10_22", "2021")]
    assert (smic["capacity_wspm"], smic["source_url"], smic["as_of"]) == (
        "15000",
        SMIC_14NM,
        "2020-08",
    )
    tsmc = rows[("tsmc-8inch-taiwan", "gt45", "2022")]
    # the group's 2023 level (five of the seven 8-inch/6-inch fabs' even share), held back
    first = next(
        r
        for r in curated_rows("fab_capacity.csv")
        if (r["fab_id"], r["node_class"], r["year"]) == ("tsmc-8inch-taiwan", "gt45", "2023")
    )
    assert tsmc["capacity_wspm"] == first["capacity_wspm"] == "191700"
    for row in rows.values():
        assert row["confidence"] == "low" and row["method"].startswith("estimate:")
        assert row["note"].startswith("assumption:")


@pytest.mark.parametrize(
    ("region", "node_class", "itemised", "total", "pct"),
    [
        ("CHN", "n10_22", 45.0 + 15.0, 54.0, 111.1),  # 83.3 % before
        # 79.0 % before; release 24 (gt45b): + UMC 12A's older phases 38.75, the total 633.6 x
        # 3,910 / 3,600 (692.1 of 633.6, 109.2 % until then)
        ("TWN", "gt45", 500.4 + 191.7 + 38.75, 688.16, 106.2),
    ],
)
def test_the_2022_cells_reach_the_aim(
    network: Network, region: str, node_class: str, itemised: float, total: float, pct: float
) -> None:
    """Both 2022 cells pass 90 %; the fabs exceed the totals, inside the reconciliation's
    max(15 kwspm, 10 %)."""
    assert cell(network, region, node_class, 2022) == pytest.approx((itemised, total), abs=0.06)
    assert coverage_pct(network, region, node_class, 2022) == pytest.approx(pct, abs=0.05)
    assert not beyond_tolerance(network, (region,), (node_class,), 15.0, 0.10)


def test_the_2022_floor_no_longer_counts_tsmc_8inch_twice(network: Network) -> None:
    """Taiwan's >45nm 'other fabs' were held at their 2022 level (133.2, which held the 8-inch
    group) in 2024-2026; now the straight line's part ahead of the registry is shown instead."""
    for year, total, pct in ((2024, 798.9, 93.4), (2025, 830.0, 89.4), (2026, 859.7, 85.8)):
        itemised, got = cell(network, "TWN", "gt45", year)
        assert got == pytest.approx(total, abs=0.06)
        assert 100 * itemised / got == pytest.approx(pct, abs=0.05)
    assert cell(network, "TWN", "gt45", 2027)[1] == pytest.approx(917.8, abs=0.06)  # unchanged


@pytest.mark.parametrize(
    ("year", "reached", "cells"), [(2022, 10, 32), (2025, 18, 36), (2027, 17, 36)]
)
def test_cells_at_the_aim(network: Network, year: int, reached: int, cells: int) -> None:
    """Cells with capacity and cells at 90 % per year: 2022 9 -> 11 of 32; 2025 and 2027 as
    before (the README quotes them). 2027 was 19 of 37 until data release 23 counted Rapidus'
    pilot line as no saleable supply: Japan's <10nm cell holds no capacity in 2027. Release 24
    (gt45b: the world >45nm 2022 row 3,600 -> 3,910) takes the rest of the world's >45nm cell
    below 90 % in 2022 (93.1 -> 85.7 %) and, through its held 2022 remainder, in 2027 (94.7 ->
    88.8 %): 2022 11 -> 10, 2027 18 -> 17."""
    pcts = [coverage_pct(network, r, c, year) for r in REGIONS for c in CLASSES]
    held = [p for p in pcts if not math.isnan(p)]
    assert (sum(p >= 90.0 for p in held), len(held)) == (reached, cells)


def test_release_and_changelog() -> None:
    assert int(DATA_RELEASE) >= 22 and DATA_RELEASE_DATE >= "2026-12-06"
    entry = changelog_entry(22)
    assert "Registry coverage: the 2022 cells (cov)" in entry
    assert "9 of 32 -> 11 of 32" in entry
