"""`chipshock serve`: the HTTP API and the dashboard on one local port."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipshock.cli.common import DbOption, ensure_store
from chipshock.cli.output import err_console

__all__ = ["register", "serve"]


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    db: DbOption = None,
    max_runs: Annotated[
        int,
        typer.Option("--max-runs", help="Most Monte Carlo runs one request may ask for.", min=1),
    ] = 5000,
    time_budget: Annotated[
        float, typer.Option("--time-budget", help="Seconds a scenario run may take.", min=0.1)
    ] = 30.0,
    job_time_budget: Annotated[
        float | None,
        typer.Option(
            "--job-time-budget",
            help="Seconds a background job (the dashboard's runs and comparisons, with progress "
            "and Cancel) may take (default: 10 x --time-budget, at least 300).",
            min=0.1,
        ),
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the dashboard (/) — read-only.

    Example: chipshock serve --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from chipshock.api import create_app
    from chipshock.api.hardening import LOOPBACK_HOSTS, is_loopback
    from chipshock.data.store import connect

    path: Path = ensure_store(db)
    with connect(path):  # a damaged or foreign store: a clear error now, not a traceback later
        pass
    app = create_app(
        path,
        max_runs=max_runs,
        time_budget_s=time_budget,
        job_time_budget_s=job_time_budget,
        read_only=True,
        allowed_hosts=LOOPBACK_HOSTS if is_loopback(host) else None,
    )
    err_console.print(
        f"chipshock dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to the `chipshock` command."""
    app.command()(serve)
