"""Japanese mode shows the Japanese names of the ETO inputs (`/api/names/ja`) wherever an input is
named: the explorer's list, search, detail heading, share chart titles, trace graph and lists,
the chokepoint table, the criticality ranking and the coalition view's weakest links; screenshots
of the explorer and the coalition view are kept."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import _clean, _open

from chipshock.present.eto_names import eto_names

pytestmark = pytest.mark.browser

JA = eto_names()["inputs"]


def _english_names(page_text: str, english: dict[str, str]) -> list[str]:
    """English input names (that have a different Japanese name) found in ``page_text``."""
    return [
        name
        for iid, name in english.items()
        if len(name) > 12 and JA.get(iid, name) != name and name in page_text
    ]


def _catalogue(page: object, server: str) -> dict[str, str]:
    rows = page.request.get(f"{server}/api/explorer/inputs").json()["rows"]  # type: ignore[attr-defined]
    return {str(r["input_id"]): str(r["name"]) for r in rows}


def test_explorer_names_inputs_in_japanese(browser_page: Watched, server: str) -> None:
    """In Japanese the list, the search, the detail heading, the trace graph and lists and the
    chokepoint table name inputs in Japanese; no English input name is left in them."""
    w, page = browser_page, browser_page.page
    english = _catalogue(page, server)
    _open(w, server, "explorer?input=N20", lang="ja")
    assert page.inner_text("#exp-detail-h") == f"{JA['N20']}（N20）"  # Japanese brackets
    assert page.inner_text("#exp-list button[data-input=N20] .name") == JA["N20"]
    shown = page.locator("#exp-list .name").all_inner_texts()
    assert len(shown) == len(english) and sum(s == JA.get(i) for i, s in zip(
        page.eval_on_selector_all("#exp-list button", "bs => bs.map(b => b.dataset.input)"),
        shown, strict=True)) == sum(1 for i in english if i in JA)  # fmt: skip
    graph = page.inner_text("#exp-detail .trace-figure") + " ".join(
        page.eval_on_selector_all(
            "#exp-detail .trace-graph g.node", "ns => ns.map(n => n.getAttribute('aria-label'))"
        )
    )
    lists = page.inner_text("#exp-detail ol.trace") if page.locator("ol.trace").count() else ""
    chokes = page.inner_text("#choke-top")
    for part in (graph, lists, chokes, "\n".join(shown)):
        assert _english_names(part, english) == []
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", chokes)
    titles = page.locator("#exp-detail .chart-title").all_inner_texts()
    assert titles and all(JA["N20"] in title for title in titles)  # the share charts' titles
    page.fill("#exp-q", "露光")  # search by the Japanese name
    page.wait_for_function("document.querySelectorAll('#exp-list button').length < 20")
    assert page.locator("#exp-list button[data-input=N20]").count() == 1
    page.locator("#view-explorer").screenshot(path=str(SCREENSHOTS / "explorer-names-ja.png"))
    _clean(w)


def test_coalition_weakest_links_in_japanese(browser_page: Watched, server: str) -> None:
    """The coalition view's weakest-link table names its inputs in Japanese."""
    w, page = browser_page, browser_page.page
    english = _catalogue(page, server)
    _open(w, server, "coalition?countries=USA,JPN&threshold=50", lang="ja")
    page.wait_for_selector("#coal-result .scroll table", timeout=60_000)
    text = page.inner_text("#coal-result")
    assert _english_names(text, english) == []
    assert any(JA[i] in text for i in JA)
    page.locator("#coal-result").screenshot(path=str(SCREENSHOTS / "coalition-names-ja.png"))
    _clean(w)


def test_criticality_top_inputs_in_japanese(browser_page: Watched, server: str) -> None:
    """The criticality ranking's "top inputs" column names the inputs in Japanese."""
    w, page = browser_page, browser_page.page
    english = _catalogue(page, server)
    _open(w, server, "criticality", lang="ja")
    page.wait_for_selector("#view-criticality .scroll table", state="attached", timeout=60_000)
    page.eval_on_selector_all(
        "#view-criticality details", "ds => ds.forEach(d => { d.open = true; })"
    )
    text = page.inner_text("#view-criticality .scroll table")
    assert _english_names(text, english) == []
    assert JA["N20"] in text or any(JA[i] in text for i in JA)
    _clean(w)
