"""A line's value on a phone (session 26 left it: no tooltip at 390 px): a mouse over any part
of a time chart's median line or a capacity line gets its tooltip, and a finger's tap shows
the same lines in a box over the chart (a phone shows no `title`), with the day in UTC, the
value with its unit, and names in the page's language ("label：value" in Japanese), the chart's
source and as-of date last (an engine result's in a few words, in full under the view); a tap
elsewhere takes the box away."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.present.provenance import engine_source, package_release

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
PHONE_TOUCH = (390, 844, "touch")
#: a run's source in its tooltips: short, with the data release and its date
TIP_SOURCE = {
    "en": f"Source: chipshock engine on ETO and curated data, data release {DATA_RELEASE}"
    f" · as of {DATA_RELEASE_DATE}",
    "ja": f"出典：chipshock エンジン（ETO と整備データ）、データリリース{DATA_RELEASE}"
    f" · 時点 {DATA_RELEASE_DATE}",
}

#: the first visible chart's first line, at ``share`` of its length, in page coordinates (the
#: chart scrolled to the middle of the screen)
LINE_AT_JS = """(share) => {
  const box = [...document.querySelectorAll('main section:not([hidden]) .vl')]
    .find((b) => b.offsetParent !== null && b.querySelector('g.mark-line path'));
  box.scrollIntoView({ block: 'center' });
  box.id = 'tip-chart';
  const path = box.querySelector('g.mark-line path');
  const p = path.getPointAtLength(path.getTotalLength() * share), m = path.getScreenCTM();
  return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
}"""

TIP_JS = """() => {
  const tip = document.querySelector('#tip-chart').parentElement.querySelector('.vl-tip');
  if (!tip) return null;
  const r = tip.getBoundingClientRect();
  return { text: tip.innerText, left: r.left, right: r.right, role: tip.getAttribute('role') };
}"""


def _run(w: Watched, server: str, lang: str) -> None:
    _open(w, server, f"scenario?id={FLAGSHIP}&runs={RUNS}&run=1", lang)
    w.page.wait_for_function(  # the run's charts (the run may still be under way)
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".filter((b) => b.offsetParent !== null && b.querySelector('g.mark-rect path')).length",
        timeout=300_000,
    )
    w.page.wait_for_function(
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".every((b) => b.offsetParent === null || b.dataset.rendered)"
    )


@pytest.mark.parametrize("browser_page", [(390, 844)], indirect=True)
def test_a_mouse_anywhere_on_a_median_line_gets_its_tooltip_at_390_px(
    browser_page: Watched, server: str
) -> None:
    """At nine places along the first median line of the flagship's output chart at 390 px,
    the pointer gets the tooltip: the market, the day (a model week's Monday... in UTC) and
    the median with the axis's unit."""
    page = browser_page.page
    _run(browser_page, server, "en")
    for tenth in range(1, 10):
        x, y = page.evaluate(LINE_AT_JS, tenth / 10)
        page.mouse.move(x, y)
        page.wait_for_function("document.getElementById('tip-chart').getAttribute('title')")
        tip = page.get_attribute("#tip-chart", "title") or ""
        assert re.search(r"^Series: \S", tip, re.M), (tenth, tip)
        assert re.search(r"^Date: \d{1,2} [A-Z][a-z]{2} 20\d\d$", tip, re.M), (tenth, tip)
        assert re.search(r"^p50 \(Output, % of normal\): [\d.]+$", tip, re.M), (tenth, tip)
        page.mouse.move(1, 1)  # away: the tooltip goes
        page.wait_for_function("!document.getElementById('tip-chart').getAttribute('title')")
    assert browser_page.errors == []


@pytest.mark.parametrize("browser_page", [PHONE_TOUCH], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_tap_on_a_line_shows_its_value_in_a_box(
    browser_page: Watched, server: str, lang: str
) -> None:
    """On a touch screen at 390 px a tap on the flagship's median line shows the tooltip in a
    box inside the screen (role status), with the date and the median with its unit, in the
    page's language, and last the run's source in brief (the engine, the data release and its
    date; the view's source line gives it in full); a tap on the view's heading takes it away.
    The capacity view's line says its region, year, capacity with unit, and which line (with
    or without the fabs)."""
    page = browser_page.page
    _run(browser_page, server, lang)
    x, y = page.evaluate(LINE_AT_JS, 0.4)
    page.touchscreen.tap(x, y)
    page.wait_for_function(f"({TIP_JS})() !== null")
    tip = page.evaluate(TIP_JS)
    assert tip["role"] == "status" and tip["left"] >= 0 and tip["right"] <= 390, tip
    if lang == "en":
        assert re.search(r"^Date: \d{1,2} [A-Z][a-z]{2} 20\d\d$", tip["text"], re.M), tip
        assert re.search(r"^p50 \(Output, % of normal\): [\d.]+$", tip["text"], re.M), tip
    else:
        assert re.search(r"^日付：20\d\d年\d{1,2}月\d{1,2}日$", tip["text"], re.M), tip
        assert re.search(r"^p50（.*%.*）：[\d.]+$", tip["text"], re.M), tip
        *values, source = tip["text"].split("\n")
        assert source.startswith("出典：") and "時点" in source, tip  # the run's source, last
        assert not re.search(r"[A-Za-z]{3,}", "\n".join(values)), tip  # no English word or field id
    assert tip["text"].split("\n")[-1] == TIP_SOURCE[lang], tip
    full = page.inner_text("#scen-result .assumption-rows p.source")
    # the full engine source, its closing 。 dropped before " · " (the source line's rule)
    assert engine_source(package_release(), lang).removesuffix("。") in full, full
    page.locator("#view-scenario h2").first.tap()
    page.wait_for_function(f"({TIP_JS})() === null")

    _open(browser_page, server, "capacity", lang)
    x, y = page.evaluate(LINE_AT_JS, 0.4)
    page.touchscreen.tap(x, y)
    page.wait_for_function(f"({TIP_JS})() !== null")
    text = page.evaluate(TIP_JS)["text"]
    words = (
        ("Region", "Year", "capacity (thousand wafers/month)", "Series")
        if lang == "en"
        else ("地域", "年", "生産能力（千枚/月）", "系列")
    )
    sep = ": " if lang == "en" else "："
    *values, source = text.split("\n")
    assert [line.split(sep)[0] for line in values] == list(words), text
    assert source.startswith("Source: " if lang == "en" else "出典："), text
    assert browser_page.errors == []
