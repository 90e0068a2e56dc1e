"""Per-producer utilisation: the long table of the engine's run means (`producer_utilisation`)
and the summary every surface shows (`utilisation_summary`).

Utilisation of producer p in week t: u = chips sold / capacity of the year, where chips sold
are its own customers' orders served (from output and its wafer/die bank) plus the orders it
took over from failed producers, k-wafers/week, and capacity is cap[p, y] (k-wafers/week,
before shocks). It can exceed 100 % while a bank is drawn. Each run's mean is taken over the
horizon and over the run's shock weeks (weeks with any shock loss, recovery ramp included,
``window`` = ``shock``); the table gives p5/p50/p95 and the mean of those run means, in % of
capacity. A producer without capacity in every week of a window (not yet built), or a run
without shock weeks, has no value there (NaN runs are left out; all-NaN gives NaN).

The run means are kept per run and only summarised here, over all runs at once, so the
percentiles do not depend on how the runs were cut into chunks or where they ran (Dask).

Summary (one row per producer, the most stretched in the shock year first): in its year Y
its capacity (kwspm,
thousand wafer starts per month) and its baseline utilisation from the data,

    baseline[p] = 100 * sum_m D[m, c(p), Y] share[m, p, Y] / cap[p, Y]   (%)

(normal orders: end-market demand times sourcing share, over capacity; at most the class's
baseline utilisation, as the sourcing gives no maker more normal orders than that and moves the
excess to the others of its class, `chipshock.sim.network.sourcing`). Y is the shock year (the
year the first shock starts; the first model year without shocks), except for a producer with no
capacity then that has shock weeks later (a fab that starts during a shock that runs into the
next years): its Y is the first year after the shock year in which it has capacity, because its
shock-week utilisation counts only weeks with capacity, so pairing it with the shock year's zero
would show a fab with no capacity running near full. Such a producer is measured only in the
runs whose shock weeks reach its year (``shock_runs``, often a few of them), so it is not ranked
with the shock year's producers: ``in_shock_year`` is False for it and its rows come after every
shock-year row with values (ranked among themselves), before the producers without values. The
shock-week utilisation p5/p50/p95 and mean across the simulated futures (runs),
``change_pp`` = shock p50 - baseline (percentage points: > 0 takes over orders, < 0 cut off),
and where its capacity comes from (source, as-of, confidence).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from chipshock.errors import ChipshockError
from chipshock.sim.data import ModelData
from chipshock.sim.engine import ChunkResult
from chipshock.sim.engine.layout import year_constants
from chipshock.sim.network.producers import OTHER_OPERATOR, Network
from chipshock.sim.prepare import Prepared
from chipshock.sim.units import WEEKS_PER_YEAR

__all__ = [
    "SUMMARY_COLUMNS",
    "UTILISATION_SOURCE",
    "capacity_source_of",
    "counted_operator",
    "producer_utilisation",
    "shock_year_index",
    "summary_years",
    "utilisation_summary",
]

#: the columns of `utilisation_summary`, in order
SUMMARY_COLUMNS = (
    "producer_id",
    "name",
    "kind",
    "operator_id",
    "operator",
    "region",
    "country",
    "node_class",
    "year",
    "in_shock_year",
    "capacity_kwspm",
    "baseline_pct",
    "shock_runs",
    "shock_mean_pct",
    "shock_p5_pct",
    "shock_p50_pct",
    "shock_p95_pct",
    "change_pp",
    "horizon_p50_pct",
    "capacity_source",
    "capacity_as_of",
    "capacity_confidence",
)

#: where the summary's figures come from (the per-row capacity source is in the table)
UTILISATION_SOURCE = (
    "chipshock scenario engine: chips sold / capacity per week, mean over each simulated "
    "future's shock weeks, percentiles across the simulated futures; capacity: "
    "fab_capacity.csv (itemised fabs) or "
    "global_capacity.csv x regional_capacity.csv minus the itemised fabs (other fabs); "
    "baseline: normal orders (end_markets.csv, market_demand_path.csv, market_node_demand.csv, "
    "sourcing_shares.csv, model_assumptions.csv utilisation and utilisation_path.csv in the "
    "years it gives) / capacity"
)


class UtilisationError(ChipshockError, RuntimeError):
    """The engine's arrays and the network describe different producers (a programming error)."""


def _run_stats(per_run: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``per_run`` [n, P]: (runs with a value [P], [P, 4] mean, p5, p50, p95 of
    those values; NaN without any). Columns with the same runs present are summarised as one
    block, each column's values contiguous as in a one-column call, so every figure is the one
    ``v.mean()`` and ``np.percentile(v, [5, 50, 95])`` give for that column alone."""
    columns = np.ascontiguousarray(per_run.T)  # [P, n]
    valid = ~np.isnan(columns)
    out = np.full((columns.shape[0], 4), np.nan)
    if columns.size == 0:
        return valid.sum(axis=1), out
    patterns, group = np.unique(np.packbits(valid, axis=1), axis=0, return_inverse=True)
    group = group.ravel()
    for g in range(len(patterns)):
        members = np.flatnonzero(group == g)
        present = np.flatnonzero(valid[members[0]])
        if present.size == 0:
            continue
        block = np.ascontiguousarray(columns[np.ix_(members, present)])
        out[members, 0] = block.mean(axis=1)
        out[members, 1:] = np.percentile(block, [5, 50, 95], axis=1).T
    return valid.sum(axis=1), out


def producer_utilisation(prep: Prepared, merged: ChunkResult) -> pd.DataFrame:
    """window (``horizon``, ``shock``), producer, node_class, country, runs (with a value),
    mean_pct, p5_pct, p50_pct, p95_pct: the runs' mean utilisation in % of capacity."""
    frames = []
    for w, window in enumerate(("horizon", "shock")):
        runs, stats = _run_stats(merged.utilisation[:, w, :] * 100.0)  # per_run [n, P]
        frames.append(
            pd.DataFrame(
                {
                    "window": window,
                    "producer": list(prep.producers),
                    "node_class": [prep.classes[int(c)] for c in prep.prod_class],
                    "country": list(prep.prod_country),
                    "runs": runs.astype(int),
                    "mean_pct": stats[:, 0],
                    "p5_pct": stats[:, 1],
                    "p50_pct": stats[:, 2],
                    "p95_pct": stats[:, 3],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def shock_year_index(prep: Prepared) -> int:
    """Index into ``prep.years`` of the year the first shock starts (0 without shocks)."""
    return min(prep.first_shock_week // WEEKS_PER_YEAR, len(prep.years) - 1)


def summary_years(prep: Prepared, shock_runs: np.ndarray) -> np.ndarray:
    """[P] index into ``prep.years`` of each producer's summary year (module docstring): the
    shock year, or for a producer without capacity then but with shock-week values
    (``shock_runs`` > 0), the first later year in which it has capacity."""
    yi = shock_year_index(prep)
    out = np.full(prep.prod_cap.shape[0], yi, dtype=int)
    for p in np.flatnonzero((prep.prod_cap[:, yi] <= 0) & (shock_runs > 0)):
        later = np.flatnonzero(prep.prod_cap[p, yi:] > 0)
        if later.size:
            out[p] = yi + int(later[0])
    return out


Rows = dict[tuple[str, str], list[dict[str, Any]]]


def _by_key(frame: pd.DataFrame, keys: tuple[str, ...]) -> Rows:
    """The rows of ``frame`` as dicts, grouped by the text of ``keys`` (padded to two parts)
    and sorted by year, read once for all producers."""
    out: Rows = {}
    if frame.empty:
        return out
    for r in frame.to_dict("records"):
        key = tuple(str(r[k]) for k in keys)
        out.setdefault((key[0], key[1] if len(key) > 1 else ""), []).append(
            {str(k): v for k, v in r.items()}
        )
    for rows in out.values():
        rows.sort(key=lambda r: int(r["year"]))
    return out


def _latest(rows: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """The row with the greatest year <= ``year`` (else the earliest row; {} without rows)."""
    before = [r for r in rows if int(r["year"]) <= year]
    return before[-1] if before else (rows[0] if rows else {})


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _capacity_source(
    producer: Any, year: int, fab_rows: Rows, class_rows: Rows
) -> tuple[str, str | None, str]:
    """(source, as_of, confidence) of a producer's capacity in ``year``: its fab_capacity row,
    a scenario override, or for a remainder the global_capacity row of its class."""
    if producer.source.startswith("scenario"):
        return producer.source, None, "scenario"
    if producer.operator_id == OTHER_OPERATOR:
        row = _latest(class_rows.get((producer.node_class, ""), []), year)
        fallback = "global_capacity.csv"
    else:
        row = _latest(fab_rows.get((producer.fab_id, producer.node_class), []), year)
        fallback = "fab_capacity.csv"
    source = _text(row.get("source_url")) or fallback
    return source, _text(row.get("as_of")), _text(row.get("confidence")) or ""


def capacity_source_of(data: ModelData) -> Callable[[Any, int], tuple[str, str | None, str]]:
    """(source, as_of, confidence) of a producer's capacity in a year, as the utilisation
    table gives it (`_capacity_source`), the data's rows read once."""
    fab_rows = _by_key(data.fab_capacity, ("fab_id", "node_class"))
    class_rows = _by_key(data.global_capacity, ("node_class",))
    return lambda producer, year: _capacity_source(producer, year, fab_rows, class_rows)


def _remainder_operator(producer: Any) -> str:
    """The operator column of a remainder: "other fabs", or for one remainder_operators.csv
    counts as an operator's, "other fabs, counted as <operator>'s" with that row's source."""
    if not producer.counted_as:
        return "other fabs"
    return f"{_COUNTED}{producer.counted_as}'s (remainder_operators.csv: {producer.counted_source})"


_COUNTED = "other fabs, counted as "


def counted_operator(operator: str) -> str:
    """The operator a remainder row's ``operator`` text (`_remainder_operator`) counts it as,
    "" for any other row.

    >>> counted_operator("other fabs, counted as tsmc's (remainder_operators.csv: https://x)")
    'tsmc'
    >>> counted_operator("other fabs"), counted_operator("TSMC")
    ('', '')
    """
    if not operator.startswith(_COUNTED):
        return ""
    return operator[len(_COUNTED) :].split("'s (", 1)[0]


def utilisation_summary(
    table: pd.DataFrame, prep: Prepared, net: Network, data: ModelData
) -> pd.DataFrame:
    """One row per producer (columns `SUMMARY_COLUMNS`) from the long table of
    `producer_utilisation` (see the module docstring), in three blocks, each the most
    stretched in the shock weeks first (shock p50 descending, then horizon p50): the shock
    year's producers with shock-week values, then those measured in a later year
    (``in_shock_year`` False: no capacity in the shock year, values from fewer runs), then the
    producers without shock-week values."""
    ids = tuple(p.producer_id for p in net.producers)
    if ids != tuple(prep.producers):
        raise UtilisationError("the network and the engine's arrays list different producers")
    stats: dict[tuple[str, str], dict[str, Any]] = {
        (str(r["window"]), str(r["producer"])): {str(k): v for k, v in r.items()}
        for r in table.to_dict("records")
    }
    shock_runs = np.array([int(stats[("shock", pid)]["runs"]) for pid in ids], dtype=int)
    row_year = summary_years(prep, shock_runs)  # [P] index into prep.years
    shock_yi = shock_year_index(prep)
    loads = {int(y): year_constants(prep, int(y)).load for y in np.unique(row_year)}
    load = np.array([loads[int(y)][p] for p, y in enumerate(row_year)])  # normal orders
    cap_w = prep.prod_cap[np.arange(len(ids)), row_year]  # [P] k-wafers/week
    baseline = np.full(len(ids), np.nan)
    np.divide(load * 100.0, cap_w, out=baseline, where=cap_w > 0)
    operators = (
        data.fabs.drop_duplicates("fab_id").set_index("fab_id")["operator"].astype(str).to_dict()
    )
    fab_rows = _by_key(data.fab_capacity, ("fab_id", "node_class"))
    class_rows = _by_key(data.global_capacity, ("node_class",))
    rows = []
    for p, producer in enumerate(net.producers):
        shock = stats[("shock", producer.producer_id)]
        horizon = stats[("horizon", producer.producer_id)]
        yi = int(row_year[p])
        year = int(prep.years[yi])
        source, as_of, confidence = _capacity_source(producer, year, fab_rows, class_rows)
        itemised = producer.operator_id != OTHER_OPERATOR
        rows.append(
            {
                "producer_id": producer.producer_id,
                "name": producer.name,
                "kind": "fab" if itemised else "other fabs",
                "operator_id": producer.operator_id,
                "operator": operators.get(producer.fab_id, producer.operator_id)
                if itemised
                else _remainder_operator(producer),
                "region": producer.region,
                "country": producer.country,
                "node_class": producer.node_class,
                "year": year,
                "in_shock_year": yi == shock_yi,
                "capacity_kwspm": float(net.capacity[p, yi]),
                "baseline_pct": float(baseline[p]),
                "shock_runs": int(shock["runs"]),
                "shock_mean_pct": float(shock["mean_pct"]),
                "shock_p5_pct": float(shock["p5_pct"]),
                "shock_p50_pct": float(shock["p50_pct"]),
                "shock_p95_pct": float(shock["p95_pct"]),
                # + 0.0: x - x is +0.0, but keep any -0.0 off every surface all the same
                "change_pp": float(shock["p50_pct"]) - float(baseline[p]) + 0.0,
                "horizon_p50_pct": float(horizon["p50_pct"]),
                "capacity_source": source,
                "capacity_as_of": as_of,
                "capacity_confidence": confidence,
            }
        )
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    if out.empty:
        return out
    valued = out["shock_runs"].to_numpy() > 0
    block = np.where(valued, np.where(out["in_shock_year"].to_numpy(dtype=bool), 0, 1), 2)
    order = np.lexsort(
        (
            out["producer_id"].to_numpy(dtype=str),
            -out["capacity_kwspm"].to_numpy(dtype=float),
            -out["horizon_p50_pct"].fillna(-np.inf).to_numpy(dtype=float),
            -out["shock_p50_pct"].fillna(-np.inf).to_numpy(dtype=float),
            block,
        )
    )
    return out.iloc[order].reset_index(drop=True)
