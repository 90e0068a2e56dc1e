"""`chipshock scenario run`: one scenario's KPIs; the options, the run and the output in every
format (in Japanese `scenario_run_ja`; what `scenario compare` shares of the JSON:
`scenario_result_meta`)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from chipshock.cli.checks import check_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.groups_cmd import scenario_expansions
from chipshock.cli.output import Format, console, emit_many
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
from chipshock.cli.scenario_result_meta import (
    provenance_meta,
    result_caveats,
    summary_texts,
)
from chipshock.cli.scenario_run_ja import print_run_ja
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
    UtilisationOpt,
    meta_rows,
    producer_utilisation,
    utilisation_notes,
)
from chipshock.cli.scenario_utilisation_view import utilisation_narrow, utilisation_sections
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.cli.scenario_view import RUN_CAPTIONS, dates_as_text, kpi_columns, no_country_loss
from chipshock.present.coverage_notes import (
    country_shock_scope,
    loss_by_country_notes,
    result_capacity_note,
)
from chipshock.present.messages import LANGS, message
from chipshock.present.numbers import machine_frame
from chipshock.present.provenance import row_dating, with_provenance
from chipshock.present.scenario_settings import run_settings
from chipshock.present.shock_reach import reach_payload, shock_reach_lines
from chipshock.present.sourcing_lines import result_sourcing_lines
from chipshock.present.summary import summary_text

__all__ = ["run"]


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
    check_fab_ids(registry, fabs_off or (), "--fabs-off", language, "chipshock scenario run")
    check_fab_ids(registry, fabs_on or (), "--fabs-on", language, "chipshock scenario run")
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
        console.print(  # the title as the file writes it: "[draft]" is not rich markup
            f"[bold]{escape(s.title)}[/bold] [dim]({escape(s.scenario_id)}; {s.runs:,} "
            f"simulated futures, seed {s.seed})[/dim]"
        )
        # catalogue text and the title: "[priorities]" in a caveat is printed, not swallowed
        console.print(summary_text(result, language), highlight=False, markup=False)
        if s.description:  # what the model captures and leaves out, as the report says it
            console.print(s.description, style="dim", highlight=False, markup=False)
        for line in expanded:
            console.print(f"group {line}", style="dim", highlight=False, markup=False)
        for line in result_sourcing_lines(result, "en"):
            console.print(
                message("cli.sourcing_run", "en", line=line), highlight=False, markup=False
            )
        for line in shock_reach_lines(result.shock_reach, "en"):  # what each shock reached
            console.print(line, style="dim", highlight=False, markup=False)
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
            "sourcing": result_sourcing_lines(result, "en"),
            "sourcing_ja": result_sourcing_lines(result, "ja", data.fabs),
            "settings": {lang: run_settings(s, data, lang) for lang in LANGS},
            **reach_payload(result.shock_reach),
            "summary": result.summary(),
            "summary_text": summary_texts(result),
            **warnings,
            **result_caveats(result),
            **provenance_meta(release),
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
