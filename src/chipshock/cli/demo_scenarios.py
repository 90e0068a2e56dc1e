"""The scenario half of `make demo`: the flagship comparison, its report, and how to go on.

The flagship question: in a six-month blockade of Taiwan from 2027, how much lost output and
economic loss do the alliance's new fabs (Rapidus IIM-1, TSMC Arizona, JASM Kumamoto) avoid?
Both sides run on common random numbers, so the difference is the fabs' effect, not Monte Carlo
noise. Only fabs with a sourced capacity ramp (fab_capacity.csv) count; the demo names those
that do not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.rule import Rule

from chipshock.cli.output import Format, emit, progress
from chipshock.cli.scenario_sensitivity_view import sensitivity_caption, sensitivity_table
from chipshock.cli.scenario_shared import store_release
from chipshock.cli.scenario_view import STACKED_INDEX, stacked_percentiles
from chipshock.present.numbers import kpi_cell
from chipshock.present.provenance import engine_source
from chipshock.present.summary import ALLIANCE_SIDES, avoided_frame, sensitivity_text, summary_text
from chipshock.report.html import write_report
from chipshock.scenarios import load_scenario
from chipshock.scenarios.model import Scenario
from chipshock.sim import Comparison, SensitivityResult, compare, load_model_data, sensitivity
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.prepare import switched_fabs_of

__all__ = [
    "FLAGSHIP",
    "SCENARIO_SECTIONS",
    "avoided_table",
    "scenario_headline",
    "totals_table",
    "uncounted_fabs",
]


def uncounted_fabs(scenario: Scenario, data: ModelData) -> list[str]:
    """Fabs a scenario switches off that have no capacity in the model anyway."""
    off = switched_fabs_of(scenario, data)
    years = range(scenario.start_year, scenario.end_year + 1)
    missing = set(build_network(data, years).uncounted["fab_id"])
    return [f for f in off if f in missing]


def totals_table(comparison: Comparison) -> pd.DataFrame:
    """Each side's output at risk, all markets: median and the band of 90 % of runs (p5, p95),
    without the fabs first (review12 #1: the total, the first number quoted, and its band)."""
    rows = []
    for name, side in zip(SIDE_NAMES, (comparison.a, comparison.b), strict=True):
        k = side.kpis
        row = k[(k["market"] == "all") & (k["kpi"] == "loss_usd_bn")].iloc[0]
        cells = {p: kpi_cell(row, p) for p in ("p5", "p50", "p95")}
        rows.append({"side": name, **cells})
    return pd.DataFrame(rows, columns=["side", "p5", "p50", "p95"])


def avoided_table(delta: pd.DataFrame) -> pd.DataFrame:
    """What the second side avoids across all markets, one row per indicator with its p5, p50
    and p95 in columns of their own (the rows of `scenario compare`'s "All markets" block), so
    that it reads at 80 columns."""
    avoided = avoided_frame(delta)
    rows = stacked_percentiles(avoided[avoided["market"] == "all"]).iloc[1:]  # no heading row
    return rows.rename(columns={STACKED_INDEX: "indicator"}).reset_index(drop=True)


SCENARIO_SECTIONS = (
    "A six-month blockade of Taiwan in 2027 — with and without the new fabs",
    "Which assumptions drive the answer?",
    "Go further",
)

#: the names of `FLAGSHIP`'s two sides, in its order (as `scenario compare` names them)
SIDE_NAMES = ALLIANCE_SIDES["en"][::-1]

#: (without the alliance fabs, with them): the counterfactual first, so b − a is what they add.
FLAGSHIP = ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m")


def what_drives_it(
    scenario: Scenario, data: ModelData, runs: int, console: Console
) -> SensitivityResult:
    """One-at-a-time sensitivity of the output at risk: which assumptions move the answer most."""
    console.print(Rule(SCENARIO_SECTIONS[1]))
    with progress("moving each assumption to its low and high value", total=100) as bar:
        result = sensitivity(
            scenario, data, runs=runs, progress=lambda done, total: bar.update(100 * done / total)
        )
    console.print(sensitivity_text(result, "en"), markup=False)
    emit(
        sensitivity_table(result).head(5),
        Format.table,
        caption=f"{sensitivity_caption(result, sources=False)} The five largest swings; all "
        f"of them with their sources: chipshock scenario sensitivity {scenario.scenario_id} "
        "--format csv. The base is the median with the alliance fabs above: the same runs and "
        "random draws.",
    )
    return result


def scenario_headline(db: Path, out: Path, runs: int | None, console: Console) -> None:
    """Run the flagship comparison, print its summary in plain words and write its reports."""
    console.print(Rule(SCENARIO_SECTIONS[0]))
    data = load_model_data(db)
    without, with_fabs = (load_scenario(s) for s in FLAGSHIP)
    runs = runs if runs is not None else without.runs  # the shared rule: the first's runs
    with progress("running both scenarios", total=2 * runs) as bar:
        comparison = compare(
            without,
            with_fabs,
            data,
            runs=runs,
            seed=without.seed,
            progress=lambda done, _total: bar.update(done),
        )
    console.print(summary_text(comparison, "en"), markup=False)
    emit(
        totals_table(comparison),
        Format.table,
        title=f"output at risk, all markets, {without.start_year}-{without.end_year}",
        caption="The total each side puts at risk: p50 = median, p5 and p95 bound 90 % of the "
        f"{runs:,} simulated futures. The total is far less certain than what the fabs avoid "
        "(below): both sides move together with the draws they share.",
    )
    uncounted = uncounted_fabs(without, data)
    if uncounted:
        console.print(
            "Not counted (no capacity row in fab_capacity.csv, so no capacity in the model): "
            + ", ".join(uncounted),
            markup=False,
        )
    emit(
        avoided_table(comparison.delta),
        Format.table,
        title="what the alliance fabs avoid, all markets",
        caption=f"p5 · p50 · p95: the 5th percentile, median and 95th percentile of the "
        f"{runs:,} Monte Carlo runs (seed {comparison.a.seed}), the same random draws with and "
        "without the fabs. Positive = less output lost (or faster recovery) with the fabs. "
        f"Per market: chipshock scenario compare {FLAGSHIP[0]} {FLAGSHIP[1]}; every "
        f"assumption with its source: the report. Source: {engine_source(store_release(db))}",
    )
    drivers = what_drives_it(with_fabs, data, runs, console)  # the comparison's runs
    out.mkdir(parents=True, exist_ok=True)
    report_en = write_report(
        comparison, out / "flagship-report.html", "en", sensitivity=drivers, data=data
    )
    report_ja = write_report(
        comparison, out / "flagship-report.ja.html", "ja", sensitivity=drivers, data=data
    )
    console.print(Rule(SCENARIO_SECTIONS[2]))
    console.print(
        f"Report (one self-contained file): open {report_en.resolve()}\n"
        f"Japanese version: {report_ja.resolve()}\n"
        f"Dashboard: .venv/bin/chipshock serve --db {db}  then open http://127.0.0.1:8000/\n"
        f"Your own scenario: .venv/bin/chipshock scenario show {FLAGSHIP[1]} > mine.toml, edit it, "
        f"then .venv/bin/chipshock scenario run mine.toml --db {db}",
        markup=False,
    )
