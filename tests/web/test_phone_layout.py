"""Review 2, findings 12-14 on the dashboard: on a 390 px phone every legend entry and bar label
of the comparison's charts is on screen, legend swatches are in the line colour; the tables
under the charts have honest headers (a date column is not "Year"; p5, p50, p95 in that order;
country names); the assumptions table has the report's headers and words in Japanese; the map
sizes a fab by its capacity in the slider's year."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
PHONE = (390, 844)

#: text of every legend label and text mark of the drawn charts, with its left and right edge
#: on the page, and whether Vega shortened it ("…")
TEXTS_JS = """() => [...document.querySelectorAll(
  'main section:not([hidden]) .vl svg .role-legend-label text,'
  + ' main section:not([hidden]) .vl svg .role-mark text')]
  .map((t) => { const r = t.getBoundingClientRect();
    return [t.textContent, r.left, r.right, t.textContent.endsWith('…')]; })"""


def _compare(w: Watched, server: str, lang: str) -> Any:
    """The flagship with and without the alliance fabs (20 runs), drawn, details open."""
    page = w.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs=20", lang)
    page.click("#cmp-run")
    page.wait_for_selector("#cmp-main .vl[data-rendered] svg", timeout=300_000)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_function(
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".every((v) => !v.offsetParent || v.dataset.rendered)",
        timeout=120_000,
    )
    return page


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_charts_fit_a_phone(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px every legend label and bar label of the comparison is inside the viewport and
    none is shortened; the band charts' legend swatches are opaque (not the 0.18 band)."""
    page = _compare(browser_page, server, lang)
    texts = page.evaluate(TEXTS_JS)
    assert len(texts) > 20
    outside = [t for t in texts if t[1] < 0 or t[2] > PHONE[0] or t[3]]
    assert outside == []
    opacities = page.eval_on_selector_all(
        "main section:not([hidden]) .vl svg .role-legend-symbol path",
        "ps => ps.map((p) => p.getAttribute('opacity') ?? p.getAttribute('fill-opacity') ?? '1')",
    )
    assert opacities and all(float(o) == 1.0 for o in opacities)
    labels = page.eval_on_selector_all(
        "#cmp-result figure[data-chart='output'] .role-legend-label text",
        "ts => ts.map((t) => t.textContent)",
    )
    assert len(labels) >= 12  # six markets a side, none dropped


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_assumptions_table_in_the_reports_words(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The comparison's assumptions table: File/Row/Value/Unit/As of/Confidence/Source
    (ファイル・行・値・単位・時点・確度・出典), each value's unit in the page's language ("% of
    world capacity", 世界の生産能力に占める%), confidence in words (高/中/低 in Japanese), values
    by the shared formatter ("69", not "69.0"; thousands grouped)."""
    page = _compare(browser_page, server, lang)
    heads = page.eval_on_selector_all(".assumption-rows th", "ts => ts.map((t) => t.textContent)")
    expected = {
        "en": ["File", "Row", "Value", "Unit", "As of", "Confidence", "Source"],
        "ja": ["ファイル", "行", "値", "単位", "時点", "確度", "出典"],
    }[lang]
    assert heads == expected
    rows = page.eval_on_selector_all(
        ".assumption-rows tbody tr",
        "rs => rs.map((r) => [...r.querySelectorAll('td')].map((d) => d.textContent))",
    )
    words = {"en": {"high", "medium", "low"}, "ja": {"高", "中", "低"}}[lang]
    assert {r[5] for r in rows} <= words | {"・".join(sorted(words)), "unrated", "未評価"}
    assert {r[5] for r in rows} & words
    values = [r[2] for r in rows]
    assert not [v for v in values if "." in v and v.endswith("0")]  # 69, not 69.0 or 0.000
    units = {r[0]: r[3] for r in rows}
    assert (
        units["regional_capacity.csv"]
        == {
            "en": "% of world capacity",
            "ja": "世界の生産能力に占める%",
        }[lang]
    )
    assert all(r[3] for r in rows)


def test_run_tables_have_dates_percentiles_and_names(browser_page: Watched, server: str) -> None:
    """The run view's tables: the weekly table's first column is a date, not "Year"; every
    table has p5, p50, p95 in that order; the country tables name countries ("China (CHN)")."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"scenario?id={FLAGSHIP}&runs=20&run=1")
    page.wait_for_selector("#scen-country-loss .vl[data-rendered] svg", timeout=300_000)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    tables = page.eval_on_selector_all(
        "#scen-result table",
        "ts => ts.map((t) => [[...t.querySelectorAll('th')].map((h) => h.textContent),"
        " [...(t.querySelector('tbody tr')?.querySelectorAll('td') || [])]"
        ".map((d) => d.textContent)])",
    )
    weekly = [t for t in tables if t[0][0].startswith("Date")]
    assert weekly and weekly[0][0][0] == "Date (week starting)"
    assert all("Year" not in h for h, _ in tables)
    for heads, _ in tables:
        order = [h.split(" ")[0] for h in heads if h.split(" ")[0] in ("p5", "p50", "p95")]
        assert order in ([], ["p5", "p50", "p95"]), heads
    by_country = [t for t in tables if t[0][0] == "Country"]
    assert len(by_country) == 3
    for _heads, first in by_country:
        assert first[0].endswith(")") and "(" in first[0], first  # "China (CHN)"


def test_map_sizes_a_fab_by_its_capacity_in_the_slider_year(
    browser_page: Watched, server: str
) -> None:
    """Rapidus IIM-1 at 2028 holds 6,000 wafers/month in fab_capacity.csv (as `chipshock fabs
    --capacity-in 2028` sums; the end-2027 level, held from January 2028), 18,000 only from
    2030: the map says 6,000 in 2028, and draws it smaller than in 2030."""
    row = next(
        r
        for r in httpx.get(f"{server}/api/fabs", timeout=60).json()["rows"]
        if r["fab_id"] == "rapidus-iim1"
    )
    assert [2028, 6000.0] in row["capacity_300mm_steps"]
    assert row["capacity_300mm_wspm"] == 18000.0  # the largest year, unchanged
    w, page = browser_page, browser_page.page
    radii = {}
    page.goto(f"{server}/?lang=en#map?year=2028&fab=rapidus-iim1")
    page.wait_for_selector("#map circle.fab[data-fab='rapidus-iim1']", timeout=30_000)
    for year in (2028, 2030):
        page.fill("#map-year", str(year))
        page.dispatch_event("#map-year", "input")
        label = page.get_attribute("#map circle.fab[data-fab='rapidus-iim1']", "aria-label")
        assert label is not None
        assert f"{'6,000' if year == 2028 else '18,000'} wafers/month in {year}" in label
        radii[year] = float(
            page.get_attribute("#map circle.fab[data-fab='rapidus-iim1']", "r") or 0
        )
    assert radii[2028] < radii[2030]
    assert w.errors == []
