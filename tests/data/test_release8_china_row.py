"""China's and the rest of the world's logic fabs (data release 8, dataCN).

Release 8 itemises more of China's and the rest of the world's mature capacity: CR Micro's and
Silan's 6-inch lines, Yandong's 12-inch line, XMC, BYD's Jinan and SMC's second Nanjing fab,
Hua Hong's 2025 figures (Fab 7 at 100k, the 8-inch fabs at 190k, Fab 9's first ~20k), ST's Ang
Mo Kio 8-inch lines in Singapore, Diodes' Greenock fab, Mikron, and Tata's Dholera fab from
2028. Several fabs are listed without capacity because no stored source gives one they could
carry (ST's Ang Mo Kio 6-inch lines, SSMC, SilTerra, CR Micro's Shenzhen 12-inch fab). The
tests pin those capacities, the coverage the release claims for the cells it moved, and that
none of it pushes a cell above its total beyond the tolerance.
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
from .coverage_helpers import cell as _cell
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

REGIONS = ("CHN", "ROW")
#: Fabs release 8 lists without a capacity row (no usable wafers/month or no production date);
#: SSMC and SilTerra have one from release 9 (tests/data/test_release9_dataA.py), CR Micro's
#: Shenzhen 12-inch fab from release 12 (tests/data/test_release12_dataC.py).
LISTED_WITHOUT_CAPACITY = ("st-amk-singapore-6inch",)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2025-2028."""
    return shipped_network(chain, (2025, 2026, 2027, 2028))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_new_fabs_produce_their_300mm_equivalents_in_2025(network: Network) -> None:
    """The new >45nm fabs hold their wafers/month x the wafer-size factor in 2025."""
    expected = {
        "crmicro-wuxi-6inch": ("CHN", 57.5),  # 230k 6-inch x 0.25
        "silan-hangzhou-5-6inch": ("CHN", 55.0),  # 220k 5/6-inch x 0.25
        "yandong-beijing-12inch": ("CHN", 40.0),  # phases 1 + 2, 20k each
        "xmc-wuhan": ("CHN", 44.3),  # (data release 11: XMC's 2023 prospectus figure, was 20.0)
        "byd-jinan-8inch": ("CHN", 13.3),  # 360k 8-inch a year / 12 x 0.444
        "st-amk-singapore-8inch": ("ROW", 52.9),  # 27,500/week x 52/12 x 0.444
        "mikron-zelenograd": ("ROW", 1.3),  # 3,000 x 0.444
        "diodes-greenock": ("ROW", 9.6),  # up to 21,666 x 0.444
    }
    t = network.table()
    t = t[(t["year"] == 2025) & (t["node_class"] == "gt45")].set_index("fab_id")
    for fab_id, (region, kwspm) in expected.items():
        assert t.loc[fab_id, "region"] == region, fab_id
        assert t.loc[fab_id, "capacity_kwspm"] == pytest.approx(kwspm), fab_id
    # SMC Nanjing Fab 2: half of 1.2M a year / 12, at 0.25, at the end of 2025, so from 2026, and
    # all of it from 2027 (data release 12, the year rule; was 12.5 in 2025, 25.0 from 2026)
    smc = [_fab_kwspm(network, "smc-nanjing-fab2", "gt45", y) for y in (2025, 2026, 2027)]
    assert smc == pytest.approx([0.0, 12.5, 25.0])


def test_hua_hong_reaches_its_2025_figures(network: Network) -> None:
    """Fab 7 at its 100k design capacity, the 8-inch fabs at 190k (84.4k 300mm-eq) and Fab 9
    at ~20k at the end of 2025, on its way to the 83k of 3Q26 (data release 12, the year rule:
    the 20k holds from January 2026, the 83k from January 2027; Fab 9 has nothing in 2025).
    Data release 14 (asiafabs) splits Fab 9 evenly over gt45 (65/55nm) and n28_45 (40nm), the
    nodes SCMP names for it: 10 + 10 in 2026, 41.5 + 41.5 from 2027 (was all in gt45)."""
    assert _fab_kwspm(network, "huahong-wuxi-fab7", "gt45", 2025) == pytest.approx(100.0)
    assert _fab_kwspm(network, "huahong-shanghai-8inch", "gt45", 2025) == pytest.approx(84.4)
    for cls in ("gt45", "n28_45"):
        assert _fab_kwspm(network, "huahong-wuxi-fab9", cls, 2025) == pytest.approx(0.0)
        assert _fab_kwspm(network, "huahong-wuxi-fab9", cls, 2026) == pytest.approx(10.0)
        assert _fab_kwspm(network, "huahong-wuxi-fab9", cls, 2027) == pytest.approx(41.5)


def test_tata_dholera_counts_nothing_before_2028(network: Network) -> None:
    """First chips are due mid-2027 (Mint, Sep 2025): no capacity at end-2027, half of the 50k
    wafer starts in 2028, split evenly over n28_45 and gt45."""
    for cls in ("n28_45", "gt45"):
        assert _fab_kwspm(network, "tata-psmc-dholera", cls, 2027) == 0.0
        assert _fab_kwspm(network, "tata-psmc-dholera", cls, 2028) == pytest.approx(12.5)
    fab = {r["fab_id"]: r for r in _rows("fabs.csv")}["tata-psmc-dholera"]
    assert (fab["country"], fab["status"], fab["production_start_year"]) == (
        "IND",
        "under-construction",
        "2027",
    )


def test_fabs_listed_without_capacity_are_no_producers(network: Network) -> None:
    """The fabs without a usable capacity figure are in the registry but not in the network."""
    listed = {r["fab_id"] for r in _rows("fabs.csv")}
    with_capacity = {r["fab_id"] for r in _rows("fab_capacity.csv")}
    producing = set(network.table()["fab_id"].dropna())
    for fab_id in LISTED_WITHOUT_CAPACITY:
        assert fab_id in listed, fab_id
        assert fab_id not in with_capacity, fab_id
        assert fab_id not in producing, fab_id


def test_china_and_rest_of_world_gt45_coverage_rose(network: Network) -> None:
    """China's >45nm cell rises from 64.6% / 60.6% (release 7) to over 79% / 72% in 2025 /
    2027, the rest of the world's from 65.4% / 57.8% to over 85% / 75%; neither reaches 90%
    in release 8 (release 9's SSMC and SilTerra take the rest of the world's 2025 cell past it)."""
    claims = {
        ("CHN", 2025): (79.0, 90.0),
        ("CHN", 2027): (72.0, 90.0),
        ("ROW", 2025): (85.0, 100.0),
        ("ROW", 2027): (75.0, 95.0),  # 94.7 since coverage counts what the engine holds
    }
    for (region, year), (low, high) in claims.items():
        pct = _coverage_pct(network, region, "gt45", year)
        assert low < pct < high, (region, year, pct)


def test_cells_release_8_did_not_move_stay_put(network: Network) -> None:
    """China's 10-22nm and 28-45nm and the rest of the world's 28-45nm and 10-22nm cells keep
    their release-7 coverage (no new fab with a sourced capacity and date in those classes),
    except the rest of the world's 2025 cells, which lose UMC Fab 12i P3 (volume from 2026),
    and the rest of the world's lt10 has no itemised fab: Intel Fab 28 runs Intel 7, a 10nm
    process, and Fab 38 is on hold. China's two cells moved in data release 11, when TSMC
    Nanjing got its reported 25k of 16nm and 40k of 28nm, and 28-45nm again in data release 12,
    when CR Micro's Runpeng Shenzhen fab began its ramp."""
    unchanged = {
        # (data release 11: TSMC Nanjing's 25k of 16nm and 40k of 28nm, were 50.5 and 62.3)
        ("CHN", "n10_22", 2025): 54.7,
        # (data release 12: CR Micro's Runpeng Shenzhen fab ramps, +20k, was 65.6)
        (
            "CHN",
            "n28_45",
            2025,
        ): 64.5,  # 68.9 before the year rule (release 12: SMIC's end-2025 level from 2026)
        # 85.1 before UMC Fab 12i P3 moved to 2026, then 58.5; 76.2 (data release 11: Intel Fab
        # 28 counted from its clean room, 33k -> 43k); 95.6 once coverage counts what the
        # engine holds (the straight-line total runs 11.4k ahead of the registry, session 12)
        ("ROW", "n10_22", 2025): 95.6,
        ("ROW", "n28_45", 2025): 61.3,  # 73.6 before
        ("CHN", "n10_22", 2027): 37.1,  # (data release 11: TSMC Nanjing, was 34.3)
        # 55.3 before release 9's SMIC 2026 row (+20k here), 58.1 before data release 11 (TSMC
        # Nanjing's 28nm line at 40k), 60.8 before data release 12 (Runpeng Shenzhen, +40k)
        # 66.2 before the year rule (release 12: Nexchip N4's half level from 2028); 62.5 until
        # data release 14 (asiafabs: Hua Hong Fab 9's 40nm half, + 41.5 of 735.0)
        ("CHN", "n28_45", 2027): 68.14,
        ("ROW", "n28_45", 2027): 63.1,
    }
    for (region, cls, year), pct in unchanged.items():
        assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.05)
    for year in (2025, 2027):
        itemised, total = _cell(network, "ROW", "lt10", year)
        assert itemised == 0.0 and total > 0.0, year


def test_no_china_or_rest_of_world_logic_cell_exceeds_its_total(horizon: Network) -> None:
    """In no year 2022-2040 do the itemised fabs of a CHN/ROW logic cell exceed its regional
    total by more than max(15 kwspm, 10%), with the new fabs in."""
    assert beyond_tolerance(horizon, REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []


def test_release_8_capacity_rows_are_sourced_and_estimates_say_how() -> None:
    """Every release-8 capacity row has a source and an as-of date; every estimate states its
    method and is low confidence."""
    rows = [r for r in _rows("fab_capacity.csv") if "Data release 8" in r["note"]]
    assert len(rows) >= 12
    for r in rows:
        where = (r["fab_id"], r["node_class"], r["year"])
        assert r["source_url"].startswith("http"), where
        assert r["as_of"], where
        if r["method"].startswith("estimate"):
            assert r["method"].startswith("estimate: ") and len(r["method"]) > 40, where
            assert r["confidence"] == "low", where
        else:
            assert r["method"] in ("reported", "press"), where
