"""Routes the dashboard's explorer needs: the input catalogue, scenario jobs with progress and
cancel, and the results saved in the store.

- ``GET /api/explorer/inputs``: every input with its description, how many providers the ETO names,
  the top country and firm with their shares, and — when the ETO publishes no share — why not
  (``data_status`` and ``data_note``), so that no screen has to show a bare dash.
- ``POST /api/jobs/run`` and ``/api/jobs/compare`` start the same work as ``/api/scenarios/run``
  and ``/compare`` (same builders, same cache, so the same bytes); ``GET /api/jobs/{id}`` reports
  progress (runs done of runs in all), ``GET /api/jobs/{id}/result`` gives the result and
  ``DELETE /api/jobs/{id}`` cancels at once (the job reads ``cancelled``); the engine stops at
  its next chunk of runs.
- ``GET /api/results`` lists the results saved with ``chipshock scenario run --save``;
  ``GET /api/results/{id}`` gives one back (KPIs, percent bands, summary, per-producer
  utilisation as the run gave it: empty for a result saved before it was kept) for reopening and
  comparing. The store is opened read-only.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Path, Request, Response

from chipshock.analysis.shares import input_shares
from chipshock.api import routes_scenarios
from chipshock.api.engine_answer import AnswerBody, EngineJob
from chipshock.api.error_bodies import error_body, exception_body
from chipshock.api.routes_structure import State, with_ja
from chipshock.api.run_body import RunBody
from chipshock.api.runner import ServerBusy
from chipshock.api.schemas import (
    JOB_ID_PATTERN,
    CompareRequest,
    ResultResponse,
    ScenarioResult,
    ScenarioRunRequest,
    TableResponse,
)
from chipshock.api.state import AppState, json_bytes, respond
from chipshock.data.store import connect, load_tables
from chipshock.errors import ChipshockError, Problem, StoreError, UnknownCodeError
from chipshock.present.jsonable import to_jsonable
from chipshock.present.numbers import machine_frame
from chipshock.present.utilisation import utilisation_payload

__all__ = ["JobBoard", "JobCancelled", "input_catalogue", "router", "start_engine_job"]

router = APIRouter(prefix="/api", tags=["explorer"])

JobId = Annotated[str, Path(pattern=JOB_ID_PATTERN, description="Id returned on start.")]
#: a saved result's id or its name (free text, as `scenario run --save NAME` takes it)
ResultRef = Annotated[str, Path(min_length=1, max_length=200)]


# ---- input catalogue ------------------------------------------------------------------------
def _why_no_share(
    listed: int, upstream: int, curated: int, type_: str
) -> tuple[Literal["shares", "curated", "composite", "listed", "none"], str]:
    """Why an input has no published share, as a status code and an English note."""
    if curated:
        return "curated", (
            f"The ETO publishes no shares for this input; chipshock uses curated country shares "
            f"for {curated} countries (material_country_shares.csv, each row cited)."
        )
    if upstream:
        return "composite", (
            f"The ETO gives no shares for this {type_.replace('_', ' ')} itself; it is made of "
            f"{upstream} inputs, whose providers are listed under them."
        )
    if listed:
        return "listed", (
            f"The ETO names {listed} providers of this input but publishes no market shares."
        )
    return "none", "The ETO lists no provider for this input."


def input_catalogue(state: AppState) -> pd.DataFrame:
    """One row per input (the finished chip excluded), sorted by name; see the module docstring."""
    chain = state.chain
    shares = input_shares(chain, None, by="both")
    shares = shares[~shares["is_aggregate"].astype(bool)]
    try:
        with connect(state.config.db_path) as con:
            curated = con.execute(
                "SELECT input_id, count(*) AS n FROM material_country_shares GROUP BY input_id"
            ).df()
        curated_n = dict(
            zip(curated["input_id"].astype(str), curated["n"].astype(int), strict=True)
        )
    except StoreError:
        curated_n = {}
    edges = chain.edges
    parts = edges.groupby(edges["target_id"].astype(str)).size().to_dict()  # direct upstream
    # plain Python over records: 125 inputs x a few pandas filters each is slow to first answer
    listed: dict[str, list[dict[str, Any]]] = {}
    for rec in shares[["input_id", "provider", "provider_type", "share_pct"]].to_dict("records"):
        listed.setdefault(str(rec["input_id"]), []).append({str(k): v for k, v in rec.items()})
    rows = []
    for r in chain.inputs.to_dict("records"):
        if r["type"] == "ultimate_output":
            continue
        iid = str(r["input_id"])
        mine = listed.get(iid, [])
        countries = [m for m in mine if m["provider_type"] == "country"]
        firms = [m for m in mine if m["provider_type"] != "country"]
        row: dict[str, Any] = {
            key: r[key]
            for key in (
                "input_id",
                "name",
                "type",
                "stage_id",
                "description",
                "market_size_usd",
                "market_size_year",
                "year",
                "source",
            )
        }
        row |= {
            "n_countries": len(countries),
            "n_firms": len(firms),
            "countries": sorted({str(m["provider"]) for m in countries}),
            "firms": sorted({str(m["provider"]) for m in firms}),
        }
        for kind, group in (("country", countries), ("firm", firms)):
            known = [m for m in group if pd.notna(m["share_pct"])]
            top = max(known, key=lambda m: float(m["share_pct"]), default=None)
            row[f"top_{kind}"] = None if top is None else str(top["provider"])
            row[f"top_{kind}_share_pct"] = None if top is None else float(top["share_pct"])
        if row["top_country"] is not None or row["top_firm"] is not None:
            row["data_status"], row["data_note"] = "shares", None
        else:
            row["data_status"], row["data_note"] = _why_no_share(
                len(mine), int(parts.get(iid, 0)), curated_n.get(iid, 0), str(r["type"])
            )
        rows.append(row)
    return pd.DataFrame(rows).sort_values("name", key=lambda s: s.str.lower())


@router.get("/explorer/inputs", response_model=TableResponse, summary="Input catalogue")
def explorer_inputs(state: State) -> Response:
    """Every input sorted by name: description, providers named, top country and firm with
    their shares, and why there is no share where the ETO publishes none."""
    return respond(
        state,
        ("explorer_inputs",),
        lambda: {
            "meta": state.eto_meta(),
            "params": {},
            "rows": to_jsonable(with_ja(input_catalogue(state))),
        },
    )


# ---- jobs: scenario runs with progress and cancel --------------------------------------------
class JobCancelled(ChipshockError, RuntimeError):
    """The client cancelled the job (not a timeout: the runner rewrites those)."""


@dataclass
class Job:
    """One run or comparison in progress: runs done of runs in all, and how it ended."""

    job_id: str
    kind: str
    key: Hashable
    #: the answer from what the run cache keeps under ``key`` (a run's `RunBody` shaped as its
    #: request asked; other kinds keep their answer's bytes)
    answer: Callable[[Any], bytes] = field(default=lambda body: body, repr=False)
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int = 0
    status: Literal["running", "done", "failed", "cancelled"] = "running"
    #: once done: True when the engine did not run for this job (the answer was in the cache,
    #: or an identical job was computing it), False when it did; None until then
    cache_hit: bool | None = None
    error: dict[str, Any] | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    #: set when the job's worker has ended (a cancelled job's engine has stopped)
    stopped: threading.Event = field(default_factory=threading.Event)
    _end_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def end(
        self,
        status: Literal["done", "failed", "cancelled"],
        error: dict[str, Any] | None = None,
    ) -> None:
        """Record how the job ended; the first end stands (a cancel answered at once is not
        undone by the worker that stops, or finishes, after it)."""
        with self._end_lock:
            if self.status == "running":
                self.status, self.error = status, error

    def cancelled(self) -> None:
        """Cancel now: the job reads "cancelled" at once, and its worker stops at the engine's
        next chunk of runs (the first compile of the engine's kernel, on a cold server, cannot
        be cut short; the job no longer waits for it)."""
        self.cancel.set()
        self.end("cancelled", {"status": 499, **error_body("the run was cancelled", "cancelled")})

    def view(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "kind": self.kind,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "elapsed_s": round(time.monotonic() - self.started, 2),
            "error": self.error,
            "stopped": self.stopped.is_set(),
            "cache_hit": self.cache_hit,
        }


class JobBoard:
    """Jobs of one app, each waiting in its own thread (at most ``workers`` at once) on the
    app's engine `Runner`, which computes them with its deadline and queue limits exactly as a
    direct run; a job is kept until ``keep`` newer jobs have started."""

    def __init__(self, workers: int = 4, keep: int = 32) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chipshock-job")
        self._jobs: dict[str, Job] = {}
        self._keep = keep
        self._lock = threading.Lock()

    def start(
        self,
        state: AppState,
        kind: str,
        key: Hashable,
        build: Callable[[Callable[..., None]], dict[str, Any]],
        *,
        keep: Callable[[dict[str, Any]], Any] = json_bytes,
        answer: Callable[[Any], bytes] = lambda body: body,
    ) -> Job:
        """Start ``build`` in the background; the run cache keeps ``keep(payload)`` under
        ``key`` and the job's result is ``answer`` of that (by default: the payload's JSON)."""
        with self._lock:
            # a cancelled job still computing until its next chunk counts too
            running = sum(not j.stopped.is_set() for j in self._jobs.values())
        if running >= state.runner.capacity:
            raise ServerBusy(
                f"server busy: {running} scenario jobs are running or queued; retry in "
                f"{state.runner.retry_after_s} s",
                state.runner.retry_after_s,
            )
        job = Job(uuid.uuid4().hex[:12], kind, key, answer)
        engine_ran = threading.Event()

        def tracked(runner_progress: Callable[..., None]) -> Callable[..., None]:
            """Record runs done and in all, stop on cancel, then the runner's own checks
            (deadline and queue) as for a direct run."""

            def progress(done: int | None = None, total: int | None = None, *_: Any) -> None:
                if done is not None:
                    job.done = int(done)
                if total is not None:
                    job.total = int(total)
                if job.cancel.is_set():
                    raise JobCancelled("the run was cancelled")
                runner_progress()

            return progress

        def checked_build(runner_progress: Callable[..., None]) -> dict[str, Any]:
            progress = tracked(runner_progress)
            progress()  # cancelled while it waited for a worker: do not start the engine
            return build(progress)

        def compute() -> Any:
            engine_ran.set()
            return keep(
                state.runner.run(checked_build, state.config.job_time_budget_s, background=True)
            )

        def work() -> None:
            try:
                while True:
                    try:
                        state.run_cache.get_or_compute(key, compute)
                        break
                    except JobCancelled:
                        # an identical job this one waited on was cancelled: compute it anew
                        if job.cancel.is_set():
                            raise
                job.cache_hit = not engine_ran.is_set()
                job.end("done")
            except ChipshockError as exc:
                if job.cancel.is_set():
                    job.cancelled()
                else:
                    status, body, _headers = exception_body(exc)
                    job.end("failed", {"status": status, **body})
            except Exception as exc:  # a bug or an I/O error: the job ends failed, never "running"
                job.end("failed", {"status": 500, **error_body(str(exc), "internal")})
            finally:
                job.stopped.set()

        with self._lock:
            self._jobs[job.job_id] = job
            while len(self._jobs) > self._keep:
                self._jobs.pop(next(iter(self._jobs)))
        self._pool.submit(work)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            kept = (
                "a job_id a POST /api/jobs/... answered on this server since it started; it "
                f"keeps the last {self._keep} jobs"
            )
            raise UnknownCodeError(
                Problem("unknown job", field="job_id", value=job_id, expected=kept)
            )
        return job

    def shutdown(self) -> None:
        for job in list(self._jobs.values()):
            job.cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)


_BOARD_LOCK = threading.Lock()


def job_board(request: Request) -> JobBoard:
    """The app's job board, made on first use."""
    with _BOARD_LOCK:
        board: JobBoard | None = getattr(request.app.state, "chipshock_jobs", None)
        if board is None:
            board = JobBoard()
            request.app.state.chipshock_jobs = board
        return board


def start_engine_job(state: AppState, request: Request, kind: str, work: EngineJob) -> Job:
    """Start an analysis (`EngineJob`: a comparison, contributions, Sobol) on the job board:
    the run cache keeps its `AnswerBody` under its key, and the job's result is the answer to
    its own request."""
    return job_board(request).start(
        state, kind, work.key, work.build, keep=AnswerBody.of, answer=work.answer
    )


def _json(payload: Any, status: int = 200) -> Response:
    return Response(content=json_bytes(payload), media_type="application/json", status_code=status)


@router.post("/jobs/run", status_code=202, summary="Start a scenario run")
def job_run(state: State, request: Request, req: ScenarioRunRequest) -> Response:
    """Start ``/api/scenarios/run`` in the background; poll ``/api/jobs/{id}`` for progress."""
    run = routes_scenarios.run_job(state, req)
    job = job_board(request).start(
        state, "run", run.key, run.build, keep=RunBody.of, answer=run.answer
    )
    return _json(job.view(), 202)


@router.post("/jobs/compare", status_code=202, summary="Start a comparison")
def job_compare(state: State, request: Request, req: CompareRequest) -> Response:
    """Start ``/api/scenarios/compare`` in the background; poll ``/api/jobs/{id}``."""
    job = routes_scenarios.compare_job(state, req)
    return _json(start_engine_job(state, request, "compare", job).view(), 202)


@router.api_route("/jobs/run", methods=["GET", "PUT", "PATCH", "DELETE"], include_in_schema=False)
@router.api_route(
    "/jobs/compare", methods=["GET", "PUT", "PATCH", "DELETE"], include_in_schema=False
)
def job_start_other_methods() -> Response:
    """``/api/jobs/run`` and ``/compare`` take POST only: answer 405, not the job-id route's 422
    (registered before ``/jobs/{job_id}``, which would otherwise take "run" for a job id)."""
    return Response(
        content=json_bytes({"detail": "method not allowed: use POST", "field": None}),
        media_type="application/json",
        status_code=405,
        headers={"Allow": "POST"},
    )


@router.get("/jobs/{job_id}", summary="Progress of a job")
def job_status(request: Request, job_id: JobId) -> Response:
    """Status (running, done, failed, cancelled), runs done and in all, seconds elapsed, and
    ``stopped``: whether its worker has ended (a cancelled job reads ``cancelled`` at once; its
    engine stops at its next chunk of runs, and until then counts against the server's runs)."""
    return _json(job_board(request).get(job_id).view())


@router.get("/jobs/{job_id}/result", response_model=ResultResponse, summary="Result of a job")
def job_result(state: State, request: Request, job_id: JobId) -> Response:
    """The finished job's result: the same body as ``/api/scenarios/run`` or ``/compare``."""
    job = job_board(request).get(job_id)
    if job.status != "done":
        return _json({"detail": f"job {job_id} is {job.status}", "field": "job_id"}, 409)
    # read without computing (a placeholder kept for a missing key was what a later identical
    # job then found, ending at once with an expired result)
    kept = state.run_cache.get(job.key)
    if kept is None:  # evicted from the cache meanwhile
        return _json({"detail": f"the result of job {job_id} has expired", "field": None}, 410)
    return Response(content=job.answer(kept), media_type="application/json")


@router.delete("/jobs/{job_id}", summary="Cancel a job")
def job_cancel(request: Request, job_id: JobId) -> Response:
    """Cancel a running job: it reads ``cancelled`` at once, and the engine stops at its next
    chunk of runs (a finished or failed job stays as it ended)."""
    job = job_board(request).get(job_id)
    job.cancelled()
    return _json(job.view())


# ---- saved results ---------------------------------------------------------------------------
_RESULT_COLUMNS = (
    "result_id",
    "name",
    "scenario_id",
    "title",
    "runs",
    "seed",
    "start_year",
    "end_year",
    "created_at",
    "data_release",
    "data_release_date",
    "exemption_note",
    "exemption_note_ja",
    "scenario_file",
    "scenario_file_sha256",
)
#: columns a results table saved by an older chipshock may lack (read as NULL)
_RECENT_COLUMNS = (
    "data_release",
    "data_release_date",
    "exemption_note",
    "exemption_note_ja",
    "scenario_file",
    "scenario_file_sha256",
)


def _public(frame: pd.DataFrame) -> pd.DataFrame:
    """Saved results' rows as a server shows them: ``title_ja`` after ``title`` (the Japanese
    title of the scenario as run, read from its ``scenario_toml``, which is dropped; null when
    it has none) and the scenario file by its base name (``scenario_file_name``) beside its
    sha256, never the path on the server's disk."""
    from chipshock.present.provenance import public_file_name
    from chipshock.present.scenario_settings import saved_title_ja

    shown = frame.drop(columns=["scenario_file", "scenario_toml"])
    at = list(shown.columns).index("scenario_file_sha256")
    shown.insert(at, "scenario_file_name", frame["scenario_file"].map(public_file_name))
    titles = [saved_title_ja(t) for t in frame["scenario_toml"]]
    shown.insert(list(shown.columns).index("title") + 1, "title_ja", titles)
    return shown


def _has_table(con: Any, name: str) -> bool:
    n = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()[0]
    return bool(n)


def _select(con: Any) -> str:
    """The select list of `_RESULT_COLUMNS` for the store's results table (NULL for a release
    column an older table lacks)."""
    have = {
        str(r[0])
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'results'"
        ).fetchall()
    }
    return ", ".join(
        c if c in have or c not in _RECENT_COLUMNS else f"NULL AS {c}" for c in _RESULT_COLUMNS
    )


def _saved_notes(row: pd.Series) -> dict[str, str | None]:
    """The notes a result was saved with: "" (none) and NULL (saved before notes were
    kept) are None."""
    out: dict[str, str | None] = {}
    for k in ("exemption_note", "exemption_note_ja"):
        v = row.get(k)
        out[k] = None if v is None or pd.isna(v) or not str(v) else str(v)
    return out


def _saved_meta(state: AppState, row: pd.Series | None = None) -> dict[str, Any]:
    """Saved results' ``meta``: the engine's source line with a data release and its date
    (`chipshock.present.provenance.engine_meta`). For one result (``row``) that records the
    release it was computed from, that release; otherwise (the list, or a result saved before
    chipshock recorded it) the store's, and ``note`` says so (each row of the list has its
    own ``data_release``)."""
    from chipshock.analysis.registry import DataRelease
    from chipshock.present.messages import LANGS, message
    from chipshock.present.provenance import engine_meta

    saved = {lang: message("results.saved_source", lang) for lang in LANGS}

    def with_store(meta: dict[str, Any]) -> dict[str, Any]:
        """``meta`` with the saved results named before its source lines, in both languages."""
        return {
            **meta,
            "source": f"{saved['en']}; {meta['source']}",
            "source_ja": f"{saved['ja']}。{meta['source_ja']}",
        }

    if row is not None and not pd.isna(row.get("data_release")):
        release = DataRelease(str(row["data_release"]), str(row["data_release_date"]))
        return with_store(engine_meta(release))
    return {
        **with_store(engine_meta(routes_scenarios.store_release(state))),
        "note": "data_release and as_of are the store's; a saved result records its own "
        "release (data_release of its row), except one saved before chipshock recorded it",
    }


def _saved_charts(bands: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The band charts of a saved result in both languages (no shock windows: a saved result
    keeps its tables, not its scenario)."""
    from chipshock.present.charts import bands_spec

    out: dict[str, dict[str, Any]] = {}
    for lang in ("en", "ja"):
        specs = {}
        for name, series in zip(
            ("output", "delivered", "supply"), routes_scenarios.BAND_SERIES, strict=True
        ):
            spec = bands_spec(bands, series, lang)
            if spec is not None:
                specs[name] = to_jsonable(spec)
        out[lang] = specs
    return out


@router.get("/results", response_model=TableResponse, summary="Saved results")
def results_list(state: State) -> Response:
    """Results saved in the store, oldest first (empty when none were saved)."""
    with connect(state.config.db_path) as con:
        if not _has_table(con, "results"):
            frame = pd.DataFrame(columns=[*_RESULT_COLUMNS, "scenario_toml"])
        else:
            frame = con.execute(
                f"SELECT {_select(con)}, scenario_toml FROM results ORDER BY created_at"  # noqa: S608 - fixed column names
            ).df()
    return _json({"meta": _saved_meta(state), "params": {}, "rows": to_jsonable(_public(frame))})


class SavedResultResponse(ResultResponse, ScenarioResult):
    """One saved result: its row, KPIs, percent bands, charts, summary and per-producer
    utilisation (``utilisation``: the rows the run gave, in its order; empty, with
    ``utilisation_meta`` null, for a result saved before utilisation was kept)."""


@dataclass(frozen=True)
class _SavedUtilisation:
    """A saved result's utilisation table, in the shape `present.utilisation.utilisation_payload`
    reads from a run's result (so both answers carry the same source and as-of)."""

    utilisation: pd.DataFrame
    #: the notes saved with it (`chipshock.sim.run.store.SAVED_NOTES`), None where none
    saved_notes: dict[str, str | None]


@router.get("/results/{result_id}", response_model=SavedResultResponse, summary="One saved result")
def result_show(state: State, result_id: ResultRef) -> Response:
    """One saved result, by its id or its name (the latest saved under that name), as
    `chipshock results show` finds it: its row, KPI summary, percent bands, engine summary and
    ``utilisation``: each producer's utilisation as the run gave it (`result_utilisation`, in
    rank order; empty for a result saved before utilisation was kept), the by-country tables
    of the run (``loss_by_country``, ``value_added_by_country``,
    ``value_added_by_country_market``; empty, with ``by_country_kept`` false, for a result
    saved before they were kept) and ``scenario_file_note`` / ``scenario_file_note_ja``: that
    the scenario file it was run from has changed since (null when not, review 14 #6)."""
    from chipshock.present.provenance import saved_file_notes
    from chipshock.present.scenario_settings import saved_settings
    from chipshock.sim.run.store import BY_COUNTRY, saved_by_country, saved_utilisation

    asked = result_id
    with connect(state.config.db_path) as con:
        found = pd.DataFrame()
        if _has_table(con, "results"):
            columns = f"{_select(con)}, summary_json, scenario_toml"
            found = con.execute(
                f"SELECT {columns} FROM results WHERE result_id = ? OR name = ? "  # noqa: S608 - fixed column names
                "ORDER BY created_at DESC LIMIT 1",
                [asked, asked],
            ).df()
        if found.empty:
            raise UnknownCodeError(
                Problem(
                    "unknown saved result",
                    field="result_id",
                    value=asked,
                    expected="a result_id or name of /api/results",
                )
            )
        result_id = str(found.iloc[0]["result_id"])
        kpis = con.execute("SELECT * FROM result_kpis WHERE result_id = ?", [result_id]).df()
        bands = con.execute(
            "SELECT * FROM result_bands WHERE result_id = ? AND series IN (?, ?, ?)",
            [result_id, *routes_scenarios.BAND_SERIES],
        ).df()
        utilisation = saved_utilisation(con, result_id)
        by_country = saved_by_country(con, result_id)
    row = found.iloc[0]
    assumptions = load_tables(state.config.db_path, ["model_assumptions"])["model_assumptions"]
    changed = saved_file_notes({str(k): v for k, v in row.items()}, public=True)
    tables = by_country or {k: pd.DataFrame() for k in BY_COUNTRY}
    summary = json.loads(str(row["summary_json"])) if row["summary_json"] else {}
    bands = bands.drop(columns=["result_id"])
    if "date" in bands.columns:
        bands["date"] = pd.to_datetime(bands["date"]).dt.strftime("%Y-%m-%d")
    return _json(
        {
            "meta": _saved_meta(state, row),
            "params": {"result_id": result_id},
            "charts": _saved_charts(bands),
            # the file by its base name: a server does not show its file system
            "result": to_jsonable(_public(found.drop(columns=["summary_json"])).iloc[0].to_dict()),
            # what its scenario set beside its shocks, as `scenario run` printed it
            "settings": saved_settings(
                row["scenario_toml"],
                assumptions,
                state.alliance.fabs,
                state.alliance.fab_capacity,
                state.alliance.partnerships,
            ),
            # numbers without float noise, as the run's answer (review 16 #7)
            "kpis": to_jsonable(machine_frame(kpis.drop(columns=["result_id"]))),
            **{k: to_jsonable(machine_frame(v)) for k, v in tables.items()},
            "by_country_kept": by_country is not None,
            "scenario_file_note": changed.get("en"),
            "scenario_file_note_ja": changed.get("ja"),
            "bands": to_jsonable(bands),
            "summary": to_jsonable(summary),
            **utilisation_payload(
                _SavedUtilisation(utilisation, _saved_notes(row)),
                fabs=state.alliance.fabs,
                # the age of each capacity figure by today's threshold row, as a run's
                model_assumptions=assumptions,
            ),
        }
    )
