"""An error the server sends is shown in the page's language (apija): a link to a saved result
that does not exist shows the server's Japanese text on /?lang=ja, its English on /?lang=en,
and the other language's after a switch."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unknown_saved_result_in_the_url_is_reported_in_the_pages_language(
    browser_page: Watched, server: str, lang: str
) -> None:
    """``#results?open=no-such-result``: the 404's text in the error box, in Japanese without an
    English word (the id as typed apart) or in English as the API's ``detail`` words it."""
    w, page = browser_page, browser_page.page
    _open(w, server, "results?open=no-such-result", lang=lang)
    page.wait_for_selector("#results-error:not([hidden])", timeout=30_000)
    text = page.inner_text("#results-error")
    if lang == "ja":
        assert text.startswith("指定されたものが見つかりません")
        # what was expected in Japanese too (api28: problems[].expected_ja), the route as written
        assert (
            "result_id：該当する保存済みの結果がありません（入力値：no-such-result、"
            "指定できる値：/api/results の `result_id` または名前）"
        ) in text
        rest = text.replace("result_id", "").replace("no-such-result", "")
        rest = rest.replace("/api/results", "")
        assert re.findall(r"[A-Za-z]{2,}", rest) == []
    else:
        assert text == (
            "result_id: unknown saved result (got 'no-such-result'; expected a result_id or "
            "name of /api/results)"
        )
    # the other language's button: the error shown again in that language
    page.click("#lang")
    other = "en" if lang == "ja" else "ja"
    page.locator(f"html[lang='{other}']").wait_for(state="attached")
    switched = page.inner_text("#results-error")
    assert switched.startswith("result_id: unknown" if other == "en" else "指定されたもの"), (
        switched
    )
    # the one refused request, and the browser's console line for it, are all that went wrong
    assert w.errors and all("no-such-result" in e or "404" in e for e in w.errors), w.errors
    assert w.outside == []
