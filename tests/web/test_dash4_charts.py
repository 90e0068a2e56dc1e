"""Session 25's closing note on the dashboard: time tooltips in UTC as the axis, no overlapping
tick labels at 1920 and 390 px, small amounts with a significant figure, the map's English-only
data marked as English on the Japanese page, and capacity lines whose colours match the legend."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
#: a time zone west of Greenwich: a date read in local time there is the day before
WEST = "America/Los_Angeles"

#: every pair of visible tick labels of one axis whose boxes overlap, per chart title
OVERLAPS_JS = r"""() => {
  const out = [];
  for (const box of document.querySelectorAll('main section:not([hidden]) .vl')) {
    if (box.offsetParent === null) continue;
    const title = box.parentElement.querySelector('.chart-title')?.textContent || '';
    for (const axis of box.querySelectorAll('g.role-axis')) {
      const rects = [...axis.querySelectorAll('g.role-axis-label text')]
        .filter((t) => t.getAttribute('opacity') !== '0' && t.textContent)
        .map((t) => [t.textContent, t.getBoundingClientRect()]);
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
        const [a, r] = rects[i], [b, s] = rects[j];
        if (r.left < s.right - 0.5 && s.left < r.right - 0.5 && r.top < s.bottom - 0.5
            && s.top < r.bottom - 0.5) out.push([title, a, b]);
      }
    }
  }
  return out;
}"""

#: the tooltip (the chart's title attribute, Vega's default handler) of the first shock band
SHOCK_TIP_JS = """() => {
  const box = [...document.querySelectorAll('main section:not([hidden]) .vl')]
    .find((b) => b.offsetParent !== null && b.querySelector('g.mark-rect path'));
  const rect = box.querySelector('g.mark-rect path');
  for (const type of ['pointerover', 'pointermove']) {
    rect.dispatchEvent(new PointerEvent(type, { bubbles: true }));
  }
  return box.getAttribute('title');
}"""

#: the middle of the first median line of the first time chart, in page coordinates
LINE_POINT_JS = """() => {
  const box = [...document.querySelectorAll('main section:not([hidden]) .vl')]
    .find((b) => b.offsetParent !== null && b.querySelector('g.mark-line path'));
  box.scrollIntoView({ block: 'center' });
  box.id = 'tip-chart';
  const path = box.querySelector('g.mark-line path');
  const p = path.getPointAtLength(path.getTotalLength() / 2), m = path.getScreenCTM();
  return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
}"""


def _open_west(w: Watched, server: str, hash_: str, lang: str) -> None:
    """`_open`, the browser set to a time zone eight hours behind UTC."""
    cdp = w.page.context.new_cdp_session(w.page)
    cdp.send("Emulation.setTimezoneOverride", {"timezoneId": WEST})
    _open(w, server, hash_, lang)


def _day(text: str, lang: str) -> dt.date:
    """The date a tooltip writes: "6 Jan 2027" / "2027年1月6日"."""
    if lang == "en":
        return dt.datetime.strptime(text, "%d %b %Y").date()
    year, month, day = map(int, re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text).groups())  # type: ignore[union-attr]
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("browser_page", "lang"),
    [((1920, 1000), "en"), ((1920, 1000), "ja"), ((390, 844), "ja")],
    indirect=["browser_page"],
)
def test_scenario_view_tooltips_ticks_and_small_amounts(
    browser_page: Watched, server: str, lang: str
) -> None:
    """In a browser west of Greenwich the flagship's shock band reads from 1 January 2027 (not
    31 December 2026) and a median line's tooltip names a model week's first day, as the UTC
    axis does; no two tick labels of an axis overlap (the heat map's markets turn upright on a
    phone); Thailand's value added lost (about USD 0.035 bn) is not written 0."""
    w = browser_page
    _open_west(w, server, f"scenario?id={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page = w.page
    page.wait_for_function(  # the run's charts (the run may still be under way)
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".filter((b) => b.offsetParent !== null && b.querySelector('g.mark-rect path')).length",
        timeout=300_000,
    )
    page.wait_for_function(
        "[...document.querySelectorAll('main section:not([hidden]) .vl')]"
        ".every((b) => b.offsetParent === null || b.dataset.rendered)"
    )
    shock = page.evaluate(SHOCK_TIP_JS)
    start = "shock: 1 Jan 2027 – " if lang == "en" else "ショック期間：2027年1月1日 – "
    assert shock.startswith(start), shock
    # a line's hover gives its tooltip at 390 px too (session 26 gave none there: Vega looks
    # for a data point within the line's 2 px; the invisible 16 px line above it has one)
    x, y = page.evaluate(LINE_POINT_JS)
    page.mouse.move(x, y)
    page.wait_for_function("document.getElementById('tip-chart').getAttribute('title')")
    tip = page.get_attribute("#tip-chart", "title") or ""
    label = "Date" if lang == "en" else "日付"
    sep = ": " if lang == "en" else "："  # the page's "label：value" (sep_label)
    found = re.search(rf"^{label}{sep}(.+)$", tip, re.M)
    assert found, tip
    day = _day(found.group(1), lang)
    into_year = (day - dt.date(day.year, 1, 1)).days  # a week starts 7k days into a year
    assert into_year % 7 == 0 and into_year < 364, tip

    assert page.evaluate(OVERLAPS_JS) == []

    captions = " ".join(page.locator("main section:not([hidden]) figcaption").all_inner_texts())
    thai = r"Thailand USD (\S+) bn" if lang == "en" else r"タイ (\S+)億ドル"
    amount = re.search(thai, captions)
    assert amount, captions
    assert float(amount.group(1)) > 0
    assert not re.search(r"(?<![\d,.<])0億ドル|USD 0\.0 bn", captions)
    assert w.errors == []


@pytest.mark.parametrize("browser_page", [(1920, 1000), (390, 844)], indirect=True)
def test_structural_charts_have_no_overlapping_tick_labels(
    browser_page: Watched, server: str
) -> None:
    """The bar and line charts of the explorer, coalition and capacity views, in both
    languages, draw no two tick labels of one axis over each other."""
    for lang in ("en", "ja"):
        for view in ("explorer", "coalition", "capacity"):
            _open(browser_page, server, view, lang)
            assert browser_page.page.evaluate(OVERLAPS_JS) == [], (lang, view)


def test_map_marks_english_only_data_on_the_japanese_page(
    browser_page: Watched, server: str
) -> None:
    """Rapidus IIM-1's funding programme and note exist only in English: on the Japanese
    page both carry lang="en" and the detail says so once, before the note
    (「（支援制度名と注記は英語の原文）」; session 26 labelled each); a fab with a note only
    says （英語の原文） once, before it; on the English page no label."""
    page = browser_page.page
    _open(browser_page, server, "map?fab=rapidus-iim1", "ja")
    programme = page.locator("#map-programme")
    assert programme.get_attribute("lang") == "en"
    assert "METI" in programme.inner_text()
    assert "英語" not in page.locator("#map-place").inner_text()
    note = page.locator("#map-note")
    assert note.locator("[lang=en]").inner_text().startswith("Groundbreaking")
    assert note.inner_text().startswith("（支援制度名と注記は英語の原文）")
    assert page.locator("#map-detail").inner_text().count("英語の原文") == 1
    page.goto("about:blank")  # a new page: the map reads its fab when the page opens
    _open(browser_page, server, "map?fab=tsmc-fab12-hsinchu", "ja")
    assert page.locator("#map-programme").count() == 0
    assert page.locator("#map-note").inner_text().startswith("（英語の原文）")
    assert page.locator("#map-detail").inner_text().count("英語の原文") == 1
    for fab in ("tsmc-fab12-hsinchu", "rapidus-iim1"):
        page.goto("about:blank")
        _open(browser_page, server, f"map?fab={fab}", "en")
        detail = page.locator("#map-detail").inner_text()
        assert "英語" not in detail and "in English" not in detail, fab
    assert page.locator("#map-note [lang=en]").count() == 1
    assert page.locator("#map-programme").inner_text().startswith("Japan METI")


LINES_JS = """() => {
  const box = document.querySelector('main section:not([hidden]) .vl');
  // the lines drawn (each has an invisible copy on top, its tooltip's hit area)
  const lines = [...box.querySelectorAll('g.mark-line path')]
    .filter((p) => p.getAttribute('stroke') !== 'transparent').map((p) => [
    /group: ([^;]+)/.exec(p.getAttribute('aria-label') || '')?.[1], p.getAttribute('stroke')]);
  const symbols = [...box.querySelectorAll('g.role-legend-symbol path')]
    .map((p) => p.getAttribute('stroke'));
  const labels = [...box.querySelectorAll('g.role-legend-label text')].map((t) => t.textContent);
  return { lines, legend: labels.map((l, i) => [l, symbols[i]]) };
}"""


def _colours(w: Watched, server: str, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    _open(w, server, "capacity", lang)
    drawn: dict[str, Any] = w.page.evaluate(LINES_JS)
    lines: dict[str, set[str]] = {}
    for group, stroke in drawn["lines"]:
        lines.setdefault(group, set()).add(stroke.upper())
    assert all(len(c) == 1 for c in lines.values()), lines  # one colour a region
    legend = {label: stroke.upper() for label, stroke in drawn["legend"]}
    return {g: c.pop() for g, c in lines.items()}, legend


def test_capacity_lines_match_their_legend_and_stand_apart(
    browser_page: Watched, server: str
) -> None:
    """Each region's line has its legend swatch's colour, no two regions share one, none is
    black or the dash legend's grey (the United States was drawn black), and a region keeps
    its colour in Japanese."""
    en, legend = _colours(browser_page, server, "en")
    assert len(en) == 7 and len(set(en.values())) == 7
    assert {g: legend[g] for g in en} == en
    dash_grey = {legend[k] for k in legend if k not in en}
    assert dash_grey == {"#333333"}
    assert not set(en.values()) & {"#000000", "#333333"}
    ja, legend_ja = _colours(browser_page, server, "ja")
    assert {g: legend_ja[g] for g in ja} == ja
    assert ja["米国"] == en["United States"] and ja["台湾"] == en["Taiwan"]
    assert browser_page.errors == []
