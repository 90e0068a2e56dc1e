"""Demand by market and node class, chip value, downstream output value and priorities.

Downstream output value of market m in year y (USD per week, for ``loss_usd_bn``):
    V[m, y] = chip_demand_usd[m] * (1 + growth[m]) ** (y - demand_year[m])
              * value_multiplier[m] / 52
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.data import ModelData, num
from chipshock.sim.units import WEEKLY_FACTOR, WEEKS_PER_YEAR

__all__ = ["MarketArrays", "class_utilisation", "market_arrays", "market_country_output"]

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
    row is an error naming ``model_assumptions.utilisation_<class>``; no default."""
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


def market_arrays(
    scenario: Scenario,
    data: ModelData,
    classes: Sequence[str],
    mk: Sequence[str],
    years: Sequence[int],
    world: F64,
) -> MarketArrays:
    """Demand [M, C, Y] = the class's utilisation u[c] (`class_utilisation`) * world capacity *
    weekly factor * market mix, chip value per wafer, V[m, y] and priority weights w[m]
    (``[priorities]``, 1 where not given; fields named ``priorities.<market>``). Wherever supply
    is short the allocation gives the orders market m needs now the fraction min(1, lambda w[m])
    and the rest of its orders (double orders, restocking) min(1, lambda)
    (`chipshock.sim.engine.allocation`).
    ``world`` [C, Y] is the data's world capacity per class (`Network.world`: global_capacity.csv
    less the regional projections' capacity ahead of the registry), the same in every
    scenario of the data."""
    mk = list(mk)
    classes = list(classes)
    u = class_utilisation(data, classes)  # [C]
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
    for mi, m in enumerate(mk):
        grow = (1 + num(em.loc[m, "growth_pct_per_year"]) / 100.0) ** (
            np.asarray(years, float) - num(em.loc[m, "demand_year"])
        )
        mix[mi] = (
            num(em.loc[m, "chip_demand_usd_bn"]) * share[mi][:, None] * grow[None, :] / usd[:, None]
        )
        out_value[mi] = (
            num(em.loc[m, "chip_demand_usd_bn"])
            * 1e9
            * grow
            * num(em.loc[m, "value_multiplier"])
            / WEEKS_PER_YEAR
        )
    tot = mix.sum(axis=0, keepdims=True)
    mix = np.divide(mix, tot, out=np.zeros_like(mix), where=tot > 0)
    demand = u[None, :, None] * gcap[None, :, :] * WEEKLY_FACTOR * mix
    mult = np.array([num(em.loc[m, "value_multiplier"]) for m in mk])
    prio = np.ones(len(mk))
    for m, w in scenario.priorities:
        if m not in mk:
            raise unknown_code("market", m, mk, f"priorities.{m}")
        if not w > 0:
            raise invalid_value(f"priorities.{m}", w, "a weight > 0")
        prio[mk.index(m)] = float(w)
    return MarketArrays(demand, usd, out_value, mult, prio)


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
