"""Benchmarks of the HTTP API: a structural query (target < 100 ms) and a 1,000-run scenario
request (target < 3 s), through the ASGI app in process (no network), started as a server
starts it (its lifespan: store loaded, start-up warm-up in the background). The flagship's
comparison with and without the alliance fabs (2 x 1,000 runs, the dashboard's compare view)
is timed beside it, with no target of its own.

Structural routes are measured twice: after the start-up warm-up has finished (``/api/health``
says ``warm``; the dashboard's default answers are then cached, other parameters are not), and
with the warm-up switched off (``create_app(warm=False)``), where every first request computes
its answer: the honest cost of a request nobody asked for before."""

from __future__ import annotations

import asyncio
import itertools
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.timing import measure_async

__all__ = ["run_benchmarks"]


def run_benchmarks(repeat: int = 25) -> dict[str, Any]:
    """Median latency of structural routes and the time of one 1,000-run scenario request."""
    import httpx

    from chipshock.api import create_app
    from chipshock.data.store import build_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        build_store(db)
        cold = asyncio.run(_structural(create_app(db, warm=False), repeat))
        app = create_app(db, max_runs=5000, time_budget_s=60.0)

        async def measure() -> dict[str, Any]:
            transport = httpx.ASGITransport(app=app)
            async with (
                app.router.lifespan_context(app),
                httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
            ):
                out: dict[str, Any] = {"warm-up": await _until_warm(client)}
                out |= await _routes(client, repeat, "")

                # the API caches results per request, so each repeat asks for another seed
                seeds = itertools.count(12345)
                out["scenario 1000 runs, new seed each time"] = await _flagship_timed(
                    client, "/api/scenarios/run", seeds
                )
                out["scenario 1000 runs, same request (cache)"] = await _flagship_timed(
                    client, "/api/scenarios/run", itertools.repeat(12345)
                )
                out[
                    "compare with/without alliance fabs, 2 x 1000 runs, new seed each time"
                ] = await _flagship_timed(client, "/api/scenarios/compare", seeds)
                return out

        result = asyncio.run(measure()) | cold
    for label, bare in (("structural worst route", False), (f"structural worst route{NO}", True)):
        routes = [v for k, v in result.items() if "median_ms" in v and k.endswith(NO) == bare]
        result[label] = {
            "warm_median_ms": max(v["median_ms"] for v in routes),
            "cold_ms": max(v["cold_ms"] for v in routes),
        }
    return result


NO = ", no warm-up"
FLAGSHIP = "taiwan-blockade-2027-6m"


async def _flagship_timed(client: Any, url: str, seeds: Iterator[int]) -> dict[str, Any]:
    """Seconds per POST of the flagship at 1,000 runs to ``url`` (a run or a comparison), each
    request with the next of ``seeds``."""

    async def post() -> None:
        body = {"scenario": FLAGSHIP, "runs": 1000, "seed": next(seeds)}
        (await client.post(url, json=body)).raise_for_status()

    return await measure_async(post, unit="s")


#: structural routes: the dashboard's default chokepoints and fabs (warmed at start-up) and
#: parameter sets the warm-up does not compute (it prepares the explorer's first input, EUV
#: lithography N20, so the shares row asks for N5)
ROUTES = (
    ("chokepoints", "/api/chokepoints?min_share=50"),
    ("chokepoints_60", "/api/chokepoints?min_share=60"),
    ("shares_N5", "/api/shares?input=N5"),
    ("coalition_USA_JPN", "/api/coalition?countries=USA,JPN"),
    ("fabs", "/api/fabs"),
)


async def _routes(client: Any, repeat: int, suffix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, url in ROUTES:

        async def get(url: str = url) -> None:
            (await client.get(url)).raise_for_status()

        # cold: the first request after start-up
        out[name + suffix] = await measure_async(get, repeat=repeat)
    return out


async def _until_warm(client: Any, limit_s: float = 120.0) -> dict[str, Any]:
    """Seconds until /api/health reports ``warm``, and its slowest answer meanwhile."""
    t0 = time.perf_counter()
    slowest = 0.0
    while time.perf_counter() - t0 < limit_s:
        t1 = time.perf_counter()
        r = await client.get("/api/health")
        slowest = max(slowest, time.perf_counter() - t1)
        if r.json()["warm"]:
            break
        await asyncio.sleep(0.05)
    return {"seconds_to_warm": time.perf_counter() - t0, "health_slowest_ms": 1000 * slowest}


async def _structural(app: Any, repeat: int) -> dict[str, Any]:
    import httpx

    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        return await _routes(client, repeat, NO)


if __name__ == "__main__":
    for key, value in run_benchmarks().items():
        print(f"{key}: {value}")
