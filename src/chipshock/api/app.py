"""The FastAPI application: JSON API under ``/api``, OpenAPI at ``/docs``, dashboard at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from chipshock import __version__
from chipshock.api import routes_scenarios, routes_sensitivity, routes_sobol, routes_structure
from chipshock.api.runner import RunTimeout
from chipshock.api.schemas import ErrorResponse, Health
from chipshock.api.state import AppConfig, app_state, resolve_db_path
from chipshock.errors import ChipshockError, InputError, StoreError, UnknownCodeError

__all__ = ["create_app"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Unknown code, input, fab or scenario"},
    422: {"model": ErrorResponse, "description": "Invalid request; the message names the field"},
    503: {"model": ErrorResponse, "description": "Store or scenario engine unavailable"},
    504: {"model": ErrorResponse, "description": "Run stopped at the server's time budget"},
}


def _web_dir() -> Path:
    return Path(str(resources.files("chipshock") / "web"))


def _error(status: int, detail: str, field: str | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, "field": field, **extra}, status_code=status)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _location(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        text = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return _error(
            422, f"invalid request: {text}", errors[0]["field"] if errors else None, errors=errors
        )

    @app.exception_handler(ChipshockError)
    async def _chipshock(_request: Request, exc: ChipshockError) -> JSONResponse:
        field = None
        if isinstance(exc, InputError):
            field = exc.problem.field
        if isinstance(exc, UnknownCodeError):
            return _error(404, str(exc), field)
        if isinstance(exc, InputError):
            return _error(422, str(exc), field)
        if isinstance(exc, RunTimeout):
            return _error(504, str(exc))
        if isinstance(exc, StoreError | routes_scenarios.EngineUnavailable):
            return _error(503, str(exc))
        return _error(500, str(exc))


def create_app(
    db_path: Path | str | None = None,
    *,
    max_runs: int = 5000,
    time_budget_s: float = 30.0,
    read_only: bool = True,
) -> FastAPI:
    """The chipshock web app over the store at ``db_path`` (default: the usual store).

    ``max_runs`` caps the Monte Carlo runs of one request; ``time_budget_s`` stops a run that
    takes longer (HTTP 504). With ``read_only`` (the default) nothing is ever written; otherwise
    a missing store is built on start-up.

    >>> app = create_app("/nonexistent.duckdb")  # the store is opened on start-up, not here
    >>> app.title
    'chipshock'
    """
    config = AppConfig(
        db_path=resolve_db_path(db_path),
        max_runs=max_runs,
        time_budget_s=time_budget_s,
        read_only=read_only,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app_state(app)
        try:
            yield
        finally:
            state.runner.shutdown()

    app = FastAPI(
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
    )
    app.state.config = config
    _install_errors(app)
    app.include_router(routes_structure.router)
    app.include_router(routes_scenarios.router)
    app.include_router(routes_sensitivity.router)
    app.include_router(routes_sobol.router)

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(request: Request) -> dict[str, Any]:
        """Is the server up, and what are its limits?"""
        try:
            routes_scenarios._scenarios()
            routes_scenarios._sim()
            available = True
        except routes_scenarios.EngineUnavailable:
            available = False
        return {
            "status": "ok",
            "version": __version__,
            "read_only": config.read_only,
            "max_runs": config.max_runs,
            "time_budget_s": config.time_budget_s,
            "scenarios_available": available,
        }

    @app.get("/api/datasets", tags=["meta"])
    def datasets(request: Request) -> dict[str, Any]:
        """Every source file in the store: release, licence, checksum and row count."""
        from chipshock.cli.output import to_jsonable
        from chipshock.data.store import store_info

        state = app_state(request.app)
        return {"meta": state.eto_meta(), "rows": to_jsonable(store_info(config.db_path))}

    web = _web_dir()
    app.mount("/static", StaticFiles(directory=web / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    return app
