"""Producers: the units of wafer supply. Each is an itemised fab (from ``fab_capacity.csv``) or
the explicit remainder "other fabs (REGION, class)" that reconciles a region's itemised fabs
with its regional total. No capacity is ever a default.

Equations (capacity in thousand 300 mm-equivalent wafer starts per month, kwspm, per year y):

    fab[f, c, y]   = capacity_wspm of f's fab_capacity row in class c with the greatest
                     year <= y, / 1000   (0 before its first row; a 0 row closes it)
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
(Taiwan's <10nm: TSMC), the remainder is *counted as* that operator's (``Producer.counted_as``):
a ``firm`` shock on the operator reaches it (`chipshock.sim.shocks.compile`), it joins the
operator's same-operator substitution group (`chipshock.sim.network.substitution`) and the
operator's packaging exemption covers it (``Producer.exempt_id``). It keeps its id
``other:<REGION>:<class>``, its capacity and its share of the sourcing (the sourced shares of
``sourcing_shares.csv`` still split over the operator's itemised fabs only).

Interventions and overrides act on itemised fabs only and never on the remainder:
``fabs_off`` removes a fab's capacity from the world (the remainder stays as computed from the
data), ``fabs_on`` adds a cancelled fab's rows back, and a scenario's ``[[fab_override]]``
replaces a fab's capacity function by ``capacity_wspm * clip((y - start_year + 1) / ramp_years,
0, 1)`` (missing keys are taken from the fab's own rows; a fab without rows above 0 in the
class has none to take them from, so there all three are required, ``ramp_years`` too: no ramp
is assumed) in the one class ``node_class`` names (the others keep their rows; a class the
fab has no rows in is an error, as is the same fab and class twice), or else in every class it
has rows in. Without ``node_class``, ``capacity_wspm`` on
a fab with rows in several classes is the fab's total: class c gets ``capacity_wspm *
mix[c, y]``, its rows' share of the fab's rows in year y (`_class_mix`), so the classes sum to
the figure (review 8: each class got the whole figure, doubling JASM Fab 1).

An override that could change nothing is an error too: on a packaging site (packaging sites
hold no wafer capacity in the model), or on a fab the registry has cancelled that ``fabs_on``
does not switch on (the override then gives the revived fab its capacity). A fab in
``fabs.csv`` without any ``fab_capacity`` row has no capacity in the model and is listed in
``Network.uncounted``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import InputError, Problem, ScenarioError
from chipshock.scenarios.model import FabOverride
from chipshock.sim._problems import all_of, invalid_value, unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.network.regional import (
    anchor_span,
    country_region,
    europe_members,
    global_capacity,
    node_classes,
    regions,
)
from chipshock.sim.network.regional import share_array as regional_share

__all__ = [
    "OTHER_OPERATOR",
    "Network",
    "NetworkBase",
    "Producer",
    "build_network",
    "counted_label",
    "fab_capacity_rows",
    "network_base",
    "remainder_operators",
    "running_switches",
    "uncounted_switches",
    "years_text",
]

F64 = npt.NDArray[np.float64]
OTHER_OPERATOR = "other"


@dataclass(frozen=True)
class Producer:
    """One producer: an itemised fab in one node class, or a region/class remainder."""

    producer_id: str  # "<fab_id>:<class>" or "other:<REGION>:<class>"
    name: str
    fab_id: str  # "" for a remainder
    operator_id: str  # fab operator, OTHER_OPERATOR for a remainder
    country: str  # fab country, the region code for a remainder
    region: str
    node_class: str
    capacity_kwspm: tuple[float, ...]  # one per model year
    source: str  # where the capacity comes from
    #: for a remainder: the operator remainder_operators.csv counts it as ("" none), and that
    #: row's source_url
    counted_as: str = ""
    counted_source: str = ""

    @property
    def itemised(self) -> bool:
        return bool(self.fab_id)

    @property
    def group_operator(self) -> str:
        """The operator whose firm shocks reach this producer and whose same-operator group it
        joins: a fab's operator, the ``counted_as`` operator of a remainder ("" for a remainder
        of no operator)."""
        return self.operator_id if self.fab_id else self.counted_as

    @property
    def exempt_id(self) -> str:
        """The name `node_requirements.csv` ``except_operator_ids`` gives this producer: its
        operator (a remainder's ``counted_as`` operator: Korea's leading-edge remainder is
        Samsung's, remainder_operators.csv), or ``other:<REGION>`` for a remainder of no
        operator."""
        return self.group_operator or f"{OTHER_OPERATOR}:{self.region}"


@dataclass(frozen=True, eq=False)
class Network:
    """The producers of a scenario's world and the bookkeeping that shows where they come from.

    ``capacity`` [P, Y] kwspm; ``residuals``: region, node_class, year, residual_kwspm (< 0 where
    itemised fabs exceed the regional total); ``uncounted``: fab_id, reason (fabs without
    capacity in the model); ``ahead`` [R, C, Y] kwspm: the regional totals' projected capacity
    that no producer holds because the registry's fabs bring it later (from the data only,
    whatever the scenario switches off); ``world`` [C, Y] kwspm: each class's world capacity
    less ``ahead``, what normal demand is scaled to."""

    years: tuple[int, ...]
    regions: tuple[str, ...]
    classes: tuple[str, ...]
    producers: tuple[Producer, ...]
    capacity: F64
    residuals: pd.DataFrame = field(repr=False)
    uncounted: pd.DataFrame = field(repr=False)
    ahead: F64 = field(repr=False)
    world: F64 = field(repr=False)

    def table(self) -> pd.DataFrame:
        """One row per producer and year: producer_id, name, fab_id, operator_id, country,
        region, node_class, year, capacity_kwspm, kind (fab | other fabs), source."""
        rows = [
            {
                "producer_id": p.producer_id,
                "name": p.name,
                "fab_id": p.fab_id,
                "operator_id": p.operator_id,
                "country": p.country,
                "region": p.region,
                "node_class": p.node_class,
                "year": y,
                "capacity_kwspm": p.capacity_kwspm[yi],
                "kind": "fab" if p.itemised else "other fabs",
                "source": p.source,
            }
            for p in self.producers
            for yi, y in enumerate(self.years)
        ]
        return pd.DataFrame(rows)


def fab_capacity_rows(data: ModelData) -> pd.DataFrame:
    """The ``fab_capacity`` rows of fabs in the registry (empty if the table is absent)."""
    fc = data.fab_capacity
    if fc.empty:
        return fc
    return fc[fc["fab_id"].astype(str).isin(set(data.fabs["fab_id"].astype(str)))]


def _step(rows: pd.DataFrame, years: Sequence[int]) -> F64:
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
    """`_step` of one fab/class's rows given as arrays (their years and kwspm, in file order):
    in each of ``years`` the kwspm of the row with the greatest year <= y, 0 before the first
    (of rows of one year, the last in file order)."""
    order = np.argsort(row_years, kind="stable")
    k = np.searchsorted(row_years[order], np.asarray(years, dtype=np.int64), side="right") - 1
    out = np.zeros(len(years))
    held = k >= 0
    out[held] = kwspm[order][k[held]]
    return out


def _steps_by_fab(fc: pd.DataFrame, ext: Sequence[int]) -> dict[str, dict[str, F64]]:
    """`_step` over ``ext`` of every fab and class of the ``fab_capacity`` rows ``fc``, by fab
    id and class: the table is read once rather than filtered per fab (a network has some 200
    fabs, and a contribution analysis builds one per side)."""
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


def _override_problems(
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
    twice. (The keys an override leaves to the fab's rows are checked by `_override`, for the
    overrides that pass these checks.)"""
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


def _override(
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
    steps = np.vstack([_step(rows[rows["node_class"].astype(str) == c], grid) for c in own])
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
        totals = sum(_step(mine[mine["node_class"].astype(str) == c], ry) for c in own)
        full = [y for y, t in zip(ry, np.asarray(totals), strict=True) if t * 1000 >= cap * 0.999]
        first_full = min(full) if full else start
        ramp = float(max(1, first_full - first + 1))
    y = np.asarray(years, float)
    level = cap / 1000.0 * np.clip((y - float(start) + 1.0) / float(ramp), 0.0, 1.0)
    mix = _class_mix(mine, years, own)
    return {c: level * mix[k] for k, c in enumerate(own)}


def _fab_class_guess(row: pd.Series) -> str:
    node = row["node_nm"]
    seg = str(row["segment"])
    if seg == "memory":
        return "dram"
    if pd.isna(node):
        return "lt10" if seg == "logic" else "n28_45"
    v = float(node)
    return "lt10" if v < 10 else "n10_22" if v <= 22 else "n28_45" if v <= 45 else "gt45"


def _operator_id(row: pd.Series) -> str:
    if "operator_id" in row.index and isinstance(row["operator_id"], str) and row["operator_id"]:
        return str(row["operator_id"])
    word = str(row["operator"]).split("(")[0].split()[0] if str(row["operator"]).strip() else ""
    return word.strip(",").lower() or str(row["fab_id"])


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
        c: _step(rows[rows["node_class"].astype(str) == c], years)
        for c in (sorted(set(rows["node_class"].astype(str))) if not rows.empty else [])
        if c in classes
    }
    source = dict.fromkeys(caps, "fab_capacity.csv")
    for i, ov in enumerate(overrides):  # an override's own problems are build_network's
        if ov.fab == fid:
            changed = _override(ov, i, rows, years, classes, _fab_class_guess(row), [])
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


@dataclass(frozen=True, eq=False)
class _FabEntry:
    """A wafer fab of the registry as every network of the same data and years has it: its
    fabs.csv row, region, whether the registry has cancelled it, and its capacity per class
    from its ``fab_capacity`` rows (kwspm over the years; read-only)."""

    fab_id: str
    row: pd.Series
    region: str
    cancelled: bool
    data_caps: dict[str, F64]


@dataclass(frozen=True, eq=False)
class NetworkBase:
    """What a network takes from the data and the years alone, whatever a scenario switches
    off or on or overrides: the wafer fabs' capacities from their rows, the regional totals,
    the "other fabs" remainders (which count every fab the registry has not cancelled, switched
    or not: module docstring), ``ahead``, ``world`` and the residuals. `network_base` builds
    it; `build_network` adds a scenario's switches and overrides to it, so that the networks of
    one world's variants (the sides of a contribution analysis) share one
    (`chipshock.sim.network.cache.network_of`). Its arrays are read-only."""

    years: tuple[int, ...]
    regions: tuple[str, ...]
    classes: tuple[str, ...]
    fabs: pd.DataFrame = field(repr=False)  # fabs.csv by fab_id
    fab_rows: pd.DataFrame = field(repr=False)  # `fab_capacity_rows`
    entries: tuple[_FabEntry, ...] = field(repr=False)
    remainders: tuple[tuple[Producer, F64], ...] = field(repr=False)
    residuals: tuple[dict[str, object], ...] = field(repr=False)
    ahead: F64 = field(repr=False)
    world: F64 = field(repr=False)


def network_base(data: ModelData, years: Sequence[int]) -> NetworkBase:
    """The part of `build_network` that the data and ``years`` decide alone (`NetworkBase`;
    the module docstring gives the equations)."""
    reg, classes = regions(data), node_classes(data)
    years = tuple(int(y) for y in years)
    span = anchor_span(data, classes)
    # the scenario's years plus every year from the first observed anchor to the projection,
    # so that the remainder rule can look ahead (see the module docstring)
    ext = tuple(
        sorted(
            set(years)
            | set(
                range(
                    min([*years, *(o for o, _ in span if o)]),
                    max([*years, *(e for _, e in span)]) + 1,
                )
            )
        )
    )
    at = {y: i for i, y in enumerate(ext)}
    total_ext = global_capacity(data, classes, ext)[None] * regional_share(data, reg, classes, ext)
    total = total_ext[:, :, [at[y] for y in years]]
    fabs = data.fabs.set_index("fab_id", drop=False)
    fab_ids = [str(f) for f in data.fabs["fab_id"]]
    fc = fab_capacity_rows(data)
    europe = europe_members(data, reg)
    itemised = np.zeros_like(total_ext)
    entries: list[_FabEntry] = []
    steps = _steps_by_fab(fc, ext)
    in_years = [at[y] for y in years]
    for fid, (_, row) in zip(fab_ids, fabs.iterrows(), strict=True):  # rows as `fabs.loc[fid]`
        if str(row["segment"]) == "packaging":
            continue
        region = country_region(str(row["country"]), reg, europe)
        cancelled = str(row["status"]) == "cancelled"
        data_caps: dict[str, F64] = {}
        for c, v_ext in sorted(steps.get(fid, {}).items()):
            if c not in classes:
                continue
            data_caps[c] = v_ext[in_years]
            data_caps[c].setflags(write=False)
            if not cancelled:
                itemised[reg.index(region), classes.index(c)] += v_ext
        entries.append(_FabEntry(fid, row, region, cancelled, data_caps))
    other, ahead = _remainders(total_ext, itemised, ext, years, span)
    counted = remainder_operators(data.remainder_operators)
    rest = total - itemised[:, :, [at[y] for y in years]]
    residuals: list[dict[str, object]] = []
    remainders: list[tuple[Producer, F64]] = []
    for ri, r in enumerate(reg):
        for ci, c in enumerate(classes):
            for yi, y in enumerate(years):
                if rest[ri, ci, yi] < -1e-9:
                    residuals.append(
                        {
                            "region": r,
                            "node_class": c,
                            "year": y,
                            "residual_kwspm": float(rest[ri, ci, yi]),
                        }
                    )
            v = other[ri, ci]
            if not v.any():
                continue
            counted_as, counted_source = counted.get((r, c), ("", ""))
            v.setflags(write=False)
            remainders.append(
                (
                    Producer(
                        producer_id=f"{OTHER_OPERATOR}:{r}:{c}",
                        name=f"other fabs ({r}, {c})",
                        fab_id="",
                        operator_id=OTHER_OPERATOR,
                        country=r,
                        region=r,
                        node_class=c,
                        capacity_kwspm=tuple(float(x) for x in v),
                        source="regional total (capacity table) minus itemised fabs"
                        + (
                            f"; counted as {counted_as}'s (remainder_operators.csv)"
                            if counted_as
                            else ""
                        ),
                        counted_as=counted_as,
                        counted_source=counted_source,
                    ),
                    v,
                )
            )
    world = global_capacity(data, classes, years) - ahead.sum(axis=0)
    for array in (ahead, world):
        array.setflags(write=False)
    return NetworkBase(
        years=years,
        regions=reg,
        classes=classes,
        fabs=fabs,
        fab_rows=fc,
        entries=tuple(entries),
        remainders=tuple(remainders),
        residuals=tuple(residuals),
        ahead=ahead,
        world=world,
    )


def build_network(
    data: ModelData,
    years: Sequence[int],
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    overrides: Sequence[FabOverride] = (),
    base: NetworkBase | None = None,
) -> Network:
    """Producers of ``years`` (see the module docstring for the equations): ``base``
    (`network_base` of ``data`` and ``years``, built here when not given) with the fabs
    switched off and on and the overrides."""
    years = tuple(int(y) for y in years)
    if base is None:
        base = network_base(data, years)
    classes = base.classes
    fc = base.fab_rows
    off, on = set(fabs_off), set(fabs_on)
    wrong = _override_problems(overrides, base.fabs, fc, classes, on)
    problems = list(wrong.values())  # and what the fabs' rows cannot supply, below
    by_fab: dict[str, list[int]] = {}
    for i, ov in enumerate(overrides):
        if i not in wrong:
            by_fab.setdefault(ov.fab, []).append(i)
    producers: list[Producer] = []
    caps: list[F64] = []
    uncounted: list[dict[str, str]] = []
    for entry in base.entries:
        fid, row = entry.fab_id, entry.row
        if not entry.data_caps and fid not in by_fab:
            uncounted.append(
                {"fab_id": fid, "reason": "no fab_capacity row: no capacity in the model"}
            )
            continue
        model_caps = {c: (v, "fab_capacity.csv") for c, v in entry.data_caps.items()}
        if fid in by_fab:  # the fab's own rows, for what its overrides leave to them
            rows = fc[fc["fab_id"].astype(str) == fid] if not fc.empty else fc
            for i in by_fab[fid]:  # in the file's order; each replaces the classes it names
                changed = _override(
                    overrides[i], i, rows, years, classes, _fab_class_guess(row), problems
                )
                model_caps.update(
                    {c: (v, f"scenario fab_override[{i}]") for c, v in changed.items()}
                )
        if fid in off or (entry.cancelled and fid not in on):
            continue
        for c, (v, source) in model_caps.items():
            producers.append(
                Producer(
                    producer_id=f"{fid}:{c}",
                    name=str(row["name"]),
                    fab_id=fid,
                    operator_id=_operator_id(row),
                    country=str(row["country"]),
                    region=entry.region,
                    node_class=c,
                    capacity_kwspm=tuple(float(x) for x in v),
                    source=source,
                )
            )
            caps.append(v)
    if problems:
        raise all_of(problems)
    for producer, v in base.remainders:
        producers.append(producer)
        caps.append(v)
    # order: by class, then operator (remainders of no operator last; a counted remainder after
    # its operator's fabs), so that the producers of a class and of an operator group are
    # contiguous (the engine sums over them with np.add.reduceat)
    order = sorted(
        range(len(producers)),
        key=lambda i: (
            classes.index(producers[i].node_class),
            not producers[i].group_operator,
            producers[i].group_operator,
            not producers[i].itemised,
            producers[i].producer_id,
        ),
    )
    producers = [producers[i] for i in order]
    caps = [caps[i] for i in order]
    cap = np.array(caps).reshape(len(producers), len(years))
    return Network(
        years=years,
        regions=base.regions,
        classes=classes,
        producers=tuple(producers),
        capacity=cap,
        residuals=pd.DataFrame(
            list(base.residuals), columns=["region", "node_class", "year", "residual_kwspm"]
        ),
        uncounted=pd.DataFrame(uncounted, columns=["fab_id", "reason"]),
        ahead=base.ahead,
        world=base.world,
    )


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


def _remainders(
    total: F64,
    item: F64,
    ext: Sequence[int],
    years: Sequence[int],
    span: Sequence[tuple[int, int]],
) -> tuple[F64, F64]:
    """``other`` and ``ahead`` [R, C, Y] over ``years`` from the regional totals and the
    itemised fabs [R, C, len(ext)] over the extended years ``ext`` (module docstring).

    >>> tot = np.array([[[0.0, 10.0, 20.0]]]); item = np.array([[[0.0, 0.0, 20.0]]])
    >>> o, a = _remainders(tot, item, [2022, 2023, 2024], [2023], [(2022, 2024)])
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
