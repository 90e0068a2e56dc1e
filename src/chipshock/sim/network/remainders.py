"""The "other fabs" remainders: the explicit producer "other fabs (REGION, class)" that
reconciles a region's itemised fabs with its regional total, and the operators some of them
count as. No capacity is ever a default.

Equations (capacity in thousand 300 mm-equivalent wafer starts per month, kwspm, per year y):

    fab[f, c, y]   = a fab's capacity step (`chipshock.sim.network.fab_steps`)
    total[r, c, y] = regional total (`chipshock.sim.network.regional`: world capacity x
                     SIA/BCG share)
    item[r, c, y]  = sum_{f in (r, c), not cancelled} fab[f, c, y]   (the data's rows)
    lin[r, c, y]   = max(0, total[r, c, y] - item[r, c, y])
    other[r, c, y] = lin[r, c, y]                                  for y <= Yo[c]
                   = min(lin, max(total - max_{y <= y' <= Ye[c]} item[r, c, y'],
                                  lin[r, c, Yo[c]]))               for y >  Yo[c]
    ahead[r, c, y] = lin[r, c, y] - other[r, c, y]
    residual[r, c, y] = min(0, total - item)   reported, never hidden (itemised fabs above
                                               the total)

``Yo[c]`` is the class's last anchor year that is an observation and ``Ye[c]`` its last anchor
year (`chipshock.sim.network.regional.anchor_span`: SIA/BCG observed 2022 and project 2032).
Between them the regional totals are a straight line towards a projection, and a projection
counts the fabs being built: Japan's leading edge goes from 0 % of the world in 2022 to 5 % in
2032 because Rapidus and JASM's second fab are coming. The line would give Japan 26k wafers a
month of unnamed leading-edge capacity in 2027, while the registry dates those very fabs'
ramps later; a scenario that switches them off would keep the unnamed copy. So after ``Yo``
the "other fabs" remainder holds at most what no registered fab brings later (total less the
most the region's fabs reach by ``Ye``), and never less than the remainder observed at
``Yo`` (unnamed fabs that existed then, held flat), nor more than ``lin``. ``ahead`` is the
capacity the straight line puts in a year ahead of the registry: it is not in the model,
shown in the capacity table, and taken out of the class's world capacity that normal demand
is scaled to (``world[c, y] = global[c, y] - sum_r ahead[r, c, y]``,
`chipshock.sim.demand.markets`), so that baseline utilisation stays the data's.

A remainder normally has no operator ("other fabs" of many makers). Where
``remainder_operators.csv`` names the one operator that makes every wafer of a region and class
(Taiwan's <10nm: TSMC), the remainder is *counted as* that operator's
(``chipshock.sim.network.producers.Producer.counted_as``): a ``firm`` shock on the operator
reaches it (`chipshock.sim.shocks.compile`), it joins the operator's same-operator substitution
group (`chipshock.sim.network.substitution`) and the operator's packaging exemption covers it
(``Producer.exempt_id``). It keeps its id ``other:<REGION>:<class>``, its capacity and its share
of the sourcing (the sourced shares of ``sourcing_shares.csv`` still split over the operator's
itemised fabs only).

The remainders are computed from the data alone (`chipshock.sim.network.producers.network_base`):
switching a fab off or on, or overriding it, leaves them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["counted_label", "other_and_ahead", "remainder_operators"]

F64 = npt.NDArray[np.float64]


def remainder_operators(t: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """(region, node_class) -> (operator_id, source_url) of each row of ``t``
    (remainder_operators.csv): the cells whose "other fabs" remainder counts as one
    operator's."""
    return {
        (str(r), str(c)): (str(o), "" if pd.isna(u) else str(u))
        for r, c, o, u in zip(
            t["region"], t["node_class"], t["operator_id"], t["source_url"], strict=True
        )
    }


def counted_label(t: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(region, node_class) -> "<operator> (remainder_operators.csv: <source_url>)" for the
    rows of ``t`` (remainder_operators.csv): how the capacity and coverage tables name the
    operator a cell's "other fabs" count as."""
    return {
        k: f"{op} (remainder_operators.csv: {url})"
        for k, (op, url) in remainder_operators(t).items()
    }


def other_and_ahead(
    total: F64,
    item: F64,
    ext: Sequence[int],
    years: Sequence[int],
    span: Sequence[tuple[int, int]],
) -> tuple[F64, F64]:
    """``other`` and ``ahead`` [R, C, Y] over ``years`` from the regional totals and the
    itemised fabs [R, C, len(ext)] over the extended years ``ext`` (module docstring).

    >>> tot = np.array([[[0.0, 10.0, 20.0]]]); item = np.array([[[0.0, 0.0, 20.0]]])
    >>> o, a = other_and_ahead(tot, item, [2022, 2023, 2024], [2023], [(2022, 2024)])
    >>> float(o[0, 0, 0]), float(a[0, 0, 0])
    (0.0, 10.0)
    """
    at = {y: i for i, y in enumerate(ext)}
    lin = np.maximum(total - item, 0.0)
    other = np.empty((total.shape[0], total.shape[1], len(years)))
    for ci, (yo, ye) in enumerate(span):
        for yi, y in enumerate(years):
            k = at[y]
            if y <= yo or yo >= ye or yo not in at:
                other[:, ci, yi] = lin[:, ci, k]
                continue
            later = item[:, ci, k : at[ye] + 1] if y <= ye else item[:, ci, k : k + 1]
            free = np.maximum(total[:, ci, k] - later.max(axis=1), 0.0)
            other[:, ci, yi] = np.minimum(lin[:, ci, k], np.maximum(free, lin[:, ci, at[yo]]))
    ahead = lin[:, :, [at[y] for y in years]] - other
    return other, ahead
