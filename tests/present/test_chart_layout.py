"""Review 2, findings 12 and 14, in the shared specs (the dashboard and the report draw the
same): legends wrap below the plot with swatches at full opacity, several legends stack, bar
labels of long bars sit inside the bar, share axes stop at 100 %, and the chart note names a
comparison's side as a line ("The middle line ‘without the alliance fabs’ falls lowest")."""

from __future__ import annotations

import re

import pandas as pd

from chipshock.present.charts import (
    BAR_PX,
    BAR_ROW_PX,
    _lowest,
    band_spec,
    bar_spec,
    line_spec,
    styled,
)
from chipshock.present.charts_structure import shares_chart
from chipshock.present.messages import message
from chipshock.present.text_width import text_px

_MARKETS = ["AI and data centre", "Smartphones", "PCs", "Automotive", "Industrial", "Consumer"]


def _bands(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"key": k, "week": w, "date": None, "p5": 50.0, "p50": 60.0 + i, "p95": 70.0}
            for i, k in enumerate(keys)
            for w in (1, 2)
        ]
    )


def test_band_legend_wraps_below_with_opaque_line_swatches() -> None:
    """Six markets: two columns of at most 150 px below the plot, swatches as opaque lines;
    two sides: one column."""
    spec = band_spec(_bands(_MARKETS), title="t", description="d", y_title="y")
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == 2 and legend["labelLimit"] <= 150
    assert legend["symbolOpacity"] == 1 and legend["symbolType"] == "stroke"
    assert spec["config"]["legend"]["orient"] == "bottom"
    assert spec["config"]["legend"]["layout"]["bottom"]["direction"] == "vertical"
    sides = band_spec(_bands(["with", "without"]), title="t", description="d", y_title="y")
    assert sides["layer"][0]["encoding"]["color"]["legend"]["columns"] == 1


def test_long_bars_carry_their_label_inside() -> None:
    """Bars ending past the middle of the axis are labelled inside (white, right-aligned),
    the others beside the bar: every label is one of the two layers, none both."""
    items = pd.DataFrame(
        {"label": ["a", "b", "c"], "value": [371.5, 93.7, 37.0], "text": ["371", "94", "37"]}
    )
    spec = bar_spec(items, title="t", description="d", x_title="x")
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [t["mark"]["align"] for t in texts] == ["left", "right"]
    middle = spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] / 2
    assert texts[0]["transform"] == [{"filter": f"datum.value <= {middle:g}"}]
    assert texts[1]["transform"] == [{"filter": f"datum.value > {middle:g}"}]
    assert texts[1]["mark"]["color"] == "#ffffff"


def test_whiskered_bars_carry_their_label_above_clear_of_the_whisker() -> None:
    """By-country bars (p5-p95 whiskers): each value label sits above its bar, from the zero
    line, its bottom edge above the bar's top, and the whisker runs through the bar's middle,
    below the label: no whisker crosses a label, however long (review: "USD 157.0 bn" was
    crossed by China's whisker). The axis holds every whisker."""
    items = pd.DataFrame(
        {
            "label": ["China", "Taiwan", "Thailand"],
            "value": [157.0, 87.1, 0.2],
            "low": [52.0, 35.0, 0.1],
            "high": [292.0, 140.0, 0.4],
            "text": ["USD 157.0 bn", "USD 87.1 bn", "USD 0.2 bn"],
        }
    )
    spec = bar_spec(items, title="t", description="d", x_title="USD bn")
    bars, rule, text = spec["layer"]
    assert rule["mark"]["type"] == "rule" and text["mark"]["type"] == "text"
    assert text["encoding"]["x"] == {"datum": 0, "type": "quantitative"}
    assert text["mark"]["baseline"] == "bottom" and text["mark"]["align"] == "left"
    label_bottom = text["mark"]["dy"]  # px below the row's middle
    bar_top = bars["mark"]["yOffset"] - bars["mark"]["size"] / 2
    assert bars["mark"]["size"] == BAR_PX and label_bottom < bar_top
    assert rule["mark"]["yOffset"] == bars["mark"]["yOffset"]  # the bar's middle
    assert label_bottom - 12 >= -BAR_ROW_PX / 2  # the label stays in its own row
    assert spec["height"] == 3 * BAR_ROW_PX
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelOffset"] == bars["mark"]["yOffset"]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] >= 292.0


def test_share_axis_stops_at_100() -> None:
    """A share of 90 % would get an axis to 117 % with room for its label; it stops at 100."""
    rows = pd.DataFrame(
        {"provider": ["TWN", "KOR"], "share_pct": [90.0, 10.0], "is_aggregate": [False, False]}
    )
    spec = shares_chart(rows, "country", "logic", "en")
    assert spec is not None
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0.0, 100.0]


def test_side_note_names_the_line() -> None:
    """A comparison's note names its side as the line's label, in both languages; a market
    keeps the market wording."""
    df = _bands(["without the alliance fabs", "with"]).assign(week=[1, 2, 1, 2])
    names = {"without the alliance fabs": "without the alliance fabs", "with": "with"}
    en = _lowest(df, names, "en", sides=True)
    assert en == "The middle line ‘without the alliance fabs’ falls lowest, around Week 1."
    ja = _lowest(df, {k: "日米連携の新工場なし" for k in names}, "ja", sides=True)
    assert ja.startswith("中央値の線は「日米連携の新工場なし」が最も低く")
    assert "falls lowest for AI" in _lowest(_bands(_MARKETS), {m: m for m in _MARKETS}, "en")
    assert styled({}, 300)["config"]["legend"]["orient"] == "bottom"


def test_dash_legend_stacks_with_visible_dashes() -> None:
    """The capacity chart's with/without legend: one entry a line (the two labels side by
    side ran off a phone) and dashes drawn in a colour (they were invisible)."""
    rows = pd.DataFrame(
        {"year": [2027, 2027], "group": ["JPN", "JPN"], "variant": ["with", "without"],
         "value": [1.0, 2.0]}
    )  # fmt: skip
    spec = line_spec(
        rows, title="t", description="d", x_title="x", y_title="y", variants=["with", "without"]
    )
    legend = spec["encoding"]["strokeDash"]["legend"]
    assert legend["direction"] == "vertical"
    assert legend["symbolStrokeColor"] == "#333333"
    # drawn: each entry's sample is a stroked line, solid then dashed (review12 #7: blank)
    from chipshock.present.charts import render_svg

    svg = render_svg(spec)
    samples = re.findall(r'd="M-10,0L10,0"([^/]*)/>', svg)
    assert len(samples) == 2, samples
    assert all('stroke="#333333"' in s for s in samples)
    assert 'stroke-dasharray="1,0"' in samples[0] and 'stroke-dasharray="5,4"' in samples[1]


def test_legend_never_cuts_two_labels_to_the_same_text() -> None:
    """Review12 #2: two scenario titles sharing their first ~20 characters were both drawn as
    "Taiwan blockade, 2027, …"; a legend of two columns (150 px a label) now shows what tells
    them apart (the tooltip and the data keep the full titles); one of one column (280 px a
    label, measured: `text_px`) draws them whole. Labels that a legend keeps apart get no
    expression."""
    six, twelve = "Taiwan blockade, 2027, six months", "Taiwan blockade, 2027, twelve months"
    spec = band_spec(_bands([six, twelve, "a", "b"]), title="t", description="d", y_title="y")
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == 2 and legend["labelLimit"] == 150
    assert legend["labelExpr"] == (
        f'datum.label === "{six}" ? "…six months" : '
        f'datum.label === "{twelve}" ? "…twelve months" : datum.label'
    )
    data = next(iter(spec["datasets"].values()))  # the data keep the full titles
    assert {r["name"] for r in data} == {six, twelve, "a", "b"}
    pair = band_spec(_bands([six, twelve]), title="t", description="d", y_title="y")
    legend = pair["layer"][0]["encoding"]["color"]["legend"]
    assert legend["columns"] == 1 and "labelExpr" not in legend
    assert max(text_px(x, 12) for x in (six, twelve)) <= legend["labelLimit"] == 280
    sides = band_spec(
        _bands(["without the alliance fabs", "with the alliance fabs"]),
        title="t",
        description="d",
        y_title="y",
    )
    assert "labelExpr" not in sides["layer"][0]["encoding"]["color"]["legend"]


def test_a_scenario_and_its_twin_are_named_by_the_alliance_fabs_on_every_surface() -> None:
    """Review12 #2: the API named the pair by their two titles while the CLI and the report
    said "without/with the alliance fabs"; now all three use `twin_sides`, in either order,
    and keep the titles when the request switches fabs on both sides."""
    from types import SimpleNamespace

    from chipshock.api.routes_scenarios import compare_labels
    from chipshock.present.summary import side_labels

    def scenario(sid: str, title: str) -> SimpleNamespace:
        return SimpleNamespace(scenario_id=sid, title=title, title_ja=title + "（ja）")

    twin = scenario("taiwan-blockade-2027-6m-no-alliance-fabs", "Taiwan … without the new fabs")
    flagship = scenario("taiwan-blockade-2027-6m", "Taiwan blockade, 2027, six months")
    api = compare_labels(twin, flagship, alliance_default=False)
    assert api["en"] == ("without the alliance fabs", "with the alliance fabs")
    assert api["ja"] == ("日米連携の新工場なし", "日米連携の新工場あり")
    cmp = SimpleNamespace(a=SimpleNamespace(scenario=twin), b=SimpleNamespace(scenario=flagship))
    assert side_labels(cmp, "en") == api["en"] and side_labels(cmp, "ja") == api["ja"]
    assert compare_labels(flagship, twin, False)["en"] == api["en"][::-1]
    both_switched = compare_labels(twin, flagship, False, twins=False)
    assert both_switched["en"] == (twin.title, flagship.title)


def test_tornado_labels_wrap_between_words_and_keep_every_character() -> None:
    """Review12 #8: 11 of 16 labels were cut mid-word at 300 px ("... (base 26 wee…"); each
    label now breaks between words onto lines the axis splits, nothing cut, rows tall enough
    for the lines; a Japanese label (no spaces) breaks between characters."""
    from chipshock.present.chart_text import TORNADO_LABEL_PX
    from chipshock.present.charts import tornado_spec

    labels = [
        "Shock duration (4.0 weeks – 78 weeks (base 26 weeks))",
        "Advanced packaging needed by AI chips (×0.8 – ×1.2 (×1))",
        "ショックの期間（4.0週〜78週（基準26週））の長い長い長い長い長い長い名前",
    ]
    rows = pd.DataFrame({"label": labels, "low": [1.0, 2.0, 3.0], "base": 4.0, "high": 6.0})
    spec = tornado_spec(rows, title="t", description="d", x_title="x", low_name="l", high_name="h")
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0 and axis["labelExpr"] == "split(datum.label, '\\n')"
    drawn = spec["layer"][0]["encoding"]["y"]["sort"]
    assert all(text_px(line, 12) <= TORNADO_LABEL_PX for x in drawn for line in x.split("\n"))
    assert sorted(x.replace("\n", " ") for x in drawn[:2]) == sorted(labels[:2])
    assert drawn[2].replace("\n", "") == labels[2] and "\n" in drawn[2]
    assert spec["height"] >= 3 * (15 * 2 + 8)


def test_supply_chart_says_what_above_100_percent_means() -> None:
    """Review12 #10: supply at 110-128 % of demand before the shock read as a glut; the chart's
    note says it is spare capacity at normal utilisation, in both languages, and only there."""
    from chipshock.present.charts import bands_spec
    from chipshock.present.messages import message

    rows = _bands(["lt10", "ai_datacenter"]).assign(date="2027-01-04")
    supply = rows.assign(series="supply_pct_of_demand")
    for lang in ("en", "ja"):
        spec = bands_spec(supply, "supply_pct_of_demand", lang)
        assert spec is not None
        assert spec["description"].endswith(message("report.chart_supply_note", lang))
    output = bands_spec(rows.assign(series="output_pct_of_normal"), "output_pct_of_normal")
    assert output is not None and "spare capacity" not in output["description"]
    assert "above 100% is spare capacity" in message("report.chart_supply_note", "en")


def test_criticality_bars_name_countries_as_the_other_charts_do() -> None:
    """The criticality ranking by country labelled its bars USA, JPN, ... where the Shapley and
    economic charts say "United States"; a country now reads by name and code (Japanese
    names in Japanese), a firm as given."""
    from chipshock.present.charts_structure import criticality_chart

    rows = pd.DataFrame({"provider": ["USA", "ASML"], "inputs_left_below_threshold": [27, 3]})
    en = criticality_chart(rows, 50.0, "en")
    ja = criticality_chart(rows, 50.0, "ja")
    assert en is not None and ja is not None
    labels = [r["label"] for r in next(iter(en["datasets"].values()))]
    assert labels == ["United States (USA)", "ASML"]
    assert next(iter(ja["datasets"].values()))[0]["label"] == "米国（USA）"


def test_japanese_structural_charts_use_japanese_punctuation_and_names() -> None:
    """Session 28's audit: the Japanese text alternative read 「シェア: オランダ (NLD) 100.0%, …」
    (an ASCII colon, comma and brackets) and the synergy chart's bars read USA and
    「USAとJPNの合同」 while the sentence above it says 米国と日本. Now the Japanese
    chart speaks Japanese throughout; the English one is unchanged."""
    from chipshock.present.charts_structure import shapley_chart, synergy_chart

    table = pd.DataFrame({"member": ["JPN", "USA"], "shapley": [0.25, 0.5]})
    ja, en = shapley_chart(table, "ja"), shapley_chart(table, "en")
    assert ja is not None and en is not None
    assert (
        ja["description"]
        == message("chart.shapley", "ja") + "：日本（JPN） 25.0%、米国（USA） 50.0%"
    )
    assert en["description"].endswith(": Japan (JPN) 25.0%, United States (USA) 50.0%")

    syn_ja = synergy_chart(["USA"], ["JPN", "NLD"], 0.2, 0.3, 0.6, "ja")
    syn_en = synergy_chart(["USA"], ["JPN", "NLD"], 0.2, 0.3, 0.6, "en")
    assert syn_ja is not None and syn_en is not None
    labels_ja = [r["label"] for r in next(iter(syn_ja["datasets"].values()))]
    labels_en = [r["label"] for r in next(iter(syn_en["datasets"].values()))]
    assert labels_ja[:2] == ["米国", "日本・オランダ"]
    assert labels_ja[3] == message("chart.synergy_union", "ja", a="米国", b="日本・オランダ")
    assert labels_en[:2] == ["USA", "JPN+NLD"]
    assert not any(ch in syn_ja["description"] for ch in ":,(")


def test_japanese_economic_charts_describe_in_japanese_punctuation() -> None:
    """The Japanese briefing's caption under the value-added bars read 「…（中央値）: 台湾
    581億ドル, 中国 400億ドル, …」 (session 29): each economic chart's text alternative now
    uses 「：」 and 「、」 in Japanese, as the structural charts' do; the English is unchanged."""
    from types import SimpleNamespace

    from chipshock.present.charts_results import market_loss_spec, value_added_spec

    rows = pd.DataFrame(
        {"country": ["TWN", "JPN"], "measure": "value_added_lost", "p5": [1.0, 0.5],
         "p50": [2.0, 1.0], "p95": [3.0, 2.0]}
    )  # fmt: skip
    result = SimpleNamespace(value_added_by_country=rows)
    ja, en = value_added_spec(result, "ja"), value_added_spec(result, "en")
    assert ja is not None and en is not None
    assert ja["description"].endswith("：台湾 20億ドル、日本 10億ドル")
    assert en["description"].endswith(": Taiwan USD 2.0 bn, Japan USD 1.0 bn")
    kpis = pd.DataFrame(
        {"kpi": "loss_usd_bn", "market": ["automotive"], "p5": [1.0], "p50": [2.0], "p95": [3.0]}
    )
    side = SimpleNamespace(kpis=kpis)
    both = market_loss_spec(SimpleNamespace(a=side, b=side), ("あり", "なし"), "ja")
    assert both is not None and both["description"] == "自動車：あり 20億ドル、なし 20億ドル"
    assert not any(ch in ja["description"] + both["description"] for ch in ":,;")


def test_whiskers_without_value_labels_stay_inside_the_axis() -> None:
    """The appendix's per-market loss bars (whiskers, no value labels) drew no bars at all:
    the axis stopped at the largest median, the whiskers ran past it, and the chart laid out
    at its container's width shrank its plot to nothing to make room for them. The axis now
    holds every whisker, and the drawn plot keeps its width."""
    items = pd.DataFrame(
        {"label": ["AI and data centre", "PCs"], "value": [217.7, 8.7], "low": [108.0, 4.0],
         "high": [435.0, 17.0]}
    )  # fmt: skip
    spec = bar_spec(items, title="t", description="d", x_title="USD bn")
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] >= 435.0
    from chipshock.present.charts import render_svg

    plot = re.search(r'<path class="background"[^>]*d="M0,0h([\d.]+)v', render_svg(spec))
    assert plot and float(plot[1]) > 300, plot
