"""A small nonzero figure reads alike wherever it is written (session 34): a Sobol index and its
95% half-width below 0.05 % are not rounded to 0 before a surface writes them, and read "<1%"
in the report (as on the dashboard) and "<0.1" in the CLI's table; the by-fab bars' labels and
screen-reader text read as the split's table cells."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from tests.report.test_fab_bar_labels import NAMES, _split

from chipshock.cli.sobol_view import sobol_table
from chipshock.present.avoided_chart import fab_bars_spec
from chipshock.present.contributions import amount_text
from chipshock.present.numbers import fmt_range
from chipshock.report.sobol_reading import sobol_text, sobol_tidy
from chipshock.report.sobol_section import sobol_section
from chipshock.sim.sobol import SOBOL_COLUMNS, SobolResult


def _sobol() -> SobolResult:
    """The shock's duration explains 80 %; utilisation 0.04 % (first order 0.02 %), each with
    a half-width of 0.03 %; the total indices moved by at most 0.3 % between N/2 and N."""

    def row(factor: str, label: str, s1: float, st: float, conf: float) -> list[object]:
        return [factor, label, 0.7, 0.95, s1, conf, st, conf, st - s1, s1, st, 0.003,
                "model_assumptions.csv: x", "medium", "https://example.org/x", "set", label,
                "multiplier", "sensitivity_factors.csv: x", "https://example.org/r", "2024-05",
                "low", "assumption"]  # fmt: skip

    table = pd.DataFrame(
        [
            row("shock_duration", "Shock duration", 0.7, 0.8, 0.06),
            row("utilisation", "Fab utilisation", 0.0002, 0.0004, 0.0003),
        ],
        columns=list(SOBOL_COLUMNS),
    )
    return SobolResult(
        table=table, design=pd.DataFrame(), kpi="loss_usd_bn", market="all", samples=8,
        runs=5, seed=3, evaluations=32, converged=True, tolerance=0.05, y_mean=300.0,
        y_sd=40.0, scenario_id="x", max_st_change=0.003, max_st_conf=0.0004,
    )  # fmt: skip


def test_a_tiny_sobol_index_is_not_rounded_to_zero_in_the_tidy_table() -> None:
    """The tidy table (CLI, API, report) keeps 0.04 % (it rounded it to 0.0, so the CLI read
    "0.0" and the report "0%" where the dashboard, from the raw index, read "<1")."""
    tidy = sobol_tidy(_sobol())
    small = tidy[tidy["factor"] == "utilisation"].iloc[0]
    assert small["total_pct"] == pytest.approx(0.04)
    assert small["total_ci_pct"] == pytest.approx(0.03)
    cells = sobol_table(tidy, "ja").iloc[1].tolist()
    assert cells[4:9] == ["<0.1"] * 5  # first, first ±, total, total ±, half


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_writes_index_and_half_width_in_percent(lang: str) -> None:
    """The report's table writes an index and its half-width in one form, "80% ± 6%", a tiny
    one "<1% ± <1%" (the dashboard's `indexCell` the same), never "0% ± 0%"."""
    page = html.unescape(sobol_section(_sobol(), lang))  # type: ignore[arg-type]
    assert "80% ± 6%" in page and "<1% ± <1%" in page
    assert "0% ± 0%" not in page.replace("80% ± 6%", "")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_reading_writes_a_small_share_below_one_percent(lang: str) -> None:
    """The reading's stability check says a change of 0.3 % and an interval of 0.04 % as
    "<1%", not "0%" (it wrote them with its own :.0f)."""
    text = sobol_text(_sobol(), lang)  # type: ignore[arg-type]
    assert text.count("<1%") >= 2, text
    assert " 0%" not in text and "±0%" not in text and "、0%" not in text, text


def test_a_fab_bars_screen_reader_band_reads_as_the_table() -> None:
    """Each bar's text for a screen reader gives p5–p95 as the split's table cells (with their
    unit): "USD <0.1 bn to USD <0.1 bn" for 0.005 to 0.015 bn, not fmt_usd's "USD 0.005 bn",
    beside the label's "USD <0.1 bn"."""
    spec = fab_bars_spec(_split({"jasm-kumamoto-fab1": 22.4, "tsmc-arizona-p2": 0.01}), NAMES)
    assert spec is not None
    rows = {r["label"]: r for r in next(iter(spec["datasets"].values()))}
    aria = rows["tsmc-arizona-p2"]["aria"]
    assert fmt_range(amount_text(0.005), amount_text(0.015)) in aria
    assert "USD <0.1 bn to USD <0.1 bn" in aria and "0.005" not in aria and "0.01" not in aria
    assert "USD <0.1 bn" in rows["tsmc-arizona-p2"]["text"]
