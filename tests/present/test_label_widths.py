"""Chart labels measured with the charts' fonts (`chipshock.present.text_width.text_px`), not
0.6 em a character (session 29): the longest real label of each chart, in English and
Japanese, is drawn whole, on lines no wider than the chart gives them, in a margin at least
as wide as its widest line in any of the charts' fonts."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from chipshock.present.chart_text import (
    AXIS_TICK_PX,
    BAR_LABEL_PX,
    FONT_PX,
    LEGEND_LABEL_PX,
    LEGEND_WIDE_LABEL_PX,
    bar_label_lines,
    wrap_label,
)
from chipshock.present.charts import band_spec, bar_spec, render_svg
from chipshock.present.charts_results import country_market_spec, value_added_spec
from chipshock.present.charts_structure import criticality_chart, shapley_chart
from chipshock.present.labels import Lang, country_names, market_label, node_label
from chipshock.present.messages import catalogue
from chipshock.present.text_width import text_px

LANGS: tuple[Lang, ...] = ("en", "ja")
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
MARKETS = ("ai_datacenter", "smartphones", "pcs", "automotive", "industrial", "consumer")


def _px(text: str) -> float:
    return text_px(text, FONT_PX)


def _longest(labels: list[str]) -> str:
    return max(labels, key=_px)


def _codes(family: str, lang: Lang) -> list[str]:
    """The codes of a catalogue family (``country``, ``market``, ``node``) in ``lang``."""
    return [k.split(".", 1)[1] for k in catalogue(lang) if k.startswith(f"{family}.")]


def _bar_axis(spec: dict[str, Any]) -> dict[str, Any]:
    axis: dict[str, Any] = spec["layer"][0]["encoding"]["y"]["axis"]
    return axis


def _labels(spec: dict[str, Any]) -> list[str]:
    return [str(r["label"]) for r in next(iter(spec["datasets"].values()))]


def _assert_bar_labels_fit(spec: dict[str, Any], one_line: bool) -> None:
    """Every label of a bar chart whole (no limit), each of its lines at most `BAR_LABEL_PX`
    and, with its tick, within the axis' margin; ``one_line``: no label wrapped."""
    axis = _bar_axis(spec)
    assert axis["labelLimit"] == 0
    wrapped = bar_label_lines(_labels(spec))
    if one_line:
        assert wrapped == {} and "labelExpr" not in axis
    for label in _labels(spec):
        lines = wrapped.get(label, [label])
        assert "".join(lines).replace(" ", "") == label.replace(" ", "")  # nothing lost
        for line in lines:
            assert _px(line) <= BAR_LABEL_PX, line
            assert _px(line) + AXIS_TICK_PX <= axis["minExtent"], line


@pytest.mark.parametrize("lang", LANGS)
def test_every_country_and_market_name_is_one_whole_line_in_its_margin(lang: Lang) -> None:
    """The longest country or region name of the catalogue ("Europe, Middle East and
    Africa", 「欧州・中東・アフリカ」) and the longest end market fit one line of a bar's label,
    and the margin holds them as the widest of the fonts draws them (Vega cut labels at 170 px
    by its own font's measure, whatever font then printed them)."""
    names = country_names(lang)
    country = _longest(list(names.values()))
    market = _longest([market_label(m, lang) for m in _codes("market", lang)])
    assert _px(country) <= BAR_LABEL_PX and _px(market) <= BAR_LABEL_PX
    code = next(c for c, n in names.items() if n == country)
    # by name and code (criticality, Shapley), and as a net gainer (value added)
    ranked = pd.DataFrame({"provider": [code, "JPN"], "inputs_left_below_threshold": [3, 1]})
    spec = criticality_chart(ranked, 50.0, lang)
    assert spec is not None
    _assert_bar_labels_fit(spec, one_line=lang == "ja")  # en: its code on a second line
    shares = shapley_chart(pd.DataFrame({"member": [code, "JPN"], "shapley": [0.5, 0.2]}), lang)
    assert shares is not None
    _assert_bar_labels_fit(shares, one_line=lang == "ja")
    markets = pd.DataFrame({"label": [market, "x"], "value": [2.0, 1.0]})
    _assert_bar_labels_fit(bar_spec(markets, title="t", description="d", x_title="x"), True)
    rows = pd.DataFrame(
        {"country": [code, "JPN"], "measure": "value_added_lost", "p5": [-2.0, 0.5],
         "p50": [-1.0, 1.0], "p95": [-0.5, 2.0]}
    )  # fmt: skip
    gains = value_added_spec(SimpleNamespace(value_added_by_country=rows), lang)
    assert gains is not None
    _assert_bar_labels_fit(gains, one_line=False)
    assert any(country in label for label in _labels(gains))


@pytest.mark.parametrize("lang", LANGS)
def test_heat_map_margin_and_columns_hold_the_longest_names(lang: Lang) -> None:
    """The heat map's countries whole in a margin as wide as the longest drawn in any of the
    fonts; its markets stay level only where a column holds the longest market's width, and
    turned upright get room below the plot for the longest, whole."""
    names = country_names(lang)
    code = next(c for c, n in names.items() if n == _longest(list(names.values())))
    rows = pd.DataFrame(
        [
            {"country": c, "market": m, "measure": "value_added_lost", "p5": 0.5, "p50": 1.0,
             "p95": 2.0}
            for c in (code, "JPN")
            for m in MARKETS
        ]
    )  # fmt: skip
    spec = country_market_spec(SimpleNamespace(value_added_by_country_market=rows), lang)
    assert spec is not None
    y = spec["encoding"]["y"]["axis"]
    assert y["labelLimit"] == 0
    assert _px(names[code]) + AXIS_TICK_PX <= y["minExtent"]
    x = spec["encoding"]["x"]["axis"]
    need = int(re.fullmatch(r"width >= 6 \* (\d+) \? 0 : -90", x["labelAngle"]["expr"])[1])  # type: ignore[index]
    longest_market = max(_px(market_label(m, lang)) for m in MARKETS)
    assert need >= longest_market
    # turned upright (the same test), each market whole in room for the longest (session 30)
    turned = re.fullmatch(rf"width >= 6 \* {need} \? 0 : (\d+)", x["minExtent"]["expr"])
    assert turned and int(turned[1]) >= longest_market + AXIS_TICK_PX
    assert x["labelLimit"] == 0


def _bands(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"key": k, "week": w, "date": None, "p5": 50.0, "p50": 60.0, "p95": 70.0}
            for k in keys
            for w in (1, 2)
        ]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_legends_hold_the_longest_market_and_node_class_whole(lang: Lang) -> None:
    """A two-column legend (markets, node classes) cuts at `LEGEND_LABEL_PX`: the longest
    market and node class fit it as the widest of the fonts draws them, so none is cut; a
    comparison's sides (one column) fit `LEGEND_WIDE_LABEL_PX`."""
    from chipshock.present.summary_figures import twin_sides

    for family, label in (("market", market_label), ("node", node_label)):
        names = [label(c, lang) for c in _codes(family, lang)]
        spec = band_spec(_bands(names), title="t", description="d", y_title="y")
        legend = spec["layer"][0]["encoding"]["color"]["legend"]
        assert legend["columns"] == 2 and legend["labelLimit"] == LEGEND_LABEL_PX
        assert _px(_longest(names)) <= LEGEND_LABEL_PX, _longest(names)
        assert "labelExpr" not in legend
    pair = twin_sides("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m", lang)
    assert pair is not None
    sides = list(pair)
    spec = band_spec(_bands(sides), title="t", description="d", y_title="y")
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == 1 and _px(_longest(sides)) <= legend["labelLimit"]
    assert legend["labelLimit"] == LEGEND_WIDE_LABEL_PX


def _drawn_px(text: str) -> float:
    """``text``'s width at `FONT_PX` in the installed Noto Sans CJK JP (fontTools)."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    if not CJK_FONT.exists():
        pytest.skip("Noto Sans CJK JP is not installed")
    font = next(f for f in ttlib.TTCollection(CJK_FONT).fonts if "JP" in f["name"].getDebugName(1))
    cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
    return sum(FONT_PX * font["hmtx"][cmap[ord(c)]][0] / upm for c in text)


def test_a_japanese_label_is_measured_as_wide_as_it_is_drawn() -> None:
    """「NANDフラッシュメモリ」 (a node class in the supply chart's legend) is drawn about 129 px
    wide in Noto Sans CJK JP: 0.6 em a character said 86 px, and one em for its kana with 0.6
    for its capitals 125 px. Measured, it is at least as wide as drawn, so a line of its
    drawn width less half a pixel puts it on two lines (the old estimate kept it on one, past
    the line's end)."""
    label = node_label("nand", "ja")
    drawn = _drawn_px(label)
    assert text_px(label, FONT_PX) >= drawn > 0.6 * FONT_PX * len(label)
    assert drawn > FONT_PX * (8 + 0.6 * 4)  # eight kana at 1 em, four capitals at 0.6 em
    assert "\n" in wrap_label(label, drawn - 0.5)
    assert wrap_label(label, text_px(label, FONT_PX)) == label


@pytest.mark.parametrize("lang", LANGS)
def test_drawn_bar_labels_fit_their_margin(lang: Lang) -> None:
    """Drawn (vl-convert), the bar chart of the longest country name as a net gainer and an
    assumption's name wrapped onto lines: no label is cut ("…"), and each line, as wide as the
    widest of the fonts draws it, ends inside the margin left of the plot."""
    pytest.importorskip("vl_convert")
    from chipshock.sim.sensitivity_factors import default_factors

    longest = _longest(list(country_names(lang).values()))
    name = _longest(list(default_factors()[f"label_{lang}"]))  # en: on two lines
    items = pd.DataFrame({"label": [longest, name, "x"], "value": [3.0, 2.0, 1.0]})
    svg = render_svg(bar_spec(items, title="t", description="d", x_title="x"))
    origin = re.search(r'<g fill="none"[^>]*transform="translate\(([\d.]+),', svg)
    assert origin, svg[:400]
    texts = re.findall(r'<text text-anchor="end"[^>]*>(.*?)</text>', svg)
    lines = [html.unescape(t) for x in texts for t in re.findall(r"(?:<tspan[^>]*>)?([^<]+)", x)]
    assert longest in lines or any(longest.startswith(line) for line in lines)
    assert lines and not any(line.endswith("…") for line in lines), lines
    for line in lines:
        assert _px(line) + AXIS_TICK_PX <= float(origin[1]), line


def test_no_japanese_line_starts_with_a_colon_or_closing_bracket() -> None:
    """The compact chart's Japanese title broke after 「（通常比%）」, so that its second line
    started with 「：」; a line now never starts with a character Japanese does not start a
    line with, and the title breaks after the colon."""
    title = "AI・データセンターの生産（通常比%）：日米連携の新工場ありと日米連携の新工場なし"
    lines = wrap_label(title, 470, 14, bold=True).split("\n")
    assert lines == [
        "AI・データセンターの生産（通常比%）：",
        "日米連携の新工場ありと日米連携の新工場なし",
    ]
    for limit in range(120, 600, 7):
        for text in (title, "ショックの期間（4.0週～78週（基準26週））、回復（13週）。"):
            assert not any(x[:1] in "、。：）％%" for x in wrap_label(text, limit).split("\n"))


def _title_lines(svg: str) -> list[str]:
    head = svg[svg.index('aria-roledescription="title"') :]
    text = head[head.index("<text") : head.index("</text>")]
    return [html.unescape(t) for t in re.findall(r"(?:<tspan[^>]*>|>)([^<]+)", text)]


def test_titles_wrap_where_the_bold_title_font_fills_the_chart() -> None:
    """A chart's title breaks where its bold 14 px text (`text_px` of the bold faces) would
    pass the chart's width, not at 72 characters (36 in Japanese): a Japanese title of 39
    characters (546 px) stands on one line at 640 px and wraps in a compact chart (470 px),
    each line no wider than the chart."""
    pytest.importorskip("vl_convert")
    title = "最終市場ごとに回避される生産額の損失と国別の失われる付加価値の中央値（億ドル）"
    assert len(title) == 39
    items = pd.DataFrame({"label": ["日本"], "value": [1.0]})
    for width, count in (("container", 1), (470, 2)):
        spec = bar_spec(items, title=title, description="d", x_title="x", width=width)
        lines = _title_lines(render_svg(spec))
        assert len(lines) == count and "".join(lines) == title, lines
        limit = 640 if width == "container" else width
        assert all(text_px(x, 14, bold=True) <= limit for x in lines)
