"""Demand by market and node class, chip value, downstream output value and priorities.

Chip demand of market m in year y (USD bn a year), `market_demand_usd_bn`:
    D[m, y] = chip_demand_usd[m] * (1 + growth[m]) ** (y - demand_year[m])   (end_markets.csv)
except where market_demand_path.csv has rows for m, at years p_0 < ... < p_k with levels v_i:
    D[m, p_i] = v_i                                        (a row replaces it in its own year)
    D[m, y]   = v_i * (v_{i+1} / v_i) ** ((y - p_i) / (p_{i+1} - p_i))   for p_i < y < p_{i+1}
    D[m, y]   = v_k * (1 + growth[m]) ** (y - p_k)         for y > p_k (growth from the last row)
    D[m, y]   = end_markets' formula above                 for y < p_0
A market without path rows keeps end_markets' formula in every year, bit for bit.

Normal utilisation of node class c in year y (`class_utilisation_path`):
    u[c, y] = utilisation_path.csv's row (c, y)       where the file has one
    u[c, y] = model_assumptions.csv utilisation_<c>   in every other year (the long-run normal)
No interpolation between path years and no carrying a path year forward: a source gives the
tightness of the years it names (DRAM makers running full in 2026-27, 8-inch foundries in
2026), and the cycle turns after them, so a year without a source falls back on the long-run
row, not on its neighbour. A class without path rows holds utilisation_<c> in every year, bit
for bit as before the file existed.

Downstream output value of market m in year y (USD per week, for ``loss_usd_bn``):
    V[m, y] = D[m, y] * 1e9 * value_multiplier[m] / 52
and the market mix of each class's wafers is D[m, y] x the market's share of the class /
the class's chip value per wafer, normalised over markets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.data import ModelData, num
from chipshock.sim.units import WEEKLY_FACTOR, WEEKS_PER_YEAR

__all__ = [
    "MarketArrays",
    "class_utilisation",
    "class_utilisation_path",
    "market_arrays",
    "market_country_output",
    "market_demand_rows",
    "market_demand_usd_bn",
]

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class MarketArrays:
    """Demand side of `Prepared` (M markets, C classes, Y years)."""

    demand: F64  # [M, C, Y] k-wafers/week
    usd_per_wafer: F64  # [C]
    output_value_usd: F64  # [M, Y]
    value_multiplier: F64  # [M]
    priority: F64  # [M]


def class_utilisation(data: ModelData, classes: Sequence[str]) -> F64:
    """Normal utilisation u[c] of each node class: the model_assumptions.csv row
    ``utilisation_<class>`` (one value held for every year of the horizon). A class without its
    row is an error naming ``model_assumptions.utilisation_<class>``; no default. This is the
    long-run normal; the engine reads `class_utilisation_path`, which replaces it in the years
    utilisation_path.csv gives."""
    out = np.zeros(len(classes))
    for i, c in enumerate(classes):
        name = f"utilisation_{c}"
        try:
            out[i] = data.assumption(name)
        except KeyError:
            raise invalid_value(
                f"model_assumptions.{name}",
                "missing",
                f"a row {name} in model_assumptions.csv (0 < value <= 1: the normal "
                f"utilisation of node class {c})",
            ) from None
    return out


def class_utilisation_path(data: ModelData, classes: Sequence[str], years: Sequence[int]) -> F64:
    """Normal utilisation u[c, y] [C, Y] (the module's rule): utilisation_path.csv's row for the
    class and year where there is one, else the class's model_assumptions.csv row
    (`class_utilisation`). A path row for a class outside ``classes`` or a year outside
    ``years`` is not used. A second row for a class and year, or a value outside 0 < u <= 1, is
    an error naming the field (the curated checks say the same with file and row).

    >>> data = ModelData.tiny()
    >>> class_utilisation_path(data, ["lt10"], [2026, 2027]).tolist()
    [[0.8, 0.8]]
    """
    classes, years = list(classes), [int(y) for y in years]
    u = class_utilisation(data, classes)
    out = np.repeat(u[:, None], len(years), axis=1)
    seen: set[tuple[str, int]] = set()
    for r in data.utilisation_path.itertuples():
        c, y, v = str(r.node_class), int(num(r.year)), num(r.utilisation)
        where = f"utilisation_path.{c}.{y}"
        if (c, y) in seen:
            raise invalid_value(where, "a second row", "one row per node class and year")
        seen.add((c, y))
        if not 0.0 < v <= 1.0:
            raise invalid_value(f"{where}.utilisation", v, "0 < utilisation <= 1")
        if c in classes and y in years:
            out[classes.index(c), years.index(y)] = v
    return out


def market_arrays(
    scenario: Scenario,
    data: ModelData,
    classes: Sequence[str],
    mk: Sequence[str],
    years: Sequence[int],
    world: F64,
) -> MarketArrays:
    """Demand [M, C, Y] = the class's utilisation u[c, y] (`class_utilisation_path`) * world
    capacity *
    weekly factor * market mix (each market's chip demand D[m, y] of `market_demand_usd_bn` x
    its share of the class / the class's chip value per wafer, normalised over markets), chip
    value per wafer, V[m, y] = D[m, y] * 1e9 * value_multiplier[m] / 52 and priority weights w[m]
    (``[priorities]``, 1 where not given; fields named ``priorities.<market>``). Wherever supply
    is short the allocation gives the orders market m needs now the fraction min(1, lambda w[m])
    and the rest of its orders (double orders, restocking) min(1, lambda)
    (`chipshock.sim.engine.allocation`).
    ``world`` [C, Y] is the data's world capacity per class (`Network.world`: global_capacity.csv
    less the regional projections' capacity ahead of the registry), the same in every
    scenario of the data."""
    mk = list(mk)
    classes = list(classes)
    u = class_utilisation_path(data, classes, years)  # [C, Y]
    gcap = np.asarray(world, dtype=float)  # [C, Y]
    em = data.end_markets.set_index("market_id")
    wv = data.wafer_value.set_index("node_class")["usd_per_wafer"].astype(float)
    usd = np.array([float(wv[c]) for c in classes])
    mnd = data.market_node_demand
    share = np.zeros((len(mk), len(classes)))
    for r in mnd.itertuples():
        if r.market_id in mk and r.node_class in classes:
            share[mk.index(str(r.market_id)), classes.index(str(r.node_class))] = (
                num(r.share_pct) / 100.0
            )
    mix = np.zeros((len(mk), len(classes), len(years)))
    out_value = np.zeros((len(mk), len(years)))
    paths = _path_rows(data)
    for mi, m in enumerate(mk):
        scale, grow = _demand_terms(em, paths.get(m, {}), m, years)
        mix[mi] = scale * share[mi][:, None] * grow[None, :] / usd[:, None]
        out_value[mi] = scale * 1e9 * grow * num(em.loc[m, "value_multiplier"]) / WEEKS_PER_YEAR
    tot = mix.sum(axis=0, keepdims=True)
    mix = np.divide(mix, tot, out=np.zeros_like(mix), where=tot > 0)
    demand = u[None, :, :] * gcap[None, :, :] * WEEKLY_FACTOR * mix
    mult = np.array([num(em.loc[m, "value_multiplier"]) for m in mk])
    prio = np.ones(len(mk))
    for m, w in scenario.priorities:
        if m not in mk:
            raise unknown_code("market", m, mk, f"priorities.{m}")
        if not w > 0:
            raise invalid_value(f"priorities.{m}", w, "a weight > 0")
        prio[mk.index(m)] = float(w)
    return MarketArrays(demand, usd, out_value, mult, prio)


def market_demand_usd_bn(data: ModelData, markets: Sequence[str], years: Sequence[int]) -> F64:
    """Chip demand D[m, y] of each market in each year, USD bn a year (the module's rule:
    end_markets.csv's level and growth, replaced by market_demand_path.csv's rows in their own
    years, geometric between them, growth after the last). The engine reads it here; a surface
    that shows a market's demand or output value by year must too (`market_demand_rows`:
    ``chipshock markets``, ``GET /api/markets``, the report's assumptions table).

    >>> d = market_demand_usd_bn(ModelData.tiny(), ["automotive"], [2024, 2025])
    >>> d.tolist()
    [[50.0, 50.0]]
    """
    em = data.end_markets.set_index("market_id")
    paths = _path_rows(data)
    out = np.zeros((len(markets), len(years)))
    for mi, m in enumerate(markets):
        if m not in em.index:
            raise unknown_code("market", m, [str(k) for k in em.index], "market")
        scale, grow = _demand_terms(em, paths.get(m, {}), m, years)
        out[mi] = scale * grow
    return out


#: ``basis`` of `market_demand_rows`: where D[m, y] comes from
DEMAND_BASES = ("path_row", "between_path_rows", "after_path_rows", "growth")

#: columns of `market_demand_rows`
DEMAND_COLUMNS = (
    "market_id",
    "name_en",
    "name_ja",
    "year",
    "chip_demand_usd_bn",
    "basis",
    "basis_year",
    "basis_year_to",
    "basis_growth_pct",
    "basis_usd_bn",
    "value_multiplier",
    "priority",
    "source_url",
    "as_of",
    "confidence",
)


def market_demand_rows(
    data: ModelData,
    years: Sequence[int],
    markets: Sequence[str] | None = None,
    priorities: Sequence[tuple[str, float]] = (),
    field: str = "markets",
) -> pd.DataFrame:
    """D[m, y] of `market_demand_usd_bn` as a table (`DEMAND_COLUMNS`), one row per market and
    year, market by market in end_markets.csv's order (``markets``: those only): the value, its
    ``basis`` (`DEMAND_BASES`: a market_demand_path.csv row of that year, geometric between two
    rows, the last row grown at end_markets' rate, or end_markets' level and growth) and its
    terms: ``basis_year`` (the path row, the earlier of two, the last, or end_markets'
    demand_year), ``basis_year_to`` (the later of two path rows, else None),
    ``basis_growth_pct`` (end_markets' rate, where the basis grows a level, else NaN) and
    ``basis_usd_bn`` (end_markets' level, for ``growth``, else NaN); the basis in words is the
    presentation layer's (`chipshock.present.demand_basis`), end_markets'
    value multiplier, the priority weight (a scenario's ``[priorities]``, ``priorities``; 1
    where not given, as the engine) and the source_url, as_of and confidence of the row(s) the
    value comes from (" ; " between two). A market that is not end_markets.csv's is an
    `UnknownCodeError` naming ``field`` and suggesting the id its everyday word names ("cars":
    automotive; `chipshock.sim._problems.MARKET_ALIASES`).

    >>> t = market_demand_rows(ModelData.tiny(), [2024])
    >>> t[["market_id", "chip_demand_usd_bn", "basis", "priority"]].values.tolist()
    [['automotive', 50.0, 'growth', 1.0], ['smartphones', 50.0, 'growth', 1.0]]
    """
    em = data.end_markets.set_index("market_id")
    known = [str(m) for m in data.end_markets["market_id"]]
    chosen = known if markets is None else list(markets)
    for m in chosen:
        if m not in known:
            raise unknown_code("market", m, known, field)
    weight = dict.fromkeys(chosen, 1.0)
    for m, w in priorities:
        if m not in known:
            raise unknown_code("market", m, known, f"priorities.{m}")
        weight[m] = float(w)
    values = market_demand_usd_bn(data, chosen, years)
    paths = _path_rows(data)
    path_table = data.market_demand_path
    out: list[dict[str, object]] = []
    for mi, m in enumerate(chosen):
        row = em.loc[m]
        path = paths.get(m, {})
        marks = sorted(path)
        rate = num(row["growth_pct_per_year"])
        level, base = num(row["chip_demand_usd_bn"]), int(num(row["demand_year"]))
        for yi, y in enumerate(years):
            basis, used = _basis(marks, int(y))
            cited = (
                [
                    _cited(
                        path_table[
                            (path_table["market_id"] == m) & (path_table["year"].map(num) == p)
                        ]
                    )
                    for p in used
                ]
                if used
                else [_cited(data.end_markets[data.end_markets["market_id"] == m])]
            )
            if basis == "after_path_rows":  # the growth rate is end_markets'
                cited.append(_cited(data.end_markets[data.end_markets["market_id"] == m]))
            out.append(
                {
                    "market_id": m,
                    "name_en": row.get("name_en"),
                    "name_ja": row.get("name_ja"),
                    "year": int(y),
                    "chip_demand_usd_bn": float(values[mi, yi]),
                    "basis": basis,
                    # the basis' terms: the path row(s) used, or end_markets' year, level and
                    # rate (the words are the presentation layer's)
                    "basis_year": used[0] if used else base,
                    "basis_year_to": used[1] if len(used) > 1 else None,
                    "basis_growth_pct": rate if basis in ("growth", "after_path_rows") else np.nan,
                    "basis_usd_bn": level if basis == "growth" else np.nan,
                    "value_multiplier": num(row["value_multiplier"]),
                    "priority": weight[m],
                    "source_url": " ; ".join(c[0] for c in cited),
                    "as_of": " ; ".join(c[1] for c in cited),
                    "confidence": " ; ".join(dict.fromkeys(c[2] for c in cited)),
                }
            )
    table = pd.DataFrame(out, columns=list(DEMAND_COLUMNS))
    # a path row's year stays an integer beside the rows without one (None, not NaN)
    table["basis_year_to"] = table["basis_year_to"].astype(object)
    return table


def _basis(marks: Sequence[int], year: int) -> tuple[str, tuple[int, ...]]:
    """(basis, the path years used) of D[m, year] (`market_demand_rows`): ``marks`` are the
    market's market_demand_path.csv years, in order.

    >>> _basis([2026, 2030], 2027), _basis([], 2027), _basis([2026, 2030], 2031)
    (('between_path_rows', (2026, 2030)), ('growth', ()), ('after_path_rows', (2030,)))
    """
    if not marks or year < marks[0]:
        return "growth", ()
    if year in marks:
        return "path_row", (year,)
    if year > marks[-1]:
        return "after_path_rows", (marks[-1],)
    before = max(p for p in marks if p <= year)
    after = min(p for p in marks if p > year)
    return "between_path_rows", (before, after)


def _cited(rows: pd.DataFrame) -> tuple[str, str, str]:
    """(source_url, as_of, confidence) of a one-row frame, "" where a cell is empty."""
    r = rows.iloc[0]
    return tuple(  # type: ignore[return-value]
        "" if pd.isna(r.get(c)) else str(r.get(c)) for c in ("source_url", "as_of", "confidence")
    )


def _demand_terms(
    em: pd.DataFrame, path: dict[int, float], market: str, years: Sequence[int]
) -> tuple[float, F64]:
    """(scale, grow[Y]) with D[m, y] = scale * grow[y]: without path rows scale is
    end_markets' level and grow its growth factor (the pre-path formula, bit for bit); with
    them scale is 1 and grow the levels in USD bn."""
    level = num(em.loc[market, "chip_demand_usd_bn"])
    rate = 1 + num(em.loc[market, "growth_pct_per_year"]) / 100.0
    base_year = num(em.loc[market, "demand_year"])
    grow = rate ** (np.asarray(years, float) - base_year)
    if not path:
        return level, grow
    marks = sorted(path)
    out = np.zeros(len(years))
    for i, y in enumerate(years):
        if y < marks[0]:
            out[i] = level * grow[i]
        elif y >= marks[-1]:
            out[i] = path[marks[-1]] * rate ** (y - marks[-1])
        else:
            after = next(p for p in marks if p > y)
            before = max(p for p in marks if p <= y)
            step = (y - before) / (after - before)
            out[i] = path[before] * (path[after] / path[before]) ** step
    return 1.0, out


def _path_rows(data: ModelData) -> dict[str, dict[int, float]]:
    """market_demand_path.csv as {market: {year: level USD bn}}; a row for a market that
    end_markets.csv lacks, a second row for a market and year, or a level not above zero is an
    error naming the field (the curated checks say the same with file and row)."""
    known = [str(m) for m in data.end_markets["market_id"]]
    out: dict[str, dict[int, float]] = {}
    for r in data.market_demand_path.itertuples():
        market, year, level = str(r.market_id), int(num(r.year)), num(r.chip_demand_usd_bn)
        where = f"market_demand_path.{market}.{year}"
        if market not in known:
            raise unknown_code("market", market, known, f"{where}.market_id")
        if year in out.get(market, {}):
            raise invalid_value(where, "a second row", "one row per market and year")
        if not level > 0:
            raise invalid_value(f"{where}.chip_demand_usd_bn", level, "a level > 0 USD bn")
        out.setdefault(market, {})[year] = level
    return out


def market_country_output(data: ModelData, mk: Sequence[str]) -> tuple[tuple[str, ...], F64]:
    """Countries of market_country_output.csv and the [M, N] output share of each market."""
    mk = list(mk)
    mco = data.market_country_output
    out_c = tuple(sorted(set(mco["country"].astype(str))))
    mco_arr = np.zeros((len(mk), len(out_c)))
    for r in mco.itertuples():
        if r.market_id in mk:
            mco_arr[mk.index(str(r.market_id)), out_c.index(str(r.country))] = (
                num(r.share_pct) / 100.0
            )
    return out_c, mco_arr
