"""`chipshock groups` and `chipshock countries`: the codes usable wherever a country code is,
and the ``--group NAME=USA,JPN`` option that defines a user group for one command."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from chipshock.analysis.alliance import registry_countries
from chipshock.analysis.groups import (
    check_user_groups,
    country_uses,
    group_members,
    group_table,
    parse_group_spec,
)
from chipshock.cli.common import (
    DbOption,
    FormatOption,
    ReleaseOption,
    alliance,
    chain,
    ensure_store,
)
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.data.store import load_tables
from chipshock.present.labels import country_label, eto_label
from chipshock.present.messages import message

__all__ = [
    "CODES_HELP",
    "GroupOption",
    "countries",
    "groups",
    "load_groups",
    "scenario_expansions",
    "user_groups",
]

#: the sentence that every command taking codes adds to its help
CODES_HELP = (
    "Country codes (USA, JPN, ...) or group codes (EU27, CHIP4, QUAD, G7, EUR or a --group "
    "name); `chipshock countries` and `chipshock groups` list the valid codes."
)

GroupOption = Annotated[
    list[str] | None,
    typer.Option(
        "--group",
        metavar="NAME=CODE,CODE",
        help="Define a group for this command, usable like EU27 (repeatable): "
        "--group MYBLOC=USA,JPN,NLD. Members are country or group codes; NAME may not be a "
        "country or built-in group code.",
        show_default=False,
    ),
]


def load_groups(db: Path | None) -> pd.DataFrame:
    """The ``country_groups`` table of the store."""
    return load_tables(ensure_store(db), ["country_groups"])["country_groups"]


def user_groups(
    specs: Sequence[str] | None, known: Sequence[str], groups: pd.DataFrame
) -> dict[str, list[str]]:
    """``--group`` values, checked and expanded (`check_user_groups`; errors name --group)."""
    defined: dict[str, list[str]] = {}
    for spec in specs or ():
        name, members = parse_group_spec(spec, "--group")
        defined[name] = members
    return check_user_groups(defined, known, group_members(groups), "--group")


def scenario_expansions(scenario: Any, data: Any) -> list[str]:
    """What each group code in the scenario's shocks became (raises on an unknown code, so a
    run stops before it starts)."""
    from chipshock.sim.prepare import expand_shock_groups

    _, found = expand_shock_groups(scenario, data)
    return [e.text() for e in found]


def _flat(frame: pd.DataFrame, fmt: Format) -> pd.DataFrame:
    """Lists as space-separated text for a table or CSV (JSON keeps them as lists)."""
    if fmt is Format.json:
        return frame
    return frame.assign(
        **{
            c: frame[c].map(" ".join)
            for c in frame.columns
            if len(frame) and isinstance(frame[c].iloc[0], list)
        }
    )


def groups(
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Built-in country groups with their members and sources (country_groups.csv).

    EU27 is the political group (the 27 member states). EUR is a region code of
    the capacity data ("Europe" in SIA/BCG and the ETO fabrication stage): the
    engine puts a fab in EUR when its country is in the EUR group, which today
    lists the same 27 countries (an assumption: the sources do not say whether
    their Europe includes the UK, Switzerland or Norway, which sit in ROW). A
    shock on EU27 hits its member countries; a shock on EUR hits the region.
    Members without ETO supply-chain data supply nothing in coalition questions
    and are left out of shocks.

    --lang ja writes the terminal table in Japanese (members by their Japanese names,
    headers, title and caption); json and csv are unchanged.

    Example: chipshock groups --format json
    """
    from chipshock.analysis.groups import region_rows
    from chipshock.cli.groups_ja import GROUP_COLUMNS, groups_caption, groups_table_ja

    language = check_lang(lang)
    ch = chain(db, release)
    known = ch.country_codes(include_aggregates=True)
    frame = load_groups(db)
    table = group_table(frame, known)
    caption = groups_caption(region_rows(ch, frame), language)
    title = message("cli.groups_title", language)
    if fmt is Format.table and language == "ja":
        emit(groups_table_ja(table), fmt, title=title, caption=caption, lang="ja")
        return
    emit(
        _flat(table, fmt),
        fmt,
        title=title,
        columns=list(GROUP_COLUMNS),
        caption=caption,
        meta={"source": "chipshock curated country_groups.csv (each row cites its source)"},
    )


def countries(
    release: ReleaseOption = "current",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Every code a command accepts as a country, its groups, and where it counts: eto_data
    (the ETO assesses it: coalition, shapley and synergy count it; other codes supply
    nothing there), shocks (a scenario's country or export-control shock can target it) and
    registry (the fabs, partnerships and deliverables filters). The lists differ: fabs, raw
    materials and capacity regions add codes the ETO does not assess.

    --lang ja writes the terminal table in Japanese (each code with its Japanese name,
    headers, title and caption); json and csv are unchanged.

    Example: chipshock countries --format csv
    """
    from chipshock.sim.data import load_model_data  # the engine's tables, on first use
    from chipshock.sim.network.regional import shock_targets

    language = check_lang(lang)
    ch = chain(db, release)
    every = ch.country_codes(include_aggregates=True)
    plain = ch.country_codes(include_aggregates=False)
    a = alliance(db)
    table = country_uses(
        plain,
        [c for c in every if c not in plain],
        shock_targets(load_model_data(ensure_store(db), release)),  # AMR, SEA...: groups
        registry_countries(a.fabs, a.partnerships, a.deliverables),
        load_groups(db),
    )
    source = ch.release.source_label
    if fmt is Format.table and language == "ja":
        caption = message("cli.countries_caption", "ja", source=eto_label(source, "ja"))
        emit(
            _countries_ja(table),
            fmt,
            title=message("cli.countries_title", "ja"),
            caption=caption,
            lang="ja",
        )
        return
    emit(
        _flat(table, fmt),
        fmt,
        title=message("cli.countries_title", "en"),
        caption=message("cli.countries_caption", "en", source=source),
        meta={"source": source},
    )


def _countries_ja(table: pd.DataFrame) -> pd.DataFrame:
    """`country_uses` under Japanese headers, each code beside its Japanese name, where it is
    accepted marked ○."""
    yes = message("cli.countries_yes", "ja")
    cells: dict[str, list[object]] = {
        message("cli.countries_col_country_code", "ja"): table["country_code"].tolist(),
        message("cli.countries_col_name", "ja"): [
            country_label(str(c), "ja") for c in table["country_code"]
        ],
        message("cli.countries_col_groups", "ja"): [" ".join(g) for g in table["groups"]],
    }
    for column in ("eto_data", "shocks", "registry"):
        cells[message(f"cli.countries_col_{column}", "ja")] = [
            yes if flag else "" for flag in table[column]
        ]
    return pd.DataFrame(cells)
