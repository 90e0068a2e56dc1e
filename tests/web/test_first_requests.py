"""A page opened on the explorer or the capacity view asks for that view's first answers from
boot.js, the first module to run, not once the view's module has loaded; the view takes those
answers (each is asked for once) and draws its first chart."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.api.warmup import BUILDOUT_CLASSES

pytestmark = pytest.mark.browser


def _requests_by_script(page: Any) -> list[tuple[str, str]]:
    """Every request of the page from now on, as (path and query, who asked): "boot.js" when
    every function on the initiator's stack is boot.js's, "view" when another script's is on
    it, "" for the page's parser."""
    seen: list[tuple[str, str]] = []
    cdp = page.context.new_cdp_session(page)

    def sent(event: dict[str, Any]) -> None:
        url = event["request"]["url"].split("/", 3)[-1]
        frames = (event.get("initiator", {}).get("stack") or {}).get("callFrames") or []
        files = {f["url"].rsplit("/", 1)[-1] for f in frames}
        seen.append((f"/{url}", "" if not files else "boot.js" if files == {"boot.js"} else "view"))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.send("Network.enable")
    return seen


def test_explorer_first_answers_come_from_boot(browser_page: Watched, server: str) -> None:
    """Opened on the explorer: the input catalogue, the chokepoints, the groups and the first
    input's (EUV lithography, N20) shares and trace are asked for by boot.js, once each; the
    list and the first input's charts are drawn."""
    w, page = browser_page, browser_page.page
    seen = _requests_by_script(page)
    _open(w, server, "explorer")
    first = {
        "/api/explorer/inputs",
        "/api/chokepoints?min_share=50",
        "/api/groups",
        "/api/shares?input=N20&by=both",
        "/api/trace/N20",
    }
    asked = [(url, script) for url, script in seen if url in first]
    assert sorted(asked) == sorted((url, "boot.js") for url in first)
    assert page.locator("#exp-list li").count() > 100
    assert page.get_attribute("#exp-detail .vl[data-rendered] svg", "role") == "img"
    _clean(w)


def test_explorer_link_with_a_highlight_asks_for_its_own_charts(
    browser_page: Watched, server: str
) -> None:
    """A link naming an input and a highlight: boot.js asks for that input's trace; the share
    charts, which star the highlighted provider, are asked for by the view, once."""
    w, page = browser_page, browser_page.page
    seen = _requests_by_script(page)
    _open(w, server, "explorer?input=N19&hl=JPN")
    counts = Counter(seen)
    assert counts[("/api/trace/N19", "boot.js")] == 1
    shares = [(u, s) for u, s in seen if u.startswith("/api/shares?input=N19")]
    assert shares == [("/api/shares?input=N19&by=both&highlight=JPN", "view")]
    _clean(w)


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ("capacity", BUILDOUT_CLASSES[0]),  # the class the server's warm-up builds first
        ("capacity?class=all", "all"),
        ("capacity?class=dram", "dram"),
    ],
)
def test_capacity_first_answer_comes_from_boot(
    browser_page: Watched, server: str, link: str, shown: str
) -> None:
    """Opened on the capacity view (by default on the leading edge, lt10): boot.js asks for the
    build-out of the class the view shows, once, and nothing else asks for a build-out
    before the reader picks another class."""
    w, page = browser_page, browser_page.page
    seen = _requests_by_script(page)
    _open(w, server, link)
    buildouts = [(url, script) for url, script in seen if url.startswith("/api/capacity/buildout")]
    assert buildouts == [(f"/api/capacity/buildout?node_class={shown}", "boot.js")]
    assert page.input_value("#cap-class") == shown
    assert page.get_attribute("#cap-result .vl[data-rendered] svg", "role") == "img"
    _clean(w)


def test_capacity_link_to_an_unknown_class_says_so_and_lists_the_classes(
    browser_page: Watched, server: str
) -> None:
    """A link to a node class the data does not have: the server refuses it (404), the view
    shows the leading edge instead and says so, naming the class asked for and every class a
    link may name (in the language shown); the link then names the class shown, and picking a
    class clears the note."""
    w, page = browser_page, browser_page.page
    _open(w, server, "capacity?class=nosuch")
    assert page.input_value("#cap-class") == "lt10"
    note = page.inner_text("#capacity-error")
    assert page.is_visible("#capacity-error")
    assert "nosuch" in note and "Leading edge (<10 nm)" in note
    classes = page.locator("#cap-class option").evaluate_all("os => os.map(o => o.value)")
    assert "all" in classes and len(classes) > 3
    assert all(f"{code} (" in note for code in classes)
    assert page.evaluate("location.hash") == "#capacity?class=lt10"
    assert page.get_attribute("#cap-result .vl[data-rendered] svg", "role") == "img"
    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    japanese = page.inner_text("#capacity-error")
    assert "nosuch" in japanese and "最先端" in japanese and japanese != note
    # in Japanese words and punctuation: 「ノード区分：all（すべてのノード区分）、lt10（…）、…」
    assert "ノード区分「nosuch」" in japanese and ", " not in japanese
    assert all(f"{code}（" in japanese for code in classes)
    page.select_option("#cap-class", "dram")
    page.wait_for_selector("#capacity-error", state="hidden")
    assert [e for e in w.errors if "nosuch" not in e and "status of 404" not in e] == []


def test_explorer_list_is_drawn_before_the_first_inputs_answers(
    browser_page: Watched, server: str
) -> None:
    """The explorer draws its list and chokepoints as soon as the catalogue is in, not once
    the first input's charts are: with the share answers refused, the list is there and the
    view says what failed."""
    w, page = browser_page, browser_page.page
    page.route("**/api/shares?*", lambda route: route.fulfill(status=503, json={"detail": "busy"}))
    page.goto(f"{server}/?lang=en#explorer")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert page.locator("#exp-list li").count() > 100
    assert page.locator("#choke-top tbody tr").count() > 0
    assert page.inner_text("#explorer-error") == "busy"
    assert all("/api/shares" in e or "status of 503" in e for e in w.errors), w.errors
