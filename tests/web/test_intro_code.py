"""A catalogue text with a command between backticks shows the command as code, never the
backticks (audit28: the saved-results view read "Results saved with `chipshock scenario run
--save NAME`." with the backticks on screen), in English and Japanese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.web.conftest import Watched

I18N = Path(__file__).parents[2] / "src" / "chipshock" / "web" / "static" / "i18n"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_saved_results_intro_shows_the_command_as_code(
    browser_page: Watched, server: str, lang: str
) -> None:
    catalogue = json.loads((I18N / f"{lang}.json").read_text("utf-8"))
    assert catalogue["res_intro"].count("`") == 2  # the case this test is about
    page = browser_page.page
    page.goto(f"{server}/?lang={lang}#results")
    intro = page.locator("#view-results p.intro")
    intro.wait_for(state="visible", timeout=30_000)
    page.wait_for_function(
        "document.querySelector('#view-results p.intro code') !== null", timeout=30_000
    )
    assert "`" not in intro.inner_text()
    assert intro.locator("code").inner_text().startswith("chipshock scenario run --save")
    assert browser_page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "command"),
    [
        ("en", "chipshock scenario run SCENARIO --save NAME"),
        ("ja", "chipshock scenario run シナリオ --save 名前"),
    ],
)
def test_the_empty_note_shows_its_command_as_code(
    browser_page: Watched, server: str, lang: str, command: str
) -> None:
    """A store with no saved result: the note says how to save one with the command as code, as
    the intro above does (fin33: it was plain text after a colon). The list is answered empty
    here (the test server's store holds a saved result)."""
    catalogue = json.loads((I18N / f"{lang}.json").read_text("utf-8"))
    assert catalogue["res_empty"].count("`") == 2
    page = browser_page.page
    page.route(
        "**/api/results",
        lambda route: route.fulfill(json={"rows": [], "meta": {"source": "chipshock store"}}),
    )
    page.goto(f"{server}/?lang={lang}#results")
    empty = page.locator("#res-empty")
    empty.wait_for(state="visible", timeout=30_000)
    assert "`" not in empty.inner_text()
    assert empty.locator("code").all_inner_texts() == [command]
    assert browser_page.errors == []
