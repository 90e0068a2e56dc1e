"""Fixtures for API tests: the shared store built once, and a sync client over ASGI.

The client drives the app through `httpx.ASGITransport` on a private event loop (Starlette's
TestClient warns about its httpx use, and warnings are errors here).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

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
    """A client of an app over the tmp store, with a low run cap (200)."""
    client = AsgiClient(create_app(store_path, max_runs=200, time_budget_s=60.0))
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
