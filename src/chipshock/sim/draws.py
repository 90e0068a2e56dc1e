"""Per-run parameters (`Draws`), drawn once for all runs from the scenario's distributions and
the data's low/mode/high ranges (see `chipshock.sim.params`)."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import Problem, UnknownCodeError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.data import ModelData, num
from chipshock.sim.network.substitution import TIERS, delay_distribution
from chipshock.sim.params import draw


class DrawTargets(Protocol):
    """What drawing needs of the compiled scenario (`chipshock.sim.prepare.Prepared` has it)."""

    @property
    def markets(self) -> tuple[str, ...]: ...

    @property
    def inputs(self) -> tuple[str, ...]: ...

    @property
    def input_is_material(self) -> npt.NDArray[np.bool_]: ...

    @property
    def term_input(self) -> npt.NDArray[np.int64]: ...


__all__ = [
    "Draws",
    "draw_parameters",
    "inventory_regime_factor",
    "scaled",
    "shadowed_buffer",
    "shock_distribution",
]

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Draws:
    """Per-run parameters, drawn once for all runs (rows = runs)."""

    duration: F64  # [n, S]
    severity: F64  # [n, S]
    recovery: F64  # [n, S]
    inventory_weeks: (
        F64  # [n, M] cover the buyers aim for: customer + distributor + stockpile, x policy
    )
    inventory_start: F64  # [n, M] cover they start with (the same unless the regimes differ)
    material_buffer: F64  # [n, A] (used for materials)
    service_buffer: F64  # [n, J] (used for tools)
    tool_recovery: F64  # [n]
    surge: F64  # [n]
    qual_same: F64  # [n] qualification delay at another fab of the same operator, weeks
    qual_cross: F64  # [n] qualification delay at another operator, weeks
    qual_lead: F64  # [n] the same at the leading edge (porting), weeks
    bank_weeks: F64  # [n] producers' wafer/die bank, weeks of their normal output
    cancel: F64  # [n] share of the open backlog cancelled per week
    order_sensitivity: F64  # [n] double ordering per unit of relative lead time above normal
    order_cap: F64  # [n] largest extra fraction of orders from double ordering
    restock_weeks: F64  # [n] buyers order a stock gap over this many weeks (>= 1)

    @property
    def runs(self) -> int:
        return int(self.tool_recovery.shape[0])

    def slice(self, start: int, stop: int) -> Draws:
        return Draws(*(getattr(self, f)[start:stop] for f in self.__dataclass_fields__))

    @staticmethod
    def concat(parts: Sequence[Draws]) -> Draws:
        """The runs of ``parts`` one after another (``concat(...).slice`` gives each back)."""
        return Draws(
            *(np.concatenate([getattr(p, f) for p in parts]) for f in Draws.__dataclass_fields__)
        )


#: demand-side parameters (model_assumptions.csv rows of the same name; scenario [parameters])
BACKLOG_PARAMETERS = (
    "backlog_cancel_share_per_week",
    "double_order_sensitivity",
    "double_order_cap",
    "restock_adjust_weeks",
)


class _Overrides:
    """A scenario's ``[parameters]``, remembering every name the draws look up (so that a name
    nothing looks up can be refused, and the names that are looked up listed)."""

    def __init__(self, items: Sequence[tuple[str, Distribution]]) -> None:
        self._items = dict(items)
        self.asked: dict[str, None] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    @overload
    def get(self, name: str) -> Distribution | None: ...
    @overload
    def get(self, name: str, default: Distribution) -> Distribution: ...
    def get(self, name: str, default: Distribution | None = None) -> Distribution | None:
        self.asked[name] = None
        return self._items.get(name, default)


def inventory_regime_factor(scenario: Scenario, data: ModelData, target: bool = False) -> float:
    """Factor on customer and distributor chip inventories of the scenario's
    ``inventory_regime`` (model_assumptions.csv ``inventory_regime_<name>``; 1 if none): the
    stocks the buyers start with. ``target``: the regime they aim for,
    ``inventory_target_regime`` (the starting regime if none)."""
    regime = (target and scenario.inventory_target_regime) or scenario.inventory_regime
    field = (
        "scenario.inventory_target_regime"
        if target and scenario.inventory_target_regime
        else "scenario.inventory_regime"
    )
    if not regime:
        return 1.0
    name = f"inventory_regime_{regime}"
    try:
        return data.assumption(name)
    except KeyError:
        known = sorted(
            str(p).removeprefix("inventory_regime_")
            for p in data.model_assumptions["parameter"]
            if str(p).startswith("inventory_regime_")
        )
        near = _closest_regime(regime, known)
        raise invalid_value(
            field,
            regime,
            "one of "
            + (", ".join(known) or "(none in model_assumptions.csv)")
            + (f"; did you mean {near!r}?" if near else ""),
            "unknown inventory regime",
        ) from None


def _closest_regime(written: str, known: Sequence[str]) -> str | None:
    """The regime of ``known`` to suggest for an unknown ``written`` one: the same name with
    hyphens or spaces for ``_`` and in any case, else the nearest spelling, else None.

    >>> _closest_regime("2021-lean", ["2019", "2021_lean"])
    '2021_lean'
    >>> _closest_regime("2021 LEAN", ["2019", "2021_lean"]), _closest_regime("glut", ["2019"])
    ('2021_lean', None)
    """
    by_fold = {str(k).casefold(): str(k) for k in known}
    folded = "_".join(written.casefold().replace("-", " ").split())
    if folded in by_fold:
        return by_fold[folded]
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def _assumption_row(data: ModelData, name: str) -> float:
    """A model_assumptions row the draws need (an error naming it if absent)."""
    try:
        return data.assumption(name)
    except KeyError:
        raise invalid_value(
            f"model_assumptions.{name}", "missing", "a row in model_assumptions.csv"
        ) from None


def _tri(low: float, mode: float, high: float) -> Distribution:
    return Distribution("triangular", low=min(low, mode), mode=mode, high=max(high, mode))


def shock_distribution(shock: Shock, index: int, field: str, data: ModelData) -> Distribution:
    """The distribution of a shock's ``field``: the shock_assumptions.csv row it names in
    ``rows`` (e.g. a row written by ``chipshock calibrate``), else the scenario's own."""
    row_id = dict(shock.rows).get(field)
    if row_id is None:
        return getattr(shock, field)  # type: ignore[no-any-return]
    sa = data.shock_assumptions
    hit = sa[sa["parameter"].astype(str) == row_id]
    if hit.empty:
        raise invalid_value(
            f"shock[{index}].rows.{field}", row_id, "a parameter of shock_assumptions.csv"
        )
    r = hit.iloc[0]
    kind = str(r["distribution"])
    lo, hi = float(r["low"]), float(r["high"])
    if kind == "triangular":
        return _tri(lo, float(r["mode"]), hi)
    if kind == "uniform":
        return Distribution("uniform", low=lo, high=hi)
    if kind == "fixed":
        return Distribution.fixed(float(r["mode"]) if pd.notna(r["mode"]) else lo)
    raise invalid_value(
        f"shock_assumptions.{row_id}.distribution", kind, "triangular, uniform or fixed"
    )


def draw_parameters(
    scenario: Scenario, data: ModelData, prep: DrawTargets, seed: int, runs: int
) -> Draws:
    """Draw every per-run parameter for all runs (see `chipshock.sim.params`).

    A ``[parameters]`` name the draws never look up would move nothing, so it is refused
    (`UnknownCodeError`), naming the closest names and those that are looked up
    (`parameter_names`): a misspelt market or buffer after a known prefix cannot pass."""
    draws, overrides = _draw_all(scenario, data, prep, seed, runs)
    for name in overrides:
        if name not in overrides.asked:
            shadowed = shadowed_buffer(name, data)
            if shadowed:
                read = sorted(a for a in overrides.asked if a.startswith("buffer_weeks."))
                raise UnknownCodeError(
                    Problem("buffer row the engine does not read", field=f"parameters.{name}",
                            value=name, expected=f"{shadowed}; buffers read for this scenario: "
                            + (", ".join(read) or "none"))
                )  # fmt: skip
            raise unknown_code("parameter", name, list(overrides.asked), f"parameters.{name}")
    return draws


def shadowed_buffer(name: str, data: ModelData) -> str:
    """Why ``buffer_weeks.<buffer_id>`` names an inventory_buffers.csv row the engine does not
    read under that name, or ``""``: the ``chips:distributor`` row is read as
    ``distributor_inventory_weeks``. (A ``material:<id>`` row for a material of materials.csv,
    whose stockpile the engine reads instead, is refused when the data are loaded:
    `chipshock.data.registry_checks`, review 11, finding 6.)

    >>> shadowed_buffer("buffer_weeks.channel", ModelData.tiny()).split(":")[0]
    'distributor_inventory_weeks'
    >>> shadowed_buffer("buffer_weeks.m1_stock", ModelData.tiny())
    ''
    """
    bid = name.removeprefix("buffer_weeks.")
    buf = data.inventory_buffers
    if bid == name or buf.empty:
        return ""
    rows = buf[buf["buffer_id"].astype(str) == bid]
    if rows.empty:
        return ""
    applies = str(rows.iloc[0]["applies_to"])
    if applies == "chips:distributor":
        return (
            f"distributor_inventory_weeks: inventory_buffers.csv row {bid} ({applies}) is read "
            "under that name"
        )
    return ""


def parameter_names(scenario: Scenario, data: ModelData, prep: DrawTargets) -> list[str]:
    """Every ``[parameters]`` name the engine reads for ``scenario`` on ``data`` (markets,
    buffers, materials and tiers of this data; docs/scenarios.md describes them)."""
    return list(_draw_all(scenario, data, prep, scenario.seed, 1)[1].asked)


def shock_streams(scenario: Scenario) -> list[str]:
    """The random stream of each shock, named by what it hits, not by its place in the file.

    A shock's duration, severity and recovery are drawn from streams keyed by its kind and
    targets (``shock.country.TWN``; a second shock of the same kind and targets adds ``#2``),
    so that two scenarios share their draws for the same event however their shocks are
    ordered, and adding a shock leaves the others' draws as they were (common random numbers;
    review 4, finding 6). Timing, severity ranges and labels are not part of the key: a sweep
    over the start year or a changed range keeps the draws' uniforms."""
    seen: dict[str, int] = {}
    out = []
    for sh in scenario.shocks:
        base = f"shock.{sh.kind}.{'+'.join(sorted(sh.targets))}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return out


def _buffer_rows(buffers: pd.DataFrame) -> dict[Hashable, dict[Hashable, Any]]:
    """The first row of ``buffers`` (inventory_buffers.csv) for each ``applies_to`` value, as a
    dict: what ``buffers[buffers["applies_to"] == a].iloc[0]`` finds, read in one pass (a
    draw looks up a buffer for every requirement term: ~20 filters of the table a draw).

    >>> rows = _buffer_rows(pd.DataFrame({"applies_to": ["x", "y", "x"], "buffer_id": [1, 2, 3]}))
    >>> rows["x"]["buffer_id"], sorted(rows)
    (1, ['x', 'y'])
    """
    out: dict[Hashable, dict[Hashable, Any]] = {}
    for applies, row in zip(buffers["applies_to"], buffers.to_dict("records"), strict=True):
        out.setdefault(applies, row)
    return out


def _draw_all(
    scenario: Scenario, data: ModelData, prep: DrawTargets, seed: int, runs: int
) -> tuple[Draws, _Overrides]:
    """The draws of `draw_parameters`, and the overrides with the names looked up."""
    overrides = _Overrides(scenario.parameters)
    S = len(scenario.shocks)
    dur = np.zeros((runs, S))
    sev = np.zeros((runs, S))
    rec = np.zeros((runs, S))
    streams = shock_streams(scenario)
    for s, sh in enumerate(scenario.shocks):
        d_dur, d_sev, d_rec = (
            shock_distribution(sh, s, f, data)
            for f in ("duration_weeks", "severity", "recovery_weeks")
        )
        key = streams[s]
        dur[:, s] = draw(
            d_dur, f"shock[{s}].duration_weeks", seed, runs, 0.0, stream=f"{key}.duration_weeks"
        )
        sev[:, s] = draw(
            d_sev, f"shock[{s}].severity", seed, runs, 0.0, 1.0, stream=f"{key}.severity"
        )
        rec[:, s] = draw(
            d_rec, f"shock[{s}].recovery_weeks", seed, runs, 0.0, stream=f"{key}.recovery_weeks"
        )
    em = data.end_markets.set_index("market_id")
    buf = data.inventory_buffers
    dist_row = buf[buf["applies_to"] == "chips:distributor"]
    if dist_row.empty:
        distributor = np.zeros(runs)
    else:
        r0 = dist_row.iloc[0]
        d = overrides.get(
            "distributor_inventory_weeks",
            _tri(float(r0["weeks_low"]), float(r0["weeks"]), float(r0["weeks_high"])),
        )
        distributor = draw(d, "distributor_inventory_weeks", seed, runs, minimum=0.0)
    inv = np.zeros((runs, len(prep.markets)))
    for mi, m in enumerate(prep.markets):
        row = em.loc[m]
        d = _tri(
            num(row["customer_inventory_weeks_low"]),
            num(row["customer_inventory_weeks"]),
            num(row["customer_inventory_weeks_high"]),
        )
        d = overrides.get(
            f"customer_inventory_weeks.{m}", overrides.get("customer_inventory_weeks", d)
        )
        inv[:, mi] = draw(d, f"customer_inventory_weeks.{m}", seed, runs, minimum=0.0) + distributor
    # the buyers start with one regime's stocks and aim for another's (the same if no target)
    start = inv * inventory_regime_factor(scenario, data)
    inv = inv * inventory_regime_factor(scenario, data, target=True)
    for iv in scenario.interventions:
        sel = (
            [prep.markets.index(m) for m in iv.markets]
            if iv.markets
            else list(range(len(prep.markets)))
        )
        if iv.kind == "stockpile":
            inv[:, sel] += iv.weeks
            start[:, sel] += iv.weeks
    for iv in scenario.interventions:
        sel = (
            [prep.markets.index(m) for m in iv.markets]
            if iv.markets
            else list(range(len(prep.markets)))
        )
        if iv.kind == "inventory_policy":
            inv[:, sel] *= iv.factor
            start[:, sel] *= iv.factor

    first_rows = _buffer_rows(buf)

    def buffer_for(applies: list[str]) -> tuple[str, Distribution] | None:
        for a in applies:
            row = first_rows.get(a)
            if row is not None:
                bid = str(row["buffer_id"])
                d = _tri(float(row["weeks_low"]), float(row["weeks"]), float(row["weeks_high"]))
                return bid, overrides.get(f"buffer_weeks.{bid}", d)
        return None

    bank = buffer_for(["chips:producer"])
    bank_weeks = (
        np.zeros(runs)
        if bank is None
        else draw(bank[1], f"buffer_weeks.{bank[0]}", seed, runs, minimum=0.0)
    )
    stockpiles = data.materials.set_index("material_id") if not data.materials.empty else None
    mat = np.zeros((runs, len(prep.inputs)))
    for ai, a in enumerate(prep.inputs):
        if prep.input_is_material[ai]:
            if stockpiles is not None and a in stockpiles.index:
                row = stockpiles.loc[a]
                d = overrides.get(
                    f"buffer_weeks.{a}",
                    _tri(
                        num(row["stockpile_weeks_low"]),
                        num(row["stockpile_weeks"]),
                        num(row["stockpile_weeks_high"]),
                    ),
                )
                mat[:, ai] = draw(d, f"buffer_weeks.{a}", seed, runs, minimum=0.0)
                continue
            b = buffer_for([f"stage:{a}", f"material:{a}", "material:*"])
            if b is not None:
                mat[:, ai] = draw(b[1], f"buffer_weeks.{b[0]}", seed, runs, minimum=0.0)
    serv = np.zeros((runs, len(prep.term_input)))
    for j, ai in enumerate(prep.term_input):
        a = prep.inputs[int(ai)]
        if not prep.input_is_material[int(ai)]:
            b = buffer_for([f"tools:service:{a}", "tools:service"])
            if b is not None:
                serv[:, j] = draw(b[1], f"buffer_weeks.{b[0]}", seed, runs, minimum=0.0)
    tr = overrides.get(
        "tool_recovery_per_week", Distribution.fixed(data.assumption("tool_recovery_per_week"))
    )
    su = overrides.get(
        "material_surge_fraction", Distribution.fixed(data.assumption("material_surge_fraction"))
    )
    qual = {
        tier: draw(
            overrides.get(f"qualification_weeks.{tier}", delay_distribution(data, tier)),
            f"qualification_weeks.{tier}",
            seed,
            runs,
            minimum=0.0,
        )
        for tier in TIERS
    }
    demand_side = {
        name: draw(
            overrides.get(name) or Distribution.fixed(_assumption_row(data, name)),
            name,
            seed,
            runs,
            minimum=1.0 if name == "restock_adjust_weeks" else 0.0,
            maximum=1.0 if name == "backlog_cancel_share_per_week" else None,
        )
        for name in BACKLOG_PARAMETERS
    }
    draws = Draws(
        duration=dur,
        severity=sev,
        recovery=rec,
        inventory_weeks=inv,
        inventory_start=start,
        material_buffer=mat,
        service_buffer=serv,
        tool_recovery=draw(tr, "tool_recovery_per_week", seed, runs, minimum=0.0, maximum=1.0),
        surge=draw(su, "material_surge_fraction", seed, runs, minimum=0.0),
        qual_same=qual["same_operator"],
        qual_cross=qual["cross_foundry"],
        qual_lead=qual["leading_edge"],
        bank_weeks=bank_weeks,
        cancel=demand_side["backlog_cancel_share_per_week"],
        order_sensitivity=demand_side["double_order_sensitivity"],
        order_cap=demand_side["double_order_cap"],
        restock_weeks=demand_side["restock_adjust_weeks"],
    )
    return draws, overrides


def scaled(dist: Distribution, value: float) -> Distribution:
    """``dist`` scaled so that its central value becomes ``value``."""
    c = dist.central
    if c == 0:
        return Distribution.fixed(value)
    k = value / c

    def mul(x: float | None) -> float | None:
        return None if x is None else x * k

    return replace(
        dist,
        low=dist.low * k,
        mode=mul(dist.mode),
        high=mul(dist.high),
        mean=mul(dist.mean),
        sd=mul(dist.sd) if dist.kind == "normal" else dist.sd,
    )
