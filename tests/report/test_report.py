"""The one-page report and the plain-language summaries, in English and Japanese."""

from __future__ import annotations

import datetime as dt
import html as html_text
import re
from pathlib import Path

import pandas as pd
import pytest
from tests.report.conftest import FakeComparison, FakeResult, FakeScenario

from chipshock.errors import InputError
from chipshock.present.messages import message
from chipshock.present.summary import side_labels, sweep_text
from chipshock.report import render_report, summary_text, write_report
from chipshock.report.labels import kpi_label, kpi_order
from chipshock.sim.run.economics import KPIS as ENGINE_KPIS


def test_summary_en_leads_with_output_of_the_worst_market(result: FakeResult) -> None:
    """The English summary names the hardest-hit market, its output at the worst point with the
    90% range, when that is, weeks to recover, the output at risk, then the chips, then caveats."""
    text = summary_text(result, "en")
    assert text.startswith("Taiwan blockade, 2027, six months: we ran 100 simulated futures")
    assert "AI and data centre" in text and "output falls to 55% of normal" in text
    assert "40% to 70% in 90%" in text and "around March 2027" in text
    assert "4.0 weeks of normal output" in text
    assert "USD 25.0 bn" in text and "USD 12.0 bn" in text and "USD 50.0 bn" in text
    assert "about 30 weeks" in text
    assert text.index("of normal") < text.index("70% of the chips")
    assert "model estimates from public data" in text


def test_summary_without_output_loss_says_so(result: FakeResult) -> None:
    """When no market loses output in the middle estimate, the summary says so plainly."""
    kpis = result.kpis.copy()
    kpis.loc[kpis["kpi"] == "peak_output_lost_pct", ["p5", "p50", "p95"]] = 0.0
    quiet = FakeResult(bands=result.bands, kpis=kpis)
    assert "no end market loses output" in summary_text(quiet, "en")


def test_summary_ja_is_japanese_with_oku_dollars(result: FakeResult) -> None:
    """The Japanese summary is Japanese prose with amounts in 億ドル."""
    text = summary_text(result, "ja")
    assert text.startswith("台湾封鎖（2027年・6か月）：")
    assert "AI・データセンター" in text and "通常の55%" in text and "250億ドル" in text
    assert "予測ではありません" in text
    assert not re.search(r"\b(the|and|of)\b", text)


def test_comparison_summary_names_the_sides_and_what_is_avoided(
    comparison: FakeComparison,
) -> None:
    """A comparison summary names both sides in words and gives a positive amount avoided by the
    better side, whichever order the sides come in."""
    en = summary_text(comparison, "en", label_a="with fabs", label_b="without fabs")
    assert "Compared with “without fabs”, “with fabs” avoids the loss of about 4.0 weeks" in en
    assert "USD 25.0 bn of economic output saved" in en
    assert " A " not in en and "(A)" not in en and "−" not in en
    ja = summary_text(comparison, "ja")
    assert "4.0週間分の損失が避けられます" in ja and "250億ドル少なく" in ja


def test_alliance_twins_are_labelled_with_words(comparison: FakeComparison) -> None:
    """A scenario against its -no-alliance-fabs twin is labelled with/without the alliance fabs."""
    twin = FakeResult(
        bands=comparison.b.bands,
        kpis=comparison.b.kpis,
        scenario=FakeScenario("taiwan-blockade-2027-6m-no-alliance-fabs", "No fabs", "工場なし"),
    )
    cmp = FakeComparison(a=twin, b=comparison.a, delta=comparison.delta)
    assert side_labels(cmp, "en") == ("without the alliance fabs", "with the alliance fabs")
    assert side_labels(cmp, "ja") == ("日米連携の新工場なし", "日米連携の新工場あり")


def test_labels_are_distinct_for_every_kpi() -> None:
    """Every engine KPI has its own label in both languages (no column overwrites another)."""
    for lang in ("en", "ja"):
        labels = [kpi_label(k, lang) for k in ENGINE_KPIS]
        assert len(set(labels)) == len(ENGINE_KPIS)
        assert all("_" not in label for label in labels)
    assert kpi_label("peak_output_lost_pct") != kpi_label("peak_weekly_shortfall_pct")
    assert kpi_order(["cumulative_shortfall_weeks", "loss_usd_bn", "output_lost_weeks"])[0] == (
        "output_lost_weeks"
    )


def test_sweep_text_follows_output_and_loss() -> None:
    """The sweep paragraph gives output lost and output at risk at both ends of the sweep."""
    table = pd.DataFrame(
        [
            {"value": v, "market": "all", "kpi": k, "mean": x, "p5": x, "p50": x, "p95": x}
            for v, w, usd in ((4.0, 1.0, 100.0), (52.0, 9.0, 900.0))
            for k, x in (("output_lost_weeks", w), ("loss_usd_bn", usd))
        ]
    )
    en = sweep_text("Blockade", "duration_weeks", table, "en")
    # the swept values as given and as the sweep's table writes them (review 24, finding 4)
    assert (
        "from 4 to 52" in en
        and "4.0 to" not in en
        and "1.0 to 9.0 weeks" in en
        and "USD 900.0 bn" in en
    )
    assert "9.0週間分" in sweep_text("封鎖", "duration_weeks", table, "ja")


def test_unknown_language_is_an_input_error(result: FakeResult) -> None:
    """Only en and ja are accepted."""
    with pytest.raises(InputError, match="lang"):
        summary_text(result, "fr")


def test_charts_are_specs_with_titles_units_shock_and_legible_text(result: FakeResult) -> None:
    """Every chart is a Vega-Lite spec with a title, a text alternative, axis titles, text of at
    least 11 px, and (for a scenario with a shock) the shock period; SVG carries title and desc."""
    from chipshock.present.charts import band_spec, render_svg
    from chipshock.present.charts_results import chart_specs

    specs = chart_specs(result, "en")
    assert list(specs) == ["output", "delivered", "supply"]
    for spec in specs.values():
        config = spec["config"]
        sizes = [config["axis"]["labelFontSize"], config["axis"]["titleFontSize"]]
        sizes += [config["legend"]["labelFontSize"], config["title"]["fontSize"]]
        assert min(sizes) >= 11
        assert spec["title"] and spec["description"]
        titles = [layer["encoding"]["y"].get("title") for layer in spec["layer"][-2:]]
        assert all(titles) and "%" in titles[0]
    shock = (dt.date(2027, 3, 12), dt.date(2027, 5, 21))
    bands = result.bands[result.bands["series"] == "output_pct_of_normal"]
    spec = band_spec(bands, title="T", description="D", y_title="%", shocks=[shock])
    assert spec["layer"][0]["mark"]["type"] == "rect"  # the shock period, shaded
    svg = render_svg(spec)
    assert svg.startswith("<svg") and "<title>T</title>" in svg and "<desc>D</desc>" in svg
    assert 'role="img"' in svg


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_is_one_self_contained_file(result: FakeResult, tmp_path: Path, lang: str) -> None:
    """The report is one HTML file: summary first, inline SVG, no scripts or external assets."""
    path = write_report(result, tmp_path / "r.html", lang=lang)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and f'lang="{lang}"' in text
    assert "<script" not in text
    assert " src=" not in text and "<link" not in text and "@import" not in text
    assert text.index("class='finding'") < text.index("<svg")
    assert text.count("<svg") >= 3
    assert "CC BY-NC 4.0" in text and "Emerging Technology Observatory" in text
    assert "https://example.org/source" in text and "2025-03" in text


def test_report_puts_output_first_and_keeps_every_kpi_column(result: FakeResult) -> None:
    """The output chart comes before chips and supply; output and chip KPIs have own columns."""
    html = render_report(result, "en")
    assert html.index("Output of end products") < html.index("Chips delivered")
    assert html.index("Chips delivered") < html.index("Chip supply")
    assert "Worst-week output lost" in html and "Worst-week chip shortfall" in html
    assert html.index("Output lost per end market") < html.index("Chips not delivered per end")


def test_comparison_report_shows_both_sides_in_words(comparison: FakeComparison) -> None:
    """A comparison report names both sides in words and shows what the better side avoids."""
    html = render_report(comparison, "en", label_a="with", label_b="without")
    assert "with ↔ without" in html
    assert "— with<" in html and "— without<" in html
    assert "Avoided: “with” compared with “without” (positive = better)" in html
    assert "— A" not in html and "B − A" not in html


def test_report_from_the_real_engine(tmp_path: Path) -> None:
    """The flagship comparison from the engine renders in Japanese."""
    sim = pytest.importorskip("chipshock.sim")
    scenarios = pytest.importorskip("chipshock.scenarios")
    from chipshock.data.store import build_store

    db = build_store(tmp_path / "s.duckdb").db_path
    data = sim.load_model_data(db)
    a = scenarios.load_scenario("taiwan-blockade-2027-6m")
    b = scenarios.load_scenario("taiwan-blockade-2027-6m-no-alliance-fabs")
    cmp = sim.compare(a, b, data, runs=30, seed=1)
    html = render_report(cmp, "ja")
    assert "台湾" in html and "億ドル" in html and "<svg" in html


def test_glossary_explains_every_code_shown(result: FakeResult) -> None:
    """A code in the appendix's data rows (here ``ai_datacenter``) gets a glossary entry."""
    html = render_report(result, "en")
    glossary = html.split("class='glossary'>")[1]
    assert "ai_<wbr>datacenter/<wbr>value_<wbr>multiplier" in html  # may break after / and _
    assert "<dt>ai_datacenter</dt><dd>AI and data centre</dd>" in glossary
    assert "<dt>p50 (middle estimate)</dt>" in glossary


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_names_each_economic_measure(result: FakeResult, lang: str) -> None:
    """Gross output at risk and value added lost by country are drawn under their own names,
    with the note that they are different measures (and neither is chips not delivered)."""
    from dataclasses import replace

    loss = pd.DataFrame(
        {"country": ["CHN", "USA"], "mean": [50.0, 40.0], "p5": [30.0, 20.0],
         "p50": [48.0, 39.0], "p95": [70.0, 60.0]}
    )  # fmt: skip
    va = pd.DataFrame(
        {"country": ["TWN", "TWN"], "measure": ["value_added_lost", "chip_sales_lost"],
         "mean": [9.0, 20.0], "p5": [5.0, 10.0], "p50": [8.0, 19.0], "p95": [12.0, 30.0]}
    )  # fmt: skip
    rich = replace(result, loss_by_country=loss, value_added_by_country=va)
    html = render_report(rich, lang)
    gross = "Gross output at risk by country" if lang == "en" else "国別の失われる総生産額"
    added = "Value added lost by country" if lang == "en" else "国別の失われる付加価値"
    assert gross in html and added in html
    assert ("must not be added" if lang == "en" else "足し合わせられません") in html
    assert ("Taiwan" if lang == "en" else "台湾") in html


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_country_by_market_heat_map(result: FakeResult, lang: str) -> None:
    """Value added lost by country x end market: one cell per pair with the median in the
    axis unit (USD bn, 億ドル in Japanese), countries ranked by their total, the biggest cells
    named in the text alternative, and drawn in the report's appendix."""
    from dataclasses import replace

    from chipshock.present.charts_results import chart_specs, country_market_spec

    cm = pd.DataFrame(
        {"country": ["TWN", "TWN", "USA", "USA", "TWN"],
         "market": ["automotive", "smartphones", "automotive", "smartphones", "all"],
         "measure": ["value_added_lost"] * 4 + ["value_added_lost"],
         "mean": [9.0, 2.0, 1.0, 0.0, 11.0], "p5": [5.0, 1.0, 0.5, 0.0, 6.0],
         "p50": [8.0, 2.0, 1.0, 0.0, 10.0], "p95": [12.0, 3.0, 2.0, 0.0, 15.0]}
    )  # fmt: skip
    rich = replace(result, value_added_by_country_market=cm)
    spec = country_market_spec(rich, lang)  # type: ignore[arg-type]
    assert spec is not None and spec["mark"]["type"] == "rect"
    values = spec["datasets"][spec["data"]["name"]]
    assert len(values) == 3  # neither the "all" row nor a zero cell is drawn
    scale = 1.0 if lang == "en" else 10.0
    cell = {(v["country"], v["market"]): v["value"] for v in values}
    taiwan = "Taiwan" if lang == "en" else "台湾"
    assert max(cell, key=cell.__getitem__)[0] == taiwan
    assert max(cell.values()) == 8.0 * scale
    assert spec["encoding"]["y"]["sort"][0] == taiwan
    assert spec["config"]["axis"]["labelFontSize"] >= 11
    assert taiwan in spec["description"]
    assert "country_market" in chart_specs(rich, lang)
    title = "by country and end market" if lang == "en" else "国・最終市場別"
    assert title in render_report(rich, lang)
    nothing = replace(rich, value_added_by_country_market=cm.assign(p50=0.0))
    assert country_market_spec(nothing, lang) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_key_figures_give_the_totals_band(comparison: FakeComparison, lang: str) -> None:
    """The first page's "output at risk" card carries its 90% band under the median, for each
    side (review12 #1: a bare median, the band only in the appendix)."""
    from chipshock.present.numbers import fmt_usd
    from chipshock.report.body import card_band

    html = render_report(comparison, lang, label_a="with", label_b="without")
    cards = re.findall(r"<div class='figures'>.*?</div></div>", html)
    assert len(cards) == 2
    for side, card in zip((comparison.a, comparison.b), cards, strict=True):
        row = side.kpis[(side.kpis["market"] == "all") & (side.kpis["kpi"] == "loss_usd_bn")].iloc[
            0
        ]
        low, high = (fmt_usd(row[p] * 1e9, lang) for p in ("p5", "p95"))
        assert fmt_usd(row["p50"] * 1e9, lang) in card
        band = card_band(low, high, lang)
        expected = f"90% of simulated futures: {band}" if lang == "en" else f"9割の未来で{band}"
        assert f"<span class='band'>{expected}</span>" in card


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_first_page_says_what_each_scenario_is_and_leaves_out(
    comparison: FakeComparison, lang: str
) -> None:
    """Review12 #3: the report reduced the scenario to "lasts 26 weeks (fixed)"; it now gives
    each side's shipped description, with the duration caveat and the "not modelled" list, once
    per paragraph (a side that repeats it adds none). In a comparison the two descriptions open
    the appendix and the first page (before the key figures) says where, so that the key figures
    stay on the first two A4 pages (review 13; tests/report/test_report_cli.py prints it)."""
    from dataclasses import replace

    from chipshock.scenarios import apply_overrides, load_scenario

    twin, flagship = (
        load_scenario(s)
        for s in ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m")
    )
    pair = replace(
        comparison,
        a=replace(comparison.a, scenario=twin),
        b=replace(comparison.b, scenario=flagship),
    )
    html = render_report(pair, lang)
    first_page = html[: html.index("class='figures'")]
    caveat, left_out = (
        ("an assumption since no one can forecast it", "Not modelled: government rationing")
        if lang == "en"
        else ("予測できないため仮定", "政府による割当、封鎖前の備蓄、価格")
    )
    assert message("report.about_in_appendix", lang) in html_text.unescape(first_page)
    appendix = html[html.index(message("report.appendix", lang)) :]
    assert appendix.count(caveat) == 2 and appendix.count(left_out) == 2
    # one scenario on both sides, the first changed for this run: its text comes once
    changed = apply_overrides(flagship, duration_weeks=20)
    same = replace(pair, a=replace(pair.a, scenario=changed))
    once = render_report(same, lang)
    assert once.count(left_out) == 1
    assert ("Changed for this run" if lang == "en" else "今回の設定変更") in once
