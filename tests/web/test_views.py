"""The dashboard at desktop and phone size in both languages: layout, legible charts, axe
accessibility, tabs, URL state, explorer, map, saved results, run progress and cancel, CSP."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.web.conftest import SCREENSHOTS, Watched

pytestmark = pytest.mark.browser

VIEWS = [
    "map",
    "explorer",
    "criticality",
    "coalition",
    "capacity",
    "sourcing",
    "scenario",
    "compare",
    "results",
    "tracker",
]
DESKTOP, PHONE = (1280, 900), (390, 844)

#: the smallest chart text on screen, in CSS pixels, after any scaling of the SVG
SMALLEST_TEXT_JS = """() => {
  let least = Infinity;
  for (const svg of document.querySelectorAll('main section:not([hidden]) svg')) {
    const box = svg.getBoundingClientRect();
    if (!box.width) continue;
    const vb = svg.viewBox && svg.viewBox.baseVal;
    const scale = vb && vb.width ? box.width / vb.width : 1;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      least = Math.min(least, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
  }
  return least;
}"""

#: how many lines the language button's label takes
BUTTON_LINES_JS = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById('lang'));
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


def _open(w: Watched, server: str, hash_: str, lang: str = "en") -> None:
    w.page.goto(f"{server}/?lang={lang}#{hash_}")
    w.page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    w.page.wait_for_function(
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".every((v) => v.dataset.rendered)"
    )


def _axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _clean(w: Watched) -> None:
    assert w.errors == [], w.errors
    assert w.outside == [], f"requests left the server: {w.outside}"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_every_view_fits_reads_and_passes_axe(
    browser_page: Watched, server: str, lang: str
) -> None:
    """Every view: no sideways scroll, chart text at least 11 px, the language button on one
    line, no serious or critical axe violation; a screenshot of each is kept."""
    w, page = browser_page, browser_page.page
    width = page.viewport_size["width"]
    size = "phone" if width < 600 else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for view in VIEWS:
        _open(w, server, view, lang)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{view}: page is {scroll} px wide at {width} px")
        smallest = page.evaluate(SMALLEST_TEXT_JS)
        if smallest < 11:
            problems.append(f"{view}: chart text of {smallest:.1f} px")
        if page.evaluate(BUTTON_LINES_JS) != 1:
            problems.append(f"{view}: the language button wraps")
        problems += [f"{view}: axe {v}" for v in _axe(page)]
        page.screenshot(path=str(SCREENSHOTS / f"{view}-{size}-{lang}.png"), full_page=True)
    assert problems == []
    _clean(w)


def test_tabs_are_tabs_with_panels_and_arrow_keys(browser_page: Watched, server: str) -> None:
    """Each tab controls a tabpanel labelled by it; arrow keys, Home and End move the selection
    and the focus; the URL follows."""
    w, page = browser_page, browser_page.page
    _open(w, server, "map")
    tabs = page.locator('[role="tab"]')
    assert tabs.count() == len(VIEWS)
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        panel = page.locator(f"#{tab.get_attribute('aria-controls')}")
        assert panel.get_attribute("role") == "tabpanel"
        assert panel.get_attribute("aria-labelledby") == tab.get_attribute("id")
    page.focus("#tab-map")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-explorer"
    assert page.get_attribute("#tab-explorer", "aria-selected") == "true"
    assert page.is_visible("#view-explorer") and not page.is_visible("#view-map")
    assert page.url.split("#")[1].startswith("explorer")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "tab-tracker"
    page.keyboard.press("ArrowRight")  # wraps round
    assert page.evaluate("document.activeElement.id") == "tab-map"
    assert page.locator('[role="tab"][tabindex="0"]').count() == 1
    _clean(w)


def test_explorer_state_lives_in_the_url(browser_page: Watched, server: str) -> None:
    """A link with input, search and highlight opens the same explorer; picking another input
    rewrites the link; reloading it gives the same screen."""
    w, page = browser_page, browser_page.page
    _open(w, server, "explorer?input=N31&q=photo&hl=JPN")
    assert page.inner_text("#exp-detail-h") == "Photoresists (N31)"
    assert page.input_value("#exp-q") == "photo" and page.input_value("#exp-hl") == "JPN"
    assert "curated" in page.inner_text("#exp-why")
    items = page.locator("#exp-list button")
    assert 0 < items.count() < 125
    assert page.locator("#exp-list button.hl .badge").count() >= 1
    page.fill("#exp-q", "EUV")
    page.click("#exp-list button[data-input=N20]")
    page.wait_for_function("document.getElementById('exp-detail-h').textContent.includes('N20')")
    assert page.evaluate("document.activeElement.id") == "exp-detail"
    link = page.url
    assert "input=N20" in link and "q=EUV" in link and "hl=JPN" in link
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("document.getElementById('exp-detail-h')?.textContent.includes('N20')")
    assert page.input_value("#exp-q") == "EUV"
    _clean(w)


def test_explorer_never_shows_a_bare_dash_or_raw_markdown(
    browser_page: Watched, server: str
) -> None:
    """All 125 inputs are listed sorted by name; each without shares says why; no cell shows
    markdown syntax (links are links)."""
    w, page = browser_page, browser_page.page
    _open(w, server, "explorer")
    names = page.locator("#exp-list .name").all_inner_texts()
    assert len(names) == 125 and names == sorted(names, key=str.lower)
    subs = page.locator("#exp-list .sub").all_inner_texts()
    assert all(s.strip() not in ("", "–", "-") for s in subs)
    page.click("#exp-list button[data-input=N0]")  # chip design: made of other inputs
    page.wait_for_selector("#exp-why")
    text = page.inner_text("#view-explorer")
    assert "](" not in text and "**" not in text
    assert page.locator("#exp-detail a[href^=http]").count() >= 1
    _clean(w)


def test_fab_map_shows_every_fab_and_zooms_by_keyboard(browser_page: Watched, server: str) -> None:
    """Every located fab producing by the year (the fabs /api/fabs?year= lists) is drawn, the
    packaging sites (no wafer capacity) hollow and said to be so; a fab reached by Tab opens its
    details with Enter; zoom buttons and keys change the view."""
    w, page = browser_page, browser_page.page
    _open(w, server, "map?year=2035")
    shown = page.evaluate("fetch('/api/fabs?year=2035').then((r) => r.json())")["rows"]
    located = [f for f in shown if f["latitude"] is not None and f["longitude"] is not None]
    assert page.locator("#map circle.fab").count() == len(located)
    # hollow: the packaging sites, which hold no wafer capacity (every wafer fab drawn has some)
    no_capacity = [f for f in located if f["segment"] == "packaging"]
    assert all(f["capacity_300mm_wspm"] for f in shown if f["segment"] != "packaging")
    assert page.locator("#map circle.fab.nocap").count() == len(no_capacity) > 0
    packaging = len([f for f in shown if f["segment"] == "packaging"])
    assert f"{packaging} packaging sites (hollow circles" in page.inner_text("#map-count")
    before = page.get_attribute("#map svg", "viewBox")
    page.click("#map-zoom-in")
    zoomed = page.get_attribute("#map svg", "viewBox")
    assert zoomed != before and "zoom=" in page.url
    page.focus("#map")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#map svg", "viewBox") != zoomed
    site = no_capacity[0]["fab_id"]
    page.focus(f"#map circle[data-fab='{site}']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'map-detail'")
    assert "packaging site: no wafer capacity" in page.inner_text("#map-detail")
    assert f"fab={site}" in page.url
    _clean(w)


def test_saved_results_listed_reopened_and_compared(browser_page: Watched, server: str) -> None:
    """The two results saved in the store are listed; ticking both compares them side by side;
    the link reopens the comparison."""
    w, page = browser_page, browser_page.page
    _open(w, server, "results")
    picks = page.locator("#res-list input[type=checkbox]")
    assert picks.count() == 2
    assert "korea seed 1" in page.inner_text("#res-list")
    picks.nth(0).check()
    picks.nth(1).check()
    page.click("#res-open")
    page.wait_for_selector("#res-result h3")
    assert "korea seed 1" in page.inner_text("#res-result h3")
    assert "korea seed 2" in page.inner_text("#res-result h3")
    assert page.evaluate("document.activeElement.id") == "res-result"
    page.wait_for_function(
        "document.querySelectorAll('#res-result .vl[data-rendered]').length >= 6"
    )
    assert re.search(r"open=[0-9a-f]{12},[0-9a-f]{12}", page.url)
    assert _axe(page) == []
    link = page.url
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("#res-result h3")
    assert "korea seed 2" in page.inner_text("#res-result h3")
    _clean(w)


def test_long_run_shows_progress_can_be_cancelled_and_results_go_stale(
    browser_page: Watched, server: str
) -> None:
    """A run over a second shows runs done of runs in all and a Cancel button that stops it; a
    finished result is announced, gets the focus, and is marked stale when an input changes."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    page.select_option("#scen-id", "taiwan-blockade-2027-12m")
    page.fill("#scen-runs", "1000")
    page.click("#scen-run")
    page.wait_for_selector("#scen-progress:not([hidden])", timeout=10_000)
    page.wait_for_function(
        "/ of 1,000 simulated futures/"
        ".test(document.getElementById('scen-progress-text').textContent)"
    )
    page.click("#scen-cancel")
    page.wait_for_selector("#scen-progress", state="hidden", timeout=30_000)
    assert "cancelled" in page.inner_text("#scen-announce")
    assert page.is_hidden("#scenario-error") and page.locator("#scen-summary").count() == 0

    page.fill("#scen-runs", "20")
    page.click("#scen-run")
    page.wait_for_selector(
        "#scen-summary", timeout=600_000
    )  # a run and its charts on a shared machine
    assert page.evaluate("document.activeElement.id") == "scen-result"
    assert page.inner_text("#scen-announce").startswith("Taiwan")
    assert page.is_hidden("#scen-stale")
    page.wait_for_function(
        "[...document.querySelectorAll('#scen-result .vl')].every((v) => v.dataset.rendered)"
    )
    assert _axe(page) == []  # the results too, not only the empty form
    page.fill("#scen-duration", "30")
    page.dispatch_event("#scen-duration", "input")
    assert page.is_visible("#scen-stale")
    assert "stale" in (page.get_attribute("#scen-result", "class") or "")
    _clean(w)


def test_dashboard_runs_under_a_strict_content_security_policy(
    browser_page: Watched, server: str
) -> None:
    """The server's strict CSP (no inline script or style, no eval) is on every page, and
    under it every chart still draws, the API docs load, and nothing is blocked."""
    browser = browser_page.page.context.browser
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        for view, selector in (
            ("explorer", "#exp-detail .vl[data-rendered] svg"),
            ("capacity", "#cap-result .vl[data-rendered] svg"),
            ("sourcing", "#src-result .vl[data-rendered] svg"),
            ("coalition", "#coal-result .vl[data-rendered] svg"),
            ("criticality", "#crit-result .vl[data-rendered] svg"),
            ("map", "#map svg circle.fab"),
        ):
            response = page.goto(f"{server}/?lang=en&view={view}#{view}")  # a new document
            assert response is not None
            csp = response.headers["content-security-policy"]
            assert "script-src 'self';" in csp and "unsafe" not in csp
            page.wait_for_selector(selector, timeout=30_000)
        docs = page.goto(f"{server}/docs")
        assert docs is not None and "unsafe" not in docs.headers["content-security-policy"]
        page.wait_for_selector(".swagger-ui .info", timeout=30_000)
        assert problems == []
    finally:
        context.close()
