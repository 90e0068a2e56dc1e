"""The alliance tracker's tables are named regions, the milestone table shows (and prints) whole,
and yen pledges read in yen beside the dollars (review 16, findings 5, 6 and 15)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _axe

BOXES = ("trk-milestones", "trk-deliverables", "trk-partnerships")

#: a row of #trk-milestones by the start of its title: its box, and the row, as on screen
ROW_IN_BOX_JS = """([box, title]) => {
  const region = document.getElementById(box);
  const row = [...region.querySelectorAll('tbody tr')]
    .find((tr) => tr.cells[0].textContent.includes(title));
  const r = region.getBoundingClientRect(), t = row.getBoundingClientRect();
  return {inside: t.top >= r.top && t.bottom <= r.bottom + 0.5,
          scrolls: region.scrollHeight > region.clientHeight + 1,
          cells: [...row.cells].map((td) => td.textContent.trim())};
}"""


def _tracker(page: Any, server: str, lang: str) -> None:
    page.goto(f"{server}/?lang={lang}#tracker")
    page.wait_for_selector("#trk-partnerships tbody tr", timeout=30_000)


def _row_cells(page: Any, box: str, *words: str) -> list[str]:
    """The cells of the one row of table ``box`` whose first cell holds all ``words``."""
    rows: list[list[str]] = page.eval_on_selector_all(
        f"#{box} tbody tr", "trs => trs.map(tr => [...tr.cells].map(td => td.textContent.trim()))"
    )
    (row,) = [r for r in rows if all(w in r[0] for w in words)]
    return row


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "volume", "note"),
    [
        ("en", "Rapidus 2nm mass production", "Natcast lost its agreement on 2025-08-25"),
        ("ja", "ラピダスの2nm量産", "Natcastは2025年8月25日に協定を失い"),
    ],
)
def test_tracker_regions_are_named_and_the_milestones_show_whole(
    browser_page: Watched, server: str, lang: str, volume: str, note: str
) -> None:
    """Each of the three tables is a region named by its heading; the milestone table has no
    box of its own height, so Rapidus' volume-production row is on the page without scrolling
    any box; the LSTC–NSTC row's status note says what befell its U.S. counterpart; axe finds
    no serious violation."""
    page = browser_page.page
    _tracker(page, server, lang)
    for box in BOXES:
        region = page.locator(f"#{box}")
        assert region.get_attribute("role") == "region"
        heading = page.locator(f"#{region.get_attribute('aria-labelledby')}")
        name = (heading.text_content() or "").strip()
        assert name and heading.evaluate("h => h.tagName") == "H3"
        assert page.get_by_role("region", name=name, exact=True).count() == 1, box
    found = page.evaluate(ROW_IN_BOX_JS, ["trk-milestones", volume])
    assert found["inside"] and not found["scrolls"], found
    assert page.locator("#trk-milestones").get_attribute("tabindex") is None  # not a scroll box
    assert any(note in cell for cell in _row_cells(page, "trk-milestones", "LSTC", "NSTC"))
    assert _axe(page) == []
    page.wait_for_load_state("networkidle")  # let boot.js's background fetches finish
    assert browser_page.errors == []


@pytest.mark.browser
def test_printed_tables_show_whole(browser_page: Watched, server: str) -> None:
    """In print, the deliverables and partnerships boxes drop their height and scrolling, so a
    printed page holds every row."""
    page = browser_page.page
    _tracker(page, server, "en")
    assert page.eval_on_selector("#trk-partnerships", "e => e.scrollHeight > e.clientHeight + 1")
    page.emulate_media(media="print")
    for box in BOXES:
        style = page.eval_on_selector(
            f"#{box}",
            "e => [getComputedStyle(e).maxHeight, getComputedStyle(e).overflowY,"
            " e.scrollHeight <= e.clientHeight + 1]",
        )
        assert style[0] == "none" and style[1] == "visible" and style[2], (box, style)
    page.emulate_media(media="screen")
    page.wait_for_load_state("networkidle")
    assert browser_page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "amount", "equity"),
    [
        ("ja", "8,025億円（約54億ドル、1ドル≈149.4円、2025年3月）", "出資"),
        ("en", "JPY 802.5 bn (≈ USD 5.4 bn at 149.4 JPY/USD, 2025-03)", "equity"),
    ],
)
def test_yen_pledges_read_in_yen(
    browser_page: Watched, server: str, lang: str, amount: str, equity: str
) -> None:
    """The partnerships table gives METI's FY2025 Rapidus subsidy in yen with the dollars, the
    rate and its month; the IPA's JPY 100 bn is equity (出資), not a subsidy."""
    page = browser_page.page
    _tracker(page, server, lang)
    rows: list[list[str]] = page.eval_on_selector_all(
        "#trk-partnerships tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(td => td.textContent.trim()))",
    )
    assert any(r[4] == amount for r in rows)
    # the parties in the page's language (parties_ja since data release 27)
    party = (
        "経済産業省（情報処理推進機構〈IPA〉経由）、ラピダス"
        if lang == "ja"
        else "METI (via IPA); Rapidus"
    )
    (ipa,) = [r for r in rows if r[0] == party]
    assert ipa[1] == equity and ("1,000億円" if lang == "ja" else "JPY 100 bn") in ipa[4]
    page.wait_for_load_state("networkidle")
    assert browser_page.errors == []
