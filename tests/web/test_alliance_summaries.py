"""The dashboard's deliverables table gives each row's summary in the page's language: the
English ``summary`` of alliance_deliverables.csv, or ``summary_ja``, chipshock's translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.conftest import Watched

from chipshock.analysis.alliance import filter_deliverables
from chipshock.data.store import load_alliance

SUMMARY_COLUMN = 6  # actor, country, sector, kind, amount, location, summary, source


@pytest.mark.browser
def test_deliverables_are_summarised_in_the_page_language(
    browser_page: Watched, server: str, built_store: Path
) -> None:
    """In Japanese every summary cell is the row's summary_ja (none left in English); in
    English the row's summary."""
    deliverables = filter_deliverables(load_alliance(built_store).deliverables)
    page = browser_page.page
    for lang, column in (("ja", "summary_ja"), ("en", "summary")):
        page.goto(f"{server}/?lang={lang}#tracker")
        page.wait_for_selector("#trk-deliverables tbody tr", timeout=30_000)
        cells = page.eval_on_selector_all(
            "#trk-deliverables tbody tr",
            f"trs => trs.map(tr => tr.cells[{SUMMARY_COLUMN}].textContent.trim())",
        )
        assert cells == [str(s).strip() for s in deliverables[column]]
        page.wait_for_load_state("networkidle")  # let boot.js's background fetches finish
    shown_ja = set(deliverables["summary_ja"])
    assert "持続可能な航空燃料（SAF）への支援が首脳会談の声明に盛り込まれる見込み。" in shown_ja
    assert browser_page.errors == []
