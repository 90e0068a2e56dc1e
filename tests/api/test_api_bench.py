"""The API bench's timing of the flagship: every request posts the flagship at 1,000 runs to
the route it times, each with the next seed it is given (a new seed defeats the result cache)."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from bench.api_bench import FLAGSHIP, _flagship_timed


class _Answer:
    def raise_for_status(self) -> None:
        return None


class _Client:
    """Keeps what it is sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    async def post(self, url: str, json: dict[str, Any]) -> _Answer:
        self.sent.append((url, json))
        return _Answer()


def test_each_request_takes_the_next_seed() -> None:
    """Timed with new seeds, a cold call and five repeats send seeds 7 to 12 in order; the
    same seed over and over stays the same request."""
    client = _Client()
    asyncio.run(_flagship_timed(client, "/api/scenarios/compare", itertools.count(7)))
    assert [body["seed"] for _, body in client.sent] == list(range(7, 13))
    assert {url for url, _ in client.sent} == {"/api/scenarios/compare"}
    assert all(b["scenario"] == FLAGSHIP and b["runs"] == 1000 for _, b in client.sent)
    again = _Client()
    asyncio.run(_flagship_timed(again, "/api/scenarios/run", itertools.repeat(3)))
    assert {body["seed"] for _, body in again.sent} == {3}
