"""Sourcing: which producers serve each end market's demand in each node class.

    share[m, p, y]  = fraction of market m's demand in class c(p) that producer p serves
                      (sum over the producers of a class = 1 wherever the class has capacity)

From ``sourcing_shares.csv`` (market, node_class, operator_id, share_pct; CONTRACT.md item 3)
where it has rows for (m, c), or for (``all``, c) (every market without its own rows): an
operator's share is split over its producers of class c in
proportion to their capacity; what the listed operators do not cover (100 - sum of shares, and
the share of a listed operator without capacity that year) goes to the other producers of the
class in proportion to capacity. Without rows for (m, c): every producer of the class in
proportion to capacity (``method = "by capacity"``, stated in `sourcing_table`).

A producer whose baseline load sum_m D[m, c] share[m, p] would exceed its capacity keeps
cap / load of it; the excess goes to the other producers of its class in proportion to their
headroom (one pass), so that the baseline world is served.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network

__all__ = ["sourcing_shares", "sourcing_table"]

F64 = npt.NDArray[np.float64]


def _rows(data: ModelData) -> dict[tuple[str, str], dict[str, float]]:
    out: dict[tuple[str, str], dict[str, float]] = {}
    ss = data.sourcing_shares
    for r in ss.itertuples():
        key = (str(r.market), str(r.node_class))
        out.setdefault(key, {})[str(r.operator_id)] = float(str(r.share_pct)) / 100.0
    return out


def sourcing_shares(data: ModelData, network: Network, markets: Sequence[str], demand: F64) -> F64:
    """``share`` [M, P, Y] (see the module docstring); ``demand`` [M, C, Y] in kwspm, the unit
    of the network's capacity."""
    P, Y, M = len(network.producers), len(network.years), len(markets)
    classes = network.classes
    cls = np.array([classes.index(p.node_class) for p in network.producers], dtype=np.int64)
    ops = [p.operator_id for p in network.producers]
    cap = network.capacity
    listed = _rows(data)
    share = np.zeros((M, P, Y))
    for ci, c in enumerate(classes):
        members = np.flatnonzero(cls == ci)
        if not members.size:
            continue
        for y in range(Y):
            capc = cap[members, y]
            total = capc.sum()
            if total <= 0:
                continue
            by_cap = capc / total
            for mi, m in enumerate(markets):
                row = np.zeros(members.size)
                shares = listed.get((m, c), listed.get(("all", c), {}))
                covered = np.zeros(members.size, dtype=bool)
                for op, s in shares.items():
                    mine = np.array([ops[p] == op for p in members]) & (capc > 0)
                    if mine.any():
                        row[mine] += s * capc[mine] / capc[mine].sum()
                        covered |= mine
                rest = max(0.0, 1.0 - row.sum())
                others = ~covered & (capc > 0)
                pool = others if others.any() else capc > 0
                row[pool] += rest * capc[pool] / capc[pool].sum()
                share[mi, members, y] = row if shares else by_cap
            # one pass of overload spill
            load = np.einsum("m,mp->p", demand[:, ci, y], share[:, members, y])
            over = load > capc * (1.0 + 1e-12)
            if over.any() and (~over).any():
                keep = np.where(over, capc / np.where(load > 0, load, 1.0), 1.0)
                moved = share[:, members, y] * (1.0 - keep)[None, :]
                share[:, members, y] -= moved
                room = np.where(over, 0.0, np.maximum(capc - load, 0.0))
                if room.sum() > 0:
                    share[:, members, y] += (
                        moved.sum(axis=1, keepdims=True) * (room / room.sum())[None, :]
                    )
    return share


def sourcing_table(
    data: ModelData, network: Network, markets: Sequence[str], share: F64
) -> pd.DataFrame:
    """One row per market, producer and year with a positive share: market, node_class,
    producer_id, operator_id, region, year, share_pct, method ("sourcing_shares.csv" or
    "by capacity")."""
    listed = _rows(data)
    rows = []
    for mi, m in enumerate(markets):
        for pi, p in enumerate(network.producers):
            for yi, y in enumerate(network.years):
                v = float(share[mi, pi, yi])
                if v > 0:
                    rows.append(
                        {
                            "market": m,
                            "node_class": p.node_class,
                            "producer_id": p.producer_id,
                            "operator_id": p.operator_id,
                            "region": p.region,
                            "year": y,
                            "share_pct": 100.0 * v,
                            "method": "sourcing_shares.csv"
                            if (m, p.node_class) in listed or ("all", p.node_class) in listed
                            else "by capacity",
                        }
                    )
    return pd.DataFrame(rows)
