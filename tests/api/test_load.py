"""Bounded load test: 50 concurrent clients for 30 s on loopback, no errors, server still up.

The server runs in its own process (uvicorn on a free 127.0.0.1 port) and is stopped by its pid.
Bounded in time (CHIPSHOCK_LOAD_SECONDS, default 30) and in requests (at most 200 per client).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.api.conftest import live_server

pytestmark = pytest.mark.slow

CLIENTS = 50
SECONDS = float(os.environ.get("CHIPSHOCK_LOAD_SECONDS", "30"))
MAX_REQUESTS_PER_CLIENT = 200
ROUTES = [
    ("GET", "/api/chokepoints?min_share=50", None),
    ("GET", "/api/shares?input=N20", None),
    ("GET", "/api/coalition?countries=USA,JPN", None),
    ("GET", "/api/shapley?countries=USA,JPN,NLD", None),
    ("GET", "/api/fabs?status=operating", None),
    ("GET", "/api/partnerships", None),
    ("POST", "/api/scenarios/run", {"scenario": "taiwan-blockade-2027-6m", "runs": 20, "seed": 1}),
]


@pytest.fixture(scope="module")
def load_server(store_path: Path) -> Iterator[str]:
    with live_server(store_path, "max_runs=100") as base:
        yield base


async def _client(base: str, index: int, stop_at: float, errors: list[str]) -> int:
    done = 0
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.monotonic() < stop_at and done < MAX_REQUESTS_PER_CLIENT:
            method, url, body = ROUTES[(index + done) % len(ROUTES)]
            try:
                r = await client.request(method, url, json=body)
                if r.status_code != 200:
                    errors.append(f"{method} {url}: HTTP {r.status_code} {r.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"{method} {url}: {exc!r}")
            done += 1
    return done


def test_fifty_clients_for_thirty_seconds(load_server: str) -> None:
    """50 concurrent clients hit analysis and scenario routes: zero errors, server still answers."""
    errors: list[str] = []

    async def main() -> list[int]:
        stop_at = time.monotonic() + SECONDS
        return await asyncio.gather(
            *(_client(load_server, i, stop_at, errors) for i in range(CLIENTS))
        )

    counts = asyncio.run(main())
    assert errors == []
    assert sum(counts) >= CLIENTS
    assert httpx.get(f"{load_server}/api/health", timeout=5).status_code == 200
    assert httpx.get(f"{load_server}/api/chokepoints", timeout=5).status_code == 200
