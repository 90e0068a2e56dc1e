"""The report on paper and on a screen: wide tables fit an A4 page when printed and scroll in
a box of their own on a screen, sources show their host, and the Japanese sensitivity table,
count sentence and coalition reading are in Japanese throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.report.conftest import FakeResult
from tests.report.test_sensitivity_report import FakeSensitivity

from chipshock.data.factor_ranges import UNITS
from chipshock.present.charts import render_svg
from chipshock.present.messages import message
from chipshock.report import render_report
from chipshock.report.sensitivity import tornado_chart
from chipshock.report.structure import coalition_report
from chipshock.report.utilisation import later_note
from chipshock.sim.sensitivity_factors import FactorSources, RowRef, row_text

CHROMIUM = Path("/usr/bin/chromium")
#: the width an A4 page leaves between the report's print margins (210 mm - 2 x 12 mm) in CSS px
A4_CONTENT_PX = int((210 - 2 * 12) / 25.4 * 96)

_LONG = "https://www.taipeitimes.com/News/biz/archives/2022/08/04/2003782917?from=rss&page=2"


def _factor(factor: str, label: str, label_ja: str, unit: str, **kw: Any) -> dict[str, Any]:
    row = {
        "factor": factor, "label": label, "label_ja": label_ja, "low_value": 0.5,
        "high_value": 1.5, "base_value": 1.0, "kpi_low": 312.6, "kpi_base": 625.3,
        "kpi_high": 937.9, "swing": 625.3, "unit": unit, "confidence": "low/medium",
        "source": f"end_markets.csv: {factor} (6 markets)", "source_url": _LONG,
        "range_source": f"sensitivity_factors.csv: {factor}", "range_as_of": "2021-09",
        "range_source_url": _LONG.replace("taipeitimes", "fenderbender"), "method": "scale",
        "how": "base x low / high",
    }  # fmt: skip
    return {**row, **kw}


@pytest.fixture
def factors() -> FakeSensitivity:
    """One factor of every unit, with the long source URLs and data-row references of the
    shipped factors (the row of the scenario's shock, a per-market row)."""
    shock = "scenario taiwan-blockade-2027-6m; shock_assumptions.csv: taiwan_blockade_duration"
    rows = [
        _factor("value_multiplier", "Output value per chip dollar", "半導体1ドル当たりの生産額",
                "multiplier"),
        _factor("customer_inventory_weeks", "Customer chip inventories", "顧客の半導体在庫",
                "weeks", low_value=2.0, high_value=11.0, base_value=5.5),
        _factor("shock_duration", "Shock duration", "ショックの期間", "weeks", low_value=4.0,
                high_value=78.0, base_value=26.0, source=f"{shock} (low / high)",
                range_source=f"{shock} (low / high)", range_source_url=_LONG, source_url=_LONG),
        _factor("utilisation", "Fab utilisation", "工場稼働率", "share", low_value=0.8,
                high_value=0.92, base_value=0.85),
        _factor("backlog_cancel_share", "Orders cancelled per week of waiting",
                "待ち1週間当たりの注文取消率", "share/week", low_value=0.02, high_value=0.2,
                base_value=0.1),
        _factor("complementarity", "Complementarity of chips", "半導体の補完性", "index"),
        _factor("double_order_sensitivity", "Double ordering as lead times grow",
                "リードタイム延長に伴う二重発注", "slope", low_value=0.0, high_value=0.9,
                base_value=0.5),
    ]  # fmt: skip
    return FakeSensitivity(pd.DataFrame(rows), sources=tuple(_sources(r) for r in rows))


def _sources(row: dict[str, Any]) -> FactorSources:
    """The data of a factor's ``source`` and ``range_source`` text (as
    `chipshock.sim.sensitivity` returns it beside the table)."""
    factor = str(row["factor"])
    if factor == "shock_duration":
        shock = (
            RowRef("scenario", ("taiwan-blockade-2027-6m",)),
            RowRef("file", ("taiwan_blockade_duration",), "shock_assumptions.csv", "low_high"),
        )
        found = FactorSources(factor, shock, shock)
    else:
        found = FactorSources(
            factor,
            (RowRef("file", (factor,), "end_markets.csv", "markets", 6),),
            (RowRef("file", (factor,), "sensitivity_factors.csv"),),
        )
    assert (row_text(found.source), row_text(found.range_source)) == (
        row["source"],
        row["range_source"],
    )
    return found


def _table(html: str, css_class: str) -> list[list[str]]:
    """The cells (tags removed) of the first table of ``css_class``, header row first."""
    start = html.index(f"<table class='{css_class}'>")
    table = html[start : html.index("</table>", start)]
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


def _widths(browser: Any, path: Path, width: int, media: str) -> dict[str, float]:
    """The page's scroll width and the sensitivity table's right edge and box at ``width``."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.emulate_media(media=media)
        page.goto(path.as_uri())
        measured: dict[str, float] = page.evaluate(
            """() => {
              const table = document.querySelector('table.sensitivity');
              const box = table.parentElement;
              return {page: document.documentElement.scrollWidth,
                      table: table.getBoundingClientRect().right,
                      box: box.getBoundingClientRect().right,
                      scrolls: getComputedStyle(box).overflowX === 'auto' ? 1 : 0};
            }"""
        )
        return measured
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sensitivity_table_fits_an_a4_page_when_printed(
    chromium: Any, result: FakeResult, factors: FakeSensitivity, tmp_path: Path, lang: str
) -> None:
    """Printed at the width an A4 page leaves (Chromium, print media), the sensitivity table
    and the page are no wider than the page: no column is cut at the right margin."""
    path = tmp_path / "r.html"
    path.write_text(render_report(result, lang, sensitivity=factors), encoding="utf-8")
    measured = _widths(chromium, path, A4_CONTENT_PX, "print")
    assert measured["table"] <= A4_CONTENT_PX + 1, measured
    assert measured["page"] <= A4_CONTENT_PX, measured


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_wide_tables_scroll_in_their_own_box_on_a_screen(
    chromium: Any, result: FakeResult, factors: FakeSensitivity, tmp_path: Path, width: int
) -> None:
    """On a 1280 px screen the page does not scroll sideways; on a 390 px phone neither: the
    sensitivity table scrolls inside its box (overflow-x: auto), which ends at the page's edge."""
    path = tmp_path / "r.html"
    path.write_text(render_report(result, "en", sensitivity=factors), encoding="utf-8")
    measured = _widths(chromium, path, width, "screen")
    assert measured["page"] <= width, measured
    assert measured["scrolls"] == 1 and measured["box"] <= width, measured
    if width == 1280:
        assert measured["table"] <= width, measured


def test_sources_show_their_host_and_link_the_full_address(
    result: FakeResult, factors: FakeSensitivity
) -> None:
    """A source is shown as its host, linked to the full URL; the data row and the range's row
    share one column, and a range from the same row and source is not said twice."""
    html = render_report(result, "en", sensitivity=factors)
    cells = _table(html, "sensitivity")
    assert cells[0][-1] == "Data row and source" and len(cells[0]) == 8
    link = f'<a href="{_LONG.replace("&", "&amp;")}">www.taipeitimes.com</a>'
    assert link in html.replace("<wbr>", "")
    assert _LONG not in re.sub(r'href="[^"]*"', "", html)
    shock = next(row for row in cells if row[0] == "Shock duration")
    assert shock[-1].count("www.taipeitimes.com") == 1 and "Range:" not in shock[-1]
    per_market = next(row for row in cells if row[0] == "Output value per chip dollar")
    assert "Range: sensitivity_factors.csv: value_multiplier (as of 2021-09)" in per_market[-1]


def test_japanese_sensitivity_table_has_no_english_units(
    result: FakeResult, factors: FakeSensitivity
) -> None:
    """The Japanese table names every unit in Japanese (from the catalogue), the per-market
    rows' count and the low/high note too, and uses full-width brackets only."""
    cells = _table(render_report(result, "ja", sensitivity=factors), "sensitivity")
    units = [row[2] for row in cells[1:]]
    assert units == [
        message(f"report.sens_unit.{u}", "ja")
        for u in ("multiplier", "weeks", "weeks", "share", "share/week", "index", "slope")
    ]
    assert not set(units) & set(UNITS)
    assert not any(re.search(r"[a-z]", u) for u in units)  # no English word left
    sources = " ".join(row[-1] for row in cells[1:])
    assert "（6市場）" in sources and "markets)" not in sources
    assert "（低い値・高い値）" in sources and "(low / high)" not in sources
    spans = [row[1] for row in cells[1:]]
    assert "4.0週〜78週（基準 26週）" in spans
    assert not any("(" in s or ")" in s for s in spans)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tornado_legend_is_drawn_in_full(
    chromium: Any, factors: FakeSensitivity, tmp_path: Path, lang: str
) -> None:
    """Both legend entries are drawn unabridged and inside the chart (Chromium measures the
    legend against the SVG's edge; side by side they ran past it)."""
    spec = tornado_chart(factors, lang)
    assert spec is not None
    svg = render_svg(spec)
    names = {"en": ("Assumption at its low value", "Assumption at its high value"),
             "ja": ("仮定が低い値のとき", "仮定が高い値のとき")}[lang]  # fmt: skip
    assert all(f">{name}</text>" in svg for name in names)
    path = tmp_path / "chart.html"
    path.write_text(f"<!doctype html><meta charset='utf-8'><body>{svg}</body>", encoding="utf-8")
    page = chromium.new_page(viewport={"width": 800, "height": 900})
    try:
        page.goto(path.as_uri())
        edges = page.evaluate(
            """() => ({svg: document.querySelector('svg').getBoundingClientRect().right,
                       legend: Math.max(...[...document.querySelectorAll('.role-legend-label text')]
                         .map((t) => t.getBoundingClientRect().right))})"""
        )
    finally:
        page.close()
    assert edges["legend"] <= edges["svg"], edges


def _later(kinds: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"kind": kinds})


def test_count_sentence_counts_fabs_only() -> None:
    """'These N fabs' counts the fabs: the 'other fabs' remainder rows are said apart, and the
    Japanese reads これらN工場 (not これらNの工場)."""
    rows = _later(["fab", "fab", "other fabs"])
    en, ja = later_note(rows, 2027, 100, "en"), later_note(rows, 2027, 100, "ja")
    assert en.startswith("These 2 fabs have no capacity in 2027")
    assert message("report.util_later_note_other", "en") in en
    assert ja.startswith("これら2工場は、ショックの年である2027年") and "の工場は" not in ja[:10]
    assert message("report.util_later_note_other", "ja") in ja
    one = later_note(_later(["fab"]), 2027, 100, "en")
    assert one.startswith("This fab has no capacity") and "other fabs" not in one


def test_assumption_values_by_the_shared_rule(result: FakeResult) -> None:
    """The appendix's data rows give values as written (69, 0, 0.125), years as years, never
    ``0.000`` or ``2,022``."""
    rows = pd.DataFrame(
        [
            {"file": "regional_capacity.csv", "id": "logic <10nm/TWN/2022", "value": 69.0},
            {"file": "regional_capacity.csv", "id": "logic <10nm/USA/2022", "value": 0.0},
            {"file": "model_assumptions.csv", "id": "shortfall_tolerance", "value": 0.01},
            {"file": "model_assumptions.csv", "id": "horizon_min_year", "value": 2022.0},
            {"file": "model_assumptions.csv", "id": "x_share", "value": 0.125},
        ]
    ).assign(source_url="https://example.org/a/b", as_of="2024-05", confidence="high")
    html = render_report(FakeResult(result.bands, result.kpis, assumptions=rows), "ja")
    heading = message("report.assumption_rows", "ja")
    table = html[html.index(f"{heading}</h3>") :].split("</table>")[0]
    values = [re.findall(r"<td[^>]*>(.*?)</td>", r)[2] for r in table.split("<tr>")[2:]]
    assert values == ["69", "0", "0.01", "2022", "0.125"]
    assert ">example.org</a>" in table.replace("<wbr>", "")


def test_japanese_comparison_title_uses_a_full_width_colon(comparison: Any) -> None:
    """The Japanese title of a with/without-alliance comparison joins with ： (not ': ')."""
    from chipshock.present.summary import ALLIANCE_SIDES

    a, b = ALLIANCE_SIDES["ja"]
    html = render_report(comparison, "ja", label_a=a, label_b=b)
    title = re.search(r"<h1>(.*?)</h1>", html)
    assert title and "：" in title[1] and ": " not in title[1]


def test_japanese_coalition_reading_says_exact_in_japanese(built_store: Path) -> None:
    """The Shapley method in the Japanese coalition briefing is 厳密値, not 'exact'."""
    html = coalition_report(built_store, ["USA", "JPN", "NLD"], "ja")
    assert "（厳密値）" in html and "exact" not in html
