"""`chipshock results list|show`: results saved with ``scenario run --save NAME``.

Reads the store through its public functions only (`chipshock.sim.run.store.list_results`
for the list, `chipshock.data.store.load_table` for a result's KPI rows,
`chipshock.sim.run.store.load_utilisation` for its per-producer utilisation,
`chipshock.sim.run.store.load_by_country` for its by-country tables), so that a change
in how saves are written does not reach this reader. Numbers are written by the shared
formatter, the utilisation table by the one `scenario run --utilisation` uses.
"""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
import typer
from rich.markup import escape

from chipshock.cli.common import DbOption, FormatOption, ensure_store
from chipshock.cli.output import Format, console, emit, emit_many, err_console
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.errors import Problem, StoreError, UnknownIdError
from chipshock.present.messages import count_message, message

__all__ = ["app", "register"]

app = typer.Typer(help="Saved results: list them, show one.", no_args_is_help=True)

UtilisationOpt = Annotated[
    bool,
    typer.Option(
        "--utilisation",
        help="Also show each producer's utilisation (% of capacity) in the shock weeks as "
        "the run gave it, the most stretched first (json/csv: section 'utilisation'; empty "
        "for a result saved before utilisation was kept).",
    ),
]

#: what the data release of `results show` is for a result saved before chipshock recorded
#: the release with it (json meta ``note``)
SAVED_RELEASE_NOTE = (
    "data_release and as_of are the store's: this result was saved before chipshock recorded "
    "the release with each result, and may have been computed from an earlier one"
)

#: what `results show` cannot show of a result saved before the by-country tables were kept
#: with it (review 14 #6)
NOT_KEPT = message("cli.results_not_kept", "en")

#: said instead of an empty utilisation table on a terminal
NO_UTILISATION = message("cli.results_no_utilisation", "en")


@app.command("list")
def list_saved(db: DbOption = None, fmt: FormatOption = Format.table, lang: LangOpt = "en") -> None:
    """Every saved result: id, name, scenario, runs, seed, horizon, when it was saved.

    --lang ja writes the terminal table in Japanese (headers, title, each scenario's Japanese
    title as run); json and csv are unchanged.

    Example: chipshock results list
    """
    from chipshock.cli.results_ja import saved_title_ja
    from chipshock.sim.run.store import list_results

    language = check_lang(lang) if fmt is Format.table else "en"
    table = list_results(ensure_store(db))
    if fmt is Format.table and table.empty:  # a line that says how to save one, not no rows
        console.print(message("cli.results_none", language), highlight=False, markup=False)
        return
    if fmt is not Format.table:
        emit(table, fmt, title=count_message("count.saved_result", len(table)))
        return
    # the title says what changed (review 14 #6), with the horizon
    horizons = [
        message("cli.results_horizon", language, start=a, end=b)
        for a, b in zip(table["start_year"], table["end_year"], strict=True)
    ]
    shown = table.assign(horizon=horizons)
    if language == "ja":
        shown = shown.assign(
            title=[
                saved_title_ja({"title": title, "scenario_toml": toml})
                for title, toml in zip(table["title"], table["scenario_toml"], strict=True)
            ]
        )
    columns = ["result_id", "name", "title", "scenario_id", "horizon", "runs", "seed", "created_at"]
    count = count_message("count.saved_result", len(table), language)
    if language == "en":
        emit(shown, fmt, title=count, columns=columns)
        return
    words = {c: message(f"cli.results_col_{c}", "ja") for c in columns}
    emit(
        shown[columns].rename(columns=words),
        fmt,
        title=message("cli.results_list_title", "ja", count=count),
        lang="ja",
    )


def _pick(table: pd.DataFrame, ref: str) -> pd.Series:
    rows = table[(table["result_id"].astype(str) == ref) | (table["name"].astype(str) == ref)]
    if rows.empty:
        known = ", ".join(table["name"].astype(str).tolist()[:10]) or "none saved yet"
        raise UnknownIdError(
            Problem(
                "no saved result",
                field="RESULT",
                value=ref,
                expected=f"a result id or name of `chipshock results list` ({known})",
            )
        )
    return rows.sort_values("created_at").iloc[-1]  # the latest of a name saved twice


@app.command()
def show(
    result: Annotated[
        str,
        typer.Argument(metavar="RESULT", help="Result id or name (the latest of that name)."),
    ],
    utilisation: UtilisationOpt = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """One saved result: what was run, and its KPIs per market (p5 · p50 · p95).

    --lang ja writes the terminal answer in Japanese (heading, market and country names,
    headers, captions with the source), with the same numbers; json and csv are unchanged.

    Example: chipshock results show blockade-2027

    With each producer's utilisation, as `scenario run --utilisation` showed it:
    chipshock results show blockade-2027 --utilisation
    """
    from chipshock.cli.scenario_shared import country_sections, per_market_table, store_release
    from chipshock.cli.scenario_utilisation_view import (
        utilisation_captions,
        utilisation_narrow,
        utilisation_sections,
    )
    from chipshock.cli.scenario_view import kpi_columns, no_country_loss
    from chipshock.data.store import load_table
    from chipshock.present.numbers import machine_frame
    from chipshock.present.provenance import engine_meta, saved_file_notes, with_provenance
    from chipshock.present.scenario_settings import saved_settings
    from chipshock.sim.run.store import (
        BY_COUNTRY,
        SAVED_NOTES,
        list_results,
        load_by_country,
        load_utilisation,
    )

    language = check_lang(lang)
    path = ensure_store(db)
    meta = _pick(list_results(path), result)
    rid = str(meta["result_id"])
    try:
        kpis = load_table(path, "result_kpis")
    except StoreError as exc:
        raise StoreError(f"the store at {path} has saved results but no KPI rows: {exc}") from exc
    rows = kpis[kpis["result_id"].astype(str) == rid].drop(columns=["result_id"])
    info = {str(k): (v.item() if hasattr(v, "item") else v) for k, v in meta.items()}
    for k in SAVED_NOTES:  # "" or NULL (saved before notes were kept): no note
        info[k] = _note(info.get(k)) or None
    producers = load_utilisation(path, rid) if utilisation else pd.DataFrame()
    age_note = {"en": "", "ja": ""}
    if not producers.empty:  # the rows `scenario run` gives: each capacity figure's age by
        # today's threshold and the Japanese names of fab, region and counted-as operator
        from chipshock.present.utilisation import utilisation_rows

        producers, ages = utilisation_rows(
            producers, load_table(path, "fabs"), load_table(path, "model_assumptions")
        )
        age_note = {
            "en": ages["capacity_age_note"] or "",
            "ja": ages.get("capacity_age_note_ja") or "",
        }
    by_country = load_by_country(path, rid)
    # what its scenario set beside its shocks, as `scenario run` printed it
    settings = saved_settings(
        info.get("scenario_toml"),
        load_table(path, "model_assumptions"),
        load_table(path, "fabs"),
        load_table(path, "fab_capacity"),
        load_table(path, "partnerships"),
    )
    empty = pd.DataFrame()
    changed = saved_file_notes(info)  # the scenario file changed since: one line
    if changed and fmt is not Format.table:  # json/csv: on stderr too, as run's warnings
        err_console.print(f"[yellow]warning: {escape(changed['en'])}[/yellow]", highlight=False)
    if fmt is Format.table and language == "ja":
        from chipshock.cli.results_ja import print_saved_ja

        print_saved_ja(
            info,
            rows,
            by_country,
            saved_release(info) or store_release(db),
            changed=changed.get("ja", ""),
            utilisation=producers if utilisation else None,
            fabs=load_table(path, "fabs") if utilisation else None,
            age_note=age_note["ja"],
            settings=settings["ja"],
        )
        return
    if fmt is Format.table:
        console.print(
            f"[bold]{escape(str(info['name']))}[/bold]: {escape(str(info['title']))} "
            f"[dim]({escape(str(info['scenario_id']))}; "
            f"{int(info['runs']):,} simulated futures, seed {info['seed']}, "
            f"saved {str(info['created_at'])[:19]})[/dim]"
        )
        if changed:
            console.print(f"[yellow]{escape(changed['en'])}[/yellow]", highlight=False)
        for line in settings["en"]:
            console.print(line, highlight=False, markup=False)
        title, per_market = per_market_table(rows)
        emit(per_market, fmt, title=title)
        if by_country is not None:
            none = no_country_loss(by_country["loss_by_country"])
            emit_many(
                country_sections(
                    by_country["loss_by_country"], by_country["value_added_by_country"]
                ),
                fmt,
                captions={"loss by country, USD bn": none} if none else None,
            )
        kept = [] if by_country is not None else [NOT_KEPT]
        console.print(" ".join([*kept, _as_run(info)]), highlight=False, markup=False)
        if utilisation and producers.empty:
            console.print(NO_UTILISATION, highlight=False, markup=False)
        elif utilisation:
            emit_many(
                utilisation_sections(producers),
                fmt,
                captions=utilisation_captions(
                    producers, info["exemption_note"] or "", age_note["en"]
                ),
                narrow=utilisation_narrow(producers),
            )
        return
    # a result saved before the tables were kept: empty sections, and ``not_kept`` says why;
    # numbers without float noise and producers with their Japanese names, as `scenario run`
    # gives them (review 16 #7, dash22)
    tables = by_country or dict.fromkeys(BY_COUNTRY, empty)
    sections = {
        "kpis": machine_frame(kpi_columns(rows)),
        **{k: machine_frame(v) for k, v in tables.items()},
    }
    if utilisation:
        sections["utilisation"] = producers
    saved = saved_release(info)
    release = saved or store_release(db)
    if fmt is Format.csv:  # each row says where it comes from, as the other commands' CSV
        sections = {k: with_provenance(v, release) for k, v in sections.items()}
    engine = engine_meta(release)
    provenance = {k: engine[k] for k in ("source", "licence", "data_release", "as_of")}
    note = {} if saved else {"note": SAVED_RELEASE_NOTE}
    old = {"not_kept": NOT_KEPT} if by_country is None else {}
    file_notes = {
        "scenario_file_note": changed.get("en"),
        "scenario_file_note_ja": changed.get("ja"),
    }
    emit_many(
        sections,
        fmt,
        meta={**info, **provenance, **note, **old, **file_notes, "settings": settings},
    )


def _as_run(info: dict[str, Any]) -> str:
    """Where the scenario as run is (a result saved before it was kept: say so)."""
    sha = info.get("scenario_sha256")
    if sha is None or pd.isna(sha):
        return message("cli.results_as_run_unknown", "en")
    return message("cli.results_as_run", "en", sha=str(sha)[:12])


def _note(value: Any) -> str:
    """A saved note ("" for none, and for a result saved before notes were kept: NULL)."""
    return "" if value is None or pd.isna(value) else str(value)


def saved_release(info: dict[str, Any]) -> Any:
    """The data release a saved result records (a `DataRelease`), or None for a result saved
    before chipshock recorded it."""
    from chipshock.analysis.registry import DataRelease

    number, date = info.get("data_release"), info.get("data_release_date")
    if number is None or date is None or pd.isna(number) or pd.isna(date):
        return None
    return DataRelease(str(number), str(date))


def register(root: typer.Typer) -> None:
    """Add `results` to the `chipshock` command."""
    root.add_typer(app, name="results")
