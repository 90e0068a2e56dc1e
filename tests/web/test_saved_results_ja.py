"""The Japanese dashboard lists saved results by their scenario's Japanese title (``title_ja``
of `/api/results`), the English one by its English title, and the Japanese source line says
that these are results saved in this store, as the English line does (audit 31, finding 13)."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "title", "store_words"),
    [
        ("en", "Conflict on the Korean peninsula", "results saved in this chipshock store"),
        ("ja", "朝鮮半島有事", "このchipshockストアに保存した結果"),
    ],
)
def test_saved_results_in_the_page_language(
    browser_page: Watched, server: str, lang: str, title: str, store_words: str
) -> None:
    w, page = browser_page, browser_page.page
    _open(w, server, "results", lang)
    page.wait_for_selector("#res-list label.result-pick")
    picks = page.locator("#res-list label.result-pick").all_inner_texts()
    opening = "（" if lang == "ja" else " ("  # the saved date in the language's brackets
    assert picks and all(f" — {title}{opening}" in p for p in picks), picks
    assert store_words in page.inner_text("#res-list p.source")
    _clean(w)
