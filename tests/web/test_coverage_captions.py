"""The dashboard says what its answers leave out: the criticality ranking, the coalition's
Shapley values and the synergy that wafer fabrication is not among the ETO's inputs (and where
it is analysed), the capacity view the
years held flat and the registry fabs counted as zero, in English and Japanese, in the words
every other surface uses (`chipshock.present.coverage_notes`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.web.conftest import Watched

from chipshock.present.coverage_notes import coalition_scope, criticality_scope

I18N = Path(__file__).resolve().parents[2] / "src" / "chipshock" / "web" / "static" / "i18n"


def _open(w: Watched, server: str, hash_: str, lang: str) -> None:
    w.page.goto(f"{server}/?lang={lang}#{hash_}")
    w.page.wait_for_selector("body[data-ready=true]", timeout=30_000)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_dashboard_caption_is_the_shared_criticality_scope(lang: str) -> None:
    """The dashboard's catalogue holds the very words of the shared caption (no drift)."""
    strings = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    assert strings["crit_scope"] == criticality_scope(lang)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_criticality_view_says_fab_capacity_is_elsewhere_and_links_to_it(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The ranking's caption is shown with the table and its link opens the capacity view."""
    w, page = browser_page, browser_page.page
    _open(w, server, "criticality", lang)
    page.wait_for_selector("#crit-scope")
    text = " ".join(page.inner_text("#crit-scope").split())
    assert text.startswith(" ".join(criticality_scope(lang).split()))
    page.click("#crit-scope a")
    page.wait_for_selector("#view-capacity:not([hidden])")
    page.wait_for_selector("#cap-uncounted")
    assert w.errors == [] and w.outside == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_coalition_and_synergy_say_fab_capacity_is_not_counted(
    browser_page: Watched, server: str, lang: str
) -> None:
    """uxr2 finding 1 on the dashboard: the coalition's Shapley values and the synergy count the
    ETO's inputs, not fab capacity (Taiwan's Shapley value among USA, JPN, NLD, KOR and TWN is
    0.6 %). Both results carry the API's ``scope`` in the page's language, the words of
    `coalition_scope` that the CLI and the report print, and a link to the capacity view."""
    w, page = browser_page, browser_page.page
    _open(w, server, "coalition", lang)
    page.wait_for_selector("#coal-scope")
    words = " ".join(coalition_scope(lang).split())
    assert " ".join(page.inner_text("#coal-scope").split()).startswith(words)
    page.fill("#syn-a", "USA")
    page.fill("#syn-b", "JPN")
    page.click("#syn-form button[type=submit]")
    page.wait_for_selector("#syn-scope")
    assert " ".join(page.inner_text("#syn-scope").split()).startswith(words)
    page.click("#coal-scope a")
    page.wait_for_selector("#view-capacity:not([hidden])")
    assert w.errors == [] and w.outside == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_capacity_view_warns_of_flat_years_and_names_fabs_counted_as_zero(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The build-out runs to 2035, past global_capacity.csv's last year (2032): the view says
    those years are held flat; and it names the registry fabs without a capacity row (9 on
    data release 15, Kioxia Kitakami K2 among them), the words of GET
    /api/capacity/buildout."""
    w, page = browser_page, browser_page.page
    _open(w, server, "capacity", lang)
    page.wait_for_selector("#cap-uncounted")
    body = page.evaluate("fetch('/api/capacity/buildout?node_class=all').then((r) => r.json())")
    warnings = body["warnings_ja" if lang == "ja" else "warnings"]
    # the years listed as the language lists them (「2033、2034、2035年」 in Japanese)
    assert warnings and {"en": "2033, 2034, 2035", "ja": "2033、2034、2035年"}[lang] in warnings[0]
    assert page.inner_text("#cap-warnings").strip() == warnings[0]
    uncounted = page.inner_text("#cap-uncounted").strip()
    assert uncounted == body["uncounted_note"][lang]
    n = len(body["uncounted_fabs"])
    assert n == 9 and str(n) in uncounted and "kioxia-kitakami-k2" not in uncounted
    kitakami = "キオクシア 北上工場 第2製造棟（K2棟）" if lang == "ja" else "Kioxia Kitakami Fab 2"
    assert kitakami in uncounted  # the fabs by name, not id (review 16, finding 8)
    assert w.errors == [] and w.outside == []
