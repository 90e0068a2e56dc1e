"""`chipshock fabs|partnerships|deliverables`: the alliance registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.cells import chop_cells

from chipshock.analysis.alliance import (
    deliverable_totals,
    fab_totals,
    filter_deliverables,
    filter_partnerships,
    partnership_totals,
)
from chipshock.analysis.fab_years import fabs_in_year
from chipshock.analysis.groups import expand_filter
from chipshock.analysis.registry import (
    DataRelease,
    capacity_at,
    coverage,
    fab_capacity_300mm,
    fabs_without_capacity,
    reconcile,
    tracker_view,
)
from chipshock.cli.alliance_view import column_word, context_titles, show_registry, source_refs
from chipshock.cli.checks import check_choice, check_countries
from chipshock.cli.common import DbOption, FormatOption, alliance, ensure_store
from chipshock.cli.fabs_filters import FabFilters, check_fab_filters, nothing_matched
from chipshock.cli.fabs_view import (
    coverage_caption,
    fab_list_header,
    show_capacity,
    show_fab_list,
)
from chipshock.cli.output import Format, console
from chipshock.cli.scenario_options import check_lang
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.data.curated import AllianceData
from chipshock.data.store import load_table
from chipshock.errors import InputError, Problem
from chipshock.present.amounts import amount_texts
from chipshock.present.charts_structure import (
    tracker_date_texts,
    tracker_parts_text,
    tracker_stale_caption,
)
from chipshock.present.coverage_notes import fab_year_note
from chipshock.present.labels import Lang, fab_names
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import MISSING, fmt_cell_number
from chipshock.scenarios import FIRST_YEAR, LAST_YEAR, check_model_year, check_registry_year

CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="ISO code or group code (EU27, CHIP4, QUAD, G7; `chipshock groups`); repeat for "
        "several.",
    ),
]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of the terminal table: en or ja (headers, sectors, kinds, statuses, "
        "summaries, technologies); json and csv carry both (summary, summary_ja; technology, "
        "technology_ja).",
    ),
]
TotalsOpt = Annotated[
    str | None, typer.Option("--totals", help="Show totals grouped by this column instead of rows.")
]


def fabs(
    country: CountryOpt = None,
    operator: Annotated[str | None, typer.Option(help="Operator name contains this.")] = None,
    node: Annotated[
        str | None, typer.Option(help="Node class: lt10, n10_22, n28_45, gt45, memory, packaging.")
    ] = None,
    max_node_nm: Annotated[
        float | None, typer.Option(help="Marketed node at most this (nm).")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="operating, ramping, under-construction, announced, cancelled, closed "
            "(operated and shut), on-hold (construction paused); repeat for several."
        ),
    ] = None,
    segment: Annotated[
        str | None, typer.Option(help="logic, foundry-mature, memory, packaging.")
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            help="Only fabs producing in this year: with capacity in the model that year "
            "(fab_capacity.csv), shown and totalled as that year's capacity; the registry's "
            "others are named below the table. A year outside the model's "
            f"{FIRST_YEAR}–{LAST_YEAR} (those of chipshock capacity --year) shows the "
            "registry's rows in force then, and says so.",
        ),
    ] = None,
    totals: TotalsOpt = None,
    capacity_in: Annotated[
        int | None,
        typer.Option(
            "--capacity-in",
            help="Show each fab's capacity per node class in this year (fab_capacity.csv), "
            "with the row's method and source.",
        ),
    ] = None,
    reconcile_regions: Annotated[
        bool,
        typer.Option(
            "--reconcile",
            help="With --capacity-in: itemised fab capacity against the regional totals per "
            "region and class, with the residual ('other fabs').",
        ),
    ] = False,
    show_coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="With --capacity-in: the share of each region x class total (and of the world "
            "per class) that itemised fabs make up, against the 90% aim of the registry, with "
            "the remainder (total - itemised).",
        ),
    ] = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of the terminal table: en or ja (headers; in Japanese each fab's "
            "and operator's Japanese name, fab_names_ja.csv; countries, node classes, "
            "statuses and confidences in words); json and csv carry both (name, name_ja; "
            "operator, operator_ja).",
        ),
    ] = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The fab registry: where chips are made, by whom, at what node, with what public money.

    Examples: chipshock fabs --country JPN --year 2027 --totals operator;
    chipshock fabs --capacity-in 2027 --operator TSMC;
    chipshock fabs --capacity-in 2027 --reconcile;
    chipshock fabs --capacity-in 2025 --coverage --format csv
    """
    language = check_lang(lang)
    if capacity_in is not None:  # a year of capacity: the years every command takes
        check_model_year(capacity_in, "--capacity-in")
    if year is not None:
        check_registry_year(year, "--year")
    data = alliance(db)
    check_countries(country, data, "--country")
    if year is not None and capacity_in is not None and year != capacity_in:
        raise InputError(
            Problem(
                "--year and --capacity-in name different years",
                field="--capacity-in",
                value=str(capacity_in),
                expected=f"the year of --year ({year}): both show capacity in that year "
                "(--capacity-in per node class); for another year's, change --year",
            )
        )
    for flag, used in (("--reconcile", reconcile_regions), ("--coverage", show_coverage)):
        if used and capacity_in is None:
            raise InputError(
                Problem(
                    f"{flag} needs a year",
                    field="--capacity-in",
                    expected=f"--capacity-in YEAR together with {flag}",
                )
            )
    filters = FabFilters(
        country=expand_filter(country, data.country_groups),
        country_given=tuple(country or ()),
        operator=operator,
        node=node,
        max_node_nm=max_node_nm,
        status=tuple(status or ()),
        segment=segment,
        year=year,
    )
    check_fab_filters(data.fabs, filters)
    table = filters.apply(data.fabs)
    if table.empty and fmt is Format.table and not (reconcile_regions or show_coverage):
        # each filter names something, but not together: a sentence, not an empty table
        sentence = nothing_matched(data.fabs, filters, language)
        if language == "ja":
            print_wrapped(sentence)
        else:
            console.print(sentence, markup=False, highlight=False)
        return
    if capacity_in is not None and show_coverage:
        _coverage(data, table, capacity_in, db, fmt, language)
        return
    if capacity_in is not None:
        _capacity(data, table, capacity_in, reconcile_regions, db, fmt, language)
        return
    if year is not None:
        _fabs_in_year(data, table, year, totals, fmt, language)
        return
    table = table.merge(fab_capacity_300mm(data.fabs, data.fab_capacity), on="fab_id", how="left")
    if totals:
        shown = fab_totals(table, by=totals)
        show_fab_list(
            shown,
            fmt,
            language,
            registry=data.fabs,
            title=f"fabs by {totals}"
            if language == "en"
            else message("cli.fab_list_by", language, column=fab_list_header(totals, language)),
            caption="capacity_300mm_wspm sums each fab's figure as `chipshock fabs` shows it "
            f"(n_with_capacity fabs have one). {_CAPACITY_300MM}",
            caption_ja=message("cli.fab_list_caption", language),
        )
        return
    show_fab_list(
        table,
        fmt,
        language,
        registry=data.fabs,
        title=count_message("cli.fab_list_title", len(table), language),
        columns=_FAB_COLUMNS,
        narrow=_FAB_NARROW,
        caption="capacity_wspm: wafer starts per month as published, in wafers of the fab's own "
        f"size (wafer_size_mm). {_CAPACITY_300MM} {_SOURCES}",
        caption_ja=message("cli.fab_list_caption", language),
    )


#: the columns of `chipshock fabs` on a terminal (``capacity_300mm_wspm`` is
#: ``capacity_YEAR_300mm_wspm`` with ``--year``)
_FAB_COLUMNS = [
    "fab_id",
    "operator",
    "country",
    "node_nm",
    "capacity_wspm",
    "wafer_size_mm",
    "capacity_300mm_wspm",
    "capacity_basis",
    "status",
    "production_start_year",
    "public_funding_usd",
    "as_of",
    "source_url",
]
#: the columns a terminal too narrow for all of `_FAB_COLUMNS` keeps, most important first:
#: the operator last, so that a wide terminal (130 columns) names who runs each fab, as the
#: Japanese table does, and a narrow one keeps the four before it
_FAB_NARROW = ["fab_id", "country", "capacity_300mm_wspm", "status", "operator"]
_SOURCES = (
    "Sources: company and government releases and press (see source_url); curated by "
    "chipshock, as of each row's date."
)


def _fabs_in_year(
    data: AllianceData,
    selected: pd.DataFrame,
    year: int,
    totals: str | None,
    fmt: Format,
    lang: Lang = "en",
) -> None:
    """`chipshock fabs --year YEAR`: the fabs producing in YEAR as the model holds them, each
    with its capacity in YEAR (`fabs_in_year`, the column ``capacity_YEAR_300mm_wspm``),
    listed or totalled (a YEAR outside the model's years is the registry's figure, and the
    caption says so: `fab_year_note`); a wafer fab the registry dates by YEAR without capacity
    in the model that year (no fab_capacity.csv row, or rows from a later year) is not listed
    but named in the caption with the reason. Packaging sites are listed (they hold no wafer
    capacity)."""
    col = f"capacity_{year}_300mm_wspm"
    in_year = fabs_in_year(selected, data.fabs, data.fab_capacity, year)
    idle, table = in_year.left_out, in_year.listed
    left_out = (
        (
            f" 1 wafer fab the registry has producing by {year} has no capacity in the model "
            f"in {year} and is not listed: "
            if len(idle) == 1
            else f" {len(idle)} wafer fabs the registry has producing by {year} have no "
            f"capacity in the model in {year} and are not listed: "
        )
        + "; ".join(f"{f} ({r})" for f, r in zip(idle["fab_id"], idle["reason"], strict=True))
        + "."
        if not idle.empty
        else ""
    )
    what = (
        f"{col}: each fab's capacity in {year} as the model holds it (300mm-equivalent "
        f"wafers/month: the fab_capacity.csv row in force in {year}, summed over its node "
        f"classes; the itemised fabs of `chipshock capacity --year {year}`; per class: "
        f"`chipshock fabs --capacity-in {year}`).{left_out}"
    )
    outside = fab_year_note(year, lang)  # a year the model does not hold: said plainly
    if outside is not None:
        what = f"{col}: {fab_year_note(year)} (300mm-equivalent wafers/month).{left_out}"
    names = fab_names(data.fabs, lang)
    caption_ja = message(
        "cli.fab_list_year_caption" if outside is None else "cli.fab_list_year_caption_outside",
        lang,
        year=year,
        outside=outside or "",
        left_out=count_message(
            "cli.fab_list_year_left_out",
            len(idle),
            lang,
            year=year,
            fabs="、".join(names.get(str(f), str(f)) for f in idle["fab_id"]),
        )
        if not idle.empty
        else "",
    )
    if totals:
        out = fab_totals(table, by=totals).rename(columns={"capacity_300mm_wspm": col})
        show_fab_list(
            out,
            fmt,
            lang,
            registry=data.fabs,
            title=f"fabs producing in {year} by {totals}"
            if lang == "en"
            else message(
                "cli.fab_list_year_by", lang, year=year, column=fab_list_header(totals, lang)
            ),
            caption=f"{col} sums the listed fabs' capacity in {year} (n_with_capacity: fabs "
            f"with wafer capacity). {what}",
            caption_ja=caption_ja,
        )
        return
    show_fab_list(
        table.rename(columns={"capacity_300mm_wspm": col}),
        fmt,
        lang,
        registry=data.fabs,
        title=count_message("cli.fab_list_year_title", len(table), lang, year=year),
        columns=[col if c == "capacity_300mm_wspm" else c for c in _FAB_COLUMNS],
        narrow=[col if c == "capacity_300mm_wspm" else c for c in _FAB_NARROW],
        caption="capacity_wspm: wafer starts per month as published, in wafers of the fab's own "
        f"size (wafer_size_mm), in any year. {what} {_SOURCES}",
        caption_ja=caption_ja,
    )


def with_amount_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``amount``: the amount as every surface writes it (`amount_texts`:
    USD 55.7 m reads "USD 56 m", USD 19.16 bn "USD 19.2 bn", a yen pledge "JPY 802.5 bn (≈ USD
    5.4 bn at 149.4 JPY/USD, 2025-03)"; "–" where no amount is known), for the terminal table;
    JSON and CSV keep ``amount_usd`` in dollars and ``amount_original`` beside it."""
    return frame.assign(amount=[text or MISSING for text in amount_texts(frame)])


#: What the capacity_300mm_wspm column is, the same on the CLI, the API and the fab map.
_CAPACITY_300MM = (
    "capacity_300mm_wspm (300mm-equivalent wafers/month, the unit of the engine; the same figure "
    "as /api/fabs and the dashboard's fab map): the fab's largest yearly capacity in "
    "fab_capacity.csv, summed over its node classes (capacity_basis fab_capacity.csv), else its "
    "published capacity_wspm x (wafer_size_mm / 300)^2, the area ratio (basis fabs.csv: the "
    "model has no capacity row for such a fab and counts it as zero); "
    "`chipshock fabs --year YEAR` shows and totals each fab's capacity in that year, "
    "`chipshock fabs --capacity-in YEAR` per class."
)


def _capacity(
    data: AllianceData,
    selected: pd.DataFrame,
    year: int,
    with_reconciliation: bool,
    db: Path | None,
    fmt: Format,
    lang: Lang = "en",
) -> None:
    cap = data.fab_capacity
    cap = cap[cap["fab_id"].isin(selected["fab_id"])]
    items = capacity_at(cap, data.fabs, year)
    if not with_reconciliation:
        missing = fabs_without_capacity(data.fab_capacity, selected)
        names = fab_names(data.fabs, lang)
        show_fab_list(
            items,
            fmt,
            lang,
            registry=data.fabs,
            title=count_message(
                "cli.fab_list_capacity_title",
                len(items),
                lang,
                year=year,
                # whole kwspm, a nonzero total below 500 wspm "<1" (not "0")
                kwspm=fmt_cell_number(items["capacity_wspm"].sum() / 1000, 0, lang),
            ),
            narrow=["fab_id", "node_class", "capacity_wspm", "confidence"],
            headed_as={"capacity_wspm": "capacity_300mm_wspm"},  # fab_capacity.csv's unit
            # from the catalogue in both languages; with every selected fab counted, no list
            # (it read "0 selected wafer fabs have no capacity row and count as 0: ", audit31)
            caption=count_message(
                _capacity_caption(missing),
                len(missing),
                "en",
                fabs=", ".join(missing["fab_id"].astype(str)),
            ),
            caption_ja=count_message(
                _capacity_caption(missing),
                len(missing),
                lang,
                fabs="、".join(names.get(str(f), str(f)) for f in missing["fab_id"]),
            ),
        )
        return
    show_capacity(
        _reconciliation(data, items, year, db),
        fmt,
        lang,
        title=message("cli.reconcile_title", lang, year=year),
        caption=message("cli.reconcile_caption", lang),
    )


def _capacity_caption(missing: pd.DataFrame) -> str:
    """The capacity list's caption key: the fabs without a capacity row named, or none."""
    return (
        "cli.fab_list_capacity_caption_none" if missing.empty else "cli.fab_list_capacity_caption"
    )


def _coverage(
    data: AllianceData,
    selected: pd.DataFrame,
    year: int,
    db: Path | None,
    fmt: Format,
    lang: Lang = "en",
) -> None:
    cap = data.fab_capacity
    items = capacity_at(cap[cap["fab_id"].isin(selected["fab_id"])], data.fabs, year)
    table = coverage(_reconciliation(data, items, year, db))
    from chipshock.sim.network.remainders import counted_label

    counted = counted_label(load_table(ensure_store(db), "remainder_operators"))
    table = table.assign(
        remainder_counted_as=[
            counted.get((str(r), str(c)), "")
            for r, c in zip(table["region"], table["node_class"], strict=True)
        ]
    )
    from chipshock.present.coverage_notes import fallen_fabs_note
    from chipshock.sim import fallen_fabs, load_model_data

    # the fabs whose capacity fell while the regional total did not (review 11, finding 1)
    fallen = fallen_fabs_note(
        fallen_fabs(load_model_data(ensure_store(db)), [year]), lang, data.fabs
    )
    show_capacity(
        table,
        fmt,
        lang,
        title=message("cli.coverage_title", lang, year=year),
        caption=coverage_caption(table, lang) + (" " if lang == "en" else "") + fallen,
    )


def _reconciliation(
    data: AllianceData, items: pd.DataFrame, year: int, db: Path | None
) -> pd.DataFrame:
    from chipshock.sim import capacity_table, load_model_data

    model = load_model_data(ensure_store(db))
    totals = capacity_table(model, years=[year])
    # the sourced regional total less the part the interpolated total puts ahead of the
    # region's registered fabs (`chipshock.sim.network.remainders`): capacity the engine does
    # not simulate in this year, shown in its own column
    ahead = totals["ahead_of_registry_kwspm"].astype(float)
    totals = totals.assign(total_kwspm=totals["base_kwspm"].astype(float) - ahead)[
        ["region", "node_class", "total_kwspm", "ahead_of_registry_kwspm"]
    ]
    regions = set(totals["region"].astype(str))
    groups = data.country_groups
    eur = set(groups.loc[groups["group_code"] == "EUR", "country_code"].astype(str))
    countries = set(data.fabs["country"].astype(str))
    region_of = {
        c: c if c in regions else ("EUR" if c in eur and "EUR" in regions else "ROW")
        for c in countries
    }
    classes = list(dict.fromkeys(totals["node_class"].astype(str)))
    return reconcile(items, totals, region_of, classes)


def partnerships(
    country: CountryOpt = None,
    party: Annotated[
        str | None,
        typer.Option(help="A party's name contains this, in English or Japanese, e.g. ラピダス."),
    ] = None,
    kind: Annotated[str | None, typer.Option(help="grant, subsidy, joint development, …")] = None,
    technology: Annotated[
        str | None,
        typer.Option(help="Technology or summary contains this, in English or Japanese, e.g. 2nm."),
    ] = None,
    status: Annotated[str | None, typer.Option(help="active, awarded, approved, …")] = None,
    year: Annotated[int | None, typer.Option(help="Only those started by this year.")] = None,
    totals: TotalsOpt = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Partnerships and public funding (IBM–Rapidus, LSTC, CHIPS awards, METI subsidies…).

    Example: chipshock partnerships --party Rapidus --totals kind
    """
    language = check_lang(lang)
    data = alliance(db)
    check_countries(country, data, "--country")
    table = filter_partnerships(
        data.partnerships,
        country=expand_filter(country, data.country_groups),
        party=party,
        kind=kind,
        technology=technology,
        status=status,
        year=year,
    )
    if totals:
        shown = with_amount_text(partnership_totals(table, by=totals))
        release = DataRelease.from_meta(load_table(ensure_store(db), "meta"))
        show_registry(
            shown,
            fmt,
            language,
            columns=[c for c in shown.columns if c != "amount_usd"],
            title=message("cli.partnerships_by", language, column=column_word(totals, language)),
            caption=message(
                "cli.partnerships_totals_caption",
                language,
                number=release.number,
                date=release.date,
                as_of=_latest_as_of(table),
            ),
            status="partnership_status",
        )
        return
    if fmt is not Format.table:  # json and csv carry source_url and as_of on every row
        show_registry(
            with_amount_text(table),
            fmt,
            language,
            columns=None,
            title=count_message("cli.partnerships_title", len(table), language),
            caption="",
        )
        return
    _partnership_rows(table, language, DataRelease.from_meta(load_table(ensure_store(db), "meta")))


def _latest_as_of(table: pd.DataFrame) -> str:
    """The latest as-of date of ``table``'s rows ("–" for none)."""
    dates = [str(d) for d in table["as_of"] if isinstance(d, str) and d.strip()]
    return max(dates, default=MISSING)


def _partnership_rows(table: pd.DataFrame, language: Lang, release: DataRelease) -> None:
    """The partnerships on a terminal: each row's as-of date and a numbered reference to its
    source ("[3]"), kept before the other columns at any width, the pages listed under the
    table, and a caption naming partnerships.csv, the data release and the latest as-of."""
    summary = ["summary"] if language == "ja" else []  # the English table has no room for it
    shown, pages = source_refs(with_amount_text(table))
    show_registry(
        shown,
        Format.table,
        language,
        title=count_message("cli.partnerships_title", len(table), language),
        columns=[
            "partnership_id",
            "parties",
            "kind",
            "technology",
            *summary,
            "amount",
            "status",
            "start_date",
            "is_umbrella",
            "as_of",
            "source",
        ],
        narrow=[
            "partnership_id",
            "amount",
            "as_of",
            "source",
            "parties",
            *summary,
            "is_umbrella",
            "status",
            "start_date",
            "kind",
            "technology",
        ],
        caption=message(
            "cli.partnerships_caption",
            language,
            number=release.number,
            date=release.date,
            as_of=_latest_as_of(table),
        ),
        status="partnership_status",
    )
    if pages:
        sources = message("cli.partnerships_sources", language)
        console.print(sources, markup=False, highlight=False)
        for page in pages:  # a long address folds at the terminal's edge, never cut, and
            # starts on its number's line (rich moved it below a lone "[8]")
            for line in chop_cells(page, max(1, console.width)):
                console.print(line, markup=False, highlight=False, crop=False)


def deliverables(
    country: CountryOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor or counterpart contains this.")] = None,
    sector: Annotated[
        str | None, typer.Option(help="semiconductors, AI, cloud, quantum, …")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="investment, partnership, …")] = None,
    totals: TotalsOpt = None,
    status: Annotated[
        bool,
        typer.Option(
            "--status",
            help="The alliance tracker: every semiconductor item of the visit and the "
            "milestones since, with status (announced, under-way, done, delayed, cancelled).",
        ),
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="With --status: only this status; repeat for several."),
    ] = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The April 2024 U.S.–Japan state-visit deliverables, and context rows.

    Examples: chipshock deliverables --sector AI; chipshock deliverables --status --only delayed
    """
    language = check_lang(lang)
    data = alliance(db)
    check_countries(country, data, "--country")
    check_choice(sector, data.deliverables["sector"], "--sector")
    check_choice(kind, data.deliverables["kind"], "--kind")
    codes = expand_filter(country, data.country_groups)
    if status or only:
        release = DataRelease.from_meta(load_table(ensure_store(db), "meta"))
        table = tracker_view(
            data.alliance_tracker, only or (), codes, release=release, capacity=data.fab_capacity
        )
        if fmt is Format.table:  # the year the model counts a fab's volume from, beside its date
            table = table.assign(event_date=tracker_date_texts(table, language))
            table = context_titles(table)
        show_registry(
            table,
            fmt,
            language,
            title=message(
                "cli.tracker_title",
                language,
                n=len(table),
                counts=tracker_parts_text(table, language),
            ),
            columns=None
            if fmt is not Format.table
            else ["title", "event_date", "status", "status_as_of", "stale", "status_note"],
            caption=message("cli.tracker_caption", language)
            + tracker_stale_caption(table, release, language),
            status="tracker_status",
        )
        return
    table = filter_deliverables(
        data.deliverables, country=codes, actor=actor, sector=sector, kind=kind
    )
    if totals:
        shown = with_amount_text(deliverable_totals(table, by=totals))
        show_registry(
            shown,
            fmt,
            language,
            columns=[c for c in shown.columns if c != "amount_usd"],
            title=message("cli.deliverables_by", language, column=column_word(totals, language)),
            caption=message("cli.deliverables_totals_caption", language),
        )
        return
    summary = ["summary"] if language == "ja" else []  # in English only on a wide terminal
    show_registry(
        with_amount_text(table),
        fmt,
        language,
        title=count_message("cli.deliverables_title", len(table), language),
        columns=[
            "actor",
            "actor_country",
            "sector",
            "kind",
            "amount",
            "summary",
            "is_umbrella",
            "is_context",
            "as_of",
            "confidence",
            "source_url",
        ],
        narrow=[
            "actor",
            "amount",
            *summary,
            "kind",
            "sector",
            "as_of",
            "actor_country",
            "is_umbrella",
            "is_context",
            "confidence",
        ],
        caption=message("cli.deliverables_caption", language),
    )
