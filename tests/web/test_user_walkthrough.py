"""What a user walking through the dashboard met (auw33): ReDoc blank under the server's CSP,
ASCII brackets in Japanese text, a link to a scenario the server lacks running another one, a
link's run count that is not a number sent as 0, and accessible names left in English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean

pytestmark = pytest.mark.browser


def _ready(page: Any) -> None:
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)


def test_redoc_draws_the_api_under_its_policy(browser_page: Watched, server: str) -> None:
    """/redoc, with its Content-Security-Policy enforced, draws the operations (it showed only
    "Something went wrong": its styles are inline <style> elements); /docs stays strict."""
    browser = browser_page.page.context.browser
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        redoc = page.goto(f"{server}/redoc")
        assert redoc is not None
        csp = redoc.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
        page.locator("h2", has_text="Run a scenario").first.wait_for(timeout=60_000)
        assert "Something went wrong" not in page.inner_text("body")
        # the one thing left blocked: Redocly's logo, an image on its CDN (img-src 'self')
        assert [p for p in problems if "cdn.redoc.ly" not in p] == []
        assert outside == []
        docs = page.goto(f"{server}/docs")
        assert docs is not None and "unsafe" not in docs.headers["content-security-policy"]
    finally:
        context.close()


def test_japanese_brackets_in_the_explorer_and_saved_results(
    browser_page: Watched, server: str
) -> None:
    """On the Japanese page an input's id, its market's year, the trace's ids and a saved
    result's date stand in full-width brackets (EUV露光装置（N20）), not " (N20)"."""
    page = browser_page.page
    page.goto(f"{server}/?lang=ja#explorer?input=N20")
    _ready(page)
    page.wait_for_selector("#exp-detail-h", timeout=60_000)
    assert re.fullmatch(r"EUV露光装置（N20）", page.inner_text("#exp-detail-h"))
    meta = page.inner_text("#exp-detail p.muted")
    assert re.search(r"（20\d\d）$", meta) and " (" not in meta, meta
    chips = page.eval_on_selector_all(
        "#exp-detail .trace .chip", "bs => bs.map(b => b.textContent)"
    )
    assert chips and all(re.search(r"（N\d+）$", c) for c in chips), chips
    page.goto(f"{server}/?lang=ja#results")
    _ready(page)
    page.wait_for_selector("#res-list input", timeout=60_000)
    labels = page.eval_on_selector_all("#res-list label", "ls => ls.map(l => l.textContent)")
    assert labels and all(re.search(r"（\d{4}-\d\d-\d\d \d\d:\d\d UTC）", x) for x in labels)
    _clean(browser_page)


def test_a_link_to_an_unknown_scenario_runs_nothing_and_says_so(
    browser_page: Watched, server: str
) -> None:
    """#scenario?id=nope&run=1 ran the form's first choice (1,000 runs of the Taiwan blockade)
    as if it were the link's; now nothing runs and the view names the id it lacks, in the
    page's language. The same for either scenario of a comparison."""
    page = browser_page.page
    jobs: list[str] = []
    page.on("request", lambda r: jobs.append(r.url) if "/api/jobs/" in r.url else None)
    page.goto(f"{server}/?lang=en#scenario?id=nope&run=1")
    _ready(page)
    page.wait_for_selector("#scenario-error:not([hidden])", timeout=60_000)
    shown = page.eval_on_selector("#scen-id", "s => s.options[s.selectedIndex].textContent")
    text = page.inner_text("#scenario-error")
    assert "(nope)" in text and "nothing was run" in text and shown in text, text
    page.click("#lang")
    page.wait_for_function("document.documentElement.lang === 'ja'")
    page.wait_for_function(
        "document.getElementById('scenario-error').textContent.includes('（nope）')"
    )
    page.goto(f"{server}/?lang=en#compare?a=korea-conflict&b=nope&runs=10&run=1")
    _ready(page)
    page.wait_for_selector("#compare-error:not([hidden])", timeout=60_000)
    assert "(nope)" in page.inner_text("#compare-error")
    page.wait_for_timeout(1500)  # a job would have started by now
    assert jobs == []
    _clean(browser_page)


def test_a_link_run_count_that_is_not_a_number_keeps_the_scenarios_own(
    browser_page: Watched, server: str
) -> None:
    """runs=abc in a link left the field empty and sent runs 0 (the server's "got 0" for a
    number nobody typed); now the field keeps the scenario's own run count."""
    page = browser_page.page
    own = page.request.get(f"{server}/api/scenarios").json()
    runs = next(r["runs"] for r in own["rows"] if r["scenario_id"] == "korea-conflict")
    expected = min(runs, own["params"]["max_runs"])
    for asked in ("abc", "0"):
        page.goto(f"{server}/?lang=en#scenario?id=korea-conflict&runs={asked}")
        _ready(page)
        assert page.input_value("#scen-runs") == str(expected), asked
    _clean(browser_page)


def test_accessible_names_follow_the_language(browser_page: Watched, server: str) -> None:
    """The tab bar's and the input list's accessible names (aria-label) were English on the
    Japanese page; they follow the language, both ways."""
    page = browser_page.page
    page.goto(f"{server}/?lang=ja#explorer")
    _ready(page)
    assert page.get_attribute("nav", "aria-label") == "表示する画面"
    assert page.get_attribute("#exp-list", "aria-label") == "投入物の一覧"
    page.click("#lang")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.get_attribute("nav", "aria-label") == "Views"
    assert page.get_attribute("#exp-list", "aria-label") == "Inputs"
    _clean(browser_page)


def test_a_link_to_an_unknown_input_says_so_beside_the_first(
    browser_page: Watched, server: str
) -> None:
    """#explorer?input=NOPE showed the first input with no word of the one asked for (the note
    was cleared as soon as the first input's answers came); the note stays, in the page's
    language, until the user picks an input."""
    page = browser_page.page
    page.goto(f"{server}/?lang=en#explorer?input=NOPE")
    _ready(page)
    page.wait_for_selector("#exp-detail-h", timeout=60_000)
    assert page.is_visible("#explorer-error")
    assert "There is no input NOPE" in page.inner_text("#explorer-error")
    page.click("#lang")
    page.wait_for_function(
        "document.getElementById('explorer-error').textContent.includes('投入物NOPEはありません')"
    )
    page.click("#exp-list li:nth-child(2) button")
    page.wait_for_function("document.getElementById('explorer-error').hidden")
    _clean(browser_page)


def test_the_run_announcement_follows_the_language(browser_page: Watched, server: str) -> None:
    """The live region that reads a run's summary to a screen reader kept the English summary
    after a switch to Japanese; it says it again in Japanese."""
    page = browser_page.page
    page.goto(f"{server}/?lang=en#scenario?id=korea-conflict&runs=10&run=1")
    _ready(page)
    page.wait_for_function(
        "document.getElementById('scen-announce').textContent.startsWith('Conflict')",
        timeout=300_000,
    )
    page.click("#lang")
    page.wait_for_function(
        "document.getElementById('scen-announce').textContent.startsWith('朝鮮半島有事')",
        timeout=30_000,
    )
    _clean(browser_page)


def test_the_split_by_fab_button_looks_like_the_other_actions(
    browser_page: Watched, server: str
) -> None:
    """The comparison's "Split by fab" was the browser's grey default button among blue
    actions; it takes the Compare button's colours."""
    page = browser_page.page
    page.goto(f"{server}/?lang=en#compare?a=korea-conflict&runs=10&run=1")
    _ready(page)
    page.wait_for_selector("#cmp-fabs-run", timeout=300_000)
    style = "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]"
    assert page.eval_on_selector("#cmp-fabs-run", style) == page.eval_on_selector("#cmp-run", style)
    _clean(browser_page)


def test_a_split_by_fab_can_be_cancelled(browser_page: Watched, server: str) -> None:
    """A split by fab ((2 + 2 x fabs) x runs, minutes at the default runs) had no Cancel; now a
    Cancel button shows while it runs, stops the job (DELETE /api/jobs/{id}) and says so."""
    page = browser_page.page
    deleted: list[str] = []
    page.on("request", lambda r: deleted.append(r.url) if r.method == "DELETE" else None)
    page.goto(f"{server}/?lang=en#compare?a=korea-conflict&runs=20&run=1")
    _ready(page)
    page.wait_for_selector("#cmp-fabs-run", timeout=300_000)
    assert page.is_hidden("#cmp-fabs-cancel")
    page.click("#cmp-fabs-run")
    page.click("#cmp-fabs-cancel")
    page.wait_for_function("document.getElementById('cmp-fabs-progress').textContent.length > 0")
    page.wait_for_function("!document.getElementById('cmp-fabs-run').disabled", timeout=60_000)
    assert deleted and "/api/jobs/" in deleted[0]
    assert page.inner_text("#cmp-fabs-progress").startswith("The run was cancelled")
    assert page.is_hidden("#cmp-fabs-cancel") and page.is_hidden("#compare-error")
    _clean(browser_page)
