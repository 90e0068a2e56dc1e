"""Per-producer utilisation as a tidy table (`producer_utilisation`).

Utilisation of producer p in week t: u = chips sold / capacity of the year, where chips sold
are its own customers' orders served (from output and its wafer/die bank) plus the orders it
took over from failed producers, k-wafers/week, and capacity is cap[p, y] (k-wafers/week,
before shocks). It can exceed 100 % while a bank is drawn. Each run's mean is taken over the
horizon and over the run's shock weeks (weeks with any shock loss, ``window`` = ``shock``);
the table gives p5/p50/p95 and the mean of those run means, in % of capacity. A producer
without capacity in every week of a window (not yet built), or a run without shock weeks,
has no value there (NaN runs are left out; all-NaN gives NaN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chipshock.sim.engine import ChunkResult
from chipshock.sim.prepare import Prepared

__all__ = ["producer_utilisation"]


def producer_utilisation(prep: Prepared, merged: ChunkResult) -> pd.DataFrame:
    """window (``horizon``, ``shock``), producer, node_class, country, runs (with a value),
    mean_pct, p5_pct, p50_pct, p95_pct: the runs' mean utilisation in % of capacity."""
    rows = []
    for w, window in enumerate(("horizon", "shock")):
        per_run = merged.utilisation[:, w, :] * 100.0  # [n, P]
        for p, producer in enumerate(prep.producers):
            v = per_run[:, p]
            v = v[~np.isnan(v)]
            stats = (
                (float(v.mean()), *(float(x) for x in np.percentile(v, [5, 50, 95])))
                if v.size
                else (np.nan,) * 4
            )
            rows.append(
                {
                    "window": window,
                    "producer": producer,
                    "node_class": prep.classes[int(prep.prod_class[p])],
                    "country": prep.prod_country[p],
                    "runs": int(v.size),
                    "mean_pct": stats[0],
                    "p5_pct": stats[1],
                    "p50_pct": stats[2],
                    "p95_pct": stats[3],
                }
            )
    return pd.DataFrame(rows)
