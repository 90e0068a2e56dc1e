"""What users saw wrong on the dashboard (session 25, task dash3), in a real Chromium, in
English and Japanese: the scenario view's time charts on one time axis, by-country value
labels clear of their whiskers, and the map's detail headed by the fab's name."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import Watched

pytestmark = pytest.mark.browser

BANDS = "#scen-result figure[data-chart]:not([data-chart=utilisation])"


def _open(w: Watched, server: str, view: str, lang: str) -> None:
    w.page.goto(f"{server}/?lang={lang}#{view}")
    w.page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def _x_ticks(page: Any) -> list[list[str]]:
    """The x-axis tick labels of each band chart, in page order."""
    return page.locator(f"{BANDS} svg").evaluate_all(
        """els => els.map(svg => {
          const axis = [...svg.querySelectorAll('g.role-axis')]
            .find(a => (a.getAttribute('aria-label') || '').startsWith('X-axis'));
          return axis ? [...axis.querySelectorAll('g.role-axis-label text')]
            .map(t => t.textContent) : [];
        })"""
    )


def _crossings(page: Any, chart: str) -> list[str]:
    """Value labels of a bar chart whose box a whisker (rule mark) crosses."""
    return page.locator(f"{chart} svg").evaluate(
        """svg => {
          const box = (e) => e.getBoundingClientRect();
          const rules = [...svg.querySelectorAll('g.mark-rule.role-mark line')].map(box);
          const labels = [...svg.querySelectorAll('g.mark-text.role-mark text')];
          return labels.filter(t => {
            const b = box(t);
            return rules.some(r => r.left < b.right && r.right > b.left
              && r.top <= b.bottom && r.bottom >= b.top);
          }).map(t => t.textContent);
        }"""
    )


def test_scenario_time_axes_agree_and_whiskers_clear_labels(
    browser_page: Watched, server: str
) -> None:
    """Taiwan blockade (10 runs): the output, chips and node-class charts show the same x-axis
    ticks (the years of the horizon 2026-2030), and no whisker of the by-country bars crosses
    a value label, in English and then Japanese."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario", "en")
    page.select_option("#scen-id", "taiwan-blockade-2027-6m")
    page.fill("#scen-runs", "10")
    page.click("#scen-run")
    page.wait_for_selector("#scen-summary", timeout=600_000)  # a run on a shared machine
    for lang, years in (
        ("en", "2026 2027 2028 2029 2030"),
        ("ja", "2026年 2027年 2028年 2029年 2030年"),
    ):
        if lang == "ja":
            page.click("#lang")
            page.locator("html[lang='ja']").wait_for(state="attached")
        page.wait_for_function(
            f"document.querySelectorAll('{BANDS} .vl[data-rendered] svg').length === 3"
        )
        ticks = _x_ticks(page)
        assert len(ticks) == 3 and ticks[0] == ticks[1] == ticks[2], ticks
        assert ticks[0] == years.split(), ticks
        for chart in ("#scen-country-loss", "#scen-value-added"):
            page.wait_for_selector(f"{chart} .vl[data-rendered] svg")
            assert page.locator(f"{chart} svg g.mark-rule.role-mark line").count() > 3
            assert page.locator(f"{chart} svg g.mark-text.role-mark text").count() > 3
            assert _crossings(page, chart) == [], (lang, chart)
    assert w.errors == [], w.errors


@pytest.mark.parametrize(("lang", "name"), [("en", "name"), ("ja", "name_ja")])
def test_map_detail_is_headed_by_the_fab_name(
    browser_page: Watched, server: str, lang: str, name: str
) -> None:
    """A fab picked on the map is headed by its name in the page's language (name_ja from
    fab_names_ja.csv in Japanese), not by its id; the id stays below, for --fabs-off."""
    w, page = browser_page, browser_page.page
    fab = page.request.get(f"{server}/api/fabs").json()["rows"]
    rapidus = next(r for r in fab if r["fab_id"] == "rapidus-iim1")
    _open(w, server, "map", lang)
    page.wait_for_selector("#map svg circle.fab[data-fab=rapidus-iim1]")
    page.locator("#map svg circle.fab[data-fab=rapidus-iim1]").dispatch_event("click")
    heading = page.inner_text("#map-detail h3")
    assert heading == rapidus[name] and "rapidus-iim1" not in heading
    assert "rapidus-iim1" in page.inner_text("#map-fab-id")
    assert w.errors == [], w.errors


def test_tracker_status_badges_stay_on_one_line(browser_page: Watched, server: str) -> None:
    """The alliance tracker's status words in Japanese (進行中, 古い) stood one character a
    line in the narrow status column; each badge is one line high."""
    w, page = browser_page, browser_page.page
    _open(w, server, "tracker", "ja")
    page.wait_for_selector("#trk-milestones tbody tr .badge")
    heights = page.eval_on_selector_all(
        "#trk-milestones .badge",
        "bs => bs.map(b => b.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(b).fontSize))",
    )  # in font sizes: a line is at most 2 high, two lines at least 2.4
    assert len(heights) > 10
    assert max(heights) < 2.2, heights
    assert w.errors == [], w.errors


def test_compare_sides_keep_their_colour_in_every_chart(browser_page: Watched, server: str) -> None:
    """The comparison's utilisation chart drew the first side orange and the second blue, the
    other charts the reverse (blue first, Okabe-Ito order): each side has one colour."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "compare?a=taiwan-blockade-2027-6m&runs=10", "en")
    page.click("#cmp-run")
    page.wait_for_selector("#cmp-loss .vl[data-rendered] svg", timeout=600_000)
    page.wait_for_selector("#cmp-utilisation .vl[data-rendered] svg", timeout=120_000)

    def colours(chart: str) -> dict[str, str]:
        return page.locator(f"{chart} svg").evaluate(
            """svg => { const fills = [...svg.querySelectorAll('.role-legend-symbol path')]
              .map(p => p.getAttribute('fill'));
              return Object.fromEntries([...svg.querySelectorAll('.role-legend-label text')]
                .map((t, i) => [t.textContent, fills[i]])); }"""
        )

    loss, utilisation = colours("#cmp-loss"), colours("#cmp-utilisation")
    assert len(loss) == 2 and loss == utilisation, (loss, utilisation)
    assert w.errors == [], w.errors
