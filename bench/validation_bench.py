"""Benchmarks of validation and global sensitivity (run: ``python -m bench.validation_bench``).

- ``validate (every history case)``: wall time of `chipshock.sim.validation.validate` over every
  shipped case at its own runs (what `chipshock validate` does). Aim: under a minute.
- ``sobol flagship``: wall time of `chipshock.sim.sobol.sobol` on the flagship scenario
  (taiwan-blockade-2027-6m, loss_usd_bn, all markets) over the default factors with N = 32
  base points (N x (factors + 2) evaluations) of 50 runs each, in one engine call
  (`chipshock.sim.sobol_batch`), and how stable the total
  indices are (largest |ST(N) - ST(N/2)|). Aim: under five minutes on 2 cores.
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
from chipshock.sim.sobol import sobol
from chipshock.sim.validation import validate

FLAGSHIP = "taiwan-blockade-2027-6m"


def _data() -> ModelData:
    root = Path(str(resources.files("chipshock") / "data" / "files"))
    return ModelData.from_folder(root / "curated", read_eto(root / "eto"))


def run_benchmarks(
    samples: int = int(os.environ.get("CHIPSHOCK_BENCH_SOBOL_SAMPLES", "32")), runs: int = 50
) -> dict[str, Any]:
    data = _data()
    obs = read_history_observations()
    t0 = time.perf_counter()
    result = validate(data, obs)
    validate_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    s = sobol(load_scenario(FLAGSHIP), data, samples=samples, runs=runs)
    sobol_s = time.perf_counter() - t0
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
            "factors": len(s.table),
            "samples": samples,
            "evaluations": s.evaluations,
            "runs_each": runs,
            "max_ST_change": round(s.max_st_change, 3),
            "max_ST_conf": round(s.max_st_conf, 3),
            "S1_above_ST": list(s.s1_above_st),
            "converged": s.converged,
            "top_factor": str(top["factor"]),
            "top_ST": round(float(top["ST"]), 3),
        },
        "sobol_flagship_s": round(sobol_s, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run_benchmarks(), indent=2))
