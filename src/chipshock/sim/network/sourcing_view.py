"""Who makes each end market's chips in one year: the sourcing of `chipshock.sim.network.sourcing`
as a table a reader can check against its rows (`chipshock sourcing`, GET /api/sourcing).

For each market and node class, per operator (or region, or producer): the share of the
market's wafers in that class the sourcing rows give it (``sourced_pct``, step 1 of
`chipshock.sim.network.sourcing`), the share it serves once no producer is given more normal
orders than its class's utilisation of its capacity (``served_pct``, step 2: what the engine
runs), the wafers that is (``orders_kwspm``), and where the sourced share comes from
(``method``, and for an operator the row's source, date and confidence).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.model.market_schema import MARKETS
from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import market_arrays
from chipshock.sim.network.producers import Network, build_network
from chipshock.sim.network.sourcing import sourced_and_served
from chipshock.sim.units import WEEKLY_FACTOR

__all__ = [
    "SOURCING_BY",
    "SOURCING_NOTE",
    "SOURCING_SOURCE",
    "normal_demand",
    "operator_names",
    "sourcing_view",
]

F64 = npt.NDArray[np.float64]

#: what `sourcing_view` can sum by
SOURCING_BY = ("operator", "region", "producer")

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
    "orders_kwspm",
    "method",
    "source_url",
    "as_of",
    "confidence",
]


_Cited = dict[str, tuple[str, str, str]]


def _methods(
    data: ModelData, markets: Sequence[str], classes: Sequence[str]
) -> dict[tuple[str, str], tuple[str, _Cited]]:
    """(market, class) -> (method text, {operator: (source_url, as_of, confidence)})."""
    ss = data.sourcing_shares
    out: dict[tuple[str, str], tuple[str, _Cited]] = {}
    for c in classes:
        whole = ss[(ss["market"] == "all") & (ss["node_class"] == c)]
        for m in markets:
            own = ss[(ss["market"] == m) & (ss["node_class"] == c)]
            if not own.empty:
                rows, text = own, f"sourcing_shares.csv: {m} rows, the rest by capacity"
            elif not whole.empty:
                rows, text = whole, "sourcing_shares.csv: all rows, the rest by capacity"
            else:
                rows, text = whole, "by capacity"
            out[(m, c)] = (
                text,
                {
                    str(r.operator_id): (str(r.source_url), str(r.as_of), str(r.confidence))
                    for r in rows.itertuples()
                },
            )
    return out


def _method(text: str, by: str, listed: bool) -> str:
    """The method of one row: the market and class's (``text``), or for an operator that no
    row lists, that it has its share of the rest by capacity."""
    if by != "operator" or listed or text == "by capacity":
        return text
    return "the rest, by capacity"


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


def sourcing_view(
    data: ModelData,
    year: int,
    markets: Iterable[str] = (),
    classes: Iterable[str] = (),
    by: str = "operator",
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    *,
    fields: tuple[str, str, str] = ("markets", "classes", "by"),
) -> pd.DataFrame:
    """One row per market, node class and operator (``by``: or region, or producer) with a
    sourced or served share in ``year`` (columns: see the module docstring and ``_COLUMNS``,
    whose ``key`` is named by ``by``: the operator id, region or producer id; a region's
    "other fabs" are ``other fabs <REGION>`` among the operators). ``markets`` / ``classes``
    filter (all when empty); an unknown one is an error naming the field (``fields``: the
    caller's names for markets, classes and by), the value and the choices. Sorted by market,
    class and served share (largest first).

    >>> t = sourcing_view(ModelData.tiny(), 2026, ["automotive"], ["gt45"], by="region")
    >>> t[["region", "served_pct", "method"]].values.tolist()
    [['JPN', 50.0, 'by capacity'], ['TWN', 50.0, 'by capacity']]
    """
    if by not in SOURCING_BY:
        raise unknown_code("grouping", by, SOURCING_BY, fields[2])
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
            text, cited = methods[(m, c)]
            members = [i for i, p in enumerate(net.producers) if p.node_class == c]
            for key in dict.fromkeys(keys[i] for i in members):
                mine = [i for i in members if keys[i] == key]
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
                url, as_of, conf = cited[key] if listed else ("", "", "")
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
                        "orders_kwspm": float(demand[mi, ci, 0]) * s1,
                        "method": _method(text, by, listed),
                        "source_url": url,
                        "as_of": as_of,
                        "confidence": conf,
                    }
                )
    out = pd.DataFrame(rows, columns=_COLUMNS)
    if out.empty:
        return out.rename(columns={"key": by})
    order = {m: i for i, m in enumerate(want_m)}
    corder = {c: i for i, c in enumerate(want_c)}
    out = out.assign(_m=out["market"].map(order), _c=out["node_class"].map(corder))
    out = out.sort_values(["_m", "_c", "served_pct"], ascending=[True, True, False], kind="stable")
    return out.drop(columns=["_m", "_c"]).rename(columns={"key": by}).reset_index(drop=True)
