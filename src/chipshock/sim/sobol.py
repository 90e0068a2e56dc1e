"""Global sensitivity: Sobol indices of a scenario's answer over its uncertain assumptions.

The tornado (`chipshock.sim.sensitivity`) moves one assumption at a time; it cannot see
interactions (the answer of a blockade jumps once severity *and* duration pass a threshold
together). Sobol analysis varies every factor at once and splits the variance of the answer:

- first-order index ``S1_i = Var(E[Y | X_i]) / Var(Y)``: the share of the variance that factor
  ``i`` explains alone;
- total index ``ST_i = E[Var(Y | X_~i)] / Var(Y)``: its share including every interaction it
  takes part in. ``ST_i - S1_i`` is the part that only shows together with other factors;
  ``sum S1 < 1`` says that interactions matter.

Estimation (SALib 1.6, Saltelli's scheme with Jansen's total-effect estimator, as in
``SALib.analyze.sobol``): ``N`` base points of a scrambled Sobol' sequence (seeded) over the
``D`` factors *and chance* (column `CHANCE`) give ``N x (D + 3)`` design points. Each factor is
a position ``t`` in [0, 1] between its LOW and HIGH value (the factor table of the tornado:
`default_factors`; ``range`` factors take low/high from the data row or the shock's
distribution), moved linearly: ``value = low + t (high - low)`` (customer inventories: every
market between its own low and high); factors that reach the compiled arrays, or whose draws
are not linear in t, take ``levels`` values (`chipshock.sim.sobol_batch.quantise`). A design
point is ``runs`` runs (default 1) of the scenario with the factors set, on the draws of its
chance value (`chance_index`: base point A's rows share A's draws, B has its own), and ``Y`` is
their mean KPI for the market. So the indices split the variance of one simulated future's
answer over the assumptions and chance; the pick-freeze differences (A against A with factor
i from B) run on common random numbers, so they come from the factor, not from chance; chance
gets its own index (``chance_st``). By default the whole design is one engine call
(`chipshock.sim.sobol_batch.design_y`); ``batch=False`` runs every point as a full run (the
same ``Y``; the reference in the tests).

Confidence intervals: 95% bootstrap over the N base points (``num_resamples``, seeded).
Convergence check: the indices are computed again from the first N/2 base points (a scrambled
Sobol' design of N/2 points is the first half of the N-point design, so this costs nothing);
``converged`` is true when every total index moved by at most ``tolerance`` (default 0.05)
between N/2 and N. Reported beside it: the largest change (``max_st_change``), the widest 95%
bootstrap half-width of a total index (``max_st_conf``), and the factors whose estimated
first-order index exceeds their total index (``s1_above_st``). For true indices S1 <= ST always
(the variance a factor explains alone is part of all it explains), so S1 > ST in an estimate is
sampling noise at this N, never a finding; the plain-words reading says so.

>>> from chipshock.scenarios.model import Distribution, Scenario, Shock
>>> s = Scenario("x", "x", start_year=2026, end_year=2027, runs=10, shocks=(Shock(
...     "country", ("TWN",), 2026, duration_weeks=Distribution("uniform", low=4, high=30)),))
>>> r = sobol(s, ModelData.tiny(), samples=8, factors=["shock_duration", "utilisation"],
...           kpi="output_lost_weeks")
>>> list(r.table.columns[:4])
['factor', 'label', 'low_value', 'high_value']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.run.api import run
from chipshock.sim.run.economics import KPIS, censored_runs
from chipshock.sim.sensitivity import apply_target
from chipshock.sim.sensitivity_factors import (
    Applied,
    FactorSources,
    bad,
    factor_table,
    range_columns,
    range_rows,
)
from chipshock.sim.sobol_batch import design_y, plan, quantise

__all__ = [
    "CHANCE",
    "DEFAULT_LEVELS",
    "DEFAULT_SAMPLES",
    "SOBOL_COLUMNS",
    "SobolResult",
    "chance_index",
    "samples_needed",
    "sobol",
]

Progress = Callable[[int, int], None]

#: base points N when none is given: 2 x N / 2 halves for the convergence check
DEFAULT_SAMPLES = 2048
#: values a compiled factor takes (midpoints of equal bins between low and high)
DEFAULT_LEVELS = 8
#: the design's column for the Monte Carlo draw (the chance factor)
CHANCE = "chance"
#: columns of `SobolResult.table`, in order
SOBOL_COLUMNS = (
    "factor",
    "label",
    "low_value",
    "high_value",
    "S1",
    "S1_conf",
    "ST",
    "ST_conf",
    "interaction",
    "S1_half",
    "ST_half",
    "ST_change",
    "source",
    "confidence",
    "source_url",
    "how",
    "label_ja",
    "unit",
    "range_source",
    "range_source_url",
    "range_as_of",
    "range_confidence",
    "range_note",
)


@dataclass(frozen=True, eq=False)
class SobolResult:
    """Sobol indices of one KPI and how they were computed.

    ``table``: one row per factor (`SOBOL_COLUMNS`), sorted by total index ST, largest first:
    S1 and ST with their 95% bootstrap half-widths (``*_conf``), ``interaction`` = ST - S1,
    the indices from the first half of the design (``*_half``) and ``ST_change`` = |ST - ST_half|;
    then the factor's source, confidence and source URL, what low/high mean (``how``), the
    unit of low/high and where the range comes from (``range_*``, see `range_columns`).
    ``design``: one row per design point: each factor's value, its chance index, ``y`` (mean
    KPI over its runs).
    ``converged``: every ST_change <= ``tolerance``. ``y_mean``/``y_sd``: of the evaluations.
    ``max_st_change``: the largest ST_change; ``max_st_conf``: the widest ST half-width;
    ``s1_above_st``: factors whose estimated S1 exceeds ST (sampling noise, see module);
    ``samples_needed``: base points N at which the indices should be stable (`samples_needed`;
    ``samples`` when converged); ``levels`` and ``on_levels``: the values a compiled (or
    non-linear) factor takes and which factors did; ``chance_s1``/``chance_st``/``chance_st_conf``:
    the indices of chance (the draws no factor fixes); ``sources``: each factor's ``source`` and
    ``range_source`` as data (`chipshock.sim.sensitivity_factors.FactorSources`), for surfaces
    that say them in another language.

    Censoring (``kpi`` ``weeks_to_recover`` only): a run not back to normal by the horizon end
    reads ``censored_at`` weeks (horizon end minus the first shock's start), so ``Y`` and the
    indices describe min(weeks, censored_at); ``design``'s ``censored`` column counts such runs
    per point, ``censored`` is their total over the ``evaluated`` runs (evaluations x runs),
    ``end_year`` the horizon's last year
    (`chipshock.present.censored_analysis.censoring_note` says it)."""

    table: pd.DataFrame
    design: pd.DataFrame
    kpi: str
    market: str
    samples: int
    runs: int
    seed: int
    evaluations: int
    converged: bool
    tolerance: float
    y_mean: float
    y_sd: float
    scenario_id: str = ""
    max_st_change: float = float("nan")
    max_st_conf: float = float("nan")
    s1_above_st: tuple[str, ...] = ()
    samples_needed: int = 0
    levels: int = 0
    on_levels: tuple[str, ...] = ()
    chance_s1: float = float("nan")
    chance_st: float = float("nan")
    chance_st_conf: float = float("nan")
    sources: tuple[FactorSources, ...] = ()
    censored_at: float | None = None
    censored: int = 0
    evaluated: int = 0
    end_year: int = 0


def samples_needed(samples: int, max_st_change: float, max_st_conf: float, tol: float) -> int:
    """Base points N' at which the total indices should be stable: ``samples`` when converged
    (``max_st_change <= tol``), else the smallest power of two >= 2N with
    ``N' >= N x (e / tol)^2``, ``e = max(max_st_change, max_st_conf)``: Monte Carlo errors of
    the indices shrink as 1/sqrt(N), so the half-sample change and the widest 95% half-width
    of a total index both fall to the tolerance at about that N'. An estimate from one design,
    itself noisy: rerun at N' and check again.

    >>> samples_needed(32, 0.64, 0.69, 0.05)
    8192
    >>> samples_needed(32, 0.03, 0.2, 0.05)
    32
    """
    if not max_st_change > tol:  # converged (or nothing to measure)
        return int(samples)
    e = max(max_st_change, max_st_conf if np.isfinite(max_st_conf) else 0.0)
    target = samples * (e / tol) ** 2
    n = 2 * int(samples)
    while n < target:
        n *= 2
    return n


#: the sides `_Factor.at` keeps per factor: its positions on the base inputs (0, 1, the
#: midpoint and the levels) with room to spare
_KEEP_SIDES = 4 * DEFAULT_LEVELS


@dataclass(frozen=True)
class _Factor:
    """A factor as a function of its position t in [0, 1] between low and high.

    `at` keeps what it gave for the last `_KEEP_SIDES` positions and inputs (the inputs by
    identity, kept with the answer so that no other object takes their id): the design's plan
    asks for the same sides of a factor on the base inputs several times (the compiled check,
    the draws' linearity check, the draws), and a side copies a table. Inputs are never
    changed, so a kept side is the one `at` would build again."""

    spec: dict[str, Any]
    applied: Applied
    _kept: dict[tuple[float, int, int], tuple[Scenario, ModelData, Scenario, ModelData]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def low(self) -> float:
        return float(self.applied.low.value)

    @property
    def high(self) -> float:
        return float(self.applied.high.value)

    def value(self, t: float) -> float:
        return self.low + t * (self.high - self.low)

    def at(self, t: float, scenario: Scenario, data: ModelData) -> tuple[Scenario, ModelData]:
        """The inputs with this factor at position t (other factors as in the inputs)."""
        key = (float(t), id(scenario), id(data))
        kept = self._kept.get(key)
        if kept is not None and kept[0] is scenario and kept[1] is data:
            return kept[2], kept[3]
        moved = self._at(t, scenario, data)
        self._kept[key] = (scenario, data, *moved)
        if len(self._kept) > _KEEP_SIDES:  # the oldest goes (a design point's own inputs)
            del self._kept[next(iter(self._kept))]
        return moved

    def _at(self, t: float, scenario: Scenario, data: ModelData) -> tuple[Scenario, ModelData]:
        target, method = str(self.spec["target"]), str(self.spec["method"])
        if target == "end_markets.customer_inventory_weeks" and method == "range":
            return _between_parameters(self.applied, t, scenario), data
        value = self.value(t)
        if method == "range":
            method = "set"
        if method == "scale":
            value = float(self.spec["low"]) + t * (
                float(self.spec["high"]) - float(self.spec["low"])
            )
        applied = apply_target(scenario, data, target, method, value, value)
        return applied.low.scenario, applied.low.data


def _between_parameters(applied: Applied, t: float, scenario: Scenario) -> Scenario:
    """Fixed scenario parameters moved linearly between the LOW and HIGH variants' values."""
    low = dict(applied.low.scenario.parameters)
    high = dict(applied.high.scenario.parameters)
    changed = {k for k in low if k in high and low[k] != high[k]}
    kept = tuple(p for p in scenario.parameters if p[0] not in changed)
    moved = tuple(
        (k, Distribution.fixed(low[k].low + t * (high[k].low - low[k].low)))
        for k in sorted(changed)
    )
    return scenario.with_changes(parameters=(*kept, *moved))


def _point_by_point(
    scenario: Scenario,
    data: ModelData,
    built: Sequence[_Factor],
    design: np.ndarray[Any, np.dtype[np.float64]],
    chance: np.ndarray[Any, np.dtype[np.int64]],
    n: int,
    sd: int,
    kpi: str,
    market: str,
    engine: str,
    scheduler: Any,
    progress: Progress | None,
    censored: np.ndarray[Any, np.dtype[np.float64]] | None = None,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """``Y`` of every design point, one full `run` per point over all the design's runs, of
    which the point's own are kept (the slow reference for `design_y`; ``censored`` as
    there)."""
    total = (int(chance.max()) + 1) * n
    y = np.zeros(len(design))
    for i, point in enumerate(design):
        s, d = scenario, data
        for f, t in zip(built, point, strict=True):
            s, d = f.at(float(t), s, d)
        r = run(s, d, runs=total, seed=sd, engine=engine, scheduler=scheduler)
        w = int(chance[i])
        values = r.kpi(market, kpi)[w * n : (w + 1) * n]
        y[i] = float(np.mean(values))
        limit = r.summary().get("recovery_censored_at")
        if censored is not None and limit is not None:
            censored[i] = float(censored_runs(values, float(limit)).sum())
        if progress is not None:
            progress((i + 1) * n, len(design) * n)
    return y


def chance_index(
    column: np.ndarray[Any, np.dtype[np.float64]],
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """The chance column of a Saltelli design as draw indices: its distinct values in
    increasing order become 0, 1, 2, ... (a base point's A and B rows carry different values;
    every point that takes A's value shares A's draws).

    >>> chance_index(np.array([0.7, 0.2, 0.7, 0.9])).tolist()
    [1, 0, 1, 2]
    """
    inverse = np.unique(column, return_inverse=True)[1]
    return np.asarray(inverse, dtype=np.int64).reshape(-1)


def _indices(
    problem: dict[str, Any], y: np.ndarray[Any, np.dtype[np.float64]], resamples: int, seed: int
) -> dict[str, np.ndarray[Any, np.dtype[np.float64]]]:
    """S1, ST and their confidence half-widths; all zero when Y does not vary."""
    d = int(problem["num_vars"])
    if not np.isfinite(y).all() or float(np.var(y)) <= 1e-12 * max(1.0, float(np.mean(y)) ** 2):
        zeros = np.zeros(d)
        return {"S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
    from SALib.analyze import sobol as sobol_analyze

    with np.errstate(divide="ignore", invalid="ignore"):
        si = sobol_analyze.analyze(
            problem, y, calc_second_order=False, num_resamples=resamples, seed=seed
        )
    return {
        k: np.nan_to_num(np.asarray(si[k], dtype=float)) for k in ("S1", "S1_conf", "ST", "ST_conf")
    }


def sobol(
    scenario: Scenario,
    data: ModelData,
    *,
    samples: int = DEFAULT_SAMPLES,
    runs: int | None = None,
    seed: int | None = None,
    kpi: str = "loss_usd_bn",
    market: str = "all",
    factors: Sequence[str] | pd.DataFrame | None = None,
    tolerance: float = 0.05,
    resamples: int = 200,
    levels: int = DEFAULT_LEVELS,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
    batch: bool = True,
) -> SobolResult:
    """First-order and total Sobol indices of ``kpi`` for ``market`` over ``factors`` (the
    tornado's factor table; None = every default factor) and the chance of the Monte Carlo
    draws, from ``samples`` base points (a power of two, >= 4): ``samples x (factors + 3)``
    points of ``runs`` runs each (default 1; ``Y`` is their mean KPI) on ``seed`` (default the
    scenario's). Factors that reach the compiled arrays take ``levels`` values (see
    `chipshock.sim.sobol_batch`). Options and factors are checked before anything runs.

    ``batch`` (default): every design point is a slice of runs of one engine call
    (`chipshock.sim.sobol_batch.design_y`); False runs the points one by one (the same ``Y``,
    slower: kept as the reference the batch path is tested against)."""
    n = 1 if runs is None else int(runs)
    sd = scenario.seed if seed is None else int(seed)
    if kpi not in KPIS:
        raise bad("kpi", kpi, "one of " + ", ".join(KPIS), "unknown KPI")
    markets = [str(m) for m in data.end_markets["market_id"]]
    if market not in ("all", *markets):
        raise bad("market", market, "all or one of " + ", ".join(markets), "unknown market")
    if n < 1:
        raise bad("runs", n, ">= 1", "invalid number of runs")
    if samples < 4 or samples & (samples - 1):
        raise bad("samples", samples, "a power of two >= 4 (4, 8, 16, 32, 64...)", "bad samples")
    if not 0 < tolerance < 1:
        raise bad("tolerance", tolerance, "a number between 0 and 1", "bad tolerance")
    if not 2 <= levels <= 64:
        raise bad("levels", levels, "a whole number from 2 to 64", "bad levels")
    table = factor_table(factors)
    specs: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in table.to_dict("records")
    ]
    built = [
        _Factor(
            spec,
            apply_target(
                scenario,
                data,
                str(spec["target"]),
                str(spec["method"]),
                float(spec["low"]),
                float(spec["high"]),
            ),
        )
        for spec in specs
    ]
    if len(built) < 2:
        raise bad("factors", len(built), "at least two factors", "too few factors for Sobol")
    from SALib.sample import sobol as sobol_sample

    names = [str(s["factor"]) for s in specs]
    k = len(names)
    problem = {"num_vars": k + 1, "names": [*names, CHANCE], "bounds": [[0.0, 1.0]] * (k + 1)}
    sampled = sobol_sample.sample(problem, samples, calc_second_order=False, seed=sd)
    chance = chance_index(sampled[:, k])
    design = np.array(sampled[:, :k], dtype=float)
    the_plan = plan(built, scenario, data, runs=n, seed=sd)
    for j in the_plan.on_levels:
        design[:, j] = quantise(design[:, j], levels)
    cut = np.zeros(len(design)) if kpi == "weeks_to_recover" else None
    if batch:
        y = design_y(
            the_plan,
            design,
            chance,
            runs=n,
            kpi=kpi,
            market=market,
            engine=engine,
            scheduler=scheduler,
            progress=progress,
            censored=cut,
        )
    else:
        y = _point_by_point(
            scenario,
            data,
            built,
            design,
            chance,
            n,
            sd,
            kpi,
            market,
            engine,
            scheduler,
            progress,
            cut,
        )
    full = _indices(problem, y, resamples, sd)
    half = _indices(problem, y[: len(y) // 2], resamples, sd)
    change = np.abs(full["ST"][:k] - half["ST"][:k])
    rows = []
    for j, (spec, f) in enumerate(zip(specs, built, strict=True)):
        rows.append(
            {
                "factor": names[j],
                "label": str(spec["label_en"]),
                "low_value": f.low,
                "high_value": f.high,
                "S1": float(full["S1"][j]),
                "S1_conf": float(full["S1_conf"][j]),
                "ST": float(full["ST"][j]),
                "ST_conf": float(full["ST_conf"][j]),
                "interaction": float(full["ST"][j] - full["S1"][j]),
                "S1_half": float(half["S1"][j]),
                "ST_half": float(half["ST"][j]),
                "ST_change": float(change[j]),
                "source": f.applied.source,
                "confidence": f.applied.confidence,
                "source_url": f.applied.source_url,
                "how": f.applied.how,
                "label_ja": str(spec["label_ja"]),
                **range_columns(spec, f.applied),
            }
        )
    out = pd.DataFrame(rows, columns=list(SOBOL_COLUMNS))
    order = np.argsort(-out["ST"].to_numpy(), kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    values = {
        name: [f.value(float(t)) for t in design[:, j]]
        for j, (name, f) in enumerate(zip(names, built, strict=True))
    }
    design_frame = pd.DataFrame({**values, CHANCE: chance, "y": y})
    if cut is not None:
        design_frame["censored"] = cut.astype(int)
    max_change = float(change.max())
    max_conf = float(np.max(full["ST_conf"][:k]))
    return SobolResult(
        table=out,
        design=design_frame,
        kpi=kpi,
        market=market,
        samples=samples,
        runs=n,
        seed=sd,
        evaluations=len(design),
        converged=bool((change <= tolerance).all()),
        tolerance=tolerance,
        y_mean=float(np.mean(y)),
        y_sd=float(np.std(y)),
        scenario_id=scenario.scenario_id,
        max_st_change=max_change,
        max_st_conf=max_conf,
        s1_above_st=tuple(
            str(r["factor"]) for _, r in out.iterrows() if float(r["S1"]) > float(r["ST"])
        ),
        samples_needed=samples_needed(samples, max_change, max_conf, tolerance),
        levels=levels,
        on_levels=tuple(names[j] for j in the_plan.on_levels),
        chance_s1=float(full["S1"][k]),
        chance_st=float(full["ST"][k]),
        chance_st_conf=float(full["ST_conf"][k]),
        sources=tuple(
            FactorSources(name, f.applied.rows, range_rows(spec, f.applied))
            for name, spec, f in zip(names, specs, built, strict=True)
        ),
        censored_at=None
        if cut is None
        else float(the_plan.base.n_weeks - the_plan.base.first_shock_week),
        censored=0 if cut is None else int(cut.sum()),
        evaluated=len(design) * n,
        end_year=scenario.end_year,
    )
