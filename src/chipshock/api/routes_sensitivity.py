"""Sensitivity route: which assumptions drive a scenario's answer (one-at-a-time tornado).

The work is ``(2 x factors + 1) x runs`` engine runs, so the runs per side are capped at
``max_runs // (2 x factors + 1)``: the whole request costs no more than one run at the server's
cap. When the cap lowers the runs asked for, ``params.runs_requested`` and ``meta.note`` say so.
Same worker, time budget and cache as run and compare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from fastapi import APIRouter, Response

from chipshock.api.routes_scenarios import _cached_json, _prepared, _sim
from chipshock.api.routes_structure import State
from chipshock.api.schemas import ResultResponse, SensitivityRequest
from chipshock.api.state import AppState
from chipshock.present.jsonable import to_jsonable

__all__ = [
    "DEFAULT_SENSITIVITY_RUNS",
    "Analysis",
    "prepare_analysis",
    "router",
    "run_analysis",
    "sensitivity_runs",
]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: runs per side when the request gives none: small, so that the answer comes in seconds
DEFAULT_SENSITIVITY_RUNS = 100

_TABLES = ("model_assumptions", "end_markets", "inventory_buffers", "shock_assumptions")


def sensitivity_runs(max_runs: int, requested: int | None, factors: int) -> int:
    """Runs per side: the request's (default 100), at most ``max_runs // (2 x factors + 1)``."""
    per_side_cap = max(1, max_runs // (2 * factors + 1))
    return min(requested or DEFAULT_SENSITIVITY_RUNS, per_side_cap)


def _meta(data: Any, runs: int, requested: int, note_cap: int) -> dict[str, Any]:
    dates: list[str] = []
    for name in _TABLES:
        frame = getattr(data, name, None)
        if isinstance(frame, pd.DataFrame) and "as_of" in frame.columns:
            dates += [str(d) for d in frame["as_of"].dropna()]
    meta: dict[str, Any] = {
        "source": "chipshock scenario engine, one assumption at a time at its low and high "
        "value (model_assumptions.csv, end_markets.csv, inventory_buffers.csv and the "
        "shock_assumptions.csv rows the scenario cites; each row gives its source_url)",
        "licence": "ETO data CC BY-NC 4.0; curated data cite their public sources",
        "as_of": max(dates) if dates else None,
    }
    if runs < requested:
        meta["note"] = (
            f"{runs} runs per side instead of {requested}: the whole tornado runs "
            f"{note_cap} times as many simulations as one scenario, within the server's "
            "--max-runs"
        )
    return meta


@dataclass(frozen=True)
class Analysis:
    """A sensitivity request made ready to run: the changed scenario, the engine's tables, the
    factors (None: the defaults), the runs asked for and the runs granted."""

    scenario: Any
    data: Any
    seed: int
    factors: list[str] | None
    n_factors: int
    requested: int
    runs: int


def prepare_analysis(
    state: AppState,
    req: SensitivityRequest,
    default_runs: int,
    runs_for: Callable[[int | None, int], int],
) -> Analysis:
    """Check and prepare a tornado or Sobol request (the same steps for both): the scenario
    with the request's changes, and ``runs_for(requested, n_factors)`` runs each."""
    _sim()
    from chipshock.sim.sensitivity import default_factors

    n_factors = len(req.factors) if req.factors else len(default_factors())
    sc = _prepared(state, req, req.scenario, req.alliance_fabs)
    return Analysis(
        scenario=sc,
        data=state.model_data(),
        seed=int(sc.seed),
        factors=list(req.factors) if req.factors else None,
        n_factors=n_factors,
        requested=req.runs or default_runs,
        runs=runs_for(req.runs, n_factors),
    )


def run_analysis(
    state: AppState,
    kind: str,
    req: SensitivityRequest,
    prep: Analysis,
    analysis: Callable[..., Any],
    payload: Callable[[Any], dict[str, Any]],
    **extra: Any,
) -> Response:
    """Run ``analysis`` (`sim.sensitivity` or `sim.sobol`) on the server's worker with its time
    budget, once per request (cached), and answer ``payload(result)``."""

    def build() -> dict[str, Any]:
        result = state.runner.run(
            lambda progress: analysis(
                prep.scenario,
                prep.data,
                runs=prep.runs,
                seed=prep.seed,
                kpi=req.kpi,
                market=req.market,
                factors=prep.factors,
                progress=progress,
                **extra,
            ),
            state.config.time_budget_s,
        )
        return payload(result)

    return _cached_json(state, (kind, repr(prep.scenario), prep.runs, req.model_dump_json()), build)


@router.post(
    "/scenarios/sensitivity",
    response_model=ResultResponse,
    summary="Which assumptions drive a scenario's answer",
)
def scenario_sensitivity(state: State, req: SensitivityRequest) -> Response:
    """Move each key assumption alone to its low and its high value (everything else at base,
    common random numbers) and report the median KPI: ``rows`` are sorted by |swing|, with the
    assumption's source and confidence; ``reading`` says in plain words what drives the answer."""
    max_runs = state.config.max_runs
    prep = prepare_analysis(
        state, req, DEFAULT_SENSITIVITY_RUNS, lambda r, n: sensitivity_runs(max_runs, r, n)
    )
    work = 2 * prep.n_factors + 1
    return run_analysis(
        state,
        "sensitivity",
        req,
        prep,
        _sim().sensitivity,
        lambda result: _payload(state, req, prep.scenario, result, prep.runs, prep.requested, work),
    )


def _payload(
    state: AppState, req: SensitivityRequest, sc: Any, result: Any, runs: int, requested: int,
    work: int,
) -> dict[str, Any]:  # fmt: skip
    from chipshock.present.summary import sensitivity_text
    from chipshock.report.sensitivity import tornado_chart

    return {
        "meta": _meta(state.model_data(), runs, requested, work),
        "params": {
            **req.model_dump(),
            "runs": runs,
            "runs_requested": requested,
            "seed": result.seed,
            "total_runs": work * runs,
        },
        "scenario": {"scenario_id": sc.scenario_id, "title": sc.title, "title_ja": sc.title_ja},
        "kpi": result.kpi,
        "market": result.market,
        "rows": to_jsonable(result.table),
        "reading": sensitivity_text(result, req.lang),
        "reading_text": {lang: sensitivity_text(result, lang) for lang in ("en", "ja")},
        "charts": {lang: to_jsonable(tornado_chart(result, lang)) for lang in ("en", "ja")},
    }
