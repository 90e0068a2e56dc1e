"""Taiwan, Korea, Japan and U.S. fab rows of data release 9 (helper dataB).

Release 9 gives TSMC Fab 25 its first capacity (supply-chain sources' up-to-50k wspm at
maturity, volume from 2H 2028), takes TSMC's 6-inch Fab 2 and 8-inch Fab 5 out of the 8-inch
group row at the end of 2027 (TSMC told customers they cease production by then), cuts Renesas
Kofu to the 6,000 m2 of clean room it runs (not the 18,000 m2 building), and adds onsemi's
200mm Aizu fab. Kioxia Kitakami K2, NXP's U.S. 200mm fabs and Micron Manassas stay without a
capacity row: no public figure for the first two, and Manassas' ~30k would exceed the U.S.
DRAM totals of 2030-40 (a regional_capacity.csv question for the lead).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network, build_network

from .coverage_helpers import beyond_tolerance, coverage_pct

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
REGIONS = ("TWN", "KOR", "JPN", "USA")
CLASSES = ("lt10", "n10_22", "n28_45", "gt45", "dram", "nand")
#: Tolerance of itemised capacity above a regional total (as in test_capacity_coverage.py).
TOLERANCE_KWSPM = 15.0
TOLERANCE_SHARE = 0.10
YEARS = (2025, 2026, 2027, 2028, 2029, 2030)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data, 2025-2029."""
    return build_network(ModelData.from_folder(CURATED, chain), YEARS)


def _capacity(network: Network, fab_id: str, node_class: str, year: int) -> float:
    t = network.table()
    mask = (t["fab_id"] == fab_id) & (t["node_class"] == node_class) & (t["year"] == year)
    return float(t.loc[mask, "capacity_kwspm"].sum())


def _rows(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_fab25_ramps_from_2028() -> None:
    """TSMC Fab 25 (A14) holds nothing while only risk production runs (2027), half of the
    up-to-50k wspm from 2029, after the 2H 2028 volume start, and all of it from 2030 (data
    release 12, the year rule; was 2028 and 2029)."""
    rows = {
        int(r["year"]): r for r in _rows("fab_capacity.csv") if r["fab_id"] == "tsmc-fab25-taichung"
    }
    assert sorted(rows) == [2029, 2030]
    assert all(r["node_class"] == "lt10" and r["confidence"] == "low" for r in rows.values())
    assert all(r["source_url"] == "https://www.semimedia.cc/20210.html" for r in rows.values())


def test_fab25_counts_in_taiwan_below_10nm(network: Network) -> None:
    """Fab 25 is a Taiwanese <10nm producer: 0 in 2028, 25 kwspm in 2029, 50 in 2030 (data
    release 12, the year rule)."""
    got = [_capacity(network, "tsmc-fab25-taichung", "lt10", y) for y in (2028, 2029, 2030)]
    assert got == pytest.approx([0.0, 25.0, 50.0])
    t = network.table()
    assert set(t.loc[t["fab_id"] == "tsmc-fab25-taichung", "region"]) == {"TWN"}


def test_tsmc_8inch_group_loses_fab2_and_fab5_at_end_2027(network: Network) -> None:
    """The 8-inch group row keeps 191.7k wspm (five fabs) through 2027 and 115.0k (Fabs 3, 6,
    8: two of the seven ~38.33k shares off) from January 2028, after they cease production by
    the end of 2027 (data release 12, the year rule; was from 2027). Release 17 (data18c,
    review 9b finding 11): Fab 16 is subtracted at its 65k, not 40k (was 209k / 125.3k)."""
    assert _capacity(network, "tsmc-8inch-taiwan", "gt45", 2027) == pytest.approx(191.7)
    assert _capacity(network, "tsmc-8inch-taiwan", "gt45", 2028) == pytest.approx(115.0)
    rows = {
        int(r["year"]): float(r["capacity_wspm"])
        for r in _rows("fab_capacity.csv")
        if r["fab_id"] == "tsmc-8inch-taiwan"
    }
    assert rows[2028] == pytest.approx(rows[2023] - 2 * 268_333 / 7, abs=100)


def test_renesas_kofu_holds_only_its_running_clean_room(network: Network) -> None:
    """Kofu counts 6,000 m2 x 0.84 wspm per m2 = ~5k wspm from 2025 on, not the 15.1k of a
    fully equipped 18,000 m2 fab that release 8 assumed from 2026."""
    for year in (2025, 2026, 2027, 2029):
        assert _capacity(network, "renesas-kofu", "gt45", year) == pytest.approx(5.0), year


def test_onsemi_aizu_puts_onsemi_in_japan(network: Network) -> None:
    """onsemi's 200mm Aizu fab (15k 200mm wpm x 0.444) is a Japanese >45nm producer, so a shock
    on onsemi now reaches Japan as well as the U.S."""
    t = network.table()
    onsemi = t[(t["operator_id"] == "onsemi") & (t["year"] == 2025) & (t["capacity_kwspm"] > 0)]
    assert {"JPN", "USA"} <= set(onsemi["region"])
    assert _capacity(network, "onsemi-aizu", "gt45", 2025) == pytest.approx(6.7)
    fab = next(r for r in _rows("fabs.csv") if r["fab_id"] == "onsemi-aizu")
    assert (fab["country"], fab["wafer_size_mm"]) == ("JPN", "200")
    # the 200mm plan x 0.444, rounded to hundreds as the other 200mm rows
    assert float(fab["capacity_wspm"]) * 0.444 / 1000 == pytest.approx(6.7, abs=0.05)


def test_fabs_left_without_capacity_have_no_row() -> None:
    """Kioxia K2 (Kioxia publishes no K2 scale) and NXP's U.S. 200mm fabs (no figure) stay
    uncounted, not defaulted (Micron Manassas, listed here until data release 15, has its row
    since the U.S. DRAM totals were raised to hold it: test_release15_data16.py)."""
    with_rows = {r["fab_id"] for r in _rows("fab_capacity.csv")}
    fabs = {r["fab_id"] for r in _rows("fabs.csv")}
    for fab_id in ("kioxia-kitakami-k2", "nxp-us-8inch"):
        assert fab_id in fabs and fab_id not in with_rows, fab_id


@pytest.mark.parametrize(
    ("region", "node_class", "year", "expected"),
    [
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 91.1 until release 18 (cov19b): + UMC Hsinchu Fabs 8E/8F/8S, 24.4
        # 94.2 until release 19 (cov20tw): + Mosel Vitelic 15.0, Macronix Fab 5 - 11.3, VIS - 8.7
        # 93.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # unchanged: Fab 2 and Fab 5 run until the end of 2027; 88.7 until release 22 (cov: the
        # 8-inch group's 2022 row ends the 2022 floor that held 6.6 of it twice)
        ("TWN", "gt45", 2025, 89.4),
        # 73.2 with the two fabs off in 2027; they run to the end of 2027, so from 2028 under the
        # year rule of data release 12
        # release 17 (data18c): TSMC legacy fabs at 38.3k (Fab 16 subtracted at 65k)
        # 80.6 until release 18 (cov19b): + 24.4 (UMC 8E/8F/8S); 83.3 until release 19 (cov20tw):
        # + Mosel Vitelic 15.0, VIS Taiwan - 13.4
        # 83.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("TWN", "gt45", 2027, 81.6),
        # 85.4 and 82.0 before the year rule of data release 12 moved Fab 25's ramp (first 25k
        # from 2029) and Fab 22's (P1-P6 from 2029) a year
        # 73.6 and 79.1 until release 13 (dataA2): TSMC's 2022 rows lower Taiwan's <10nm total
        ("TWN", "lt10", 2028, 78.0),
        ("TWN", "lt10", 2029, 80.5),
        # 57.8 + onsemi Aizu 6.7 - Kofu 2.5 = 58.5 (data release 11: + ROHM Tsukuba 6.3 and
        # Kaga Toshiba's new 300mm building, 17.5) = 62.3, then 68.5 once coverage counts what
        # the engine holds (session 12); data release 12: + Sony's 2024 capacity, 14.0 = 70.9
        # 77.8 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 73.4 until release 24 (gt45b: 2022's larger remainder, other fabs 159.8 -> 165.1)
        ("JPN", "gt45", 2025, 72.7),  # release 13 (dataE): + Oita 31.2, Fuji Tsugaru 7.5
        # 52.3 + 6.7 - 10.1 = 51.8 (data release 11: + Tsukuba 6.3, Kaga 35, LAPIS Kunitomi 13.3
        # and Fuji Electric's Matsumoto SiC 5.7) = 60.4, then 62.1 (session 12), 64.1 (release 12)
        # release 12, year rule: Fuji's SiC half level from 2028 (63.8); release 13: + Oita, Tsugaru
        # 69.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("JPN", "gt45", 2027, 67.8),
    ],
)
def test_cells_reach_the_coverage_measured(
    network: Network, region: str, node_class: str, year: int, expected: float
) -> None:
    """The cells the release-9 rows move sit at the coverage measured for the report."""
    assert coverage_pct(network, region, node_class, year) == pytest.approx(expected, abs=0.05)


def test_no_cell_of_the_four_regions_exceeds_its_total(chain: SupplyChain) -> None:
    """No Taiwanese, Korean, Japanese or U.S. cell holds more itemised capacity than its total
    beyond the tolerance in any year 2022-2040."""
    horizon = build_network(ModelData.from_folder(CURATED, chain), tuple(range(2022, 2041)))
    assert beyond_tolerance(horizon, REGIONS, CLASSES, TOLERANCE_KWSPM, TOLERANCE_SHARE) == []
