"""Review 12 on the dashboard's Compare view: each side's total output at risk with its 90%
band above the per-market bars (#1), in both languages, the numbers of the API's answer."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

from chipshock.present.numbers import fmt_kpi

pytestmark = pytest.mark.browser

WITHOUT, WITH = "taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m"
RUNS = 20


def _total(side: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in side["kpis"] if r["kpi"] == "loss_usd_bn" and r["market"] == "all")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_view_gives_each_sides_total_and_band(
    browser_page: Watched, server: str, lang: str
) -> None:
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={WITHOUT}&b={WITH}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-totals", timeout=300_000)
    body = {"scenario": WITHOUT, "other": WITH, "runs": RUNS}
    api = httpx.post(f"{server}/api/scenarios/compare", json=body, timeout=300).json()
    cards = page.locator("#cmp-totals .card").all_inner_texts()
    assert len(cards) == 2
    for card, side, name in zip(cards, (api["a"], api["b"]), api["labels"][lang], strict=True):
        row = _total(side)
        assert name in card
        for p in ("p5", "p50", "p95"):  # the shared formatter's text: same numbers as the API
            assert fmt_kpi("loss_usd_bn", row[p], lang) in card, (p, card)
    note = page.inner_text("#cmp-totals-note")
    assert ("not the sum of the medians" in note) if lang == "en" else ("中央値の合計" in note)
    before = page.evaluate(  # the totals come before the per-market bars
        "document.getElementById('cmp-totals').compareDocumentPosition("
        "document.getElementById('cmp-loss')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert before
    assert w.errors == [], w.errors


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_view_says_what_the_scenarios_leave_out(
    browser_page: Watched, server: str, lang: str
) -> None:
    """Review12 #3: the Compare view gave no description; it now shows each side's, with the
    duration caveat and the "not modelled" list, once when both sides run one scenario (the
    default comparison: the first side's text says its change)."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={WITH}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-about", timeout=300_000)
    about = page.inner_text("#cmp-about")
    left_out = "Not modelled: government rationing" if lang == "en" else "政府による割当"
    caveat = "no one can forecast it" if lang == "en" else "予測できないため仮定"
    assert about.count(left_out) == 1 and caveat in about
    assert ("Changed for this run" if lang == "en" else "今回の設定変更") in about
    assert w.errors == [], w.errors
