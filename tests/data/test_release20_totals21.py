"""Data release 20 (totals21): the leading edge's world totals behind Taiwan's and Korea's cells.

No stored public source gives a world capacity of 10-22nm logic, or says whether SEMI's
"7nm and below" counts Intel 7, so no row of global_capacity.csv changed (SOURCES.md,
"Release 20: ... (totals21)"). These tests pin, on the shipped data, the figures that write-up
quotes: how the 2027 cells are made (world x share, less what runs ahead of the registry), the
lowest 2025 world 10-22nm row that Japan's cell admits (~921 kwspm), and the what-if of a 2025
row of 1,020 kwspm grown from 2022 at Counterpoint's ~4 %/yr for the 14/12nm node.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.network.producers import Network

from .coverage_helpers import (
    CURATED,
    LOGIC,
    TOLERANCE_KWSPM,
    TOLERANCE_SHARE,
    beyond_tolerance,
    cell,
    coverage_pct,
    curated_rows,
)

REGIONS = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
#: the what-if row (not shipped): 900 x 1.043^3 = 1,021, rounded to 1,020
COUNTERPOINT = "https://www.counterpointresearch.com/massive-fab-expansion-to-change-geographical-mix-of-supply/"
WHAT_IF_ROW = f"n10_22,2025,1020,{COUNTERPOINT},2021-05,low,estimate: what-if\n"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in the years the write-up quotes."""
    return build_network(ModelData.from_folder(CURATED, chain), (2022, 2025, 2027))


def _with_2025_row(chain: SupplyChain, folder: Path, world: int) -> Network:
    """The shipped data with one extra world 10-22nm row for 2025 (a copy, not the shipped
    file)."""
    path = folder / "global_capacity.csv"
    text = path.read_text(encoding="utf-8")
    assert "n10_22,2025," not in text
    path.write_text(text + WHAT_IF_ROW.replace(",1020,", f",{world},"), encoding="utf-8")
    return build_network(ModelData.from_folder(folder, chain), (2022, 2024, 2025, 2026, 2027))


def test_data_release_20() -> None:
    """The data release this part belongs to (20) or a later one, with its CHANGELOG entry."""
    assert int(DATA_RELEASE) >= 20 and DATA_RELEASE_DATE >= "2026-12-05"
    text = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = text.split("## Release 20 — 2026-12-05", 1)[1].split("\n## Release 19 ", 1)[0]
    assert "(totals21)" in entry
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 20: the leading edge's world totals" in sources


def test_the_leading_edge_world_rows_are_unchanged() -> None:
    """No world row changed: SEMI's <10nm path (2024-2028) between two `assumption:` rows, and
    the two `assumption:` rows of 10-22nm (a straight line 900 -> 1,900)."""
    rows = curated_rows("global_capacity.csv")
    world = {
        (r["node_class"], int(r["year"])): (float(r["capacity_kwspm"]), r["confidence"])
        for r in rows
        if r["node_class"] in ("lt10", "n10_22")
    }
    assert world == {
        ("lt10", 2022): (650.0, "low"),
        ("lt10", 2024): (850.0, "medium"),
        ("lt10", 2025): (982.0, "medium"),
        ("lt10", 2026): (1160.0, "medium"),
        ("lt10", 2028): (1400.0, "medium"),
        ("lt10", 2032): (2100.0, "low"),
        ("n10_22", 2022): (900.0, "low"),
        ("n10_22", 2032): (1900.0, "low"),
    }


def test_how_the_2027_cells_are_made(network: Network) -> None:
    """2027, world x share: <10nm world 1,280 (SEMI's 1,160 and 1,400 halved); Taiwan's share
    69 -> 47 % (2022 -> 2032) = 58 %, 742.4, less 33.1 that the registry brings later = 709.3;
    Korea's 31 -> 9 % = 20 %, 256.0. 10-22nm world 900 + 0.5 x 1,000 = 1,400; Taiwan 40 -> 33 %
    = 36.5 %, 511.0; Korea 14 -> 10 % = 12 %, 168.0."""
    y = network.years.index(2027)
    lt10, n10 = network.classes.index("lt10"), network.classes.index("n10_22")
    twn, kor = network.regions.index("TWN"), network.regions.index("KOR")
    assert network.ahead[twn, lt10, y] == pytest.approx(33.1, abs=0.05)
    assert cell(network, "TWN", "lt10", 2027)[1] == pytest.approx(0.58 * 1280 - 33.1, abs=0.05)
    assert cell(network, "KOR", "lt10", 2027)[1] == pytest.approx(0.20 * 1280, abs=0.05)
    assert network.ahead[kor, lt10, y] == pytest.approx(0.0)
    assert cell(network, "TWN", "n10_22", 2027)[1] == pytest.approx(0.365 * 1400, abs=0.05)
    assert cell(network, "KOR", "n10_22", 2027)[1] == pytest.approx(0.12 * 1400, abs=0.05)
    assert network.ahead[[twn, kor], n10, y] == pytest.approx([0.0, 0.0])
    got = {r: round(coverage_pct(network, r, "lt10", 2027), 1) for r in ("TWN", "KOR")}
    assert got == {"TWN": 77.2, "KOR": 76.5}
    assert coverage_pct(network, "TWN", "n10_22", 2027) == pytest.approx(31.7, abs=0.05)
    assert coverage_pct(network, "KOR", "n10_22", 2027) == pytest.approx(54.8, abs=0.05)


def test_japan_bounds_a_2025_row_from_below(chain: SupplyChain, curated_dir: Path) -> None:
    """Japan's 10-22nm share runs 1 -> 4 % (2022 -> 2032), 1.9 % in 2025, and JASM Fab 1 holds
    32.5 kwspm from 2025: the cell stays within the tolerance (15) down to a world of
    (32.5 - 15) / 0.019 = 921. A 2025 row of 930 passes, 910 breaks Japan (and only Japan)."""
    for world, breaks in ((930, False), (910, True)):
        folder = curated_dir.parent / f"c{world}"
        folder.mkdir()
        for f in curated_dir.iterdir():
            (folder / f.name).write_bytes(f.read_bytes())
        net = _with_2025_row(chain, folder, world)
        beyond = beyond_tolerance(net, REGIONS, ("n10_22",), TOLERANCE_KWSPM, TOLERANCE_SHARE)
        assert [(b[0], b[2]) for b in beyond] == ([("JPN", 2025)] if breaks else []), world
        assert cell(net, "JPN", "n10_22", 2025) == pytest.approx((32.5, 0.019 * world), abs=0.05)


def test_counterpoint_growth_what_if(chain: SupplyChain, curated_dir: Path) -> None:
    """The write-up's what-if (not applied): a 2025 row of 1,020 (900 grown ~4.3 %/yr, the
    14/12nm node's 260k -> 310k a month of 2021 -> 2025, Counterpoint) lowers the 2027 world
    10-22nm from 1,400 to 1,020 + 2/7 x 880 = 1,271.4 and lifts 2027 coverage: TWN 31.7 ->
    34.9 %, KOR 54.8 -> 60.4 %, CHN 37.1 -> 40.9 %, USA 64.7 -> 71.2 %; no logic cell
    breaks the tolerance in 2022-2027 beyond the ones shipped (none at 10-22nm)."""
    net = _with_2025_row(chain, curated_dir, 1020)
    assert cell(net, "TWN", "n10_22", 2027)[1] == pytest.approx(
        0.365 * (1020 + 2 / 7 * 880), abs=0.05
    )
    got = {r: round(coverage_pct(net, r, "n10_22", 2027), 1) for r in ("TWN", "KOR", "CHN", "USA")}
    assert got == {"TWN": 34.9, "KOR": 60.4, "CHN": 40.9, "USA": 71.2}
    assert round(coverage_pct(net, "TWN", "n10_22", 2025), 1) == 41.9
    beyond = beyond_tolerance(net, REGIONS, LOGIC, TOLERANCE_KWSPM, TOLERANCE_SHARE)
    assert {(b[0], b[1]) for b in beyond} <= {("EUR", "lt10")}
