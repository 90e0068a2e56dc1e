"""Benchmarks of validation and global sensitivity (run: ``python -m bench.validation_bench``).

- ``validate (every history case)``: wall time of `chipshock.sim.validation.validate` over every
  shipped case at its own runs (what `chipshock validate` does). Aim: under a minute.
- ``sobol flagship``: wall and CPU time of `chipshock.sim.sobol.sobol` on the flagship scenario
  (taiwan-blockade-2027-6m, loss_usd_bn, all markets) over the default factors with N base
  points (``CHIPSHOCK_BENCH_SOBOL_SAMPLES``, else `chipshock.sim.sobol.DEFAULT_SAMPLES`), one
  run a point (``CHIPSHOCK_BENCH_SOBOL_RUNS``, default 1), the chance of the draws as one more
  factor: N x (factors + 3) runs in one engine call (`chipshock.sim.sobol_batch`); and whether
  the total indices are stable (the half-sample check: largest |ST(N) - ST(N/2)| within the
  tolerance). Aims: under five minutes on 2 cores, and converged. The load average before and
  after says how much of the machine the run had.
"""

from __future__ import annotations

import json
import os
import time
from importlib import resources
from pathlib import Path
from typing import Any

from chipshock.data.eto import read_eto
from chipshock.data.history import read_history_observations
from chipshock.scenarios import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.sobol import DEFAULT_SAMPLES, sobol
from chipshock.sim.validation import validate

FLAGSHIP = "taiwan-blockade-2027-6m"


def _data() -> ModelData:
    root = Path(str(resources.files("chipshock") / "data" / "files"))
    return ModelData.from_folder(root / "curated", read_eto(root / "eto"))


def run_benchmarks(
    samples: int = int(os.environ.get("CHIPSHOCK_BENCH_SOBOL_SAMPLES", str(DEFAULT_SAMPLES))),
    runs: int = int(os.environ.get("CHIPSHOCK_BENCH_SOBOL_RUNS", "1")),
) -> dict[str, Any]:
    data = _data()
    obs = read_history_observations()
    t0 = time.perf_counter()
    result = validate(data, obs)
    validate_s = time.perf_counter() - t0
    load_before = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    s = sobol(load_scenario(FLAGSHIP), data, samples=samples, runs=runs)
    sobol_s, sobol_cpu = time.perf_counter() - t0, time.process_time() - c0
    load_after = os.getloadavg()[0]
    top = s.table.iloc[0]
    return {
        "validate (every history case)": {
            "seconds": round(validate_s, 2),
            "observations": len(result.table),
            "inside": result.summary().get("inside", 0),
        },
        "validate_s": round(validate_s, 2),
        "sobol flagship": {
            "seconds": round(sobol_s, 1),
            "cpu_seconds": round(sobol_cpu, 1),
            "load_average_1min_before_after": [round(load_before, 2), round(load_after, 2)],
            "factors": len(s.table),
            "samples": samples,
            "runs_per_point": runs,
            "evaluations": s.evaluations,
            "runs_total": s.evaluations * runs,
            "levels": s.levels,
            "factors_on_levels": list(s.on_levels),
            "max_ST_change": round(s.max_st_change, 3),
            "max_ST_conf": round(s.max_st_conf, 3),
            "S1_above_ST": list(s.s1_above_st),
            "converged": s.converged,
            "top_factor": str(top["factor"]),
            "top_ST": round(float(top["ST"]), 3),
            "chance_ST": round(s.chance_st, 3),
            "ST": {str(r["factor"]): round(float(r["ST"]), 3) for _, r in s.table.iterrows()},
        },
        "sobol_flagship_s": round(sobol_s, 1),
        "sobol_flagship_converged": 1 if s.converged else 0,
    }


if __name__ == "__main__":
    print(json.dumps(run_benchmarks(), indent=2))
