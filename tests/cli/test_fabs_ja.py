"""`chipshock fabs --capacity-in YEAR --coverage|--reconcile --lang ja` answer in Japanese on a
terminal (title, headers, regions, node classes, the notes under the table); English, json and
csv stay as they were."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at

from chipshock.cli.fabs_view import coverage_caption, fab_list_header, fab_list_ja, fabs_table_ja
from chipshock.cli.table_cells import _header
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


def test_fab_list_headers_are_the_english_tables_and_japanese_cells_read_as_words() -> None:
    """`chipshock fabs --lang ja`'s table (`fab_list_ja`): the English side of each
    ``cli.fab_list_col_*`` key is the English table's header (a year's capacity column too);
    in Japanese each fab's and operator's name from fab_names_ja.csv, the country, node class,
    status and confidence in words, public funding in 億ドル, ids and numbers as they are."""
    en = catalogue("en")
    keys = [k for k in en if k.startswith("cli.fab_list_col_")]
    assert len(keys) == 24
    for key in keys:
        column = key.removeprefix("cli.fab_list_col_").replace("_year_", "_2027_")
        assert fab_list_header(column, "en") == _header(column), key
    assert fab_list_header("capacity_2027_300mm_wspm", "en") == "capacity 2027 300mm wspm"
    registry = pd.DataFrame(
        {
            "fab_id": ["jasm-kumamoto-fab1", "x-fab"],
            "name": ["JASM Kumamoto Fab 1", "X Fab"],
            "name_ja": ["JASM第1工場", None],
            "operator": ["JASM", "X Corp"],
            "operator_ja": ["JASM（TSMC 86.5%）", None],
        }
    )
    frame = registry.assign(
        country=["JPN", "USA"],
        node_class=["n10_22", "gt45"],
        status=["operating", "on-hold"],
        confidence=["low", "high"],
        public_funding_usd=[4.76e9, None],
        capacity_2027_300mm_wspm=[55000.0, 1000.0],
    )
    columns = ["fab_id", "name", "operator", "country", "node_class", "status", "confidence"]
    table = fab_list_ja(
        frame, [*columns, "public_funding_usd", "capacity_2027_300mm_wspm"], registry
    )
    assert table.columns.tolist() == [
        "工場ID", "工場", "事業者", "国", "ノード区分", "状況", "確度", "公的支援",
        "2027年の生産能力（枚/月、300mm換算）",
    ]  # fmt: skip
    assert table.iloc[0].tolist() == [
        "jasm-kumamoto-fab1", "JASM第1工場", "JASM（TSMC 86.5%）", "日本", "10〜22nm", "稼働中",
        "低", "48億ドル", 55000.0,
    ]  # fmt: skip
    # a fab without a Japanese name keeps its English one; a missing amount reads "–"
    assert table.iloc[1].tolist()[1:3] == ["X Fab", "X Corp"]
    assert table.iloc[1].tolist()[5:8] == ["建設中断", "高", "–"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra",
    [(), ("--year", "2027"), ("--totals", "operator"), ("--capacity-in", "2027")],
)
def test_fabs_in_japanese(built_store: Path, extra: tuple[str, ...]) -> None:
    """`chipshock fabs --lang ja` (the listing, --year, --totals, --capacity-in) at 200 columns:
    Japanese title, headers, fab and operator names and statuses, no English header left; the
    notes below in Japanese; json and csv are the same with --lang ja as without (they carry
    name_ja and operator_ja beside name and operator either way)."""
    args = ("fabs", "--country", "JPN", *extra, "--db", str(built_store))
    out = chipshock_at(200, *args, "--lang", "ja")
    flat = "".join(out.split())
    if extra[:1] == ("--totals",):
        assert "事業者別の工場" in out and "ルネサス" in out and "工場数" in out
    elif extra[:1] == ("--capacity-in",):
        assert "2027年の生産能力：工場×ノード区分" in flat and "確度" in out
        assert "デンソー" in out and "成熟（45nm超）" in flat
        assert "生産能力の行がなくゼロとして数える" in flat
    else:
        assert "JASM第1工場" in out and "日本" in out and "稼働中" in out
        assert "出典：企業・政府の発表と報道" in flat
    for english in ("fab id", "operator", "status", "capacity wspm", "300mm wspm", "Sources:"):
        assert english not in out, english
    for fmt in ("json", "csv"):
        plain = chipshock_at(200, *args, "--format", fmt)
        assert chipshock_at(200, *args, "--format", fmt, "--lang", "ja") == plain
    if not extra:
        assert '"name_ja": "JASM第1工場"' in chipshock_at(200, *args, "--format", "json")
