"""A comparison report leads with what its headline is about (review 16 #9): the run-by-run
avoided loss, whose p5/p50/p95 are `chipshock scenario compare`'s ``loss_avoided_usd_bn`` for the
same runs and seed; the two-band chart follows the key figures; one scenario keeps its lead."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.report.conftest import FakeComparison, FakeResult
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.avoided_chart import avoided_loss
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd
from chipshock.report import render_report
from chipshock.sim.run.contributions import FabContributions

TWIN, FLAGSHIP = "taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m"
RUNS = "40"


def _figures(page: str) -> list[str]:
    """The opening tags of the page's figures, in order."""
    return re.findall(r"<figure[^>]*>", page)


def _by_run(losses: list[float]) -> pd.DataFrame:
    """A per-run KPI table: the total loss of each run (market "all") and a market row."""
    rows = []
    for run, loss in enumerate(losses):
        rows.append({"run": run, "market": "ai_datacenter", "loss_usd_bn": loss * 0.8})
        rows.append({"run": run, "market": "all", "loss_usd_bn": loss})
    return pd.DataFrame(rows)


def _paired(comparison: FakeComparison) -> FakeComparison:
    """The fixture's comparison with five runs a side: b − a = 5, 2, 9, 0, 20 (USD bn)."""
    a = replace(comparison.a, kpis_by_run=_by_run([10.0, 20.0, 30.0, 40.0, 50.0]))
    b = replace(comparison.b, kpis_by_run=_by_run([15.0, 22.0, 39.0, 40.0, 70.0]))
    return replace(comparison, a=a, b=b)


def test_avoided_loss_pairs_the_runs(comparison: FakeComparison) -> None:
    """Per run, what the better side (here the first) avoids: b − a = 5, 2, 9, 0, 20; p50 5."""
    avoided = avoided_loss(_paired(comparison))
    assert avoided is not None and avoided.first_is_better
    assert list(avoided.per_run_usd_bn) == [5.0, 2.0, 9.0, 0.0, 20.0]
    assert avoided.stats["p50"] == 5.0
    assert avoided.stats["p5"] == pytest.approx(0.4)  # 0 + 0.2 x (2 − 0)
    assert avoided.stats["p95"] == pytest.approx(17.8)  # 9 + 0.8 x (20 − 9)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_comparison_report_leads_with_the_avoided_loss(
    comparison: FakeComparison, lang: str
) -> None:
    """The first figure is the avoided-loss chart, marked at p50 with its amount and source;
    the two-band chart follows the key figures, before the summary."""
    page = render_report(_paired(comparison), lang, label_a="with", label_b="without")
    first = _figures(page)[0]
    assert "data-chart='avoided'" in first and "data-p50='5.0'" in first
    figure = page[page.index(first) : page.index("</figure>", page.index(first))]
    assert f"p50 {fmt_usd(5e9, lang)}" in figure  # the label at the p50 rule
    assert message("report.figure_source", lang, source="")[:3] in figure
    assert "<desc>" in figure and fmt_usd(5e9, lang) in figure.split("<desc>")[1]
    bands = page.index("data-chart='compare'")
    assert page.index("class='figures'") < bands < page.index("class='appendix'")
    assert bands < page.index(message("report.summary", lang))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_lead_chart_is_the_dashboards_avoided_spec(comparison: FakeComparison, lang: str) -> None:
    """The report draws the lead from the very spec the API and the dashboard send
    (`chart_specs`' ``avoided``, review 16 leftover 4): its SVG is that spec's, drawn once."""
    from chipshock.present.charts import render_svg
    from chipshock.present.charts_results import chart_specs

    paired = _paired(comparison)
    page = render_report(paired, lang, label_a="with", label_b="without")
    spec = chart_specs(paired, lang, label_a="with", label_b="without")["avoided"]
    lead = page[page.index("data-chart='avoided'") :].split("</figure>")[0]
    assert render_svg(dict(spec)) in lead
    # a spec changed on the shared side changes the report's lead: the report builds none itself
    retitled = {**spec, "title": "not the report's own"}
    assert render_svg(dict(retitled)) not in lead


def test_comparison_without_per_run_tables_keeps_the_two_band_lead(
    comparison: FakeComparison,
) -> None:
    """A comparison with no per-run tables (nothing to pair) leads with the two-band chart."""
    page = render_report(comparison, "en", label_a="with", label_b="without")
    assert "data-chart='avoided'" not in page
    assert "Output of AI and data centre" in page.split("<figure")[1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_single_scenario_report_keeps_its_lead_chart(result: FakeResult, lang: str) -> None:
    """One scenario leads with the output of end products, as before."""
    page = render_report(result, lang)
    assert _figures(page)[0] == "<figure>"
    lead = page.split("<figure>")[1]
    assert message("report.chart_output", lang) in lead.split("</figure>")[0]
    assert "data-chart='avoided'" not in page


def _cli(args: list[str], db: Path) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    ("first", "second", "lang"),
    [(FLAGSHIP, TWIN, "ja"), (TWIN, FLAGSHIP, "en")],
    ids=["with-first-ja", "without-first-en"],
)
def test_lead_chart_p50_is_the_cli_headline(
    built_store: Path, tmp_path: Path, first: str, second: str, lang: str
) -> None:
    """`chipshock report A --compare B` marks the p5, p50 and p95 that `chipshock scenario
    compare` gives as ``headline.loss_avoided_usd_bn`` for the same runs and seed, whichever
    side is named first (the same floats, not only the same rounded text)."""
    out = tmp_path / "r.html"
    _cli(["report", first, "--compare", second, "--runs", RUNS, "--lang", lang, "-o", str(out)],
         built_store)  # fmt: skip
    page = out.read_text(encoding="utf-8")
    cli = _cli(["scenario", "compare", TWIN, FLAGSHIP, "--runs", RUNS, "--format", "json"],
               built_store)  # fmt: skip
    headline = json.loads(cli.stdout[cli.stdout.index("{") :])["headline"]
    assert (headline["a"], headline["b"], headline["runs"]) == (TWIN, FLAGSHIP, int(RUNS))
    lead = _figures(page)[0]
    assert "data-chart='avoided'" in lead
    marked = {k: float(re.search(rf"data-{k}='([^']+)'", lead)[1]) for k in ("p5", "p50", "p95")}  # type: ignore[index]
    assert marked == {k: headline["loss_avoided_usd_bn"][k] for k in ("p5", "p50", "p95")}
    usd = fmt_usd(marked["p50"] * 1e9, lang)
    assert f"p50 {usd}" in page[page.index(lead) :].split("</figure>")[0]
    assert usd in page[: page.index(lead)]  # the finding quotes the same median


def test_by_fab_bars_follow_the_lead_chart(comparison: FakeComparison) -> None:
    """With the fab contributions (``--by-fab``), the second figure draws each fab's 'alone'
    median, largest first, with its source; the table stays in the appendix."""
    rows = [
        {"fab_id": f, "measure": m, "mean": v, "p5": v / 2, "p50": v, "p95": v * 2}
        for f, v in (("rapidus-iim1", 1.0), ("jasm-fab1", 30.8))
        for m in ("alone", "added")
    ]
    stats = {"mean": 30.0, "p5": 15.0, "p50": 30.0, "p95": 60.0}
    split = FabContributions(
        scenario_id="taiwan-blockade-2027-6m",
        fabs=("jasm-fab1", "rapidus-iim1"),
        runs=40,
        seed=2027,
        table=pd.DataFrame(rows),
        totals={k: stats for k in ("together", "sum_alone", "sum_added", "interaction")},
        loss_by_run=pd.DataFrame(),
        fab_info=pd.DataFrame(),
    )
    page = render_report(_paired(comparison), "en", contributions=split)
    figures = _figures(page)
    assert "data-chart='avoided'" in figures[0] and "data-chart='fabs-alone'" in figures[1]
    start = page.index(figures[1])
    bars = page[start : page.index("</figure>", start)]
    assert "USD 30.8 bn" in bars and "USD 1.0 bn" in bars
    assert bars.index("jasm-fab1") < bars.index("rapidus-iim1")  # no names given: the ids
    assert "40 simulated futures (seed 2027)" in bars
    assert page.index("class='by-fab'") > page.index("class='appendix'")


def test_the_count_axis_counts_whole_runs(comparison: FakeComparison) -> None:
    """The lead chart's y axis counts runs, so its ticks are whole numbers: with five runs a
    side (a bin holds 1 run) Vega's default ticks were 0.0, 0.5, 1.0 (rep5 saw 0.5, 1.5 in
    an 8-run PDF)."""
    from chipshock.present.charts import render_svg
    from chipshock.present.charts_results import chart_specs

    spec = chart_specs(_paired(comparison), "en", label_a="with", label_b="without")["avoided"]
    svg = render_svg(dict(spec))
    axis = svg[svg.index('aria-label="Y-axis') :].split('class="mark-text role-axis-title"')[0]
    labels = re.findall(r">([^<>]+)</text>", axis)
    assert labels and all(label.isdigit() for label in labels), labels


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_count_axis_writes_each_count_once(comparison: FakeComparison, lang: str) -> None:
    """Session 28: tickMinStep left vl-convert's ticks at 0.5 steps, so the 8-run briefing's
    axis read 0, 1, 1, 2, 2; its ticks are now given: distinct whole numbers up to the fullest
    bin's count or past it."""
    from chipshock.present.avoided_chart import avoided_bins, avoided_loss
    from chipshock.present.charts import render_svg
    from chipshock.present.charts_results import chart_specs

    paired = _paired(comparison)
    spec = chart_specs(paired, lang, label_a="with", label_b="without")["avoided"]
    svg = render_svg(dict(spec))
    axis = svg[svg.index('aria-label="Y-axis') :].split('class="mark-text role-axis-title"')[0]
    labels = [int(t) for t in re.findall(r">([^<>]+)</text>", axis)]
    avoided = avoided_loss(paired)
    assert avoided is not None
    most = int(avoided_bins(avoided)["count"].max())
    assert labels == sorted(set(labels)) and labels[0] == 0 and labels[-1] >= most, labels
