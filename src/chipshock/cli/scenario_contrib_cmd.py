"""`chipshock scenario contributions`: what each fab of a set (default: the alliance fabs) avoids
in a scenario, alone and added to the others, on common random numbers
(`chipshock.sim.run.contributions`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import pandas as pd
import typer

from chipshock.cli.checks import check_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.output import Format, console, emit, emit_many
from chipshock.cli.scenario_options import (
    Engine,
    EngineOpt,
    LangOpt,
    RunsOpt,
    ScenarioArg,
    SchedulerOpt,
    SeedOpt,
    check_lang,
    engine_kwargs,
)
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.cli.scenario_shared import model_data, prepared_scenario, progress_bar, store_release
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.present.contributions import (
    CONTRIBUTION_CAPTION,
    amount_cell,
    band_cell,
    capacity_words,
    contribution_rows,
    contribution_text,
    contribution_totals,
)
from chipshock.present.labels import confidence_label, fab_names
from chipshock.present.messages import message
from chipshock.present.numbers import Lang
from chipshock.present.provenance import engine_meta, engine_source
from chipshock.scenarios.overrides import alliance_fabs

__all__ = ["contributions"]

FabOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fab",
        help="A fab to assess (fab_id); repeat for several. Default: the alliance fabs (those "
        "the no-alliance counterfactual switches off).",
    ),
]


def contributions(
    scenario: ScenarioArg,
    fab: FabOpt = None,
    runs: RunsOpt = None,
    seed: SeedOpt = None,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What each fab avoids in a scenario: alone (no other fab of the set running) and added to
    the others (the set without it against the whole set), with what the set avoids together
    and whether together is more or less than the sum of the parts. All sides on common random
    numbers: 2 + 2 x (number of fabs) runs of the scenario.

    --lang ja writes the terminal answer in Japanese (the sentence, fabs by their Japanese
    names, amounts in 億ドル, headers, titles, caption and source) and a problem of the
    scenario file; json and csv are unchanged.

    Example (what Rapidus, TSMC Arizona and JASM each avoid in a six-month blockade):
    chipshock scenario contributions taiwan-blockade-2027-6m --runs 200
    """
    from chipshock.sim.run.contributions import fab_contributions

    language = check_lang(lang)
    registry = alliance(db).fabs
    fabs = list(dict.fromkeys(fab or sorted(alliance_fabs())))
    check_fab_ids(registry, fabs, "--fab", language, "chipshock scenario contributions")
    data = model_data(db)
    # every problem of the file in one round
    check_files({"SCENARIO": scenario}, db, data, language, "chipshock scenario contributions")
    s = prepared_scenario(scenario, runs=runs, seed=seed)
    sides = 2 if len(fabs) == 1 else 2 + 2 * len(fabs)
    counted = f"{len(fabs)} {'fab' if len(fabs) == 1 else 'fabs'}, {sides} sides"
    with progress_bar(counted, s.runs * sides) as update:
        result = fab_contributions(
            s,
            data,
            fabs,
            runs=s.runs,
            seed=s.seed,
            progress=update,
            **engine_kwargs(engine, scheduler),
        )
    names = fab_names(registry)
    rows = contribution_rows(result, names)
    totals = contribution_totals(result)
    release = store_release(db)
    meta = _meta(result, s, release)
    if fmt is not Format.table:
        emit_many({"fabs": rows, "together": totals}, fmt, meta=meta)
        return
    source = message("cli.source", language, source=engine_source(release, language))
    if language == "ja":
        named_ja = fab_names(registry, "ja")
        print_wrapped(contribution_text(result, named_ja, "ja"))
        shown = rows.assign(name=rows["fab_id"].map(lambda f: named_ja.get(f, f)))
        table = _fab_table(shown, "ja")
        emit(
            table,
            fmt,
            title=message("cli.contrib_fabs_title", "ja"),
            # the fab and what it avoids first; its capacity, date and id give way first
            narrow=[c for c in _words(NARROW_FABS, "ja") if c in table.columns],
            caption=message("cli.contrib_caption", "ja"),
            lang="ja",
        )
        emit(
            _total_table(totals, "ja"),
            fmt,
            title=message("cli.contrib_together_title", "ja"),
            caption=source,
            lang="ja",
        )
        return
    console.print(contribution_text(result, names), highlight=False, markup=False)
    table = _fab_table(rows)
    emit_many(
        {"fabs": table, "together": _total_table(totals)},
        fmt,
        meta=meta,
        captions={"fabs": CONTRIBUTION_CAPTION, "together": source},
        narrow={"fabs": [c for c in _words(NARROW_FABS, "en") if c in table.columns]},
    )


#: the fab table's columns by priority on a narrow terminal (``cli.contrib_col_*``)
NARROW_FABS = (
    "name",
    "alone_median",
    "added_median",
    "alone_range",
    "added_range",
    "capacity",
    "as_of",
    "fab_id",
)


def _words(columns: Sequence[str], lang: Lang) -> list[str]:
    """The fab table's headers of ``columns`` in ``lang``."""
    return [message(f"cli.contrib_col_{c}", lang) for c in columns]


def _fab_table(rows: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    """The terminal's table: one row per fab, each measure's median and p5–p95 (USD bn)."""

    def word(column: str) -> str:
        return message(f"cli.contrib_col_{column}", lang)

    out: list[dict[str, str]] = []
    for fab_id, part in rows.groupby("fab_id", sort=False):
        first = part.iloc[0]
        row = {word("fab_id"): str(fab_id), word("name"): str(first["name"])}
        if "capacity_wspm" in part:
            row[word("capacity")] = capacity_words(
                {str(k): v for k, v in first.to_dict().items()}, lang
            )
            confidence = confidence_label(str(first["capacity_confidence"]), lang)
            sep = "、" if lang == "ja" else ", "
            row[word("as_of")] = f"{first['capacity_as_of']}{sep}{confidence}"
        for r in part.itertuples():
            measure = "alone" if r.measure == "alone" else "added"
            stats = {s: float(getattr(r, s)) for s in ("p5", "p50", "p95")}
            # the split's cells on every surface (the API's p50_text and band_text)
            row[word(f"{measure}_median")] = amount_cell(stats["p50"], lang)
            row[word(f"{measure}_range")] = band_cell(stats["p5"], stats["p95"], lang)
        out.append(row)
    return pd.DataFrame(out)


def _total_table(totals: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    labels = [message(f"cli.contrib_total_{k}", lang) for k in totals["measure"]]
    return pd.DataFrame(
        {
            "": labels,
            message("cli.contrib_col_median", lang): [amount_cell(v, lang) for v in totals["p50"]],
            message("cli.contrib_col_range", lang): [
                band_cell(a, b, lang) for a, b in zip(totals["p5"], totals["p95"], strict=True)
            ],
        }
    )


def _meta(result: Any, scenario: Any, release: Any) -> dict[str, Any]:
    provenance = engine_meta(release)
    return {
        "scenario": scenario.scenario_id,
        "title": scenario.title,
        "fab_ids": list(result.fabs),
        "runs": result.runs,
        "seed": result.seed,
        "measure": "gross output at risk avoided, USD bn (loss_usd_bn, all markets)",
        "definitions": CONTRIBUTION_CAPTION,
        **{k: provenance[k] for k in ("source", "licence", "data_release", "data_release_date")},
        "as_of": provenance["as_of"],
    }
