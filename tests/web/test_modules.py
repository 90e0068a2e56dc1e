"""The dashboard's modules: one helper reads JSON from the server (boot.js's `json`, which
imports nothing, so that the first requests leave at once), and every error it raises carries
the server's message and status, for a GET and a POST alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser

JS = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static" / "js"


def test_only_boot_reads_json_responses_and_boot_imports_nothing() -> None:
    """No module but boot.js reads a response body itself (`.json()`), and boot.js has no
    import (a module it imported would delay the page's first requests)."""
    readers = sorted(p.name for p in JS.glob("*.js") if ".json()" in p.read_text("utf-8"))
    assert readers == ["boot.js"]
    assert not re.search(r"^\s*import\b", (JS / "boot.js").read_text("utf-8"), re.M)


#: a refused GET and a refused POST through api.js, as the views make them
ERRORS_JS = """async () => {
  const { getJSON, postJSON } = await import('/static/js/api.js');
  const caught = async (p) => {
    try { await p; return null; } catch (e) { return [e.status, e.message]; }
  };
  return [
    await caught(getJSON('/api/trace/NOSUCH')),
    await caught(postJSON('/api/scenarios/run', { scenario: 'taiwan-blockade-2027-6m', runs: 0 })),
  ];
}"""


def test_api_errors_carry_the_server_message_and_status(browser_page: Watched, server: str) -> None:
    """A GET of an unknown input and a POST with too few runs reject with the HTTP status and
    the server's own message (which names the input and the field)."""
    w, page = browser_page, browser_page.page
    _open(w, server, "map")
    (get_status, get_message), (post_status, post_message) = page.evaluate(ERRORS_JS)
    assert get_status == 404 and "NOSUCH" in get_message
    assert post_status == 422 and "runs" in post_message
