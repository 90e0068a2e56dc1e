"""Benchmarks of the HTTP API: a structural query (target < 100 ms) and a 1,000-run scenario
request (target < 3 s), through the ASGI app in process (no network)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["run_benchmarks"]

STRUCTURAL_TARGET_MS = 100.0
SCENARIO_TARGET_S = 3.0


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
                    first = time.perf_counter()
                    (await client.get(url)).raise_for_status()
                    cold_ms = 1000 * (time.perf_counter() - first)
                    times = []
                    for _ in range(repeat):
                        t0 = time.perf_counter()
                        (await client.get(url)).raise_for_status()
                        times.append(1000 * (time.perf_counter() - t0))
                    out[f"{name}_median_ms"] = statistics.median(times)
                    out[f"{name}_first_ms"] = cold_ms
                (await client.post("/api/scenarios/run", json={"scenario": "baseline", "runs": 10}))
                t0 = time.perf_counter()
                r = await client.post(
                    "/api/scenarios/run",
                    json={"scenario": "taiwan-blockade-2027-6m", "runs": 1000, "seed": 12345},
                )
                r.raise_for_status()
                out["scenario_1000_runs_s"] = time.perf_counter() - t0
                return out

        result = asyncio.run(measure())
    structural = max(v for k, v in result.items() if k.endswith("_median_ms"))
    result["structural_worst_median_ms"] = structural
    result["structural_target_ms"] = STRUCTURAL_TARGET_MS
    result["structural_ok"] = structural < STRUCTURAL_TARGET_MS
    result["scenario_target_s"] = SCENARIO_TARGET_S
    result["scenario_ok"] = result["scenario_1000_runs_s"] < SCENARIO_TARGET_S
    return result


if __name__ == "__main__":
    for key, value in run_benchmarks().items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
