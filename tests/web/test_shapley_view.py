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
    # the chart's title once, not also as a heading above it (review12 #12)
    title = page.inner_text("#coal-shapley .chart-title")
    lines = page.inner_text("#coal-result").splitlines()  # the caption opens with it too
    assert title and lines.count(title) == 1
    page.fill("#syn-a", "USA")
    page.fill("#syn-b", "JPN")
    page.click("#syn-form button[type=submit]")
    page.wait_for_function("document.getElementById('syn-reading')?.textContent.includes('JPN')")
    syn = page.evaluate(
        "(u) => fetch(u).then((r) => r.json())", page.evaluate(ASKED_JS, "/api/synergy")
    )
    reading = page.inner_text("#syn-reading")
    assert f"{fmt_number(abs(syn['synergy_pct']), 1)} percentage points" in reading
    # the CLI's and the briefing's sentence, filled from the answer's counts (audit31, finding
    # 10: three wordings of one answer, the CLI's percentages adding up to 5.4 against 5.3)
    c = syn["counts"]
    assert c == {"a": 27, "b": 19, "union": 50, "only": 4, "inputs": 75}
    said = " ".join(reading.split())
    # as `chipshock synergy USA JPN` says it (codes in English, names in Japanese, as both do)
    assert said.startswith("Alone, USA covers 27 of the 75 inputs and JPN 19; together they")
    assert said.endswith("(1+1 > 2): 4 inputs are covered only by both together.")
    assert w.errors == []


@pytest.mark.parametrize(
    ("lang", "shared", "ask"),
    [
        ("en", "QUAD and CHIP4 share USA, JPN", "what the rest of CHIP4 (KOR, TWN) adds to QUAD"),
        (
            "ja",
            # countries by their Japanese names on the Japanese page (dash28)
            "QUADとCHIP4は米国、日本を共有しています",
            "CHIP4の残り（韓国、台湾）がQUADに加えるもの",
        ),
    ],
)
def test_synergy_of_overlapping_groups_is_explained(
    browser_page: Watched, server: str, lang: str, shared: str, ask: str
) -> None:
    """Review 4, finding 3: Group A = QUAD, Group B = CHIP4 read "1+1 ≤ 2", −66.7 points (USA
    and JPN counted in both). The view now says, in the page's language, which countries the two
    share and that the Quad's members with data lie inside Chip 4, and offers the disjoint pair
    as a button, which computes it (KOR and TWN add 4.0 points to the Quad)."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition", lang)
    page.wait_for_selector("#syn-reading")
    page.fill("#syn-a", "QUAD")
    page.fill("#syn-b", "CHIP4")
    page.click("#syn-form button[type=submit]")
    page.wait_for_selector("#syn-overlap")
    said = page.inner_text("#syn-result")
    assert shared in said and ask in said and "66.7" not in said
    assert page.locator("#syn-reading").count() == 0 and page.is_hidden("#coalition-error")
    page.click("#syn-asks button")
    page.wait_for_selector("#syn-reading")
    assert (page.input_value("#syn-a"), page.input_value("#syn-b")) == ("QUAD", "KOR,TWN")
    assert fmt_number(4.0, 1, lang) in page.inner_text("#syn-reading")
    # the one refused request is the page's own question, answered 422 (and logged so)
    assert all("/api/synergy" in e or "422" in e for e in w.errors), w.errors
    assert any("HTTP 422" in e and "a=QUAD&b=CHIP4" in e for e in w.errors)


def test_synergy_overlap_never_offers_a_refused_question(
    browser_page: Watched, server: str
) -> None:
    """Review 8, finding 5: EUR against DEU offered "AUT,…,SWE,EUR" against DEU, refused again
    (EUR brings DEU back). The view leaves EUR out of the button's question and says why; the
    button computes an answer."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition", "en")
    page.wait_for_selector("#syn-reading")
    page.fill("#syn-a", "EUR")
    page.fill("#syn-b", "DEU")
    page.click("#syn-form button[type=submit]")
    page.wait_for_selector("#syn-overlap")
    said = " ".join(page.inner_text("#syn-result").split())
    assert "EUR cannot be asked for alone" in said
    page.click("#syn-asks button")
    page.wait_for_selector("#syn-reading")
    assert (page.input_value("#syn-a"), page.input_value("#syn-b")) == (
        "AUT,CZE,FRA,HUN,ITA,LUX,NLD,SWE",
        "DEU",
    )
    assert page.is_hidden("#coalition-error")
