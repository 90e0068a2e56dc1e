"""Data release 13 (dataCN): China's >45nm, 28-45nm and 10-22nm cells.

SMEC (now United Nova Technology) in Shaoxing gets its reported 70,000 8-inch wafers a month
(2021) instead of TrendForce's 42,500, which is the fab's phase-1 design of 510,000 wafers a
year; Innoscience's 8-inch GaN-on-silicon fabs join the registry at the 12,500 wafers a month of
its IPO (mid-2024); Silan's Xiamen 12-inch fab gains the 30,000 a month of its delayed
2023-placement line from 2027; BYD Semiconductor's Changsha 8-inch line (500,000 wafers a year,
production from October 2022) joins on the house ramp. No Chinese 28-45nm or 10-22nm fab with
a sourced capacity and date was missing (SOURCES.md, "Release 13: CHN gt45, n28_45, n10_22
(dataCN)"), so those two cells do not move; the doubts about their totals are written there.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
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

RELEASE_NOTE = "Data release 13 (dataCN)."


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2021-2028."""
    return shipped_network(chain, tuple(range(2021, 2029)))


@pytest.fixture(scope="module")
def horizon(chain: SupplyChain) -> Network:
    """The producers of the shipped data in every year a scenario may use."""
    return shipped_network(chain)


def test_smec_shaoxing_holds_its_reported_70k_from_2022(network: Network) -> None:
    """SMEC reached 70,000 8-inch wafers a month during 2021: 70,000 x 0.444 = 31.1 kwspm of
    gt45 from January 2022 (the year rule), flat after; nothing in 2021 (no row; the fab had
    40,000 planned for 4Q20). Before: 18.9 (42,500 x 0.444) from 2023."""
    ramp = [_fab_kwspm(network, "unitednova-shaoxing-8inch", "gt45", y) for y in range(2021, 2029)]
    assert ramp == pytest.approx([0.0] + [31.1] * 7)


def test_innoscience_counts_from_2025(network: Network) -> None:
    """Innoscience: 12,500 8-inch wafers a month in mid-2024 x 0.444 = 5.55 kwspm of gt45 in
    China from January 2025, none in 2024; the 70,000 planned for 2029 is not counted."""
    ramp = [_fab_kwspm(network, "innoscience-suzhou-zhuhai", "gt45", y) for y in range(2024, 2029)]
    assert ramp == pytest.approx([0.0, 5.55, 5.55, 5.55, 5.55])
    t = network.table()
    assert set(t.loc[t["fab_id"] == "innoscience-suzhou-zhuhai", "region"]) == {"CHN"}


def test_silan_xiamen_adds_its_delayed_line_in_2027(network: Network) -> None:
    """Silan Xiamen 12-inch: 50 kwspm from 2023 (release 7), 50 + 30 (360,000 wafers a year /
    12) = 80 from January 2027, the line being ready for use by December 2026."""
    ramp = [_fab_kwspm(network, "silan-xiamen-12inch", "gt45", y) for y in range(2024, 2029)]
    assert ramp == pytest.approx([50.0, 50.0, 50.0, 80.0, 80.0])


def test_byd_changsha_ramps_on_the_house_ramp(network: Network) -> None:
    """BYD Changsha: 500,000 8-inch wafers a year / 12 x 0.444 = 18.5 kwspm of gt45; half of it
    in 2023-24 (first full year after the Oct 2022 start), all of it from 2025 (reached in Oct
    2024, the year rule)."""
    ramp = [_fab_kwspm(network, "byd-changsha-8inch", "gt45", y) for y in range(2022, 2027)]
    assert ramp == pytest.approx([0.0, 9.25, 9.25, 18.5, 18.5])


def test_fab_registry_rows() -> None:
    """fabs.csv: Innoscience is a Chinese 200mm fab listed at 12,500 wafers a month; SMEC's
    headline is its reported 70,000 (was 42,500); BYD Changsha is listed at 41,700 (500,000 a
    year / 12); the registry has 198 fabs (with dataE's and dataU's), 201 from data release 14
    (usfabs: ADI Beaverton, Camas and Limerick), 202 from release 15 (data16: CR Micro Chongqing
    12-inch), 203 from release 18 (cov19: onsemi Bucheon), 204 with cov19b's UMC Hsinchu Fabs
    8E/8F/8S, 206 from release 19 (cov20tw: Mosel Vitelic Hsinchu; cov20ck: United Nova Shaoxing
    12-inch)."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    assert len(fabs) == 206
    byd = fabs["byd-changsha-8inch"]
    assert (byd["wafer_size_mm"], byd["capacity_wspm"], byd["production_start_year"]) == (
        "200",
        "41700",
        "2022",
    )
    inno = fabs["innoscience-suzhou-zhuhai"]
    assert (inno["country"], inno["wafer_size_mm"], inno["capacity_wspm"], inno["status"]) == (
        "CHN",
        "200",
        "12500",
        "operating",
    )
    smec = fabs["unitednova-shaoxing-8inch"]
    assert (smec["capacity_wspm"], smec["wafer_size_mm"]) == ("70000", "200")
    assert RELEASE_NOTE in inno["note"] and "Data release 13 (dataCN)" in smec["note"]


@pytest.mark.parametrize(
    ("region", "cls", "year", "pct"),
    [
        # moved by this release (release 12 in brackets): + 12.2 (SMEC) + 5.55 (Innoscience)
        # + 18.5 (BYD Changsha) of 1,569.8 in 2025; the same + 30 (Silan Xiamen) of 1,837.5 in
        # 2027
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 83.3 before release 15 (data16: CR Micro Chongqing 12-inch)
        # 85.0 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2025, 81.2),
        # (79.5); 83.1 until data release 14 (asiafabs: Hua Hong Fab 9's 40nm half to n28_45)
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 80.8 before release 15 (data16)
        # 82.3 until release 19 (cov20ck: United Nova Shaoxing 12-inch, + 10.0)
        # 82.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", "gt45", 2027, 80.9),
        # checked, not moved (SOURCES.md, Release 13: CHN ... (dataCN))
        ("CHN", "n28_45", 2025, 64.5),
        ("CHN", "n28_45", 2027, 68.1),  # 62.5 until data release 14 (asiafabs: Fab 9's 40nm)
        ("CHN", "n10_22", 2025, 54.7),
        ("CHN", "n10_22", 2027, 37.1),
    ],
)
def test_coverage_of_the_cells(
    network: Network, region: str, cls: str, year: int, pct: float
) -> None:
    """Each cell's itemised share of its regional total (`chipshock fabs --coverage`)."""
    assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.1)


def test_no_chinese_logic_cell_exceeds_its_total(horizon: Network) -> None:
    """In no year do China's itemised logic fabs exceed a regional total beyond the
    tolerance, with this release's rows in."""
    assert beyond_tolerance(horizon, ("CHN",), LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []


def test_new_rows_are_sourced_and_say_what_they_assume() -> None:
    """Every release-13 (dataCN) row has a source and an as-of date; the press rows quote a
    company figure, the estimate is low confidence and names its assumption."""
    new = {
        (r["fab_id"], r["node_class"], r["year"]): r
        for r in _rows("fab_capacity.csv")
        if RELEASE_NOTE in r["note"]
    }
    assert set(new) == {
        ("unitednova-shaoxing-8inch", "gt45", "2022"),
        ("innoscience-suzhou-zhuhai", "gt45", "2025"),
        ("silan-xiamen-12inch", "gt45", "2027"),
        ("byd-changsha-8inch", "gt45", "2023"),
        ("byd-changsha-8inch", "gt45", "2025"),
    }
    for r in new.values():
        assert r["source_url"].startswith("http") and r["as_of"], r
    assert new[("unitednova-shaoxing-8inch", "gt45", "2022")]["method"] == "press"
    assert new[("innoscience-suzhou-zhuhai", "gt45", "2025")]["method"] == "press"
    for key in (
        ("silan-xiamen-12inch", "gt45", "2027"),
        ("byd-changsha-8inch", "gt45", "2023"),
        ("byd-changsha-8inch", "gt45", "2025"),
    ):
        assert new[key]["method"].startswith("estimate: ") and new[key]["confidence"] == "low"
        assert new[key]["note"].startswith("assumption: ")
    # the TrendForce row of 2023 it replaces is gone (one SMEC row)
    smec = [r for r in _rows("fab_capacity.csv") if r["fab_id"] == "unitednova-shaoxing-8inch"]
    assert [(r["year"], r["capacity_wspm"]) for r in smec] == [("2022", "31100")]


def test_data_release_13() -> None:
    """The data release this part belongs to (13) or a later one (14: asiafabs, same date; 15:
    2026-12-05)."""
    assert int(DATA_RELEASE) >= 13 and DATA_RELEASE_DATE >= "2026-12-04"
