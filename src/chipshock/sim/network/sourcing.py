"""Sourcing: which producers serve each end market's demand in each node class.

    share[m, p, y]  = fraction of market m's demand in class c(p) that producer p serves
                      (sum over the producers of a class = 1 wherever the class has capacity)

1. Sourced shares s0 (``sourced_pct`` in `sourcing_table`). From ``sourcing_shares.csv``
   (market, node_class, operator_id, share_pct; CONTRACT.md item 3) where it has rows for
   (m, c), or for (``all``, c) (every market without its own rows): an operator's share is
   split over its producers of class c in proportion to their capacity; what the listed
   operators do not cover (100 - sum of shares, and the share of a listed operator without
   capacity that year) goes to the other producers of the class in proportion to capacity.
   Without rows for (m, c): every producer of the class in proportion to capacity
   (``method_kind = "capacity"``). A scenario's ``[[sourcing]]`` tables (`SourcingShare`)
   replace the file's rows for each (m, c) they name (and the ``all`` rows m would take):
   the same rule then reads the scenario's shares (``method_kind = "scenario_rows"``).

2. Shares that respect capacity. With D[m, c, y] the markets' normal demand, the class's
   baseline utilisation and each producer's normal orders under s0 are

       u[c, y]  = sum_m D[m, c, y] / sum_{p in c} cap[p, y]
       L0[p, y] = sum_m D[m, c(p), y] s0[m, p, y]

   No producer is given more normal orders than u cap[p]: where L0[p] > u cap[p] (its
   operator's sourced share exceeds what its own itemised fabs make at the class's
   utilisation), p keeps the fraction k[p] = u cap[p] / L0[p] of every market's share and the
   rest, the overflow

       O[m, y] = sum_{p over} s0[m, p] (1 - k[p]),

   goes to the class's other producers in proportion to their headroom
   h[p] = u cap[p] - L0[p] (> 0):  share[m, p] = s0[m, p] + O[m] h[p] / sum_q h[q].
   Because sum_p L0[p] = u sum_p cap[p], the overflow equals the headroom and one pass leaves
   every producer's normal orders at u cap[p] (to round-off): each producer has the class's
   spare 1 - u to give in a shock, and the sourced shares decide *whose* orders it holds
   (its market mix), kept as sourced wherever they are feasible. Where u > 1 (a class short
   of capacity in normal times) every producer is overloaded alike. `sourcing_overflow`
   lists, per operator, class, market and year, the sourced share, the share served and the
   overflow moved to the class's other producers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import Scenario, SourcingShare
from chipshock.sim._problems import all_of, unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import OTHER_OPERATOR, Network

__all__ = [
    "TABLE_METHOD_KINDS",
    "baseline_utilisation",
    "check_sourcing",
    "fit_to_capacity",
    "scenario_sourcing",
    "shock_year_sourcing",
    "sourced_and_served",
    "sourcing_overflow",
    "sourcing_shares",
    "sourcing_table",
]

F64 = npt.NDArray[np.float64]

#: a producer's normal orders may exceed u cap by this relative round-off before they overflow
_ROUNDOFF = 1e-12


#: `sourcing_table`'s ``method_kind``: where a market and class's sourced shares come from, a
#: scenario's [[sourcing]] tables, sourcing_shares.csv's rows (the market's own or the class's
#: ``all`` rows) or every producer of the class by capacity (no row); data, not words: the
#: presentation layer words it
TABLE_METHOD_KINDS = ("scenario_rows", "file_rows", "capacity")


def _rows(
    data: ModelData, overrides: Sequence[SourcingShare] = ()
) -> dict[tuple[str, str], dict[str, float]]:
    """(market, class) -> {operator: share}: the rows of sourcing_shares.csv, those of each
    (market, class) that ``overrides`` names replaced by the overrides' rows."""
    out: dict[tuple[str, str], dict[str, float]] = {}
    ss = data.sourcing_shares
    for r in ss.itertuples():
        key = (str(r.market), str(r.node_class))
        out.setdefault(key, {})[str(r.operator_id)] = float(str(r.share_pct)) / 100.0
    mine: dict[tuple[str, str], dict[str, float]] = {}
    for o in overrides:
        mine.setdefault((o.market, o.node_class), {})[o.operator] = o.share_pct / 100.0
    out.update(mine)
    return out


def check_sourcing(overrides: Sequence[SourcingShare], network: Network) -> None:
    """Every operator of a scenario's ``[[sourcing]]`` has producers of its node class in the
    scenario's network (itemised fabs with capacity in some year of the horizon); otherwise an
    error names ``sourcing[i].operator``, the value and the operators that do (the parser
    checked the market, the class and the shares)."""
    found = []
    for i, o in enumerate(overrides):
        ops = {
            p.operator_id
            for pi, p in enumerate(network.producers)
            if p.node_class == o.node_class
            and p.operator_id != OTHER_OPERATOR
            and network.capacity[pi].sum() > 0
        }
        if o.operator not in ops:
            found.append(
                unknown_code(
                    f"operator with {o.node_class} fabs",
                    o.operator,
                    sorted(ops),
                    f"sourcing[{i}].operator",
                )
            )
    if found:
        raise all_of(found)


def _sourced_row(capc: F64, member_ops: Sequence[str], shares: dict[str, float]) -> F64:
    """Step 1 for one market and class: the sourced shares s0 over the class's producers."""
    alive = capc > 0
    if not shares:
        return np.asarray(capc / capc.sum())
    row = np.zeros(capc.size)
    covered = np.zeros(capc.size, dtype=bool)
    for op, s in shares.items():
        mine = np.array([o == op for o in member_ops], dtype=bool) & alive
        if mine.any():
            row[mine] += s * capc[mine] / capc[mine].sum()
            covered |= mine
    rest = max(0.0, 1.0 - row.sum())
    others = ~covered & alive
    pool = others if others.any() else alive
    row[pool] += rest * capc[pool] / capc[pool].sum()
    return row


def baseline_utilisation(demand: F64, capc: F64) -> float:
    """u = sum_m D[m] / sum_p cap[p] for one class and year (``demand`` D [M], ``capc`` cap
    [n], both kwspm): the class's baseline utilisation, whose share u cap[p] of each
    producer's capacity is the ceiling of its normal orders (0 for a class without capacity).

    >>> baseline_utilisation(np.array([6.0, 2.0]), np.array([5.0, 5.0]))
    0.8
    """
    total = float(capc.sum())
    return float(demand.sum()) / total if total > 0 else 0.0


def fit_to_capacity(sourced: F64, demand: F64, capc: F64) -> F64:
    """Step 2 for one class and year: ``sourced`` s0 [M, n] over the class's n producers,
    ``demand`` D [M], ``capc`` cap [n]; the shares [M, n] that give no producer more normal
    orders than u cap (see the module docstring).

    >>> s0 = np.array([[1.0, 0.0]])  # one market sourced wholly from the first producer
    >>> fit_to_capacity(s0, np.array([8.0]), np.array([5.0, 5.0])).round(3).tolist()
    [[0.5, 0.5]]
    """
    if capc.sum() <= 0:
        return sourced.copy()
    u = baseline_utilisation(demand, capc)
    ceiling = u * capc
    load = demand @ sourced
    over = load > ceiling * (1.0 + _ROUNDOFF)
    room = np.where(over, 0.0, np.maximum(ceiling - load, 0.0))
    if not over.any() or room.sum() <= 0:
        return sourced.copy()
    keep = np.where(over, ceiling / np.where(load > 0, load, 1.0), 1.0)
    moved = sourced * (1.0 - keep)[None, :]
    out = sourced - moved
    out += moved.sum(axis=1, keepdims=True) * (room / room.sum())[None, :]
    return np.asarray(out)


def scenario_sourcing(
    overrides: Sequence[SourcingShare], network: Network, markets: Sequence[str], share: F64
) -> pd.DataFrame:
    """What a scenario's [[sourcing]] rows became: one row per row and year with market,
    node_class, operator, year, sourced_pct (the scenario's share), served_pct (the share of
    the market's class demand the operator's fabs serve once the capacity rule has moved what
    they cannot make at the class's utilisation, ``share`` [M, P, Y] of `sourcing_shares`)
    and note. A served share below the sourced one means the registry's fabs of the operator
    are too small for the orders the scenario sends them."""
    columns = ["market", "node_class", "operator", "year", "sourced_pct", "served_pct", "note"]
    rows = []
    for o in overrides:
        mine = [
            i
            for i, p in enumerate(network.producers)
            if p.operator_id == o.operator and p.node_class == o.node_class
        ]
        mi = list(markets).index(o.market)
        for yi, y in enumerate(network.years):
            served = float(share[mi, mine, yi].sum())
            rows.append([o.market, o.node_class, o.operator, y, o.share_pct, 100 * served, o.note])
    return pd.DataFrame(rows, columns=columns)


def shock_year_sourcing(scenario: Scenario, table: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` (a result's `scenario_sourcing`, ``SimResult.sourcing``) in the
    year of ``scenario``'s first shock (its first year without shocks): the rows `chipshock
    scenario run`, the API and the report's assumptions show, chosen once here; their words are
    the presentation layer's (`chipshock.present.sourcing_lines`). Empty without [[sourcing]]
    rows."""
    year = min((x.start_year for x in scenario.shocks), default=scenario.start_year)
    if table.empty:
        return table
    return table[table["year"] == year].reset_index(drop=True)


def sourced_and_served(
    data: ModelData,
    network: Network,
    markets: Sequence[str],
    demand: F64,
    overrides: Sequence[SourcingShare] = (),
) -> tuple[F64, F64]:
    """(sourced s0, share) [M, P, Y]: the shares of step 1 and those of step 2, which the
    engine runs (see the module docstring; `sourcing_table` shows both); ``overrides`` a
    scenario's [[sourcing]] rows. Step 1 is kept by what it reads (`_sourced_rows`)."""
    P, Y, M = len(network.producers), len(network.years), len(markets)
    classes = network.classes
    cls = np.array([classes.index(p.node_class) for p in network.producers], dtype=np.int64)
    cap = network.capacity
    step_one = _sourced_rows(network, tuple(markets), _rows(data, overrides))
    sourced = np.zeros((M, P, Y))
    share = np.zeros((M, P, Y))
    for (ci, y), s0 in step_one.items():
        members = np.flatnonzero(cls == ci)
        sourced[:, members, y] = s0
        share[:, members, y] = fit_to_capacity(s0, demand[:, ci, y], cap[members, y])
    return sourced, share


#: how many step-1 results `_sourced_rows` keeps (a Sobol design or a tornado needs one)
SOURCED_KEEP = 8

_SourcedKey = tuple[object, ...]
_sourced_kept: OrderedDict[_SourcedKey, dict[tuple[int, int], F64]] = OrderedDict()
_sourced_lock = threading.Lock()


def _sourced_rows(
    network: Network, markets: tuple[str, ...], listed: dict[tuple[str, str], dict[str, float]]
) -> dict[tuple[int, int], F64]:
    """Step 1: (class index, year index) -> s0 [M, n] over the class's n producers, for every
    class and year with capacity. A pure function of the classes, each producer's class and
    operator, the capacity, the markets and the sourced rows, so it is kept by exactly these
    (the compiles of a sensitivity analysis share one network and the sourcing rows: ~6% of a
    Sobol analysis was this step) for the next `SOURCED_KEEP` - 1 others; the arrays kept are
    read-only."""
    ops = tuple(p.operator_id for p in network.producers)
    key: _SourcedKey = (
        network.classes,
        tuple(p.node_class for p in network.producers),
        ops,
        network.capacity.shape,
        np.asarray(network.capacity, dtype=np.float64).tobytes(),
        markets,
        tuple(sorted((k, tuple(sorted(v.items()))) for k, v in listed.items())),
    )
    with _sourced_lock:
        found = _sourced_kept.get(key)
        if found is not None:
            _sourced_kept.move_to_end(key)
            return found
    classes, cap = network.classes, network.capacity
    cls = np.array([classes.index(p.node_class) for p in network.producers], dtype=np.int64)
    out: dict[tuple[int, int], F64] = {}
    for ci, c in enumerate(classes):
        members = np.flatnonzero(cls == ci)
        if not members.size:
            continue
        member_ops = [ops[p] for p in members]
        for y in range(len(network.years)):
            capc = cap[members, y]
            if capc.sum() <= 0:
                continue
            s0 = np.array(
                [
                    _sourced_row(capc, member_ops, listed.get((m, c), listed.get(("all", c), {})))
                    for m in markets
                ]
            )
            s0.setflags(write=False)
            out[(ci, y)] = s0
    with _sourced_lock:
        _sourced_kept[key] = out
        while len(_sourced_kept) > SOURCED_KEEP:
            _sourced_kept.popitem(last=False)
    return out


def sourcing_shares(
    data: ModelData,
    network: Network,
    markets: Sequence[str],
    demand: F64,
    overrides: Sequence[SourcingShare] = (),
) -> F64:
    """``share`` [M, P, Y] (see the module docstring); ``demand`` [M, C, Y] in kwspm, the unit
    of the network's capacity; ``overrides`` a scenario's [[sourcing]] rows (checked by
    `check_sourcing`)."""
    check_sourcing(overrides, network)
    return sourced_and_served(data, network, markets, demand, overrides)[1]


def sourcing_overflow(
    data: ModelData,
    network: Network,
    markets: Sequence[str],
    demand: F64,
    overrides: Sequence[SourcingShare] = (),
) -> pd.DataFrame:
    """What the capacity rule moves: one row per year, node class, operator and market where
    the operator's sourced normal orders exceed u x its capacity. Columns: year, node_class,
    operator_id (the producer id for an "other fabs" remainder), market, sourced_pct (share of
    the market's class demand the sourcing gives the operator), served_pct (what it keeps),
    overflow_pct (moved to the class's other producers), orders_kwspm (the operator's
    normal orders under the sourced shares), capacity_kwspm, utilisation_pct (100 u, the
    class's baseline utilisation: the ceiling of every producer's normal orders)."""
    sourced, share = sourced_and_served(data, network, markets, demand, overrides)
    classes = network.classes
    rows = []
    keys = [
        p.operator_id if p.operator_id != OTHER_OPERATOR else p.producer_id
        for p in network.producers
    ]
    for ci, c in enumerate(classes):
        members = [i for i, p in enumerate(network.producers) if p.node_class == c]
        for yi, y in enumerate(network.years):
            capc = network.capacity[members, yi]
            if capc.sum() <= 0:
                continue
            u = baseline_utilisation(demand[:, ci, yi], capc)
            for key in dict.fromkeys(keys[i] for i in members):
                mine = [i for i in members if keys[i] == key]
                cap_k = float(network.capacity[mine, yi].sum())
                orders = float(demand[:, ci, yi] @ sourced[:, mine, yi].sum(axis=1))
                if orders <= u * cap_k * (1.0 + _ROUNDOFF):
                    continue
                for mi, m in enumerate(markets):
                    s0 = float(sourced[mi, mine, yi].sum())
                    s1 = float(share[mi, mine, yi].sum())
                    rows.append(
                        {
                            "year": y,
                            "node_class": c,
                            "operator_id": key,
                            "market": m,
                            "sourced_pct": 100.0 * s0,
                            "served_pct": 100.0 * s1,
                            "overflow_pct": 100.0 * max(s0 - s1, 0.0),
                            "orders_kwspm": orders,
                            "capacity_kwspm": cap_k,
                            "utilisation_pct": 100.0 * u,
                        }
                    )
    columns = [
        "year",
        "node_class",
        "operator_id",
        "market",
        "sourced_pct",
        "served_pct",
        "overflow_pct",
        "orders_kwspm",
        "capacity_kwspm",
        "utilisation_pct",
    ]
    return pd.DataFrame(rows, columns=columns)


def sourcing_table(
    data: ModelData,
    network: Network,
    markets: Sequence[str],
    share: F64,
    demand: F64 | None = None,
    overrides: Sequence[SourcingShare] = (),
) -> pd.DataFrame:
    """One row per market, producer and year with a positive share: market, node_class,
    producer_id, operator_id, region, year, share_pct, method_kind (`TABLE_METHOD_KINDS`:
    "scenario_rows", "file_rows" or "capacity"), and with ``demand`` [M, C, Y] (kwspm) also
    sourced_pct, the share before the capacity rule (step 1 of the module docstring;
    share_pct - sourced_pct is what the rule moved to or from the producer)."""
    base = _rows(data)
    mine = {(o.market, o.node_class) for o in overrides}
    sourced = (
        sourced_and_served(data, network, markets, demand, overrides)[0]
        if demand is not None
        else None
    )
    rows = []
    for mi, m in enumerate(markets):
        for pi, p in enumerate(network.producers):
            for yi, y in enumerate(network.years):
                v = float(share[mi, pi, yi])
                v0 = float(sourced[mi, pi, yi]) if sourced is not None else 0.0
                if v > 0 or v0 > 0:
                    row = {
                        "market": m,
                        "node_class": p.node_class,
                        "producer_id": p.producer_id,
                        "operator_id": p.operator_id,
                        "region": p.region,
                        "year": y,
                        "share_pct": 100.0 * v,
                        "method_kind": "scenario_rows"
                        if (m, p.node_class) in mine
                        else "file_rows"
                        if (m, p.node_class) in base or ("all", p.node_class) in base
                        else "capacity",
                    }
                    if sourced is not None:
                        row["sourced_pct"] = 100.0 * v0
                    rows.append(row)
    return pd.DataFrame(rows)
