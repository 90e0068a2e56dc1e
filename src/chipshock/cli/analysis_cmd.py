"""Structural analysis verbs: shares, chokepoints, concentration, trace, coalition, criticality,
shapley, synergy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.text import Text

from chipshock.analysis.chokepoints import chokepoints as find_chokepoints
from chipshock.analysis.coalition import coalition_coverage
from chipshock.analysis.concentration import concentration as concentration_table
from chipshock.analysis.criticality import criticality as criticality_table
from chipshock.analysis.graph import trace as trace_input
from chipshock.analysis.groups import ResolvedCodes, group_members, region_rows, resolve_codes
from chipshock.analysis.materials import (
    MATERIAL_TABLES,
    SUBSTITUTES_NOTE,
    check_material_by,
    dated_share_note,
    eto_input_keys,
    material_chokepoints,
    material_trace,
    model_input_uses,
    resolve_material,
    with_model_inputs,
)
from chipshock.analysis.shapley import check_disjoint
from chipshock.analysis.shapley import shapley as shapley_values
from chipshock.analysis.shapley import synergy as synergy_of
from chipshock.analysis.shares import input_shares, stage_shares
from chipshock.cli.analysis_ja import (
    WEAK_COLUMNS,
    TableLangOpt,
    eto_source,
    print_coalition_ja,
    print_criticality_ja,
    print_shapley_ja,
    print_synergy_ja,
    synergy_headline,
)
from chipshock.cli.common import DbOption, FormatOption, ReleaseOption, chain, ensure_store
from chipshock.cli.groups_cmd import CODES_HELP, GroupOption, load_groups, user_groups
from chipshock.cli.output import Format, console, emit, emit_many
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.cli.table_cells import sentences
from chipshock.data.release import DATA_RELEASE_DATE
from chipshock.data.store import load_tables
from chipshock.errors import InputError, Problem
from chipshock.model.chain import SupplyChain
from chipshock.present.coverage_notes import coalition_scope, criticality_scope
from chipshock.present.eto_names import input_name
from chipshock.present.input_errors import resolve_eto_input
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import Lang, fmt_pct

By = Annotated[str, typer.Option("--by", help="country or firm.")]
Threshold = Annotated[
    float, typer.Option("--threshold", help="Share (%) a coalition must reach to cover an input.")
]


def _by(value: str) -> str:
    if value not in ("country", "firm"):
        raise InputError(
            Problem("unknown value", field="--by", value=value, expected="country or firm")
        )
    return value


def _emit_trace(
    sections: dict[str, pd.DataFrame],
    fmt: Format,
    meta: dict[str, object],
    captions: dict[str, str],
    nothing: dict[str, str],
) -> None:
    """The sections of a trace; on a terminal an empty one is a sentence (``nothing``), not a
    table of headers without rows. JSON and CSV keep every section, empty or not."""
    if fmt is not Format.table:
        emit_many(sections, fmt, meta=meta, captions=captions)
        return
    for name, frame in sections.items():
        if frame.empty:
            console.print(f"{name}: {nothing[name]}", highlight=False, markup=False)
        else:
            emit(frame, fmt, title=name, caption=captions[name])


def _dated(supply: pd.DataFrame) -> str:
    """ " " and `dated_share_note` of ``supply`` against the data release's year, or ""."""
    note = dated_share_note(supply, int(DATA_RELEASE_DATE[:4]))
    return " " + note if note else ""


#: the material chokepoints table's columns on a terminal, most important first
MATERIAL_COLUMNS = (
    "material_id",
    "stage",
    "country",
    "share_pct",
    "year",
    "input_ids",
    "stockpile_weeks",
    "confidence",
)


def _source(release_label: str) -> str:
    return eto_source(release_label, "en")


def shares(
    input_: Annotated[
        str | None, typer.Argument(metavar="INPUT", help="Input id or name (default: all).")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="country, firm or both.")] = "both",
    stages: Annotated[bool, typer.Option("--stages", help="Show stage-level shares.")] = False,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Country and firm shares per input (or per stage), with year and source.

    --lang ja writes the table in Japanese (input, stage, material and country names,
    headers, title and caption with the source), with the same numbers; json and csv are
    unchanged.

    Example: chipshock shares "EUV lithography tools"
    """
    from chipshock.cli import shares_ja

    japanese = fmt is Format.table and check_lang(lang) == "ja"
    ch = chain(db, release)
    if stages:
        table = stage_shares(ch)
        if japanese:
            shares_ja.print_stage_shares_ja(table, ch.release.source_label)
            return
        title = message("cli.shares_title_stages", "en")
        emit(table, fmt, title=title, caption=_source(ch.release.source_label))
        return
    mats, supply = with_model_inputs(load_tables(ensure_store(db), MATERIAL_TABLES))
    # a raw material or advanced_packaging, by id or name
    mid = resolve_material(mats, input_, eto_input_keys(ch.inputs)) if input_ else None
    if mid:
        check_material_by(by if by != "both" else "country")
        material = mats.loc[mats["material_id"].astype(str) == mid].iloc[0]
        rows = supply[supply["material_id"].astype(str) == mid].reset_index(drop=True)
        if japanese:
            shares_ja.print_material_shares_ja(rows, str(material["name_ja"]), mid)
            return
        emit(
            rows,
            fmt,
            title=message("cli.shares_title_input", "en", name=material["name_en"], id=mid),
            columns=["material_id", "stage", "country", "share_pct", "year", "confidence"],
            caption=message("cli.shares_material_caption", "en", id=mid),
        )
        return
    input_id = resolve_eto_input(ch, mats, input_, release=release) if input_ else None
    table = input_shares(ch, input_id, by=by)
    language: Lang = "ja" if japanese else "en"
    if input_id:
        name = input_name(input_id, ch.input_name(input_id), language)
        title = message("cli.shares_title_input", language, name=name, id=input_id)
    else:
        title = message("cli.shares_title_all", language)
    if japanese:
        shares_ja.print_input_shares_ja(table, title, ch.release.source_label)
        return
    emit(
        table,
        fmt,
        title=title,
        columns=list(shares_ja.INPUT_SHARE_COLUMNS),
        caption=_source(ch.release.source_label),
    )


def chokepoints(
    min_share: Annotated[
        float, typer.Option("--min-share", help="Share (%) one provider holds.")
    ] = 50.0,
    by: By = "country",
    materials: Annotated[
        bool,
        typer.Option(
            "--materials",
            help="Raw materials (gallium, rare earths, ...) where one country holds at least "
            "--min-share of mining or refining, instead of the ETO inputs.",
        ),
    ] = False,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Inputs where one country (or firm) holds at least --min-share of the world market.

    --lang ja writes the table in Japanese (input, material, stage and country names,
    headers, title and caption with the source), with the same numbers; json and csv are
    unchanged.

    Examples: chipshock chokepoints --by firm --min-share 90; chipshock chokepoints --materials
    """
    language = check_lang(lang)
    if materials:
        check_material_by(by)
        mats, supply = with_model_inputs(load_tables(ensure_store(db), MATERIAL_TABLES))
        table = material_chokepoints(mats, supply, min_share)
        if fmt is Format.table and language == "ja":
            from chipshock.cli.materials_ja import print_material_chokepoints_ja

            names_ja = dict(zip(mats["material_id"].astype(str), mats["name_ja"], strict=True))
            dated = dated_share_note(table, int(DATA_RELEASE_DATE[:4]), "ja")
            print_material_chokepoints_ja(table, names_ja, min_share, dated)
            return
        emit(
            table,
            fmt,
            title=f"{count_message('count.material_chokepoint', len(table))}: one country "
            f"holds ≥ {min_share:g}%",
            columns=None if fmt is not Format.table else list(MATERIAL_COLUMNS),
            narrow=list(MATERIAL_COLUMNS),  # in this order of priority
            caption=message("cli.mat_choke_caption", "en")
            + " "
            + SUBSTITUTES_NOTE[0].upper()
            + SUBSTITUTES_NOTE[1:]
            + "."
            + _dated(table),
        )
        return
    ch = chain(db, release)
    table = find_chokepoints(ch, min_share=min_share, by=_by(by))
    if fmt is Format.table and language == "ja":
        from chipshock.cli.structure_ja import print_chokepoints_ja

        print_chokepoints_ja(table, by, min_share, ch.release.source_label)
        return
    emit(
        table,
        fmt,
        title=f"{count_message('count.chokepoint', len(table))}: one {by} holds ≥ {min_share:g}%",
        columns=[
            "input_id",
            "input_name",
            "provider",
            "share_pct",
            "hhi",
            "n_alternatives",
            "year",
        ],
        narrow=["input_id", "input_name", "provider", "share_pct", "hhi", "year", "n_alternatives"],
        caption=_source(ch.release.source_label) + " Aggregates ('Various …') are never counted.",
    )


def concentration(
    by: By = "country",
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Market concentration (HHI, 0–10,000) per input, with how much share is unknown.

    --lang ja writes the table in Japanese (input and country names, headers, title and
    caption with the source), with the same numbers; json and csv are unchanged.

    Example: chipshock concentration --by firm --format csv
    """
    from chipshock.cli.structure_ja import CONCENTRATION_SHOWN, print_concentration_ja

    language = check_lang(lang)
    ch = chain(db, release)
    table = concentration_table(ch, by=_by(by)).sort_values("hhi", ascending=False)
    if fmt is Format.table and language == "ja":
        print_concentration_ja(table, by, ch.release.source_label)
        return
    emit(
        table,
        fmt,
        title=message("cli.conc_title", "en", who=message(f"cli.choke_who_{by}", "en")),
        caption=message("cli.conc_caption", "en") + _source(ch.release.source_label),
        narrow=list(CONCENTRATION_SHOWN),
    )


def trace(
    input_: Annotated[str, typer.Argument(metavar="INPUT", help="Input id or name.")],
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """What an input goes into, up to the finished chip, and what goes into it.

    INPUT may also be a raw material or advanced packaging, by id or name
    (gallium, "Rare earths", "Advanced packaging", ...): then it shows the inputs
    and node classes it feeds and who mines or refines it.

    --lang ja writes the tables in Japanese (input, material, stage, country
    and node class names, types, headers, captions with the source), with
    the same rows; json and csv are unchanged. A material's use and
    substitutes are in Japanese where materials_ja.csv translates them,
    else the data's English, labelled so.

    Examples: chipshock trace N20; chipshock trace gallium
    """
    language = check_lang(lang)
    ch = chain(db, release)
    t = load_tables(ensure_store(db), MATERIAL_TABLES)
    mats, supply = with_model_inputs(t)
    mid = resolve_material(mats, input_, eto_input_keys(ch.inputs))
    if mid:
        names = {i: ch.input_name(i) for i in (str(x) for x in ch.inputs["input_id"])}
        mt = material_trace(mats, supply, mid, names)
        raw = mid not in set(t["materials"]["material_id"].astype(str))
        down = model_input_uses(t["node_requirements"], mid) if raw else mt.downstream
        weeks = f"{float(str(mt.attributes['stockpile_weeks'])):g}"
        as_of = mt.attributes["stockpile_as_of"]  # the stock's row, not the shares'
        if raw:
            stage = ";".join(mt.downstream["input_id"])
            down_caption = message(
                "cli.mat_trace_down_caption_model",
                "en",
                name=mt.name,
                stage=stage,
                weeks=weeks,
                as_of=as_of,
            )
        else:
            down_caption = (
                message(
                    "cli.mat_trace_down_caption",
                    "en",
                    name=mt.name,
                    weeks=weeks,
                    as_of=as_of,
                    id=mt.material_id,
                    substitutes=mt.attributes["substitutes"],
                )
                + f" ({SUBSTITUTES_NOTE.split(': ', 1)[1]})."
            )
        if fmt is Format.table and language == "ja":
            from chipshock.cli.materials_ja import print_material_trace_ja

            row = mats.loc[mats["material_id"].astype(str) == mid].iloc[0]
            print_material_trace_ja(
                mid,
                str(row["name_ja"] or mt.name),
                {"downstream": down, "upstream": mt.upstream},
                mt.attributes,
                model_input=raw,
                stage=";".join(mt.downstream["input_id"]),
                dated=dated_share_note(
                    supply[supply["material_id"] == mid], int(DATA_RELEASE_DATE[:4]), "ja"
                ),
            )
            return
        if fmt is Format.table:  # the English terminal table: the Japanese use is JSON's/CSV's
            down = down.drop(columns="use_ja", errors="ignore")
        _emit_trace(
            {"downstream": down, "upstream": mt.upstream},
            fmt,
            meta={"material_id": mt.material_id, "material_name": mt.name, **mt.attributes},
            captions={
                "downstream": down_caption,
                "upstream": message(
                    "cli.mat_trace_up_caption_model" if raw else "cli.mat_trace_up_caption",
                    "en",
                    name=mt.name,
                )
                + _dated(supply[supply["material_id"] == mid]),
            },
            nothing={
                "downstream": message("cli.mat_trace_down_none", "en", name=mt.name),
                "upstream": message("cli.mat_trace_up_none", "en", name=mt.name),
            },
        )
        return
    result = trace_input(ch, resolve_eto_input(ch, mats, input_, release=release))
    name = ch.input_name(result.input_id)
    if fmt is Format.table and language == "ja":
        from chipshock.cli.structure_ja import print_trace_ja

        sections = {"downstream": result.downstream, "upstream": result.upstream}
        print_trace_ja(result.input_id, name, result.stage_id, sections, ch.release.source_label)
        return
    _emit_trace(
        {"downstream": result.downstream, "upstream": result.upstream},
        fmt,
        meta={
            "input_id": result.input_id,
            "input_name": name,
            "stage_id": result.stage_id,
            "reaches_final": result.reaches_final,
            "source": ch.release.source_label,
        },
        captions={
            "downstream": f"{name}: what it goes into (stage {result.stage_id}). "
            + _source(ch.release.source_label),
            "upstream": f"{name}: what goes into it. " + _source(ch.release.source_label),
        },
        nothing={
            "downstream": f"nothing that {name} goes into is recorded in the "
            f"{ch.release.source_label}.",
            "upstream": f"nothing upstream of {name} is recorded in the "
            f"{ch.release.source_label}: no input is listed as going into it.",
        },
    )


def resolve_members(
    ch: SupplyChain,
    codes: list[str],
    db: Path | None,
    argument: str,
    specs: list[str] | None = None,
) -> ResolvedCodes:
    """Country and group codes (EU27, CHIP4, QUAD, G7, EUR, --group names) -> the data's
    country codes (shared by coalition, shapley, synergy and `report --coalition`)."""
    groups = load_groups(db)
    known = ch.country_codes(include_aggregates=True)
    user = user_groups(specs, known, groups)
    r = resolve_codes(codes, known, groups, argument, user, regions=region_rows(ch, groups))
    if not r.codes:
        raise InputError(
            Problem(
                "no member with supply-chain data",
                field=argument,
                value=" ".join(codes),
                expected="at least one country the ETO data covers",
            )
        )
    return r


_CODES_HELP = "e.g. USA JPN EU27. " + CODES_HELP


def coalition(
    codes: Annotated[list[str], typer.Argument(metavar="CODES...", help=_CODES_HELP)],
    threshold: Threshold = 50.0,
    level: Annotated[str, typer.Option(help="leaf (most specific inputs) or top.")] = "leaf",
    group: GroupOption = None,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: TableLangOpt = "en",
) -> None:
    """How much of each input a group of countries supplies, and its weakest links.

    With --lang ja the terminal answer is in Japanese (countries, inputs and
    stages by their Japanese names), with the same numbers.
    Example: chipshock coalition USA JPN NLD --threshold 50; chipshock coalition CHIP4 EU27;
    chipshock coalition MYBLOC --group MYBLOC=USA,JPN,NLD
    """
    language = check_lang(lang)
    ch = chain(db, release)
    resolved = resolve_members(ch, codes, db, "CODES", group)
    members = resolved.codes
    result = coalition_coverage(ch, members, threshold=threshold, level=level)
    s = result.summary
    if fmt is Format.table and language == "ja":
        print_coalition_ja(ch, result, resolved, threshold)
        return
    if fmt is Format.table:
        joined = " + ".join(members)
        headline = Text(
            message(
                "cli.coalition_headline",
                "en",
                members=joined,
                threshold=f"{threshold:g}",
                covered=s["n_covered"],
                total=s["n_inputs"],
                share=fmt_pct(100 * float(str(s["share_covered"]))),
                mean=fmt_pct(float(str(s["mean_coalition_share"])), 1),  # a nonzero never 0.0%
            )
        )
        headline.highlight_words([joined], style="bold")  # the members in bold, as written
        console.print(console.highlighter(headline))
        if resolved.note():
            console.print(resolved.note(), markup=False)
        emit(
            result.weak_links,
            fmt,
            title=message("cli.coalition_weak_title", "en"),
            columns=[c for c in WEAK_COLUMNS if c in result.weak_links.columns],
            caption=sentences(coalition_scope("en"), _source(ch.release.source_label)),
        )
        emit(
            result.stages,
            fmt,
            title=message("cli.coalition_stages_title", "en"),
            caption=_source(ch.release.source_label),
        )
        return
    emit_many(
        {"weak_links": result.weak_links, "coverage": result.coverage, "stages": result.stages},
        fmt,
        meta={
            "members": members,
            "groups": resolved.expanded,
            "without_data": resolved.without_data,
            "regions_left_out": [x.as_dict() for x in resolved.regions_left_out],
            "threshold": threshold,
            "summary": s,
            "source": ch.release.source_label,
            "scope": _coalition_scope(),
        },
        captions={"weak_links": sentences(coalition_scope("en"), _source(ch.release.source_label))},
    )


def criticality(
    by: By = "country",
    threshold: Threshold = 50.0,
    top: Annotated[int, typer.Option(help="Show the first N.")] = 20,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: TableLangOpt = "en",
) -> None:
    """Rank countries or firms by what the world loses if each one is cut off, over the ETO's
    assessed inputs (wafer fabrication capacity is not one of them: see `chipshock capacity`).

    With --lang ja the terminal table is in Japanese (countries and inputs by
    their Japanese names; firms as the data names them), with the same numbers.
    Example: chipshock criticality --by firm --top 10
    """
    language = check_lang(lang)
    ch = chain(db, release)
    table = criticality_table(ch, by=_by(by), threshold=threshold).head(top)
    if fmt is Format.table and language == "ja":
        print_criticality_ja(
            ch,
            table,
            by=by,
            threshold=threshold,
            columns=CRITICALITY_TERMINAL,
            narrow=CRITICALITY_NARROW,
        )
        return
    emit(
        table,
        fmt,
        title=message("cli.criticality_title", "en", by=message(f"cli.criticality_by.{by}")),
        columns=list(CRITICALITY_TERMINAL),
        narrow=list(CRITICALITY_NARROW),
        caption=sentences(
            criticality_scope("en"),
            message("cli.criticality_below", "en", threshold=f"{threshold:g}"),
            message("cli.criticality_share_lost", "en"),
            _source(ch.release.source_label),
        ),
    )


#: the criticality table's columns on a terminal, and the ones a narrow terminal keeps first
CRITICALITY_TERMINAL = (
    "rank",
    "provider",
    "inputs_supplied",
    "sole_source_inputs",
    "inputs_left_below_threshold",
    "share_lost_sum",
    "top_inputs",
)
CRITICALITY_NARROW = (
    "rank",
    "provider",
    "share_lost_sum",
    "sole_source_inputs",
    "inputs_left_below_threshold",
    "inputs_supplied",
    "top_inputs",
)


def shapley(
    codes: Annotated[list[str], typer.Argument(metavar="CODES...", help=_CODES_HELP)],
    threshold: Threshold = 50.0,
    weight: Annotated[
        str, typer.Option(help="count (each input alike) or market (by market size).")
    ] = "count",
    samples: Annotated[int, typer.Option(help="Permutations when sampling (> 12 members).")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed for sampling.")] = 0,
    group: GroupOption = None,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: TableLangOpt = "en",
) -> None:
    """Each member's Shapley value for the coalition value v(S) = share of inputs S covers.

    v(S) is the share (percent) of the most specific inputs with country data
    where the members of S together hold at least --threshold % of the world
    market. Exact up to 12 members, sampled (with standard errors) beyond.

    With --lang ja the terminal table is in Japanese (members by their
    Japanese names), with the same numbers.
    Example: chipshock shapley USA JPN NLD KOR TWN
    """
    language = check_lang(lang)
    ch = chain(db, release)
    resolved = resolve_members(ch, codes, db, "CODES", group)
    result = shapley_values(
        ch,
        resolved.codes,
        threshold=threshold,
        weight=weight,
        rng=seed,
        samples=samples,
    )
    if fmt is Format.table and language == "ja":
        print_shapley_ja(ch, result, resolved, threshold, weight)
        return
    emit(
        result.table_pct(),  # percent in the table, JSON and CSV alike, as GET /api/shapley
        fmt,
        title=message(
            "cli.shapley_title",
            "en",
            method=message(f"cli.shapley_method.{result.method}"),
            v_all=fmt_pct(result.v_all_pct, 1),
        ),
        caption=sentences(
            result.value_function,
            coalition_scope("en"),
            resolved.note(),
            _source(ch.release.source_label),
            message("cli.shapley_exact") if result.method == "exact" else "",
        ),
        meta={
            "groups": resolved.expanded,
            "without_data": resolved.without_data,
            "regions_left_out": [x.as_dict() for x in resolved.regions_left_out],
            "method": result.method,
            "v_all_pct": result.v_all_pct,
            "v_none_pct": result.v_none_pct,
            "seed": result.seed,
            "samples": result.samples,
            "value_function": result.value_function,
            "scope": _coalition_scope(),
        },
    )


def _coalition_scope() -> dict[str, str]:
    """What a coalition's values count, in English and Japanese: the JSON's ``scope``, as the
    API's coalition, Shapley and synergy answers carry it."""
    return {lang: coalition_scope(lang) for lang in ("en", "ja")}


def synergy(
    group_a: Annotated[
        str,
        typer.Argument(
            metavar="GROUP_A", help="First group, comma-separated codes: USA. " + CODES_HELP
        ),
    ],
    group_b: Annotated[
        str,
        typer.Argument(metavar="GROUP_B", help="Second group, comma-separated: JPN or EU27,KOR"),
    ],
    threshold: Threshold = 50.0,
    weight: Annotated[str, typer.Option(help="count or market.")] = "count",
    group: GroupOption = None,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: TableLangOpt = "en",
) -> None:
    """Is 1+1 more than 2? v(A ∪ B) − v(A) − v(B) for two groups of countries.

    The groups must have no country in common (one in both would be counted twice in "the
    sum"): for the Quad and Chip 4, which share the U.S. and Japan, ask what Korea and Taiwan
    add to the Quad (chipshock synergy QUAD KOR,TWN); the error names the shared countries.

    With --lang ja the terminal answer is in Japanese (groups by their
    members' Japanese names), with the same numbers.
    Example: chipshock synergy USA JPN,NLD
    """
    language = check_lang(lang)
    ch = chain(db, release)
    ra = resolve_members(ch, group_a.split(","), db, "GROUP_A", group)
    rb = resolve_members(ch, group_b.split(","), db, "GROUP_B", group)
    a, b = ra.codes, rb.codes
    options = "".join(f" --group {spec}" for spec in group or [])
    options += f" --threshold {threshold:g}" if threshold != 50.0 else ""

    def ask(x: str, y: str) -> str:
        return f"chipshock synergy {x} {y}{options}" + (
            f" --weight {weight}" if weight != "count" else ""
        )

    def together(x: str, y: str) -> str:
        codes = dict.fromkeys([*x.split(","), *y.split(",")])
        return f"chipshock coalition {' '.join(codes)}{options}"

    check_disjoint(
        a,
        b,
        names=(group_a, group_b),
        field="GROUP_B",
        ask=ask,
        together=together,
        without_data=(ra.without_data, rb.without_data),
        unnamable=group_members(load_groups(db)),  # EUR: asking for it brings its members
    )
    r = synergy_of(ch, a, b, threshold=threshold, weight=weight)
    values = r.values_pct()  # percent in the table, JSON and CSV alike, as GET /api/synergy
    label_a, label_b = "+".join(r.group_a), "+".join(r.group_b)
    table = pd.DataFrame(
        [
            {"group": label_a, "value_pct": values["v_a_pct"]},
            {"group": label_b, "value_pct": values["v_b_pct"]},
            {"group": "+".join([*r.group_a, *r.group_b]), "value_pct": values["v_union_pct"]},
            {"group": message("cli.synergy_row"), "value_pct": values["synergy_pct"]},
        ]
    )
    if fmt is Format.table and language == "ja":
        print_synergy_ja(ch, r, table, (ra, rb), threshold, weight)
        return
    if fmt is Format.table:
        console.print(synergy_headline(r, (label_a, label_b), "en"), markup=False)
    emit(
        table,
        fmt,
        title=message("cli.synergy_title"),
        caption=sentences(
            r.value_function,
            coalition_scope("en"),
            ra.note(),
            rb.note(),
            _source(ch.release.source_label),
        ),
        meta={
            "group_a": list(r.group_a),
            "group_b": list(r.group_b),
            **values,
            "ratio": r.ratio,
            "counts": r.counts(),
            "value_function": r.value_function,
            "scope": _coalition_scope(),
            "union_only": r.union_only,
            "regions_left_out": [
                x.as_dict()
                for x in {y.code: y for y in (*ra.regions_left_out, *rb.regions_left_out)}.values()
            ],
            "threshold": threshold,
            "source": ch.release.source_label,
        },
    )
