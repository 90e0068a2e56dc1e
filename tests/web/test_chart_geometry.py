"""Charts as a reader sees them (session 34, chart34): a chart laid out at its box's width keeps
that width when its view comes back after a resize, and the heat map's level market names stand
centred under their columns, inside the chart."""

from __future__ import annotations

import html
import itertools
import re
from types import SimpleNamespace

import pandas as pd
import pytest
from tests.web.conftest import Watched

from chipshock.present.charts_results import country_market_spec
from chipshock.present.labels import Lang, market_label

MARKETS = ("ai_datacenter", "smartphones", "pcs", "automotive", "industrial", "consumer")

_WIDTHS = """() => [...document.querySelectorAll('#view-capacity .vl')].map(box => [
  box.clientWidth, Number(box.querySelector('svg').getAttribute('width'))])"""


@pytest.mark.browser
def test_a_chart_resized_on_another_tab_is_drawn_at_its_box_width(
    browser_page: Watched, server: str
) -> None:
    """The capacity chart, drawn at 1280 px; the window narrowed to a phone's 390 px while the
    map is on screen; back on the capacity view the chart is as wide as its box (it was drawn 0
    px wide, a blank figure, until the next resize)."""
    w, page = browser_page, browser_page.page
    page.goto(f"{server}/?lang=en#capacity")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#cap-result .vl[data-rendered] svg")
    [(box, drawn)] = page.evaluate(_WIDTHS)
    assert box > 1000 and abs(drawn - box) <= 1, (box, drawn)
    page.click("#tab-map")
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_timeout(500)  # Vega's own resize, on the hidden chart
    page.click("#tab-capacity")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#view-capacity .vl svg')]"
        ".every(s => Number(s.getAttribute('width')) > 300)",
        timeout=10_000,
    )
    [(box, drawn)] = page.evaluate(_WIDTHS)
    assert box < 390 and abs(drawn - box) <= 1, (box, drawn)
    # the axis labels drawn again, inside the chart
    labels = page.locator("#view-capacity .vl svg g.role-axis-label text")
    assert labels.count() > 5
    right = page.evaluate(
        "() => { const s = document.querySelector('#view-capacity .vl svg');"
        " const r = s.getBoundingClientRect().right;"
        " return Math.max(...[...s.querySelectorAll('g.role-axis-label text')]"
        ".map(t => t.getBoundingClientRect().right)) - r; }"
    )
    assert right <= 1, right
    assert w.errors == [], w.errors


def _result() -> SimpleNamespace:
    """Value added lost in the six markets by two countries (USD bn)."""
    rows = [
        {
            "measure": "value_added_lost",
            "country": c,
            "market": m,
            "p5": v / 2,
            "p50": v,
            "p95": v * 2,
        }
        for c, base in (("TWN", 40.0), ("JPN", 10.0))
        for m, v in zip(
            MARKETS, (base, base / 2, base / 3, base / 4, base / 5, base / 6), strict=True
        )
    ]
    return SimpleNamespace(value_added_by_country_market=pd.DataFrame(rows))


def _x_labels(svg: str, names: set[str]) -> list[tuple[str, str, float]]:
    """The heat map's market labels (texts in ``names``): text-anchor, transform and x of each,
    relative to the axis (the plot's left edge)."""
    out = []
    for anchor, transform, text in re.findall(
        r'<text text-anchor="(\w+)" transform="([^"]+)"[^>]*>([^<]+)</text>', svg
    ):
        moved = re.match(r"translate\(([-\d.]+)", transform)
        if html.unescape(text) in names and moved:
            out.append((anchor, transform, float(moved[1])))
    return out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_heat_map_level_labels_stand_centred_under_their_columns(lang: Lang) -> None:
    """Drawn 1,000 px wide (a desktop's dashboard), the six market names stand level, each
    centred under its column and inside the chart ("Consumer electronics" ran past the right
    edge, written from its column's middle on); drawn 300 px wide, upright, each ending at its
    tick."""
    pytest.importorskip("vl_convert")
    from chipshock.present.charts import render_svg

    names = {market_label(m, lang) for m in MARKETS}
    spec = country_market_spec(_result(), lang)
    assert spec is not None
    wide = render_svg({**spec, "width": 1000})
    svg_width = float(re.search(r'<svg[^>]* width="([\d.]+)"', wide)[1])  # type: ignore[index]
    labels = _x_labels(wide, names)
    assert len(labels) == 6
    assert all(anchor == "middle" and "rotate" not in t for anchor, t, _ in labels), labels
    xs = [x for *_, x in labels]
    steps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
    assert len(steps) == 1, xs  # one column apart, from the first column's middle
    column = steps.pop()
    assert xs[0] == pytest.approx(column / 2, abs=1)  # the first column's middle
    assert xs[-1] + column / 2 <= svg_width
    narrow = _x_labels(render_svg({**spec, "width": 300}), names)
    assert len(narrow) == 6
    assert all(anchor == "end" and "rotate(-90)" in t for anchor, t, _ in narrow), narrow


#: the texts of a view's charts that stand past their chart's left or right edge, px
_PAST_EDGE = """view => [...view.querySelectorAll('.vl svg')].flatMap(svg => {
  const edge = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const box = t.getBoundingClientRect();
    return [t.textContent, Math.max(edge.left - box.left, box.right - edge.right)];
  }).filter(([, past]) => past > 1);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("browser_page", [(390, 900)], indirect=True)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sourcing_chart_text_stays_inside_a_phone_screen(
    browser_page: Watched, server: str, lang: str
) -> None:
    """On a 390 px phone the sourcing chart's x-axis title goes on lines as wide as the plot
    ("% of the market's wafers in the class" ran 2 px past the chart's right edge, its last
    letters cut), and no other text of the chart leaves it."""
    w, page = browser_page, browser_page.page
    page.goto(f"{server}/?lang={lang}#sourcing")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#view-sourcing .vl[data-rendered] svg", timeout=30_000)
    assert page.locator("#view-sourcing").evaluate(_PAST_EDGE) == []
    assert w.errors == [], w.errors
