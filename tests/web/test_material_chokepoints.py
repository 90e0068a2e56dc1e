"""The explorer shows the raw materials' chokepoints (release 14, brief "materials"): the rows
of ``/api/chokepoints?materials=true`` (the CLI's ``chokepoints --materials``), each with its
as-of date and source, and a source line, in English and Japanese."""

from __future__ import annotations

import json

import pytest
from tests.web.conftest import Watched

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "name"), [("en", "Gallium"), ("ja", "ガリウム")])
def test_explorer_lists_material_chokepoints(
    browser_page: Watched, server: str, lang: str, name: str
) -> None:
    """Nine rows at 50 %, one per (material, stage) with a named country at 50 % or more:
    gallium, germanium, neon, rare earths (mining and refining), high-purity quartz,
    fluorspar, tungsten, and advanced packaging's capacity (Taiwan 88 %, since review 8);
    gallium (China 99 %, USGS) first. The source line calls neon's 2021 shares dated (review
    9a, finding 1), in the page's language."""
    w, page = browser_page, browser_page.page
    page.goto(f"{server}/?lang={lang}#explorer")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#choke-mat tbody tr")
    api = page.request.get(f"{server}/api/chokepoints?materials=true&min_share=50").json()
    rows = page.locator("#choke-mat tbody tr")
    assert rows.count() == len(api["rows"]) == 9
    first = rows.first.inner_text()
    assert name in first and "99" in first and "pubs.usgs.gov" in first and "2025-01" in first
    source = page.inner_text("#choke-mat-source")
    assert "material_supply.csv" in source
    assert (api["dated_note"] if lang == "en" else api["dated_note_ja"]) in source
    assert ("neon's shares are of 2021" if lang == "en" else "neon（2021年）") in source
    assert w.errors == [], w.errors


def test_explorer_gives_each_material_its_use_and_substitutes_in_japanese(
    browser_page: Watched, server: str
) -> None:
    """Release 28: under the table each material's use and substitutes, once, in
    materials_ja.csv's Japanese under 「用途」 and 「代替」, with a note saying whose translation
    it is and that the engine does not read it; a material whose
    translation is missing (neon's, removed from the API's answer here) shows the data's
    English under 「用途（データの英文）」; advanced packaging, a model input, has no entry."""
    w, page = browser_page, browser_page.page
    url = f"{server}/api/chokepoints?materials=true&min_share=50"
    body = page.request.get(url).json()
    for row in body["rows"]:
        if row["material_id"] == "neon":
            row["use_ja"] = row["substitutes_ja"] = None
    page.route(
        "**/api/chokepoints?materials=true*",
        lambda r: r.fulfill(status=200, content_type="application/json", body=json.dumps(body)),
    )
    page.goto(f"{server}/?lang=ja#explorer")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#choke-mat-texts dl.mat-texts dd")
    names = page.locator("#choke-mat-texts dl.mat-texts dt").all_inner_texts()
    assert names[0] == "ガリウム" and len(names) == len(set(names)) == 7
    assert "先端パッケージング" not in " ".join(names)
    texts = page.locator("#choke-mat-texts dl.mat-texts dd").all_inner_texts()
    assert texts[0] == "用途：RF・パワーデバイス向けのGaAs・GaN基板とエピタキシー（化合物半導体）"
    assert texts[1].startswith("代替：GaAs/GaNデバイスに代替はない")
    note = page.inner_text("#choke-mat-texts p.muted")
    assert "chipshockの訳" in note and "エンジンは読みません" in note
    assert (
        "用途（データの英文）：Buffer gas of ArF and KrF excimer lasers in DUV lithography" in texts
    )
    assert sum("データの英文" in x for x in texts) == 2  # neon's use and substitutes only
    assert w.errors == [], w.errors


@pytest.mark.parametrize(("lang", "heads"), [("en", "Stock as of"), ("ja", "在庫の時点")])
def test_explorer_dates_the_stock_by_its_own_row(
    browser_page: Watched, server: str, lang: str, heads: str
) -> None:
    """Session 33: the stock weeks come from materials.csv (advanced packaging's from
    inventory_buffers.csv), so each row gives their as-of and source after the share's:
    tungsten's share USGS 2025-01, its stock greencarcongress.com 2022-01."""
    w, page = browser_page, browser_page.page
    page.goto(f"{server}/?lang={lang}#explorer")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#choke-mat tbody tr")
    assert heads in page.locator("#choke-mat thead").inner_text()
    name = "Tungsten" if lang == "en" else "タングステン"
    row = page.locator("#choke-mat tbody tr", has_text=name)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[-5:] == ["2025-01", "pubs.usgs.gov", "6", "2022-01", "www.greencarcongress.com"]
    packaging = page.locator("#choke-mat tbody tr", has_text="2025-12").inner_text()
    assert "www.trendforce.com" in packaging
    assert w.errors == [], w.errors
