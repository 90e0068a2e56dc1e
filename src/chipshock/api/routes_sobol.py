"""Sobol route: which assumptions, and which interactions, drive a scenario's answer.

The work is ``samples x (factors + 3)`` design points (the factors, plus the chance of the
Monte Carlo draws as one more factor) of ``runs`` each (default 1: one simulated future per
point, see `chipshock.sim.sobol`), so the runs per point are capped at
``max_runs // (samples x (factors + 3))`` (at least 1): with more than one run asked, the
request costs no more than the server's cap. When the cap lowers the runs asked for,
``params.runs_requested`` and ``meta.note`` say so. The same path as the tornado
(`routes_sensitivity.analysis_job`: checks, caps, cache, worker and time budget) and the same
job board as run and compare. Method: `chipshock.sim.sobol`; words:
`chipshock.report.sobol_reading`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field

from chipshock.api import routes_scenarios
from chipshock.api.routes_explorer import start_engine_job
from chipshock.api.routes_sensitivity import (
    AnalysisKind,
    analysis_job,
    analysis_response,
    capped_runs,
)
from chipshock.api.routes_structure import State
from chipshock.api.schemas import ResultResponse, SensitivityRequest
from chipshock.api.state import json_bytes
from chipshock.present.jsonable import to_jsonable
from chipshock.present.numbers import Lang

__all__ = ["DEFAULT_SOBOL_RUNS", "SOBOL", "SobolRequest", "router", "sobol_runs"]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: runs per design point when the request gives none: one simulated future per point, the
#: chance of the draws is a factor of the design (`chipshock.sim.sobol`)
DEFAULT_SOBOL_RUNS = 1


class SobolRequest(SensitivityRequest):
    """Sobol indices of one KPI over the scenario's uncertain assumptions, all moving at once.

    ``runs`` are per design point (default 1); ``samples`` is the number of base points N (a
    power of two); the server runs ``samples x (factors + 3) x runs`` in all and lowers the runs
    per point to keep that within its ``max_runs`` (never below 1)."""

    samples: int = Field(default=16, ge=4, le=8192, description="Base points N, a power of two.")


def sobol_runs(max_runs: int, requested: int | None, evaluations: int) -> int:
    """Runs per design point: the request's (default 1), at most ``max_runs // evaluations``."""
    return capped_runs(max_runs, requested, DEFAULT_SOBOL_RUNS, evaluations)


def _method() -> Any:
    from chipshock.sim.sobol import sobol

    return sobol


def _reading(result: Any, lang: Lang) -> str:
    from chipshock.report.sobol_reading import sobol_text

    return sobol_text(result, lang)


def _chart(result: Any, lang: Lang) -> Any:
    from chipshock.report.sobol_reading import sobol_chart

    return sobol_chart(result, lang)


def _fields(result: Any) -> dict[str, Any]:
    from chipshock.report.sobol_section import convergence_text

    return {"convergence_text": {lang: convergence_text(result, lang) for lang in ("en", "ja")}}


def _worded(result: Any, lang: Lang) -> dict[str, Any]:
    """``tidy``: the indices for display in the request's language."""
    from chipshock.report.sobol_reading import sobol_tidy

    return {"tidy": to_jsonable(sobol_tidy(result, lang))}


#: first-order and total Sobol indices: every factor moving at once (Saltelli design)
SOBOL: AnalysisKind[SobolRequest] = AnalysisKind(
    name="sobol",
    default_runs=DEFAULT_SOBOL_RUNS,
    work=lambda req, n_factors: req.samples * (n_factors + 3),
    method=_method,
    source="chipshock scenario engine, Sobol indices (SALib, Saltelli design, 95% bootstrap) over "
    "the assumptions of model_assumptions.csv, end_markets.csv, inventory_buffers.csv and "
    "the shock_assumptions.csv rows the scenario cites; each row gives its source_url",
    source_ja="chipshock シナリオエンジン、Sobol 指数（SALib、Saltelli 計画、"
    "95% ブートストラップ）。対象の前提は model_assumptions.csv、end_markets.csv、"
    "inventory_buffers.csv とシナリオが引用する shock_assumptions.csv の行"
    "（各行に出典 source_url を記載）",
    note="{runs} runs per evaluation instead of {requested}: the analysis runs {work} "
    "evaluations, within the server's --max-runs",
    reading=_reading,
    chart=_chart,
    options=lambda req: {"samples": req.samples},
    more_params=lambda result: {
        "evaluations": result.evaluations,
        "converged": result.converged,
        "tolerance": result.tolerance,
        "samples_needed": result.samples_needed,
        "levels": result.levels,
        "factors_on_levels": list(result.on_levels),
        "chance_total_index": result.chance_st,
    },
    more_fields=_fields,
    worded_fields=_worded,
    min_factors=2,
)


@router.post(
    "/scenarios/sensitivity/sobol",
    response_model=ResultResponse,
    summary="Sobol indices: which assumptions and interactions drive a scenario's answer",
)
def scenario_sobol(state: State, req: SobolRequest) -> Response:
    """Move every key assumption and the chance of the draws at once (Saltelli design; a base
    point's combinations share its draws) and split the variance of the KPI across the
    simulated futures:
    ``rows`` give first-order (S1) and total (ST) indices with 95% bootstrap half-widths,
    sorted by ST, with each assumption's source and confidence; ``tidy`` the same for display
    in %; ``reading`` says it in plain words; ``charts`` the indices as a Vega-Lite spec (en,
    ja; the report's chart)."""
    return analysis_response(state, SOBOL, req)


@router.post("/jobs/sobol", status_code=202, summary="Start a Sobol analysis")
def job_sobol(state: State, request: Request, req: SobolRequest) -> Response:
    """Start ``/api/scenarios/sensitivity/sobol`` in the background (same work, same cache);
    poll ``/api/jobs/{id}`` for progress, ``DELETE`` it to cancel."""
    job = start_engine_job(state, request, "sobol", analysis_job(state, SOBOL, req))
    return Response(content=json_bytes(job.view()), media_type="application/json", status_code=202)


@router.get("/estimate/sobol", summary="What a Sobol analysis would cost, before it starts")
def estimate_sobol(
    state: State,
    samples: Annotated[int, Query(ge=4, le=8192, description="Base points N.")] = 16,
    runs: Annotated[int | None, Query(ge=1, le=100_000, description="Runs per evaluation.")] = None,
) -> dict[str, Any]:
    """The work ``POST /api/jobs/sobol`` would do with these ``samples`` and ``runs`` over the
    default factors: ``samples x (factors + 3)`` evaluations of ``runs_per_evaluation`` runs
    each (the request's runs, lowered to stay within the server's ``max_runs`` as the job
    does), ``runs`` in all. The dashboard shows it on a Run button before a shared link's
    analysis starts. Nothing is run."""
    routes_scenarios._sim()  # 503 without the engine, as the job would answer
    from chipshock.sim.sensitivity import default_factors

    factors = len(default_factors())
    evaluations = SOBOL.work(SobolRequest.model_construct(samples=samples), factors)
    each = sobol_runs(state.config.max_runs, runs, evaluations)
    return {
        "kind": "sobol",
        "samples": samples,
        "factors": factors,
        "evaluations": evaluations,
        "runs_per_evaluation": each,
        "runs": evaluations * each,
        "max_runs": state.config.max_runs,
    }
