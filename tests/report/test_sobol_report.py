"""The report's Sobol section: reading, chart of both indices, stability in words, table with
sources; and `chipshock report --sobol`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.report.conftest import FakeResult
from typer.testing import CliRunner

from chipshock.report import render_report
from chipshock.report.sobol_reading import sobol_chart
from chipshock.report.sobol_section import convergence_text, sobol_section
from chipshock.sim.sobol import SOBOL_COLUMNS, SobolResult


def _sobol(converged: bool = True) -> SobolResult:
    """Two assumptions: the shock's duration explains 70% alone and 80% with interactions."""
    table = pd.DataFrame(
        [
            ["shock_duration", "Shock duration", 4.0, 78.0, 0.7, 0.05, 0.8, 0.06, 0.1, 0.68,
             0.79, 0.01, "shock_assumptions.csv: taiwan_blockade_duration", "low",
             "https://example.org/rhg", "range", "ショックの期間", "weeks",
             "shock_assumptions.csv: taiwan_blockade_duration", "https://example.org/rhg", "",
             "low", "range: the shock's duration"],
            ["utilisation", "Fab utilisation", 0.7, 0.95, 0.1, 0.02, 0.15, 0.03, 0.05, 0.1,
             0.14, 0.01, "model_assumptions.csv: utilisation", "medium",
             "https://example.org/semi", "set", "稼働率", "share",
             "sensitivity_factors.csv: utilisation", "https://example.org/range", "2024-05",
             "low", "assumption: judgement"],
        ],
        columns=list(SOBOL_COLUMNS),
    )  # fmt: skip
    return SobolResult(
        table=table, design=pd.DataFrame(), kpi="loss_usd_bn", market="all", samples=8,
        runs=5, seed=3, evaluations=32, converged=converged, tolerance=0.05, y_mean=300.0,
        y_sd=40.0, scenario_id="x",
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_chart_has_both_indices_with_intervals(lang: str) -> None:
    """One bar per assumption and index, whiskers from the 95% half-widths, text >= 11 px."""
    spec = sobol_chart(_sobol(), lang)  # type: ignore[arg-type]
    assert spec is not None and spec["config"]["axis"]["labelFontSize"] >= 11
    rows = [r for data in spec["datasets"].values() for r in data if "series" in r]
    assert len(rows) == 4 and len({r["series"] for r in rows}) == 2
    duration = next(r for r in rows if r["value"] == 80.0)
    assert (duration["low"], duration["high"]) == pytest.approx((74.0, 86.0))
    assert "80%" in spec["description"] and "70%" in spec["description"]


def test_section_reads_the_driver_and_says_whether_it_is_stable() -> None:
    """The section names the main driver, draws the chart, lists sources, and says the
    indices are stable or, when the check failed, not yet stable."""
    html = sobol_section(_sobol(), "en")  # type: ignore[arg-type]
    assert "shock duration explains the most" in html
    assert "<svg" in html and "https://example.org/rhg" in html
    assert "80% ± 6%" in html and "4.0 weeks – 78 weeks" in html
    # each range in its unit and with where it comes from (the factor rows)
    assert "70% – 95%" in html and "https://example.org/range" in html
    assert "Range: sensitivity_factors.csv: utilisation (as of 2024-05)" in html.replace(
        "<wbr>", ""
    )  # the range's row in the one source column, breakable inside identifiers
    assert "Stable" in html
    assert "Not yet stable" in convergence_text(_sobol(converged=False), "en")  # type: ignore[arg-type]
    assert "N = 8" not in convergence_text(_sobol(converged=False), "en")  # type: ignore[arg-type]
    assert "まだ安定していません" in sobol_section(_sobol(converged=False), "ja")  # type: ignore[arg-type]


def test_report_places_the_section_in_the_appendix(result: FakeResult) -> None:
    """With ``sobol`` the report has the section after the main body; without, it has none."""
    with_ = render_report(result, "en", sobol=_sobol())
    assert "<section id='sobol'>" in with_
    assert with_.index("<section id='sobol'>") > with_.index("class='finding'")
    assert "<section id='sobol'>" not in render_report(result, "en")


@pytest.mark.slow
def test_report_command_with_sobol(tmp_path: Path, built_store: Path) -> None:
    """`report SCENARIO --sobol` runs the Sobol analysis and writes the section; a sample size
    that is not a power of two is refused before any simulation, naming the option."""
    from tests.report.test_report_cli import _app

    out = tmp_path / "report.html"
    base = ["report", "taiwan-blockade-2027-6m", "--runs", "4", "--db", str(built_store),
            "-o", str(out), "--sobol", "--sobol-runs", "1"]  # fmt: skip
    result = CliRunner().invoke(_app(), [*base, "--sobol-samples", "4"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    section = text[text.index("<section id='sobol'>") :].split("</section>")[0]
    assert "Which assumptions, and which combinations" in section and "<svg" in section
    bad = CliRunner().invoke(_app(), [*base, "--sobol-samples", "6"])
    assert bad.exit_code != 0 and "--sobol-samples" in str(bad.exception)


def test_japanese_sources_come_from_the_result_s_data() -> None:
    """The Sobol table says each factor's rows in Japanese from `SobolResult.sources` (the
    data the simulation returns), as the tornado's table does; the English text is not
    pattern-matched."""
    from dataclasses import replace

    from chipshock.sim.sensitivity_factors import FactorSources, RowRef

    shock = (
        RowRef("scenario", ("x",)),
        RowRef("file", ("taiwan_blockade_duration",), "shock_assumptions.csv", "low_high"),
    )
    util = (RowRef("file", ("utilisation",), "model_assumptions.csv"),)
    own = (RowRef("file", ("utilisation",), "sensitivity_factors.csv"),)
    result = replace(
        _sobol(),
        sources=(
            FactorSources("shock_duration", shock, shock),
            FactorSources("utilisation", util, own),
        ),
    )
    html = sobol_section(result, "ja").replace("<wbr>", "")  # type: ignore[arg-type]
    assert "シナリオ x；shock_assumptions.csv: taiwan_blockade_duration（低い値・高い値）" in html
    assert "範囲" in html and "sensitivity_factors.csv: utilisation（2024-05時点）" in html
