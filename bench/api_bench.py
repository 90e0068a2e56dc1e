"""Benchmarks of the HTTP API: a structural query (target < 100 ms) and a 1,000-run scenario
request (target < 3 s), through the ASGI app in process (no network)."""

from __future__ import annotations

import asyncio
import tempfile
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
        app = create_app(db, max_runs=5000, time_budget_s=60.0)

        async def measure() -> dict[str, Any]:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                out: dict[str, Any] = {}
                for name, url in (
                    ("chokepoints", "/api/chokepoints?min_share=50"),
                    ("shares_N20", "/api/shares?input=N20"),
                    ("coalition_USA_JPN", "/api/coalition?countries=USA,JPN"),
                    ("fabs", "/api/fabs"),
                ):

                    async def get(url: str = url) -> None:
                        (await client.get(url)).raise_for_status()

                    # cold: the first request after start-up (loads the chain and the analyses)
                    out[name] = await measure_async(get, repeat=repeat)

                async def scenario() -> None:
                    r = await client.post(
                        "/api/scenarios/run",
                        json={"scenario": "taiwan-blockade-2027-6m", "runs": 1000, "seed": 12345},
                    )
                    r.raise_for_status()

                # the API caches results per request, so each repeat asks for another seed
                seeds = iter(range(12345, 12345 + 100))

                async def scenario_new_seed() -> None:
                    r = await client.post(
                        "/api/scenarios/run",
                        json={"scenario": "taiwan-blockade-2027-6m", "runs": 1000,
                              "seed": next(seeds)},
                    )  # fmt: skip
                    r.raise_for_status()

                out["scenario 1000 runs, new seed each time"] = await measure_async(
                    scenario_new_seed, unit="s"
                )
                out["scenario 1000 runs, same request (cache)"] = await measure_async(
                    scenario, unit="s"
                )
                return out

        result = asyncio.run(measure())
    routes = [v for v in result.values() if "median_ms" in v]
    result["structural worst route"] = {
        "warm_median_ms": max(v["median_ms"] for v in routes),
        "cold_ms": max(v["cold_ms"] for v in routes),
    }
    return result


if __name__ == "__main__":
    for key, value in run_benchmarks().items():
        print(f"{key}: {value}")
