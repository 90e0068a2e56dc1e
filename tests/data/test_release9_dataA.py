"""Rest-of-world, European and Chinese fabs (data release 9, dataA), seen as the engine sees them.

Release 9 gives SSMC (Singapore) and SilTerra (Malaysia), listed without capacity in release 8,
their first capacity rows from company figures; spreads GlobalFoundries Singapore's 2023
expansion over its ramp (half in 2023, the whole ~1.5M wafers a year from 2024, as its source
says); confirms that the cancelled Intel Magdeburg project carries no capacity; adds LFoundry's
Avezzano fab (Italy) at SMIC's 40,000 8-inch wafers a month; carries SMIC's group row into 2026
with the ~40,000 12-inch wafers a month it plans to add; adds Silan's second Hangzhou 8-inch
line and SiEn's Qingdao 8-inch fab, and brings Yandong's 8-inch fab down to what TrendForce
found running in Nov 2023; adds three Chinese power fabs (AOS's Chongqing 12-inch fab, CRRC
Times' Zhuzhou and Yixing 8-inch lines); and ramps ST's Crolles and Agrate 300mm expansions
linearly over ST's 2025-2027 programme instead of a step in 2027.
The tests pin those rows, the coverage the cells reach, and that no logic cell of the three
regions exceeds its total beyond the tolerance (SOURCES.md, "Release 9: ROW, EUR, CHN (dataA)").
"""

from __future__ import annotations

import pytest

from chipshock.analysis.registry import fabs_without_capacity
from chipshock.data.curated import read_curated
from chipshock.data.store import default_paths
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

RELEASE_NOTE = "Data release 9 (dataA)"
REGIONS = ("ROW", "EUR", "CHN")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2023-2027."""
    return shipped_network(chain, (2023, 2024, 2025, 2026, 2027))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_ssmc_and_silterra_produce_their_200mm_figures(network: Network) -> None:
    """SSMC's 53,000 and SilTerra's 36,000 200mm wafers a month are 23.5k and 16.0k
    300mm-equivalent (x 0.444) in the rest of the world's >45nm class."""
    t = network.table()
    t = t[(t["year"] == 2025) & (t["node_class"] == "gt45")].set_index("fab_id")
    for fab_id, kwspm in (("ssmc-singapore", 23.5), ("silterra-kulim", 16.0)):
        assert t.loc[fab_id, "region"] == "ROW", fab_id
        assert t.loc[fab_id, "capacity_kwspm"] == pytest.approx(kwspm), fab_id
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    for fab_id, wafers in (("ssmc-singapore", 53000), ("silterra-kulim", 36000)):
        assert fabs[fab_id]["wafer_size_mm"] == "200"
        assert int(fabs[fab_id]["capacity_wspm"]) == wafers
        assert wafers * 0.444 == pytest.approx(
            1000 * _fab_kwspm(network, fab_id, "gt45", 2025), rel=0.01
        )


def test_gf_singapore_ramps_its_expansion_over_2023(network: Network) -> None:
    """GF Singapore holds 1.275M wafers a year at the end of 2023 (half of the new fab's 450k)
    and the whole ~1.5M from 2024, split 60/40 over >45nm and 28-45nm."""
    assert _fab_kwspm(network, "gf-singapore", "gt45", 2023) == pytest.approx(63.75)
    assert _fab_kwspm(network, "gf-singapore", "n28_45", 2023) == pytest.approx(42.5)
    total_2024 = sum(_fab_kwspm(network, "gf-singapore", c, 2024) for c in ("gt45", "n28_45"))
    assert total_2024 == pytest.approx(1_500_000 / 12 / 1000)


def test_magdeburg_is_cancelled_and_ssmc_silterra_are_no_longer_missing_figures() -> None:
    """Intel Magdeburg is cancelled and has no capacity row (a cancelled fab's rows would be
    its planned capacity, which Intel never published); SSMC and SilTerra left the registry's
    list of fabs without a capacity figure, ST Ang Mo Kio's 6-inch lines did not."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    assert fabs["intel-magdeburg"]["status"] == "cancelled"
    assert not [r for r in _rows("fab_capacity.csv") if r["fab_id"] == "intel-magdeburg"]
    data = read_curated(default_paths().curated)
    missing = set(fabs_without_capacity(data.fab_capacity, data.fabs)["fab_id"])
    assert not missing & {"ssmc-singapore", "silterra-kulim"}
    assert {"intel-magdeburg", "st-amk-singapore-6inch"} <= missing


def test_lfoundry_avezzano_counts_in_europe_gt45(network: Network) -> None:
    """LFoundry's 40,000 8-inch wafers a month (SMIC, 2016) are 17.8k 300mm-equivalent in
    Europe's >45nm class, which rises from 46.7% (release 8) to over 50% in 2025."""
    t = network.table()
    hit = t[(t["fab_id"] == "lfoundry-avezzano") & (t["year"] == 2025)]
    assert list(hit["region"]) == ["EUR"] and list(hit["node_class"]) == ["gt45"]
    assert float(hit["capacity_kwspm"].iloc[0]) == pytest.approx(40000 * 0.444 / 1000, abs=0.05)
    assert _coverage_pct(network, "EUR", "gt45", 2025) > 50.0


def test_smic_group_grows_by_its_2026_guidance(network: Network) -> None:
    """SMIC's group row holds ~400.6k 300mm wafers a month (its end-2025 level) from 2026 and
    ~440.6k (the ~40k 12-inch SMIC plans to add by the end of 2026) from 2027, split evenly over
    28-45nm and >45nm (data release 12, the year rule: each level a year later than before)."""
    total = {
        y: sum(_fab_kwspm(network, "smic-other-fabs", c, y) for c in ("n28_45", "gt45"))
        for y in (2026, 2027)
    }
    assert total[2026] == pytest.approx(400.6)
    assert total[2027] - total[2026] == pytest.approx(40.0)


def test_chinese_8_inch_lines_hold_trendforce_figures(network: Network) -> None:
    """Silan Fab 2 (36k), SiEn Qingdao (30k) and Yandong's 8-inch fab (30k, not its 50k plan)
    hold TrendForce's Nov 2023 figures x 0.444 from 2023 on."""
    for fab_id, wafers in (
        ("silan-hangzhou-fab2", 36000),
        ("sien-qingdao-8inch", 30000),
        ("yandong-beijing-8inch", 30000),
    ):
        for year in (2023, 2025):
            kwspm = _fab_kwspm(network, fab_id, "gt45", year)
            assert kwspm == pytest.approx(wafers * 0.444 / 1000, abs=0.05), (fab_id, year)
    assert _coverage_pct(network, "CHN", "gt45", 2025) > 80.0


def test_chinese_power_fabs_follow_their_ramps(network: Network) -> None:
    """AOS Chongqing holds its phase 1 (20k 12-inch) from 2021; CRRC Yixing is half of its
    30k 8-inch in 2025-26 and full from 2027 ('full by end-2026', the year rule of data release
    12); CRRC Zhuzhou holds 10k 8-inch; China's >45nm cell passes 80% in 2025 (82% before the
    year rule moved SMIC's, Hua Hong Fab 9's and SMC Nanjing's end-of-year levels a year)."""
    assert _fab_kwspm(network, "aos-chongqing-12inch", "gt45", 2025) == pytest.approx(20.0)
    assert _fab_kwspm(network, "crrc-yixing-8inch", "gt45", 2025) == pytest.approx(6.7)
    assert _fab_kwspm(network, "crrc-yixing-8inch", "gt45", 2027) == pytest.approx(13.3)
    assert _fab_kwspm(network, "crrc-zhuzhou-8inch", "gt45", 2025) == pytest.approx(4.4)
    assert _fab_kwspm(network, "crrc-yixing-8inch", "gt45", 2026) == pytest.approx(6.7)
    assert _coverage_pct(network, "CHN", "gt45", 2025) > 80.0


def test_st_300mm_expansions_ramp_over_2025_2027(network: Network) -> None:
    """Crolles 300 climbs a third of its step a year from 15k to 30.35k per class (2022 -> 2027)
    and Agrate300 from 8.7k to 17.3k; Europe's 28-45nm cell then passes 90% in 2025."""
    crolles = [_fab_kwspm(network, "st-crolles300", "n28_45", y) for y in (2023, 2025, 2027)]
    assert crolles == pytest.approx([15.0, 20.1, 30.35])
    assert _fab_kwspm(network, "st-agrate300", "gt45", 2025) == pytest.approx(11.6)
    assert _fab_kwspm(network, "st-agrate300", "gt45", 2027) == pytest.approx(17.3)
    assert _coverage_pct(network, "EUR", "n28_45", 2025) > 90.0


def test_rest_of_world_gt45_reaches_90_percent_in_2025(network: Network) -> None:
    """The rest of the world's >45nm cell rises from 85.6% (release 8) to over 95% in 2025,
    and from 75.7% to over 85% in 2027 (VSMC Singapore counts from 2028); 94.7% in 2027 once
    coverage counts what the engine holds (session 12: VSMC's 2028 capacity is ahead of the
    straight-line total's 2027 value)."""
    # 98.1 % (> 95) until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026): 94.7 %
    assert _coverage_pct(network, "ROW", "gt45", 2025) > 90.0
    assert 85.0 < _coverage_pct(network, "ROW", "gt45", 2027) < 95.0


def test_no_logic_cell_of_the_three_regions_exceeds_its_total(horizon: Network) -> None:
    """In no year 2022-2040 do the itemised fabs of a ROW/EUR/CHN logic cell exceed its
    regional total by more than max(15 kwspm, 10%), but for the cells whose total is known to
    be too low (PENDING_TOTALS: Europe's <10nm in 2025-26, Intel Fab 34)."""
    beyond = beyond_tolerance(horizon, REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert {(region, cls, year) for region, cls, year, _ in beyond} == PENDING_TOTALS


def test_release_9_rows_are_sourced_and_estimates_say_how() -> None:
    """Every capacity row of this part has a source and an as-of date; every estimate states
    its method and is low confidence."""
    rows = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert len(rows) >= 6
    for r in rows:
        where = (r["fab_id"], r["node_class"], r["year"])
        assert r["source_url"].startswith("http"), where
        assert r["as_of"], where
        if r["method"].startswith("estimate"):
            assert r["method"].startswith("estimate: ") and len(r["method"]) > 40, where
            assert r["confidence"] == "low", where
        else:
            assert r["method"] in ("reported", "press"), where
