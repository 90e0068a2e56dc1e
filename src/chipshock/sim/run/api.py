"""Public entry points: `run`, `compare`, `sweep` (names are a contract; see `chipshock.sim`)."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem, ScenarioError
from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.engine import ChunkResult
from chipshock.sim.network.producers import Network
from chipshock.sim.network.sourcing import scenario_sourcing
from chipshock.sim.prepare import (
    Prepared,
    SharedReads,
    draw_parameters,
    located,
    prepare,
    scaled,
    scenario_network,
)
from chipshock.sim.run.economics import (
    CENSOR_COLUMNS,
    KPIS,
    customer_mix,
    end_product_geography,
    kpi_frame,
    kpi_summary,
    loss_by_country,
    percentile_stats,
    value_added_tables,
)
from chipshock.sim.run.executors import execute
from chipshock.sim.run.reach import shock_reach
from chipshock.sim.run.results import Comparison, SimResult, bands_frame, week_starts
from chipshock.sim.run.utilisation import producer_utilisation, utilisation_summary

__all__ = [
    "capacity_years",
    "compare",
    "compiled",
    "compiled_bytes",
    "kept_compiles",
    "run",
    "sweep",
]

Progress = Callable[[int, int], None]


def kpis_by_run(prep: Prepared, merged: ChunkResult) -> pd.DataFrame:
    """The long per-run KPI table (`kpi_frame`) of an engine result (also used by the batched
    Sobol design, `chipshock.sim.sobol_batch`)."""
    return kpi_frame(
        prep.markets,
        merged.cum_weeks,
        merged.peak,
        merged.loss_usd,
        merged.recover_weeks,
        merged.out_weeks,
        merged.out_peak,
        merged.chips_usd,
        merged.lead_peak,
        merged.drawdown_peak,
        merged.backlog_end_weeks,
        merged.cover_min_weeks,
    )


#: how many scenarios' compiled arrays `_compiled` keeps at most: every side of a contribution
#: analysis of the six alliance fabs (2 + 2 x 6 = 14, `chipshock.sim.run.contributions`) twice
#: over, and a few more (the API's requests for one scenario with new seeds or run counts, the
#: two sides of a comparison, the start-up warm-up), so that an analysis asked again, or with
#: other runs, compiles none of its sides (under 14 kept, each side would push out the one the
#: repeat needs next)
COMPILED_KEEP = 32
#: and at most this many bytes of arrays and tables (`compiled_bytes`): a side of the six-month
#: Taiwan blockade on the shipped data holds 0.11 MB of them, and 0.17 MB more once its
#: assumptions table is made (`Prepared.assumptions`: made when a run reads it, after the count,
#: and never by a sensitivity analysis; not counted), so `COMPILED_KEEP` such sides hold
#: ~9 MB; the bound stops a few long horizons with many shocks (whose [S, A, K, E] export masks
#: grow fastest) from holding more (each key's `ModelData` is held too and not counted: mostly
#: the one its caller holds anyway)
COMPILED_BYTES = 256 * 2**20
_compiled_cache: OrderedDict[tuple[Scenario, ModelData], tuple[tuple[Network, Prepared], int]] = (
    OrderedDict()
)
_compiled_lock = threading.Lock()


def compiled_bytes(net: Network, prep: Prepared) -> int:
    """The bytes of the arrays and tables of a compiled scenario (``prep``'s and ``net``'s
    numpy arrays, and their data frames, objects included): what `COMPILED_BYTES` bounds.
    Tuples of ids, the producers' objects and the assumptions table, made only when read, are
    not counted."""
    total = 0
    for part in (net, prep):
        for f in dataclasses.fields(part):
            value = getattr(part, f.name)
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif isinstance(value, pd.DataFrame):
                total += int(value.memory_usage(index=True, deep=True).sum())
    return total


def kept_compiles() -> tuple[int, int]:
    """How many compiled scenarios `_compiled` holds, and their `compiled_bytes`."""
    with _compiled_lock:
        return len(_compiled_cache), sum(size for _, size in _compiled_cache.values())


def _compiled(
    scenario: Scenario, data: ModelData, reads: SharedReads | None = None
) -> tuple[Network, Prepared]:
    """The producers (`scenario_network`) and arrays (`prepare`) of ``scenario`` over ``data``,
    built once per scenario and kept while at most `COMPILED_KEEP` scenarios of at most
    `COMPILED_BYTES` together are (the least recently used go first; one larger than the whole
    budget is built and not kept).

    Neither depends on the runs or the seed, so the key is the scenario without them (both
    frozen values) and ``data`` itself (a frozen `ModelData`, compared by identity: new data
    is a new key). Nothing downstream writes into a `Network` or `Prepared` (frozen
    dataclasses whose arrays the engine only reads), so a kept pair gives the same numbers as
    a new one; the tests compare the two. A scenario that cannot be hashed is built anew.
    ``reads``: what a batch of compiles over ``data`` reads once (`SharedReads`)."""
    key = (scenario.with_changes(runs=1, seed=0), data)
    try:
        with _compiled_lock:
            found = _compiled_cache.get(key)
            if found is not None:
                _compiled_cache.move_to_end(key)
                return found[0]
    except TypeError:  # an unhashable field value: nothing to key on
        net = scenario_network(scenario, data, reads)
        return net, prepare(scenario, data, net, reads)
    net = scenario_network(scenario, data, reads)  # once: for the arrays and the producers
    built = (net, prepare(scenario, data, net, reads))
    size = compiled_bytes(*built)
    with _compiled_lock:
        _compiled_cache[key] = (built, size)
        held = sum(kept for _, kept in _compiled_cache.values())
        while _compiled_cache and (len(_compiled_cache) > COMPILED_KEEP or held > COMPILED_BYTES):
            held -= _compiled_cache.popitem(last=False)[1][1]
    return built


def compiled(
    scenario: Scenario, data: ModelData, reads: SharedReads | None = None
) -> tuple[Network, Prepared]:
    """The network and arrays of ``scenario`` as a run builds them (checking it against
    ``data`` on the way), kept for the runs of the same scenario that follow; ``reads`` as
    for `chipshock.sim.prepare.prepare` (the sides of a contribution analysis share one)."""
    return _compiled(scenario, data, reads)


def per_run_kpis(
    scenario: Scenario,
    data: ModelData,
    *,
    runs: int,
    seed: int,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
    reads: SharedReads | None = None,
) -> tuple[Prepared, pd.DataFrame]:
    """The ``kpis_by_run`` that `run` gives ``scenario`` with ``runs`` and ``seed``, and the
    compile behind it, by the same steps (compile, draw, execute, per-run KPIs) without the
    tables an analysis that reads only per-run KPIs never reads (bands, value added,
    utilisation, the producers table, the assumptions table): a side of a contribution
    analysis (`chipshock.sim.run.contributions`) or of a tornado (`chipshock.sim.sensitivity`).
    ``reads``: what the sides of one analysis read of ``data`` once (`SharedReads`), for the
    sides not compiled yet."""
    sc = scenario.with_changes(runs=runs, seed=seed)
    _, prep = _compiled(sc, data, reads)
    try:
        draws = draw_parameters(sc, data, prep, seed, runs)
    except InputError as exc:  # an unknown [parameters] name: say which file, as `run` does
        raise located(exc, sc) from None
    merged = execute(
        prep, draws, chunk_size=chunk_size, engine=engine, scheduler=scheduler, progress=progress
    )
    return prep, kpis_by_run(prep, merged)


def run(
    scenario: Scenario,
    data: ModelData,
    *,
    runs: int | None = None,
    seed: int | None = None,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> SimResult:
    """Run ``scenario`` (``runs``/``seed`` default to the scenario's) and return a `SimResult`.

    >>> from chipshock.scenarios.model import Scenario, Shock
    >>> s = Scenario("x", "x", start_year=2026, end_year=2027, runs=5,
    ...              shocks=(Shock("country", ("TWN",), 2026),))
    >>> r = run(s, ModelData.tiny())
    >>> r.summary()["cumulative_shortfall_weeks"]["p50"] > 0
    True
    """
    n = scenario.runs if runs is None else int(runs)
    sd = scenario.seed if seed is None else int(seed)
    if n < 1:
        raise ScenarioError(
            Problem("invalid number of runs", field="runs", value=str(n), expected=">= 1")
        )
    sc = scenario.with_changes(runs=n, seed=sd)
    net, prep = _compiled(sc, data)
    try:
        draws = draw_parameters(sc, data, prep, sd, n)
    except InputError as exc:  # an unknown [parameters] name: say which file
        raise located(exc, sc) from None
    merged = execute(
        prep, draws, chunk_size=chunk_size, engine=engine, scheduler=scheduler, progress=progress
    )
    by_run = kpis_by_run(prep, merged)
    by_country, by_country_market = value_added_tables(
        prep.markets,
        merged.loss_usd,
        prep.mco_countries,
        prep.mco,
        prep.va_market,
        end_product_geography(prep.prod_country, prep.mco_countries, data.country_groups),
        merged.chip_output_lost,
        prep.va_chips,
        customer_mix(prep.demand, prep.share, prep.prod_class),
    )
    by_producer = producer_utilisation(prep, merged)
    return SimResult(
        scenario=sc,
        runs=n,
        seed=sd,
        week_start=week_starts(sc.start_year, prep.n_weeks),
        bands=bands_frame(prep, merged.counts, merged.week_row),
        kpis_by_run=by_run,
        # a market still short at the horizon end reads horizon end - first shock start
        kpis=kpi_summary(by_run, censor_weeks=float(prep.n_weeks - prep.first_shock_week)),
        loss_by_country=loss_by_country(
            prep.markets, merged.loss_usd, prep.mco_countries, prep.mco
        ),
        assumptions=prep.assumptions,
        value_added_by_country=by_country,
        value_added_by_country_market=by_country_market,
        producers=net.table(),
        producer_utilisation=by_producer,
        utilisation=utilisation_summary(by_producer, prep, net, data),
        capacity_years=capacity_years(data),
        sourcing=scenario_sourcing(sc.sourcing, net, prep.markets, prep.share),
        shock_reach=shock_reach(sc, prep, net, data),
    )


def capacity_years(data: ModelData) -> tuple[int, int] | None:
    """The first and last year of the data's world capacity (global_capacity.csv): outside
    them world capacity, and the chip demand scaled to it, is held flat
    (`chipshock.present.coverage_notes.capacity_year_warning`); None without rows."""
    years = data.global_capacity["year"].dropna().astype(int)
    return (int(years.min()), int(years.max())) if len(years) else None


def compare(
    a: Scenario,
    b: Scenario,
    data: ModelData,
    *,
    runs: int | None = None,
    seed: int | None = None,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> Comparison:
    """Run ``a`` and ``b`` on common random numbers (same seed and runs; ``a``'s by default).
    ``delta`` summarises per-run ``b - a``; ``headline`` gives what ``b`` avoids (``a - b``)."""
    n = a.runs if runs is None else int(runs)
    sd = a.seed if seed is None else int(seed)
    total = 2 * n

    def prog(offset: int) -> Progress | None:
        return None if progress is None else (lambda done, _t: progress(offset + done, total))

    ra, rb = (
        run(
            sc,
            data,
            runs=n,
            seed=sd,
            chunk_size=chunk_size,
            engine=engine,
            scheduler=scheduler,
            progress=prog(offset),
        )
        for sc, offset in ((a, 0), (b, n))
    )
    da, db = ra.kpis_by_run, rb.kpis_by_run
    diff = da[["run", "market"]].copy()
    for k in KPIS:
        diff[k] = db[k].to_numpy() - da[k].to_numpy()
    delta = kpi_summary(diff)
    allm = diff[diff["market"] == "all"]
    headline = {
        "a": a.scenario_id,
        "b": b.scenario_id,
        "runs": n,
        "seed": sd,
        "loss_avoided_usd_bn": percentile_stats(-allm["loss_usd_bn"].to_numpy(dtype=float)),
        "shortfall_weeks_avoided": percentile_stats(
            -allm["cumulative_shortfall_weeks"].to_numpy(dtype=float)
        ),
        "output_lost_weeks_avoided": percentile_stats(
            -allm["output_lost_weeks"].to_numpy(dtype=float)
        ),
        "weeks_to_recover_saved": percentile_stats(-allm["weeks_to_recover"].to_numpy(dtype=float)),
    }
    return Comparison(ra, rb, delta, headline)


SWEEP_PARAMETERS = ("duration_weeks", "start_year", "inventory_weeks")


def _swept(scenario: Scenario, parameter: str, value: float) -> Scenario:
    if parameter == "duration_weeks":
        if not scenario.shocks:
            raise ScenarioError(
                Problem("no shock to sweep", field="shock", expected="at least one shock")
            )
        first = scenario.shocks[0]
        shocks = (
            first.__class__(
                **{**first.__dict__, "duration_weeks": scaled(first.duration_weeks, float(value))}
            ),
            *scenario.shocks[1:],
        )
        return scenario.with_changes(shocks=shocks)
    if parameter == "start_year":
        if not scenario.shocks:
            raise ScenarioError(
                Problem("no shock to sweep", field="shock", expected="at least one shock")
            )
        first_year = min(s.start_year for s in scenario.shocks)
        shift = int(value) - first_year
        shocks = tuple(
            s.__class__(**{**s.__dict__, "start_year": s.start_year + shift})
            for s in scenario.shocks
        )
        return scenario.with_changes(shocks=shocks)
    if parameter == "inventory_weeks":
        params = tuple(
            p for p in scenario.parameters if not p[0].startswith("customer_inventory_weeks")
        )
        return scenario.with_changes(
            parameters=(*params, ("customer_inventory_weeks", Distribution.fixed(float(value))))
        )
    raise ScenarioError(
        Problem(
            "unknown sweep parameter",
            field="parameter",
            value=parameter,
            expected="one of " + ", ".join(SWEEP_PARAMETERS),
        )
    )


def sweep(
    scenario: Scenario,
    data: ModelData,
    parameter: str,
    values: Sequence[float],
    *,
    runs: int | None = None,
    seed: int | None = None,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """KPI percentiles for each value of ``parameter``: ``duration_weeks`` (first shock's
    duration distribution scaled to that central value), ``start_year`` (every shock moved so
    the first starts that year) or ``inventory_weeks`` (every market's customer inventory fixed
    at that many weeks). Columns: value, market, kpi, p5, p50, p95, and on the
    ``weeks_to_recover`` rows ``censored_at`` / ``not_recovered_pct`` (`kpi_summary`: a value
    equal to ``censored_at`` means output is not back to normal by the horizon end). Same seed
    for every value."""
    frames = []
    vals = list(values)
    n = scenario.runs if runs is None else int(runs)
    for i, v in enumerate(vals):
        sc = _swept(scenario, parameter, v)

        def prog(done: int, _t: int, i: int = i) -> None:
            if progress is not None:
                progress(i * n + done, len(vals) * n)

        r = run(
            sc,
            data,
            runs=n,
            seed=seed,
            chunk_size=chunk_size,
            engine=engine,
            scheduler=scheduler,
            progress=prog,
        )
        k = r.kpis[["market", "kpi", "p5", "p50", "p95", *CENSOR_COLUMNS]].copy()
        k.insert(0, "value", v)
        frames.append(k)
    return pd.concat(frames, ignore_index=True)
