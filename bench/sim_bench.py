"""Benchmarks of the scenario engine (run: ``python -m bench.sim_bench``).

Workloads live in `WORKLOADS` (name -> scenario factory); each is timed the same way, so adding
one (a dense case where every week is active, say) is one entry. The nominal case: a 2027 Taiwan
blockade (country shock TWN from 2027 week 1, duration triangular 4/26/78 weeks, severity
triangular 0.6/0.9/1.0, recovery triangular 4/13/39), 10,000 runs, weekly over 2026-2035
(520 weeks). For each workload: the local engine cold (first call in the process) and warm
(median and spread of 5 repeats), run-weeks per second counted over *all* weeks of the horizon
(including weeks the engine's fast paths skip, so it is a throughput of the scenario, not of the
step kernel), peak memory (tracemalloc peak and RSS growth of one run), the Dask engine on a
2-worker LocalCluster, and the plain-loop reference on a few runs, scaled per run-week.

Dense case: every week of the horizon active (no quiet weeks to skip): Taiwan's producers lose
a drawn 5-60 % of their output for all 520 weeks and every market's demand swings by up to 10 %,
10,000 runs (``CHIPSHOCK_BENCH_DENSE_RUNS`` to measure fewer), run-weeks per second of the local
engine with the compiled (numba) run kernel (the whole weekly loop, every week computed) and
with the numpy path (the vectorised reference, on at most 1,000 runs), and the time of the
kernel's first call in the process (numba's compile when its cache is cold, else loading it).
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import psutil

from bench.timing import measure
from chipshock import sim
from chipshock.data.eto import read_eto
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run

#: runs of the nominal workload (``CHIPSHOCK_BENCH_RUNS`` to measure fewer; recorded)
RUNS = int(os.environ.get("CHIPSHOCK_BENCH_RUNS", "10000"))
DENSE_RUNS = int(os.environ.get("CHIPSHOCK_BENCH_DENSE_RUNS", "10000"))


def dense_scenario(runs: int = DENSE_RUNS) -> Scenario:
    """Every week active: a partial Taiwan outage and a demand swing over the whole horizon."""
    markets = ("ai_datacenter", "smartphones", "pcs", "automotive", "industrial", "consumer")
    return Scenario(
        "bench-dense",
        "Dense: every week active",
        start_year=2026,
        end_year=2035,
        runs=runs,
        seed=11,
        shocks=(
            Shock(
                "country",
                ("TWN",),
                2026,
                1,
                duration_weeks=Distribution.fixed(520),
                severity=Distribution("uniform", low=0.05, high=0.6),
            ),
            Shock(
                "demand",
                markets,
                2026,
                1,
                duration_weeks=Distribution.fixed(520),
                severity=Distribution("uniform", low=0.0, high=0.1),
            ),
        ),
    )


def run_dense(data: ModelData, runs: int = DENSE_RUNS) -> dict[str, Any]:
    """Run-weeks per second of the dense case, compiled run kernel and numpy path, by the
    clock and per CPU-second of the process (the sum over its threads: a figure that load
    from other programs changes far less than the clock's, for comparing runs)."""
    from chipshock.sim.engine import run_chunk
    from chipshock.sim.run.executors import chunks

    scen = dense_scenario(runs)
    prep = prepare(scen, data)
    draws = draw_parameters(scen, data, prep, scen.seed, runs)
    t = time.perf_counter()
    run_chunk(prep, draws.slice(0, 4))  # compile / load the kernel
    out: dict[str, Any] = {
        "dense_runs": runs,
        "dense_kernel_first_call_s": round(time.perf_counter() - t, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    for label, compiled in (("kernel", True), ("numpy", False)):
        n = runs if compiled else min(runs, 1000)
        tracemalloc.start()
        t, cpu = time.perf_counter(), time.process_time()
        for a, b in chunks(n, 1000):
            run_chunk(prep, draws.slice(a, b), compiled=compiled)
        sec, cpu = time.perf_counter() - t, time.process_time() - cpu
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out[f"dense_{label}_run_weeks_per_s"] = round(n * scen.n_weeks / sec)
        # per CPU-second (all threads): what other programs on the machine change least
        out[f"dense_{label}_run_weeks_per_cpu_s"] = round(n * scen.n_weeks / cpu)
        out[f"dense_{label}_tracemalloc_peak_mb"] = round(peak / 2**20, 1)
    return out


def standard_scenario(runs: int = RUNS) -> Scenario:
    """The benchmark's 2027 Taiwan blockade."""
    shock = Shock(
        "country",
        ("TWN",),
        2027,
        1,
        duration_weeks=Distribution("triangular", low=4, mode=26, high=78),
        severity=Distribution("triangular", low=0.6, mode=0.9, high=1.0),
        recovery_weeks=Distribution("triangular", low=4, mode=13, high=39),
    )
    return Scenario(
        "bench-twn-2027",
        "Taiwan blockade 2027",
        start_year=2026,
        end_year=2035,
        runs=runs,
        seed=7,
        shocks=(shock,),
    )


def _data() -> ModelData:
    root = Path(str(resources.files("chipshock") / "data" / "files"))
    return ModelData.from_folder(root / "curated", read_eto(root / "eto"))


#: name -> scenario factory (runs -> Scenario). Add a workload here to have it measured.
WORKLOADS: dict[str, Callable[[int], Scenario]] = {"nominal": standard_scenario}


def _workload(
    name: str, scen: Scenario, data: ModelData, reference_runs: int, dask: bool
) -> dict[str, Any]:
    runs, weeks = scen.runs, scen.n_weeks
    local = measure(lambda: sim.run(scen, data), unit="s")
    proc = psutil.Process(os.getpid())
    rss0 = proc.memory_info().rss
    tracemalloc.start()
    result = sim.run(scen, data)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out: dict[str, Any] = {
        "workload": name,
        "runs": runs,
        "weeks": weeks,
        "local": local,
        "local_run_weeks_per_s (all weeks, warm median)": round(runs * weeks / local["median_s"]),
        "tracemalloc_peak_mb": round(traced_peak / 2**20, 1),
        "rss_delta_mb": round(max(0, proc.memory_info().rss - rss0) / 2**20, 1),
        "p50_loss_usd_bn": round(result.summary()["loss_usd_bn"]["p50"], 1),
    }
    if dask:
        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        with (
            LocalCluster(
                processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            out["dask_cluster_start_s"] = round(time.perf_counter() - t0, 2)
            out["dask_2proc"] = measure(
                lambda: sim.run(scen, data, engine="dask", scheduler=client, chunk_size=1000),
                unit="s",
            )
        out["dask_2proc_run_weeks_per_s (warm median)"] = round(
            runs * weeks / out["dask_2proc"]["median_s"]
        )
    prep = prepare(scen, data)
    draws = draw_parameters(scen, data, prep, scen.seed, reference_runs)
    reference = measure(lambda: reference_run(prep, draws), cold=False, unit="s")
    ref_rate = reference_runs * weeks / reference["median_s"]
    out["reference"] = {**reference, "runs": reference_runs}
    out["reference_run_weeks_per_s"] = round(ref_rate)
    out["speedup_vs_reference"] = round(runs * weeks / local["median_s"] / ref_rate, 1)
    return out


def run_benchmarks(runs: int = RUNS, reference_runs: int = 5, dask: bool = True) -> dict[str, Any]:
    """Time every workload; return the figures as a dict (one entry per workload)."""
    data = _data()
    out: dict[str, Any] = {"cpu_count": os.cpu_count()}
    for name, factory in WORKLOADS.items():
        out[name] = _workload(name, factory(runs), data, reference_runs, dask)
    out["dense"] = run_dense(data)
    return out


if __name__ == "__main__":
    print(json.dumps(run_benchmarks(), indent=2))
