"""`chipshock scenario run` and `chipshock scenario compare`: one scenario's KPIs, and what one
scenario avoids compared with another on common random numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from chipshock.cli.checks import check_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.groups_cmd import scenario_expansions
from chipshock.cli.output import Format, console, emit_many, fits
from chipshock.cli.scenario_compare_ja import print_compare_ja
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
    SectionOpt,
    SeedOpt,
    StartYearOpt,
    check_lang,
    check_section,
    engine_kwargs,
)
from chipshock.cli.scenario_run_ja import print_run_ja, print_utilisation_ja
from chipshock.cli.scenario_shared import (
    capacity_notes,
    country_sections,
    model_data,
    option_errors,
    per_market_table,
    prepared_scenario,
    progress_bar,
    save_result,
    store_release,
)
from chipshock.cli.scenario_utilisation import (
    COMPARE_UTILISATION_SECTIONS,
    CompareUtilisationOpt,
    UtilisationOpt,
    meta_rows,
    producer_utilisation,
    side_utilisation_tables,
    utilisation_notes,
)
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.cli.scenario_view import (
    NARROW_COMPARE,
    RUN_CAPTIONS,
    WIDE_COMPARE,
    compare_captions,
    compare_verdict,
    dates_as_text,
    kpi_columns,
    no_country_loss,
    side_by_side,
    stacked_percentiles,
    utilisation_narrow,
    utilisation_sections,
    wide_percentiles,
)
from chipshock.present.coverage_notes import (
    country_shock_scope,
    loss_by_country_notes,
    result_capacity_note,
)
from chipshock.present.history_caveats import market_caveats
from chipshock.present.messages import LANGS, message
from chipshock.present.numbers import Lang, machine_frame
from chipshock.present.provenance import engine_meta, row_dating, with_provenance
from chipshock.present.scenario_settings import run_settings
from chipshock.present.summary import (
    alliance_sides,
    avoided_by_better,
    better_side,
    headline_named,
    shown_side,
    side_labels,
    summary_text,
)
from chipshock.scenarios import apply_overrides, load_scenario
from chipshock.scenarios.overrides import alliance_fabs

__all__ = ["compare", "compare_tables", "run"]

CompareFabsOffOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fabs-off",
        help="Switch a fab off (fab_id) on both sides, as the API's fabs_off; repeat for "
        "several. Without B: what the alliance fabs still running avoid.",
    ),
]
CompareFabsOnOpt = Annotated[
    list[str] | None,
    typer.Option("--fabs-on", help="Switch a fab on (fab_id) on both sides; repeat for several."),
]


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
    utilisation: UtilisationOpt = False,
    lang: LangOpt = "en",
    section: SectionOpt = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run a scenario: output lost, output at risk and chip shortfall per market (p5–p50–p95).

    Example: chipshock scenario run taiwan-blockade-2027-6m --runs 2000 --seed 7

    Which fabs run flat out and which are cut off:
    chipshock scenario run taiwan-blockade-2027-6m --utilisation
    """
    from chipshock.sim import run as run_scenario

    language = check_lang(lang)
    check_section(section, fmt, _run_section_names(bands=bands, utilisation=utilisation))
    registry = alliance(db).fabs  # the check of GET /api/scenarios/{id}/run: names the option
    check_fab_ids(registry, fabs_off or (), "--fabs-off")
    check_fab_ids(registry, fabs_on or (), "--fabs-on")
    data = model_data(db)
    # every problem of the file in one round (`scenario validate`), before anything runs; the
    # arrays it compiles are kept for the run (`chipshock.sim.run.api.compiled`)
    check_files({"SCENARIO": scenario}, db, data, language)
    s = prepared_scenario(
        scenario,
        start_year=start_year,
        duration_weeks=duration_weeks,
        fabs_off=fabs_off,
        fabs_on=fabs_on,
        runs=runs,
        seed=seed,
    )
    expanded = scenario_expansions(s, data)  # an unknown code stops here, before the runs
    with option_errors(), progress_bar(f"running {s.scenario_id}", s.runs) as update:
        result = run_scenario(
            s, data, runs=s.runs, seed=s.seed, progress=update, **engine_kwargs(engine, scheduler)
        )
    save_result(db, result, save, data)
    sections = {  # KPI and loss values without float noise, as the API's (review 16 #7)
        "kpis": machine_frame(kpi_columns(result.kpis)),
        "loss_by_country": machine_frame(result.loss_by_country),
        "value_added_by_country": machine_frame(result.value_added_by_country),  # as the API's
        "value_added_by_country_market": machine_frame(result.value_added_by_country_market),
    }
    if bands and fmt is not Format.table:
        sections["bands"] = dates_as_text(result.bands)
    # the API's rows and utilisation_meta (review 16 #11, #12): each capacity figure's age,
    # flagged when old, and the Japanese names of fab, region and counted-as operator
    parts = producer_utilisation(result, data, meta=utilisation)
    producers, ages = parts.rows, parts.ages
    if utilisation:
        sections["utilisation"] = producers
        if fmt is Format.csv and parts.meta is not None:
            sections["utilisation_meta"] = meta_rows(parts.meta)
    release = store_release(db)
    # years past the capacity data: the terminal's paragraph says it, json/csv on stderr too
    warnings = capacity_notes(
        {lang: result_capacity_note(result, lang) for lang in LANGS},
        echo=fmt is not Format.table,
        lang=language,
    )
    if fmt is Format.csv:  # each row says where it comes from, as the other commands' CSV
        sections = {k: with_provenance(v, release) for k, v in sections.items()}
        if section is not None:  # one plain table (pandas.read_csv), review 16 #7
            sections = {section: sections[section]}
    if fmt is Format.table and language == "ja":  # heading, paragraph, tables in Japanese
        print_run_ja(s, result, data, utilisation=utilisation, producers=producers, ages=ages)
        return
    if fmt is Format.table:
        console.print(
            f"[bold]{s.title}[/bold] [dim]({s.scenario_id}; {s.runs:,} runs, seed {s.seed})[/dim]"
        )
        console.print(summary_text(result, language), highlight=False)
        if s.description:  # what the model captures and leaves out, as the report says it
            console.print(s.description, style="dim", highlight=False, markup=False)
        for line in expanded:
            console.print(f"[dim]group {line}[/dim]", highlight=False)
        for line in _sourcing_lines(result):
            console.print(
                message("cli.sourcing_run", "en", line=line), highlight=False, markup=False
            )
        for line in run_settings(s, data, "en"):
            console.print(line, highlight=False, markup=False)
        title, per_market = per_market_table(result.kpis)
        sections = {
            title: per_market,
            **country_sections(result.loss_by_country, result.value_added_by_country),
        }
        if utilisation:
            sections.update(utilisation_sections(producers))
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
            "sourcing": _sourcing_lines(result),
            "settings": {lang: run_settings(s, data, lang) for lang in LANGS},
            "summary": result.summary(),
            "summary_text": _summary_texts(result),
            **warnings,
            **_caveats(result),
            **_provenance(release),
            **loss_by_country_notes([s]),
            **({"utilisation_meta": parts.meta} if utilisation else {}),
        },
        captions={
            **RUN_CAPTIONS,
            **_country_captions(s, result.loss_by_country, row_dating(data.market_country_output)),
            **utilisation_notes(
                producers, data, result.assumptions, ages["capacity_age_note"] or ""
            ),
        },
        narrow=utilisation_narrow(producers),
        csv_names=section is None,
    )


def _run_section_names(*, bands: bool, utilisation: bool) -> list[str]:
    """The tables `scenario run --format csv` writes with these options (``--section``)."""
    names = ["kpis", "loss_by_country", "value_added_by_country", "value_added_by_country_market"]
    return names + ["bands"] * bands + ["utilisation", "utilisation_meta"] * utilisation


def _country_captions(scenario: Any, losses: Any, dating: str) -> dict[str, str]:
    """The loss-by-country captions, after `no_country_loss` when no country loses output (the
    terminal's table is empty), with ``dating`` (`row_dating` of market_country_output.csv) after
    the file's name and `country_shock_scope` after them (country shocks)."""
    note = country_shock_scope([scenario])
    none = no_country_loss(losses)
    caption = message("cli.loss_by_country_caption", "en")
    median = message("cli.median_first", "en")
    return {
        "loss by country, USD bn": " ".join(t for t in (none, caption, dating, median, note) if t),
        "loss_by_country": " ".join(
            t for t in (none, RUN_CAPTIONS["loss_by_country"], dating, note) if t
        ),
    }


def _sourcing_lines(result: Any) -> list[str]:
    """The scenario's own [[sourcing]] in the year of its first shock (its first year without
    shocks): what each row sources and what the operator's fabs serve."""
    from chipshock.sim.network.sourcing import shock_year_sourcing

    return shock_year_sourcing(result.scenario, result.sourcing)[1]


def compare(
    scenario_a: Annotated[
        str, typer.Argument(metavar="A", help="Reference scenario (id or file).")
    ],
    scenario_b: Annotated[
        str | None,
        typer.Argument(
            metavar="B",
            help="Scenario to compare (id or file). Without B: A without the alliance fabs "
            "against A with them (what the API and the dashboard compare by default).",
        ),
    ] = None,
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    fabs_off: CompareFabsOffOpt = None,
    fabs_on: CompareFabsOnOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    save: SaveOpt = None,
    utilisation: CompareUtilisationOpt = False,
    lang: LangOpt = "en",
    section: SectionOpt = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Compare two scenarios on common random numbers: which loses less output, and what it
    avoids compared with the other.

    The terminal shows what the side that loses less avoids, as positive amounts; json and
    csv keep the signed delta = B − A per run, and better names that side (a, b, or null when
    neither loses less).

    What the alliance's new fabs avoid in a six-month blockade:
    chipshock scenario compare taiwan-blockade-2027-6m-no-alliance-fabs taiwan-blockade-2027-6m
    (or, the same runs: chipshock scenario compare taiwan-blockade-2027-6m)

    What the other alliance fabs avoid if Rapidus never came (--fabs-off on both sides):
    chipshock scenario compare taiwan-blockade-2027-6m --fabs-off rapidus-iim1

    Which fabs run flat out on each side:
    chipshock scenario compare taiwan-blockade-2027-6m --utilisation
    """
    from chipshock.sim import compare as compare_scenarios

    language = check_lang(lang)
    check_section(
        section, fmt, ["delta", "a", "b", *COMPARE_UTILISATION_SECTIONS[: 4 * utilisation]]
    )
    off, on = tuple(fabs_off or ()), tuple(fabs_on or ())
    registry = alliance(db).fabs  # the check of POST /api/scenarios/compare: names the option
    check_fab_ids(registry, off, "--fabs-off")
    check_fab_ids(registry, on, "--fabs-on")
    data = model_data(db)
    # every problem of both files in one round, each naming its file (as `scenario run`)
    check_files(
        {"A": scenario_a} if scenario_b is None else {"A": scenario_a, "B": scenario_b},
        db,
        data,
        language,
        "chipshock scenario compare",
    )
    if scenario_b is None:  # A without, then with the alliance fabs: B avoids what they avoid
        a, b = _alliance_sides(load_scenario(scenario_a), off, on)
    else:  # both sides changed alike, as the API's fabs_off / fabs_on
        a, b = (
            apply_overrides(load_scenario(x), fabs_off=off, fabs_on=on) if off or on
            else load_scenario(x)
            for x in (scenario_a, scenario_b)
        )  # fmt: skip
    n = runs if runs is not None else a.runs  # the rule of every surface: A's runs and seed
    with option_errors():
        a, b = apply_overrides(a, runs=n, seed=seed), apply_overrides(b, runs=n, seed=seed)
    common_seed = seed if seed is not None else a.seed
    with (
        option_errors(),
        progress_bar(f"comparing {a.scenario_id} and {b.scenario_id}", 2 * n) as update,
    ):
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
        save_result(db, result.a, f"{save}:a", data)
        save_result(db, result.b, f"{save}:b", data)
    better = better_side(result)
    sections = {
        "delta": machine_frame(kpi_columns(result.delta)),
        "a": machine_frame(kpi_columns(result.a.kpis)),
        "b": machine_frame(kpi_columns(result.b.kpis)),
    }
    if fmt is Format.csv:  # the side that loses less beside the signed delta (JSON: in the meta)
        sections["delta"] = sections["delta"].assign(better=better or "")
    given: dict[str, tuple[str, str]] = (
        {lang: alliance_sides(b, lang) for lang in LANGS} if scenario_b is None else {}
    )
    if scenario_b is not None and (off or on):  # changed twins: their titles, as the API's
        given = {"en": (a.title, b.title), "ja": (a.title_ja or a.title, b.title_ja or b.title)}
    if not given:  # two scenarios: equal titles are told apart by the names typed
        names = (_typed_name(scenario_a, a), _typed_name(str(scenario_b), b))
        given = {lang: side_labels(result, lang, names=names) for lang in LANGS}
    label_a, label_b = given.get(language) or side_labels(result, language)
    # each side's rows and utilisation_meta, as the API's a.utilisation and b.utilisation
    parts = {k: producer_utilisation(getattr(result, k), data) for k in "ab"} if utilisation else {}
    for k, producers in parts.items():
        sections[f"utilisation_{k}"] = producers.rows
        if fmt is Format.csv and producers.meta is not None:
            sections[f"utilisation_meta_{k}"] = meta_rows(producers.meta)
    release = store_release(db)
    warnings = capacity_notes(  # years past the capacity data, on either side
        {lang: _either_side_note(result, lang) for lang in LANGS},
        echo=fmt is not Format.table,
        lang=language,
    )
    if fmt is Format.csv:  # each row says where it comes from, as the other commands' CSV
        sections = {k: with_provenance(v, release) for k, v in sections.items()}
        if section is not None:  # one plain table (pandas.read_csv), review 16 #7
            sections = {section: sections[section]}
    if fmt is Format.table and language == "ja":  # heading, paragraph, tables in Japanese
        settings = _side_settings(result, data, (label_a, label_b), "ja")
        sourcing = _side_sourcing_ja(result, data, (label_a, label_b))
        print_compare_ja(result, label_a, label_b, n, settings, sourcing)
        for k, producers in parts.items():
            label = label_a if k == "a" else label_b
            print_utilisation_ja(getattr(result, k), data, producers.rows, producers.ages, label)
        return
    if fmt is Format.table:
        console.print(
            f"[bold]{label_a}[/bold] [dim]against[/dim] [bold]{label_b}[/bold] "
            f"[dim]({n:,} runs each, common random numbers)[/dim]"
        )
        verdict = compare_verdict(label_a, label_b, better, shown=shown_side(result))
        console.print(verdict, highlight=False, markup=False)
        console.print(
            summary_text(result, language, label_a=label_a, label_b=label_b), highlight=False
        )
        for side, label in ((result.a, label_a), (result.b, label_b)):
            for line in _sourcing_lines(side):
                console.print(f"sourcing, {label}: {line}", highlight=False, markup=False)
        for line in _side_settings(result, data, (label_a, label_b), "en"):
            console.print(line, highlight=False, markup=False)
        sections = compare_tables(result, label_a, label_b)
    named = {"a": label_a, "b": label_b}
    tables, util_captions, narrow = side_utilisation_tables(
        [(named[k], getattr(result, k), producers) for k, producers in parts.items()], data
    )
    if fmt is Format.table:
        sections.update(tables)
    emit_many(
        sections,
        fmt,
        meta={
            "scenario_a": a.scenario_id,
            "scenario_b": b.scenario_id,
            "runs": n,
            "seed": common_seed,
            # the headline names its sides as the labels do (both ids are the scenario's when one
            # scenario runs twice, review 14 #8)
            "headline": headline_named(result.headline, given.get("en") or side_labels(result)),
            # the sides' names per language, as the API's ``labels`` (the default comparison
            # runs one scenario twice: only these say which side has the alliance fabs)
            "labels": {lang: list(given.get(lang) or side_labels(result, lang)) for lang in LANGS},
            # the side that loses less output (null: neither), whose avoided amounts the
            # terminal shows as positive numbers; ``delta`` stays B − A
            "better": better,
            "summary_text": _summary_texts(result, given),
            "sourcing": {"a": _sourcing_lines(result.a), "b": _sourcing_lines(result.b)},
            # each side's settings per language, as the API's a.settings and b.settings
            "settings": {
                k: {lang: run_settings(getattr(result, k).scenario, data, lang) for lang in LANGS}
                for k in "ab"
            },
            **warnings,
            **_caveats(result, given),
            **_provenance(release),
            **loss_by_country_notes([result.a.scenario, result.b.scenario]),
            **({"utilisation_meta": {k: v.meta for k, v in parts.items()}} if parts else {}),
        },
        captions={**compare_captions(label_a, label_b, shown_side(result)), **util_captions},
        narrow=narrow,
        csv_names=section is None,
    )


def _typed_name(typed: str, scenario: Any) -> str:
    """What names a compared side when its title is the other side's: the file's name (two
    copies of one scenario usually keep its id), else the scenario's id."""
    path = Path(typed)
    return path.name if path.suffix == ".toml" and path.is_file() else str(scenario.scenario_id)


def _side_sourcing_ja(result: Any, data: Any, labels: tuple[str, str]) -> list[str]:
    """Each side's [[sourcing]] lines in Japanese after its name, as the English prints them
    (``cli.sourcing_side``)."""
    from chipshock.cli.scenario_sourcing_ja import result_sourcing_lines_ja

    return [
        message("cli.sourcing_side", "ja", label=label, line=line)
        for label, side in zip(labels, (result.a, result.b), strict=True)
        for line in result_sourcing_lines_ja(side, data.fabs)
    ]


def _side_settings(result: Any, data: Any, labels: tuple[str, str], lang: Lang) -> list[str]:
    """What the two sides' scenarios set beside their shocks (`run_settings`): once when they
    agree, else each side's lines after its name."""
    a, b = (run_settings(side.scenario, data, lang) for side in (result.a, result.b))
    if a == b:
        return a
    sep = "：" if lang == "ja" else ": "
    return [
        f"{label}{sep}{line}" for label, lines in zip(labels, (a, b), strict=True) for line in lines
    ]


def _either_side_note(result: Any, lang: str) -> str:
    """The capacity note of a comparison (`result_capacity_note` of each side, each wording
    once; "" when neither side's horizon passes the capacity data)."""
    notes = (result_capacity_note(side, lang) for side in (result.a, result.b))
    return " ".join(note for note in dict.fromkeys(notes) if note)


def _caveats(result: Any, labels: dict[str, tuple[str, str]] | None = None) -> dict[str, list[str]]:
    """The JSON meta's ``caveats`` / ``caveats_ja`` (the API's names): per market, where the
    history check shows the model far from history (review 14 #1; also in the summary);
    ``labels``: a comparison's sides as its summary names them."""
    out: dict[str, list[str]] = {}
    for key, lang in (("caveats", "en"), ("caveats_ja", "ja")):
        a, b = (labels or {}).get(lang, (None, None))
        out[key] = market_caveats(result, lang, label_a=a, label_b=b)
    return out


def _summary_texts(result: Any, labels: dict[str, tuple[str, str]] | None = None) -> dict[str, str]:
    """The summary paragraph in each language, as the API's ``summary_text`` (JSON meta);
    ``labels``: the two sides' names per language, where the comparison gives them."""
    out: dict[str, str] = {}
    for lang in LANGS:
        a, b = (labels or {}).get(lang, (None, None))
        out[lang] = summary_text(result, lang, label_a=a, label_b=b)
    return out


def _alliance_sides(
    scenario: Any, fabs_off: tuple[str, ...] = (), fabs_on: tuple[str, ...] = ()
) -> tuple[Any, Any]:
    """``scenario`` without the alliance fabs, then with them (the API's and the dashboard's
    default comparison, `chipshock.api.routes_scenarios.compare_job`): a counterfactual that
    switches them off gets them back on the second side. ``fabs_off`` / ``fabs_on`` change
    both sides, composed as the API's `_prepared` does (the request's fabs first)."""
    fabs = sorted(alliance_fabs())
    off = {f for i in scenario.interventions if i.kind == "fabs_off" for f in i.fabs}
    without_off = [*fabs_off, *(f for f in fabs if f not in fabs_off)]
    without = apply_overrides(scenario, fabs_off=without_off, fabs_on=fabs_on)
    back = [f for f in fabs if f in off and f not in fabs_on and f not in fabs_off]
    if not (fabs_off or fabs_on or back):
        return without, scenario
    return without, apply_overrides(scenario, fabs_off=fabs_off, fabs_on=[*fabs_on, *back])


def _provenance(release: Any) -> dict[str, Any]:
    """The JSON meta's source line, licence, data release and date (`engine_meta`)."""
    meta = engine_meta(release)
    return {k: meta[k] for k in ("source", "licence", "data_release", "data_release_date", "as_of")}


def compare_tables(result: Any, label_a: str, label_b: str) -> dict[str, pd.DataFrame]:
    """The two tables `scenario compare` prints: side by side, and what the better side
    (`better_side`) avoids per market with one column per KPI, where they fit the terminal;
    else (80 columns) the medians only, then the avoided values stacked by market with p5, p50
    and p95 in columns (the same numbers, `stacked_percentiles`)."""
    avoided = avoided_by_better(result)
    per_market = wide_percentiles(avoided)
    both = side_by_side(result.a.kpis, result.b.kpis, avoided, label_a, label_b)
    if fits(both) and fits(per_market):
        return dict(zip(WIDE_COMPARE, (both, per_market), strict=True))
    medians = side_by_side(
        result.a.kpis, result.b.kpis, avoided, label_a, label_b, with_avoided=False
    )
    stacked = stacked_percentiles(avoided)
    return dict(zip(NARROW_COMPARE, (medians, stacked), strict=True))
