"""The coalition view says what a group leaves out, as the CLI, the API and the report do
(session 18): a coalition picked by a group's button is asked as the group, and the answer's
note (EU27 leaves out the ETO's Europe-level rows, which EUR counts) stands beside the result,
in English and in Japanese; so does a synergy asked with a group code."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser

#: the URL of the page's last request to a route (the view builds its own query)
ASKED_JS = """(route) => performance.getEntriesByType('resource').map((e) => e.name)
  .filter((n) => n.includes(route)).pop()"""
EUR_ROWS = "Europe-level rows (EUR: Logic chip design 9%, DAO chip design 17%)"


def _api(server: str, route: str, **params: Any) -> Any:
    r = httpx.get(f"{server}/api/{route}", params=params, timeout=120)
    assert r.status_code == 200, r.text
    return r.json()


def _ticked(page: Any) -> list[str]:
    return sorted(
        page.locator("#coal-countries input:checked").evaluate_all("els => els.map(e => e.value)")
    )


def _link(page: Any) -> httpx.QueryParams:
    """The view's state in the page's link (#coalition?…)."""
    return httpx.QueryParams(page.url.split("#coalition?", 1)[1])


def _asked(page: Any, route: str) -> httpx.URL:
    return httpx.URL(page.evaluate(ASKED_JS, route))


def test_a_group_button_asks_as_the_group_and_shows_its_note(
    browser_page: Watched, server: str
) -> None:
    """USA and Japan (the default) carry no note, although they are the Quad's members with
    data: no group was used. EU27's button asks for EU27, and the note says the Europe-level
    rows are left out; EUR's button picks EUR's own code as well (it picked only the members
    before, the EU27 answer under EUR's name): its answer counts those rows (mean share 18.1 %
    against EU27's 17.8 %) and its note does not mention them. A box changed by hand makes
    the coalition countries again, without a note."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition")
    page.wait_for_selector("#coal-result .cards")
    assert page.locator("#coal-note").count() == 0

    eu27 = _api(server, "coalition", countries="EU27")
    assert EUR_ROWS in eu27["note"]
    page.click("#coal-groups [data-group=EU27]")
    page.wait_for_selector("#coal-note")
    assert page.inner_text("#coal-note") == eu27["note"]
    for route in ("/api/coalition?", "/api/shapley?"):
        assert _asked(page, route).params["countries"] == "EU27"
    assert _link(page).get("group") == "EU27"
    assert f"{eu27['summary']['mean_coalition_share']:.1f}%" == "17.8%"
    assert "17.8%" in page.inner_text("#coal-result .cards")

    eur = _api(server, "coalition", countries="EUR")
    page.click("#coal-groups [data-group=EUR]")
    page.wait_for_function("document.getElementById('coal-note')?.textContent.startsWith('EUR = ')")
    assert "EUR" in _ticked(page) and set(_ticked(page)) == set(eur["members"])
    assert page.inner_text("#coal-note") == eur["note"] and "Europe-level" not in eur["note"]
    assert round(eur["summary"]["mean_coalition_share"], 1) == 18.1
    assert "18.1%" in page.inner_text("#coal-result .cards")

    page.uncheck("#coal-countries input[value=EUR]")
    page.click("#coal-form button[type=submit]")
    page.wait_for_function("!document.getElementById('coal-note')")
    assert _asked(page, "/api/coalition?").params["countries"] == ",".join(_ticked(page))
    assert "group" not in _link(page)
    assert w.errors == []


def test_the_note_in_japanese_for_a_link_and_a_synergy(browser_page: Watched, server: str) -> None:
    """A link naming EU27's countries and the group opens with EU27 asked for and the API's
    Japanese note (no English words of the note); a synergy of EU27 and the USA shows its
    note as well."""
    w, page = browser_page, browser_page.page
    groups = _api(server, "groups")["rows"]
    members = next(g["members_with_data"] for g in groups if g["group_code"] == "EU27")
    _open(w, server, f"coalition?countries={','.join(members)}&group=EU27&a=EU27&b=USA", "ja")
    page.wait_for_selector("#coal-note")
    page.wait_for_selector("#syn-note")
    eu27 = _api(server, "coalition", countries="EU27")
    note = page.inner_text("#coal-note")
    assert note == eu27["note_ja"]
    assert "ETOの欧州全体の行（EUR：ロジックチップ設計 9%" in note and "EURを指定" in note
    assert "Europe-level" not in page.inner_text("#view-coalition")
    syn = _api(server, "synergy", a="EU27", b="USA")
    assert page.inner_text("#syn-note") == syn["note_ja"] == eu27["note_ja"]
    assert w.errors == []
