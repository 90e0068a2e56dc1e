"""Data release 19 (cov20tw): Taiwan's >45nm cell, and Taiwan's totals against SEMI.

Hand checks of the rows this part adds or restates (300mm-equivalent: 200mm x 0.444, 150mm x
0.25; SOURCES.md, "Release 19: TWN gt45, lt10, n28_45, n10_22 (cov20tw)"):

    Mosel Vitelic, Hsinchu 6-inch (new fab): 57,000 x 0.25 = 14,250 -> 14,300 (2018)
                                             60,000 x 0.25 = 15,000 (Aug 2018 -> 2019 on)
    VIS Taiwan (Fabs 1-3, 5), VIS' own 8-inch capacity, all five fabs, less Singapore's 35,000:
        2024: (3,434,000 / 1.01 / 12 - 35,000) x 0.444 = 110,253 -> 110,300
        2025: (3,434,000 / 12 - 35,000) x 0.444       = 111,518 -> 111,500
        2026: (3,306,000 / 12 - 35,000) x 0.444       = 106,782 -> 106,800 (held after)
    Macronix Fab 5: 20,000 + 20,000 x 18 / 41.5 = 28,675 -> 28,700 (2023-26), 40,000 from 2027

Taiwan's >45nm cell: 755.8 of 687.6 in 2023 (inside the tolerance, 68.2 above), 742.05 of
793.4 in 2025 (94.2 -> 93.5 %), 748.65 of 896.4 in 2027 (83.3 -> 83.5 %).

The check of the totals: the engine's Taiwan, all six classes, is SEMI's whole Taiwan (World
Fab Forecast: 5.4M 200mm-equivalent wafers a month in 2023, 5.7M in 2024), though the engine's
world is only ~78 % of SEMI's (29.6M in 2023): the model's scope leaves out small and
sub-200mm fabs, so Taiwan's in-scope total cannot be above SEMI's figure and is likely below it.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    TOLERANCE_SHARE,
    cell,
    coverage_pct,
    curated_rows,
    fab_kwspm,
    shipped_network,
)

RELEASE_NOTE = "Data release 19 (cov20tw)"
MOSEL = "mosel-vitelic-hsinchu"
MOSEL_REPORT = "https://tw.stock.yahoo.com/news/半導體-茂矽將現增4200萬股-用於擴產與償還銀行借款-042038136.html"
VIS = "vis-taiwan-8inch"
MACRONIX = "macronix-fab5-hsinchu"
CLASSES = ("lt10", "n10_22", "n28_45", "gt45", "dram", "nand")
#: 300mm-equivalent wafers to SEMI's 200mm-equivalent ((300 / 200) ** 2)
TO_200MM = 2.25


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2017-2030."""
    return shipped_network(chain, tuple(range(2017, 2031)))


def _rows(fab_id: str) -> dict[str, dict[str, str]]:
    """A fab's gt45 capacity rows by year."""
    return {
        r["year"]: r
        for r in curated_rows("fab_capacity.csv")
        if (r["fab_id"], r["node_class"]) == (fab_id, "gt45")
    }


def test_mosel_vitelic_in_the_registry() -> None:
    fabs = {r["fab_id"]: r for r in curated_rows("fabs.csv")}
    fab = fabs[MOSEL]
    assert (fab["country"], fab["operator_id"], fab["status"]) == ("TWN", "mosel", "operating")
    assert (fab["wafer_size_mm"], fab["capacity_wspm"]) == ("150", "60000")
    assert fab["source_url"] == MOSEL_REPORT and RELEASE_NOTE in fab["note"]
    # no other row holds Mosel's fab (no group row names it)
    assert [k for k, r in fabs.items() if "mosel" in (k + r["operator"]).lower()] == [MOSEL]


def test_capacity_rows_are_the_hand_checked_estimates() -> None:
    mosel = _rows(MOSEL)
    assert sorted(mosel) == ["2018", "2019"]
    assert int(mosel["2018"]["capacity_wspm"]) == pytest.approx(57_000 * 0.25, abs=50)
    assert int(mosel["2019"]["capacity_wspm"]) == 60_000 * 0.25
    vis = _rows(VIS)
    singapore = 35_000  # vis-singapore-fab3e's 8-inch wafers, taken out of VIS' total
    assert int(vis["2024"]["capacity_wspm"]) == pytest.approx(
        (3_434_000 / 1.01 / 12 - singapore) * 0.444, abs=50
    )
    assert int(vis["2025"]["capacity_wspm"]) == pytest.approx(
        (3_434_000 / 12 - singapore) * 0.444, abs=50
    )
    assert int(vis["2026"]["capacity_wspm"]) == pytest.approx(
        (3_306_000 / 12 - singapore) * 0.444, abs=50
    )
    assert vis["2022"]["capacity_wspm"] == "120200"  # the earlier estimate still holds 2022-23
    macronix = _rows(MACRONIX)
    assert int(macronix["2023"]["capacity_wspm"]) == pytest.approx(
        20_000 + 20_000 * 18 / 41.5, abs=50
    )
    assert (macronix["2021"]["capacity_wspm"], macronix["2027"]["capacity_wspm"]) == (
        "20000",
        "40000",
    )
    for row in (*mosel.values(), vis["2024"], vis["2025"], vis["2026"], macronix["2023"]):
        assert row["method"].startswith("estimate: ") and row["confidence"] == "low"
        assert RELEASE_NOTE in row["note"]


def test_rows_reach_the_engine(network: Network) -> None:
    assert [fab_kwspm(network, MOSEL, "gt45", y) for y in (2017, 2018, 2019, 2030)] == (
        pytest.approx([0.0, 14.3, 15.0, 15.0])
    )
    assert [fab_kwspm(network, VIS, "gt45", y) for y in (2023, 2024, 2025, 2026, 2030)] == (
        pytest.approx([120.2, 110.3, 111.5, 106.8, 106.8])
    )
    assert [fab_kwspm(network, MACRONIX, "gt45", y) for y in (2022, 2023, 2026, 2027)] == (
        pytest.approx([20.0, 28.7, 28.7, 40.0])
    )


@pytest.mark.parametrize(
    ("year", "itemised", "total", "pct"),
    [
        # before: 752.1, 747.05 and 747.05 itemised; + Mosel 15.0, Macronix - 11.3 (2023-26),
        # VIS - 8.7 (2025) and - 13.4 (2026 on)
        # 687.6 (itemised above the total) until release 21 (gt45, world >45nm row)
        (2023, 752.1 + 15.0 - 11.3, 766.3, 98.6),
        # 793.4 / 93.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 94.2 % before; 836.6 / 88.7 until release 22
        # (cov: TSMC's 8-inch group's 2022 row ends the 2022 floor)
        (2025, 747.05 + 15.0 - 11.3 - 8.7, 830.0, 89.4),
        # 896.4 / 83.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2027, 747.05 + 15.0 - 13.4, 917.8, 81.6),  # 83.3 % before
    ],
)
def test_taiwan_mature_cell(
    network: Network, year: int, itemised: float, total: float, pct: float | None
) -> None:
    got = cell(network, "TWN", "gt45", year)
    assert got == pytest.approx((itemised, total), abs=0.06)
    if pct is not None:
        assert coverage_pct(network, "TWN", "gt45", year) == pytest.approx(pct, abs=0.05)


def test_taiwan_2023_stays_inside_the_tolerance(network: Network) -> None:
    """Until release 21 the fabs exceeded Taiwan's >45nm total in 2023 by 68.2 kwspm, just inside
    the 10 % the reconciliation allows (68.76): the total was the doubt (SOURCES.md: SEMI's
    8-inch share). Release 21 (gt45) raised the world >45nm row (3,930 -> 4,380 in 2023), and
    the total now holds the fabs with 10.5 to spare (755.8 of 766.3)."""
    itemised, total = cell(network, "TWN", "gt45", 2023)
    assert total - itemised == pytest.approx(10.5, abs=0.06)
    assert itemised - total < TOLERANCE_SHARE * total


def _taiwan_and_world(network: Network, year: int) -> tuple[float, float]:
    """kwspm the engine holds in Taiwan and in the world in a year (fabs and other fabs)."""
    t = network.table()
    t = t[t["year"] == year]
    return float(t.loc[t["region"] == "TWN", "capacity_kwspm"].sum()), float(
        t["capacity_kwspm"].sum()
    )


@pytest.mark.parametrize(
    ("year", "semi_taiwan_m", "engine_taiwan"),
    # 2405.3 and 2514.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026);
    # 2024's 2570.4 until release 22 (cov: the 2022 'other fabs' floor of Taiwan's >45nm cell no
    # longer holds TSMC's 8-inch group a second time, 2.8 kwspm in 2024)
    [(2023, 5.4, 2415.9), (2024, 5.7, 2567.6)],
)
def test_taiwan_total_is_semis_whole_taiwan(
    network: Network, year: int, semi_taiwan_m: float, engine_taiwan: float
) -> None:
    """SEMI's World Fab Forecast (Jan 2024): Taiwan 5.4M (2023) and 5.7M (2024) 200mm-eq wafers
    a month, the world 29.6M (2023). The engine's Taiwan is within 1 % of it in 2023 and 1.5 %
    above it in 2024 (0.3 % below until release 21 (gt45) raised the world >45nm row)."""
    taiwan, world = _taiwan_and_world(network, year)
    assert taiwan == pytest.approx(engine_taiwan, abs=0.1)
    assert taiwan * TO_200MM / 1000 == pytest.approx(
        semi_taiwan_m, rel=0.01 if year == 2023 else 0.02
    )
    if year == 2023:
        # 0.79 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        assert world * TO_200MM / 1000 / 29.6 == pytest.approx(0.81, abs=0.01)


def test_taiwan_share_of_2022_against_sia_bcg(network: Network) -> None:
    """SIA/BCG give Taiwan 18 % of the world's wafer capacity in 2022 (regional_capacity.csv);
    the class shares the engine applies give it 21.5 %, i.e. ~360 kwspm more than 18 % of the
    engine's world (the lt10 remainder 161.8 and most of n10_22's 230.3 would cover it).
    Release 22 (cov) gave TSMC's 8-inch group a 2022 row: Taiwan's >45nm fabs then exceed the
    cell's total by 58.5 kwspm, which the engine holds (the residual is shown, not cut), so
    Taiwan holds 22.0 % (401.4 above 18 %; 21.5 % and 354.5 before, China's 14nm +6.0 in the
    world too). Release 24 (gt45b) raised the world >45nm 2022 row to 3,910 and gave UMC Fab
    12A's older phases 2022 rows: the excess is 42.7 (730.9 against 688.2), Taiwan 21.8 % (390.0
    above 18 %)."""
    taiwan, world = _taiwan_and_world(network, 2022)
    # TWN gt45 2022: 730.85 itemised against a total of 688.16 (58.5: 692.1 against 633.6 until
    # release 24, gt45b)
    excess = 42.69
    assert sum(cell(network, "TWN", c, 2022)[1] for c in CLASSES) + excess == pytest.approx(taiwan)
    assert 100 * taiwan / world == pytest.approx(21.8, abs=0.1)
    assert taiwan - 0.18 * world == pytest.approx(390.0, abs=0.5)
    shares = {
        (r["region_code"], r["year"]): r["share_pct"]
        for r in curated_rows("regional_capacity.csv")
        if r["category"] == "total" and r["source_name"].startswith("SIA/BCG")
    }
    assert shares[("TWN", "2022")] == "18"


def test_other_taiwan_logic_cells_unchanged(network: Network) -> None:
    for cls, year, pct in (
        ("lt10", 2025, 73.0),
        ("lt10", 2027, 77.2),
        ("n28_45", 2027, 60.7),
        ("n10_22", 2027, 31.7),
    ):
        assert coverage_pct(network, "TWN", cls, year) == pytest.approx(pct, abs=0.05)


def test_data_release_19_entries() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 19 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 19 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "(cov20tw)" in part
    for fab in (MOSEL, VIS, MACRONIX):
        assert fab in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 19: TWN gt45, lt10, n28_45, n10_22 (cov20tw)" in sources
