"""Data release 21 (gt45): the world >45nm row from SEMI's 200mm capacity plus the registry's
>45nm lines on 300mm and 150mm wafers.

``global_capacity.csv`` gains ``gt45`` 2023 = 4,380 and 2026 = 5,070 kwspm (``assumption:``
estimates, low confidence); 2022 (3,600) and 2032 (6,900) are kept, and so is every region's
>45nm share, so each region's total scales with the world row. What the tests pin, each
hand-checkable:

- the floor: SEMI's world 200mm capacity (7.7M / 1.14 = 6.754M wafers a month in 2023, more than
  7.7M in 2026) x 0.444 = 2,998.9 / 3,418.8, plus the engine's >45nm fabs on 300mm and 150mm
  wafers less the two 300mm group rows holding 200mm lines (1,376.9 / 1,649.2) = 4,375.8 /
  5,068.0, which the rows round to 10;
- the cells whose fabs exceeded their totals in 2023 (Taiwan, Korea, the rest of the world)
  back out a world of 4,287-4,320, below the new row and above the old one; from 2023 on no
  >45nm cell's fabs exceed its total;
- the regions scale with the world (2023: 4,380 / 3,930) against the same data without the two
  rows;
- the >45nm cells' coverage before -> after (`chipshock fabs --coverage`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import Network, regional

from .coverage_helpers import (
    CURATED,
    cell,
    changelog_entry,
    coverage_pct,
    curated_rows,
    gt45_lines_300_150,
    shipped_network,
)

SEMI_2023 = "https://jiweipreview.laoyaoba.com/n/878047"
#: SEMI 200mm Fab Outlook to 2026 (19 Sep 2023): > 7.7M 200mm wafers a month in 2026, +14 %
#: from 2023 (millions of wafers a month)
WORLD_200MM = {2023: 7.7 / 1.14, 2026: 7.7}
TO_300MM = 0.444
REGIONS = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
YEARS = (2022, 2023, 2024, 2025, 2026, 2027)


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in the years the write-up quotes."""
    return shipped_network(chain, YEARS)


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated data."""
    return ModelData.from_folder(CURATED, chain)


def _gt45_rows() -> dict[int, dict[str, str]]:
    return {
        int(r["year"]): r for r in curated_rows("global_capacity.csv") if r["node_class"] == "gt45"
    }


def test_data_release_21() -> None:
    """The data release this part belongs to (21) or a later one, with its CHANGELOG entry and
    SOURCES.md section."""
    assert int(DATA_RELEASE) >= 21 and DATA_RELEASE_DATE >= "2026-12-05"
    assert "### The world >45nm row" in changelog_entry(21)
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 21: the world >45nm row (gt45)" in sources


def test_the_world_gt45_rows() -> None:
    """Two estimate rows between the kept rows of 2022 and 2032 (release 24, gt45b, raised the
    2022 row to its floor on the same rule: 3,600 -> 3,910; test_release24_gt45b.py)."""
    rows = _gt45_rows()
    assert {y: float(r["capacity_kwspm"]) for y, r in rows.items()} == {
        2022: 3_910.0,
        2023: 4_380.0,
        2026: 5_070.0,
        2032: 6_900.0,
    }
    for year in (2023, 2026):
        r = rows[year]
        assert r["note"].startswith("assumption: estimate, a floor (data release 21, gt45)")
        assert r["confidence"] == "low" and r["source_url"] == SEMI_2023 and r["as_of"] == "2023-09"
        assert "x 0.444" in r["note"] and "SOURCES.md, Release 21" in r["note"]
    assert "smic-other-fabs and samsung-giheung" in rows[2023]["note"]


@pytest.mark.parametrize(
    ("year", "semi", "lines", "floor"),
    [(2023, 2_998.9, 1_376.9, 4_375.8), (2026, 3_418.8, 1_649.2, 5_068.0)],
)
def test_each_row_is_the_floor_rounded_to_ten(
    network: Network, year: int, semi: float, lines: float, floor: float
) -> None:
    got_semi = WORLD_200MM[year] * 1000.0 * TO_300MM
    got_lines = gt45_lines_300_150(network, year)
    assert (got_semi, got_lines) == pytest.approx((semi, lines), abs=0.06)
    assert got_semi + got_lines == pytest.approx(floor, abs=0.1)
    assert float(_gt45_rows()[year]["capacity_kwspm"]) == round(floor, -1)


def test_over_itemised_cells_back_out_the_same_level(data: ModelData, network: Network) -> None:
    """itemised / share bounds the world from below. In 2023 Taiwan, Korea and the rest of the
    world give 4,320, 4,288 and 4,287: above the old line (3,930), at most the new row."""
    classes = regional.node_classes(data)
    ci = classes.index("gt45")
    share = regional.share_array(data, list(REGIONS), classes, (2023,))[:, ci, 0]
    t = network.table()
    t = t[(t["node_class"] == "gt45") & (t["year"] == 2023) & (t["kind"] == "fab")]
    backed = {
        r: float(t.loc[t["region"] == r, "capacity_kwspm"].sum()) / share[i]
        for i, r in enumerate(REGIONS)
    }
    got = (backed["TWN"], backed["KOR"], backed["ROW"])
    assert got == pytest.approx((4_320.0, 4_288.0, 4_287.0), abs=1.0)
    assert min(got) > 3_930.0 and max(backed.values()) <= 4_380.0


def test_no_gt45_cell_exceeds_its_total_from_2023(network: Network) -> None:
    """Before, Taiwan's, Korea's and the rest of the world's >45nm fabs exceeded their totals
    in 2023-2025 (109.9 / 109.1 / 109.1 % in 2023)."""
    r = network.residuals
    over = r[(r["node_class"] == "gt45") & (r["year"] >= 2023) & (r["residual_kwspm"] < 0)]
    assert over.empty, over


def test_regions_scale_with_the_world_row(chain: SupplyChain, curated_dir: Path) -> None:
    """Against the same data without the two rows, every region's >45nm base total moves by
    the world row's ratio (shares unchanged), and no other class moves."""
    after = ModelData.from_folder(CURATED, chain)
    path = curated_dir / "global_capacity.csv"
    kept = path.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = [ln for ln in kept if not ln.startswith(("gt45,2023,", "gt45,2026,"))]
    assert len(kept) - len(dropped) == 2
    path.write_text("".join(dropped), encoding="utf-8")
    before = ModelData.from_folder(curated_dir, chain)
    classes = regional.node_classes(after)
    years = (2022, 2023, 2025, 2027)

    def base(d: ModelData) -> np.ndarray:
        g = regional.global_capacity(d, classes, years)
        return g[None] * regional.share_array(d, list(REGIONS), classes, years)

    b, a = base(before), base(after)
    ci = classes.index("gt45")
    ratio = a[:, ci] / b[:, ci]
    # without the two rows the line runs from the 2022 row to 2032's: 3,600 + 330 a year until
    # release 24 (gt45b: 3,930, 4,590 and 5,250), 3,910 + 299 a year since
    world = np.array([3_910 / 3_910, 4_380 / 4_209, 4_840 / 4_807, 5_375 / 5_405])
    assert np.allclose(ratio, world[None], rtol=1e-12)
    others = [i for i in range(len(classes)) if i != ci]
    assert np.array_equal(a[:, others], b[:, others])


@pytest.mark.parametrize(
    ("region", "year", "itemised", "total", "pct"),
    [
        ("TWN", 2023, 755.8, 766.3, 98.6),
        # 836.6 / 88.7 until release 22
        # (cov: TSMC's 8-inch group's 2022 row ends the 2022 floor)
        ("TWN", 2025, 742.0, 830.0, 89.4),
        ("TWN", 2027, 748.6, 917.8, 81.6),
        # 247.2 / 100.0 until release 24 (gt45b: 2022's larger remainder, 2.7)
        ("KOR", 2023, 247.2, 249.9, 98.9),
        ("KOR", 2027, 270.3, 294.0, 91.9),
        ("CHN", 2023, 1_181.5, 1_462.9, 80.8),
        ("CHN", 2027, 1_521.6, 1_881.2, 80.9),
        # 516.0 / 76.3 until release 24 (gt45b: 2022's larger remainder, 165.1)
        ("JPN", 2023, 393.6, 558.8, 70.4),
        # 600.3 / 73.4 until release 24 (gt45b: 2022's larger remainder, 165.1)
        ("JPN", 2025, 440.6, 605.7, 72.7),
        ("JPN", 2027, 471.4, 694.8, 67.8),
        ("USA", 2027, 289.1, 662.8, 43.6),
        # 494.4 / 71.4 until release 24 (gt45b: 2022's larger remainder, 151.1)
        ("EUR", 2027, 353.2, 504.2, 70.0),  # 347.4 / 70.3 until release 22 (audit)
        ("ROW", 2023, 298.3, 304.8, 97.9),
        # 327.0 / 94.7 until release 24 (gt45b: 2022's larger remainder, 39.1)
        ("ROW", 2027, 309.6, 348.7, 88.8),
    ],
)
def test_gt45_cells_after(
    network: Network, region: str, year: int, itemised: float, total: float, pct: float
) -> None:
    """The >45nm cells as `chipshock fabs --coverage` shows them (SOURCES.md's table)."""
    assert cell(network, region, "gt45", year) == pytest.approx((itemised, total), abs=0.1)
    assert coverage_pct(network, region, "gt45", year) == pytest.approx(pct, abs=0.05)


def test_2022_moves_only_with_its_own_row(network: Network) -> None:
    """Release 21 kept the 2022 row, so 2022's cells were release 20's (Korea 224.1 of 208.8,
    Japan 374.4 of 496.8); release 24 (gt45b) raised that row 3,600 -> 3,910, and the totals
    scale with it."""
    assert cell(network, "KOR", "gt45", 2022) == pytest.approx(
        (224.1, 208.8 * 3_910 / 3_600), abs=0.06
    )
    assert cell(network, "JPN", "gt45", 2022) == pytest.approx(
        (374.4, 496.8 * 3_910 / 3_600), abs=0.1
    )
