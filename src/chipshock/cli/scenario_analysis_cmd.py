"""`chipshock scenario sweep` and `chipshock scenario sensitivity`: how the answer moves with one
parameter, and which assumptions drive it (tornado or Sobol indices)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.output import Format, console, emit
from chipshock.cli.scenario_options import (
    Engine,
    EngineOpt,
    LangOpt,
    RunsOpt,
    ScenarioArg,
    SchedulerOpt,
    SeedOpt,
    check_lang,
    engine_kwargs,
    sweep_values,
)
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.cli.scenario_sensitivity_view import (
    sensitivity_caption,
    sensitivity_table,
    sensitivity_text,
)
from chipshock.cli.scenario_shared import (
    capacity_notes,
    model_data,
    prepared_scenario,
    progress_bar,
)
from chipshock.cli.scenario_sweep_ja import print_sweep_ja
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.cli.scenario_view import KPI_LABELS, SWEEP_KEY_KPIS, wide_percentiles
from chipshock.cli.sobol_view import sobol_caption, sobol_table
from chipshock.errors import InputError, Problem
from chipshock.present.censored_analysis import censoring, censoring_note
from chipshock.present.coverage_notes import run_capacity_note
from chipshock.present.messages import LANGS, message
from chipshock.present.summary import sweep_text
from chipshock.scenarios import Scenario

__all__ = ["sensitivity", "sweep"]


def sweep(
    scenario: ScenarioArg,
    parameter: Annotated[
        str,
        typer.Option("--parameter", "-p", help="duration_weeks, start_year or inventory_weeks."),
    ] = "duration_weeks",
    values: Annotated[
        str, typer.Option("--values", help="Comma-separated values, e.g. 4,13,26,52.")
    ] = "4,13,26,52",
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run a scenario for several values of one parameter (same seed for each value).

    Example:
    chipshock scenario sweep taiwan-blockade-2027-6m -p duration_weeks --values 4,13,26,52
    """
    from chipshock.sim import sweep as sweep_scenario
    from chipshock.sim.run.api import capacity_years

    language = check_lang(lang)
    parsed = sweep_values(parameter, values)
    data = model_data(db)
    # every problem of the file in one round, in the answer's language
    check_files({"SCENARIO": scenario}, db, data, language, "chipshock scenario sweep")
    s = prepared_scenario(scenario, runs=runs, seed=seed)
    with progress_bar(f"sweeping {parameter}", s.runs * len(parsed)) as update:
        table = sweep_scenario(
            s,
            data,
            parameter,
            parsed,
            runs=s.runs,
            seed=s.seed,
            progress=update,
            **engine_kwargs(engine, scheduler),
        )
    # years past the capacity data (a sweep keeps the horizon): on stderr, and in the JSON meta
    years = capacity_years(data)
    warnings = capacity_notes(
        {lang: run_capacity_note(s.start_year, s.end_year, years, lang) for lang in LANGS},
        lang=language,
    )
    if fmt is Format.table and language == "ja":  # sentence, table and caption in Japanese
        return print_sweep_ja(s, parameter, table)
    if fmt is Format.table:
        console.print(
            sweep_text(s.title, parameter, table, language), highlight=False, markup=False
        )
    shown = table
    if fmt is Format.table:
        shown = wide_percentiles(
            table[table["market"] == "all"], index="value", parameter=parameter
        ).rename(columns={"value": parameter})
    emit(
        shown,
        fmt,
        title=f"{s.scenario_id}: " + message("cli.sweep_title", "en", parameter=parameter),
        caption=message("cli.sweep_caption", "en") + " " + message("kpi.censored_note", "en"),
        narrow=[parameter, *(KPI_LABELS[k] for k in SWEEP_KEY_KPIS)],
        meta={
            "scenario": s.scenario_id,
            "parameter": parameter,
            "values": parsed,
            "runs": s.runs,
            "seed": s.seed,
            **warnings,
        },
    )


def sensitivity(
    scenario: ScenarioArg,
    kpi: Annotated[
        str, typer.Option("--kpi", help="loss_usd_bn, output_lost_weeks…")
    ] = "loss_usd_bn",
    market: Annotated[str, typer.Option("--market", help="all or one end market.")] = "all",
    factor: Annotated[
        list[str] | None, typer.Option("--factor", help="Only this factor; repeat for several.")
    ] = None,
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    method: Annotated[
        str, typer.Option("--method", help="tornado (one at a time) or sobol (global).")
    ] = "tornado",
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            help="Sobol base points N, a power of two (default: the module's DEFAULT_SAMPLES, "
            "see docs/validation.md); each point is --runs runs (default 1).",
        ),
    ] = None,
    factors_file: Annotated[
        Path | None,
        typer.Option(
            "--factors-file",
            help="A factor table in the form of the shipped sensitivity_factors.csv "
            "(ranges, units, sources); checked before anything runs.",
        ),
    ] = None,
) -> None:
    """Which assumptions drive the answer: a tornado of one KPI, each assumption moved alone to
    its low and high value (common random numbers); --method sobol: first-order and total Sobol
    indices, every assumption moving at once (see docs/validation.md).

    Example: chipshock scenario sensitivity taiwan-blockade-2027-6m --runs 300
    """
    from chipshock.sim import sensitivity as tornado

    language = check_lang(lang)
    if method not in ("tornado", "sobol"):
        raise InputError(
            Problem("unknown method", field="--method", value=method, expected="tornado or sobol")
        )
    factors = _factors(factor, factors_file)
    data = model_data(db)
    # every problem of the file in one round, in the answer's language
    check_files({"SCENARIO": scenario}, db, data, language, "chipshock scenario sensitivity")
    s = prepared_scenario(scenario, runs=runs, seed=seed)
    if method == "sobol":
        each = 1 if runs is None else runs  # Sobol: runs per design point, not the scenario's
        return _sobol(
            s, kpi, market, factors, samples, each, engine, scheduler, language, data, fmt
        )
    options = {"kpi": kpi, "market": market, "factors": factors, **engine_kwargs(engine, scheduler)}
    with progress_bar(f"sensitivity of {s.scenario_id}", 100) as update:
        result = tornado(s, data, runs=s.runs, seed=s.seed, progress=update, **options)
    if fmt is not Format.table:
        meta = {"scenario": s.scenario_id, "kpi": kpi, "market": market, "runs": s.runs}
        cut = censoring(result)  # weeks_to_recover: runs not back to normal by the horizon end
        more = {"censoring": cut, "censoring_note": censoring_note(result)} if cut else {}
        return emit(result.table, fmt, meta={**meta, "seed": s.seed, **more})
    if language == "ja":  # wrapped here, so that no number breaks across two lines
        print_wrapped(sensitivity_text(result, s.title_ja or s.title, language))
        emit(sensitivity_table(result, language), fmt, lang="ja")
        return print_wrapped(sensitivity_caption(result, language))
    console.print(sensitivity_text(result, s.title, language), highlight=False, markup=False)
    emit(sensitivity_table(result, language), fmt, caption=sensitivity_caption(result, language))


def _factors(names: list[str] | None, path: Path | None) -> Any:
    """The factors to move: the shipped table (None, or the ``--factor`` names), or the rows of
    ``--factors-file`` (read and checked like the shipped one: a bad row names file, row and
    column, exit 2), restricted to ``--factor`` if given."""
    if path is None:
        return names
    from chipshock.data.factor_ranges import read_factor_ranges
    from chipshock.sim.sensitivity_factors import factor_table

    table = factor_table(read_factor_ranges(path))
    if not names:
        return table
    known = list(table["factor"])
    for n in names:
        if n not in known:
            raise InputError(
                Problem("unknown factor", field="--factor", value=n,
                        expected=f"one of {', '.join(known)} (the rows of {path})")
            )  # fmt: skip
    return table.set_index("factor").loc[names].reset_index()


def _sobol(
    s: Scenario,
    kpi: str,
    market: str,
    factor: Any,
    samples: int | None,
    runs: int,
    engine: Engine,
    scheduler: str | None,
    language: Any,
    data: Any,
    fmt: Format,
) -> None:
    from chipshock.report.sobol_reading import sobol_text, sobol_tidy
    from chipshock.sim.sobol import DEFAULT_SAMPLES, sobol

    options = {"kpi": kpi, "market": market, "factors": factor, **engine_kwargs(engine, scheduler)}
    with progress_bar(f"Sobol indices of {s.scenario_id}", 100) as update:
        n = DEFAULT_SAMPLES if samples is None else samples
        result = sobol(s, data, samples=n, runs=runs, seed=s.seed, progress=update, **options)
    meta = {
        "scenario": s.scenario_id,
        "method": "sobol",
        "kpi": kpi,
        "market": market,
        "runs": runs,
        "seed": s.seed,
        "samples": result.samples,
        "levels": result.levels,
        "factors_on_levels": list(result.on_levels),
        "chance_total_index": result.chance_st,
        "evaluations": result.evaluations,
        "converged": result.converged,
        "tolerance": result.tolerance,
        "max_st_change": result.max_st_change,
        "max_st_conf": result.max_st_conf,
        "samples_needed": result.samples_needed,
        "s1_above_st": list(result.s1_above_st),
        "reading": sobol_text(result, language),
    }
    if censoring(result):  # weeks_to_recover: runs not back to normal by the horizon end
        meta["censoring"] = censoring(result)
    if fmt is not Format.table:
        return emit(result.table, fmt, meta=meta)
    table = sobol_table(sobol_tidy(result, language), language)
    caption = sobol_caption(result, kpi, market, language)
    if language == "ja":  # wrapped here, so that no number breaks across two lines
        print_wrapped(sobol_text(result, language, title=s.title_ja or s.title))
        emit(table, fmt, lang="ja")
        return print_wrapped(caption)
    console.print(sobol_text(result, language, title=s.title), highlight=False, markup=False)
    emit(table, fmt, caption=caption)
