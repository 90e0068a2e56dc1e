"""World logic capacity per class (data release 8, issue 8).

SEMI's 300mm Fab Outlook (2Q 2025) gives 7nm-and-below capacity for 2025 (~982k wafers a month)
and 2026 (~1.16M) between its 2024 (850k) and 2028 (1.4M) figures, so the <10nm class rests on
SEMI from 2024 to 2028. No stored source gives a world figure for 10-22nm, 28-45nm or >45nm
logic: those rows stay assumptions, checked here against SEMI's world and 200mm totals
(200mm-equivalent and 200mm wafers x 0.444 = 300mm-equivalent).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network import regional

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
SEMI_OUTLOOK_URL = (
    "https://evertiq.com/news/2025-06-26-advanced-chip-capacity-to-surge-69-by-2028-on-ai-demand"
)
#: 300mm-equivalent wafers per 200mm-equivalent wafer (area ratio 200^2 / 300^2).
PER_200MM = 0.444
#: SEMI World Fab Forecast (4Q 2024 edition, Jan 2025): 33.6M 200mm-equivalent wpm in 2025.
SEMI_WORLD_2025_KWSPM = 33_600 * PER_200MM
#: SEMI 200mm Fab Outlook to 2026 (Sep 2023): more than 7.7M 200mm wafers a month in 2026.
SEMI_200MM_2026_KWSPM = 7_700 * PER_200MM


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated data."""
    return ModelData.from_folder(CURATED, chain)


def _rows() -> list[dict[str, str]]:
    with (CURATED / "global_capacity.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _row(node_class: str, year: int) -> dict[str, str]:
    found = [r for r in _rows() if r["node_class"] == node_class and r["year"] == str(year)]
    assert len(found) == 1, (node_class, year, len(found))
    return found[0]


@pytest.mark.parametrize(("year", "kwspm"), [(2025, 982.0), (2026, 1160.0)])
def test_leading_edge_rows_carry_semis_2025_and_2026_figures(year: int, kwspm: float) -> None:
    """The <10nm rows of 2025 and 2026 are SEMI's figures, sourced at medium confidence."""
    row = _row("lt10", year)
    assert float(row["capacity_kwspm"]) == kwspm
    assert row["source_url"] == SEMI_OUTLOOK_URL
    assert row["as_of"] == "2025-06"
    assert row["confidence"] == "medium"
    assert "SEMI" in row["note"]
    assert not row["note"].startswith("assumption:")


def test_leading_edge_rests_on_semi_from_2024_to_2028() -> None:
    """Every <10nm row from 2024 to 2028 is a SEMI figure, none an assumption."""
    years = [int(r["year"]) for r in _rows() if r["node_class"] == "lt10"]
    sourced = [y for y in years if 2024 <= y <= 2028]
    assert sourced == [2024, 2025, 2026, 2028]
    for year in sourced:
        assert not _row("lt10", year)["note"].startswith("assumption:"), year


def test_engine_reads_the_new_leading_edge_rows(data: ModelData) -> None:
    """The world <10nm total is 982 in 2025 and 1,160 in 2026, and 2027 lies halfway to 2028."""
    classes = regional.node_classes(data)
    lt10 = regional.global_capacity(data, classes, (2025, 2026, 2027))[classes.index("lt10")]
    assert lt10.tolist() == pytest.approx([982.0, 1160.0, 1280.0])


def test_one_row_per_class_and_year() -> None:
    """No (node_class, year) appears twice in global_capacity.csv."""
    keys = [(r["node_class"], r["year"]) for r in _rows()]
    assert len(keys) == len(set(keys))


def test_unsourced_logic_rows_stay_low_confidence_assumptions() -> None:
    """The 10-22nm, 28-45nm and >45nm rows, for which no source gives a world figure, say so."""
    for row in _rows():
        if row["node_class"] in ("n10_22", "n28_45", "gt45"):
            assert row["note"].startswith("assumption:"), (row["node_class"], row["year"])
            assert row["confidence"] == "low", (row["node_class"], row["year"])


def test_six_classes_sit_below_semis_world_total_in_2025(data: ModelData) -> None:
    """The six classes sum to 75-85% of SEMI's 2025 world capacity (~14,900 kwspm): SEMI counts
    installed capacity in every front-end fab, the memory rows count the makers' wafer inputs."""
    classes = regional.node_classes(data)
    world = float(regional.global_capacity(data, classes, (2025,))[:, 0].sum())
    assert 0.75 * SEMI_WORLD_2025_KWSPM <= world <= 0.85 * SEMI_WORLD_2025_KWSPM


def test_gt45_holds_all_of_semis_200mm_capacity(data: ModelData) -> None:
    """200mm lines run 80nm and larger nodes, so the >45nm class holds at least SEMI's 2026
    200mm capacity in 300mm-equivalent (~3,420 kwspm), with room for 300mm and 150mm lines."""
    classes = regional.node_classes(data)
    gt45 = float(regional.global_capacity(data, classes, (2026,))[classes.index("gt45"), 0])
    assert SEMI_200MM_2026_KWSPM < gt45 < 1.6 * SEMI_200MM_2026_KWSPM
