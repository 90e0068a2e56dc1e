"""Data release 14 (totals): the world class totals behind the cells below 90 %.

No stored public source gives a world capacity per model class that could replace the
`assumption:` rows of global_capacity.csv, so no total changed (SOURCES.md, "Release 14: the
world class totals"). These tests pin, on the shipped data, the figures that write-up quotes:
the world <10nm rows and the ~178 kwspm of SEMI's 2025 figure that no region's fabs hold, the
Intel 10nm-class rows the registry keeps in 10-22nm, the floor the U.S.'s 10-22nm fabs put under
the world 10-22nm of 2022 (~735 kwspm within the coverage tolerance), and what lowering the
<10nm rows by the registry's Intel 7 would do to Taiwan's and Korea's cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.network.producers import Network

from .conftest import edit
from .coverage_helpers import (
    CURATED,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    cell,
    coverage_pct,
    curated_rows,
    fab_kwspm,
    shipped_network,
)

REGIONS = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in the years the write-up quotes."""
    return shipped_network(chain, (2022, 2025, 2027))


def _world(rows: list[dict[str, str]], node_class: str) -> dict[int, float]:
    return {
        int(r["year"]): float(r["capacity_kwspm"]) for r in rows if r["node_class"] == node_class
    }


def _network_with(chain: SupplyChain, folder: Path, years: tuple[int, ...]) -> Network:
    return build_network(ModelData.from_folder(folder, chain), years)


def test_data_release_14() -> None:
    """The data release this part belongs to (14) or a later one (15, 2026-12-05), with its
    CHANGELOG entry."""
    assert int(DATA_RELEASE) >= 14 and DATA_RELEASE_DATE >= "2026-12-04"
    text = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = text.split("## Release 14 — 2026-12-04", 1)[1].split("\n## Release 13 ", 1)[0]
    assert "### The world class totals (totals)" in entry


def test_the_world_class_rows_are_unchanged() -> None:
    """No world row changed in this part: SEMI's <10nm path and the `assumption:` rows of the
    10-22nm, 28-45nm and >45nm classes, as in release 13."""
    rows = curated_rows("global_capacity.csv")
    assert _world(rows, "lt10") == {
        2022: 650,
        2024: 850,
        2025: 982,
        2026: 1160,
        2028: 1400,
        2032: 2100,
    }
    assert _world(rows, "n10_22") == {2022: 900, 2032: 1900}
    assert _world(rows, "n28_45") == {2022: 1300, 2032: 2900}
    # {2022: 3600, 2032: 6900} until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
    # 2022 3600 until release 24 (gt45b: raised to its floor, SEMI's 200mm capacity + 300/150mm)
    assert _world(rows, "gt45") == {2022: 3910, 2023: 4380, 2026: 5070, 2032: 6900}
    for r in rows:
        if r["node_class"] in ("n10_22", "n28_45", "gt45"):
            assert r["note"].startswith("assumption:"), (r["node_class"], r["year"])


def test_world_lt10_leaves_178_kwspm_no_region_holds_in_2025(network: Network) -> None:
    """2025: SEMI's 982 less 41.9 ahead of the registry = 940.1; the regions' itemised <10nm is
    437.5 + 195.8 + 68.8 + 45.0 + 15.0 = 762.1 (TWN, KOR, USA, EUR, CHN); 178.0 is left."""
    cells = {r: cell(network, r, "lt10", 2025) for r in REGIONS}
    itemised = {r: round(c[0], 1) for r, c in cells.items() if c[0] > 0}
    assert itemised == {"TWN": 437.5, "KOR": 195.8, "USA": 68.8, "EUR": 45.0, "CHN": 15.0}
    total = sum(c[1] for c in cells.values())
    assert total == pytest.approx(940.1, abs=0.05)
    assert total - sum(itemised.values()) == pytest.approx(178.0, abs=0.05)


def test_intel_10nm_sites_are_10_22nm_rows(network: Network) -> None:
    """The registry keeps Intel's 10nm (Intel 7) sites in 10-22nm, as SIA/BCG's 0 % U.S. share
    of <10nm in 2022 does: Fab 42 40.0 and Fab 28 43.0 (83.0, the what-if's lower bound), the
    Oregon campus 67.0 (150.0 with it); Fabs 42 and 28 have no <10nm row."""
    for year in (2022, 2025):
        got = [
            fab_kwspm(network, f, "n10_22", year)
            for f in ("intel-fab42-arizona", "intel-fab28-israel", "intel-d1x-oregon")
        ]
        assert got == pytest.approx([40.0, 43.0, 67.0])
    lt10 = {r["fab_id"] for r in curated_rows("fab_capacity.csv") if r["node_class"] == "lt10"}
    assert not {"intel-fab42-arizona", "intel-fab28-israel"} & lt10


def test_us_10_22nm_fabs_floor_the_2022_world_at_735(
    chain: SupplyChain, network: Network, curated_dir: Path
) -> None:
    """U.S. 10-22nm in 2022: 226.3 itemised against 28 % of the world (252.0 at 900). The cell
    stays within the tolerance (max(15, 10 % of the total)) down to 226.3 / (0.28 x 1.1) = 734.7:
    a world of 736 passes, 734 breaks it, and release 8's back-out of 670 breaks it by 38.7
    (187.6 against 226.3)."""
    assert cell(network, "USA", "n10_22", 2022) == pytest.approx((226.3, 252.0), abs=0.05)
    path = curated_dir / "global_capacity.csv"
    before = "n10_22,2022,900,"
    for world, breaks in ((736, False), (734, True), (670, True)):
        edit(path, before, f"n10_22,2022,{world},")
        before = f"n10_22,2022,{world},"
        net = _network_with(chain, curated_dir, (2022,))
        beyond = beyond_tolerance(net, ("USA",), ("n10_22",), TOLERANCE_KWSPM, TOLERANCE_SHARE)
        assert bool(beyond) is breaks, world
        if world == 670:
            assert beyond[0][3] == pytest.approx(-38.7, abs=0.05)
            assert cell(net, "USA", "n10_22", 2022)[1] == pytest.approx(187.6, abs=0.05)


def test_lt10_less_intel_7_what_if(chain: SupplyChain, network: Network, curated_dir: Path) -> None:
    """The write-up's what-if (not applied): SEMI's 2024-2028 rows less the registry's Intel 7
    at Fabs 42 and 28 (83 kwspm) lift 2025's Taiwan <10nm cell 73.0 -> 78.0 % and Korea's
    81.7 -> 89.3 %."""
    assert coverage_pct(network, "TWN", "lt10", 2025) == pytest.approx(73.0, abs=0.05)
    assert coverage_pct(network, "KOR", "lt10", 2025) == pytest.approx(81.7, abs=0.05)
    path = curated_dir / "global_capacity.csv"
    for year, semi in ((2024, 850), (2025, 982), (2026, 1160), (2028, 1400)):
        edit(path, f"lt10,{year},{semi},", f"lt10,{year},{semi - 83},")
    net = _network_with(chain, curated_dir, (2025,))
    assert coverage_pct(net, "TWN", "lt10", 2025) == pytest.approx(78.0, abs=0.05)
    assert coverage_pct(net, "KOR", "lt10", 2025) == pytest.approx(89.3, abs=0.05)


def test_mature_slopes_quoted_in_the_write_up(chain: SupplyChain, network: Network) -> None:
    """>45nm: the registry's itemised capacity grows 3,317.1 -> 3,751.8 kwspm from 2023 to 2026
    (+434.8 after Hua Hong Fab 9's 40nm half moved to 28-45nm, Europe's fabs got 2022 rows and
    backdate gave Nexchip Hefei's 130.0 and Microchip Gresham's 15.6 from 2022 (were 2024),
    beside SEMI's ~+420 of 200mm and the world row's +990); Taiwan's and Korea's cells fall
    from 2025 to 2027 because their totals grow (793.4 -> 896.4, 261.4 -> 295.3) while their
    itemised fabs stay at 740.0 and 242.3 (Taiwan 722.65 from release 17, data18c: TSMC 8-inch
    group at 191.7k)."""
    net = shipped_network(chain, (2023, 2026))
    world = [sum(cell(net, r, "gt45", y)[0] for r in REGIONS) for y in (2023, 2026)]
    # + CR Micro Chongqing 12-inch (data release 15, data16): 15.0 in 2023, 30.0 from 2025
    # release 17 (data18c): TSMC's 8-inch group, Fab 10 and Camas 17.3 + 3.6 + 3.6 = 24.5 less
    # release 18 (cov19): onsemi Bucheon 18.5 and DB HiTek + 1.8 (68.4k) in 2026 = + 20.3
    # release 18 (cov19b): UMC Hsinchu Fabs 8E/8F/8S + 24.4 in both years
    # release 19 (cov20tw): Mosel Vitelic + 15.0 and Macronix Fab 5 - 11.3 in both years, VIS
    # Taiwan - 13.4 in 2026; (cov20ck): United Nova Shaoxing 12-inch + 10.0 from 2025 (none in
    # 2023); release 22 (audit): ST Rousset 200mm's 2011 row + 5.8 in both years
    assert world == pytest.approx(
        [
            3171.45 + 130.0 + 15.6 + 15.0 - 24.5 + 24.4 + 15.0 - 11.3 + 5.8,
            3751.8 + 30.0 - 24.5 + 20.3 + 24.4 + 15.0 - 11.3 - 13.4 + 10.0 + 5.8,
        ],
        abs=0.06,
    )
    for region, itemised, totals in (
        # 740.0 before release 17 (data18c: 8-inch group 191.7k); 722.65 before release 18
        # (cov19b: + UMC Hsinchu Fabs 8E/8F/8S, 24.4); release 19 (cov20tw: + Mosel Vitelic
        # 15.0, Macronix Fab 5 - 11.3 in 2025 only, VIS Taiwan - 8.7 in 2025 and - 13.4 in 2027)
        # totals (793.4, 896.4) until release 21 (gt45, world >45nm row); 2025 total 836.6 until
        # release 22 (cov: TSMC's 8-inch group's 2022 row, so the 2022 'other fabs' floor no
        # longer holds 6.6 of it twice)
        ("TWN", (747.05 + 15.0 - 11.3 - 8.7, 747.05 + 15.0 - 13.4), (830.0, 917.8)),
        # release 18 (cov19): 242.3 + onsemi Bucheon 18.5 + DB HiTek 1.8 (2025) and 9.5 (2027);
        # the 2027 total is 287.0 (295.3 less 8.3 that DB HiTek's 2028 level brings later,
        # "ahead of the registry")
        # totals (261.4, 287.0) until release 21 (gt45, world >45nm row); 2025 total 262.6 until
        # release 24 (gt45b: Korea's 2022 'other fabs', 0 -> 2.7, floor its remainder)
        ("KOR", (262.6, 270.3), (262.6 + 2.68, 294.0)),
    ):
        got = [cell(network, region, "gt45", y) for y in (2025, 2027)]
        assert [g[0] for g in got] == pytest.approx(list(itemised), abs=0.05)
        assert [g[1] for g in got] == pytest.approx(list(totals), abs=0.05)
