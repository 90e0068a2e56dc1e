"""`chipshock data validate --lang ja` on a copy of the shipped data that breaks the registry's
own rules, the ranges and the parameter rows: every problem says what was expected in Japanese
(about forty of these texts were shown in English, marked（英語）)."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from chipshock.data.curated import load_curated
from chipshock.model.registry_schema import RENAMED_FAB_STATUSES
from chipshock.present.expected_text import expected_text_ja

from .terminal import chipshock_at

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
ENGLISH = "（英語）"

Edit = Callable[[list[list[str]]], None]


def _cell(column: str, value: str, row: int = 0) -> Edit:
    def edit(rows: list[list[str]]) -> None:
        rows[row + 1][rows[0].index(column)] = value

    return edit


#: one broken cell each: (file, edit)
EDITS: list[tuple[str, Edit]] = [
    ("fabs.csv", _cell("operator_id", "Rapidus!")),
    ("fabs.csv", _cell("status", next(iter(RENAMED_FAB_STATUSES)), 2)),
    # fabs at Kikuyo in three countries, none of them place_names_ja.csv's JPN
    ("fabs.csv", _cell("region_or_city", "Kikuyo, Kumamoto", 0)),
    ("fabs.csv", _cell("country", "KOR", 0)),
    ("fabs.csv", _cell("country", "TWN", 1)),
    ("fabs.csv", _cell("country", "USA", 2)),
    ("fab_capacity.csv", _cell("method", "guess")),
    ("fab_capacity.csv", _cell("method", "estimate: x", 1)),
    ("fab_capacity.csv", _cell("confidence", "high", 1)),
    ("inventory_buffers.csv", _cell("weeks_low", "999")),
    ("model_assumptions.csv", _cell("value", "99999")),
    ("shock_assumptions.csv", _cell("low", "99999")),
    ("market_demand_path.csv", _cell("chip_demand_usd_bn", "0")),
    ("utilisation_path.csv", _cell("utilisation", "1.5")),
    ("country_groups.csv", _cell("group_code", "eu")),
    ("materials.csv", _cell("input_ids", "X1")),
    ("materials.csv", _cell("node_classes", "zz", 1)),
    ("node_requirements.csv", _cell("except_operator_ids", "nobody")),
    ("remainder_operators.csv", _cell("region", "ZZZ")),
    ("remainder_operators.csv", _cell("operator_id", "nobody", 1)),
    ("place_names_ja.csv", _cell("region_or_city_ja", "Chitose")),
    ("place_names_ja.csv", _cell("country", "USA", 1)),
    ("place_names_ja.csv", _cell("region_or_city", "Nowhere", 2)),
    ("fab_names_ja.csv", _cell("fab_id", "nope-fab")),
    ("alliance_tracker.csv", _cell("status_note_ja", "")),
    ("alliance_tracker.csv", _cell("parent_item_id", "nope", 1)),
    ("alliance_deliverables.csv", _cell("part_of", "nope")),
    ("alliance_deliverables.csv", _cell("counterpart_ja", "x", 1)),
    ("partnerships.csv", _cell("fab_ids", "nope")),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped curated folder with every edit of `EDITS`."""
    folder = tmp_path_factory.mktemp("registry")
    shutil.copytree(CURATED, folder, dirs_exist_ok=True)
    for name, edit in EDITS:
        path = folder / name
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        edit(rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), "utf-8")
    return folder


def test_every_expected_text_of_the_broken_copy_is_japanese(broken: Path) -> None:
    """Errors and warnings alike: none of what was expected is left in English."""
    problems = [p for p in load_curated(broken).problems if p.expected]
    assert len({p.expected for p in problems}) >= 30
    english = {
        p.expected for p in problems if (expected_text_ja(p.expected) or "").endswith(ENGLISH)
    }
    assert english == set()


def test_the_terminal_table_says_it_in_japanese(broken: Path) -> None:
    """The Japanese table: a few of the registry's expectations in its words, none marked."""
    out = chipshock_at(300, "data", "validate", str(broken), "--lang", "ja", check=False)
    flat = "".join(out.split())
    assert "小文字のID（例：tsmc、skhynix。使える文字はa-z、0-9、_）" in flat
    assert "0より大きい水準（10億ドル単位。推移は幾何平均で補間する）" in flat
    assert "英大文字で始まる2〜8文字の英大文字か数字（例：EU27、G7）" in flat
    assert "KOR（韓国）、TWN（台湾）、USA（米国）のいずれか" in flat
    assert ENGLISH not in flat
