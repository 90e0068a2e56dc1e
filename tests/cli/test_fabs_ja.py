"""`chipshock fabs --capacity-in YEAR --coverage|--reconcile --lang ja` answer in Japanese on a
terminal (title, headers, regions, node classes, the notes under the table); English, json and
csv stay as they were."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at

from chipshock.cli.fabs_view import coverage_caption, fabs_table_ja
from chipshock.cli.output import _header
from chipshock.present.messages import catalogue

#: a coverage table's shape (`chipshock.analysis.registry.coverage`): one row per region x class
COVERAGE = pd.DataFrame.from_records(
    [
        ("TWN", "lt10", 742.4, 0.0, 575.0, 167.4, 77.5, False, 5),
        ("JPN", "lt10", 6.0, 26.0, 6.0, 0.0, 100.0, True, 1),
        ("WORLD", "lt10", 1225.0, 54.9, 987.1, 238.0, 80.6, False, 15),
    ],
    columns=[
        "region", "node_class", "total_kwspm", "ahead_of_registry_kwspm", "itemised_kwspm",
        "remainder_kwspm", "coverage_pct", "meets_target", "n_fabs",
    ],
)  # fmt: skip


def test_english_headers_are_the_catalogue_words() -> None:
    """The English side of each ``cli.fabs_col_*`` key is the English table's header."""
    en = catalogue("en")
    keys = [k for k in en if k.startswith("cli.fabs_col_")]
    assert len(keys) == 12  # release 18: remainder_counted_as (remainder_operators.csv)
    for key in keys:
        assert en[key] == _header(key.removeprefix("cli.fabs_col_")), key


def test_coverage_table_and_caption_in_japanese() -> None:
    """Japanese headers, regions and node classes by name (WORLD: 世界), the capacities as
    numbers, percentages with one decimal; the caption counts the cells and names those below
    the aim in Japanese; the English caption is the one it was."""
    table = fabs_table_ja(COVERAGE)
    assert table.columns.tolist() == [
        "地域", "ノード区分", "地域の合計", "登録より先行", "個別の工場", "残り", "カバー率（%）",
        "目標達成", "工場数",
    ]  # fmt: skip
    assert table["地域"].tolist() == ["台湾", "日本", "世界"]
    assert table.iloc[1].tolist()[1:] == [
        "最先端（10nm未満）",
        6.0,
        26.0,
        6.0,
        0.0,
        "100.0",
        "はい",
        1,
    ]
    ja = coverage_caption(COVERAGE, "ja")
    assert ja.startswith("生産能力のある地域×ノード区分2件のうち1件が登録簿の目標90%に届きます")
    assert "台湾・最先端（10nm未満） 77.5%" in ja and "TWN" not in ja
    en = coverage_caption(COVERAGE, "en")
    assert en.startswith("1 of 2 region x class cells with capacity reach the registry's aim of")
    assert "below it: TWN lt10 77.5%. coverage_pct = itemised / total" in en


@pytest.mark.slow
@pytest.mark.parametrize("flag", ["--coverage", "--reconcile"])
def test_coverage_and_reconcile_in_japanese(built_store: Path, flag: str) -> None:
    """At 200 columns: title, headers, region names and the note in Japanese, no English table
    word left; json with --lang ja is json without it."""
    args = ("fabs", "--capacity-in", "2027", flag, "--db", str(built_store))
    out = chipshock_at(200, *args, "--lang", "ja")
    flat = "".join(out.split())
    for words in ("2027年：", "地域", "ノード区分", "地域の合計", "個別の工場", "台湾"):
        assert words in out, words
    assert "数値の単位は千枚/月（300mm換算）" in flat
    for english in ("region", "node class", "itemised", "kwspm ", "total =", "coverage of"):
        assert english not in out, english
    json_args = (*args, "--format", "json")
    assert chipshock_at(200, *json_args, "--lang", "ja") == chipshock_at(200, *json_args)
