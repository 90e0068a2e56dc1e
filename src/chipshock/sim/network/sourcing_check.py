"""Sourced shares the fabs cannot meet: per operator and node class in one year, the normal
orders the sourcing rows send the operator against the ceiling the capacity rule of
`chipshock.sim.network.sourcing` gives its itemised fabs (`chipshock sourcing --check`,
GET /api/sourcing/check).

    rows[o, c]      = sum_r sum_{m reads r} D[m, c] share_r      (rows r of operator o, class c)
    orders[o, c]    = sum_m D[m, c] s0[m, o]                     (step 1, `sourced_and_served`)
                    = rows[o, c] + its part of the wafers the rows leave "by capacity"
    ceiling[o, c]   = u[c] cap[o, c]                             (`baseline_utilisation`)
    shortfall[o, c] = max(orders - ceiling, 0);  shortfall_pct = 100 shortfall / orders
    rows_shortfall  = max(rows - ceiling, 0)     (short on its rows alone: the rows' doing)

A market reads its own rows for the class, or the class's ``all`` rows when it has none of
its own (rows for markets the engine does not run, such as ``foundry``, are reference rows
and read by none). The wafers of markets without rows for the class, and what the rows of a
market leave, go to the fabs that no row of the market lists, by capacity: that part of an
operator's orders is ``by_capacity_kwspm``. cap[o, c] is the operator's itemised capacity in
the class that year; with none (no fab of the class then), the engine gives it no orders at
step 1 and ``orders`` = ``rows``, all short. The engine moves every shortfall to the class's
other fabs (``served_kwspm`` is what it leaves the operator: the ceiling wherever the class
has headroom elsewhere), so a shortfall is not lost wafers but a sourced share the data gives
and the model does not run: either the row is not a wafer share of the operator's own fabs (a
design or revenue share, wafers made at a foundry the row does not name) or the registry
lacks the operator's fabs. An operator short only through the by-capacity part
(``rows_shortfall_kwspm`` 0) carries rows that fit; its shortfall comes from the engine
spreading the unsourced wafers over every fab of the class by capacity. Either way the engine
cuts every order an operator over its ceiling receives by one factor (served / orders), the
rows' orders as much as those placed by capacity, so a row that fits on its own is served
below its share all the same (``served_pct`` of ``rows``): in 2027 TSMC's 28-45 nm rows
(261.7 kwspm, data release 18) fit its ceiling (266.6), the wafers spread by capacity add
146.5 more, and its 33 % of cars' wafers is served at 33 % x 266.6 / 408.1 = 21.6 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from chipshock.sim._problems import unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import build_network
from chipshock.sim.network.sourcing import baseline_utilisation, sourced_and_served
from chipshock.sim.network.sourcing_view import (
    check_sourcing_switches,
    normal_demand,
    operator_names,
)

__all__ = ["SOURCING_CHECK_NOTE", "SourcingCheck", "sourcing_check"]

#: what every feasibility table says under it (the CLI's caption, the API's ``caption``)
SOURCING_CHECK_NOTE = (
    "orders: the normal wafers per month sourcing sends the operator: its rows' share x the "
    "demand of every market that reads them (rows), and its part, by capacity, of the wafers "
    "no row places (by capacity); ceiling: its itemised capacity in the class x the class's "
    "baseline utilisation, the most normal orders the engine gives any fab; shortfall: "
    "orders above the ceiling, which the engine moves to the class's other fabs; rows "
    "shortfall: the shortfall on the rows alone. A rows shortfall means a row is not a wafer "
    "share of the operator's own fabs (a design or revenue share, wafers made at a foundry) "
    "or the registry lacks its fabs; without one, the shortfall comes from the unsourced "
    "wafers spread by capacity. Either way the engine serves the operator no more than its "
    "ceiling and cuts all its orders by the same factor (served / orders), its rows' as much "
    "as the by-capacity part: a row that fits on its own is still served below its share when the "
    "wafers spread by capacity fill the operator's fabs (served_pct beside share_pct in the "
    "rows; docs/scenarios.md, 'Sourcing')."
)

#: a shortfall below this fraction of the orders is round-off
_ROUNDOFF = 1e-9

_OPERATOR_COLUMNS = [
    "year",
    "operator_id",
    "name",
    "node_class",
    "markets",
    "file_rows",
    "orders_kwspm",
    "rows_kwspm",
    "by_capacity_kwspm",
    "capacity_kwspm",
    "utilisation_pct",
    "ceiling_kwspm",
    "served_kwspm",
    "shortfall_kwspm",
    "shortfall_pct",
    "rows_shortfall_kwspm",
]
_ROW_COLUMNS = [
    "year",
    "file_row",
    "market",
    "node_class",
    "operator_id",
    "share_pct",
    "served_pct",
    "read_by",
    "orders_kwspm",
    "shortfall_pct",
    "source_url",
    "as_of",
    "confidence",
]


@dataclass(frozen=True)
class SourcingCheck:
    """``operators``: one row per operator and node class that an engine-read sourcing row
    names (columns ``_OPERATOR_COLUMNS``: ``markets`` and ``file_rows`` are the markets
    reading its rows and the rows' lines in sourcing_shares.csv), largest shortfall first;
    ``rows``: the sourcing rows of the operators with a shortfall (``orders_kwspm`` the
    row's part of the orders, ``served_pct`` the share of its markets' wafers the engine serves
    from the operator: ``share_pct`` x served / orders, ``shortfall_pct`` its operator's), in the
    same order. A row's
    line in the file is its position in ``data.sourcing_shares`` + 2 (the header is line 1;
    the store keeps the file's order, as `chipshock data audit` counts its rows)."""

    operators: pd.DataFrame
    rows: pd.DataFrame


def _readers(ss: pd.DataFrame, markets: tuple[str, ...]) -> list[list[str]]:
    """Per sourcing row, the engine's markets that read it (see the module docstring)."""
    own = {(str(m), str(c)) for m, c in zip(ss["market"], ss["node_class"], strict=True)}
    out = []
    for m, c in zip(ss["market"].astype(str), ss["node_class"].astype(str), strict=True):
        if m == "all":
            out.append([x for x in markets if (x, c) not in own])
        else:
            out.append([m] if m in markets else [])
    return out


def sourcing_check(
    data: ModelData,
    year: int,
    classes: Iterable[str] = (),
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    *,
    field: str = "classes",
    switch_fields: tuple[str, str] = ("fabs_off", "fabs_on"),
) -> SourcingCheck:
    """The feasibility of the sourced shares in ``year`` (see the module docstring), for the
    node ``classes`` (all when empty; an unknown one is an error naming ``field``, the value
    and the choices), with the fabs of ``fabs_off`` / ``fabs_on`` switched off / on (a switch
    that changes nothing is `check_sourcing_switches`' error, naming ``switch_fields``).

    >>> len(sourcing_check(ModelData.tiny(), 2026).operators)  # the tiny chain sources none
    0
    """
    fabs_off, fabs_on = list(fabs_off), list(fabs_on)
    check_sourcing_switches(data, year, fabs_off, fabs_on, switch_fields)
    net = build_network(data, [int(year)], fabs_off, fabs_on)
    want = list(dict.fromkeys(classes)) or list(net.classes)
    for c in want:
        if c not in net.classes:
            raise unknown_code("node class", c, net.classes, field)
    markets, demand = normal_demand(data, net, year)
    sourced, served_share = sourced_and_served(data, net, markets, demand)
    ss = data.sourcing_shares.reset_index(drop=True)
    readers = _readers(ss, markets)
    names = operator_names(data)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (op, c) in enumerate(zip(ss["operator_id"], ss["node_class"], strict=True)):
        if readers[i] and str(c) in want:
            groups.setdefault((str(op), str(c)), []).append(i)
    row_orders = {
        i: sum(
            float(demand[markets.index(m), net.classes.index(str(ss.at[i, "node_class"])), 0])
            for m in readers[i]
        )
        * float(str(ss.at[i, "share_pct"]))
        / 100.0
        for idx in groups.values()
        for i in idx
    }
    ops = []
    kept: dict[tuple[str, str], float] = {}  # served / the engine's orders, per operator x class
    for (op, c), idx in groups.items():
        ci = net.classes.index(c)
        members = [k for k, p in enumerate(net.producers) if p.node_class == c]
        mine = [k for k in members if net.producers[k].operator_id == op]
        d = demand[:, ci, 0]
        u = baseline_utilisation(d, net.capacity[members, 0])
        cap = float(net.capacity[mine, 0].sum())
        from_rows = sum(row_orders[i] for i in idx)
        engine = float(d @ sourced[:, mine, 0].sum(axis=1)) if cap > 0 else 0.0
        by_capacity = max(engine - from_rows, 0.0) if cap > 0 else 0.0
        orders = from_rows + by_capacity
        served = float(d @ served_share[:, mine, 0].sum(axis=1)) if mine else 0.0
        kept[(op, c)] = served / engine if engine > 0 else 0.0
        short = max(orders - u * cap, 0.0)
        if short <= _ROUNDOFF * orders:
            short = 0.0
        ops.append(
            {
                "year": int(year),
                "operator_id": op,
                "name": names.get(op, op),
                "node_class": c,
                "markets": ", ".join(dict.fromkeys(m for i in idx for m in readers[i])),
                "file_rows": ", ".join(str(i + 2) for i in idx),
                "orders_kwspm": orders,
                "rows_kwspm": from_rows,
                "by_capacity_kwspm": by_capacity,
                "capacity_kwspm": cap,
                "utilisation_pct": 100.0 * u,
                "ceiling_kwspm": u * cap,
                "served_kwspm": served,
                "shortfall_kwspm": short,
                "shortfall_pct": 100.0 * short / orders if orders > 0 else 0.0,
                "rows_shortfall_kwspm": max(from_rows - u * cap, 0.0)
                if from_rows - u * cap > _ROUNDOFF * from_rows
                else 0.0,
            }
        )
    operators = pd.DataFrame(ops, columns=_OPERATOR_COLUMNS)
    corder = {c: k for k, c in enumerate(want)}
    operators = operators.assign(_c=operators["node_class"].map(corder)).sort_values(
        ["shortfall_kwspm", "_c", "operator_id"], ascending=[False, True, True], kind="stable"
    )
    rows = []
    for op in operators[operators["shortfall_kwspm"] > 0].itertuples():
        for i in groups[(str(op.operator_id), str(op.node_class))]:
            r = ss.iloc[i]
            rows.append(
                {
                    "year": int(year),
                    "file_row": i + 2,
                    "market": str(r["market"]),
                    "node_class": str(r["node_class"]),
                    "operator_id": str(r["operator_id"]),
                    "share_pct": float(r["share_pct"]),
                    "served_pct": float(r["share_pct"])
                    * kept[(str(op.operator_id), str(op.node_class))],
                    "read_by": ", ".join(readers[i]),
                    "orders_kwspm": row_orders[i],
                    "shortfall_pct": float(str(op.shortfall_pct)),
                    "source_url": str(r["source_url"]),
                    "as_of": str(r["as_of"]),
                    "confidence": str(r["confidence"]),
                }
            )
    return SourcingCheck(
        operators=operators.drop(columns="_c").reset_index(drop=True),
        rows=pd.DataFrame(rows, columns=_ROW_COLUMNS),
    )
