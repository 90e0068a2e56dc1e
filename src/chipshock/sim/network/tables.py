"""Tables that show the supply network: capacity per region and class with the part held by
itemised fabs, by "other fabs" and any negative residual, and one row per producer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from chipshock.scenarios.model import FabOverride
from chipshock.sim._problems import all_of
from chipshock.sim.data import ModelData
from chipshock.sim.network.interventions import idle_switches
from chipshock.sim.network.producers import build_network
from chipshock.sim.network.regional import (
    anchor_sources,
    anchor_span,
    global_capacity,
    share_array,
)
from chipshock.sim.network.remainders import counted_label

__all__ = ["FALLEN_COLUMNS", "capacity_table", "fallen_fabs", "producer_table"]

_YEARS = tuple(range(2022, 2036))


def producer_table(
    data: ModelData,
    years: Sequence[int] | None = None,
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    overrides: Sequence[FabOverride] = (),
) -> pd.DataFrame:
    """One row per producer and year (see `Network.table`), plus one row per fab without
    capacity in the model (kind ``no capacity``, capacity NaN, source = the reason)."""
    net = build_network(data, list(years or _YEARS), fabs_off, fabs_on, overrides)
    table = net.table()
    if not net.uncounted.empty:
        fabs = data.fabs.set_index("fab_id")
        missing = pd.DataFrame(
            {
                "producer_id": net.uncounted["fab_id"],
                "name": [str(fabs.loc[f, "name"]) for f in net.uncounted["fab_id"]],
                "fab_id": net.uncounted["fab_id"],
                "operator_id": "",
                "country": [str(fabs.loc[f, "country"]) for f in net.uncounted["fab_id"]],
                "region": "",
                "node_class": "",
                "year": np.nan,
                "capacity_kwspm": np.nan,
                "kind": "no capacity",
                "source": net.uncounted["reason"],
            }
        )
        table = pd.concat([table, missing], ignore_index=True)
    return table


def capacity_table(
    data: ModelData,
    years: Sequence[int] | None = None,
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    overrides: Sequence[FabOverride] = (),
    *,
    fields: tuple[str, str] = ("fabs_off", "fabs_on"),
) -> pd.DataFrame:
    """Capacity per year, region and node class, and where it comes from.

    A fab in ``fabs_off`` or ``fabs_on`` without capacity in the model in ``years`` is an
    error naming the field (``fields``: the caller's names for the two, "--fabs-off" on the
    command line), the fab, why and the fix (`chipshock.sim.network.interventions.idle_switches`),
    never a table that says "Switched on: intel-magdeburg" and holds the same numbers.

    Columns: year, region, node_class, capacity_kwspm (what the model's producers hold),
    base_kwspm (regional total: world capacity x SIA/BCG share), ahead_of_registry_kwspm (the
    part of the total that a straight line towards a projection puts in this year although the
    region's registered fabs bring it only later: not in the model, see
    `chipshock.sim.network.remainders`), fab_adjustment_kwspm (capacity - (base - ahead): the
    itemised fabs' capacity above the regional total (-residual_kwspm), and fabs switched
    off/on or overridden; normal demand is scaled to base - ahead summed over the regions, so
    this is capacity that demand is not scaled to: docs/scenarios.md "Normal utilisation below
    the class's u"), itemised_kwspm (fabs with fab_capacity rows), other_fabs_kwspm (the explicit
    remainder), other_fabs_counted_as (the operator remainder_operators.csv counts the cell's
    other fabs as, with the row's source; "" for none), residual_kwspm (< 0 where the itemised
    fabs exceed the regional total; never hidden), share_source, capacity_source.

    >>> t = capacity_table(ModelData.tiny(), years=[2022])
    >>> float(t.loc[(t.region == "TWN") & (t.node_class == "lt10"), "capacity_kwspm"].iloc[0])
    60.0
    """
    yrs = [int(y) for y in (years if years is not None else _YEARS)]
    fabs_off, fabs_on = list(fabs_off), list(fabs_on)
    idle = [
        *idle_switches(data, yrs, fabs_off, "fabs_off", fields[0], overrides),
        *idle_switches(data, yrs, fabs_on, "fabs_on", fields[1], overrides),
    ]
    if idle:
        raise all_of(idle)
    net = build_network(data, yrs, fabs_off, fabs_on, overrides)
    reg, classes = net.regions, net.classes
    base = global_capacity(data, classes, yrs)[None] * share_array(data, reg, classes, yrs)
    src = anchor_sources(data, reg, classes)
    held = np.zeros_like(base)
    fab_part = np.zeros_like(base)
    for p, row in zip(net.producers, net.capacity, strict=True):
        ri, ci = reg.index(p.region), classes.index(p.node_class)
        held[ri, ci] += row
        if p.itemised:
            fab_part[ri, ci] += row
    res = net.residuals
    resid = {
        (str(r), str(c), int(str(y))): float(str(v))
        for r, c, y, v in zip(
            res["region"], res["node_class"], res["year"], res["residual_kwspm"], strict=True
        )
    }
    gc = data.global_capacity
    counted = counted_label(data.remainder_operators)
    rows = []
    for ci, c in enumerate(classes):
        gyears = sorted(int(v) for v in gc.loc[gc["node_class"] == c, "year"])
        for yi, y in enumerate(yrs):
            lo = max([g for g in gyears if g <= y], default=gyears[0])
            hi = min([g for g in gyears if g >= y], default=gyears[-1])
            cap_src = f"global_capacity.csv {c} {lo}" + (f"-{hi} interpolated" if lo != hi else "")
            for ri, r in enumerate(reg):
                rows.append(
                    {
                        "year": y,
                        "region": r,
                        "node_class": c,
                        "capacity_kwspm": float(held[ri, ci, yi]),
                        "base_kwspm": float(base[ri, ci, yi]),
                        "ahead_of_registry_kwspm": float(net.ahead[ri, ci, yi]),
                        "fab_adjustment_kwspm": float(
                            held[ri, ci, yi] - base[ri, ci, yi] + net.ahead[ri, ci, yi]
                        ),
                        "itemised_kwspm": float(fab_part[ri, ci, yi]),
                        "other_fabs_kwspm": float(held[ri, ci, yi] - fab_part[ri, ci, yi]),
                        "residual_kwspm": resid.get((r, c, y), 0.0),
                        "other_fabs_counted_as": counted.get((r, c), ""),
                        "share_source": f"{c} {r}: {src[ri * len(classes) + ci]}",
                        "capacity_source": cap_src,
                    }
                )
    return pd.DataFrame(rows)


#: columns of `fallen_fabs`
FALLEN_COLUMNS = (
    "year",
    "region",
    "node_class",
    "fab_id",
    "name",
    "observed_year",
    "peak_year",
    "peak_kwspm",
    "kwspm",
    "cell_fell_kwspm",
    "cell_held_kwspm",
)


def fallen_fabs(data: ModelData, years: Sequence[int]) -> pd.DataFrame:
    """The itemised fabs whose capacity in a region x class cell in one of ``years`` is below
    the most it reached since the cell's observed year (``observed_year``, Yo,
    `chipshock.sim.network.regional.anchor_span`): closures and shrinkage the registry records
    (review 11, finding 1). After Yo the regional total is a straight line towards an aggregate
    projection, net of closures, and does not fall with them: the "other fabs" remainder holds
    what they leave (the rule of `chipshock.sim.network.remainders`). Only years after Yo are
    listed; ``peak_year`` / ``peak_kwspm``: the fab's highest capacity in the cell from Yo to the
    year (the first year it was reached). Columns `FALLEN_COLUMNS`, by year, region, class and
    fab. ``cell_fell_kwspm``: what the cell's listed fabs lose from their peaks together;
    ``cell_held_kwspm``: the part of it the cell still has, i.e. that the remainder took up
    (the cell's capacity with every listed fab held at its peak, less its capacity as it is):
    all of it where the total is above the itemised fabs, less or none where they exceed it.

    >>> fallen_fabs(ModelData.tiny(), [2027]).columns.tolist() == list(FALLEN_COLUMNS)
    True
    """
    yrs = sorted({int(y) for y in years})
    classes = sorted({str(c) for c in data.fab_capacity["node_class"]})
    spans = dict(zip(classes, anchor_span(data, classes), strict=True))
    first = min((yo for yo, _ in spans.values() if yo > 0), default=0)
    if not yrs or not first or yrs[-1] <= first:
        return pd.DataFrame(columns=list(FALLEN_COLUMNS))
    all_years = list(range(first, yrs[-1] + 1))
    net = build_network(data, all_years)
    at = {y: i for i, y in enumerate(all_years)}
    rows = []
    for p, cap in zip(net.producers, net.capacity, strict=True):
        yo = spans.get(p.node_class, (0, 0))[0]
        if not p.itemised or yo not in at:
            continue
        for y in (y for y in yrs if y > yo):
            seen = np.asarray(cap[at[yo] : at[y] + 1], dtype=float)
            peak = int(np.argmax(seen))
            if float(cap[at[y]]) < float(seen[peak]) - 1e-9:
                rows.append(
                    {"year": y, "region": p.region, "node_class": p.node_class,
                     "fab_id": p.fab_id, "name": p.name, "observed_year": yo,
                     "peak_year": yo + peak, "peak_kwspm": float(seen[peak]),
                     "kwspm": float(cap[at[y]])}
                )  # fmt: skip
    out = pd.DataFrame(rows, columns=list(FALLEN_COLUMNS))
    if out.empty:
        return out
    # the counterfactual: every listed fab kept at its peak after its peak year
    fc = data.fab_capacity.copy()
    peaks = out.sort_values("peak_kwspm").drop_duplicates(["fab_id", "node_class"], keep="last")
    for fab, node, peak_year, peak in zip(
        peaks["fab_id"], peaks["node_class"], peaks["peak_year"], peaks["peak_kwspm"], strict=True
    ):
        later = (
            (fc["fab_id"].astype(str) == fab)
            & (fc["node_class"].astype(str) == node)
            & (fc["year"].astype(int) > int(peak_year))
        )
        fc.loc[later, "capacity_wspm"] = float(peak) * 1000.0
    kept = replace(data, fab_capacity=fc)
    now = capacity_table(data, years=yrs).set_index(["year", "region", "node_class"])
    if_kept = capacity_table(kept, years=yrs).set_index(["year", "region", "node_class"])
    drop = if_kept["capacity_kwspm"] - now["capacity_kwspm"]
    out["cell_fell_kwspm"] = (
        (out["peak_kwspm"] - out["kwspm"])
        .groupby([out["year"], out["region"], out["node_class"]])
        .transform("sum")
    )
    keys = list(zip(out["year"], out["region"], out["node_class"], strict=True))
    out["cell_held_kwspm"] = (
        (out["cell_fell_kwspm"] - np.array([float(drop.loc[k]) for k in keys]))
        .clip(lower=0.0)
        .round(6)
    )
    return out.sort_values(["year", "region", "node_class", "fab_id"]).reset_index(drop=True)
