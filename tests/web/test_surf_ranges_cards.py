"""Session 30 audit on the dashboard: Japanese range cells in full-width brackets with 〜, the
utilisation caption explains values above 100 % (a wafer bank drawn down) only when one is
shown, the run view's "Economic output at risk" card gives its 90 % range, and at 390 px the
comparison's "Compare with" dropdown shows its whole text."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import PHONE, _open

from chipshock.present.numbers import fmt_band, fmt_pct, fmt_usd

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
OVER_EN = "Above 100% (right of the dashed line)"
OVER_JA = "100%超（破線の右）"


def _run(w: Watched, server: str, lang: str) -> Any:
    page = w.page
    _open(w, server, f"scenario?id={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#scen-utilisation .util-top table", timeout=600_000)
    return page


def _over(rows: list[dict[str, Any]]) -> bool:
    """Whether a row's shock-week value reads above 100 % with one decimal."""
    keys = ("shock_p5_pct", "shock_p50_pct", "shock_p95_pct")
    return any(r[k] is not None and round(r[k], 1) > 100 for r in rows for k in keys)


def _shown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    valued = [r for r in rows if r["shock_runs"] > 0 and r["in_shock_year"]]
    return valued[:8] + valued[-5:]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_run_view_ranges_caption_and_loss_card(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The utilisation cells read "p50 (p5 – p95)" in English and "p50（p5〜p95）" in Japanese
    (the API's numbers, `fmt_band`), the KPI table's cells too; the caption carries the wafer-bank
    sentence because a shown value is above 100 %; the loss card gives p5 and p95."""
    page = _run(browser_page, server, lang)
    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS}, timeout=600
    ).json()
    shown = _shown(api["utilisation"])
    cells = page.locator("#scen-utilisation .util-top tbody tr").evaluate_all(
        "rows => rows.map(r => r.cells[6].innerText.trim())"
    )
    assert cells == [
        fmt_band(
            *(fmt_pct(r[k], 1, lang) for k in ("shock_p50_pct", "shock_p5_pct", "shock_p95_pct")),
            lang,
        )
        for r in shown
    ]
    if lang == "ja":
        assert all("（" in c and "〜" in c and " (" not in c for c in cells)
    # the flagship at 20 runs lists TSMC Arizona phase 1 above 100% (p95 101.7%: a wafer
    # bank drawn down) in the section's table of every producer
    assert _over(api["utilisation"])
    caption = page.inner_text("#scen-utilisation figure[data-chart='utilisation'] figcaption")
    assert (OVER_JA if lang == "ja" else OVER_EN) in caption
    table = page.locator("#scen-result table td").evaluate_all(
        "tds => tds.map((td) => td.textContent.trim())"
    )
    weeks = next(r for r in api["kpis"] if r["kpi"] == "output_lost_weeks" and r["market"] == "all")
    assert any(
        c.endswith(")" if lang == "en" else "）") and ("〜" in c) == (lang == "ja")
        for c in table
        if "(" in c or "（" in c
    )
    loss = next(r for r in api["kpis"] if r["kpi"] == "loss_usd_bn" and r["market"] == "all")
    lo, hi = (fmt_usd(loss[k] * 1e9, lang) for k in ("p5", "p95"))
    cards = page.inner_text("#scen-result .cards")
    expected = f"9割の範囲：{lo}〜{hi}" if lang == "ja" else f"90% range: {lo} to {hi}"
    assert expected in cards, cards
    assert weeks["p5"] <= weeks["p50"] <= weeks["p95"]


def test_caption_says_nothing_of_100_without_such_a_value(
    browser_page: Watched, server: str
) -> None:
    """The wafer-bank sentence is there exactly when a value of the section reads above 100 %
    (another scenario, whatever its values)."""
    page = browser_page.page
    _open(browser_page, server, "scenario?id=japan-earthquake&runs=10&run=1")
    page.wait_for_selector("#scen-utilisation .util-top table", timeout=600_000)
    api = httpx.post(
        f"{server}/api/scenarios/run",
        json={"scenario": "japan-earthquake", "runs": 10},
        timeout=600,
    ).json()
    caption = page.inner_text("#scen-utilisation figure[data-chart='utilisation'] figcaption")
    assert (OVER_EN in caption) == _over(api["utilisation"])


#: the closed dropdown's shown text against the room inside it: the selected option's text
#: width (a span in the select's font) and the select's inner width less its arrow
FITS_JS = """(id) => { const s = document.getElementById(id); const cs = getComputedStyle(s);
  const span = document.createElement('span');
  span.style.font = cs.font; span.style.whiteSpace = 'pre';
  span.textContent = s.options[s.selectedIndex].text; document.body.append(span);
  const text = span.getBoundingClientRect().width; span.remove();
  const r = s.getBoundingClientRect();
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
  return [text, room, r.left, r.right]; }"""


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_with_is_whole_on_a_phone(browser_page: Watched, server: str, lang: str) -> None:
    """At 390 px both scenario pickers of the comparison show their whole text (the default
    "Compare with" words were cut off) and stay on screen."""
    page = browser_page.page
    _open(browser_page, server, "compare", lang)
    for picker in ("cmp-a", "cmp-b"):
        text, room, left, right = page.evaluate(FITS_JS, picker)
        assert text <= room and left >= 0 and right <= PHONE[0], (picker, text, room, left, right)
