"""The ETO's description of an input exists in English only: on the Japanese page it carries
lang="en" and says so once, as the map says it of a fab's English-only texts."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser


def test_input_description_marked_english_on_the_japanese_page(
    browser_page: Watched, server: str
) -> None:
    """EUV lithography tools (N20): in Japanese the description is lang="en" after
    「（ETOによる英語の原文）」, once; in English the same text without a label."""
    page = browser_page.page
    _open(browser_page, server, "explorer?input=N20", "ja")
    page.wait_for_selector("#exp-desc")
    desc = page.locator("#exp-desc")
    assert desc.locator("[lang=en]").inner_text().startswith("EUV lithography tools")
    assert desc.inner_text().startswith("（ETOによる英語の原文）")
    assert page.locator("#exp-detail").inner_text().count("英語の原文") == 1
    page.goto("about:blank")
    _open(browser_page, server, "explorer?input=N20", "en")
    page.wait_for_selector("#exp-desc")
    assert page.locator("#exp-desc").inner_text().startswith("EUV lithography tools")
    assert "in English" not in page.locator("#exp-detail").inner_text()
    assert browser_page.errors == []
