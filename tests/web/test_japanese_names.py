"""The Japanese dashboard writes the data's Japanese names: a fab's place on the map
(``region_or_city_ja``, from place_names_ja.csv), its name and operator (fab_names_ja.csv), its
confidence in words and each partnership's technology in the
alliance tracker (``technology_ja``, and deliverables' ``location_ja``); a place or
technology without one shows its English."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.conftest import Watched

from chipshock.analysis.alliance import filter_deliverables, filter_partnerships
from chipshock.data.store import load_alliance
from chipshock.present.labels import in_language

pytestmark = pytest.mark.browser

TECHNOLOGY_COLUMN = 2  # parties, kind, technology, status, amount, source
LOCATION_COLUMN = 5  # actor, country, sector, kind, amount, location, summary, source


def _place(watched: Watched, server: str, lang: str, fab_id: str) -> str:
    page = watched.page
    page.goto("about:blank")  # a new load: the map reads the picked fab from the URL at start
    page.goto(f"{server}/?lang={lang}#map?year=2035&fab={fab_id}")
    # the heading is the fab's name, its id on the line below (session 25)
    page.wait_for_selector(f"#map-fab-id:has-text('{fab_id}')", timeout=30_000)
    text: str = page.text_content("#map-place") or ""
    page.wait_for_load_state("networkidle")  # let boot.js's background fetches finish
    return text


def test_fab_places_and_technologies_in_the_page_language(
    browser_page: Watched, server: str, built_store: Path
) -> None:
    """On the Japanese map Rapidus is in 北海道千歳市 and a place without a Japanese name
    (Premstaetten) keeps its English; the English map says Chitose; the U.S.-Japan partnership
    arc names IBM-Rapidus' technology in the page's language. In the Japanese tracker
    every technology cell is the row's technology_ja (or its English where that is blank), in
    the English one the English technology, and the same for the deliverables' locations; the
    page's fallback rule is in_language's."""
    # the country by its Japanese name, not its code (review 16, finding 8)
    assert _place(browser_page, server, "ja", "rapidus-iim1").startswith("北海道千歳市、日本")
    assert _place(browser_page, server, "ja", "ams-osram-premstaetten").startswith(
        "Premstaetten, Styria、オーストリア"
    )
    # the operator by its Japanese rendering (fab_names_ja.csv operator_ja), not English
    jasm = _place(browser_page, server, "ja", "jasm-kumamoto-fab1")
    assert "JASM（TSMC 86.5%、ソニーセミコンダクタソリューションズ 6.0%、" in jasm, jasm
    assert "Sony" not in jasm and "Denso" not in jasm
    assert browser_page.page.text_content("#map-detail h3") == "JASM第1工場"
    assert "jasm-kumamoto-fab1" in (browser_page.page.text_content("#map-fab-id") or "")
    # the fab's confidence in words, 中 (確度), not the data's "medium" (review 16, #8)
    _place(browser_page, server, "ja", "rapidus-iim1")
    source = browser_page.page.text_content("#map-detail p.source") or ""
    assert source.endswith("確度：中") and "medium" not in source, source
    # the detail's punctuation is Japanese (、 and ：, not ", " and ": ")
    detail = browser_page.page.inner_text("#map-detail")
    assert "事業者：" in detail and "事業者: " not in detail, detail
    assert "（2nm）" in detail and "ロジック, " not in detail, detail
    assert _place(browser_page, server, "en", "rapidus-iim1").startswith("Chitose, Hokkaido, JPN")
    source = browser_page.page.text_content("#map-detail p.source") or ""
    assert source.endswith("Confidence: medium"), source
    for lang, parties, topic in (  # the parties by their Japanese names (release 27)
        ("ja", "IBM、ラピダス", "2nmロジック（GAAナノシート）"),
        ("en", "IBM; Rapidus", "2nm logic (GAA nanosheet)"),
    ):
        _place(browser_page, server, lang, "rapidus-iim1")
        arc = browser_page.page.text_content("#map [data-pair='JPN-USA'] title") or ""
        plan = "（ibm-rapidus-2nm）" if lang == "ja" else " (ibm-rapidus-2nm)"  # bracketed()
        assert f"{parties} — {topic}{plan}" in arc, arc

    alliance = load_alliance(built_store)
    partnerships = filter_partnerships(alliance.partnerships)
    deliverables = filter_deliverables(alliance.deliverables)
    page = browser_page.page
    for lang in ("ja", "en"):
        page.goto(f"{server}/?lang={lang}#tracker")
        page.wait_for_selector("#trk-partnerships tbody tr", timeout=30_000)
        cells = page.eval_on_selector_all(
            "#trk-partnerships tbody tr",
            f"trs => trs.map(tr => tr.cells[{TECHNOLOGY_COLUMN}].textContent.trim())",
        )
        expected = [
            in_language(en, ja, lang)  # type: ignore[arg-type]
            for en, ja in zip(
                partnerships["technology"], partnerships["technology_ja"], strict=True
            )
        ]
        assert cells == expected
        parties = page.eval_on_selector_all(
            "#trk-partnerships tbody tr", "trs => trs.map(tr => tr.cells[0].textContent.trim())"
        )  # parties_ja in Japanese (data release 27), the English parties in English
        assert parties == partnerships["parties_ja" if lang == "ja" else "parties"].tolist()
        assert ("経済産業省・NEDO、ラピダス" in parties) == (lang == "ja")
        locations = page.eval_on_selector_all(
            "#trk-deliverables tbody tr",
            f"trs => trs.map(tr => tr.cells[{LOCATION_COLUMN}].textContent.trim())",
        )
        assert locations == [
            in_language(en, ja, lang)  # type: ignore[arg-type]
            for en, ja in zip(deliverables["location"], deliverables["location_ja"], strict=True)
        ]
        if lang == "ja":
            assert "先端パッケージング（2nm世代のチップレット）" in cells
            assert "東京・大阪" in locations
            # a blank Japanese text falls back to the English one, as in_language does
            fallback = page.evaluate(
                """async () => {
                  const { inLanguage } = await import('/static/js/i18n.js');
                  return [inLanguage('EUV', ''), inLanguage('EUV', null),
                          inLanguage('EUV', 'EUV露光')];
                }"""
            )
            assert fallback == ["EUV", "EUV", "EUV露光"]
        page.wait_for_load_state("networkidle")
    assert browser_page.errors == []
