"""Data release 12 (dataR): the mature-node regional totals, checked and left unchanged.

No stored public source splits a region's logic capacity of 28nm and older into 28-45nm and
>45nm for Japan or Korea (SIA/BCG 2024 publish "28nm and older" as one band; the 2019 chart of
their 2021 data names only Taiwan, the U.S., China and "Other"), and none gives a world 10-22nm
figure. The tests pin what the CHANGELOG says of the unchanged rows: Japan's one ">=28nm" share
serves both classes, its 28-45nm total is far above the fabs that exist, and a Japan-only
28-45nm row cannot fix it, because the share regional.py frees goes to the rest of the world.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import regional
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, shipped_network

MATURE = ("n28_45", "gt45")
YEARS = (2022, 2025, 2032)


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated data."""
    return ModelData.from_folder(CURATED, chain)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2025."""
    return shipped_network(chain, (2025,))


def _shares(data: ModelData) -> tuple[tuple[str, ...], dict[tuple[str, str, int], float]]:
    """Regions and their n28_45/gt45 shares (fractions) in YEARS, keyed (region, class, year)."""
    reg = regional.regions(data)
    arr = regional.share_array(data, reg, MATURE, YEARS)
    shares = {
        (r, c, y): float(arr[ri, ci, yi])
        for ri, r in enumerate(reg)
        for ci, c in enumerate(MATURE)
        for yi, y in enumerate(YEARS)
    }
    return reg, shares


def test_japan_and_korea_take_one_share_for_both_mature_classes(data: ModelData) -> None:
    """Japan's and Korea's 28-45nm and >45nm shares are equal in every year: one derived,
    low-confidence ">=28nm" row each per anchor year, no class row (release 12 adds none)."""
    _, shares = _shares(data)
    for region in ("JPN", "KOR"):
        for year in YEARS:
            n28 = shares[(region, "n28_45", year)]
            assert n28 == pytest.approx(shares[(region, "gt45", year)])
    rc = data.regional_capacity
    mature = rc[rc["region_code"].isin(["JPN", "KOR"]) & rc["category"].str.contains("28|45")]
    anchors = mature[mature["source_name"].str.endswith("share derived by chipshock")]
    assert sorted(anchors["category"].unique()) == ["logic >=28nm"]
    assert set(anchors["confidence"]) == {"low"}


def test_japan_28_45nm_total_stays_far_above_its_itemised_fabs(network: Network) -> None:
    """The doubt the CHANGELOG reports stands: Japan's 2025 28-45nm total (241.3 kwspm) is more
    than twice what its itemised 28-45nm fabs hold (JASM, UMC Mie, Sony, Renesas Naka: 98.5)."""
    itemised, total = cell(network, "JPN", "n28_45", 2025)
    assert total == pytest.approx(241.3, abs=0.1)
    assert itemised == pytest.approx(98.5, abs=0.1)
    assert total > 2 * itemised


def test_a_japan_only_28_45nm_row_hands_its_freed_share_to_the_rest_of_the_world(
    data: ModelData,
) -> None:
    """Why release 12 adds no Japan-only 28-45nm row: a class row at Japan's 2022 fab share
    (5.4%, 70 of 1,300 kwspm) frees 8.4 points, and regional.py's remainder rule gives all of
    them to the rest of the world (7.0 -> 15.4%) while every other region keeps its share."""
    reg, before = _shares(data)
    template = data.regional_capacity.iloc[[0]].copy()
    template["source_name"] = "test row, share derived by chipshock"
    template["category"] = "logic 28-45nm"
    template["region"], template["region_code"] = "Japan", "JPN"
    template["year"], template["share_pct"] = 2022, 5.4
    changed = dataclasses.replace(
        data, regional_capacity=pd.concat([data.regional_capacity, template], ignore_index=True)
    )
    _, after = _shares(changed)
    assert after[("JPN", "n28_45", 2022)] == pytest.approx(0.054)
    freed = before[("JPN", "n28_45", 2022)] - 0.054
    assert freed == pytest.approx(0.084)
    assert after[("ROW", "n28_45", 2022)] == pytest.approx(before[("ROW", "n28_45", 2022)] + freed)
    for region in reg:
        if region not in ("JPN", "ROW"):
            assert after[(region, "n28_45", 2022)] == pytest.approx(
                before[(region, "n28_45", 2022)]
            )
    # the >45nm class does not move: the row names 28-45nm only
    for key, share in before.items():
        if key[1] == "gt45":
            assert after[key] == pytest.approx(share)
