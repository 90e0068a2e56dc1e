"""Fab capacity steps: each registered fab's capacity in a node class over the years, from its
``fab_capacity.csv`` rows (capacity in thousand 300 mm-equivalent wafer starts per month,
kwspm, per year y):

    fab[f, c, y] = capacity_wspm of f's fab_capacity row in class c with the greatest
                   year <= y, / 1000   (0 before its first row; a 0 row closes it)

The producers (`chipshock.sim.network.producers`), the scenario overrides
(`chipshock.sim.network.overrides`) and the switch checks (`chipshock.sim.network.switches`)
all read a fab's rows this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.sim.data import ModelData

__all__ = ["capacity_step", "capacity_steps_by_fab", "fab_capacity_rows"]

F64 = npt.NDArray[np.float64]


def fab_capacity_rows(data: ModelData) -> pd.DataFrame:
    """The ``fab_capacity`` rows of fabs in the registry (empty if the table is absent)."""
    fc = data.fab_capacity
    if fc.empty:
        return fc
    return fc[fc["fab_id"].astype(str).isin(set(data.fabs["fab_id"].astype(str)))]


def capacity_step(rows: pd.DataFrame, years: Sequence[int]) -> F64:
    """Step function over ``years`` of one fab/class: the row with the greatest year <= y."""
    ry = rows["year"].astype(int).to_numpy(dtype=np.int64)
    return _step_of(
        ry, rows["capacity_wspm"].astype(float).to_numpy(dtype=np.float64) / 1000.0, years
    )


def _step_of(
    row_years: npt.NDArray[np.integer[Any]],
    kwspm: npt.NDArray[np.floating[Any]],
    years: Sequence[int],
) -> F64:
    """`capacity_step` of one fab/class's rows given as arrays (their years and kwspm, in file
    order): in each of ``years`` the kwspm of the row with the greatest year <= y, 0 before the
    first (of rows of one year, the last in file order)."""
    order = np.argsort(row_years, kind="stable")
    k = np.searchsorted(row_years[order], np.asarray(years, dtype=np.int64), side="right") - 1
    out = np.zeros(len(years))
    held = k >= 0
    out[held] = kwspm[order][k[held]]
    return out


def capacity_steps_by_fab(fc: pd.DataFrame, ext: Sequence[int]) -> dict[str, dict[str, F64]]:
    """`capacity_step` over ``ext`` of every fab and class of the ``fab_capacity`` rows ``fc``,
    by fab id and class: the table is read once rather than filtered per fab (a network has some
    200 fabs, and a contribution analysis builds one per side)."""
    if fc.empty:
        return {}
    rows_of: dict[tuple[str, str], list[int]] = {}
    fab_ids = fc["fab_id"].astype(str).to_numpy()
    classes = fc["node_class"].astype(str).to_numpy()
    for i, key in enumerate(zip(fab_ids, classes, strict=True)):
        rows_of.setdefault(key, []).append(i)
    row_years = fc["year"].astype(int).to_numpy(dtype=np.int64)
    kwspm = fc["capacity_wspm"].astype(float).to_numpy(dtype=np.float64) / 1000.0
    out: dict[str, dict[str, F64]] = {}
    for (fid, c), at in rows_of.items():
        out.setdefault(fid, {})[c] = _step_of(row_years[at], kwspm[at], ext)
    return out
