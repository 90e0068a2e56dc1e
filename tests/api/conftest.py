"""Fixtures for API tests: the shared store built once, and a sync client over ASGI.

The client drives the app through `httpx.ASGITransport` on a private event loop (Starlette's
TestClient warns about its httpx use, and warnings are errors here).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import free_port

from chipshock.api import create_app


class AsgiClient:
    """A synchronous facade over `httpx.AsyncClient` + `ASGITransport` (no network)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._loop = asyncio.new_event_loop()
        self._client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver", timeout=120
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._loop.run_until_complete(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def close(self) -> None:
        self._loop.run_until_complete(self._client.aclose())
        self._loop.close()


@pytest.fixture(scope="session")
def store_path(built_store: Path) -> Path:
    """The session's shared read-only store (`built_store`); the apps here never write to it."""
    return built_store


@pytest.fixture(scope="session")
def api(store_path: Path) -> Iterator[AsgiClient]:
    """A client of an app over the tmp store, with a low run cap (200) and a time budget that
    leaves room for the kernel's first compile on a busy machine (60 s was not enough for the
    first scenario run of a CI whose numba cache is empty while other work shares the cores)."""
    client = AsgiClient(create_app(store_path, max_runs=200, time_budget_s=300.0))
    yield client
    client.close()


@pytest.fixture
def make_client(store_path: Path) -> Iterator[Any]:
    """Build a client of an app with custom limits; closed after the test."""
    clients: list[AsgiClient] = []

    def make(**kwargs: Any) -> AsgiClient:
        client = AsgiClient(create_app(store_path, **kwargs))
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


@contextlib.contextmanager
def live_server(
    store_path: Path,
    app_args: str = "",
    start_s: float = 120.0,
    *,
    wait_warm: bool = True,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """A real uvicorn server in its own process on a free loopback port, serving
    ``create_app(store_path, <app_args>)``; yields its base URL once ``/api/health`` reports the
    start-up warm-up done (so that the warm-up's work does not overlap what a test measures;
    with ``wait_warm=False`` as soon as it answers), and stops the process afterwards. ``env``
    adds to the server's environment."""
    port = free_port()
    args = f"{str(store_path)!r}" + (f", {app_args}" if app_args else "")
    code = (
        "import uvicorn; from chipshock.api import create_app; "
        f"uvicorn.run(create_app({args}), host='127.0.0.1', port={port}, log_level='warning', "
        "ws='none')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_s
        while True:
            try:
                r = httpx.get(f"{base}/api/health", timeout=2)
                if r.status_code == 200 and (r.json()["warm"] or not wait_warm):
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(f"the server ({app_args or 'defaults'}) did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
