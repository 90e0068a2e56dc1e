"""The comparison view leads with the report's lead chart: what the better side avoids run by
run (`chipshock.present.avoided_chart`), with its p50 label, its text alternative and its
source line, in English and Japanese."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.present.avoided_chart import count_title
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
CHART = "#cmp-avoided-chart"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_view_shows_the_avoided_loss_first(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The flagship without, then with the alliance fabs: the view's first figure is the
    avoided-loss histogram, whose drawn p50 label, accessible name and caption give the median
    of the answer's ``avoided`` (the headline's), followed by the release's source and date."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    request = {"scenario": FLAGSHIP, "other": None, "runs": RUNS}
    body: dict[str, Any] = httpx.post(
        f"{server}/api/scenarios/compare", json=request, timeout=600
    ).json()
    p50 = body["avoided"]["p50"]
    assert p50 == body["headline"]["loss_avoided_usd_bn"]["p50"]
    usd = fmt_usd(p50 * 1e9, lang)
    _open(w, server, "compare", lang)
    page.select_option("#cmp-a", FLAGSHIP)
    page.fill("#cmp-runs", str(RUNS))
    page.click("#cmp-run")  # the same request: answered from the server's cache
    page.wait_for_selector(f"{CHART} .vl[data-rendered] svg", timeout=120_000)
    first = page.evaluate("document.querySelector('#cmp-result figure').id")
    assert first == CHART[1:]
    svg = page.locator(f"{CHART} svg")
    assert f"p50 {usd}" in svg.locator("text").all_text_contents()
    assert usd in (svg.get_attribute("aria-label") or "")
    caption = page.inner_text(f"{CHART} figcaption")
    assert caption == body["charts"][lang]["avoided"]["description"] and usd in caption
    title = page.inner_text(f"{CHART} .chart-title")
    assert title == body["charts"][lang]["avoided"]["title"]
    source = page.inner_text(f"{CHART} p.source")
    assert body["meta"]["as_of"] in source
    # the API's source as written (in Japanese its closing 。 dropped before " · ")
    said = body["meta"]["source_ja"].removesuffix("。") if lang == "ja" else body["meta"]["source"]
    assert said in source
    # the count axis' title, on lines no longer than the report's plot is high (`count_title`)
    drawn = "".join(count_title(message("report.avoided_count", lang)))
    assert drawn in svg.locator("text").all_text_contents()
    _clean(w)


#: the measure the avoided amount is, in the words of the chart's title (the report's
#: ``report.chart_avoided``) and of the dashboard's kpi label "Economic output at risk"
AVOIDED_MEASURE = {"en": "Economic output at risk avoided", "ja": "避けられる生産額の損失"}

#: each card of ``#cmp-avoided``: its label (the text before its figure)
CARD_LABELS_JS = """() => [...document.querySelectorAll('#cmp-avoided .card')]
  .map((card) => card.firstChild.textContent)"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_avoided_amount_card_and_its_chart_name_one_measure(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The comparison's card of the amount avoided and the histogram beside it name the same
    measure (economic output at risk avoided), not "output saved" on one and the measure on
    the other."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector(f"{CHART} .vl[data-rendered] svg", timeout=600_000)
    title = page.inner_text(f"{CHART} .chart-title")
    usd_label = page.evaluate(CARD_LABELS_JS)[-1]
    measure = AVOIDED_MEASURE[lang]
    assert measure in title, title
    assert usd_label.startswith(measure), usd_label
    assert "saved" not in usd_label and "守られる" not in usd_label, usd_label
    _clean(w)
