"""The Sobol design evaluated in one engine call, each design point a run (or a few) of its own.

A Sobol analysis (`chipshock.sim.sobol`) evaluates ``N x (D + 3)`` points: ``D`` factors plus
the Monte Carlo draw itself as one more factor (the *chance* column, see `chipshock.sim.sobol`).
Each point is ``r`` runs (default 1) of the scenario with the factors set, on the random draws of
its chance value: point ``p`` with chance index ``w`` is runs ``[w r, (w + 1) r)`` of the
scenario's draw streams. Where the cost went before (flagship, N = 8, 50 runs a point, 13
factors): compiling the scenario 64 times (~1.5 s each, two thirds of it the producer network)
and drawing per-run parameters 120 times (~0.1 s each), more than the engine's runs. Here:

1. **Plan** (`plan`). The producer network is built once; it is reused for every compile after
   checking that the inputs with every factor at its low, and at its high, build the same
   network (otherwise every compile builds its own). A factor whose LOW and HIGH inputs
   compile to the same `Prepared` arrays as the base inputs only changes per-run draws (a
   *draw factor*: shock severity, duration, recovery, inventories, buffers, qualification,
   demand-side parameters); any other is a *compiled factor* (complementarity, output value
   per chip dollar, utilisation). No list is kept by hand: each factor's two sides are
   compiled and compared.
2. **Levels.** A compiled factor takes ``levels`` equally likely values, the midpoints of
   ``levels`` equal bins between low and high (`quantise`), so that the design has at most
   ``levels ** c`` distinct compiled scenarios for ``c`` compiled factors, each one engine job.
   The indices are those of the model with these factors on that grid (8 levels keep 98% of a
   uniform factor's variance: ``1 - 1 / levels^2``).
3. **Compiled scenarios** (`_preps`). Each compiled factor is compiled once per level with the
   others at base; a combination takes each factor's changed arrays from its own compile. The
   first combination is checked against a full compile of its inputs; if the factors touch
   the same arrays or the check fails, every combination is compiled in full.
4. **Draws** (`_point_draws`). Every factor sets a distribution to a fixed value, and the draws
   it moves are sums of such values (inventory = customer + distributor, x a policy factor), so
   a point's draws are the base draws plus, per factor, the linear interpolation between its
   LOW and HIGH draws minus the base: ``base + sum_i ((1 - t_i) low_i + t_i high_i - base)``,
   for all points at once. Checked on four points against `draw_parameters` of the point's own
   inputs; if any differs, every point is drawn on its own (exact, slow).
5. **One engine call.** Points with the same compiled values form one job of
   `chipshock.sim.run.executors.execute_jobs` (chunked; locally or every chunk on Dask at once).
   The engine computes each run from its own row only, so a point's runs give the numbers they
   give alone; ``Y`` of a point is the mean over its ``r`` runs of the KPI for the market.

`design_y` gives the ``Y`` of one `chipshock.sim.run.api.run` per point on the same inputs
(``sobol(..., batch=False)``; ``tests/validation/test_sobol_batch.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network
from chipshock.sim.prepare import (
    Draws,
    Prepared,
    SharedReads,
    draw_parameters,
    prepare,
    scenario_network,
)
from chipshock.sim.run.api import kpis_by_run
from chipshock.sim.run.economics import censored_runs
from chipshock.sim.run.executors import execute_jobs

__all__ = [
    "DesignPlan",
    "compiled_factors",
    "design_y",
    "nonlinear_draws",
    "plan",
    "quantise",
]

Progress = Callable[[int, int], None]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


class PlacedFactor(Protocol):
    """A factor that can set the inputs at a position t in [0, 1] (`chipshock.sim.sobol`)."""

    def at(self, t: float, scenario: Scenario, data: ModelData) -> tuple[Scenario, ModelData]: ...


def _equal(x: Any, y: Any) -> bool:
    if isinstance(x, np.ndarray):
        return bool(x.shape == y.shape and np.array_equal(x, y))
    return bool(x == y)


def _changed(a: Prepared, b: Prepared) -> list[str]:
    """The `Prepared` fields in which two compiled scenarios differ (those not compared: the
    assumptions table, which only documents the run and is made only when read)."""
    return [
        f.name
        for f in fields(Prepared)
        if f.compare and not _equal(getattr(a, f.name), getattr(b, f.name))
    ]


def _same_network(a: Network, b: Network) -> bool:
    return (
        a.years == b.years
        and a.regions == b.regions
        and a.classes == b.classes
        and a.producers == b.producers
        and _equal(a.capacity, b.capacity)
    )


def _inputs(
    factors: Sequence[PlacedFactor], point: Sequence[float], scenario: Scenario, data: ModelData
) -> tuple[Scenario, ModelData]:
    s, d = scenario, data
    for f, t in zip(factors, point, strict=True):
        s, d = f.at(float(t), s, d)
    return s, d


@dataclass(frozen=True, eq=False)
class DesignPlan:
    """What the design needs once: the base inputs and compile, the shared network (None when
    a factor changes it), which factors are compiled (indices into the factors) and what the
    design's compiles read once (``reads``; None: each compile reads everything itself)."""

    factors: tuple[PlacedFactor, ...]
    scenario: Scenario
    data: ModelData
    base: Prepared
    network: Network | None
    compiled: tuple[int, ...]
    stepped: tuple[int, ...] = ()
    reads: SharedReads | None = None

    @property
    def on_levels(self) -> tuple[int, ...]:
        """The factors that take ``levels`` values: compiled ones, and draw factors whose
        draws are not linear in their position (`stepped`)."""
        return tuple(sorted({*self.compiled, *self.stepped}))

    def prepare(self, scenario: Scenario, data: ModelData) -> Prepared:
        return prepare(scenario, data, self.network, self.reads)


def compiled_factors(
    factors: Sequence[PlacedFactor],
    scenario: Scenario,
    data: ModelData,
    base: Prepared | None = None,
    network: Network | None = None,
    reads: SharedReads | None = None,
) -> list[int]:
    """Indices of the factors whose low (t = 0) or high (t = 1) side compiles to different
    engine arrays than the base inputs (step 1 of the module docstring); ``reads`` as for
    `chipshock.sim.prepare.prepare`."""
    base = prepare(scenario, data, network, reads) if base is None else base
    out = []
    for i, f in enumerate(factors):
        for t in (0.0, 1.0):
            s, d = f.at(t, scenario, data)
            if _changed(base, prepare(s, d, network, reads)):
                out.append(i)
                break
    return out


def plan(
    factors: Sequence[PlacedFactor], scenario: Scenario, data: ModelData, *, runs: int, seed: int
) -> DesignPlan:
    """Step 1 of the module docstring: the shared network and the compiled factors. Every
    compile of the design reads what it shares with the others once (one `SharedReads`, kept
    in the plan: the tables' digest and the inputs' weights)."""
    base = scenario.with_changes(runs=runs, seed=seed)
    reads = SharedReads()
    net: Network | None = scenario_network(base, data, reads)
    for t in (0.0, 1.0):
        s, d = _inputs(factors, [t] * len(factors), base, data)
        if net is not None and not _same_network(net, scenario_network(s, d, reads)):
            net = None
    prep = prepare(base, data, net, reads)
    compiled = compiled_factors(factors, base, data, prep, net, reads)
    draws = [i for i in range(len(factors)) if i not in compiled]
    stepped = nonlinear_draws(factors, draws, base, data, prep)
    return DesignPlan(tuple(factors), base, data, prep, net, tuple(compiled), tuple(stepped), reads)


def nonlinear_draws(
    factors: Sequence[PlacedFactor],
    which: Sequence[int],
    scenario: Scenario,
    data: ModelData,
    prep: Prepared,
    probe_runs: int = 64,
) -> list[int]:
    """Indices (of ``which``) of the factors whose draws at the midpoint t = 0.5 are not the
    mean of their draws at t = 0 and t = 1 (e.g. a delay whose triangular distribution moves
    with the factor), checked on ``probe_runs`` runs: these take ``levels`` values too."""
    out = []
    for i in which:
        ends = [
            draw_parameters(*factors[i].at(t, scenario, data), prep, scenario.seed, probe_runs)
            for t in (0.0, 0.5, 1.0)
        ]
        for f in fields(Draws):
            lo, mid, hi = (getattr(e, f.name) for e in ends)
            if not np.allclose(mid, (lo + hi) / 2.0, rtol=1e-9, atol=1e-9):
                out.append(i)
                break
    return out


def quantise(t: F64, levels: int) -> F64:
    """Positions moved to the midpoint of their bin among ``levels`` equal bins of [0, 1].

    >>> quantise(np.array([0.0, 0.2, 0.99]), 4).tolist()
    [0.125, 0.125, 0.875]
    """
    k = np.minimum(np.floor(np.asarray(t, dtype=float) * levels), levels - 1)
    return np.asarray((k + 0.5) / levels, dtype=float)


def _preps(p: DesignPlan, combos: list[tuple[float, ...]]) -> list[Prepared]:
    """One compiled scenario per combination of compiled-factor positions (step 3)."""

    def full(combo: tuple[float, ...]) -> Prepared:
        s, d = p.scenario, p.data
        for i, t in zip(p.compiled, combo, strict=True):
            s, d = p.factors[i].at(t, s, d)
        return p.prepare(s, d)

    if not p.compiled:
        return [p.base for _ in combos]
    alone: dict[tuple[int, float], Prepared] = {}
    touched: dict[int, set[str]] = {i: set() for i in p.compiled}
    for combo in combos:
        for i, t in zip(p.compiled, combo, strict=True):
            if (i, t) not in alone:
                s, d = p.factors[i].at(t, p.scenario, p.data)
                alone[(i, t)] = p.prepare(s, d)
                touched[i].update(_changed(p.base, alone[(i, t)]))
    names = [n for i in p.compiled for n in sorted(touched[i])]
    if len(names) != len(set(names)):  # two factors move the same arrays: compile in full
        return [full(c) for c in combos]

    def stacked(combo: tuple[float, ...]) -> Prepared:
        changes: dict[str, Any] = {}
        for i, t in zip(p.compiled, combo, strict=True):
            changes.update({n: getattr(alone[(i, t)], n) for n in touched[i]})
        return replace(p.base, **changes)

    out = [stacked(c) for c in combos]
    if _changed(out[0], full(combos[0])):
        return [full(c) for c in combos]
    return out


def _draws_of(p: DesignPlan, scenario: Scenario, data: ModelData, prep: Prepared, n: int) -> Draws:
    return draw_parameters(scenario, data, prep, p.scenario.seed, n)


def _point_draws(
    p: DesignPlan,
    design: F64,
    rows: I64,
    total: int,
    preps: Sequence[Prepared],
    combo_of: I64,
) -> Draws:
    """The draws of every point's runs, one after another (step 4): ``rows`` [points, r] are
    the run indices of each point in the scenario's draw streams of ``total`` runs."""
    names = [f.name for f in fields(Draws)]
    base = _draws_of(p, p.scenario, p.data, p.base, total)
    flat = rows.reshape(-1)
    reps = rows.shape[1]
    out = {n: np.array(getattr(base, n)[flat], dtype=float) for n in names}
    for i, f in enumerate(p.factors):
        t = np.repeat(design[:, i], reps)
        if i in p.stepped:  # on levels: the draws of each level, minus the base
            for level in np.unique(design[:, i]):
                at = _draws_of(p, *f.at(float(level), p.scenario, p.data), p.base, total)
                hit = t == level
                for n in names:
                    b, v = getattr(base, n), getattr(at, n)
                    if not _equal(v, b):
                        out[n][hit] += v[flat[hit]] - b[flat[hit]]
            continue
        lo = _draws_of(p, *f.at(0.0, p.scenario, p.data), p.base, total)
        hi = _draws_of(p, *f.at(1.0, p.scenario, p.data), p.base, total)
        for n in names:
            b, low, high = getattr(base, n), getattr(lo, n), getattr(hi, n)
            if _equal(low, b) and _equal(high, b):
                continue
            tt = t.reshape((-1,) + (1,) * (b.ndim - 1))
            out[n] += (1.0 - tt) * low[flat] + tt * high[flat] - b[flat]
    built = Draws(**out)
    checks = sorted({0, len(design) // 3, 2 * len(design) // 3, len(design) - 1})
    exact = {k: _exact(p, design[k], preps[int(combo_of[k])], rows[k], total) for k in checks}
    if all(_close(built.slice(k * reps, (k + 1) * reps), exact[k]) for k in checks):
        return built
    return Draws.concat(
        [_exact(p, design[k], preps[int(combo_of[k])], rows[k], total) for k in range(len(design))]
    )


def _exact(p: DesignPlan, point: F64, prep: Prepared, rows: I64, total: int) -> Draws:
    s, d = _inputs(p.factors, [float(x) for x in point], p.scenario, p.data)
    full = _draws_of(p, s, d, prep, total)
    return Draws(*(getattr(full, f.name)[rows] for f in fields(Draws)))


def _close(a: Draws, b: Draws) -> bool:
    return all(
        np.allclose(getattr(a, f.name), getattr(b, f.name), rtol=1e-9, atol=1e-9)
        for f in fields(Draws)
    )


#: compiled combinations run (and reduced to their Y) at a time by `design_y`
JOB_BATCH = 32


def design_y(
    p: DesignPlan,
    design: F64,
    chance: I64,
    *,
    runs: int,
    kpi: str,
    market: str,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
    censored: F64 | None = None,
) -> F64:
    """``Y`` of every row of ``design`` (positions t in [0, 1], one column per factor, compiled
    factors already on their levels): the mean of ``kpi`` for ``market`` over the ``runs``
    runs of the point's chance index ``chance[k]`` (runs ``[w runs, (w + 1) runs)`` of the
    scenario's draw streams), all points in one engine call (see the module docstring).

    ``censored`` (an array of one value per design point, ``kpi`` ``weeks_to_recover``): filled
    with the number of the point's runs not back to normal by the horizon end
    (`chipshock.sim.run.economics.censored_runs` at horizon end minus first shock start)."""
    keys = [tuple(float(design[k, i]) for i in p.compiled) for k in range(len(design))]
    combos = sorted(set(keys))
    where = {c: j for j, c in enumerate(combos)}
    combo_of = np.array([where[k] for k in keys], dtype=np.int64)
    preps = _preps(p, combos)
    rows = np.asarray(chance, dtype=np.int64)[:, None] * runs + np.arange(runs)[None, :]
    total = int(rows.max()) + 1
    draws = _point_draws(p, design, rows, total, preps, combo_of)
    members = [np.flatnonzero(combo_of == j) for j in range(len(combos))]
    y = np.zeros(len(design))
    total, done = len(design) * runs, 0
    # the jobs run JOB_BATCH at a time and each batch is reduced to its Y before the next: a
    # job's result holds the weekly band histograms of all its runs, and the flagship's 512
    # compiled combinations held at once took ~9 GB (CI of 2026-12-04); the Y are the same
    for first in range(0, len(members), JOB_BATCH):
        batch = range(first, min(first + JOB_BATCH, len(members)))
        jobs = []
        for j in batch:
            idx = members[j]
            take = (idx[:, None] * runs + np.arange(runs)[None, :]).reshape(-1)
            jobs.append((preps[j], Draws(*(getattr(draws, f.name)[take] for f in fields(Draws)))))

        def batch_progress(n: int, _of: int, before: int = done) -> None:
            if progress is not None:
                progress(before + n, total)

        results = execute_jobs(
            jobs, chunk_size=chunk_size, engine=engine, scheduler=scheduler, progress=batch_progress
        )
        for (prep, job_draws), j, r in zip(jobs, batch, results, strict=True):
            idx = members[j]
            frame = kpis_by_run(prep, r)
            values = frame.loc[frame["market"] == market, kpi].to_numpy(dtype=float)
            y[idx] = values.reshape(len(idx), runs).mean(axis=1)
            if censored is not None:
                cut = censored_runs(values, float(prep.n_weeks - prep.first_shock_week))
                censored[idx] = cut.reshape(len(idx), runs).sum(axis=1)
            done += job_draws.runs
    return y
