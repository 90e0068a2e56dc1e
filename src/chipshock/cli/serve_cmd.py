"""`chipshock serve`: the HTTP API and the dashboard on one local port."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

from chipshock.cli.common import DbOption, ensure_store
from chipshock.cli.output import err_console
from chipshock.errors import InputError, Problem

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
    listening = _listening_socket(host, port)  # a port in use: our error line, not uvicorn's
    err_console.print(
        f"chipshock dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs",
        markup=False,  # an IPv6 host is written in brackets: http://[::1]:8000/
    )
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[listening])


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` for the server; one the machine refuses (a port in
    use, an address not of this machine) is an `InputError` naming both options."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listening.bind((host, port))
        except OSError:
            listening.close()
            raise
    except OSError as exc:
        raise InputError(
            Problem(
                f"cannot listen there: {exc.strerror or exc}",
                field="--host/--port",
                value=f"{host}:{port}",
                expected="an address of this machine and a free port (another --port)",
            )
        ) from None
    listening.set_inheritable(True)
    return listening


def register(app: typer.Typer) -> None:
    """Add `serve` to the `chipshock` command."""
    app.command()(serve)
