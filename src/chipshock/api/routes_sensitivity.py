"""Sensitivity routes: which assumptions drive a scenario's answer, and the one path that the
tornado (here) and the Sobol indices (`routes_sobol`) share.

An analysis is ``work x runs`` engine runs, where ``work`` is the number of evaluations: for the
tornado ``2 x factors + 1`` (each factor at its low and its high value, and the base), for Sobol
``samples x (factors + 3)`` (chance is one more column of the design: `chipshock.sim.sobol`). The
runs per evaluation are capped at ``max_runs // work`` (at least 1), so that the whole request costs
no more than one run at the server's cap; when the cap lowers the runs asked for,
``params.runs_requested`` and ``meta.note`` say so. One path checks the request, caps the runs, keys
the cache, runs the analysis on the server's worker (directly or as a job, same builder, same bytes)
and builds the common part of the answer (`analysis_job`); an `AnalysisKind` says what differs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pandas as pd
from fastapi import APIRouter, Response

from chipshock.api.engine_answer import BY_LANG, PARAMS, EngineJob
from chipshock.api.routes_scenarios import _prepared, _sim
from chipshock.api.routes_structure import State
from chipshock.api.schemas import ResultResponse, SensitivityRequest
from chipshock.api.state import AppState
from chipshock.errors import InputError, Problem
from chipshock.present.jsonable import to_jsonable
from chipshock.present.numbers import Lang
from chipshock.present.provenance import ENGINE_LICENCE, ENGINE_LICENCE_JA

__all__ = [
    "DEFAULT_SENSITIVITY_RUNS",
    "TORNADO",
    "AnalysisKind",
    "analysis_job",
    "analysis_response",
    "capped_runs",
    "router",
    "sensitivity_runs",
]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: runs per side when the request gives none: small, so that the answer comes in seconds
DEFAULT_SENSITIVITY_RUNS = 100

_TABLES = ("model_assumptions", "end_markets", "inventory_buffers", "shock_assumptions")
_LANGS: tuple[Lang, ...] = ("en", "ja")


def capped_runs(max_runs: int, requested: int | None, default: int, work: int) -> int:
    """Runs per evaluation: the request's (else ``default``), at most ``max_runs // work`` and
    at least 1."""
    return min(requested or default, max(1, max_runs // max(1, work)))


def sensitivity_runs(max_runs: int, requested: int | None, factors: int) -> int:
    """Runs per side: the request's (default 100), at most ``max_runs // (2 x factors + 1)``."""
    return capped_runs(max_runs, requested, DEFAULT_SENSITIVITY_RUNS, 2 * factors + 1)


#: the request of an analysis: a tornado's (`SensitivityRequest`) or a Sobol one's
Req = TypeVar("Req", bound=SensitivityRequest)


@dataclass(frozen=True)
class AnalysisKind(Generic[Req]):
    """What differs between the tornado and the Sobol analysis; the rest is `analysis_job`.

    ``name`` keys the cache; ``work(req, n_factors)`` is the number of evaluations;
    ``method()`` imports and gives the engine function (`sim.sensitivity`, `sim.sobol.sobol`),
    called with ``options(req)`` besides the common arguments; ``source``, ``source_ja`` and
    ``note`` (with
    ``{runs}``, ``{requested}`` and ``{work}``) go to ``meta``; ``reading(result, lang)`` and
    ``chart(result, lang)`` word and draw the result; ``more_params(result)`` gives the
    kind's own ``params``, ``more_fields(result)`` its own fields of the answer and
    ``worded_fields(result, lang)`` those in the request's language (the result decides them
    all: they are cached with it, `chipshock.api.engine_answer`)."""

    name: str
    default_runs: int
    work: Callable[[Req, int], int]
    method: Callable[[], Callable[..., Any]]
    source: str
    source_ja: str
    note: str
    reading: Callable[[Any, Lang], str]
    chart: Callable[[Any, Lang], Any]
    options: Callable[[Req], dict[str, Any]] = lambda req: {}
    more_params: Callable[[Any], dict[str, Any]] = lambda result: {}
    more_fields: Callable[[Any], dict[str, Any]] = lambda result: {}
    worded_fields: Callable[[Any, Lang], dict[str, Any]] = lambda result, lang: {}
    #: the fewest factors the method can analyse (Sobol: two), checked before any work
    min_factors: int = 1


def _as_of(data: Any) -> str | None:
    dates: list[str] = []
    for name in _TABLES:
        frame = getattr(data, name, None)
        if isinstance(frame, pd.DataFrame) and "as_of" in frame.columns:
            dates += [str(d) for d in frame["as_of"].dropna()]
    return max(dates) if dates else None


def analysis_job(state: AppState, kind: AnalysisKind[Req], req: Req) -> EngineJob:
    """The cache key, the builder and the request's parameters of one analysis; the request
    is checked here, before any work: the scenario with the request's changes (`_prepared`:
    unknown scenario or fab, too many runs), too few factors for the method, the evaluations
    (more than the server's ``max_runs`` even at one run each is an error naming the largest
    ``samples`` allowed) and the runs per evaluation capped to the server's ``max_runs``. The key
    is what the engine computes; ``meta`` (its note on lowered runs), ``params`` and ``lang``
    are the request's."""
    _sim()
    from chipshock.present.censored_analysis import censoring
    from chipshock.sim.sensitivity import default_factors

    n_factors = len(req.factors) if req.factors else len(default_factors())
    if n_factors < kind.min_factors:  # a job would be accepted, then fail (session 30)
        raise InputError(
            Problem(
                f"too few factors for {kind.name}",
                field="factors",
                value=str(n_factors),
                expected=f"at least {kind.min_factors}",
            )
        )
    sc = _prepared(state, req, req.alliance_fabs)
    data = state.model_data()
    _check_options(req, data)
    work = kind.work(req, n_factors)
    if work > state.config.max_runs:  # even one run per evaluation is over the server's cap
        per_unit = max(1, work // max(1, getattr(req, "samples", 1)))  # per base point
        raise InputError(
            Problem(
                "too much work for this server",
                field="samples" if hasattr(req, "samples") else "factors",
                value=str(getattr(req, "samples", n_factors)),
                expected=(
                    f"at most {state.config.max_runs // per_unit} base points here: "
                    f"{work:,} evaluations of at least one run each are more than the "
                    f"server's --max-runs ({state.config.max_runs:,}); run larger analyses "
                    "with `chipshock scenario sensitivity --method sobol --samples N`"
                ),
            )
        )
    requested = req.runs or kind.default_runs
    runs = capped_runs(state.config.max_runs, req.runs, kind.default_runs, work)
    # the scenario with the runs each side runs (the runs asked for are the request's)
    sc = sc.with_changes(runs=runs)

    meta: dict[str, Any] = {
        "source": kind.source,
        "source_ja": kind.source_ja,
        "licence": ENGINE_LICENCE,
        "licence_ja": ENGINE_LICENCE_JA,
        "as_of": _as_of(data),
    }
    if runs < requested:  # said per request: a request asking for fewer shares the work
        meta["note"] = kind.note.format(runs=runs, requested=requested, work=work)
    factors = tuple(req.factors) if req.factors else None

    def build(progress: Callable[..., None]) -> dict[str, Any]:
        result = kind.method()(
            sc,
            data,
            runs=runs,
            seed=int(sc.seed),
            kpi=req.kpi,
            market=req.market,
            factors=list(factors) if factors else None,
            progress=progress,
            **kind.options(req),
        )
        return {
            PARAMS: {"seed": result.seed, **kind.more_params(result)},
            "scenario": {"scenario_id": sc.scenario_id, "title": sc.title, "title_ja": sc.title_ja},
            "kpi": result.kpi,
            "market": result.market,
            "rows": _with_japanese_sources(to_jsonable(result.table), result),
            "reading_text": {lang: kind.reading(result, lang) for lang in _LANGS},
            "charts": {lang: to_jsonable(kind.chart(result, lang)) for lang in _LANGS},
            # weeks_to_recover: runs not back to normal by the horizon end (null otherwise)
            "censoring": censoring(result),
            **kind.more_fields(result),
            # ``reading`` (and the kind's worded fields) in the request's language
            BY_LANG: {
                lang: {"reading": kind.reading(result, lang), **kind.worded_fields(result, lang)}
                for lang in _LANGS
            },
        }

    params = {
        **req.model_dump(),
        "runs": runs,
        "runs_requested": requested,
        "total_runs": work * runs,
    }
    # what the engine computes: the scenario as changed (with its seed), the runs per
    # evaluation, the KPI, market and factors, and the kind's own options (Sobol's samples)
    options = tuple(sorted(kind.options(req).items()))
    key = (kind.name, repr(sc), runs, req.kpi, req.market, factors, options)
    return EngineJob(key, build, params, {"meta": meta}, req.lang)


def _check_options(req: SensitivityRequest, data: Any) -> None:
    """The options the engine checks before it runs (`chipshock.sim.sensitivity` and
    `chipshock.sim.sobol`, in the same words), checked before a job starts: a job with an unknown
    ``kpi`` or ``market``, or Sobol ``samples`` that are not a power of two, was accepted (202)
    and then failed, where the direct request is refused."""
    from chipshock.sim.run.economics import KPIS

    if req.kpi not in KPIS:
        raise InputError(
            Problem("unknown KPI", field="kpi", value=req.kpi, expected="one of " + ", ".join(KPIS))
        )
    markets = [str(m) for m in data.end_markets["market_id"]]
    if req.market not in ("all", *markets):
        raise InputError(
            Problem(
                "unknown market",
                field="market",
                value=req.market,
                expected="all or one of " + ", ".join(markets),
            )
        )
    samples = getattr(req, "samples", None)  # Sobol's base points (SobolRequest)
    if samples is not None and samples & (samples - 1):
        raise InputError(
            Problem(
                "bad samples",
                field="samples",
                value=str(samples),
                expected="a power of two >= 4 (4, 8, 16, 32, 64...)",
            )
        )


def analysis_response(state: AppState, kind: AnalysisKind[Req], req: Req) -> Response:
    """Run one analysis on the server's worker with its time budget, once per question to the
    engine (cached by `analysis_job`'s key)."""
    return analysis_job(state, kind, req).respond(state)


def _tornado_reading(result: Any, lang: Lang) -> str:
    from chipshock.present.summary import sensitivity_text

    return sensitivity_text(result, lang)


def _tornado_chart(result: Any, lang: Lang) -> Any:
    from chipshock.report.sensitivity import tornado_chart

    return tornado_chart(result, lang)


#: the one-at-a-time tornado: each factor at its low and its high value, and the base
TORNADO: AnalysisKind[SensitivityRequest] = AnalysisKind(
    name="sensitivity",
    default_runs=DEFAULT_SENSITIVITY_RUNS,
    work=lambda req, n_factors: 2 * n_factors + 1,
    method=lambda: _sim().sensitivity,
    source="chipshock scenario engine, one assumption at a time at its low and high "
    "value (model_assumptions.csv, end_markets.csv, inventory_buffers.csv and the "
    "shock_assumptions.csv rows the scenario cites; each row gives its source_url)",
    source_ja="chipshock シナリオエンジン、前提を一つずつ下限値と上限値に動かした結果（"
    "model_assumptions.csv、end_markets.csv、inventory_buffers.csv とシナリオが引用する "
    "shock_assumptions.csv の行。各行に出典 source_url を記載）",
    note="{runs} runs per side instead of {requested}: the whole tornado runs {work} times as "
    "many simulations as one scenario, within the server's --max-runs",
    reading=_tornado_reading,
    chart=_tornado_chart,
)


@router.post(
    "/scenarios/sensitivity",
    response_model=ResultResponse,
    summary="Which assumptions drive a scenario's answer",
)
def scenario_sensitivity(state: State, req: SensitivityRequest) -> Response:
    """Move each key assumption alone to its low and its high value (everything else at base,
    common random numbers) and report the median KPI: ``rows`` are sorted by ``reach`` (how far
    the median moves over low, base and high; |swing| where it is monotonic), with the
    assumption's source and confidence; ``reading`` says in plain words what drives the answer."""
    return analysis_response(state, TORNADO, req)


def _with_japanese_sources(rows: Any, result: Any) -> Any:
    """Each factor row with ``source_ja`` and ``range_source_ja``: its data-row references in
    Japanese, from the result's ``sources`` (the words the report uses, so the Japanese
    dashboard does not show "(6 markets)" or "(low / high)" in English). Rows without sources
    are left as they are."""
    from chipshock.report.sensitivity import row_reference

    refs = {s.factor: s for s in getattr(result, "sources", ())}
    for row in rows if isinstance(rows, list) else []:
        src = refs.get(row.get("factor"))
        if src is not None:
            row["source_ja"] = row_reference(src.source, "ja")
            row["range_source_ja"] = row_reference(src.range_source, "ja")
    return rows
