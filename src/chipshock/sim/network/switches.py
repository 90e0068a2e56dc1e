"""Fab switches that would change nothing: the fabs a scenario switches on although the model
already counts them (`running_switches`), and the fabs it switches off or on although they have
no capacity in the model in its years (`uncounted_switches`), both with the capacity as
`chipshock.sim.network.producers.build_network` computes it (the fab's ``fab_capacity.csv``
rows, `chipshock.sim.network.fab_steps`, and the scenario's overrides,
`chipshock.sim.network.overrides`); `years_text` writes the years they run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import FabOverride
from chipshock.sim.data import ModelData
from chipshock.sim.network.fab_steps import capacity_step, fab_capacity_rows
from chipshock.sim.network.overrides import fab_class_guess, override_capacities
from chipshock.sim.network.regional import node_classes

__all__ = ["running_switches", "uncounted_switches", "years_text"]

F64 = npt.NDArray[np.float64]


def _capacities(
    row: pd.Series,
    rows: pd.DataFrame,
    years: Sequence[int],
    classes: Sequence[str],
    overrides: Sequence[FabOverride],
) -> tuple[dict[str, F64], dict[str, str]]:
    """The capacity (kwspm) per class of the fab ``row`` in ``years`` as `build_network`
    computes it from its ``fab_capacity`` ``rows`` and the scenario's ``overrides``, and where
    each class's capacity comes from ("fab_capacity.csv" or "fab_override[i]")."""
    fid = str(row["fab_id"])
    caps: dict[str, F64] = {
        c: capacity_step(rows[rows["node_class"].astype(str) == c], years)
        for c in (sorted(set(rows["node_class"].astype(str))) if not rows.empty else [])
        if c in classes
    }
    source = dict.fromkeys(caps, "fab_capacity.csv")
    for i, ov in enumerate(overrides):  # an override's own problems are build_network's
        if ov.fab == fid:
            changed = override_capacities(ov, i, rows, years, classes, fab_class_guess(row), [])
            caps.update(changed)
            source.update(dict.fromkeys(changed, f"fab_override[{i}]"))
    return caps, source


def _registered(
    data: ModelData, fabs: Iterable[str]
) -> Iterator[tuple[str, pd.Series, pd.DataFrame]]:
    """Each id of ``fabs`` in the registry once, with its fabs.csv row and its fab_capacity.csv
    rows (ids not in the registry are left out: the caller's unknown-fab error)."""
    fabs_by_id = data.fabs.set_index("fab_id", drop=False)
    fc = fab_capacity_rows(data)
    for fid in dict.fromkeys(fabs):
        if fid not in fabs_by_id.index:
            continue
        row: pd.Series = fabs_by_id.loc[fid]  # type: ignore[assignment]
        yield fid, row, (fc[fc["fab_id"].astype(str) == fid] if not fc.empty else fc)


def running_switches(
    data: ModelData,
    years: Sequence[int],
    fabs: Iterable[str],
    overrides: Sequence[FabOverride] = (),
) -> dict[str, str]:
    """The fabs of ``fabs`` that the model already counts in ``years`` without any switch (not
    cancelled in the registry, not a packaging site, capacity above 0 in one of the years, as
    `build_network` computes it with the scenario's ``overrides``), each with the years it runs
    and its capacity: "in 2027–2030 (lt10 2,000–6,000 wspm: fab_capacity.csv)". Switching such a
    fab on changes nothing (``fabs_on`` only brings back a cancelled fab); ids not in the
    registry are left out (the caller's unknown-fab error).

    >>> running_switches(ModelData.tiny(), [2026, 2027, 2028], ["tiny-fab1"])
    {'tiny-fab1': 'in 2027–2028 (lt10 5,000–10,000 wspm: fab_capacity.csv)'}
    """
    classes = node_classes(data)
    years = tuple(int(y) for y in years)
    out: dict[str, str] = {}
    for fid, row, rows in _registered(data, fabs):
        if str(row["segment"]) == "packaging" or str(row["status"]) == "cancelled":
            continue
        caps, source = _capacities(row, rows, years, classes, overrides)
        parts = []
        runs: set[int] = set()
        sources: list[str] = []
        for c in [c for c in classes if c in caps]:
            v = caps[c] * 1000.0
            on = v > 0
            if not on.any():
                continue
            runs |= {y for y, o in zip(years, on, strict=True) if o}
            lo, hi = float(v[on].min()), float(v[on].max())
            size = f"{lo:,.0f}" if round(lo) == round(hi) else f"{lo:,.0f}–{hi:,.0f}"
            parts.append(f"{c} {size} wspm")
            sources.append(source[c])
        if parts:
            out[fid] = (
                f"in {years_text(sorted(runs))} ({', '.join(parts)}: "
                f"{', '.join(dict.fromkeys(sources))})"
            )
    return out


def years_text(ys: Sequence[int]) -> str:
    """ "2027", "2026–2030", "2026, 2030" (years not in a row).

    >>> years_text([2027]), years_text([2026, 2027, 2028]), years_text([2026, 2030])
    ('2027', '2026–2028', '2026, 2030')
    """
    if len(ys) == 1:
        return str(ys[0])
    if list(ys) == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


def uncounted_switches(
    data: ModelData,
    years: Sequence[int],
    fabs: Iterable[str],
    kind: str,
    overrides: Sequence[FabOverride] = (),
) -> dict[str, str]:
    """Why switching each of ``fabs`` off or on (``kind`` "fabs_off" or "fabs_on") would change
    nothing in ``years``: the fab has no capacity in the model in any of them (as
    `build_network` computes it, with the scenario's ``overrides``). Fabs with capacity, and
    ids not in the registry (the caller's unknown-fab error), are left out.

    Reasons: a packaging site (no wafer capacity in the model); a fab the registry has
    cancelled, switched off (the model gives it no capacity anyway); no ``fab_capacity.csv``
    row and no override (the model counts it as zero); rows (or an override) whose capacity
    lies outside ``years``."""
    classes = node_classes(data)
    years = tuple(int(y) for y in years)
    out: dict[str, str] = {}
    for fid, row, rows in _registered(data, fabs):
        if str(row["segment"]) == "packaging":
            out[fid] = (
                "it is a packaging site (segment packaging in fabs.csv): packaging sites hold "
                "no wafer capacity in the model"
            )
            continue
        if kind == "fabs_off" and str(row["status"]) == "cancelled":
            out[fid] = "it is cancelled in fabs.csv: the model gives a cancelled fab no capacity"
            continue
        caps, _ = _capacities(row, rows, years, classes, overrides)
        mine = [ov for ov in overrides if ov.fab == fid]
        if any(float(v.max()) > 0 for v in caps.values()):
            continue
        if not caps:
            out[fid] = (
                "it is cancelled in fabs.csv and has"
                if str(row["status"]) == "cancelled"
                else "it has"
            ) + " no fab_capacity.csv row: the model counts it as zero"
            continue
        pos = rows[rows["capacity_wspm"].astype(float) > 0] if not rows.empty else rows
        if mine:
            out[fid] = "its capacity (fab_override) lies outside these years"
        elif pos.empty:
            out[fid] = "its fab_capacity.csv rows are all 0"
        elif int(pos["year"].astype(int).min()) > max(years):
            out[fid] = (
                "its fab_capacity.csv rows give it capacity from "
                f"{int(pos['year'].astype(int).min())} only"
            )
        else:
            out[fid] = "its fab_capacity.csv rows close it (capacity 0) before these years"
    return out
