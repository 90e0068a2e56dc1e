"""Benchmarks of the knowledge base: store build and every structural analysis on the full data."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["run_benchmarks"]


def _time(fn: Callable[[], Any], repeat: int = 5) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"median_ms": 1000 * statistics.median(times), "min_ms": 1000 * min(times)}


def run_benchmarks() -> dict[str, Any]:
    from chipshock.analysis.chokepoints import chokepoints
    from chipshock.analysis.coalition import coalition_coverage
    from chipshock.analysis.concentration import concentration
    from chipshock.analysis.criticality import criticality
    from chipshock.analysis.graph import trace
    from chipshock.analysis.shapley import shapley, synergy
    from chipshock.analysis.shares import input_shares, stage_shares
    from chipshock.data.store import build_store, load_chain

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        results["store build from scratch"] = _time(lambda: build_store(db), repeat=3)
        results["load chain from store"] = _time(lambda: load_chain(db))
        chain = load_chain(db)

    members = ["USA", "JPN", "NLD", "KOR", "TWN", "CHN"]

    def all_analyses() -> None:
        input_shares(chain, by="both")
        stage_shares(chain)
        for by in ("country", "firm"):
            concentration(chain, by=by)
            chokepoints(chain, min_share=50.0, by=by)
            criticality(chain, by=by)
        trace(chain, "N20")
        coalition_coverage(chain, ["USA", "JPN"])
        shapley(chain, members)
        synergy(chain, ["USA"], ["JPN"])

    results["every structural analysis (full data)"] = _time(all_analyses, repeat=3)
    results["coalition query USA+JPN+NLD"] = _time(
        lambda: coalition_coverage(chain, ["USA", "JPN", "NLD"]), repeat=20
    )
    results["shapley exact, 6 countries"] = _time(lambda: shapley(chain, members), repeat=5)
    results["shapley exact, 12 countries"] = _time(
        lambda: shapley(chain, chain.country_codes()[:12]), repeat=3
    )
    build = results["store build from scratch"]["median_ms"]
    analyses = results["every structural analysis (full data)"]["median_ms"]
    results["build + all analyses (target < 5000 ms)"] = {"median_ms": build + analyses}
    return results
