"""`chipshock report --by-fab`: the report's "What each alliance fab avoids" section gives the
numbers of `chipshock scenario contributions` for the same scenario, runs and seed, in English
and Japanese, in the appendix (the first two pages keep the key figures)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.contributions import amount_cell, amount_text
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd, fmt_usd_column

pytest.importorskip("chipshock.sim")

TWIN, FLAGSHIP = "taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m"
RUNS = "4"


def _cli_json(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout[result.stdout.index("{") :]))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_by_fab_matches_the_cli(built_store: Path, tmp_path: Path, lang: str) -> None:
    db = ["--db", str(built_store)]
    out = tmp_path / "r.html"
    args = ["report", TWIN, "--compare", FLAGSHIP, "--runs", RUNS, "--by-fab", "--lang", lang]
    result = CliRunner().invoke(cli_app, [*args, *db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    section = re.search(r"<section class='by-fab'>(.*?)</section>", page, re.S)
    assert section, "no by-fab section"
    # the twin and the flagship are the same scenario with the alliance fabs off / on: the
    # contributions of either are the same numbers
    cli = _cli_json(["scenario", "contributions", FLAGSHIP, "--runs", RUNS, *db])
    for row in cli["fabs"]:
        tr = re.search(rf"<tr data-fab='{re.escape(row['fab_id'])}'>(.*?)</tr>", section[1], re.S)
        assert tr, row["fab_id"]
        for stat in ("p50", "p5", "p95"):
            # as the CLI's cell with its unit: "USD <0.1 bn", not fmt_usd's "USD 0.02 bn"
            assert amount_text(row[stat], lang) in html.unescape(tr[1]), (row, stat)
    together = next(r for r in cli["together"] if r["measure"] == "together")
    assert fmt_usd(together["p50"] * 1e9, lang) in section[1]
    # in the appendix, after the body's last section
    assert page.index("class='appendix'") < page.index("class='by-fab'")
    # review 16 leftover 2: in the body's bars, a fab without capacity when the shock starts
    # says why its bar is at zero, from the cells the appendix's capacity column reads
    start = page.index("data-chart='fabs-alone'")
    bars = html.unescape(page[start : page.index("</figure>", start)])
    late = {r["fab_id"]: r for r in cli["fabs"] if r["measure"] == "alone"}
    late = {f: r for f, r in late.items() if r["capacity_wspm"] == 0}
    # the shipped flagship: JASM Fab 2, TSMC Arizona P2 and Rapidus (its pilot line holds no
    # supply since data release 23) from 2028, P3 from 2029
    assert {f: r["first_year"] for f, r in late.items()} == {
        "jasm-kumamoto-fab2": 2028,
        "rapidus-iim1": 2028,
        "tsmc-arizona-p2": 2028,
        "tsmc-arizona-p3": 2029,
    }
    # the bars' medians by one rule for the chart (session 28: `fmt_usd_column`)
    alone = [r for r in cli["fabs"] if r["measure"] == "alone"]
    medians = fmt_usd_column([r["p50"] * 1e9 for r in alone], lang)
    # ... except that a label reads as its table cell where they differ (`amount_text`): a
    # "<0.1" cell in English, every median in Japanese (session 34)
    medians = [
        amount_text(r["p50"], lang) if lang == "ja" or amount_cell(r["p50"])[0] in "<>" else m
        for r, m in zip(alone, medians, strict=True)
    ]
    texts = dict(zip([r["fab_id"] for r in alone], medians, strict=True))
    for row in late.values():
        reason = message("report.fab_bar_no_capacity", lang, value=texts[row["fab_id"]],
                         first=row["first_year"])  # fmt: skip
        assert reason in bars, (row["fab_id"], reason)
        # the appendix's table gives the same year in its capacity column
        tr = re.search(rf"<tr data-fab='{row['fab_id']}'>(.*?)</tr>", section[1], re.S)
        assert tr and str(row["first_year"]) in tr[1]


def test_without_the_flag_no_section(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", FLAGSHIP, "--runs", "2", "--db", str(built_store), "-o", str(out)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert "by-fab" not in out.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_by_fab_body_pages(built_store: Path, tmp_path: Path, lang: str) -> None:
    """Review 16 leftover 3, the rule README states: with --by-fab the lead chart, the fab
    bars and the key figures stay on the first two A4 pages; in English the whole body does and
    the appendix starts on page 3, in Japanese too (session 25: its summary no longer runs
    onto page 3; the key figures' five cards stand in one row in print)."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the pages back")
    out = tmp_path / "r.html"
    args = ["report", FLAGSHIP, "--compare", TWIN, "--runs", "8", "--by-fab", "--pdf"]
    args += ["--lang", lang, "--db", str(built_store), "-o", str(out)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output

    def page(n: int) -> str:
        done = subprocess.run(
            [pdftotext, "-f", str(n), "-l", str(n), "-layout", str(out.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    first_two = page(1) + page(2)
    assert message("report.key", lang) in first_two
    assert "".join(message("report.chart_fabs_alone", lang).split())[:12] in "".join(
        page(1).split()
    )
    appendix = message("report.appendix", lang)
    assert appendix not in first_two
    # the whole body on two pages: the summary's last sentence on page 2, the appendix next
    assert page(3).lstrip().startswith(appendix)
    last = "".join(message("caveat", lang).split())  # the summary's last sentence
    assert last in "".join(page(2).split()), last


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fab_bars_use_the_chart_width(lang: str) -> None:
    """Session 25: a 170 px label column and the values written past the bars left the by-fab
    bars a plot of 314 of the chart's 640 px. Each fab's name and median now stand above its
    bar, from the plot's left edge: drawn, the plot takes at least 600 px, every whisker ends
    inside it, and each label line fits it, Rapidus' long name without its part in brackets
    (the appendix's table gives it whole)."""
    pytest.importorskip("vl_convert")
    import pandas as pd

    from chipshock.present.avoided_chart import FAB_LABEL_PX, fab_bars_spec
    from chipshock.present.charts import STATIC_WIDTH, render_svg
    from chipshock.present.text_width import text_px
    from chipshock.sim.run.contributions import FabContributions

    rows = [
        {"fab_id": f, "measure": m, "mean": v, "p5": v / 3, "p50": v, "p95": v * 1.6}
        for f, v in (("rapidus-iim1", 0.0), ("jasm-kumamoto-fab1", 27.1), ("tsmc-arizona-p1", 18.4))
        for m in ("alone", "added")
    ]
    stats = {"mean": 30.0, "p5": 15.0, "p50": 30.0, "p95": 60.0}
    split = FabContributions(
        scenario_id=FLAGSHIP,
        fabs=("jasm-kumamoto-fab1", "rapidus-iim1", "tsmc-arizona-p1"),
        runs=40,
        seed=2027,
        table=pd.DataFrame(rows),
        totals={k: stats for k in ("together", "sum_alone", "sum_added", "interaction")},
        loss_by_run=pd.DataFrame(),
        fab_info=pd.DataFrame(
            {
                "fab_id": ["rapidus-iim1", "jasm-kumamoto-fab1", "tsmc-arizona-p1"],
                "shock_year": 2027,
                "capacity_wspm": [0.0, 55000.0, 20000.0],
                "first_year": [2028, 2025, 2025],
                "as_of": "2025-12",
                "confidence": "low",
            }
        ),
    )
    names = {
        "en": {
            "rapidus-iim1": "Rapidus IIM-1 (Innovative Integration for Manufacturing)",
            "jasm-kumamoto-fab1": "JASM Kumamoto Fab 1",
            "tsmc-arizona-p1": "TSMC Arizona Fab 21 Phase 1",
        },
        "ja": {
            "rapidus-iim1": "ラピダス IIM-1（千歳）",
            "jasm-kumamoto-fab1": "JASM第1工場",
            "tsmc-arizona-p1": "TSMCアリゾナ Fab 21 第1期",
        },
    }[lang]
    spec = fab_bars_spec(split, names, lang)
    assert spec is not None
    svg = render_svg(spec)
    plot = re.search(r'<path class="background"[^>]*d="M0,0h([\d.]+)v', svg)
    assert plot and float(plot[1]) >= 600 and STATIC_WIDTH == 640, plot
    for start, length in re.findall(
        r'rule mark" transform="translate\(([\d.]+),[\d.]+\)" x2="([\d.]+)"', svg
    ):
        assert float(start) + float(length) <= float(plot[1]) + 0.5
    text_mark = r'"text mark" text-anchor="start" transform="translate\(0,[\d.]+\)"'
    lines = re.findall(text_mark + r"[^>]*>([^<]+)</text>", svg)
    assert len(lines) == 3 and all(text_px(html.unescape(t), 12) <= FAB_LABEL_PX for t in lines)
    zero = fmt_usd_column([0.0], lang)[0]  # a true zero: "USD 0 bn"
    reason = message("report.fab_bar_no_capacity", lang, value=zero, first=2028)
    # session 28: measured with the fonts' widths, Rapidus' whole name fits the full width
    rapidus = message("report.fab_bar_label", lang, name=names["rapidus-iim1"], value=reason)
    assert html.unescape(lines[-1]) == rapidus
    assert fmt_usd(27.1e9, lang) in html.unescape(lines[0])
