"""``POST /api/scenarios/contributions``: what each fab of a set avoids in a scenario, alone and
added to the others, on common random numbers (`chipshock.sim.run.contributions`; the CLI's
`chipshock scenario contributions`, with the same tables and sentence,
`chipshock.present.contributions`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response

from chipshock.api.engine_answer import PARAMS, EngineJob
from chipshock.api.routes_explorer import start_engine_job
from chipshock.api.routes_scenarios import (
    _check_fab_ids,
    _prepared,
    _sim,
    _sources,
    alliance_fab_ids,
    store_release,
)
from chipshock.api.routes_sensitivity import capped_runs
from chipshock.api.routes_structure import State
from chipshock.api.schemas import ContributionsRequest, ResultResponse
from chipshock.api.state import AppState, json_bytes
from chipshock.errors import InputError, Problem
from chipshock.present.contributions import (
    CONTRIBUTION_CAPTION,
    capacity_words,
    cell_texts,
    contribution_rows,
    contribution_text,
    contribution_totals,
)
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import fab_names
from chipshock.present.messages import message
from chipshock.scenarios import scenario_to_dict

__all__ = ["contributions_job", "job_contributions", "router", "scenario_contributions"]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: runs per side when the request gives none (the CLI's default is the scenario's own runs)
DEFAULT_CONTRIBUTION_RUNS = 100


def _with_capacity_text(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with ``capacity_text`` (``en``, ``ja``): what the fab brings when the shock
    starts, in the words of the CLI's table (`capacity_words`); and its median and p5–p95 as
    the CLI's table writes them (``p50_text``, ``band_text``: `cell_texts`)."""
    return [
        {
            **r,
            "capacity_text": {lang: capacity_words(r, lang) for lang in ("en", "ja")},
            **cell_texts(r),
        }
        for r in rows
    ]


def _with_total_texts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each 'together' row with its label (``label_text``, ``en`` and ``ja``:
    ``cli.contrib_total_<measure>``) and its median and p5–p95 as the CLI's table writes them
    (``p50_text``, ``band_text``), so that the dashboard shows what the CLI prints."""
    return [
        {
            **r,
            "label_text": {
                lang: message(f"cli.contrib_total_{r['measure']}", lang) for lang in ("en", "ja")
            },
            **cell_texts(r),
        }
        for r in rows
    ]


def contributions_job(state: AppState, req: ContributionsRequest) -> EngineJob:
    """The cache key, the builder and the request's parameters of one analysis; the request
    is checked here (unknown scenario or fab, runs), before any work."""
    _sim()
    from chipshock.sim.run.contributions import fab_contributions

    if req.alliance_fabs is not None:
        raise InputError(
            Problem(
                "not used by a contribution analysis",
                field="alliance_fabs",
                value=str(req.alliance_fabs).lower(),
                expected="no alliance_fabs: the analysis switches the assessed fabs on and off "
                "itself; name the fabs to assess in `fabs` and any other fab to keep off in "
                "`fabs_off`",
            )
        )
    switched = set(req.fabs_off) | set(req.fabs_on)
    clash = [f for f in req.fabs if f in switched]
    if clash:
        raise InputError(
            Problem(
                "a fab cannot be assessed and switched",
                field="fabs",
                # the English list; a Japanese line joins the ids with 「、」 (this problem's
                # code, assessed_and_switched: `chipshock.present.error_text`)
                value=", ".join(clash),
                expected="each fab either in `fabs` (assessed: on and off by the analysis) or "
                "in `fabs_off` / `fabs_on` (kept so on every side)",
            )
        )
    # by default the alliance fabs, less those the request keeps switched off or on
    fabs = list(dict.fromkeys(req.fabs)) or [
        f for f in alliance_fab_ids(state) if f not in switched
    ]
    _check_fab_ids(state, [], [], fabs=fabs)
    sc = _prepared(state, req, req.alliance_fabs)
    sides = 2 if len(fabs) == 1 else 2 + 2 * len(fabs)
    requested = req.runs or DEFAULT_CONTRIBUTION_RUNS
    runs = capped_runs(state.config.max_runs, req.runs, DEFAULT_CONTRIBUTION_RUNS, sides)
    # the scenario with the runs each side runs (the runs asked for are the request's)
    sc = sc.with_changes(runs=runs)
    data = state.model_data()
    meta = _sources(data.model_assumptions, release=store_release(state))
    if runs < requested:  # said per request: a request asking for fewer shares the work
        meta["note"] = (
            f"{runs} runs per side, not {requested}: {sides} sides x {requested} runs are "
            f"more than this server's --max-runs"
        )
    # each language's fab names: Japanese texts name a fab by its name_ja where it has one
    names = {lang: fab_names(state.alliance.fabs, lang) for lang in ("en", "ja")}

    def build(progress: Callable[..., None]) -> dict[str, Any]:
        result = fab_contributions(sc, data, fabs, runs=runs, seed=int(sc.seed), progress=progress)
        return {
            PARAMS: {"seed": result.seed},
            "scenario": {
                "scenario_id": sc.scenario_id,
                "title": sc.title,
                "title_ja": sc.title_ja,
                # its [[sourcing]] rows, the request's first (every side runs them)
                "sourcing": scenario_to_dict(sc)["sourcing"],
            },
            "measure": "gross output at risk avoided, USD bn (loss_usd_bn, all markets)",
            "definitions": CONTRIBUTION_CAPTION,
            "fabs": _with_capacity_text(
                to_jsonable(contribution_rows(result, names["en"], names["ja"]))
            ),
            "together": _with_total_texts(to_jsonable(contribution_totals(result))),
            "summary_text": {
                lang: contribution_text(result, names[lang], lang) for lang in ("en", "ja")
            },
        }

    params = {
        **req.model_dump(),
        "fabs": fabs,
        "runs": runs,
        "runs_requested": requested,
        "total_runs": sides * runs,
    }
    # what the engine computes: the scenario as changed (with its seed), the fabs, the runs
    return EngineJob(("contributions", repr(sc), tuple(fabs), runs), build, params, {"meta": meta})


@router.post(
    "/scenarios/contributions",
    response_model=ResultResponse,
    summary="What each fab avoids in a scenario",
)
def scenario_contributions(state: State, req: ContributionsRequest) -> Response:
    """Each fab of ``fabs`` (default: the alliance fabs): what it avoids **alone** (the
    scenario with it and none of the others, against none of them) and **added** to the others
    (the whole set against the set without it), with what the set avoids **together** and the
    **interaction** (together − the sum of 'alone'). All sides on one seed and the same runs, so
    differences are the fabs, not noise; ``fabs`` rows and ``together`` rows give mean, p5, p50
    and p95 in USD bn of gross output at risk avoided, with the median and p5–p95 as the CLI's
    tables write them (``p50_text``, ``band_text``: ``en``, ``ja``) and each together row's
    label (``label_text``). The same numbers as `chipshock scenario
    contributions` for the same scenario, fabs, runs and seed."""
    return contributions_job(state, req).respond(state)


@router.post("/jobs/contributions", status_code=202, summary="Start a contribution analysis")
def job_contributions(state: State, request: Request, req: ContributionsRequest) -> Response:
    """Start ``/api/scenarios/contributions`` in the background (same work, same cache); poll
    ``/api/jobs/{id}`` for progress, ``DELETE`` it to cancel (the dashboard's Compare view)."""
    job = start_engine_job(state, request, "contributions", contributions_job(state, req))
    return Response(content=json_bytes(job.view()), media_type="application/json", status_code=202)
