"""Data release 12 (dataC): China's and Taiwan's logic cells.

CR Micro's Runpeng fab in Shenzhen (40nm, ~40k 12-inch wafers a month planned), registered since
release 8 without a capacity because no source gave a production date, began production by the
end of 2024 and ramps on the house ramp from 2025. The Sanan-ST joint venture's 8-inch SiC fab in
Chongqing joins the registry, ramping from volume production in 4Q 2025 to ST's full build-out in
2028. No Taiwanese fab or class row with a sourced figure was missing (SOURCES.md, "Release 12
(dataC)"), so the Taiwanese cells do not move.
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    LOGIC,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    shipped_network,
)
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 12 (dataC)"
REGIONS = ("TWN", "CHN")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2024-2028."""
    return shipped_network(chain, tuple(range(2024, 2029)))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_runpeng_shenzhen_ramps_on_the_house_ramp(network: Network) -> None:
    """Runpeng began production at the end of 2024: nothing in 2024, half of its planned 40
    kwspm of 40nm (n28_45) in 2025-26, all of it from 2027 (data release 12, the year rule: the
    plan 'reached by the end of 2026' holds from January 2027; was from 2026)."""
    ramp = [_fab_kwspm(network, "crmicro-shenzhen-12inch", "n28_45", y) for y in range(2024, 2029)]
    assert ramp == pytest.approx([0.0, 20.0, 20.0, 40.0, 40.0])


def test_sanan_st_chongqing_ramps_to_its_2028_build_out(network: Network) -> None:
    """Sanan-ST Chongqing: 480,000 8-inch SiC wafers a year / 12 x 0.444 = 17.8 kwspm of gt45 at
    the full build-out in 2028, a third and two thirds of it in 2026 and 2027, none in 2025."""
    ramp = [_fab_kwspm(network, "sanan-st-chongqing-sic", "gt45", y) for y in range(2025, 2029)]
    assert ramp == pytest.approx([0.0, 5.9, 11.8, 17.8])


def test_fab_registry_rows_of_the_two_fabs() -> None:
    """fabs.csv: Runpeng is ramping since 2024; Sanan-ST is a Chinese 200mm fab whose
    capacity_wspm is its planned 40,000 8-inch wafers a month."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    runpeng = fabs["crmicro-shenzhen-12inch"]
    assert (runpeng["status"], runpeng["production_start_year"]) == ("ramping", "2024")
    sanan = fabs["sanan-st-chongqing-sic"]
    assert (sanan["country"], sanan["wafer_size_mm"], sanan["capacity_wspm"]) == (
        "CHN",
        "200",
        "40000",
    )
    assert (sanan["status"], sanan["production_start_year"]) == ("ramping", "2025")


@pytest.mark.parametrize(
    ("region", "cls", "year", "pct"),
    [
        # moved by this release (release 11 in brackets)
        ("CHN", "n28_45", 2025, 64.5),  # (65.6); 68.9 before the year rule (release 12: SMIC)
        # (60.8); 66.2 before the year rule (release 12: Nexchip); 62.5 until data release 14
        # (asiafabs: Hua Hong Fab 9's 40nm half)
        ("CHN", "n28_45", 2027, 68.1),
        # (78.8); 79.5 until data release 13 (dataCN), 83.1 until data release 14 (asiafabs:
        # Hua Hong Fab 9's 40nm half moves to n28_45)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 80.8 before release 15 (data16)
        # 82.3 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 82.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2027, 80.9),
        # checked, not moved (SOURCES.md, Release 12 (dataC))
        # 84.7 before the year rule (release 12); 81.0 until data release 13 (dataCN: SMEC at
        # 70k, Innoscience, BYD Changsha)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 83.3 before release 15 (data16: CR Micro Chongqing 12-inch)
        # 85.0 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2025, 81.2),
        ("CHN", "n10_22", 2025, 54.7),
        ("CHN", "n10_22", 2027, 37.1),
        # 71.4 and 73.7 until release 13 (dataA2): TSMC's 2022 rows lower Taiwan's <10nm total
        ("TWN", "lt10", 2025, 73.0),  # 80.4 before the year rule (release 12: Fabs 20, 22)
        ("TWN", "lt10", 2027, 77.2),  # 77.5 before the year rule (release 12: Fab 22)
        ("TWN", "n10_22", 2025, 35.6),
        ("TWN", "n10_22", 2027, 31.7),
        ("TWN", "n28_45", 2025, 75.5),
        ("TWN", "n28_45", 2027, 60.7),
    ],
)
def test_coverage_of_the_cells(
    network: Network, region: str, cls: str, year: int, pct: float
) -> None:
    """Each cell's itemised share of its regional total (`chipshock fabs --coverage`)."""
    assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.1)


def test_no_taiwanese_or_chinese_logic_cell_exceeds_its_total(horizon: Network) -> None:
    """In no year do the itemised fabs of a TWN/CHN logic cell exceed its regional total
    beyond the tolerance, with the two fabs in."""
    assert beyond_tolerance(horizon, REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []


def test_new_rows_are_sourced_estimates_that_say_how() -> None:
    """Every release-12 (dataC) row has a source and an as-of date, is an estimate that says
    how it was made, is low confidence, and its note names the assumption."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"], r["year"]) for r in new} == {
        ("crmicro-shenzhen-12inch", "n28_45", "2025"),
        ("crmicro-shenzhen-12inch", "n28_45", "2027"),  # 2026 before the year rule (release 12)
        ("sanan-st-chongqing-sic", "gt45", "2026"),
        ("sanan-st-chongqing-sic", "gt45", "2027"),
        ("sanan-st-chongqing-sic", "gt45", "2028"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
        assert r["note"].startswith("assumption: "), r
