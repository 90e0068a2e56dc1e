"""Data release 11 (dataT): Taiwan's, Korea's and China's logic cells.

TSMC Nanjing gets the capacities TSMC itself gave (25k of 16nm after the 2020 ramp, 40k of 28nm
by mid-2023; release 7 had read "40k in all"), XMC Wuhan its STAR-market prospectus capacities
(2021-2023) instead of a 2017 press figure, and Yangzhou Jingxin's 6-inch discrete fab joins the
registry. No Taiwanese or Korean fab or class row with a sourced figure was missing, so those
cells do not move.
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
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

RELEASE_NOTE = "Data release 11 (dataT)"
REGIONS = ("TWN", "KOR", "CHN")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2019-2027."""
    return shipped_network(chain, tuple(range(2019, 2028)))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_tsmc_nanjing_holds_25k_of_16nm_from_2020(network: Network) -> None:
    """Nanjing's 16/12nm line is 20 kwspm in 2019 and 25 from 2020, when TSMC finished the
    Phase I ramp."""
    ramp = [_fab_kwspm(network, "tsmc-fab16-nanjing", "n10_22", y) for y in (2019, 2020, 2025)]
    assert ramp == pytest.approx([20.0, 25.0, 25.0])


def test_tsmc_nanjing_28nm_line_reaches_40k_in_2023(network: Network) -> None:
    """The 28nm line starts in 2H 2022 (half, 20 kwspm, at the end of 2022) and holds the
    40 kwspm TSMC's board approved from 2023 on."""
    ramp = [
        _fab_kwspm(network, "tsmc-fab16-nanjing", "n28_45", y) for y in (2021, 2022, 2023, 2027)
    ]
    assert ramp == pytest.approx([0.0, 20.0, 40.0, 40.0])


def test_xmc_follows_its_prospectus_capacities(network: Network) -> None:
    """XMC's 357,600 / 476,600 / 531,100 12-inch wafers a year (2021-23) / 12, all in >45nm, on
    top of the 2017 row's 20 kwspm, then flat."""
    ramp = [_fab_kwspm(network, "xmc-wuhan", "gt45", y) for y in (2020, 2021, 2022, 2023, 2027)]
    assert ramp == pytest.approx([20.0, 29.8, 39.7, 44.3, 44.3])


def test_jingxin_6inch_line_counts_a_quarter_of_its_wafers(network: Network) -> None:
    """Jingxin's 6-inch line: 10,000 wafers a month in 2021, 50,000 planned for 2022, each
    150mm wafer a quarter of a 300mm one."""
    ramp = [_fab_kwspm(network, "jingxin-yangzhou-6inch", "gt45", y) for y in (2020, 2021, 2022)]
    assert ramp == pytest.approx([0.0, 2.5, 12.5])
    assert _fab_kwspm(network, "jingxin-yangzhou-6inch", "gt45", 2027) == pytest.approx(12.5)


def test_fab_registry_capacity_matches_the_new_rows() -> None:
    """fabs.csv gives the fabs their published capacity (Nanjing 25k + 40k; Jingxin in 6-inch
    wafers, the 2022 plan)."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    assert fabs["tsmc-fab16-nanjing"]["capacity_wspm"] == "65000"
    assert fabs["xmc-wuhan"]["capacity_wspm"] == "44300"
    jingxin = fabs["jingxin-yangzhou-6inch"]
    assert (jingxin["capacity_wspm"], jingxin["wafer_size_mm"]) == ("50000", "150")
    assert (jingxin["country"], jingxin["status"]) == ("CHN", "operating")


@pytest.mark.parametrize(
    ("region", "cls", "year", "pct"),
    [
        # moved by this release (release 10 in brackets)
        ("CHN", "n10_22", 2025, 54.7),  # (50.5)
        ("CHN", "n10_22", 2027, 37.1),  # (34.3)
        # (data release 12: CR Micro's Runpeng Shenzhen fab ramps, 65.6 / 60.8 before)
        # (62.3); 68.9 before the year rule (release 12: SMIC's end-2025 level from 2026, - 26.5)
        ("CHN", "n28_45", 2025, 64.5),
        # (58.1); 66.2 before the year rule (release 12: Nexchip N4's half level from 2028);
        # 62.5 until data release 14 (asiafabs: Hua Hong Fab 9's 40nm half, + 41.5)
        ("CHN", "n28_45", 2027, 68.1),
        # (82.4); 84.7 before the year rule (release 12: SMIC, Hua Hong Fab 9, SMC Nanjing);
        # data release 13 (dataCN): SMEC at 70k, Innoscience, BYD Changsha, 83.3 (was 81.0)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 83.3 before release 15 (data16: CR Micro Chongqing 12-inch)
        # 85.0 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2025, 81.2),
        # (76.8; data release 12: Sanan-ST Chongqing, was 78.8); data release 13 (dataCN): SMEC,
        # Innoscience, BYD Changsha and Silan Xiamen's 2027 line, 83.1 (was 79.5); data release
        # 14 (asiafabs): Hua Hong Fab 9's 40nm half moves to n28_45 (- 41.5), 80.8
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 80.8 before release 15 (data16)
        # 82.3 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 82.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2027, 80.9),
        # unchanged: no sourced missing fab or class row (SOURCES.md, Release 11)
        (
            "TWN",
            "lt10",
            2025,
            73.0,
        ),  # 80.4 before the year rule (release 12), 71.4 before TSMC's 2022 rows (release 13)
        (
            "TWN",
            "lt10",
            2027,
            77.2,
        ),  # 77.5 before the year rule (release 12), 73.7 before TSMC's 2022 rows (release 13)
        ("TWN", "n10_22", 2025, 35.6),
        ("TWN", "n10_22", 2027, 31.7),
        # PSMC Tongluo, sold to Micron (2026-03-15): 25k in 2025, 0 from 2026 (was 50k from 2026)
        ("TWN", "n28_45", 2025, 75.5),  # (70.7)
        ("TWN", "n28_45", 2027, 60.7),  # (68.8)
        ("KOR", "lt10", 2025, 81.7),
        ("KOR", "lt10", 2027, 76.5),
        ("KOR", "n10_22", 2025, 60.0),
        ("KOR", "n10_22", 2027, 54.8),
        ("KOR", "n28_45", 2025, 67.2),  # 65.1 + SK hynix M10 CIS 2.1 (release 12)
        ("KOR", "n28_45", 2027, 57.7),  # 55.9 + M10 2.1 (release 12)
    ],
)
def test_coverage_of_the_cells(
    network: Network, region: str, cls: str, year: int, pct: float
) -> None:
    """Each cell's itemised share of its regional total (`chipshock fabs --coverage`)."""
    assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.1)


def test_no_asian_logic_cell_exceeds_its_total(horizon: Network) -> None:
    """In no year do the itemised fabs of a TWN/KOR/CHN logic cell exceed its regional total
    beyond the tolerance; the only pending cells stay Europe's."""
    beyond = beyond_tolerance(horizon, REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert beyond == []
    assert all(region == "EUR" for region, _, _ in PENDING_TOTALS)


def test_new_rows_are_sourced_and_labelled() -> None:
    """Every release-11 row has a source and an as-of date; a press figure is medium, an
    estimate says how it was made, is low, and its note names the assumption."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"]) for r in new} == {
        ("tsmc-fab16-nanjing", "n10_22", "2020"),
        ("tsmc-fab16-nanjing", "n28_45", "2022"),
        ("tsmc-fab16-nanjing", "n28_45", "2023"),
        ("xmc-wuhan", "gt45", "2021"),
        ("xmc-wuhan", "gt45", "2022"),
        ("xmc-wuhan", "gt45", "2023"),
        ("jingxin-yangzhou-6inch", "gt45", "2021"),
        ("jingxin-yangzhou-6inch", "gt45", "2022"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        if r["method"] == "press":
            assert r["confidence"] == "medium", r
        else:
            assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
            assert r["note"].startswith("assumption: "), r


def test_psmc_tongluo_ends_when_micron_takes_the_site(network: Network) -> None:
    """PSMC's Tongluo logic ramps in 2025 and ends in 2026 (Micron bought the site, 2026-03-15);
    Micron's DRAM fab there is registered without a capacity (no wafer figure), so the model
    counts none of it and says so (`Network.uncounted`)."""
    assert _fab_kwspm(network, "psmc-tongluo", "n28_45", 2025) == pytest.approx(25.0)
    assert _fab_kwspm(network, "psmc-tongluo", "n28_45", 2027) == 0.0
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    assert fabs["psmc-tongluo"]["status"] == "closed"
    assert fabs["micron-tongluo"]["status"] == "under-construction"
    assert "micron-tongluo" in set(network.uncounted["fab_id"])
