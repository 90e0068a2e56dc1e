"""A link with a view's settings opened in a tab already on the dashboard starts the view from
those settings (audit28: `#scenario?id=…&runs=…` pasted into an open tab switched the view but
kept the old form, 200 runs and the first scenario), and the skip link (#main) is not a view:
it leaves the view on screen where it was (it showed the map)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from tests.web.conftest import Watched


def _ready(page: Page) -> None:
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)


@pytest.mark.browser
def test_a_pasted_link_with_settings_sets_the_form(browser_page: Watched, server: str) -> None:
    page = browser_page.page
    page.goto(f"{server}/#map")
    _ready(page)
    options = page.eval_on_selector_all("#scen-id option", "os => os.map((o) => o.value)")
    assert len(options) > 2
    wanted = options[2]  # not the form's first choice
    assert page.input_value("#scen-id") != wanted
    page.evaluate(f"location.hash = '#scenario?id={wanted}&runs=30'")
    _ready(page)
    page.wait_for_function(
        f"document.getElementById('scen-id').value === '{wanted}'", timeout=60_000
    )
    assert page.input_value("#scen-runs") == "30"
    assert page.is_visible("#view-scenario") and not page.is_visible("#view-map")
    assert browser_page.errors == []


@pytest.mark.browser
def test_the_skip_link_keeps_the_view(browser_page: Watched, server: str) -> None:
    page = browser_page.page
    page.goto(f"{server}/#tracker")
    _ready(page)
    assert page.is_visible("#view-tracker")
    page.evaluate("location.hash = '#main'")
    page.wait_for_timeout(300)  # a hashchange is handled at once; give it a tick
    assert page.is_visible("#view-tracker") and not page.is_visible("#view-map")
    # a tab still switches views by the hash
    page.evaluate("location.hash = '#capacity'")
    page.wait_for_selector("#view-capacity", state="visible", timeout=10_000)
    assert browser_page.errors == []


@pytest.mark.browser
def test_back_to_the_views_own_settings_keeps_the_page(browser_page: Watched, server: str) -> None:
    """Back to a hash the view wrote itself (its form's settings) shows the view again without
    loading the page anew (what it holds, a run's answer say, stays); only a hash with other
    settings, a link, reloads."""
    page = browser_page.page
    page.goto(f"{server}/#scenario")
    _ready(page)
    page.fill("#scen-runs", "40")  # the form writes its settings into the hash
    page.wait_for_function("location.hash.includes('runs=40')", timeout=10_000)
    page.evaluate("window.__samePage = true")
    page.click("#tab-map")
    page.wait_for_selector("#view-map", state="visible", timeout=10_000)
    page.go_back()
    page.wait_for_selector("#view-scenario", state="visible", timeout=10_000)
    assert "runs=40" in page.evaluate("location.hash")
    assert page.evaluate("window.__samePage === true")  # not reloaded
    assert page.input_value("#scen-runs") == "40"
    assert browser_page.errors == []
