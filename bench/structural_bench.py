"""Benchmarks of the knowledge base: store build and every structural analysis on the full data."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.timing import measure

__all__ = ["run_benchmarks"]


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
        # cold = the first build into an empty folder; warm = rebuilding over the previous store
        results["store build"] = measure(lambda: build_store(db))
        results["load chain from store"] = measure(lambda: load_chain(db))
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

    results["every structural analysis (full data)"] = measure(all_analyses)
    results["coalition query USA+JPN+NLD"] = measure(
        lambda: coalition_coverage(chain, ["USA", "JPN", "NLD"]), repeat=20
    )
    results["shapley exact, 6 countries"] = measure(lambda: shapley(chain, members))
    results["shapley exact, 12 countries"] = measure(
        lambda: shapley(chain, chain.country_codes()[:12])
    )
    build = results["store build"]["cold_ms"]
    analyses = results["every structural analysis (full data)"]["median_ms"]
    results["build + all analyses (target < 5000 ms)"] = {
        "cold build + median analyses ms": build + analyses
    }
    return results
