"""The server's run limit in the dashboard: a shared link asking for more runs than the server's
--max-runs (1,000 for the test server) never offers a run that the server then refuses."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"


def test_compare_link_above_the_limit_offers_a_run_the_server_accepts(
    browser_page: Watched, server: str
) -> None:
    """A comparison link with runs=5000 shows 1,000 in the field, the limit beside it and a note
    naming both counts; the offered run is accepted by the server (no 4xx) and can be
    cancelled; typed by hand, a count above the limit does not reach the server."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    posts: list[tuple[str, int]] = []

    def seen(r: Any) -> None:
        if r.request.method == "POST" and "/api/jobs/" in r.url:
            posts.append((r.url, r.status))

    page.on("response", seen)
    _open(w, server, f"compare?a={FLAGSHIP}&runs=5000&run=1")
    offer = page.wait_for_selector("#cmp-offer:not([hidden]) button", timeout=30_000)
    assert page.input_value("#cmp-runs") == "1000"
    assert page.get_attribute("#cmp-runs", "max") == "1000"
    assert page.inner_text("#cmp-runs-limit") == "(at most 1,000 on this server)"
    note = page.inner_text("#cmp-limit")
    assert "5,000 simulated futures" in note and "(1,000)" in note
    assert offer.inner_text() == "Run (2,000 simulated futures)"  # both sides
    assert posts == []
    offer.click()
    page.wait_for_selector("#cmp-progress:not([hidden])", timeout=60_000)
    assert posts and all(status == 202 for _, status in posts), posts  # accepted, not 422
    page.click("#cmp-cancel")
    page.wait_for_function(
        "document.getElementById('cmp-announce').textContent.startsWith('The run was cancelled')",
        timeout=60_000,
    )
    assert page.is_hidden("#compare-error")
    # typed by hand: the field's own limit stops the form before any request
    count = len(posts)
    page.fill("#cmp-runs", "5000")
    page.click("#cmp-run")
    page.wait_for_timeout(500)
    assert page.evaluate("document.getElementById('cmp-runs').validity.rangeOverflow")
    assert len(posts) == count
    _clean(w)
