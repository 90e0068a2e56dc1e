"""`scenario run --lang ja` answers in Japanese on a terminal (heading, paragraph, tables, names,
captions: the message catalogue), and its paragraph never breaks a number across two lines at
80 columns (review finding 18)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from tests.cli.terminal import chipshock_at

from chipshock.cli.scenario_run_ja import (
    stacked_percentiles_ja,
    wide_percentiles_ja,
    wrap_japanese,
)
from chipshock.cli.scenario_utilisation_view import utilisation_caption
from chipshock.cli.scenario_view import KPI_LABELS, PER_MARKET_TITLES, RUN_CAPTIONS
from chipshock.cli.scenario_view import stacked_percentiles as stacked_en
from chipshock.cli.table_cells import heading_cell
from chipshock.present.messages import catalogue, message

RUN = ("scenario", "run", "taiwan-blockade-2027-6m")
#: the two breaks the review saw at 80 columns, and sentences of the summary's kind
PARAGRAPH = (
    "最も厳しい時期（2027年7月ごろ）には生産が通常の64%まで落ち込みます（中央値。9割の未来で"
    "54%〜80%）。半導体が足りないために作れなくなる製品の価値（失われる生産額）は約6,202億ドル"
    "です（9割の未来で2,245億ドル〜1.04兆ドル）。期間全体では約5.5週間分が失われます。"
)
#: a number or range with its unit, as the paragraph writes them
QUANTITY = re.compile(
    r"\d[\d,.]*(?:[万億兆]\d*)*(?:%|ドル|週間分|週間|割|年|月)?(?:〜\d[\d,.]*[^\d（）。、]*)?"
)
#: a line break inside a number: a digit, comma or point before it, a digit or unit after it
BROKEN_NUMBER = re.compile(r"[\d,.〜]\n[\d,.%〜億兆万割週]")


def _run_ja(store: Path, columns: int, *extra: str) -> str:
    return chipshock_at(columns, *RUN, "--lang", "ja", "--runs", "30", *extra, "--db", str(store))


@pytest.mark.parametrize("width", [80, 60, 41, 30])
def test_wrap_never_breaks_a_number(width: int) -> None:
    """Each line fits ``width`` cells; every number of the text, with its unit and range, is
    whole on one line; nothing is lost or added but line breaks."""
    lines = wrap_japanese(PARAGRAPH, width).split("\n")
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines) == PARAGRAPH
    for quantity in QUANTITY.findall(PARAGRAPH):
        assert any(quantity in line for line in lines), quantity
    assert not BROKEN_NUMBER.search("\n".join(lines))
    assert not any(line.startswith(("。", "、", "）")) for line in lines)  # no closing mark first


@pytest.mark.parametrize("width", [6, 7, 10, 11])
def test_wrap_keeps_a_node_size_whole(width: int) -> None:
    """A number glued to letters ("45nm") is one ASCII word: never "4" on one line and "5nm"
    on the next (the quantity pattern used to stop at the first digit before a letter)."""
    lines = wrap_japanese("ノード区分は成熟（45nm超）です。", width).split("\n")
    assert any("45nm" in line for line in lines), lines


@given(st.text(alphabet="0123456789,.%〜億兆万ドル週割のでがあ。、（）AIx ", max_size=120))
def test_wrap_keeps_every_character(text: str) -> None:
    """Whatever the text, wrapping only adds line breaks (and drops spaces at line ends)."""
    wrapped = wrap_japanese(text, 20)
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")


def test_japanese_tables_have_the_english_cells() -> None:
    """The Japanese per-market tables hold the English tables' cells (numbers not in USD are
    written alike; dollars in 億ドル), markets and KPIs in Japanese."""
    kpis = pd.DataFrame(
        {
            "market": ["all", "all", "automotive", "automotive"],
            "kpi": ["output_lost_weeks", "loss_usd_bn", "output_lost_weeks", "loss_usd_bn"],
            "p5": [0.31, 32.7, 0.2, 13.9],
            "p50": [0.44, 224.5, 0.3, 20.0],
            "p95": [0.52, 1040.0, 0.4, 26.9],
        }
    )
    wide = wide_percentiles_ja(kpis)
    assert wide.columns.tolist() == ["市場", "失われた生産（週）", "失われる生産額"]
    assert wide["市場"].tolist() == ["全市場", "自動車"]
    assert wide.iloc[0, 1:].tolist() == [
        "0.3 · 0.4 · 0.5",
        "327億ドル · 2,245億ドル · 1.04兆ドル",
    ]
    ja, en = stacked_percentiles_ja(kpis), stacked_en(kpis)
    assert ja.shape == en.shape and ja["p50"].tolist()[:2] == ["", "0.4"] == en["p50"].tolist()[:2]
    assert ja.iloc[0, 0] == heading_cell("全市場") and ja.iloc[2, 2] == "2,245億ドル"


def test_terminal_words_are_the_english_terminal_words() -> None:
    """The English side of the ``cli.*`` catalogue keys is what the English terminal prints, so
    the two languages name the same things."""
    en = catalogue("en")
    assert {k: en[f"cli.kpi.{k}"] for k in KPI_LABELS} == KPI_LABELS
    assert (en["cli.per_market_wide"], en["cli.per_market_stacked"]) == PER_MARKET_TITLES
    assert RUN_CAPTIONS[PER_MARKET_TITLES[0]].startswith(en["cli.per_market_caption"])
    assert RUN_CAPTIONS[en["cli.loss_by_country"]] == " ".join(
        (en["cli.loss_by_country_caption"], en["cli.median_first"])
    )


def test_utilisation_caption_says_what_the_english_one_says() -> None:
    """The English side of the utilisation caption key is the English terminal's caption."""
    summary = pd.DataFrame({"year": [2027], "in_shock_year": [True]})
    assert message("cli.util_caption", "en", year=2027) == utilisation_caption(summary)


@pytest.mark.slow
def test_utilisation_in_japanese(built_store: Path) -> None:
    """`--utilisation --lang ja`: the producers' tables with Japanese titles, column names,
    regions, node classes, "other fabs" and captions."""
    out = _run_ja(built_store, 200, "--utilisation")
    for words in (
        message("report.util_title", "ja"),
        "千枚/月",  # a narrow column breaks 千枚/月 before （2027年） (cli31)
        "（2027年）",
        "ショック時 %",
        "変化",  # and （ポイント） below it in the narrow column
        "（ポイント）",
        "その他の工場（中国、",
        "2027年の生産者のみ",
    ):
        assert words in out, words
    for english in ("producer utilisation", "kwspm", "normal %", "change pp"):
        assert english not in out, english
    assert not re.search(r"other fabs \([A-Z]{3}, ", out)  # the model's remainder, by name
    # a fab by its Japanese name (fab_names_ja.csv: every fab has one since data release 23)
    assert "JASM第1工場" in out and "JASM Kumamoto" not in out
    assert "TSMCアリゾナ Fab 21 第1期" in out and "TSMC Arizona Fab 21 Phase 1" not in out


@pytest.mark.slow
def test_run_in_japanese_at_80_columns(built_store: Path) -> None:
    """At 80 columns: heading, paragraph, table titles, column names, market and country names
    and captions in Japanese; no English table word left; no line wider than the terminal and
    no number broken across two lines."""
    out = _run_ja(built_store, 80)
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert not BROKEN_NUMBER.search(out)
    assert "".join(out.split()).startswith(  # the heading may wrap at 80 columns
        "台湾封鎖（2027年・6か月）（taiwan-blockade-2027-6m、シミュレーションした未来30通り、シード2027）"
    )
    for words in (
        message("cli.per_market_stacked", "ja"),
        "市場・指標",
        "AI・データセンター",
        "全市場",
        "失われた生産（週）",
        message("cli.loss_by_country", "ja"),
        "中国",
        "その他の地域",
        "出典：chipshock シナリオエンジン",
    ):
        assert words in out, words
    for english in ("per market", "by market", "AI and data centre", "All markets", "output lost"):
        assert english not in out, english
    assert "loss by country" not in out and "USD" not in out and " bn" not in out
    assert "CHN " not in out and "ROW " not in out
