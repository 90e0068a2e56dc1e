"""Producers: the units of wafer supply. Each is an itemised fab (from ``fab_capacity.csv``) or
the explicit remainder "other fabs (REGION, class)" that reconciles a region's itemised fabs
with its regional total. No capacity is ever a default.

The parts have their own modules, each with its equations or rules:
`chipshock.sim.network.fab_steps` (a fab's capacity from its rows),
`chipshock.sim.network.remainders` (the "other fabs" remainders, ``ahead``, ``world``, the
residuals, and the operators a remainder counts as), `chipshock.sim.network.overrides` (a
scenario's ``[[fab_override]]``) and `chipshock.sim.network.switches` (switches that would change
nothing). This module holds the types and puts them together: `network_base` takes from the
data what every scenario shares, and `build_network` adds the scenario.

Interventions and overrides act on itemised fabs only and never on the remainder:
``fabs_off`` removes a fab's capacity from the world (the remainder stays as computed from the
data), ``fabs_on`` adds a cancelled fab's rows back, and a ``[[fab_override]]`` replaces a fab's
capacity function (`chipshock.sim.network.overrides`). A fab in ``fabs.csv`` without any
``fab_capacity`` row has no capacity in the model and is listed in ``Network.uncounted``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import FabOverride
from chipshock.sim._problems import all_of
from chipshock.sim.data import ModelData
from chipshock.sim.network.fab_steps import capacity_steps_by_fab, fab_capacity_rows
from chipshock.sim.network.overrides import fab_class_guess, override_capacities, override_problems
from chipshock.sim.network.regional import (
    anchor_span,
    country_region,
    europe_members,
    global_capacity,
    node_classes,
    regions,
)
from chipshock.sim.network.regional import share_array as regional_share
from chipshock.sim.network.remainders import other_and_ahead, remainder_operators

__all__ = [
    "OTHER_OPERATOR",
    "Network",
    "NetworkBase",
    "Producer",
    "build_network",
    "network_base",
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


def _operator_id(row: pd.Series) -> str:
    if "operator_id" in row.index and isinstance(row["operator_id"], str) and row["operator_id"]:
        return str(row["operator_id"])
    word = str(row["operator"]).split("(")[0].split()[0] if str(row["operator"]).strip() else ""
    return word.strip(",").lower() or str(row["fab_id"])


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
    or not: `chipshock.sim.network.remainders`), ``ahead``, ``world`` and the residuals.
    `network_base` builds it; `build_network` adds a scenario's switches and overrides to it,
    so that the networks of one world's variants (the sides of a contribution analysis) share
    one (`chipshock.sim.network.cache.network_of`). Its arrays are read-only."""

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
    `chipshock.sim.network.remainders` gives the equations)."""
    reg, classes = regions(data), node_classes(data)
    years = tuple(int(y) for y in years)
    span = anchor_span(data, classes)
    # the scenario's years plus every year from the first observed anchor to the projection,
    # so that the remainder rule can look ahead (`chipshock.sim.network.remainders`)
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
    steps = capacity_steps_by_fab(fc, ext)
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
    other, ahead = other_and_ahead(total_ext, itemised, ext, years, span)
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
    """Producers of ``years`` (the module docstring says where the equations are): ``base``
    (`network_base` of ``data`` and ``years``, built here when not given) with the fabs
    switched off and on and the overrides."""
    years = tuple(int(y) for y in years)
    if base is None:
        base = network_base(data, years)
    classes = base.classes
    fc = base.fab_rows
    off, on = set(fabs_off), set(fabs_on)
    wrong = override_problems(overrides, base.fabs, fc, classes, on)
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
                changed = override_capacities(
                    overrides[i], i, rows, years, classes, fab_class_guess(row), problems
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
