"""`chipshock inputs`: every ETO input with its type, stage and top supplier country, the rows
of ``GET /api/inputs`` (`chipshock.present.input_rows`)."""

from __future__ import annotations

from typing import Annotated

import typer

from chipshock.cli.common import DbOption, FormatOption, ReleaseOption, chain
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.present.input_rows import eto_meta, input_rows, inputs_caption
from chipshock.present.messages import message
from chipshock.present.numbers import machine_frame

__all__ = ["COLUMNS", "NARROW", "inputs"]

#: the terminal table's columns, most important first (json and csv carry every column)
COLUMNS = [
    "input_id",
    "name",
    "type",
    "stage",
    "n_countries",
    "top_country",
    "top_country_share_pct",
    "share_year",
]
#: what a narrow terminal keeps, most important first
NARROW = [
    "input_id",
    "name",
    "top_country",
    "top_country_share_pct",
    "n_countries",
    "stage",
    "type",
    "share_year",
]
#: the Japanese table's: the same, each word column by its Japanese twin
_JAPANESE = {"name": "name_ja", "type": "type_ja", "top_country": "top_country_ja"}


def inputs(
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="S1 (design), S2 (fabrication) or S3 (assembly, testing and packaging): the "
            "input's own stage, or that of the nearest process it goes into.",
        ),
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="process, design_resource, tool_resource, material_resource or ultimate_output.",
        ),
    ] = None,
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Every input of the ETO dataset (tools, materials, design, processes): id, name, type,
    stage, how many countries supply it, the top country and its share.

    --lang ja writes the terminal table in Japanese (names, types, countries, headers,
    caption), with the same numbers; json and csv carry both languages (name, name_ja ...).

    Examples: chipshock inputs --stage S2 --type material_resource;
    chipshock inputs --format csv > inputs.csv
    """
    language = check_lang(lang)
    ch = chain(db, release)
    table = input_rows(ch, stage, type_, ("--stage", "--type"))
    if fmt is not Format.table:
        meta = {**eto_meta(ch.release), "params": {"stage": stage, "type": type_}}
        emit(machine_frame(table), fmt, meta=meta)
        return
    title = message("cli.inputs_title", language, n=len(table))
    caption = inputs_caption(ch.release, language)
    if language == "en":
        emit(table, fmt, title=title, caption=caption, columns=COLUMNS, narrow=NARROW)
        return
    headers = {c: message(f"cli.inputs_col_{c}", "ja") for c in COLUMNS}
    shown = table[[_JAPANESE.get(c, c) for c in COLUMNS]].copy()
    shown.columns = [headers[c] for c in COLUMNS]
    emit(shown, fmt, title=title, caption=caption, narrow=[headers[c] for c in NARROW], lang="ja")
