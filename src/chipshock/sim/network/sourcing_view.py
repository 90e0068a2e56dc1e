"""Who makes each end market's chips in one year: the sourcing of `chipshock.sim.network.sourcing`
as a table a reader can check against its rows (`chipshock sourcing`, GET /api/sourcing).

For each market and node class, per operator (or region, or producer): the share of the
market's wafers in that class the sourcing rows give it (``sourced_pct``, step 1 of
`chipshock.sim.network.sourcing`), the share it serves once no producer is given more normal
orders than its class's utilisation of its capacity (``served_pct``, step 2: what the engine
runs), the wafers that is (``served_kwspm``: the orders it is served, not the orders the
sourcing sends it, which are ``orders_kwspm`` of `chipshock sourcing --check`), and where the
sourced share comes from (``method_kind``, one of `METHOD_KINDS`; ``row_share_pct``, the share
an operator's sourcing row gives it; for an operator the row's source, date and confidence).
The method's words are the presentation layer's (`chipshock.present.sourcing_methods`).

Fabs switched off or on (``fabs_off`` / ``fabs_on``) are checked as `capacity_table` and
`scenario run` check them (`check_sourcing_switches`): a fab without capacity in the year, or
one switched on that already counts, is an error, never a table that says it was switched and
holds the same numbers. An operator that the rows source but that has no fab with capacity in
the class that year (its fabs switched off, or not yet running) gets no wafers at step 1: its
share goes to the class's other fabs by capacity. It keeps a row (sourced and served 0, method
``unplaced``, the row's share in ``row_share_pct``) and a note (`Unplaced`, worded by
`chipshock.present.sourcing_notes.unplaced_note`), rather than vanishing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.model.market_schema import MARKETS
from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import all_of, unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import market_arrays
from chipshock.sim.network.interventions import idle_switches
from chipshock.sim.network.producers import Network, build_network
from chipshock.sim.network.sourcing import sourced_and_served
from chipshock.sim.units import WEEKLY_FACTOR

__all__ = [
    "METHOD_KINDS",
    "SOURCING_BY",
    "SOURCING_NOTE",
    "SOURCING_SOURCE",
    "SourcingView",
    "Unplaced",
    "check_sourcing_switches",
    "normal_demand",
    "operator_names",
    "sourcing_table",
]

F64 = npt.NDArray[np.float64]

#: what `sourcing_table` can sum by
SOURCING_BY = ("operator", "region", "producer")

#: where a row's sourced share comes from (``method_kind``): the market's own rows of
#: sourcing_shares.csv (``market_rows``) or the class's ``all`` rows (``all_rows``), the rest
#: of the class by capacity for an operator no row lists (``rest``), every producer of the class
#: by capacity where no row is read (``capacity``), or a sourced operator without a fab with
#: capacity in the year, whose row's share goes to the class's other fabs (``unplaced``)
METHOD_KINDS = ("market_rows", "all_rows", "rest", "capacity", "unplaced")

#: what every sourcing table says under it (the CLI's caption, the API's ``caption``)
SOURCING_NOTE = (
    "sourced: the share sourcing_shares.csv gives (an operator's share split over its fabs by "
    "capacity; the rest of the market's wafers, and markets and classes without rows, by "
    "capacity); served: what the engine runs, once no fab is given more normal orders than "
    "its class's utilisation of its capacity (what an operator's fabs cannot make goes to "
    "the class's other fabs by headroom; docs/scenarios.md, 'Sourcing'). 'other fabs' is a "
    "region's capacity outside the itemised fabs."
)
#: the files a sourcing table comes from
SOURCING_SOURCE = (
    "chipshock curated sourcing_shares.csv, fab_capacity.csv, regional_capacity.csv, "
    "end_markets.csv and market_node_demand.csv (each sourcing row cites its source_url and "
    "as_of)"
)

_COLUMNS = [
    "year",
    "market",
    "node_class",
    "key",
    "name",
    "regions",
    "sourced_pct",
    "served_pct",
    "served_kwspm",
    "method_kind",
    "row_share_pct",
    "source_url",
    "as_of",
    "confidence",
]


#: operator -> (source_url, as_of, confidence, share_pct) of its sourcing row
_Cited = dict[str, tuple[str, str, str, float]]


def _methods(
    data: ModelData, markets: Sequence[str], classes: Sequence[str]
) -> dict[tuple[str, str], tuple[str, _Cited]]:
    """(market, class) -> (method kind, {operator: (source_url, as_of, confidence,
    share_pct)}): the rows the market reads for the class (its own, or the class's ``all``
    rows), as `chipshock.sim.network.sourcing` reads them."""
    ss = data.sourcing_shares
    out: dict[tuple[str, str], tuple[str, _Cited]] = {}
    for c in classes:
        whole = ss[(ss["market"] == "all") & (ss["node_class"] == c)]
        for m in markets:
            own = ss[(ss["market"] == m) & (ss["node_class"] == c)]
            if not own.empty:
                rows, kind = own, "market_rows"
            elif not whole.empty:
                rows, kind = whole, "all_rows"
            else:
                rows, kind = whole, "capacity"
            out[(m, c)] = (
                kind,
                {
                    str(r.operator_id): (
                        str(r.source_url),
                        str(r.as_of),
                        str(r.confidence),
                        float(str(r.share_pct)),
                    )
                    for r in rows.itertuples()
                },
            )
    return out


def _method(kind: str, by: str, listed: bool) -> str:
    """The method kind of one row: the market and class's (``kind``), or for an operator that
    no row lists, ``rest`` (it has its share of the rest by capacity)."""
    if by != "operator" or listed or kind == "capacity":
        return kind
    return "rest"


def operator_names(data: ModelData) -> dict[str, str]:
    """operator_id -> the operator's most frequent name in fabs.csv (JASM's row names TSMC
    with its partners; most of TSMC's rows name TSMC alone)."""
    fabs = data.fabs
    if "operator" not in fabs.columns or "operator_id" not in fabs.columns:
        return {}
    out = {}
    for op, names in fabs.groupby("operator_id")["operator"]:
        out[str(op)] = str(names.astype(str).value_counts().index[0])
    return out


def normal_demand(data: ModelData, net: Network, year: int) -> tuple[tuple[str, ...], F64]:
    """(markets, D [M, C, 1]): the data's end markets in `MARKETS` order and their normal
    demand per node class of ``net`` in ``year``, in kwspm (the network's unit)."""
    known = set(data.end_markets["market_id"].astype(str))
    mk = tuple(m for m in MARKETS if m in known)
    scen = Scenario("sourcing", "normal sourcing", start_year=int(year), end_year=int(year))
    demand = market_arrays(scen, data, net.classes, mk, (int(year),), net.world).demand
    return mk, np.asarray(demand / WEEKLY_FACTOR, dtype=np.float64)


@dataclass(frozen=True)
class Unplaced:
    """An operator that a sourcing row gives a share of a market's wafers in a node class but
    that has no fab with capacity in the class in ``year``: the share goes to the class's
    other fabs by capacity (`chipshock.sim.network.sourcing`, step 1)."""

    year: int
    market: str
    node_class: str
    operator_id: str
    name: str
    share_pct: float
    source_url: str
    as_of: str
    confidence: str


@dataclass(frozen=True)
class SourcingView:
    """`sourcing_table`'s answer: its table (one row per market, class and operator, region or
    producer) and the sourced operators left without capacity (`Unplaced`, in market and class
    order)."""

    table: pd.DataFrame
    unplaced: tuple[Unplaced, ...]


def check_sourcing_switches(
    data: ModelData,
    year: int,
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    fields: tuple[str, str] = ("fabs_off", "fabs_on"),
) -> None:
    """The checks `capacity_table` and `scenario run` make of switched fabs, for one ``year``
    (`chipshock.sim.network.interventions.idle_switches`): a fab switched off or on without
    capacity in the model that year (no fab_capacity.csv row, cancelled, capacity only in other
    years, a packaging site), or switched on while it already counts, is an error naming the
    field (``fields``: the caller's names for the two), the fab, why and the fix; several are
    one error listing all. (The alliance fabs switched off as one group are exempt, as in
    `idle_switches`: the dashboard's "without the alliance fabs".) Unknown ids are the
    caller's check (`chipshock.cli.checks.check_fab_ids`, the API's 404)."""
    years = [int(year)]
    idle = [
        *idle_switches(data, years, list(fabs_off), "fabs_off", fields[0]),
        *idle_switches(data, years, list(fabs_on), "fabs_on", fields[1]),
    ]
    if idle:
        raise all_of(idle)


def sourcing_table(
    data: ModelData,
    year: int,
    markets: Iterable[str] = (),
    classes: Iterable[str] = (),
    by: str = "operator",
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    *,
    fields: tuple[str, str, str] = ("markets", "classes", "by"),
    switch_fields: tuple[str, str] = ("fabs_off", "fabs_on"),
) -> SourcingView:
    """``table``: one row per market, node class and operator (``by``: or region, or producer) with
    a sourced or served share in ``year`` (columns: see the module docstring and ``_COLUMNS``, whose
    ``key`` is named by ``by``: the operator id, region or producer id; a region's "other fabs" are
    ``other fabs <REGION>`` among the operators), and ``unplaced``: the sourced operators without
    capacity (`Unplaced`, for the caption of every grouping:
    `chipshock.present.sourcing_notes.unplaced_note`). ``markets`` / ``classes`` filter (all when
    empty); an unknown one is an error naming the field (``fields``: the caller's names for markets,
    classes and by), the value and the choices; a switched fab that changes nothing is
    `check_sourcing_switches`' error (``switch_fields``). Sorted by market, class and served share
    (largest first). By operator, an operator the rows source but without a fab with capacity in the
    class that year has a row with sourced and served 0, method kind ``unplaced`` and the row's
    share in ``row_share_pct`` (NaN where no row of the operator is read).

    >>> t = sourcing_table(ModelData.tiny(), 2026, ["automotive"], ["gt45"], by="region").table
    >>> t[["region", "served_pct", "method_kind"]].values.tolist()
    [['JPN', 50.0, 'capacity'], ['TWN', 50.0, 'capacity']]
    """
    if by not in SOURCING_BY:
        raise unknown_code("grouping", by, SOURCING_BY, fields[2])
    fabs_off, fabs_on = list(fabs_off), list(fabs_on)
    check_sourcing_switches(data, year, fabs_off, fabs_on, switch_fields)
    net = build_network(data, [int(year)], fabs_off, fabs_on)
    mk, demand = normal_demand(data, net, year)
    want_m = list(dict.fromkeys(markets)) or list(mk)
    want_c = list(dict.fromkeys(classes)) or list(net.classes)
    for m in want_m:
        if m not in mk:
            raise unknown_code("market", m, mk, fields[0])
    for c in want_c:
        if c not in net.classes:
            raise unknown_code("node class", c, net.classes, fields[1])
    sourced, share = sourced_and_served(data, net, mk, demand)
    methods = _methods(data, mk, net.classes)
    names = operator_names(data)
    unplaced = _unplaced(net, int(year), want_m, want_c, methods, names)
    keys = []
    for p in net.producers:
        if by == "producer":
            keys.append(p.producer_id)
        elif by == "region":
            keys.append(p.region)
        else:
            keys.append(p.operator_id if p.itemised else f"other fabs {p.region}")
    rows = []
    for m in want_m:
        mi = mk.index(m)
        for c in want_c:
            ci = net.classes.index(c)
            kind, cited = methods[(m, c)]
            members = [i for i, p in enumerate(net.producers) if p.node_class == c]
            for key in dict.fromkeys(keys[i] for i in members):
                # only the fabs with capacity this year: a region or fab without any sources
                # nothing, and is no place the market's chips are made
                mine = [i for i in members if keys[i] == key and net.capacity[i, 0] > 0]
                if not mine:
                    continue
                s0 = float(sourced[mi, mine, 0].sum())
                s1 = float(share[mi, mine, 0].sum())
                if s0 <= 0 and s1 <= 0:
                    continue
                p0 = net.producers[mine[0]]
                if by == "operator" and p0.itemised:
                    name = str(names.get(key, key))
                elif by == "producer":
                    name = p0.name
                else:
                    name = key
                listed = by == "operator" and key in cited
                url, as_of, conf, row_share = cited[key] if listed else ("", "", "", np.nan)
                rows.append(
                    {
                        "year": int(year),
                        "market": m,
                        "node_class": c,
                        "key": key,
                        "name": name,
                        "regions": ", ".join(dict.fromkeys(net.producers[i].region for i in mine)),
                        "sourced_pct": 100.0 * s0,
                        "served_pct": 100.0 * s1,
                        "served_kwspm": float(demand[mi, ci, 0]) * s1,
                        "method_kind": _method(kind, by, listed),
                        "row_share_pct": row_share,
                        "source_url": url,
                        "as_of": as_of,
                        "confidence": conf,
                    }
                )
    if by == "operator":
        rows += [
            {
                "year": u.year,
                "market": u.market,
                "node_class": u.node_class,
                "key": u.operator_id,
                "name": u.name,
                "regions": "",
                "sourced_pct": 0.0,
                "served_pct": 0.0,
                "served_kwspm": 0.0,
                "method_kind": "unplaced",
                "row_share_pct": u.share_pct,
                "source_url": u.source_url,
                "as_of": u.as_of,
                "confidence": u.confidence,
            }
            for u in unplaced
        ]
    out = pd.DataFrame(rows, columns=_COLUMNS)
    if out.empty:
        return SourcingView(out.rename(columns={"key": by}), unplaced)
    order = {m: i for i, m in enumerate(want_m)}
    corder = {c: i for i, c in enumerate(want_c)}
    out = out.assign(_m=out["market"].map(order), _c=out["node_class"].map(corder))
    out = out.sort_values(["_m", "_c", "served_pct"], ascending=[True, True, False], kind="stable")
    table = out.drop(columns=["_m", "_c"]).rename(columns={"key": by}).reset_index(drop=True)
    return SourcingView(table, unplaced)


def _unplaced(
    net: Network,
    year: int,
    markets: Sequence[str],
    classes: Sequence[str],
    methods: dict[tuple[str, str], tuple[str, _Cited]],
    names: dict[str, str],
) -> tuple[Unplaced, ...]:
    """The operators the rows of each market and class source (share > 0) that have no
    producer with capacity in the class in the network's (one) year; none for a class without
    any capacity (the class has no table then)."""
    out = []
    for m in markets:
        for c in classes:
            members = [i for i, p in enumerate(net.producers) if p.node_class == c]
            if float(net.capacity[members, 0].sum()) <= 0:
                continue
            running = {
                net.producers[i].operator_id
                for i in members
                if net.producers[i].itemised and net.capacity[i, 0] > 0
            }
            for op, (url, as_of, conf, share) in methods[(m, c)][1].items():
                if share > 0 and op not in running:
                    out.append(Unplaced(year, m, c, op, names.get(op, op), share, url, as_of, conf))
    return tuple(out)
