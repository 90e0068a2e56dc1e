"""End-to-end: the dashboard in a real Chromium, every view, both languages, no console errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import SCREENSHOTS, Watched

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _shot(w: Watched, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _open(w: Watched, server: str, view: str, lang: str = "en") -> None:
    w.page.goto(f"{server}/?lang={lang}#{view}")
    w.page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def _clean(w: Watched) -> None:
    assert w.errors == [], w.errors
    assert w.outside == [], f"requests left the server: {w.outside}"


def test_translations_have_the_same_keys() -> None:
    """English and Japanese translation files define exactly the same keys."""
    en = json.loads((STATIC / "i18n" / "en.json").read_text(encoding="utf-8"))
    ja = json.loads((STATIC / "i18n" / "ja.json").read_text(encoding="utf-8"))
    assert set(en) == set(ja)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_structural_views_render(browser_page: Watched, server: str, lang: str) -> None:
    """Map, input explorer and coalition builder draw their charts with tables and sources."""
    w, page = browser_page, browser_page.page
    _open(w, server, "map", lang)
    page.wait_for_selector("#map svg circle.fab")
    assert page.locator("#map svg path").count() > 100  # country outlines
    every = page.locator("#map svg circle.fab").count()
    assert every > 10
    assert page.locator("#map svg [data-pair]").count() >= 1  # partnership arcs
    assert "fabs.csv" in page.inner_text("#map-source")
    page.fill("#map-year", "2022")
    page.dispatch_event("#map-year", "input")
    assert 0 < page.locator("#map svg circle.fab").count() < every  # later fabs drop out
    _shot(w, f"map-{lang}")

    _open(w, server, "explorer", lang)
    page.wait_for_selector("#exp-detail .vl[data-rendered] svg")
    assert "ETO" in page.inner_text("#exp-source")
    assert page.locator("#choke-top tbody tr").count() > 5
    _shot(w, f"explorer-{lang}")

    _open(w, server, "coalition", lang)
    page.wait_for_selector("#coal-result .vl[data-rendered] svg")
    page.check("#coal-countries input[value=NLD]")
    page.click("#coal-form button[type=submit]")
    page.wait_for_function(
        "document.querySelector('#coal-result figure')?.textContent.includes('NLD') ||"
        " document.querySelector('#coal-result svg')?.getAttribute('aria-label').includes('NLD')"
    )
    assert page.locator("#coal-result tbody tr").count() > 0
    page.wait_for_selector("#syn-reading")
    _shot(w, f"coalition-{lang}")
    if lang == "ja":
        assert JAPANESE.search(page.inner_text("nav"))
    _clean(w)


def test_scenario_run_language_switch_and_compare(browser_page: Watched, server: str) -> None:
    """Run a scenario, see bands and a summary, switch to Japanese, then compare with/without."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    page.select_option("#scen-id", "taiwan-blockade-2027-6m")
    page.fill("#scen-start", "2028")
    page.fill("#scen-duration", "20")
    page.uncheck("#scen-alliance")
    page.fill("#scen-runs", "100")
    page.click("#scen-run")
    page.wait_for_selector(
        "#scen-summary", timeout=600_000
    )  # a run and its charts on a shared machine
    english = page.inner_text("#scen-summary")
    assert english.startswith("Taiwan") and "USD" in english and "of normal" in english
    result = page.inner_text("#scen-result")
    assert result.index("Output of end products") < result.index("Chips delivered")
    assert result.index("Chips delivered") < result.index("Chip supply")
    assert "output at the worst point" in result and "Worst-week output lost" in result
    bands = "#scen-result figure[data-chart]:not([data-chart=utilisation])"
    page.wait_for_function(
        f"document.querySelectorAll('{bands} .vl[data-rendered] svg').length === 3"
    )  # p5–p95 bands: output and chips delivered per end market, supply per node class
    labels = page.locator(f"{bands} svg").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    page.wait_for_selector("#scen-result figure[data-chart=utilisation] .vl[data-rendered] svg")
    assert all(label and "falls lowest for" in label for label in labels)
    page.wait_for_selector("#scen-country-loss .vl[data-rendered] svg")
    page.wait_for_selector("#scen-value-added .vl[data-rendered] svg")
    page.wait_for_selector("#scen-country-market .vl[data-rendered] svg")
    economy = page.inner_text("#scen-result")
    assert "Gross output at risk by country" in economy and "Value added lost by country" in economy
    assert page.locator("#scen-result table").count() >= 2
    _shot(w, "scenario-en")

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    japanese = page.inner_text("#scen-summary")
    assert japanese != english and JAPANESE.search(japanese) and "億ドル" in japanese
    _shot(w, "scenario-ja")

    page.goto(f"{server}/?lang=ja#compare")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#cmp-runs", "100")
    page.click("#cmp-run")
    page.wait_for_selector(
        "#cmp-summary", timeout=600_000
    )  # a run and its charts on a shared machine
    assert "日米連携の新工場なし" in page.inner_text("#cmp-summary")
    page.wait_for_selector("#cmp-loss .vl[data-rendered] svg")
    assert "避けられる" in page.inner_text("#cmp-result")
    _shot(w, "compare-ja")
    page.click("#lang")
    page.locator("html[lang='en']").wait_for(state="attached")
    assert "without the alliance fabs" in page.inner_text("#cmp-summary")
    avoided = page.inner_text("#cmp-avoided")
    assert "Output loss avoided" in avoided and "-" not in avoided.split("90%")[0]
    assert "B − A" not in page.inner_text("#cmp-result")
    _shot(w, "compare-en")
    _clean(w)


def test_an_unchanged_form_sends_only_the_scenario_and_runs(
    browser_page: Watched, server: str
) -> None:
    """Regression: the runner sends only what the user changed, so each scenario runs with its
    own duration and its own alliance fabs (off in the counterfactual), as on the CLI."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    is_run = "**/api/jobs/run"

    page.select_option("#scen-id", "taiwan-blockade-2027-6m-no-alliance-fabs")
    assert not page.is_checked("#scen-alliance")
    assert page.input_value("#scen-duration") == "26"
    page.fill("#scen-runs", "20")
    with page.expect_response(is_run) as first:
        page.click("#scen-run")
    assert first.value.status == 202
    assert first.value.request.post_data_json == {
        "scenario": "taiwan-blockade-2027-6m-no-alliance-fabs",
        "runs": 20,
        "bands": "table",  # how the answer sends its bands, not a change to the scenario
    }

    page.wait_for_selector("#scen-run:not([disabled])", timeout=600_000)  # the first run ends
    page.select_option("#scen-id", "taiwan-blockade-2027-12m")
    assert page.is_checked("#scen-alliance") and page.input_value("#scen-duration") == "52"
    page.fill("#scen-runs", "20")
    page.fill("#scen-duration", "30")
    with page.expect_response(is_run) as second:
        page.click("#scen-run")
    assert second.value.request.post_data_json == {
        "scenario": "taiwan-blockade-2027-12m",
        "duration_weeks": 30,
        "runs": 20,
        "bands": "table",
    }
    _clean(w)


def test_bad_input_shows_the_server_message(browser_page: Watched, server: str) -> None:
    """A run the server refuses shows its message (naming the field) instead of failing silently."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    page.fill("#scen-runs", "999990")
    page.evaluate("document.getElementById('scen-runs').removeAttribute('max')")
    page.click("#scen-run")
    page.wait_for_selector("#scenario-error:not([hidden])")
    assert "runs" in page.inner_text("#scenario-error")
    assert page.locator(".error:not([hidden])").count() == 1  # only in the view that caused it
    w.errors = [e for e in w.errors if "422" not in e]  # the refusal itself is expected
    _clean(w)


def test_sensitivity_panel_draws_a_tornado(browser_page: Watched, server: str) -> None:
    """The "What drives this answer?" panel draws a tornado, reading, table, sources (en, ja)."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    page.select_option("#scen-id", "taiwan-blockade-2027-6m")
    assert page.inner_text("#sens-h") == "What drives this answer?"
    page.click("#sens-run")
    assert "Computing" in page.inner_text("#sens-status")
    page.wait_for_selector("#sens-reading", timeout=600_000)  # 19 simulations, shared machine
    page.wait_for_selector("#sens-result figure.tornado .vl[data-rendered] svg")
    assert "depends most on" in page.inner_text("#sens-reading")
    label = page.get_attribute("#sens-result figure.tornado svg", "aria-label") or ""
    assert "Shock duration" in label
    ranges = page.inner_text("#sens-result ul.ranges")
    assert (
        "Shock duration" in ranges and "confidence" in ranges and "4.0 weeks – 78 weeks" in ranges
    )
    # each range in its row's unit, with where the range comes from (sensitivity_factors.csv)
    assert "Fab utilisation ×0.92 – ×1.06" in ranges  # x every utilisation_<class> row (r18)
    assert "range from: sensitivity_factors.csv: utilisation (as of 2024-10)" in ranges
    assert page.locator("#sens-result table tbody tr").count() >= 5
    assert "shock_assumptions.csv" in page.inner_text("#sens-source")
    _shot(w, "sensitivity-en")

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    reading = page.inner_text("#sens-reading")
    assert "最も大きく左右する" in reading and JAPANESE.search(
        page.inner_text("#sens-result ul.ranges")
    )
    assert page.inner_text("#sens-h") == "この答えを左右するものは？"
    _shot(w, "sensitivity-ja")
    _clean(w)


def test_no_loss_cards_speak_of_all_markets(browser_page: Watched, server: str) -> None:
    """The baseline loses nothing: the key-figure cards give all markets' worst point, not the
    first market of a tie at 0 (the API's ``worst_market`` is null; review 4 #8)."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, "scenario")
    page.select_option("#scen-id", "baseline")
    page.uncheck("#scen-alliance")
    page.fill("#scen-runs", "10")  # the form's least (min 10, step 10)
    page.click("#scen-run")
    page.wait_for_selector("#scen-summary", timeout=600_000)
    cards = page.inner_text("#scen-result .cards")
    assert "All markets: output at the worst point" in cards
    assert "AI and data centre" not in cards
    _clean(w)
