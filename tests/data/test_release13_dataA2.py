"""Data release 13 (dataA2): TSMC's Taiwanese GIGAFABs before 2023.

Fabs 12, 14, 15 and 18 had rows only from 2023 (the even split of TSMC's ">12M 12-inch wafers in
2023"), so in 2022, the first year a scenario may use, Taiwan's <10nm and 10-22nm cells held no
itemised fab and a shock on those fabs hit nothing. New rows: Fabs 12, 14 and 15 from 2019,
TSMC's ">8M 12-inch equivalent wafers in 2019" for the three (666.7k a month, 222.2k each) split
over each fab's classes as its 2023 rows; Fab 18's N5 at 120k wafer starts a month by early 2022
(DigiTimes via Tom's Hardware) and an estimate for 2021 (x 2/3.5, TSMC's N5 capacity ratios).
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
    cell,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 13 (dataA2)"
FAB12, FAB14, FAB15, FAB18 = (
    "tsmc-fab12-hsinchu",
    "tsmc-fab14-tainan",
    "tsmc-fab15-taichung",
    "tsmc-fab18-tainan",
)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2021-2029 (2021 only to read the rows back)."""
    return shipped_network(chain, tuple(range(2021, 2030)))


@pytest.mark.parametrize(
    ("fab", "cls", "y2022", "y2023"),
    [
        (FAB12, "lt10", 55.6, 62.5),  # 222.2k / 4 classes, then 250k / 4
        (FAB12, "n10_22", 55.6, 62.5),
        (FAB12, "n28_45", 55.6, 62.5),
        (FAB12, "gt45", 55.6, 62.5),
        (FAB14, "n10_22", 74.1, 83.3),  # 222.2k / 3, then 250k / 3
        (FAB14, "n28_45", 74.1, 83.3),
        (FAB14, "gt45", 74.1, 83.4),
        (FAB15, "lt10", 111.1, 125.0),  # 222.2k / 2, then 250k / 2
        (FAB15, "n28_45", 111.1, 125.0),
        (FAB18, "lt10", 120.0, 250.0),  # N5 by early 2022, then the 2023 split
    ],
)
def test_gigafabs_hold_capacity_in_2022(
    network: Network, fab: str, cls: str, y2022: float, y2023: float
) -> None:
    """Each GIGAFAB class has its new level in 2022 and keeps its 2023 row from 2023."""
    assert _fab_kwspm(network, fab, cls, 2022) == pytest.approx(y2022)
    assert _fab_kwspm(network, fab, cls, 2023) == pytest.approx(y2023)


def test_2021_levels(network: Network) -> None:
    """2021: Fabs 12/14/15 at their 2019 level (nothing newer found), Fab 18 at 120 x 2/3.5."""
    assert _fab_kwspm(network, FAB15, "lt10", 2021) == pytest.approx(111.1)
    assert _fab_kwspm(network, FAB14, "n10_22", 2021) == pytest.approx(74.1)
    assert _fab_kwspm(network, FAB18, "lt10", 2021) == pytest.approx(68.6)


def test_2019_rows_add_up_to_tsmc_s_eight_million_wafers() -> None:
    """The nine 2019 rows sum to TSMC's 8M wafers / 12 = 666.7k a month (rounding to the
    hundred: 4 x 55.6 + 3 x 74.1 + 2 x 111.1 = 666.9k), 222.2k per fab."""
    rows = [
        r for r in _rows("fab_capacity.csv") if r["year"] == "2019" and RELEASE_NOTE in r["note"]
    ]
    per_fab: dict[str, float] = {}
    for r in rows:
        per_fab[r["fab_id"]] = per_fab.get(r["fab_id"], 0.0) + float(r["capacity_wspm"])
    assert per_fab == pytest.approx({FAB12: 222_400.0, FAB14: 222_300.0, FAB15: 222_200.0})
    assert sum(per_fab.values()) == pytest.approx(8_000_000 / 12, abs=300)


@pytest.mark.parametrize(
    ("cls", "itemised", "total", "pct"),
    [
        ("lt10", 286.7, 448.5, 63.9),  # was 0: Fab 12 55.6 + Fab 15 111.1 + Fab 18 120
        ("n10_22", 129.7, 360.0, 36.0),  # was 0: Fab 12 55.6 + Fab 14 74.1
        # was 17.9: UMC 12A, PSMC + 55.6 + 74.1 + 111.1 = 310.8 (79.7); + UMC 12A's older
        # phases' 28-40nm part 38.75 from release 24 (gt45b)
        ("n28_45", 310.8 + 38.75, 390.0, 89.6),
        # was 52.3: + Fab 12 55.6 + Fab 14 74.1 = 461.0 (72.8); + UMC Hsinchu 8E/8F/8S 24.4 from
        # release 18 (cov19b); + Mosel Vitelic 15.0 from release 19 (cov20tw); + TSMC's 8-inch
        # group 191.7 from release 22 (cov), 58.5 above the cell's total (633.6, 109.2 %);
        # + UMC 12A's older phases' 55-130nm part 38.75 and the total x 3,910 / 3,600 from
        # release 24 (gt45b), 42.7 above it
        ("gt45", 485.4 + 15.0 + 191.7 + 38.75, 633.6 * 3_910 / 3_600, 106.2),
    ],
)
def test_taiwan_2022_cells_are_itemised(
    network: Network, cls: str, itemised: float, total: float, pct: float
) -> None:
    """Taiwan's 2022 logic cells: the GIGAFABs now reach the engine's 2022 network."""
    got_itemised, got_total = cell(network, "TWN", cls, 2022)
    assert got_itemised == pytest.approx(itemised, abs=0.05)
    assert got_total == pytest.approx(total, abs=0.05)
    assert _coverage_pct(network, "TWN", cls, 2022) == pytest.approx(pct, abs=0.1)


def test_the_gigafabs_are_producers_in_2022(network: Network) -> None:
    """A shock on the four fabs in 2022 has capacity to hit: each is a producer with capacity
    in 2022 (before: no producer row above 0)."""
    t = network.table()
    t = t[(t["year"] == 2022) & (t["kind"] == "fab") & (t["capacity_kwspm"] > 0)]
    assert {FAB12, FAB14, FAB15, FAB18} <= set(t["fab_id"])
    mine = t[t["fab_id"].isin([FAB12, FAB14, FAB15, FAB18])]
    assert float(mine["capacity_kwspm"].sum()) == pytest.approx(786.9, abs=0.05)


@pytest.mark.parametrize(
    ("year", "total_before", "ahead"),
    [(2022, 448.5, 0.0), (2025, 612.8, 13.5), (2026, 698.3, 44.0), (2027, 742.4, 33.1)],
)
def test_taiwan_lt10_remainder_holds_at_its_2022_level(
    network: Network, year: int, total_before: float, ahead: float
) -> None:
    """Side effect, by the remainder rule (`chipshock.sim.network.remainders`): after 2022 the
    unnamed "other fabs (TWN, lt10)" hold at least, and here at most, their 2022 level, 448.5 -
    286.7 = 161.8 (before: the whole 448.5, TSMC not itemised in 2022). The part of Taiwan's
    regional line above what the registry brings is 'ahead' of it and leaves the model (and
    the world demand scaled to it): Taiwan's <10nm cell is ``total_before - ahead``."""
    t = network.table()
    rest = t[
        (t["region"] == "TWN")
        & (t["node_class"] == "lt10")
        & (t["year"] == year)
        & (t["kind"] != "fab")
    ]
    assert float(rest["capacity_kwspm"].sum()) == pytest.approx(161.8, abs=0.05)
    _, total = cell(network, "TWN", "lt10", year)
    assert total == pytest.approx(total_before - ahead, abs=0.05)


def test_no_taiwanese_cell_exceeds_its_total_in_2022(network: Network) -> None:
    """With the new rows no Taiwanese logic cell's fabs exceed its total beyond the tolerance."""
    beyond = beyond_tolerance(network, ("TWN",), LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert [b for b in beyond if b[2] in (2021, 2022)] == []


def test_new_rows_are_sourced() -> None:
    """Every release-13 (dataA2) row: the set added, a web source and an as-of date; estimates
    are confidence low with an `assumption:` note; the press row names its assumption."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"], r["capacity_wspm"]) for r in new} == {
        (FAB12, "gt45", "2019", "55600"),
        (FAB12, "lt10", "2019", "55600"),
        (FAB12, "n10_22", "2019", "55600"),
        (FAB12, "n28_45", "2019", "55600"),
        (FAB14, "gt45", "2019", "74100"),
        (FAB14, "n10_22", "2019", "74100"),
        (FAB14, "n28_45", "2019", "74100"),
        (FAB15, "lt10", "2019", "111100"),
        (FAB15, "n28_45", "2019", "111100"),
        (FAB18, "lt10", "2022", "120000"),
        (FAB18, "lt10", "2021", "68600"),
    }
    for r in new:
        assert r["source_url"].startswith("https://") and r["as_of"], r
        if r["method"] == "press":
            assert r["confidence"] == "medium" and "Fab 18" in r["note"], r
        else:
            assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
            assert "assumption:" in r["note"], r


def test_sources_md_lists_the_part() -> None:
    """SOURCES.md has this part's section with its 2022 coverage table."""
    text = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    part = text.split("## Release 13: TSMC's Taiwanese GIGAFABs before 2023 (dataA2)", 1)[1]
    assert "| TWN lt10 | 0.0 -> 63.9 |" in part
