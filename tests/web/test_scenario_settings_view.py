"""The dashboard says under which settings a run ran (session 29): the scenario view and the
comparison list what the scenario sets beside its shocks -- here the built-in flagship's
stocks, the 2019 regime it runs on when its file names none -- in the words and numbers of
the API's ``settings`` (`chipshock scenario run` prints the same lines); the saved results are
listed with the minute they were saved in UTC, not the API's raw ISO time."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_run_lists_its_settings(browser_page: Watched, server: str, lang: str) -> None:
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, f"scenario?id={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#scen-settings li", timeout=600_000)
    shown = page.locator("#scen-settings li").all_inner_texts()
    answer = page.evaluate(
        "async (body) => (await (await fetch('/api/scenarios/run', {method: 'POST',"
        " headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})).json())",
        {"scenario": FLAGSHIP, "runs": RUNS},
    )
    assert shown == answer["settings"][lang] and len(shown) == 1
    stocks = shown[0]
    assert stocks.startswith(
        "Stocks: the 2019 regime (the default)" if lang == "en" else "在庫：2019年型の在庫（既定）"
    )
    assert "model_assumptions.csv inventory_regime_2019" in stocks
    heading = page.inner_text("#scen-settings-head")
    assert heading == ("What the scenario sets" if lang == "en" else "シナリオの設定")
    _clean(w)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_comparison_names_the_alliance_fabs_off_on_its_side(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The default comparison switches the alliance fabs off on one side (session 32: its
    settings named only the stocks, alike on both sides): each side's list under its name, the
    line of the fabs switched off on that side only, as the API's ``a``/``b`` ``settings``."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-settings li", timeout=600_000)
    names = page.locator("#cmp-settings h4").all_inner_texts()
    lists = [
        page.locator(f"#cmp-settings > div:nth-of-type({i}) li").all_inner_texts() for i in (1, 2)
    ]
    answer = page.evaluate(
        "async (body) => (await (await fetch('/api/scenarios/compare', {method: 'POST',"
        " headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})).json())",
        {"scenario": FLAGSHIP, "runs": RUNS},
    )
    assert names == answer["labels"][lang]
    assert lists == [answer["a"]["settings"][lang], answer["b"]["settings"][lang]]
    off = (
        "Fabs switched off (no output in the run): "
        if lang == "en"
        else "停止する工場（期間中の生産なし）："
    )
    switched = [[line for line in side if line.startswith(off)] for side in lists]
    assert sorted(len(s) for s in switched) == [0, 1]
    (line,) = switched[0] + switched[1]
    assert ("Rapidus IIM-1" if lang == "en" else "ラピダス IIM-1") in line
    _clean(w)


def test_the_comparison_lists_them_once_when_both_sides_agree(
    browser_page: Watched, server: str
) -> None:
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&b=baseline&runs={RUNS}&run=1")
    page.wait_for_selector("#cmp-settings li", timeout=600_000)
    items = page.locator("#cmp-settings li").all_inner_texts()
    assert len(items) == 1 and items[0].startswith("Stocks: the 2019 regime (the default)")
    assert page.locator("#cmp-settings h4").count() == 0  # no per-side lists: they agree
    _clean(w)


def test_saved_results_say_when_to_the_minute(browser_page: Watched, server: str) -> None:
    w, page = browser_page, browser_page.page
    _open(w, server, "results")
    listed = page.inner_text("#res-list")
    assert "korea seed 1" in listed
    assert re.search(r"\(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)", listed), listed
    assert not re.search(r"T\d\d:\d\d:\d\d", listed), listed
    _clean(w)


def test_a_saved_result_lists_its_settings(browser_page: Watched, server: str) -> None:
    """The saved results view reads them from the scenario the store kept (`/api/results/{id}`
    ``settings``); the two Korea results of the test store agree, so one list."""
    w, page = browser_page, browser_page.page
    _open(w, server, "results")
    page.locator("#res-list input[type=checkbox]").nth(0).check()
    page.click("#res-open")
    page.wait_for_selector("#res-settings li")
    items = page.locator("#res-settings li").all_inner_texts()
    assert len(items) == 1 and items[0].startswith("Stocks: the 2019 regime (the default)")
    _clean(w)


def test_japanese_source_lines_do_not_stop_before_the_dot(
    browser_page: Watched, server: str
) -> None:
    """A Japanese source line joins its parts with " · " after dropping a part's closing 。
    (the run's line read 「…chipshock data info）。 · ETO データは…」)."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, f"scenario?id={FLAGSHIP}&runs={RUNS}&run=1", "ja")
    page.wait_for_selector("#scen-result p.source", timeout=600_000)
    lines = page.locator("main section:not([hidden]) p.source").all_inner_texts()
    assert lines and all(line.startswith("出典：") for line in lines), lines
    assert not [line for line in lines if "。 · " in line], lines
    _clean(w)
