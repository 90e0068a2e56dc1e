"""A table on a phone: every column at least four characters wide (a Japanese header such as
生産能力が立つ最初の年 read one character a line), the table scrolling in its own box rather
than the page."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import PHONE, _clean, _open

pytestmark = pytest.mark.browser

#: each visible header cell of the view's tables: its width in characters of its font
COLUMN_CHARS_JS = """() => [...document.querySelectorAll('main section:not([hidden]) table th')]
  .filter((th) => th.offsetParent !== null)
  .map((th) => [th.textContent,
    th.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize)])"""


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_japanese_table_columns_stay_readable_on_a_phone(
    browser_page: Watched, server: str
) -> None:
    """The Japanese capacity view at 390 px: each column of its tables is at least four
    characters wide, and the page itself does not scroll sideways."""
    w, page = browser_page, browser_page.page
    _open(w, server, "capacity", "ja")
    page.wait_for_selector("#view-capacity table th")
    columns = page.evaluate(COLUMN_CHARS_JS)
    assert len(columns) >= 5, columns
    narrow = [(text, round(chars, 1)) for text, chars in columns if chars < 4]
    assert narrow == [], narrow
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    _clean(w)
