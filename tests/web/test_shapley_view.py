"""The coalition view reads the API's Shapley values and synergy in percent (``shapley_pct``,
``standalone_pct``, ``synergy_pct``, review finding 5) and writes them by the shared
formatter's rule (`fmt_pct(v, 1)`, as the report's table): 39.0%, not 0.390."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

from chipshock.present.numbers import fmt_number, fmt_pct

pytestmark = pytest.mark.browser

#: the URL of the page's last request to a route (the view builds its own query)
ASKED_JS = """(route) => performance.getEntriesByType('resource').map((e) => e.name)
  .filter((n) => n.includes(route)).pop()"""
ROWS_JS = """(table) => [...table.querySelectorAll('tbody tr')]
  .map((r) => [...r.cells].map((c) => c.textContent.trim()))"""


def test_coalition_view_shows_the_api_percentages(browser_page: Watched, server: str) -> None:
    """The Shapley table holds each member's ``shapley_pct`` and ``standalone_pct`` from the
    answer the page asked for, written as fmt_pct(v, 1); the synergy sentence gives
    ``synergy_pct`` in percentage points."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition")
    page.wait_for_selector("#coal-result figure svg")
    asked = page.evaluate(ASKED_JS, "/api/shapley")
    body = page.evaluate("(u) => fetch(u).then((r) => r.json())", asked)
    shown = page.locator("#coal-result details table").first.evaluate(ROWS_JS)
    want = [
        [r["member"], fmt_pct(r["shapley_pct"], 1), fmt_pct(r["standalone_pct"], 1)]
        for r in body["rows"]
    ]
    assert shown == want
    assert all(float(r["shapley_pct"]) > 1 for r in body["rows"] if r["member"] == "USA")
    page.fill("#syn-a", "USA")
    page.fill("#syn-b", "JPN")
    page.click("#syn-form button[type=submit]")
    page.wait_for_function("document.getElementById('syn-reading')?.textContent.includes('JPN')")
    syn = page.evaluate(
        "(u) => fetch(u).then((r) => r.json())", page.evaluate(ASKED_JS, "/api/synergy")
    )
    reading = page.inner_text("#syn-reading")
    assert f"{fmt_number(abs(syn['synergy_pct']), 1)} percentage points" in reading
    assert w.errors == []
