"""`chipshock scenario contributions`: what each fab of a set (default: the alliance fabs) avoids
in a scenario, alone and added to the others, on common random numbers
(`chipshock.sim.run.contributions`)."""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
import typer

from chipshock.cli.checks import check_fab_ids
from chipshock.cli.common import DbOption, FormatOption, alliance
from chipshock.cli.output import Format, console, emit_many
from chipshock.cli.scenario_options import (
    Engine,
    EngineOpt,
    RunsOpt,
    ScenarioArg,
    SchedulerOpt,
    SeedOpt,
    engine_kwargs,
)
from chipshock.cli.scenario_shared import model_data, prepared_scenario, progress_bar, store_release
from chipshock.cli.scenario_validate_cmd import check_files
from chipshock.present.contributions import (
    CONTRIBUTION_CAPTION,
    capacity_words,
    contribution_rows,
    contribution_text,
    contribution_totals,
)
from chipshock.present.provenance import engine_meta
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
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What each fab avoids in a scenario: alone (no other fab of the set running) and added to
    the others (the set without it against the whole set), with what the set avoids together
    and whether together is more or less than the sum of the parts. All sides on common random
    numbers: 2 + 2 x (number of fabs) runs of the scenario.

    Example (what Rapidus, TSMC Arizona and JASM each avoid in a six-month blockade):
    chipshock scenario contributions taiwan-blockade-2027-6m --runs 200
    """
    from chipshock.sim.run.contributions import fab_contributions

    registry = alliance(db).fabs
    fabs = list(dict.fromkeys(fab or sorted(alliance_fabs())))
    check_fab_ids(registry, fabs, "--fab")
    data = model_data(db)
    check_files({"SCENARIO": scenario}, db, data)  # every problem of the file in one round
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
    names = dict(zip(registry["fab_id"].astype(str), registry["name"].astype(str), strict=True))
    rows = contribution_rows(result, names)
    totals = contribution_totals(result)
    meta = _meta(result, s, store_release(db))
    if fmt is Format.table:
        console.print(contribution_text(result, names), highlight=False)
        emit_many(
            {"fabs": _fab_table(rows), "together": _total_table(totals)},
            fmt,
            meta=meta,
            captions={"fabs": CONTRIBUTION_CAPTION, "together": ""},
        )
        return
    emit_many({"fabs": rows, "together": totals}, fmt, meta=meta)


def _bn(v: float) -> str:
    return f"{round(float(v), 1) + 0.0:,.1f}"  # no "-0.0"


def _fab_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The terminal's table: one row per fab, each measure's median and p5–p95 (USD bn)."""
    out: list[dict[str, str]] = []
    for fab_id, part in rows.groupby("fab_id", sort=False):
        first = part.iloc[0]
        row = {"fab id": str(fab_id), "name": str(first["name"])}
        if "capacity_wspm" in part:
            row["capacity when the shock starts"] = capacity_words(
                {str(k): v for k, v in first.to_dict().items()}
            )
            row["as of, confidence"] = f"{first['capacity_as_of']}, {first['capacity_confidence']}"
        for r in part.itertuples():
            label = "alone" if r.measure == "alone" else "added to the others"
            row[f"{label}: median"] = _bn(float(r.p50))  # type: ignore[arg-type]
            row[f"{label}: p5–p95"] = f"{_bn(float(r.p5))} – {_bn(float(r.p95))}"  # type: ignore[arg-type]
        out.append(row)
    return pd.DataFrame(out)


def _total_table(totals: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "": totals["label"],
            "median USD bn": totals["p50"].map(_bn),
            "p5–p95": [
                f"{_bn(a)} – {_bn(b)}" for a, b in zip(totals["p5"], totals["p95"], strict=True)
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
