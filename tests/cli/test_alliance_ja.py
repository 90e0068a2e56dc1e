"""`chipshock deliverables|partnerships --lang ja` answer in Japanese on a terminal (titles,
headers, sectors, kinds, statuses, the data's Japanese summaries and tracker titles, amounts in
億ドル, captions), with the dashboard's words; English, json and csv stay as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at

from chipshock.cli.alliance_view import registry_ja
from chipshock.cli.table_cells import _header
from chipshock.present.messages import catalogue

WEB_JA = Path(__file__).resolve().parents[2] / "src/chipshock/web/static/i18n/ja.json"


def _shows(text: str, *words: str) -> None:
    for word in words:
        assert word in text, word


def _lacks(text: str, *words: str) -> None:
    for word in words:
        assert word not in text, word


def _flat(out: str) -> str:
    """The terminal text without spaces and line breaks, to find words a table wrapped."""
    return "".join(out.split())


def test_value_words_are_the_dashboards() -> None:
    """Each sector, kind and status word of the CLI is the alliance tracker's word for it."""
    web = json.loads(WEB_JA.read_text(encoding="utf-8"))
    ja = catalogue("ja")
    families = {
        "alliance_kind": "trk_kind",
        "partnership_status": "trk_pst",
        "sector": "trk_sec",
        "tracker_status": "trk_st",
    }
    checked = 0
    for family, web_family in families.items():
        for key, text in ja.items():
            if key.startswith(f"{family}."):
                assert web[f"{web_family}_{key.split('.', 1)[1]}"] == text, key
                checked += 1
    assert checked >= 25


def test_english_column_words_are_the_english_headers() -> None:
    """The English side of every ``cli.alliance_col_*`` key is the English table's header."""
    en = catalogue("en")
    words = {k.removeprefix("cli.alliance_col_"): v for k, v in en.items()}
    columns = [k for k in words if not k.startswith(("cli.", "alliance_kind."))]
    assert "summary" in columns and "status_as_of" in columns
    for column in columns:
        if f"cli.alliance_col_{column}" in en:
            assert words[column] == _header(column), column


@pytest.mark.slow
def test_deliverables_in_japanese(built_store: Path) -> None:
    """Title, headers, sector and kind words, a summary_ja, amounts in 億ドル and the caption in
    Japanese; no English header or title left."""
    out = chipshock_at(200, "deliverables", "--lang", "ja", "--db", str(built_store))
    flat = _flat(out)
    _shows(out, "成果（19件）", "誰が", "分野", "種類", "金額", "内容", "包括行", "確度")
    _shows(
        out,
        "クラウド",
        "投資",
        "29億ドル",
        "日本でハイパースケールの",  # a summary_ja's first piece, as the table wraps it
    )
    assert "どちらも含めません" in flat
    _lacks(out, "deliverables", "actor", "sector", "amount", "summary", "USD", "Curated")


@pytest.mark.slow
def test_tracker_and_totals_in_japanese(built_store: Path) -> None:
    """The tracker: its Japanese titles and status words, the counts in the title, the stale
    caption in Japanese; totals by kind: the kind words and Japanese headers."""
    db = ("--db", str(built_store))
    tracker = chipshock_at(200, "deliverables", "--status", "--lang", "ja", *db)
    flat = _flat(tracker)
    _shows(tracker, "同盟の進捗：", "進行中", "完了", "首脳共同声明", "項目・節目")
    assert "古い状況：訪米の未完了" in flat  # the visit apart from the context (session 21)
    _lacks(tracker, "alliance tracker", "under-way", "title", "stale", "Semiconductor items")
    totals = chipshock_at(200, "partnerships", "--totals", "kind", "--lang", "ja", *db)
    _shows(totals, "提携：種類別", "件数", "金額のある件数", "助成金", "補助金", "億ドル")
    assert "grant" not in totals and "partnerships by" not in totals


@pytest.mark.slow
def test_partnerships_in_japanese_and_machine_output_unchanged(built_store: Path) -> None:
    """The partnerships table shows the Japanese summaries and status words; json with --lang
    ja is json without it, and carries summary and summary_ja."""
    db = ("--db", str(built_store))
    out = chipshock_at(200, "partnerships", "--lang", "ja", *db)
    _shows(out, "提携（35件）", "当事者", "状況", "実施中", "共同開発", "IBMの2nm")
    # the caption names the file the rows come from (partnerships.csv, session 30)
    assert "partnerships" not in out.replace("partnerships.csv", "") and "active" not in out
    plain = chipshock_at(200, "partnerships", "--format", "json", *db)
    assert chipshock_at(200, "partnerships", "--format", "json", "--lang", "ja", *db) == plain
    rows = json.loads(plain)
    assert all(r["summary"] and r["summary_ja"] for r in rows)
    english = chipshock_at(200, "partnerships", *db)
    assert "35 partnerships" in english and "active" in english


def _column_cells(table: str, header: str) -> list[str]:
    """The cells of one column of a box table, each row's wrapped lines joined (a row starts
    where the first column is not blank)."""
    lines = [line.split("│") for line in table.splitlines() if line.startswith("│")]
    heads = next(line.split("┃") for line in table.splitlines() if header in line)
    col = [h.strip() for h in heads].index(header)
    cells: list[str] = []
    for parts in lines:
        if parts[1].strip():
            cells.append("")
        cells[-1] += parts[col].strip()
    return cells


@pytest.mark.slow
def test_partnerships_technology_in_japanese_terms(built_store: Path) -> None:
    """On a Japanese terminal the technology column shows technology_ja (先端パッケージング
    for IBM-Rapidus' chiplets), the English table the English; json carries both, and
    --technology finds a row by its Japanese term too."""
    db = ("--db", str(built_store))
    table = chipshock_at(240, "partnerships", "--party", "Rapidus", "--lang", "ja", *db)
    technology = _column_cells(table, "技術")  # a long term may wrap within its cell
    assert "先端パッケージング（2nm世代のチップレット）" in technology, technology
    assert "EUV露光・先端プロセスの研究開発" in technology
    _lacks(_flat(table), "advancedpackaging(2nm-generationchiplets)")
    # 300 wide: the yen amounts with their dollars and rates (release 22) take the room in
    # which a 240-wide table kept the technology on one line
    english = _flat(chipshock_at(300, "partnerships", "--party", "Rapidus", *db))
    _shows(english, "advancedpackaging(2nm-generationchiplets)")
    rows = json.loads(chipshock_at(200, "partnerships", "--format", "json", *db))
    chiplet = next(r for r in rows if r["partnership_id"] == "ibm-rapidus-chiplet")
    assert chiplet["technology"] == "advanced packaging (2nm-generation chiplets)"
    assert chiplet["technology_ja"] == "先端パッケージング（2nm世代のチップレット）"
    found = json.loads(
        chipshock_at(200, "partnerships", "--technology", "3次元NAND", "--format", "json", *db)
    )
    assert {r["partnership_id"] for r in found} == {
        "kioxia-wd-jv",
        "kioxia-subsidy-2022",
        "kioxia-subsidy-2024",
    }


def test_a_blank_technology_ja_shows_the_english_technology() -> None:
    """`registry_ja` falls back to the English technology where technology_ja is blank or
    missing, and leaves a table without technology_ja as it is."""
    frame = pd.DataFrame(
        {
            "technology": ["2nm logic", "3D NAND flash", "EUV"],
            "technology_ja": ["2nmロジック", "", None],
        }
    )
    assert registry_ja(frame, ["technology"])["技術"].tolist() == [
        "2nmロジック",
        "3D NAND flash",
        "EUV",
    ]
    english_only = frame.drop(columns="technology_ja")
    assert registry_ja(english_only, ["technology"])["技術"].tolist() == [
        "2nm logic",
        "3D NAND flash",
        "EUV",
    ]


@pytest.mark.parametrize(("lang", "mark"), [("en", "(context) "), ("ja", "（参考）")])
def test_tracker_table_marks_the_context_rows(built_store: Path, lang: str, mark: str) -> None:
    """`deliverables --status --only delayed`: the title counts the visit's rows apart from the
    context rows (U.S. CHIPS Act fabs without a Japanese party), and the table marks each
    context row's title, and only those, so that no reader counts Samsung Taylor or Intel Ohio
    as a delay of the alliance (session 25's review); the JSON's titles stay the data's."""
    db = ("--db", str(built_store))
    args = ("deliverables", "--status", "--only", "delayed")
    rows = json.loads(chipshock_at(200, *args, "--format", "json", *db))
    context = [r for r in rows if r["part"] == "context"]
    assert context and len(context) < len(rows)
    assert not any(r["title"].startswith("(context)") for r in rows)
    table = chipshock_at(200, *args, "--lang", lang, *db)
    cells = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│ ")]
    assert sum(cell.startswith(mark.strip()) for cell in cells) == len(context)
