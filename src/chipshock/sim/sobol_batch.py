"""The Sobol design evaluated in one engine call: every design point is a slice of runs.

A Sobol analysis (`chipshock.sim.sobol`) evaluates ``N x (D + 2)`` points, each a Monte Carlo
run of ``n`` runs with the factors set. Run one by one, every point pays the engine's fixed
cost per call (compiling the scenario, one pass of the weekly loop whatever the run count);
that cost, not the runs, dominated the analysis. Here the points become slices of runs:

1. **Which factors reach the compiled arrays.** A factor whose LOW and HIGH inputs compile to
   the same `Prepared` arrays as the base inputs (shock severity, duration and recovery,
   inventories, buffers, qualification delays: they only change the per-run draws) is a
   *draw factor*; any other (complementarity, output value per chip dollar, utilisation) is a
   *compiled factor*. The test compiles each factor's two sides once, so no list of factors
   is kept by hand.
2. **Groups.** Points with the same values of every compiled factor share one `Prepared`
   (compiled once). In Saltelli's design the point ``A_j`` and its ``AB_j^(i)`` for every draw
   factor ``i`` share the compiled values, so a group holds up to ``D_draw + 1`` points.
3. **Draws.** For every point, its per-run parameters are drawn with the point's inputs on the
   analysis' seed and run count, the draws the point-by-point path makes: the same base seed
   and streams for every point (common random numbers). A group's draws are the points'
   draws one after another (`Draws.concat`), so point ``k`` of a group is runs
   ``[k n, (k + 1) n)``.
4. **One engine call.** Every group is a job of `chipshock.sim.run.executors.execute_jobs`,
   chunked as usual (``chunk_size``) on the local process or on Dask (every chunk of every
   group submitted at once). The engine computes each run from its own row only, so a
   point's runs give the numbers they give alone.
5. ``Y`` of a point: the mean over its ``n`` runs of the KPI for the market (`kpis_by_run`, as
   `chipshock.sim.run.run` builds it).

`design_y` and the point-by-point path (`sobol(..., batch=False)`) give the same ``Y``
(``tests/validation/test_sobol_batch.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import Draws, Prepared, draw_parameters, prepare
from chipshock.sim.run.api import kpis_by_run
from chipshock.sim.run.executors import execute_jobs

__all__ = ["compiled_factors", "design_y"]

Progress = Callable[[int, int], None]
F64 = npt.NDArray[np.float64]


class PlacedFactor(Protocol):
    """A factor that can set the inputs at a position t in [0, 1] (`chipshock.sim.sobol`)."""

    def at(self, t: float, scenario: Scenario, data: ModelData) -> tuple[Scenario, ModelData]: ...


def _same(a: Prepared, b: Prepared) -> bool:
    """Whether two compiled scenarios give the engine the same arrays (the assumptions table,
    which only documents the run, is not compared)."""
    for f in fields(Prepared):
        if f.name == "assumptions":
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            if x.shape != y.shape or not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


def _inputs(
    factors: Sequence[PlacedFactor], point: Sequence[float], scenario: Scenario, data: ModelData
) -> tuple[Scenario, ModelData]:
    s, d = scenario, data
    for f, t in zip(factors, point, strict=True):
        s, d = f.at(float(t), s, d)
    return s, d


def compiled_factors(
    factors: Sequence[PlacedFactor], scenario: Scenario, data: ModelData
) -> list[int]:
    """Indices of the factors whose low (t = 0) or high (t = 1) side compiles to different
    engine arrays than the base inputs (step 1 of the module docstring)."""
    base = prepare(scenario, data)
    out = []
    for i, f in enumerate(factors):
        for t in (0.0, 1.0):
            s, d = f.at(t, scenario, data)
            if not _same(base, prepare(s.with_changes(runs=scenario.runs, seed=scenario.seed), d)):
                out.append(i)
                break
    return out


def design_y(
    scenario: Scenario,
    data: ModelData,
    factors: Sequence[PlacedFactor],
    design: npt.NDArray[np.float64],
    *,
    runs: int,
    seed: int,
    kpi: str,
    market: str,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> F64:
    """``Y`` of every row of ``design`` (positions t in [0, 1], one column per factor): the
    mean over ``runs`` runs on ``seed`` of ``kpi`` for ``market``, all points in one engine
    call (see the module docstring)."""
    base = scenario.with_changes(runs=runs, seed=seed)
    compiled = compiled_factors(factors, base, data)
    groups: dict[tuple[float, ...], list[int]] = {}
    for i, point in enumerate(design):
        groups.setdefault(tuple(float(point[j]) for j in compiled), []).append(i)
    jobs: list[tuple[Prepared, Draws]] = []
    members: list[list[int]] = []
    for idx in groups.values():
        s, d = _inputs(factors, design[idx[0]], base, data)
        prep = prepare(s.with_changes(runs=runs, seed=seed), d)
        parts = []
        for i in idx:
            si, di = _inputs(factors, design[i], base, data)
            parts.append(
                draw_parameters(si.with_changes(runs=runs, seed=seed), di, prep, seed, runs)
            )
        jobs.append((prep, Draws.concat(parts)))
        members.append(idx)
    results = execute_jobs(
        jobs, chunk_size=chunk_size, engine=engine, scheduler=scheduler, progress=progress
    )
    y = np.zeros(len(design))
    for (prep, _), idx, r in zip(jobs, members, results, strict=True):
        frame = kpis_by_run(prep, r)
        values = frame.loc[frame["market"] == market, kpi].to_numpy(dtype=float)
        for k, i in enumerate(idx):
            y[i] = float(np.mean(values[k * runs : (k + 1) * runs]))
    return y
