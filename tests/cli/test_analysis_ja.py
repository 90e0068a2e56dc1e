"""`chipshock coalition|shapley|synergy|criticality --lang ja` answer in Japanese on a terminal
(headline, titles, headers, captions, the names of countries, inputs and stages), with the
dashboard's words and the English tables' numbers; json and csv do not depend on --lang."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.cli.conftest import Runner
from tests.cli.terminal import chipshock_at

from chipshock.analysis.shapley import shapley
from chipshock.cli.analysis_ja import value_function
from chipshock.cli.table_cells import _header
from chipshock.model.chain import SupplyChain
from chipshock.present.coverage_notes import coalition_scope, criticality_scope
from chipshock.present.messages import catalogue

WEB_JA = Path(__file__).resolve().parents[2] / "src/chipshock/web/static/i18n/ja.json"

#: a number cell of a terminal table ("0.7", "2022", "–")
_NUMBER = re.compile(r"[-–]|[-−]?\d[\d,]*(\.\d+)?")


def _flat(out: str) -> str:
    """The terminal text without spaces and line breaks, to find words a table wrapped."""
    return "".join(out.split())


def _numbers(out: str) -> list[str]:
    """Every number cell of the terminal's tables, row by row (ids such as N8 are not numbers)."""
    cells = [c.strip() for line in out.splitlines() if "│" in line for c in line.split("│")]
    return [c for c in cells if _NUMBER.fullmatch(c)]


def _both(store: Path, *args: str) -> tuple[str, str]:
    """The English and the Japanese terminal answer of `chipshock ARGS` at 200 columns."""
    db = ("--db", str(store))
    return chipshock_at(200, *args, *db), chipshock_at(200, *args, "--lang", "ja", *db)


@pytest.mark.slow
def test_coalition_in_japanese(built_store: Path) -> None:
    """The headline, the weak links and the stages in Japanese (countries, inputs, processes and
    stages by their Japanese names), the scope note and the source below; the same numbers as
    the English answer, cell by cell."""
    english, out = _both(built_store, "coalition", "USA", "JPN", "NLD")
    flat = _flat(out)
    assert (
        "米国・日本・オランダは、投入物75品目のうち55品目（73%）で世界市場の50%以上を供給します。"
        "連携国の平均シェアは69.4%です。" in flat
    )
    for word in ("弱点：", "連携国のシェア（%）", "投入物", "工程", "段階別の連携国のシェア"):
        assert word in flat, word
    assert "単結晶引上げ炉" in out and "組立・パッケージング" in out  # N8 and its process
    assert "前工程（ウェーハ製造）" in out and "日本 17.0; 米国 10.0" in out  # stage S2
    assert _flat(coalition_scope("ja")) in flat and "出典：ETOChipExplorerデータセット" in flat
    for english_word in ("weakest links", "Crystal growing", "coalition share", "Source:"):
        assert english_word not in out, english_word
    assert _numbers(out) == _numbers(english) and len(_numbers(out)) > 40


@pytest.mark.slow
def test_coalition_with_a_group_says_what_it_leaves_out_in_japanese(built_store: Path) -> None:
    """EU27: the group's members, those without data and the ETO's Europe-level rows, in the
    coalition briefing's Japanese sentences."""
    out = chipshock_at(200, "coalition", "EU27", "USA", "--lang", "ja", "--db", str(built_store))
    flat = _flat(out)
    assert "グループでの指定：EU27=オーストリア・ベルギー" in flat
    assert "データがないため除外（18か国・地域）" in flat
    assert "ETOの欧州全体の行（EUR：ロジックチップ設計9%" in flat
    assert "投入物75品目のうち39品目（52%）" in flat


@pytest.mark.slow
def test_shapley_in_japanese(built_store: Path) -> None:
    """Members by their Japanese names, Japanese headers and title, v(S) and the exact-values
    note in Japanese; Taiwan's 0.6 % as in English, every number the same."""
    english, out = _both(built_store, "shapley", "USA", "JPN", "NLD", "KOR", "TWN")
    flat = _flat(out)
    assert "各国の貢献度（シャープレイ値、厳密値）；v(全体)＝80.0%" in flat
    assert "参加国" in out and "シャープレイ値（%）" in out and "単独（%）" in out
    assert re.search(r"│ 台湾 +│ +0\.6 │", out) and re.search(r"│ 米国 +│ +39\.0 │", out)
    assert "v(S)＝評価対象の75品目の投入物" in flat and "値は厳密値です" in flat
    assert _flat(coalition_scope("ja")) in flat
    assert "TWN" not in out and "Shapley values" not in out
    assert _numbers(out) == _numbers(english) and len(_numbers(out)) == 5 * 4


@pytest.mark.slow
def test_synergy_in_japanese(built_store: Path) -> None:
    """The headline names the groups by their countries (a group of several in 「」), the table
    its rows; the same values as in English (36.0 + 33.3 -> 73.3, synergy 4.0)."""
    english, out = _both(built_store, "synergy", "USA", "JPN,NLD")
    flat = _flat(out)
    # the sentence every surface gives (present/synergy_text.py, audit31 finding 10): counts
    # that add up (55 - 27 - 25 = 3 inputs only both cover), then the ratio
    assert (
        "単独では米国が75品目の投入物のうち27品目、「日本・オランダ」が25品目をカバーし、"
        "合わせると55品目をカバーします。単独の合計より4.0ポイント多く（1＋1＞2）、3品目は"
        "両者が合わさってはじめてカバーされます。合計に対する比率：1.06。" in flat
    )
    assert "相乗効果：1＋1は2より大きいか" in flat and "カバーする投入物の割合（%）" in out
    assert re.search(r"│ 米国・日本・オランダ +│ +73\.3 │", out)
    assert re.search(r"│ 相乗効果 v\(A∪B\) − v\(A\) − v\(B\)（ポイント） +│ +4\.0 │", out)
    assert _numbers(out) == _numbers(english) == ["36.0", "33.3", "73.3", "4.0"]


@pytest.mark.slow
def test_criticality_in_japanese(built_store: Path) -> None:
    """By country: countries and their hardest-hit inputs by Japanese names, the caption's
    definitions and scope in Japanese; by firm: firms as the data names them. The same
    numbers as in English."""
    english, out = _both(built_store, "criticality", "--top", "5")
    flat = _flat(out)
    assert "国別の重要度：供給が途絶えた場合に失われるもの" in flat
    for word in ("順位", "供給者", "唯一の供給者", "基準を下回る", "失われるシェア"):
        assert word in out, word
    assert re.search(r"│ +3 │ オランダ +│", out) and "EUV露光装置" in out
    assert _flat(criticality_scope("ja")) in flat and "失われるシェア＝" in flat
    assert "NLD" not in out and "EUV lithography" not in out
    assert _numbers(out) == _numbers(english) and len(_numbers(out)) == 5 * 5
    english, out = _both(built_store, "criticality", "--by", "firm", "--top", "3")
    assert "企業別の重要度" in _flat(out) and "│ ASML" in out
    assert _numbers(out) == _numbers(english)


@pytest.mark.parametrize(
    "args",
    [
        ("coalition", "USA", "JPN"),
        ("shapley", "USA", "JPN", "NLD"),
        ("synergy", "USA", "JPN"),
        ("criticality", "--top", "3"),
    ],
)
def test_json_and_csv_do_not_depend_on_lang_and_other_langs_exit_2(
    cli: Runner, args: tuple[str, ...]
) -> None:
    """--lang ja leaves json and csv as they are (keys and values in English); --lang fr is an
    error naming --lang (exit code 2)."""
    for fmt in ("json", "csv"):
        code, plain, _ = cli(*args, "--format", fmt)
        assert code == 0
        assert cli(*args, "--format", fmt, "--lang", "ja") == (0, plain, "")
    json.loads(cli(*args, "--format", "json")[1])
    code, out, err = cli(*args, "--lang", "fr")
    assert code == 2 and out == "" and "--lang" in err and "fr" in err


def test_value_function_is_the_analysis_own_in_english(chain: SupplyChain) -> None:
    """The catalogue's v(S) in English is what `chipshock.analysis.shapley` states (weighted by
    count and by market size), so the Japanese one says the same."""
    for weight in ("count", "market"):
        result = shapley(chain, ["USA", "JPN"], threshold=40.0, weight=weight)
        assert value_function(chain, 40.0, weight, "en") == result.value_function
        assert "40%" in value_function(chain, 40.0, weight, "ja")


def test_the_words_are_the_dashboards() -> None:
    """v(S), the criticality headers and the coalition and Shapley terms are the dashboard's
    (`web/static/i18n/ja.json`); the English side of each header key is the English table's
    header."""
    web = json.loads(WEB_JA.read_text(encoding="utf-8"))
    ja, en = catalogue("ja"), catalogue("en")
    assert ja["cli.coalition_value_function"] == web["coal_value_function"]
    assert ja["cli.coalition_value_function_market"] == web["coal_value_function_market"]
    assert ja["cli.analysis_col_sole_source_inputs"] == web["crit_sole"]
    assert ja["cli.analysis_col_inputs_left_below_threshold"] == web["crit_left"]
    assert ja["cli.analysis_col_member"] == web["col_member"]
    assert web["col_coalition_share"] in ja["cli.analysis_col_coalition_share_pct"]
    assert web["col_shapley"] in ja["cli.analysis_col_shapley_pct"]
    assert ja["cli.analysis_col_top_inputs"] == web["crit_top"]
    assert web["syn_title"] == ja["cli.synergy_title"]
    columns = [k.removeprefix("cli.analysis_col_") for k in en if k.startswith("cli.analysis_")]
    assert len(columns) == 25
    for column in columns:
        assert en[f"cli.analysis_col_{column}"] == _header(column), column


def test_synergy_ratio_never_reads_zero() -> None:
    """The ratio of together to the sum of each alone was written ``:.2f``: a nonzero one below
    0.005 read "0.00"; it reads "<0.01" in both languages (by the cell rule), 1.25 as "1.25"."""
    from dataclasses import replace

    from chipshock.analysis.shapley import synergy
    from chipshock.cli.analysis_ja import synergy_headline
    from chipshock.examples import tiny_chain

    result = synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0)
    tiny, plain = replace(result, ratio=0.004), replace(result, ratio=1.25)
    assert synergy_headline(tiny, ("USA", "JPN"), "en").endswith(
        "Together / sum of each alone: <0.01."
    )
    assert synergy_headline(tiny, ("米国", "日本"), "ja").endswith("合計に対する比率：<0.01。")
    assert synergy_headline(plain, ("USA", "JPN"), "en").endswith("alone: 1.25.")
