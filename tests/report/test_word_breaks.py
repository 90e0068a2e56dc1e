"""Session 31: the printed briefing wraps its table cells between words only (session 30's
print rule let a cell break anywhere: "Wors / t-week", "202 / 4- / 01- / 19"), so the
comparison's table of what is avoided comes in two tables that fit an A4 page; a Japanese card
or cell breaks between phrases (「5.2週／間分」); Japanese ranges and brackets are the product's
(`fmt_span`, `bracketed`). The printed pages are checked in `test_report_print.py`."""

from __future__ import annotations

import re
from html import escape

import pandas as pd
import pytest
from tests.report.conftest import FakeComparison, FakeResult
from tests.report.test_sensitivity_report import FakeSensitivity
from tests.report.test_sensitivity_report import drivers as drivers  # a fixture
from tests.report.test_sobol_report import _sobol

from chipshock.present.labels import OUTPUT_KPIS, kpi_label
from chipshock.present.messages import message
from chipshock.report import render_report
from chipshock.report.page import CSS, cell_text, html_table
from chipshock.report.sobol_section import sobol_section
from chipshock.report.utilisation import _source


def test_print_cells_never_break_inside_a_word() -> None:
    """No rule lets a table cell break anywhere (``overflow-wrap:anywhere``)."""
    assert "anywhere" not in CSS.replace("p.appendix-left-out code{overflow-wrap:anywhere}", "")


def test_cell_text_breaks_after_joiners_and_keeps_dates_whole() -> None:
    """A line may break after a slash or underscore between words; a date is one span."""
    assert cell_text("lt10/advanced_packaging") == "lt10/<wbr>advanced_<wbr>packaging"
    assert cell_text("2024-01-19") == "<span class='date'>2024-01-19</span>"
    assert cell_text("USD 2.9 bn (2024-04)") == "USD 2.9 bn (<span class='date'>2024-04</span>)"
    assert cell_text("1.5 weeks") == "1.5 weeks" and cell_text("a & b") == "a &amp; b"


def test_a_table_s_dates_stay_on_one_line() -> None:
    """An "As of" cell of a table (the alliance tracker's) is kept on one line."""
    table = html_table(pd.DataFrame({"As of": ["2024-01-19"], "Row": ["n10_22/2032"]}))
    assert "<td><span class='date'>2024-01-19</span></td>" in table
    assert "<td>n10_<wbr>22/<wbr>2032</td>" in table
    assert re.search(r"span\.date\{white-space:nowrap\}", CSS)


def _with_chip_kpis(result: FakeResult, factor: float) -> FakeResult:
    """``result`` with two chip KPIs per market added to its output ones."""
    markets = result.kpis["market"].unique()
    extra = pd.DataFrame(
        [
            {"market": m, "kpi": k, "mean": v, "p5": v / 2, "p50": v, "p95": v * 2}
            for m in markets
            for k, v in (("cumulative_shortfall_weeks", factor), ("backlog_end_weeks", factor))
        ]
    )
    return FakeResult(bands=result.bands, kpis=pd.concat([result.kpis, extra]))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_avoided_amounts_come_in_an_output_and_a_chips_table(
    comparison: FakeComparison, lang: str
) -> None:
    """The comparison's avoided amounts: output KPIs in one table, chip KPIs in the next (one
    table of all 13 KPIs and the market was wider than an A4 page, its words unbroken)."""
    a, b = _with_chip_kpis(comparison.a, 1.0), _with_chip_kpis(comparison.b, 2.0)
    delta = b.kpis.copy()
    for col in ("mean", "p5", "p50", "p95"):
        delta[col] = b.kpis[col].to_numpy() - a.kpis[col].to_numpy()
    page = render_report(FakeComparison(a=a, b=b, delta=delta), lang)
    heading = page.rindex("<h3>", 0, page.index("<h4>"))  # the avoided table's heading
    avoided = page[heading : page.index("<h3>", heading + 1)]
    tables = re.findall(r"<table>.*?</table>", avoided)
    assert len(tables) == 2
    output, chips = (
        escape(kpi_label(k, lang), quote=True) for k in ("loss_usd_bn", "backlog_end_weeks")
    )
    assert output in tables[0] and chips not in tables[0]
    assert chips in tables[1] and not any(
        escape(kpi_label(k, lang), quote=True) in tables[1] for k in OUTPUT_KPIS
    )
    assert f"<h4>{escape(message('report.kpis_chips', lang))}</h4>" in avoided


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_japanese_cards_and_cells_break_between_phrases(lang: str) -> None:
    """The key figures' cards and table cells break Japanese between phrases, not between any
    two characters (「5.2週／間分」); producers' names excepted (their long katakana phrases)."""
    assert ":lang(ja) .fig,:lang(ja) th,:lang(ja) td{word-break:auto-phrase}" in CSS


def test_capacity_source_date_in_japanese_brackets() -> None:
    """The producers table's capacity source: （2024-05） in Japanese, (2024-05) in English,
    the date on one line; an old figure's date flagged the same way."""
    row = {"capacity_source": "https://www.example.org/a", "capacity_as_of": "2024-05"}
    date = "<span class='date'>2024-05</span>"
    assert _source(row, "ja").endswith(f"</a>（{date}）")
    assert _source(row, "en").endswith(f"</a> ({date})")
    old = {**row, "capacity_age_old": True}
    assert _source(old, "ja").endswith(f"</a><span class='old-capacity'>（{date}）</span>")


def _cells(page: str, css_class: str) -> list[str]:
    start = page.index(f"<table class='{css_class}'>")
    table = page[start : page.index("</table>", start)]
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table)]


def test_japanese_sensitivity_ranges_use_the_product_s_form(
    result: FakeResult, drivers: FakeSensitivity
) -> None:
    """The tornado's table in Japanese: 「低い値〜高い値（基準）」, 「a〜b（基準 c）」; no " – "."""
    cells = _cells(render_report(result, "ja", sensitivity=drivers), "sensitivity")
    assert cells[1] == "低い値〜高い値（基準）"
    assert not any(" – " in c for c in cells) and any("〜" in c for c in cells[8:])


def test_japanese_sobol_ranges_use_the_product_s_form() -> None:
    """The Sobol table in Japanese: 「低い値〜高い値」 and 「4.0週〜78週」, no " – "; English keeps
    "4.0 weeks – 78 weeks"."""
    cells = _cells(sobol_section(_sobol(), "ja"), "sensitivity")
    assert cells[1] == "低い値〜高い値" and "4.0週〜78週" in cells
    assert not any(" – " in c for c in cells)
    assert "4.0 weeks – 78 weeks" in _cells(sobol_section(_sobol(), "en"), "sensitivity")
