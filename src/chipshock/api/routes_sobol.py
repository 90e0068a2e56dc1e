"""Sobol route: which assumptions, and which interactions, drive a scenario's answer.

The work is ``samples x (factors + 2)`` evaluations of ``runs`` each, so the runs per evaluation
are capped at ``max_runs // (samples x (factors + 2))`` (at least 1): the whole request costs no
more than one run at the server's cap. When the cap lowers the runs asked for,
``params.runs_requested`` and ``meta.note`` say so. Same worker, time budget and cache as run,
compare and the tornado. Method: `chipshock.sim.sobol`; words: `chipshock.report.sobol_reading`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field

from chipshock.api.routes_explorer import job_board
from chipshock.api.routes_scenarios import Build, _cached_json
from chipshock.api.routes_sensitivity import _meta, prepare_analysis
from chipshock.api.routes_structure import State
from chipshock.api.schemas import ResultResponse, SensitivityRequest
from chipshock.api.state import AppState, json_bytes
from chipshock.present.jsonable import to_jsonable

__all__ = ["DEFAULT_SOBOL_RUNS", "SobolRequest", "router", "sobol_job", "sobol_runs"]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: runs per evaluation when the request gives none: small, the factors carry the variation
DEFAULT_SOBOL_RUNS = 20


class SobolRequest(SensitivityRequest):
    """Sobol indices of one KPI over the scenario's uncertain assumptions, all moving at once.

    ``runs`` are per evaluation (default 20); ``samples`` is the number of base points N (a power
    of two); the server runs ``samples x (factors + 2) x runs`` in all and lowers the runs per
    evaluation to keep that within its ``max_runs``."""

    samples: int = Field(default=16, ge=4, le=256, description="Base points N, a power of two.")


def sobol_runs(max_runs: int, requested: int | None, evaluations: int) -> int:
    """Runs per evaluation: the request's (default 20), at most ``max_runs // evaluations``."""
    cap = max(1, max_runs // max(1, evaluations))
    return min(requested or DEFAULT_SOBOL_RUNS, cap)


def sobol_job(state: AppState, req: SobolRequest) -> tuple[Hashable, Build]:
    """The cache key and the builder of one Sobol analysis; the request is checked here
    (`prepare_analysis`, the same steps as the tornado's)."""
    from chipshock.sim.sobol import sobol

    max_runs = state.config.max_runs
    prep = prepare_analysis(
        state,
        req,
        DEFAULT_SOBOL_RUNS,
        lambda r, n: sobol_runs(max_runs, r, req.samples * (n + 2)),
    )
    evaluations = req.samples * (prep.n_factors + 2)

    def build(progress: Callable[..., None]) -> dict[str, Any]:
        result = sobol(
            prep.scenario,
            prep.data,
            samples=req.samples,
            runs=prep.runs,
            seed=prep.seed,
            kpi=req.kpi,
            market=req.market,
            factors=prep.factors,
            progress=progress,
        )
        return _payload(state, req, prep.scenario, result, prep.runs, prep.requested, evaluations)

    return ("sobol", repr(prep.scenario), prep.runs, req.model_dump_json()), build


@router.post(
    "/scenarios/sensitivity/sobol",
    response_model=ResultResponse,
    summary="Sobol indices: which assumptions and interactions drive a scenario's answer",
)
def scenario_sobol(state: State, req: SobolRequest) -> Response:
    """Move every key assumption at once over its low-high range (Saltelli design, common random
    numbers) and split the variance of the mean KPI: ``rows`` give first-order (S1) and total
    (ST) indices with 95% bootstrap half-widths, sorted by ST, with each assumption's source and
    confidence; ``tidy`` the same for display in %; ``reading`` says it in plain words;
    ``charts`` the indices as a Vega-Lite spec (en, ja; the report's chart)."""
    key, build = sobol_job(state, req)
    return _cached_json(state, key, lambda: state.runner.run(build, state.config.time_budget_s))


@router.post("/jobs/sobol", status_code=202, summary="Start a Sobol analysis")
def job_sobol(state: State, request: Request, req: SobolRequest) -> Response:
    """Start ``/api/scenarios/sensitivity/sobol`` in the background (same work, same cache);
    poll ``/api/jobs/{id}`` for progress, ``DELETE`` it to cancel."""
    key, build = sobol_job(state, req)
    job = job_board(request).start(state, "sobol", key, build)
    return Response(content=json_bytes(job.view()), media_type="application/json", status_code=202)


def _payload(
    state: AppState, req: SobolRequest, sc: Any, result: Any, runs: int, requested: int,
    evaluations: int,
) -> dict[str, Any]:  # fmt: skip
    from chipshock.report.sobol_reading import sobol_chart, sobol_text, sobol_tidy
    from chipshock.report.sobol_section import convergence_text

    meta = _meta(state.model_data(), runs, requested, evaluations)
    meta["source"] = (
        "chipshock scenario engine, Sobol indices (SALib, Saltelli design, 95% bootstrap) over "
        "the assumptions of model_assumptions.csv, end_markets.csv, inventory_buffers.csv and "
        "the shock_assumptions.csv rows the scenario cites; each row gives its source_url"
    )
    if runs < requested:
        meta["note"] = (
            f"{runs} runs per evaluation instead of {requested}: the analysis runs "
            f"{evaluations} evaluations, within the server's --max-runs"
        )
    return {
        "meta": meta,
        "params": {
            **req.model_dump(),
            "runs": runs,
            "runs_requested": requested,
            "seed": result.seed,
            "evaluations": result.evaluations,
            "total_runs": evaluations * runs,
            "converged": result.converged,
            "tolerance": result.tolerance,
        },
        "scenario": {"scenario_id": sc.scenario_id, "title": sc.title, "title_ja": sc.title_ja},
        "kpi": result.kpi,
        "market": result.market,
        "rows": to_jsonable(result.table),
        "tidy": to_jsonable(sobol_tidy(result, req.lang)),
        "reading": sobol_text(result, req.lang),
        "reading_text": {lang: sobol_text(result, lang) for lang in ("en", "ja")},
        "convergence_text": {lang: convergence_text(result, lang) for lang in ("en", "ja")},
        "charts": {lang: to_jsonable(sobol_chart(result, lang)) for lang in ("en", "ja")},
    }
