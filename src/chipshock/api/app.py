"""The FastAPI application: JSON API under ``/api``, OpenAPI at ``/docs``, dashboard at ``/``."""

from __future__ import annotations

import difflib
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from chipshock import __version__
from chipshock.api import (
    routes_contributions,
    routes_explorer,
    routes_groups,
    routes_markets,
    routes_scenarios,
    routes_sensitivity,
    routes_sobol,
    routes_structure,
)
from chipshock.api.docs import install_docs
from chipshock.api.encoded import EncodedBody, EncodedResponse
from chipshock.api.error_bodies import error_body, exception_body, validation_part
from chipshock.api.hardening import Hardening
from chipshock.api.runner import RETRY_AFTER_S
from chipshock.api.schemas import ErrorResponse, Health
from chipshock.api.state import AppConfig, AppState, app_state, resolve_db_path
from chipshock.api.static import CompressedStatic
from chipshock.api.warmup import start_warmup
from chipshock.errors import ChipshockError, InputError, Problem

__all__ = ["MAX_SCENARIO_REQUESTS", "create_app"]

#: scenario requests in flight at once (cache hits and waiters on an identical run included),
#: so that they hold at most this many of the server's 40 request threads
MAX_SCENARIO_REQUESTS = 24

_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying (when the server is busy)",
        "schema": {"type": "integer"},
    }
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Host header not allowed (loopback server)"},
    404: {"model": ErrorResponse, "description": "Unknown code, input, fab or scenario"},
    413: {"model": ErrorResponse, "description": "Request body too large"},
    414: {"model": ErrorResponse, "description": "Query string too long"},
    422: {"model": ErrorResponse, "description": "Invalid request; the message names the field"},
    503: {
        "model": ErrorResponse,
        "description": "Server busy (scenario queue full; see Retry-After), or store or "
        "scenario engine unavailable",
        "headers": _RETRY_AFTER,
    },
    504: {"model": ErrorResponse, "description": "Run stopped at the server's time budget"},
}


def _web_dir() -> Path:
    return Path(str(resources.files("chipshock") / "web"))


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """A field's path as a scenario file's problems write it: ``sourcing[0].share_pct``.

    >>> _location(("body", "sourcing", 0, "share_pct"))
    'sourcing[0].share_pct'
    """
    path = ""
    for part in loc:
        if part in ("body", "query", "path"):
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or ".".join(str(p) for p in loc)


def _described(error: Any, fields: Sequence[str] = ()) -> dict[str, str]:
    """One validation error as ``{field, message}``; a body that is not JSON is named as such,
    with the character where parsing stopped. A body field's message ends with the value
    given (``got ...``), and an unknown body field lists ``fields`` with a "did you mean"
    (review 14 #5: the CLI's errors do so)."""
    loc = tuple(error.get("loc", ()))
    if error.get("type") == "json_invalid":
        where = f" at character {loc[1]}" if len(loc) > 1 else ""
        reason = (error.get("ctx") or {}).get("error", "")
        return {
            "field": "body",
            "message": f"not valid JSON{where}" + (f" ({reason})" if reason else ""),
        }
    message = str(error.get("msg", ""))
    if error.get("type") == "extra_forbidden" and loc:  # the house form: did you mean
        name = str(loc[-1])
        close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
        message = f"unknown field {name!r}; expected one of: {', '.join(fields)}" + (
            f"; did you mean {close[0]}?" if close else ""
        )
    elif "input" in error and loc and loc[0] == "body" and len(loc) > 1:  # the value given
        message += f"; got {json.dumps(error['input'], default=str)[:200]}"
    return {"field": _location(loc), "message": message}


def _body_models(request: Request) -> list[type[BaseModel]]:
    """The Pydantic models of the request's route's JSON body."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return []
    models = [param.field_info.annotation for param in route.dependant.body_params]
    return [m for m in models if isinstance(m, type) and issubclass(m, BaseModel)]


def _body_fields(models: Sequence[type[BaseModel]]) -> list[str]:
    """The JSON body's field names of ``models``."""
    return [f.alias or n for model in models for n, f in model.model_fields.items()]


def _install_errors(app: FastAPI) -> None:
    """Every error answers with one body (`chipshock.api.error_bodies`): ``detail`` in English,
    ``field``, ``code``, ``problems`` and ``detail_ja``."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        models = _body_models(request)
        fields = _body_fields(models)
        raw = list(exc.errors())
        errors = [_described(e, fields) for e in raw]
        parts = [
            validation_part(e, d["field"], d["message"], fields, models)
            for e, d in zip(raw, errors, strict=True)
        ]
        text = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        body = error_body(
            f"invalid request: {text}",
            "invalid_request",
            errors[0]["field"] if errors else None,
            parts,
            errors=errors,
        )
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        path = request.url.path
        other = "invalid_request" if exc.status_code < 500 else "internal"
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, other)
        body = error_body(str(exc.detail), code, ja_fields={"path": path, "method": request.method})
        response = JSONResponse(body, status_code=exc.status_code)
        if exc.status_code == 405:  # every method of every route at this path, not just one
            methods = sorted(
                {
                    m
                    for r in app.routes
                    if isinstance(r, APIRoute) and r.path_regex.match(path)
                    for m in (r.methods or ())
                }
            )
            response.headers["Allow"] = ", ".join(methods)
        return response

    @app.exception_handler(ChipshockError)
    async def _chipshock(_request: Request, exc: ChipshockError) -> JSONResponse:
        status, body, headers = exception_body(exc)
        return JSONResponse(body, status_code=status, headers=headers)


def _one_value_per_scalar(request: Request) -> None:
    """A query parameter that takes one value, given twice, is refused (422) rather than the
    last value silently winning."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    repeated = {k for k, _ in request.query_params.multi_items()}
    repeated = {k for k in repeated if len(request.query_params.getlist(k)) > 1}
    for param in route.dependant.query_params:
        if param.alias in repeated and not _is_list(param.field_info.annotation):
            raise InputError(
                Problem(
                    "given more than once",
                    field=param.alias,
                    value=", ".join(request.query_params.getlist(param.alias))[:200],
                    expected="one value",
                )
            )


def _declared_query(dependant: Dependant) -> list[str]:
    """The query parameter names (aliases) of ``dependant`` and its sub-dependencies, in the
    order they are declared; a Pydantic model of query parameters gives its fields."""
    names: list[str] = []
    for param in dependant.query_params:
        model = param.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names += [f.alias or n for n, f in model.model_fields.items()]
        else:
            names.append(param.alias)
    for sub in dependant.dependencies:
        names += _declared_query(sub)
    return list(dict.fromkeys(names))


def _unknown_query_message(name: str, declared: Sequence[str]) -> str:
    """What is said of a query parameter ``name`` that the route does not declare.

    >>> _unknown_query_message("year", ["years", "fabs_off"])
    "unknown query parameter 'year'; expected one of: years, fabs_off; did you mean years?"
    >>> _unknown_query_message("x", [])
    "unknown query parameter 'x'; this route takes no query parameters"
    """
    if not declared:
        return f"unknown query parameter {name!r}; this route takes no query parameters"
    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    return f"unknown query parameter {name!r}; expected one of: {', '.join(declared)}" + (
        f"; did you mean {close[0]}?" if close else ""
    )


def _only_declared_query(request: Request) -> None:
    """A query parameter that an ``/api`` route does not declare is refused (422 naming it and
    the route's parameters) rather than silently ignored: ``/api/capacity?year=2027`` would
    otherwise answer every year. Pages outside ``/api`` (the dashboard's ``/?lang=ja``, the
    docs) are left alone."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
        return
    declared = _declared_query(route.dependant)
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in declared]
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "unknown_query_parameter",
                    "loc": ("query", name),
                    "msg": _unknown_query_message(name, declared),
                    "input": request.query_params.get(name),
                }
                for name in unknown
            ]
        )


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (list, tuple, set):
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if arg is not type(None))


async def _first_request(app: FastAPI, config: AppConfig) -> None:
    """Answer one request in process before the server takes any: FastAPI builds each route's
    request and response models on the first request that reaches the router (0.5-2 s for our
    31 routes), which would otherwise land on the first user."""
    host = next(iter(sorted(config.allowed_hosts or ())), "localhost").encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/api/health",
        "raw_path": b"/api/health",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", host)],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Any) -> None:
        return None

    await app(scope, receive, send)


def create_app(
    db_path: Path | str | None = None,
    *,
    max_runs: int = 5000,
    time_budget_s: float = 30.0,
    job_time_budget_s: float | None = None,
    read_only: bool = True,
    workers: int = 2,
    queue_limit: int = 8,
    allowed_hosts: Iterable[str] | None = None,
    warm: bool = True,
) -> FastAPI:
    """The chipshock web app over the store at ``db_path`` (default: the usual store).

    ``max_runs`` caps the Monte Carlo runs of one request; ``time_budget_s`` stops a run that
    takes longer (HTTP 504); ``job_time_budget_s`` (default: ten times ``time_budget_s``, at
    least 300 s) does the same for a background job (``/api/jobs/*``), which shows its progress
    and can be cancelled, so the dashboard's 1,000-run comparison does not fail on a busy host.
    With ``read_only`` (the default) nothing is ever written; otherwise
    a missing store is built on start-up. ``workers`` scenario runs are computed at once and
    ``queue_limit`` more wait; further scenario requests get 503 with ``Retry-After``.
    ``allowed_hosts`` (given by ``serve`` when it listens on loopback) limits the Host header.
    With ``warm`` the first screens' answers, the engine and the compressed static files are
    prepared in a background thread on start-up (`chipshock.api.warmup`; ``/api/health`` says
    when); without it, ``warm`` is reported at once and each first request computes its answer.

    >>> app = create_app("/nonexistent.duckdb")  # the store is opened on start-up, not here
    >>> app.title
    'chipshock'
    """
    config = AppConfig(
        db_path=resolve_db_path(db_path),
        max_runs=max_runs,
        time_budget_s=time_budget_s,
        job_time_budget_s=(
            max(300.0, 10.0 * time_budget_s) if job_time_budget_s is None else job_time_budget_s
        ),
        read_only=read_only,
        workers=workers,
        queue_limit=queue_limit,
        allowed_hosts=None if allowed_hosts is None else frozenset(allowed_hosts),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app_state(app)
        await _first_request(app, config)
        warmup = start_warmup(state, static.precompress) if warm else None
        if warmup is None:
            state.warm.set()
        try:
            yield
        finally:
            if warmup is not None:
                warmup.stop()
            state.runner.shutdown()
            jobs = getattr(app.state, "chipshock_jobs", None)
            if isinstance(jobs, routes_explorer.JobBoard):
                jobs.shutdown()

    app = FastAPI(
        dependencies=[Depends(_only_declared_query), Depends(_one_value_per_scalar)],
        title="chipshock",
        version=__version__,
        description=(
            "How fragile is the world's chip supply, and how much do alliances change that? "
            "Every response with figures carries `meta` (source, licence, as-of date). "
            "Structural data: ETO Advanced Semiconductor Supply Chain Dataset (CSET, Georgetown "
            "University), CC BY-NC 4.0."
        ),
        lifespan=lifespan,
        responses=_ERRORS,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    install_docs(app)
    app.state.config = config
    app.add_middleware(
        Hardening,
        allowed_hosts=config.allowed_hosts,
        max_expensive=max(workers + queue_limit, MAX_SCENARIO_REQUESTS),
        retry_after_s=RETRY_AFTER_S,
    )
    _install_errors(app)
    app.include_router(routes_structure.router)
    app.include_router(routes_groups.router)
    app.include_router(routes_scenarios.router)
    app.include_router(routes_markets.router)
    app.include_router(routes_sensitivity.router)
    app.include_router(routes_contributions.router)
    app.include_router(routes_explorer.router)
    app.include_router(routes_sobol.router)

    @app.get("/api/health", response_model=Health, tags=["meta"])
    async def health(request: Request) -> dict[str, Any]:
        """Is the server up, and what are its limits? (Answered on the event loop, so that it
        answers even while every worker thread is busy.)"""
        available = routes_scenarios.engine_available()
        loaded: AppState | None = getattr(request.app.state, "chipshock", None)
        return {
            "status": "ok",
            "version": __version__,
            "read_only": config.read_only,
            "max_runs": config.max_runs,
            "time_budget_s": config.time_budget_s,
            "job_time_budget_s": config.job_time_budget_s,
            "scenarios_available": available,
            "warm": loaded is not None and loaded.warm.is_set(),
        }

    @app.get("/api/datasets", tags=["meta"])
    def datasets(request: Request) -> dict[str, Any]:
        """Every source file in the store: release, licence, checksum and row count."""
        from chipshock.data.store import store_info
        from chipshock.present.jsonable import to_jsonable

        state = app_state(request.app)
        return {"meta": state.eto_meta(), "rows": to_jsonable(store_info(config.db_path))}

    web = _web_dir()
    static = CompressedStatic(directory=web / "static")
    app.mount("/static", static, name="static")

    page = web / "index.html"
    pages: dict[tuple[int, int], EncodedBody] = {}

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        """The dashboard page, compressed once per version of the file (304 when unchanged)."""
        st = page.stat()
        key = (st.st_mtime_ns, st.st_size)
        if key not in pages:
            pages.clear()
            pages[key] = EncodedBody.of(page.read_bytes())
        return EncodedResponse(pages[key], media_type="text/html; charset=utf-8")

    return app
