"""The Sobol panel of the scenario view, at desktop and phone size in both languages: a job with
progress and Cancel, then the reading, the stability note, the chart of both indices (the spec
the API built) and the table; no sideways scroll, text >= 11 px, axe clean."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import DESKTOP, PHONE, SMALLEST_TEXT_JS, _axe, _clean, _open

from chipshock.present.text_width import text_px
from chipshock.present.trace_graph import LABEL_PX

pytestmark = pytest.mark.browser

#: a small analysis (2 assumptions, 4 base samples, 1 run each: 16 evaluations), computed once
SMALL = {"scenario": "taiwan-blockade-2027-6m", "runs": 1, "samples": 4,
         "factors": ["shock_duration", "utilisation"]}  # fmt: skip
_cache: dict[str, Any] = {}


def _small_body(page: Any, server: str) -> Any:
    if "body" not in _cache:
        response = page.request.post(
            f"{server}/api/scenarios/sensitivity/sobol", data=json.dumps(SMALL),
            headers={"Content-Type": "application/json"}, timeout=900_000,
        )  # fmt: skip
        assert response.ok, response.text()
        _cache["body"] = response.json()
    return _cache["body"]


def test_sobol_job_shows_progress_and_can_be_cancelled(browser_page: Watched, server: str) -> None:
    """Computing the indices is a job: after a second its progress (evaluations' runs done of
    all) and a Cancel button show; Cancel stops it and says so; nothing is left half-shown."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    assert page.inner_text("#sobol-h").startswith("Which assumptions, and which combinations")
    page.select_option("#sobol-samples", "32")
    with page.expect_response("**/api/jobs/sobol") as started:
        page.click("#sobol-run")
    assert started.value.status == 202
    assert started.value.request.post_data_json["samples"] == 32
    assert started.value.request.post_data_json["runs"] == 1  # one run per design point
    page.wait_for_selector("#sobol-progress:not([hidden])", timeout=10_000)
    page.wait_for_function(
        "/ of [0-9,]+ simulated futures/"
        ".test(document.getElementById('sobol-progress-text').textContent)",
        timeout=120_000,
    )
    page.click("#sobol-cancel")
    page.wait_for_selector("#sobol-progress", state="hidden", timeout=120_000)
    assert "cancelled" in page.inner_text("#sobol-announce")
    assert page.is_hidden("#sobol-error") and page.locator("#sobol-reading").count() == 0
    _clean(w)


def test_sobol_link_restores_the_panel_and_waits_for_run(
    browser_page: Watched, server: str
) -> None:
    """A link with ``samples=8&sobol=1`` restores the sample count and shows what the analysis
    would cost (the server's estimate) with a Run button, but starts nothing: the job starts
    when the button is pressed, with 8 samples. The link stays in the URL; a cancelled analysis
    leaves ``sobol`` out; a changed count is written back, and the default (16) is left out."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    jobs: list[str] = []
    page.on("request", lambda r: jobs.append(r.url) if "/api/jobs/" in r.url else None)
    _open(w, server, "scenario?samples=8&sobol=1")
    offer = page.wait_for_selector("#sobol-offer:not([hidden]) button", timeout=30_000)
    assert page.input_value("#sobol-samples") == "8"
    cost = page.request.get(f"{server}/api/estimate/sobol?samples=8&runs=1").json()
    text = page.inner_text("#sobol-offer")
    assert f"{cost['evaluations']:,} combinations" in text and f"({cost['runs']:,} in all)" in text
    assert offer.inner_text() == f"Run ({cost['runs']:,} simulated futures)"
    page.wait_for_timeout(1500)  # nothing starts by itself
    assert jobs == [] and page.is_hidden("#sobol-progress")
    hash_ = page.evaluate("location.hash")
    assert "samples=8" in hash_ and "sobol=1" in hash_
    with page.expect_response("**/api/jobs/sobol", timeout=60_000) as started:
        offer.click()
    assert started.value.request.post_data_json["samples"] == 8
    assert page.is_hidden("#sobol-offer")
    page.wait_for_selector("#sobol-progress:not([hidden])", timeout=10_000)
    page.click("#sobol-cancel")
    page.wait_for_selector("#sobol-progress", state="hidden", timeout=120_000)
    hash_ = page.evaluate("location.hash")
    assert "samples=8" in hash_ and "sobol=" not in hash_
    page.select_option("#sobol-samples", "32")
    assert "samples=32" in page.evaluate("location.hash")
    page.select_option("#sobol-samples", "16")
    assert "samples=" not in page.evaluate("location.hash")
    _clean(w)


def test_large_run_link_waits_for_run_in_japanese(browser_page: Watched, server: str) -> None:
    """A link asking for more runs than the server accepts (2,000; the test server's --max-runs
    is 1,000) restores the form with the server's limit, says so beside the field and above the
    form, and offers the run at that limit (in the page's language) instead of starting it; a
    change of language redraws the offer and the note."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    jobs: list[str] = []
    page.on("request", lambda r: jobs.append(r.url) if "/api/jobs/" in r.url else None)
    _open(w, server, "scenario?id=korea-conflict&runs=2000&run=1", lang="ja")
    offer = page.wait_for_selector("#scen-offer:not([hidden]) button", timeout=30_000)
    assert page.input_value("#scen-runs") == "1000"
    assert page.get_attribute("#scen-runs", "max") == "1000"
    assert offer.inner_text() == "実行（シミュレーションした未来1,000通り）"
    assert "シミュレーションした未来2,000通り" in page.inner_text(
        "#scen-limit"
    ) and "1,000通りまで" in page.inner_text("#scen-limit")
    assert "最大1,000通り" in page.inner_text("#scen-runs-limit")
    page.click("#lang")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.inner_text("#scen-offer button") == "Run (1,000 simulated futures)"
    assert "2,000 simulated futures" in page.inner_text("#scen-limit")
    assert page.inner_text("#scen-runs-limit") == "(at most 1,000 on this server)"
    page.wait_for_timeout(1000)
    assert jobs == [] and "run=1" in page.evaluate("location.hash")
    page.fill("#scen-runs", "20")  # a changed form withdraws the offer and the note
    assert page.is_hidden("#scen-offer") and page.is_hidden("#scen-limit")
    _clean(w)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_sobol_result_reads_fits_and_passes_axe(
    browser_page: Watched, server: str, lang: str
) -> None:
    """A finished analysis: reading, stability note, chart (text >= 11 px, both indices in its
    text alternative), focus on the result, no sideways scroll, no serious axe violation."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    body = _small_body(page, server)
    _open(w, server, "scenario", lang)
    page.evaluate("async (body) => (await import('/static/js/sobol.js')).showSobol(body)", body)
    page.wait_for_selector("#sobol-result figure.sobol .vl[data-rendered] svg", timeout=30_000)
    assert page.inner_text("#sobol-reading") == body["reading_text"][lang]
    assert page.inner_text("#sobol-converged") == body["convergence_text"][lang]
    ranges = page.inner_text("#sobol-ranges")  # each range in its unit, with its source
    span = "×0.92 – ×1.06" if lang == "en" else "×0.92〜×1.06"  # Japanese writes ranges with 〜
    assert (span in ranges) and ("sensitivity_factors.csv: utilisation" in ranges)
    assert ("weeks" if lang == "en" else "週") in ranges
    assert page.evaluate("document.activeElement.id") == "sobol-result"
    label = page.get_attribute("#sobol-result figure.sobol svg", "aria-label") or ""
    assert label == body["charts"][lang]["description"] and "%" in label
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALLEST_TEXT_JS) >= 11
    assert _axe(page) == []
    size = "phone" if width < 600 else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#sobol-panel").screenshot(path=str(SCREENSHOTS / f"sobol-{size}-{lang}.png"))
    _clean(w)


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_trace_graph_is_drawn_reachable_by_keyboard_and_opens_inputs(
    browser_page: Watched, server: str
) -> None:
    """The input detail shows its trace as a node-link graph laid out by the API: one node per
    traced input, an edge per step; the nodes are buttons reachable by Tab that open their input
    on Enter; the text stays >= 11 px and a wide graph scrolls in its box, not the page."""
    w, page = browser_page, browser_page.page
    trace = page.request.get(f"{server}/api/trace/N19").json()  # lithography tools
    _open(w, server, "explorer?input=N19")
    page.wait_for_selector("#exp-detail svg.trace-graph .node")
    nodes = page.locator("#exp-detail svg.trace-graph .node")
    assert nodes.count() == 1 + len(trace["upstream"]) + len(trace["downstream"])
    assert page.locator("#exp-detail svg.trace-graph .edges path").count() == len(
        trace["graph"]["edges"]
    )
    # labels on up to two lines that fit the node's box as measured, whole when they fit them
    # (review12 #12: "Chemical mechanical…")
    drawn = page.locator("#exp-detail svg.trace-graph .node text").evaluate_all(
        "ts => ts.map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent))"
    )
    labels = [n["label"].split("\n") for n in trace["graph"]["nodes"]]
    assert sorted(drawn) == sorted(labels)
    for n in trace["graph"]["nodes"]:
        lines = n["label"].split("\n")
        assert len(lines) <= 2 and all(text_px(line, 12) <= LABEL_PX for line in lines)
        if " ".join(lines) == n["name"]:
            continue
        assert lines[-1].endswith("…"), n  # cut only where two lines cannot hold it
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALLEST_TEXT_JS) >= 11
    assert _axe(page) == []
    size = "phone" if width < 600 else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#exp-detail .trace-figure").screenshot(
        path=str(SCREENSHOTS / f"trace-graph-{size}-en.png")
    )
    first = page.locator("#exp-detail svg.trace-graph .node[role=button]").first
    target = first.get_attribute("data-input")
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-input')") == target
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.getElementById('exp-detail-h')?.textContent.includes('({target})')"
    )
    assert f"input={target}" in page.url
    _clean(w)


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_groups_select_coalitions_define_new_ones_and_highlight_inputs(
    browser_page: Watched, server: str
) -> None:
    """A built-in group (EU27) makes the coalition its members with data; a group defined as
    NAME=codes gets its own button, travels in the URL and works in the synergy form; in the
    explorer a group highlights the inputs its members supply and is starred in the charts."""
    w, page = browser_page, browser_page.page
    groups = page.request.get(f"{server}/api/groups").json()["rows"]
    eu = next(g for g in groups if g["group_code"] == "EU27")
    _open(w, server, "coalition")
    page.click("#coal-groups [data-group=EU27]")
    page.wait_for_function(
        "document.querySelector('#coal-result figure svg')?.getAttribute('aria-label')"
        "?.includes('NLD')"
    )
    ticked = page.locator("#coal-countries input:checked").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert sorted(ticked) == sorted(eu["members_with_data"])
    page.fill("#grp-define", "MYBLOC=USA,JPN,NLD")
    page.click("#grp-add")
    page.wait_for_selector("#coal-groups [data-group=MYBLOC]")
    page.fill("#syn-a", "MYBLOC")
    page.fill("#syn-b", "KOR")
    page.click("#syn-form button[type=submit]")
    page.wait_for_function("document.getElementById('syn-reading')?.textContent.includes('MYBLOC')")
    assert "groups=MYBLOC:USA+JPN+NLD" in page.url.replace("%3A", ":").replace("%2B", "+")
    page.fill("#grp-define", "BAD")
    page.click("#grp-add")
    assert "NAME=USA,JPN,NLD" in page.inner_text("#coalition-error")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe(page) == []
    size = "phone" if width < 600 else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"groups-coalition-{size}-en.png"), full_page=True)

    page.goto("about:blank")  # a new document: a change of hash alone would not reload it
    _open(w, server, "explorer?input=N19&hl=EU27")
    page.wait_for_selector("#exp-list button.hl")
    page.wait_for_function(
        "[...document.querySelectorAll('#exp-detail .vl svg')]"
        ".some((s) => (s.textContent || '').includes('★'))"
    )
    assert page.locator("#exp-hl optgroup").first.get_attribute("label") == "Groups"
    assert _axe(page) == []
    _clean(w)
