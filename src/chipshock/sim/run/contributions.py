"""What each fab of a set contributes to a scenario's outcome, on common random numbers.

"How much does a given fab change the answer?" The default comparison says what a set of fabs
avoids together (the alliance fabs in a Taiwan blockade); this module splits it by fab. For a
scenario s and a set S of fabs, let L(X) be the total loss of a run (gross output at risk, USD
bn, all markets; `KPI` ``loss_usd_bn``) when, of the fabs of S, exactly those of X run (every
other fab as s has it). Per run, on one seed and one set of runs:

- ``together``      = L(∅) − L(S): what all of S avoids (the default comparison's headline);
- ``alone[f]``      = L(∅) − L({f}): what f avoids with no other fab of S;
- ``added[f]``      = L(S ∖ {f}) − L(S): what f adds to the others (its marginal contribution);
- ``interaction``   = together − Σ_f alone[f]: above 0 the fabs avoid more together than the sum
  of what each avoids alone (1 + 1 > 2); below 0 they compete for the same customers and spare
  capacity, so each alone avoids more than it adds to the others.

Each measure is a per-run difference summarised by mean, p5, p50 and p95 (`percentile_stats`).
Beside them, `fab_info` says what each fab brings to the shock as the engine counts it
(`producer_table` with the scenario's fab overrides): its capacity in the year the first shock
starts, the first year of the horizon with capacity, and the as-of and confidence of its
``fab_capacity.csv`` rows, so that a fab that avoids ~0 because its capacity starts after the
shock says so.
Because every side draws the same random numbers, a fab with no capacity in the horizon shows
exactly 0, and a small contribution shows as small rather than as noise. Cost: 2 + 2|S| runs of
the scenario (|S| = 1 needs only 2: alone = added = together).

>>> from chipshock.scenarios.model import Distribution, Shock
>>> cut = Shock("country", ("TWN",), 2027, 10, duration_weeks=Distribution.fixed(26),
...     severity=Distribution.fixed(1.0), recovery_weeks=Distribution.fixed(4))
>>> sc = Scenario("tiny", "tiny", start_year=2027, end_year=2027, runs=4, seed=1, shocks=(cut,))
>>> c = fab_contributions(sc, ModelData.tiny(), ["tiny-fab1"])
>>> alone = c.table.loc[c.table.measure == "alone", "p50"].iloc[0]
>>> bool(c.together["p50"] > 0), bool(alone == c.together["p50"])
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from chipshock.errors import Problem, ScenarioError
from chipshock.scenarios import Scenario
from chipshock.scenarios.overrides import apply_overrides
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import SharedReads
from chipshock.sim.run.api import per_run_kpis
from chipshock.sim.run.economics import STATS, percentile_stats

__all__ = ["FabContributions", "fab_contributions", "fab_info", "fab_sides", "side_loss"]

Progress = Callable[[int, int], None]

#: the measures of `FabContributions.table`, in order (see the module docstring)
MEASURES = ("alone", "added")
TOTALS = ("together", "sum_alone", "sum_added", "interaction")


@dataclass(frozen=True)
class FabContributions:
    """``table``: one row per fab and measure (``fab_id``, ``measure`` alone/added, mean, p5,
    p50, p95, USD bn avoided); ``totals``: ``together``, ``sum_alone``, ``sum_added`` and
    ``interaction``, each a `percentile_stats` dict; ``loss_by_run``: the per-run total loss of
    every side (``run`` and one column per side: ``none``, ``all``, ``alone:<fab>``,
    ``added:<fab>``, the last two the runs with only that fab of the set, and without it);
    ``fab_info``: per fab, ``shock_year`` (the year the first shock starts), ``capacity_wspm``
    in it (all node classes), ``first_year`` with capacity within the horizon (None: none),
    and ``as_of`` (latest) and ``confidence`` (lowest) of its ``fab_capacity.csv`` rows."""

    scenario_id: str
    fabs: tuple[str, ...]
    runs: int
    seed: int
    table: pd.DataFrame
    totals: dict[str, dict[str, float]]
    loss_by_run: pd.DataFrame
    fab_info: pd.DataFrame

    @property
    def together(self) -> dict[str, float]:
        return self.totals["together"]


def fab_sides(scenario: Scenario, fabs: Iterable[str]) -> tuple[Scenario, Scenario]:
    """``scenario`` without any fab of ``fabs``, then with all of them (fabs the scenario
    switches off come back on, as the default comparison's second side does)."""
    fabs = list(dict.fromkeys(fabs))
    off_now = {f for i in scenario.interventions if i.kind == "fabs_off" for f in i.fabs}
    to_off = [f for f in fabs if f not in off_now]
    back = [f for f in fabs if f in off_now]
    without = apply_overrides(scenario, fabs_off=to_off) if to_off else scenario
    with_all = apply_overrides(scenario, fabs_on=back) if back else scenario
    return without, with_all


_CONFIDENCE_ORDER = {"low": 0, "medium": 1, "high": 2}


def fab_info(scenario: Scenario, data: ModelData, fabs: Iterable[str]) -> pd.DataFrame:
    """Per fab of ``fabs``: ``shock_year``, ``capacity_wspm`` in it, ``first_year`` with
    capacity in the horizon (None if none), ``as_of`` and ``confidence`` of its capacity rows
    (see `FabContributions`), as `producer_table` counts them with the scenario's overrides.

    >>> from chipshock.scenarios.model import Distribution, Shock
    >>> cut = Shock("country", ("TWN",), 2027, 10, duration_weeks=Distribution.fixed(26))
    >>> sc = Scenario("tiny", "tiny", start_year=2026, end_year=2028, shocks=(cut,))
    >>> fab_info(sc, ModelData.tiny(), ["tiny-fab1"]).iloc[0].to_dict()["capacity_wspm"]
    5000.0
    """
    from chipshock.sim.network.cache import network_of

    fabs = list(dict.fromkeys(fabs))
    years = list(range(int(scenario.start_year), int(scenario.end_year) + 1))
    shock_year = min((int(s.start_year) for s in scenario.shocks), default=years[0])
    # `producer_table`'s producer rows, from the network the sides' networks share a base with
    table = network_of(data, years, overrides=scenario.fab_overrides).table()
    table = table[table["fab_id"].isin(fabs) & table["year"].notna()]
    per_year = table.groupby(["fab_id", table["year"].astype(int)])["capacity_kwspm"].sum()
    rows = data.fab_capacity
    out = []
    for f in fabs:
        cap = {int(k[1]): float(v) for k, v in per_year.items() if k[0] == f}  # type: ignore[index]
        with_cap = sorted(y for y, v in cap.items() if v > 0)
        mine = rows[rows["fab_id"] == f]
        confs = [str(c) for c in mine.get("confidence", pd.Series(dtype=object)).dropna()]
        out.append(
            {
                "fab_id": f,
                "shock_year": shock_year,
                "capacity_wspm": round(1000.0 * cap.get(shock_year, 0.0), 6) + 0.0,
                "first_year": with_cap[0] if with_cap else None,
                "as_of": max((str(a) for a in mine["as_of"].dropna()), default=None)
                if "as_of" in mine
                else None,
                "confidence": min(confs, key=lambda c: _CONFIDENCE_ORDER.get(c, -1))
                if confs
                else None,
            }
        )
    return pd.DataFrame(
        out,
        columns=["fab_id", "shock_year", "capacity_wspm", "first_year", "as_of", "confidence"],
    )


def side_loss(
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
) -> np.ndarray:
    """The per-run total loss (``loss_usd_bn``, market "all"), in run order, of ``scenario``
    with ``runs`` and ``seed``: the numbers `run` gives in its ``kpis_by_run``
    (`per_run_kpis`). ``reads``: what the sides of one analysis read of ``data`` once
    (`SharedReads`), for the sides not compiled yet."""
    _, by_run = per_run_kpis(
        scenario,
        data,
        runs=runs,
        seed=seed,
        chunk_size=chunk_size,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
        reads=reads,
    )
    rows = by_run[by_run["market"] == "all"].sort_values("run")
    out: np.ndarray = rows["loss_usd_bn"].to_numpy(dtype=float)
    return out


def fab_contributions(
    scenario: Scenario,
    data: ModelData,
    fabs: Iterable[str],
    *,
    runs: int | None = None,
    seed: int | None = None,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> FabContributions:
    """Each fab's ``alone`` and ``added`` contribution and the set's ``together`` and
    ``interaction`` (module docstring), from 2 + 2|S| runs of ``scenario`` on one seed (the
    scenario's runs and seed unless given). An empty set is an error naming ``fabs``."""
    fab_ids = tuple(dict.fromkeys(fabs))
    if not fab_ids:
        raise ScenarioError(
            Problem(
                "no fab to assess", field="fabs", value="(none)", expected="at least one fab id"
            )
        )
    n = int(scenario.runs if runs is None else runs)
    sd = int(scenario.seed if seed is None else seed)
    if n < 1:
        raise ScenarioError(
            Problem("invalid number of runs", field="runs", value=str(n), expected=">= 1")
        )
    without, with_all = fab_sides(scenario, fab_ids)
    sides: dict[str, Scenario] = {"none": without, "all": with_all}
    if len(fab_ids) > 1:  # with one fab, alone and added are the two sides already run
        for f in fab_ids:
            sides[f"alone:{f}"] = apply_overrides(without, fabs_on=[f])
            sides[f"added:{f}"] = apply_overrides(with_all, fabs_off=[f])
    total = n * len(sides)
    reads = SharedReads()  # the sides differ only in their fabs: the rest is read once
    loss: dict[str, np.ndarray] = {}
    for k, (name, sc) in enumerate(sides.items()):
        step = None if progress is None else _offset(progress, k * n, total)
        loss[name] = side_loss(
            sc,
            data,
            runs=n,
            seed=sd,
            chunk_size=chunk_size,
            engine=engine,
            scheduler=scheduler,
            progress=step,
            reads=reads,
        )
    if len(fab_ids) == 1:
        loss[f"alone:{fab_ids[0]}"] = loss["all"]
        loss[f"added:{fab_ids[0]}"] = loss["none"]
    together = loss["none"] - loss["all"]
    alone = {f: loss["none"] - loss[f"alone:{f}"] for f in fab_ids}
    added = {f: loss[f"added:{f}"] - loss["all"] for f in fab_ids}
    rows = [
        {"fab_id": f, "measure": m, **percentile_stats(v[f])}
        for f in fab_ids
        for m, v in (("alone", alone), ("added", added))
    ]
    sum_alone = np.sum([alone[f] for f in fab_ids], axis=0)
    sum_added = np.sum([added[f] for f in fab_ids], axis=0)
    totals = {
        "together": percentile_stats(together),
        "sum_alone": percentile_stats(sum_alone),
        "sum_added": percentile_stats(sum_added),
        "interaction": percentile_stats(together - sum_alone),
    }
    by_run = pd.DataFrame({"run": np.arange(n), **loss})
    return FabContributions(
        scenario_id=scenario.scenario_id,
        fabs=fab_ids,
        runs=n,
        seed=sd,
        table=pd.DataFrame(rows, columns=["fab_id", "measure", *STATS]),
        totals=totals,
        loss_by_run=by_run,
        fab_info=fab_info(scenario, data, fab_ids),
    )


def _offset(progress: Progress, done_before: int, total: int) -> Progress:
    return lambda done, _t: progress(done_before + done, total)
