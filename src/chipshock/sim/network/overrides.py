"""Scenario fab overrides: a scenario's ``[[fab_override]]`` replaces an itemised fab's capacity
function (`chipshock.sim.network.fab_steps`) by

    capacity_wspm * clip((y - start_year + 1) / ramp_years, 0, 1)

(missing keys are taken from the fab's own rows; a fab without rows above 0 in the class has
none to take them from, so there all three are required, ``ramp_years`` too: no ramp is
assumed) in the one class ``node_class`` names (the others keep their rows; a class the fab has
no rows in is an error, as is the same fab and class twice), or else in every class it has rows
in. Without ``node_class``, ``capacity_wspm`` on a fab with rows in several classes is the
fab's total: class c gets ``capacity_wspm * mix[c, y]``, its rows' share of the fab's rows in
year y (`_class_mix`), so the classes sum to the figure (review 8: each class got the whole
figure, doubling JASM Fab 1).

An override that could change nothing is an error too: on a packaging site (packaging sites
hold no wafer capacity in the model), or on a fab the registry has cancelled that ``fabs_on``
does not switch on (the override then gives the revived fab its capacity). Overrides act on
itemised fabs only, never on the "other fabs" remainders (`chipshock.sim.network.remainders`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import InputError, Problem, ScenarioError
from chipshock.scenarios.model import FabOverride
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.network.fab_steps import capacity_step

__all__ = ["fab_class_guess", "override_capacities", "override_problems"]

F64 = npt.NDArray[np.float64]


def override_problems(
    overrides: Sequence[FabOverride],
    fabs: pd.DataFrame,
    fc: pd.DataFrame,
    classes: Sequence[str],
    fabs_on: Iterable[str] = (),
) -> dict[int, InputError]:
    """What is wrong with each override's fab and class (by the override's index), checked
    before any capacity is computed and in the order that names the real problem first: an
    unknown fab, a fab the override cannot reach (a packaging site: no wafer capacity in the
    model; a cancelled fab not switched on by ``fabs_on``: the model gives it no capacity), an
    unknown class, a class the fab has no ``fab_capacity`` rows in, the same fab and class
    twice. (The keys an override leaves to the fab's rows are checked by
    `override_capacities`, for the overrides that pass these checks.)"""
    found: dict[int, InputError] = {}
    fab_ids = [str(f) for f in fabs.index]
    seen: dict[tuple[str, str], int] = {}
    on = set(fabs_on)
    for i, ov in enumerate(overrides):
        where = f"fab_override[{i}]"
        if ov.fab not in fabs.index:
            found[i] = unknown_code("fab", ov.fab, fab_ids, f"{where}.fab")
            continue
        if str(fabs.at[ov.fab, "segment"]) == "packaging":
            found[i] = invalid_value(
                f"{where}.fab",
                ov.fab,
                "a wafer fab (segment logic, foundry-mature or memory); packaging capacity "
                "enters as the inputs S3 and advanced_packaging (shock them instead)",
                f"{ov.fab} is a packaging site: packaging sites hold no wafer capacity in the "
                "model, so the override would change nothing",
            )
            continue
        if str(fabs.at[ov.fab, "status"]) == "cancelled" and ov.fab not in on:
            found[i] = invalid_value(
                f"{where}.fab",
                ov.fab,
                "the fab switched on as well, to model its revival: [[intervention]] "
                f'kind = "fabs_on", fabs = ["{ov.fab}"] (or --fabs-on {ov.fab})',
                f"{ov.fab} is cancelled in fabs.csv: the model gives a cancelled fab no "
                "capacity unless it is switched on, so the override alone would change nothing",
            )
            continue
        if ov.node_class and ov.node_class not in classes:
            found[i] = unknown_code("node class", ov.node_class, classes, f"{where}.node_class")
            continue
        own = _own_classes(fc, ov.fab, classes)
        if ov.node_class and own and ov.node_class not in own:
            found[i] = invalid_value(
                f"{where}.node_class",
                ov.node_class,
                f"a class it has rows in ({', '.join(own)}), or no node_class for "
                + ("all of them" if len(own) > 1 else "it"),
                f"{ov.fab} has capacity rows in {', '.join(own)} only",
            )
            continue
        for c in [ov.node_class] if ov.node_class else own or [""]:
            if (ov.fab, c) in seen:
                found[i] = invalid_value(
                    f"{where}.fab",
                    ov.fab,
                    f"one override per fab and class (fab_override[{seen[ov.fab, c]}] "
                    "overrides it already)",
                    "the same fab" + (f" and class {c}" if c else "") + " twice",
                )
                break
            seen[ov.fab, c] = i
    return found


def _own_classes(fc: pd.DataFrame, fab_id: str, classes: Sequence[str]) -> list[str]:
    """The model classes in which ``fab_id`` has ``fab_capacity`` rows."""
    if fc.empty:
        return []
    mine = set(fc.loc[fc["fab_id"].astype(str) == fab_id, "node_class"].astype(str))
    return [c for c in classes if c in mine]


#: What a ``[[fab_override]]`` on a fab without capacity rows must give for ``ramp_years``: no
#: ramp is assumed for it (until data release 25 it was one year, a number with no source).
_RAMP_WANTED = (
    "the years from start_year to full capacity, a linear ramp (1 for the full figure from "
    "start_year on)"
)


def override_capacities(
    ov: FabOverride,
    i: int,
    rows: pd.DataFrame,
    years: Sequence[int],
    classes: Sequence[str],
    fallback_class: str,
    found: list[InputError],
) -> dict[str, F64]:
    """The capacity function of a fab under ``ov`` in each class it overrides (see the module
    docstring); a key it leaves to rows the fab does not have goes to ``found``."""
    where = f"fab_override[{i}]"
    own = _own_classes(rows, ov.fab, classes)
    if ov.capacity_wspm is not None and not ov.node_class and len(own) > 1:
        return _split_override(ov, i, rows, years, own, found)
    targets = [ov.node_class] if ov.node_class else own or [fallback_class]
    out: dict[str, F64] = {}
    for c in targets:
        mine = rows[rows["node_class"].astype(str) == c] if not rows.empty else rows
        pos = mine[mine["capacity_wspm"].astype(float) > 0] if not mine.empty else mine
        lacking = (
            f"{ov.fab} has no fab_capacity.csv row to take it from"
            if not own
            else f"{ov.fab} has no capacity row above 0 in {c} to take it from"
        )
        cap, start, ramp = ov.capacity_wspm, ov.start_year, ov.ramp_years
        for key, value, what in (
            ("capacity_wspm", cap, "a capacity"),
            ("start_year", start, "a start year"),
            ("ramp_years", ramp, _RAMP_WANTED),
        ):
            if value is None and pos.empty:
                found.append(
                    ScenarioError(
                        Problem("missing", field=f"{where}.{key}", expected=f"{what} ({lacking})")
                    )
                )
        if pos.empty and (cap is None or start is None or ramp is None):
            continue
        if cap is None:
            cap = float(pos["capacity_wspm"].astype(float).max())
        if start is None:
            start = int(pos["year"].astype(int).min())
        if ramp is None:
            full = pos[pos["capacity_wspm"].astype(float) >= cap * 0.999]
            first_full = int(full["year"].astype(int).min()) if not full.empty else start
            ramp = float(max(1, first_full - int(pos["year"].astype(int).min()) + 1))
        y = np.asarray(years, float)
        out[c] = cap / 1000.0 * np.clip((y - float(start) + 1.0) / float(ramp), 0.0, 1.0)
    return out


def _class_mix(rows: pd.DataFrame, years: Sequence[int], own: Sequence[str]) -> F64:
    """Each class's share of the fab's capacity in each of ``years`` (rows: classes ``own``):
    the share its ``fab_capacity`` rows give it in that year; in a year in which the fab's rows
    hold nothing (before its first row, after a closing 0 row) the mix of the nearest year in
    which they hold capacity, the next one first (the caller makes sure one has)."""
    ry = sorted({int(y) for y in rows["year"].astype(int)})
    grid = sorted(set(int(y) for y in years) | set(ry))
    steps = np.vstack([capacity_step(rows[rows["node_class"].astype(str) == c], grid) for c in own])
    total = steps.sum(axis=0)
    positive = [k for k in range(len(grid)) if total[k] > 0]
    mix = np.zeros((len(own), len(years)))
    for j, y in enumerate(years):
        k = grid.index(int(y))
        if total[k] <= 0:
            later = [q for q in positive if q > k]
            k = later[0] if later else max(positive)
        mix[:, j] = steps[:, k] / total[k]
    return mix


def _split_override(
    ov: FabOverride,
    i: int,
    rows: pd.DataFrame,
    years: Sequence[int],
    own: Sequence[str],
    found: list[InputError],
) -> dict[str, F64]:
    """An override's ``capacity_wspm`` on a fab with rows in several classes ``own`` and no
    ``node_class``: the figure is the fab's capacity, shared out over its classes in the mix its
    rows give each year (`_class_mix`), so that the classes sum to it at full ramp. The start
    year defaults to the first year of the fab's rows above 0, the ramp to the years from its
    first row to the first year in which its rows (all classes) reach the figure."""
    cap = float(ov.capacity_wspm or 0.0)
    mine = rows[rows["node_class"].astype(str).isin(own)]
    pos = mine[mine["capacity_wspm"].astype(float) > 0]
    if pos.empty:
        found.append(
            invalid_value(
                f"fab_override[{i}].capacity_wspm",
                ov.capacity_wspm,
                f"a node_class as well, one of {', '.join(own)}: its rows give no class mix "
                "to share the capacity out by",
                f"{ov.fab}'s capacity rows are all 0",
            )
        )
        return {}
    first = int(pos["year"].astype(int).min())
    start = ov.start_year if ov.start_year is not None else first
    ramp = ov.ramp_years
    if ramp is None:
        ry = sorted({int(y) for y in mine["year"].astype(int)})
        totals = sum(capacity_step(mine[mine["node_class"].astype(str) == c], ry) for c in own)
        full = [y for y, t in zip(ry, np.asarray(totals), strict=True) if t * 1000 >= cap * 0.999]
        first_full = min(full) if full else start
        ramp = float(max(1, first_full - first + 1))
    y = np.asarray(years, float)
    level = cap / 1000.0 * np.clip((y - float(start) + 1.0) / float(ramp), 0.0, 1.0)
    mix = _class_mix(mine, years, own)
    return {c: level * mix[k] for k, c in enumerate(own)}


def fab_class_guess(row: pd.Series) -> str:
    node = row["node_nm"]
    seg = str(row["segment"])
    if seg == "memory":
        return "dram"
    if pd.isna(node):
        return "lt10" if seg == "logic" else "n28_45"
    v = float(node)
    return "lt10" if v < 10 else "n10_22" if v <= 22 else "n28_45" if v <= 45 else "gt45"
