"""The dashboard's number formatter in a real Chromium: no negative zero, grouping by three in
both languages, whole numbers (the map's own grouping) written as Intl writes them."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched

pytestmark = pytest.mark.browser

FORMAT_JS = """async ([values, lang]) => {
  const m = await import('/static/js/i18n.js');
  await m.setLang(lang);
  return values.map(([v, d]) => m.fmtNum(v, d));
}"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fmt_num_has_no_negative_zero(browser_page: Watched, server: str, lang: str) -> None:
    page = browser_page.page
    page.goto(server + "/")
    values = [
        (-0.4, 0), (-0.0, 0), (-0.04, 1), (-0.0, 1), (-0.6, 0), (-1234.5, 1), (1234567, 0),
        (-2.5, 0), (0.05, 1),
    ]  # fmt: skip
    got = page.evaluate(FORMAT_JS, [values, lang])
    assert got == ["0", "0", "0", "0", "-1", "-1,234.5", "1,234,567", "-3", "0.1"]
