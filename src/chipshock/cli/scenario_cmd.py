"""`chipshock scenario list|show|validate|run|compare|sweep|sensitivity|contributions` and
`chipshock capacity`.

This module holds the group and the commands that read scenarios and capacity (list, show,
capacity); validate lives in `scenario_validate_cmd`, run in `scenario_run_cmd`, compare in
`scenario_compare_cmd`, sweep and sensitivity in
`scenario_analysis_cmd`, contributions in `scenario_contrib_cmd`, what they share in
`scenario_shared`. The engine (`chipshock.sim`) is
imported inside the commands, so that `chipshock --help` stays fast and the scenario commands
that need no engine (list, show) work on their own.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.syntax import Syntax

from chipshock.cli.checks import check_fab_ids, packaged_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.output import Format, console, emit, emit_many, err_console
from chipshock.cli.scenario_analysis_cmd import sensitivity, sweep
from chipshock.cli.scenario_compare_cmd import compare
from chipshock.cli.scenario_contrib_cmd import contributions
from chipshock.cli.scenario_options import (
    DurationOpt,
    FabsOffOpt,
    FabsOnOpt,
    LangOpt,
    RunsOpt,
    ScenarioArg,
    SeedOpt,
    StartYearOpt,
    check_lang,
)
from chipshock.cli.scenario_run_cmd import run
from chipshock.cli.scenario_shared import model_data, prepared_scenario, store_release
from chipshock.cli.scenario_validate_cmd import validate
from chipshock.cli.scenario_view import (
    capacity_caption,
    counted_fabs,
    scenario_list_table,
    shock_table,
)
from chipshock.errors import InputError, Problem
from chipshock.present.coverage_notes import (
    capacity_year_warning,
    fallen_fabs_note,
    uncounted_fabs,
    uncounted_fabs_note,
)
from chipshock.present.messages import message
from chipshock.present.numbers import machine_frame
from chipshock.scenarios import (
    FIRST_YEAR,
    LAST_YEAR,
    builtin_scenarios,
    check_model_year,
    scenario_to_dict,
    scenario_to_toml,
)

if TYPE_CHECKING:
    import pandas as pd

    from chipshock.analysis.registry import DataRelease
    from chipshock.data.curated import AllianceData
    from chipshock.sim.data import ModelData

__all__ = ["app", "capacity", "register"]

app = typer.Typer(
    help="Stress-test the chip supply chain with Monte Carlo scenarios (TOML files or built-ins).",
    no_args_is_help=True,
)


def register(main: typer.Typer) -> None:
    """Add `scenario ...`, `capacity` and `sourcing` to the main `chipshock` app."""
    main.add_typer(app, name="scenario")
    main.command("capacity")(capacity)
    main.command("sourcing")(sourcing)


@app.command("list")
def list_(fmt: FormatOption = Format.table, lang: LangOpt = "en") -> None:
    """The built-in scenarios: id, title, horizon, shocks and interventions.

    --lang ja writes the terminal table in Japanese (titles, shocks with their countries and
    markets, interventions, headers, title and caption); json and csv are unchanged.

    Example: chipshock scenario list --format json
    """
    from chipshock.cli.scenario_list_ja import (
        LIST_COLUMNS,
        list_headers_ja,
        scenario_list_ja,
        scenario_list_title,
    )

    language = check_lang(lang)
    scenarios = builtin_scenarios()
    title = scenario_list_title(len(scenarios), language)
    caption = message("cli.scenario_list_caption", language)
    narrow = ["id", "title", "interventions", "shocks"]
    if fmt is Format.table and language == "ja":
        headers = list_headers_ja()
        emit(
            scenario_list_ja(scenarios),
            fmt,
            title=title,
            caption=caption,
            narrow=[headers[c] for c in narrow],
            lang="ja",
        )
        return
    emit(
        scenario_list_table(scenarios),
        fmt,
        title=title,
        columns=list(LIST_COLUMNS),
        narrow=narrow,
        caption=caption,
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
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of an error: en or ja. The scenario itself carries both languages "
            "(title and title_ja, description and description_ja, label and label_ja).",
        ),
    ] = "en",
) -> None:
    """Print a scenario as TOML (default; a valid scenario file), as JSON (--format json) or
    its shocks as CSV (--format csv), after any overrides.

    Example: chipshock scenario show taiwan-blockade-2027-6m > my-blockade.toml
    """
    language = check_lang(lang)
    command = "chipshock scenario show"
    if fabs_off or fabs_on:  # no store at hand: the registry shipped with the package
        check_fab_ids(packaged_fab_ids(), fabs_off or (), "--fabs-off", language, command)
        check_fab_ids(packaged_fab_ids(), fabs_on or (), "--fabs-on", language, command)
    s = prepared_scenario(
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


# registered after list and show, so that help lists the commands in the order of a session
app.command()(validate)
app.command()(run)
app.command()(compare)
app.command()(sweep)
app.command()(sensitivity)
app.command()(contributions)


def capacity(
    year: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            help=f"A year to show, one of the model's {FIRST_YEAR}–{LAST_YEAR} (from the first "
            "year of global_capacity.csv to the last a scenario's horizon may reach; the fab "
            "registry's figure for another year: chipshock fabs --year); repeat for several.",
        ),
    ] = None,
    fabs_off: FabsOffOpt = None,
    fabs_on: FabsOnOpt = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Sum by region or node (default: every row).")
    ] = None,
    notes: Annotated[
        bool,
        typer.Option(
            "--notes",
            help="Under the table, the method in full: what each column means, the registry "
            "fabs that count as zero and the fabs whose capacity fell, by name (the caption "
            "otherwise counts them).",
        ),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Wafer capacity (thousand wafer starts per month) by region and node class, per year.

    --lang ja writes the terminal table in Japanese (headers, regions, node classes, title
    and caption), with the same numbers; json and csv are unchanged.

    Example: chipshock capacity --year 2027 --fabs-off tsmc-arizona-p1 --by region --notes
    """
    from chipshock.sim import capacity_table, fallen_fabs

    if by not in (None, "region", "node"):
        raise InputError(
            Problem("unknown grouping", field="--by", value=by, expected="region or node")
        )
    language = check_lang(lang)
    years = year or [2027]
    for y in years:  # the years GET /api/capacity and every other command accept
        check_model_year(y, "--year")
    registry = alliance(db)
    fabs = registry.fabs
    check_fab_ids(fabs, fabs_off or (), "--fabs-off", language, "chipshock capacity")
    check_fab_ids(fabs, fabs_on or (), "--fabs-on", language, "chipshock capacity")
    data = model_data(db)
    warning = capacity_year_warning(years, data.global_capacity["year"])
    if warning:  # the same words as GET /api/capacity's ``warnings``
        err_console.print(f"warning: {warning}", style="yellow", highlight=False, markup=False)
    fallen = fallen_fabs(data, years)
    table = capacity_table(
        data,
        years=years,
        fabs_off=fabs_off or (),
        fabs_on=fabs_on or (),
        fields=("--fabs-off", "--fabs-on"),
    )
    values = [
        "capacity_kwspm",
        "itemised_kwspm",
        "other_fabs_kwspm",
        "ahead_of_registry_kwspm",
        "residual_kwspm",
        "base_kwspm",
        "fab_adjustment_kwspm",
    ]
    if by is not None:
        key = "region" if by == "region" else "node_class"
        table = table.groupby(["year", key], as_index=False, sort=False)[values].sum()
    columns = (
        None
        if by is not None or fmt is not Format.table
        else ["year", "region", "node_class", *values, "other_fabs_counted_as", "share_source"]
    )
    narrow = ["year", "region", "node_class", *values]  # share_source goes first
    table = machine_frame(table)  # no float noise (1.1e-13 for 0); JSON and CSV as they are
    if fmt is not Format.table:
        emit(table, fmt)
        return
    caption = capacity_caption_text(
        fabs_off or (), fabs_on or (), notes, language, registry, fallen, store_release(db)
    )
    if language == "ja":
        from chipshock.cli.capacity_ja import capacity_table_ja

        shown = list(columns or table.columns)
        emit(
            capacity_table_ja(table, shown),
            fmt,
            title=message("cli.capacity_title", "ja"),
            caption=caption,
            narrow=[message(f"cli.capacity_col_{c}", "ja") for c in narrow if c in shown],
            lang="ja",
        )
        return
    emit(
        table,
        fmt,
        title=message("cli.capacity_title", "en"),
        columns=columns,
        narrow=narrow,
        caption=caption,
    )


def capacity_caption_text(
    fabs_off: Sequence[str],
    fabs_on: Sequence[str],
    notes: bool,
    lang: str,
    registry: AllianceData,
    fallen: pd.DataFrame,
    release: DataRelease,
) -> str:
    """`chipshock capacity`'s caption in ``lang``, the same parts in either language:
    `capacity_caption` (short, or with ``notes`` the full method), the store's data release,
    then the fabs that count as zero and those whose capacity fell -- counted
    (`counted_fabs`), or with ``notes`` by name (the words of GET /api/capacity's ``notes``,
    review 11 finding 1)."""
    space = "" if lang == "ja" else " "
    text = capacity_caption(fabs_off, fabs_on, full=notes, lang=lang) + message(
        "cli.sourcing_release", lang, number=release.number, date=release.date
    )
    fabs = registry.fabs
    if not notes:
        return (
            text
            + space
            + counted_fabs(len(uncounted_fabs(fabs, registry.fab_capacity)), fallen, lang)
        )
    named = (
        uncounted_fabs_note(fabs, registry.fab_capacity, lang),
        fallen_fabs_note(fallen, lang, fabs),
    )
    return text + "".join(space + part for part in named if part)


def sourcing(
    market: Annotated[
        list[str] | None,
        typer.Option(
            "--market",
            "-m",
            help="End market (ai_datacenter, smartphones, pcs, automotive, industrial, "
            "consumer); repeat for several (default: every market).",
        ),
    ] = None,
    node: Annotated[
        list[str] | None,
        typer.Option(
            "--node",
            help="Node class (lt10, n10_22, n28_45, gt45, dram, nand); repeat for several "
            "(default: every class).",
        ),
    ] = None,
    year: Annotated[int, typer.Option("--year", help="Model year.")] = 2027,
    by: Annotated[
        str, typer.Option("--by", help="operator (default), region or producer (each fab).")
    ] = "operator",
    fabs_off: FabsOffOpt = None,
    fabs_on: FabsOnOpt = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Instead: per operator and node class, the normal orders all sourcing rows "
            "send it (every market) against what its itemised fabs make at the class's "
            "utilisation, the shortfall and the rows behind it (--node, --year, --fabs-off "
            "and --fabs-on apply; --market and --by do not).",
        ),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Who makes each end market's chips: per market and node class, each operator's (or
    region's, or fab's) share of the market's wafers as the sourcing rows give it and as the
    engine serves it once no fab is given more orders than its capacity allows.

    Examples: chipshock sourcing --market automotive --node n28_45;
    chipshock sourcing --market ai_datacenter --by region --year 2030 --format json;
    chipshock sourcing --check --year 2027

    --lang ja writes the terminal table in Japanese (market, node-class, region and operator
    names, headers, title and caption), with the same numbers; json and csv are unchanged
    (--check's tables stay in English).
    """
    from chipshock.present.sourcing_notes import switch_note, unplaced_note
    from chipshock.sim.network.sourcing_view import SOURCING_NOTE, sourcing_table

    language = check_lang(lang)
    check_model_year(year, "--year")
    if check:
        _check_only_options(market or (), by)
    registry = alliance(db)
    check_fab_ids(registry.fabs, fabs_off or (), "--fabs-off", language, "chipshock sourcing")
    check_fab_ids(registry.fabs, fabs_on or (), "--fabs-on", language, "chipshock sourcing")
    data = model_data(db)
    if check:
        _sourcing_check(data, year, node or (), fabs_off or (), fabs_on or (), db, fmt)
        return
    view = sourcing_table(
        data,
        year,
        market or (),
        node or (),
        by=by,
        fabs_off=fabs_off or (),
        fabs_on=fabs_on or (),
        fields=("--market", "--node", "--by"),
        switch_fields=("--fabs-off", "--fabs-on"),
    )
    from chipshock.present.sourcing_methods import with_method_text

    table = with_method_text(view.table)  # the method in words (method, method_ja)
    release = store_release(db)
    # the same words as GET /api/sourcing's ``caption``: the note, the fabs switched and the
    # sourced operators left without capacity
    caption = " ".join(
        t
        for t in (
            SOURCING_NOTE,
            switch_note(fabs_off or (), fabs_on or ()),
            unplaced_note(view.unplaced),
        )
        if t
    )
    narrow = ["market", "node_class", by, "sourced_pct", "served_pct", "regions"]
    if fmt is Format.table and language == "ja":
        from chipshock.cli.sourcing_ja import print_sourcing_ja
        from chipshock.present.messages import message
        from chipshock.present.sourcing_notes import SOURCING_NOTE_JA

        notes = (
            switch_note(fabs_off or (), fabs_on or (), "ja"),
            unplaced_note(view.unplaced, "ja"),
            message("cli.sourcing_release", "ja", number=release.number, date=release.date),
        )
        print_sourcing_ja(table, by, year, registry.fabs, SOURCING_NOTE_JA + "".join(notes), narrow)
        return
    frame = machine_frame(table)
    if fmt is Format.table and by == "operator":
        # an operator by its name, as the dashboard names it, with the id a [[sourcing]] table
        # takes where the two differ: "TSMC", "Texas Instruments (ti)"; JSON and CSV keep both
        # fields (``operator``, ``name``); a fab keeps the id --fabs-off takes
        frame = frame.assign(
            operator=[
                str(n) if str(n).lower() == str(i).lower() else f"{n} ({i})"
                for i, n in zip(frame["operator"], frame["name"], strict=True)
            ]
        )
    emit(
        frame,
        fmt,
        title=f"who makes each market's chips, {year} (% of the market's wafers in the class)",
        columns=None
        if fmt is not Format.table
        else [
            "market",
            "node_class",
            by,
            *(["regions"] if by != "region" else []),
            "sourced_pct",
            "served_pct",
            "served_kwspm",
            "confidence",
            "as_of",
            "method",
        ],
        narrow=narrow,
        caption=caption + f" Data release {release.number} ({release.date}).",
        meta=_sourcing_meta(
            release,
            caption,
            year=year,
            markets=list(market or ()),
            nodes=list(node or ()),
            by=by,
            fabs_off=list(fabs_off or ()),
            fabs_on=list(fabs_on or ()),
        ),
    )


def _sourcing_meta(release: DataRelease, caption: str, **params: object) -> dict[str, Any]:
    """The ``meta`` of `chipshock sourcing` and `chipshock sourcing --check` in JSON: the source
    line, the store's data release, the request (``params``, as GET /api/sourcing and
    /api/sourcing/check echo it) and the caption."""
    from chipshock.sim.network.sourcing_view import SOURCING_SOURCE

    return {
        "source": SOURCING_SOURCE,
        "data_release": release.number,
        "data_release_date": release.date,
        "params": params,
        "caption": caption,
    }


def _check_only_options(market: Sequence[str], by: str) -> None:
    """``--check`` sums every market's orders per operator: a ``--market`` or a ``--by`` other
    than operator would be ignored, so each is an error naming the option."""
    if market:
        raise InputError(
            Problem(
                "--market does not apply with --check",
                field="--market",
                value=market[0],
                expected="no --market (the check sums the orders of every market)",
            )
        )
    if by != "operator":
        raise InputError(
            Problem(
                "--by does not apply with --check",
                field="--by",
                value=by,
                expected="operator (the check is per operator and node class)",
            )
        )


def _sourcing_check(
    data: ModelData,
    year: int,
    nodes: Sequence[str],
    fabs_off: Sequence[str],
    fabs_on: Sequence[str],
    db: Path | None,
    fmt: Format,
) -> None:
    """`chipshock sourcing --check`: the two tables of `chipshock.sim.sourcing_check`."""
    from chipshock.present.sourcing_notes import switch_note
    from chipshock.sim.network.sourcing_check import SOURCING_CHECK_NOTE, sourcing_check

    result = sourcing_check(
        data,
        year,
        nodes,
        fabs_off,
        fabs_on,
        field="--node",
        switch_fields=("--fabs-off", "--fabs-on"),
    )
    release = store_release(db)
    note = " ".join(t for t in (SOURCING_CHECK_NOTE, switch_note(fabs_off, fabs_on)) if t)
    short = result.operators[result.operators["shortfall_kwspm"] > 0]
    emit_many(
        {"operators": machine_frame(result.operators), "rows": machine_frame(result.rows)},
        fmt,
        meta=_sourcing_meta(
            release,
            note,
            year=year,
            nodes=list(nodes),
            fabs_off=list(fabs_off),
            fabs_on=list(fabs_on),
        ),
        captions={
            "operators": f"{year}: {len(short)} of {len(result.operators)} operator x class "
            "pairs have sourced orders above their fabs' ceiling (kwspm; shortfall_pct: % of "
            "the orders). " + note,
            "rows": "The sourcing_shares.csv rows behind each shortfall (file_row: the line in "
            "the file; orders_kwspm: the row's part; served_pct: the share of its markets' "
            "wafers the engine serves from the operator, share_pct x served / orders). "
            f"Data release {release.number} "
            f"({release.date}).",
        },
        narrow={
            "operators": ["operator_id", "node_class", "orders_kwspm", "shortfall_pct"],
            "rows": ["file_row", "market", "node_class", "operator_id", "share_pct", "served_pct"],
        },
    )
