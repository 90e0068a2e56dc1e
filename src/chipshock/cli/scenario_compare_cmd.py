"""`chipshock scenario compare`: what one scenario avoids compared with another on common random
numbers; the options, the run of both sides and the output in every format (the terminal's
tables: `scenario_compare_view`, in Japanese `scenario_compare_ja`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from chipshock.cli.checks import check_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.output import Format, emit_many
from chipshock.cli.scenario_compare_ja import print_compare_ja
from chipshock.cli.scenario_compare_view import (
    compare_tables,
    either_side_note,
    print_compare_lines,
    side_settings,
    side_sourcing_ja,
)
from chipshock.cli.scenario_options import (
    Engine,
    EngineOpt,
    LangOpt,
    RunsOpt,
    SaveOpt,
    SchedulerOpt,
    SectionOpt,
    SeedOpt,
    check_lang,
    check_section,
    engine_kwargs,
)
from chipshock.cli.scenario_result_meta import (
    provenance_meta,
    result_caveats,
    summary_texts,
)
from chipshock.cli.scenario_run_ja import print_utilisation_ja
from chipshock.cli.scenario_shared import (
    capacity_notes,
    model_data,
    option_errors,
    progress_bar,
    save_result,
    store_release,
)
from chipshock.cli.scenario_utilisation import (
    COMPARE_UTILISATION_SECTIONS,
    CompareUtilisationOpt,
    meta_rows,
    producer_utilisation,
    side_utilisation_tables,
)
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.cli.scenario_view import (
    compare_captions,
    kpi_columns,
)
from chipshock.present.coverage_notes import loss_by_country_notes
from chipshock.present.messages import LANGS
from chipshock.present.numbers import machine_frame
from chipshock.present.provenance import with_provenance
from chipshock.present.scenario_settings import run_settings
from chipshock.present.sourcing_lines import result_sourcing_lines
from chipshock.present.summary import (
    alliance_sides,
    better_side,
    headline_named,
    shown_side,
    side_labels,
)
from chipshock.scenarios import apply_overrides, load_scenario
from chipshock.scenarios.overrides import alliance_fabs

__all__ = ["compare"]

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
    check_fab_ids(registry, off, "--fabs-off", language, "chipshock scenario compare")
    check_fab_ids(registry, on, "--fabs-on", language, "chipshock scenario compare")
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
        {lang: either_side_note(result, lang) for lang in LANGS},
        echo=fmt is not Format.table,
        lang=language,
    )
    if fmt is Format.csv:  # each row says where it comes from, as the other commands' CSV
        sections = {k: with_provenance(v, release) for k, v in sections.items()}
        if section is not None:  # one plain table (pandas.read_csv), review 16 #7
            sections = {section: sections[section]}
    if fmt is Format.table and language == "ja":  # heading, paragraph, tables in Japanese
        settings = side_settings(result, data, (label_a, label_b), "ja")
        sourcing = side_sourcing_ja(result, data, (label_a, label_b))
        print_compare_ja(result, label_a, label_b, n, settings, sourcing)
        for k, producers in parts.items():
            label = label_a if k == "a" else label_b
            print_utilisation_ja(getattr(result, k), data, producers.rows, producers.ages, label)
        return
    if fmt is Format.table:
        print_compare_lines(result, data, (label_a, label_b), n)
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
            "summary_text": summary_texts(result, given),
            # each side's own [[sourcing]] lines, as the API's a.sourcing and a.sourcing_ja
            "sourcing": {k: result_sourcing_lines(getattr(result, k), "en") for k in "ab"},
            "sourcing_ja": {
                k: result_sourcing_lines(getattr(result, k), "ja", data.fabs) for k in "ab"
            },
            # each side's settings per language, as the API's a.settings and b.settings
            "settings": {
                k: {lang: run_settings(getattr(result, k).scenario, data, lang) for lang in LANGS}
                for k in "ab"
            },
            **warnings,
            **result_caveats(result, given),
            **provenance_meta(release),
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
