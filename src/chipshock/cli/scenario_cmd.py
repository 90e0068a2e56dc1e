"""`chipshock scenario list|show|run|compare|sweep|sensitivity` and `chipshock capacity`.

The engine (`chipshock.sim`) is imported inside the commands, so that `chipshock --help` stays
fast and the scenario commands that need no engine (list, show) work on their own.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.syntax import Syntax

from chipshock.cli.common import DbOption, FormatOption, ensure_store
from chipshock.cli.groups_cmd import scenario_expansions
from chipshock.cli.output import Format, console, emit, emit_many, err_console, progress
from chipshock.cli.scenario_options import (
    BandsOpt,
    DurationOpt,
    Engine,
    EngineOpt,
    FabsOffOpt,
    FabsOnOpt,
    LangOpt,
    RunsOpt,
    SaveOpt,
    ScenarioArg,
    SchedulerOpt,
    SeedOpt,
    StartYearOpt,
    check_lang,
    engine_kwargs,
    sweep_values,
)
from chipshock.cli.scenario_view import (
    RUN_CAPTIONS,
    avoided_frame,
    capacity_caption,
    compare_captions,
    dates_as_text,
    kpi_columns,
    scenario_list_table,
    sensitivity_caption,
    sensitivity_table,
    sensitivity_text,
    shock_table,
    side_by_side,
    wide_percentiles,
)
from chipshock.errors import InputError, Problem, StoreError
from chipshock.present.summary import side_labels, summary_text, sweep_text
from chipshock.scenarios import (
    Scenario,
    apply_overrides,
    builtin_scenarios,
    load_scenario,
    scenario_to_dict,
    scenario_to_toml,
)

__all__ = ["app", "capacity", "register"]

app = typer.Typer(
    help="Stress-test the chip supply chain with Monte Carlo scenarios (TOML files or built-ins).",
    no_args_is_help=True,
)


def register(main: typer.Typer) -> None:
    """Add `scenario ...` and `capacity` to the main `chipshock` app."""
    main.add_typer(app, name="scenario")
    main.command("capacity")(capacity)


def _prepared(
    ref: str,
    *,
    start_year: int | None = None,
    duration_weeks: float | None = None,
    fabs_off: list[str] | None = None,
    fabs_on: list[str] | None = None,
    runs: int | None = None,
    seed: int | None = None,
) -> Scenario:
    return apply_overrides(
        load_scenario(ref),
        start_year=start_year,
        duration_weeks=duration_weeks,
        fabs_off=fabs_off or (),
        fabs_on=fabs_on or (),
        runs=runs,
        seed=seed,
    )


def _model_data(db: Path | None) -> Any:
    from chipshock.sim import load_model_data

    return load_model_data(ensure_store(db))


@contextmanager
def _progress_bar(label: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr, as the engine's ``progress(done, total)`` callback."""
    with progress(label, total=total) as bar:

        def update(done: int, total_runs: int) -> None:
            bar.update(done * total / max(total_runs, 1))

        yield update


def _save(db: Path | None, result: Any, name: str | None) -> None:
    if not name:
        return
    try:  # imported by name: the results store is optional in the engine
        store = importlib.import_module("chipshock.sim.run.store")
    except ImportError as exc:
        raise StoreError("saving results needs chipshock.sim.run.store") from exc
    path = ensure_store(db)
    store.save_result(path, result, name)
    err_console.print(f"[dim]saved result {name!r} in {path}[/dim]")


@app.command("list")
def list_(fmt: FormatOption = Format.table) -> None:
    """The built-in scenarios: id, title, horizon, shocks and interventions.

    Example: chipshock scenario list --format json
    """
    table = scenario_list_table(builtin_scenarios())
    emit(
        table,
        fmt,
        title=f"{len(table)} built-in scenario(s)",
        columns=["id", "title", "shocks", "interventions"],
        caption="Show one with `scenario show ID`; run it with `chipshock scenario run ID`.",
    )


@app.command()
def show(
    scenario: ScenarioArg,
    start_year: StartYearOpt = None,
    duration_weeks: DurationOpt = None,
    fabs_off: FabsOffOpt = None,
    fabs_on: FabsOnOpt = None,
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Print a scenario as TOML (default; a valid scenario file) or JSON, after any overrides.

    Example: chipshock scenario show taiwan-blockade-2027-6m > my-blockade.toml
    """
    s = _prepared(
        scenario,
        start_year=start_year,
        duration_weeks=duration_weeks,
        fabs_off=fabs_off,
        fabs_on=fabs_on,
        runs=runs,
        seed=seed,
    )
    if fmt is Format.json:
        sys.stdout.write(json.dumps(scenario_to_dict(s), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        emit(shock_table(s), fmt)
    elif console.is_terminal:
        console.print(Syntax(scenario_to_toml(s), "toml", word_wrap=True))
    else:
        sys.stdout.write(scenario_to_toml(s))


@app.command()
def run(
    scenario: ScenarioArg,
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    start_year: StartYearOpt = None,
    duration_weeks: DurationOpt = None,
    fabs_off: FabsOffOpt = None,
    fabs_on: FabsOnOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    save: SaveOpt = None,
    bands: BandsOpt = False,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run a scenario: output lost, output at risk and chip shortfall per market (p5–p50–p95).

    Example: chipshock scenario run taiwan-blockade-2027-6m --runs 2000 --seed 7
    """
    from chipshock.sim import run as run_scenario

    language = check_lang(lang)
    s = _prepared(
        scenario,
        start_year=start_year,
        duration_weeks=duration_weeks,
        fabs_off=fabs_off,
        fabs_on=fabs_on,
        runs=runs,
        seed=seed,
    )
    data = _model_data(db)
    expanded = scenario_expansions(s, data)  # an unknown code stops here, before the runs
    with _progress_bar(f"running {s.scenario_id}", s.runs) as update:
        result = run_scenario(
            s, data, runs=s.runs, seed=s.seed, progress=update, **engine_kwargs(engine, scheduler)
        )
    _save(db, result, save)
    sections = {
        "kpis": kpi_columns(result.kpis),
        "loss_by_country": result.loss_by_country,
        "value_added_by_country_market": result.value_added_by_country_market,
    }
    if bands and fmt is not Format.table:
        sections["bands"] = dates_as_text(result.bands)
    if fmt is Format.table:
        console.print(
            f"[bold]{s.title}[/bold] [dim]({s.scenario_id}; {s.runs:,} runs, seed {s.seed})[/dim]"
        )
        console.print(summary_text(result, language), highlight=False)
        for line in expanded:
            console.print(f"[dim]group {line}[/dim]", highlight=False)
        losses = result.loss_by_country
        sections = {
            "per market: p5 · p50 · p95 across runs": wide_percentiles(result.kpis),
            "loss by country, USD bn": losses[losses["p95"] > 0] if "p95" in losses else losses,
        }
    emit_many(
        sections,
        fmt,
        meta={
            "scenario": s.scenario_id,
            "title": s.title,
            "runs": s.runs,
            "seed": s.seed,
            "engine": engine.value,
            "groups": expanded,
            "summary": result.summary(),
        },
        captions=RUN_CAPTIONS,
    )


@app.command()
def compare(
    scenario_a: Annotated[
        str, typer.Argument(metavar="A", help="Reference scenario (id or file).")
    ],
    scenario_b: Annotated[
        str, typer.Argument(metavar="B", help="Scenario to compare (id or file).")
    ],
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    save: SaveOpt = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Compare two scenarios on common random numbers: what B avoids compared with A, run by run
    (json/csv ``delta`` = B − A).

    What the alliance's new fabs avoid in a six-month blockade:
    chipshock scenario compare taiwan-blockade-2027-6m-no-alliance-fabs taiwan-blockade-2027-6m
    """
    from chipshock.sim import compare as compare_scenarios

    language = check_lang(lang)
    a, b = load_scenario(scenario_a), load_scenario(scenario_b)
    n = runs if runs is not None else a.runs  # the rule of every surface: A's runs and seed
    a, b = apply_overrides(a, runs=n, seed=seed), apply_overrides(b, runs=n, seed=seed)
    common_seed = seed if seed is not None else a.seed
    data = _model_data(db)
    with _progress_bar(f"comparing {a.scenario_id} and {b.scenario_id}", 2 * n) as update:
        result = compare_scenarios(
            a,
            b,
            data,
            runs=n,
            seed=common_seed,
            progress=update,
            **engine_kwargs(engine, scheduler),
        )
    if save:
        _save(db, result.a, f"{save}:a")
        _save(db, result.b, f"{save}:b")
    sections = {
        "delta": kpi_columns(result.delta),
        "a": kpi_columns(result.a.kpis),
        "b": kpi_columns(result.b.kpis),
    }
    label_a, label_b = side_labels(result, language)
    if fmt is Format.table:
        console.print(
            f"[bold]{label_a}[/bold] [dim]against[/dim] [bold]{label_b}[/bold] "
            f"[dim]({n:,} runs each, common random numbers)[/dim]"
        )
        console.print(summary_text(result, language), highlight=False)
        sections = {
            "all markets": side_by_side(
                result.a.kpis, result.b.kpis, result.delta, label_a, label_b
            ),
            "per market, avoided: p5 · p50 · p95": wide_percentiles(avoided_frame(result.delta)),
        }
    emit_many(
        sections,
        fmt,
        meta={
            "scenario_a": a.scenario_id,
            "scenario_b": b.scenario_id,
            "runs": n,
            "seed": common_seed,
            "headline": result.headline,
        },
        captions=compare_captions(label_a, label_b),
    )


@app.command()
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

    language = check_lang(lang)
    parsed = sweep_values(parameter, values)
    s = _prepared(scenario, runs=runs, seed=seed)
    data = _model_data(db)
    with _progress_bar(f"sweeping {parameter}", s.runs * len(parsed)) as update:
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
    if fmt is Format.table:
        title = s.title_ja if language == "ja" and s.title_ja else s.title
        console.print(sweep_text(title, parameter, table, language), highlight=False)
    shown = table
    if fmt is Format.table:
        shown = wide_percentiles(table[table["market"] == "all"], index="value").rename(
            columns={"value": parameter}
        )
    emit(
        shown,
        fmt,
        title=f"{s.scenario_id}: sweep of {parameter} (all markets: p5 · p50 · p95)",
        caption="Percentiles across runs for each value; the same random draws for every value.",
        meta={
            "scenario": s.scenario_id,
            "parameter": parameter,
            "values": parsed,
            "runs": s.runs,
            "seed": s.seed,
        },
    )


@app.command()
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
        int, typer.Option("--samples", help="Sobol base points N, a power of two.")
    ] = 32,
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
    s = _prepared(scenario, runs=runs, seed=seed)
    if method == "sobol":
        return _sobol(s, kpi, market, factor, samples, engine, scheduler, language, db, fmt)
    options = {"kpi": kpi, "market": market, "factors": factor, **engine_kwargs(engine, scheduler)}
    data = _model_data(db)
    with _progress_bar(f"sensitivity of {s.scenario_id}", 100) as update:
        result = tornado(s, data, runs=s.runs, seed=s.seed, progress=update, **options)
    if fmt is not Format.table:
        meta = {"scenario": s.scenario_id, "kpi": kpi, "market": market, "runs": s.runs}
        return emit(result.table, fmt, meta={**meta, "seed": s.seed})
    title = s.title_ja if language == "ja" and s.title_ja else s.title
    console.print(sensitivity_text(result, title, language), highlight=False)
    emit(sensitivity_table(result, language), fmt, caption=sensitivity_caption(result, language))


def _sobol(
    s: Scenario,
    kpi: str,
    market: str,
    factor: list[str] | None,
    samples: int,
    engine: Engine,
    scheduler: str | None,
    language: Any,
    db: Path | None,
    fmt: Format,
) -> None:
    from chipshock.report.sobol_reading import sobol_text, sobol_tidy
    from chipshock.sim.sobol import sobol

    options = {"kpi": kpi, "market": market, "factors": factor, **engine_kwargs(engine, scheduler)}
    data = _model_data(db)
    with _progress_bar(f"Sobol indices of {s.scenario_id}", 100) as update:
        result = sobol(
            s, data, samples=samples, runs=s.runs, seed=s.seed, progress=update, **options
        )
    meta = {
        "scenario": s.scenario_id,
        "method": "sobol",
        "kpi": kpi,
        "market": market,
        "runs": s.runs,
        "seed": s.seed,
        "samples": samples,
        "evaluations": result.evaluations,
        "converged": result.converged,
        "tolerance": result.tolerance,
        "max_st_change": result.max_st_change,
        "max_st_conf": result.max_st_conf,
        "s1_above_st": list(result.s1_above_st),
        "reading": sobol_text(result, language),
    }
    if fmt is not Format.table:
        return emit(result.table, fmt, meta=meta)
    title = s.title_ja if language == "ja" and s.title_ja else s.title
    console.print(sobol_text(result, language, title=title), highlight=False)
    tidy = sobol_tidy(result, language)
    emit(
        tidy,
        fmt,
        columns=["rank", "assumption", "low_value", "high_value", "first_order_pct",
                 "first_order_ci_pct", "total_pct", "total_ci_pct", "total_half_pct",
                 "confidence"],
        caption=(
            f"Sobol indices in % of the variance of the mean {kpi} ({market}); "
            f"{result.evaluations} evaluations of {s.runs} runs, seed {s.seed}; ±: 95% "
            "bootstrap; total_half: from half the samples. Sources: --format json or csv."
        ),
    )  # fmt: skip


def capacity(
    year: Annotated[
        list[int] | None, typer.Option("--year", help="Year(s); repeat for several.")
    ] = None,
    fabs_off: FabsOffOpt = None,
    fabs_on: FabsOnOpt = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Sum by region or node (default: every row).")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Wafer capacity (thousand wafer starts per month) by region and node class, per year.

    Example: chipshock capacity --year 2027 --fabs-off rapidus-iim1 --by region
    """
    from chipshock.sim import capacity_table

    if by not in (None, "region", "node"):
        raise InputError(
            Problem("unknown grouping", field="--by", value=by, expected="region or node")
        )
    table = capacity_table(
        _model_data(db), years=year or [2027], fabs_off=fabs_off or (), fabs_on=fabs_on or ()
    )
    values = [
        "capacity_kwspm",
        "itemised_kwspm",
        "other_fabs_kwspm",
        "residual_kwspm",
        "base_kwspm",
        "fab_adjustment_kwspm",
    ]
    if by is not None:
        key = "region" if by == "region" else "node_class"
        table = table.groupby(["year", key], as_index=False, sort=False)[values].sum()
    emit(
        table,
        fmt,
        title="wafer capacity (kwspm)",
        columns=None
        if by is not None or fmt is not Format.table
        else ["year", "region", "node_class", *values, "share_source"],
        caption=capacity_caption(fabs_off or (), fabs_on or ()),
    )
