"""The one-page report and the plain-language summaries, in English and Japanese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.report.conftest import FakeComparison, FakeResult

from chipshock.errors import InputError
from chipshock.report import render_report, summary_text, write_report
from chipshock.report.charts import band_chart, bar_chart


def test_summary_en_names_the_worst_market_and_the_loss(result: FakeResult) -> None:
    """The English summary names the hardest-hit market, its shortfall and the loss range."""
    text = summary_text(result, "en")
    assert text.startswith("Taiwan blockade, 2027, six months.")
    assert "AI and data centre" in text and "30.0%" in text
    assert "USD 25.0 bn" in text and "USD 12.0 bn" in text and "USD 50.0 bn" in text
    assert "30 weeks" in text


def test_summary_ja_is_japanese_with_oku_dollars(result: FakeResult) -> None:
    """The Japanese summary is Japanese prose with amounts in 億ドル."""
    text = summary_text(result, "ja")
    assert text.startswith("台湾封鎖（2027年・6か月）。")
    assert "AI・データセンター" in text and "250億ドル" in text
    assert "予測ではありません" in text
    assert not re.search(r"\b(the|and|of)\b", text)


def test_comparison_summary_gives_the_difference(comparison: FakeComparison) -> None:
    """A comparison summary says how much more B loses than A, in both languages."""
    en = summary_text(comparison, "en", label_a="with fabs", label_b="without fabs")
    assert "“with fabs” (A)" in en and "USD 25.0 bn more" in en
    ja = summary_text(comparison, "ja")
    assert "250億ドル多く" in ja


def test_unknown_language_is_an_input_error(result: FakeResult) -> None:
    """Only en and ja are accepted."""
    with pytest.raises(InputError, match="lang"):
        summary_text(result, "fr")


def test_charts_are_svg_with_text_alternatives(result: FakeResult) -> None:
    """Band and bar charts are SVG with <title> and <desc>."""
    bands = result.bands[result.bands["series"] == "delivered_pct_of_demand"]
    svg = band_chart(bands, title="T", description="D", x="date")
    assert svg.startswith("<svg") and "<title>T</title>" in svg and "<desc>D</desc>" in svg
    assert svg.count("<polygon") == 2
    bars = bar_chart([("a", 1.0, 0.5, 2.0), ("b", -1.0, None, None)], title="B", description="x")
    assert bars.count("<rect") == 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_is_one_self_contained_file(result: FakeResult, tmp_path: Path, lang: str) -> None:
    """The report is one HTML file: summary first, inline SVG, no scripts or external assets."""
    path = write_report(result, tmp_path / "r.html", lang=lang)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and f'lang="{lang}"' in text
    assert "<script" not in text
    assert " src=" not in text and "<link" not in text and "@import" not in text
    assert text.index("class='summary'") < text.index("<svg")
    assert text.count("<svg") >= 3
    assert "CC BY-NC 4.0" in text and "Emerging Technology Observatory" in text
    assert "https://example.org/source" in text and "2025-03" in text


def test_comparison_report_shows_both_sides_and_delta(comparison: FakeComparison) -> None:
    """A comparison report has charts for A and B and the difference table."""
    html = render_report(comparison, "en", label_a="with", label_b="without")
    assert "with ↔ without" in html
    assert "— A" in html and "— B" in html and "Difference B − A" in html


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
