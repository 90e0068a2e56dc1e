"""The explorer shows the raw materials' chokepoints (release 14, brief "materials"): the rows
of ``/api/chokepoints?materials=true`` (the CLI's ``chokepoints --materials``), each with its
as-of date and source, and a source line, in English and Japanese."""

from __future__ import annotations

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
