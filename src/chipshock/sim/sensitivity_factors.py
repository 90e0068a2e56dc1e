"""Sensitivity factors: the factor table, and applying a data-table factor to the inputs.

A factor is one row of a factor table (`FACTOR_COLUMNS`; the defaults are `default_factors`,
the rows of the curated ``sensitivity_factors.csv`` with the source of each range and its unit).
Applying it gives an `Applied`: a LOW and a HIGH `Variant` of the inputs, each a new `ModelData`
copy (``dataclasses.replace`` with edited tables: ``model_assumptions.<parameter>``,
``end_markets.value_multiplier``) or a `Scenario` copy with fixed parameters
(``end_markets.customer_inventory_weeks``, ``inventory_buffers.<applies_to>``). Nothing is
mutated.

Where a factor's value and range come from is data: a tuple of `RowRef` (file and row ids, or
the scenario, with a note kind and its parameter), which every surface renders in its own
language; `row_text` gives the English text that the CLI, the API and the CSV show in the
``source`` and ``range_source`` columns:

>>> row_text((RowRef("file", ("value_multiplier",), "end_markets.csv", "markets", 6),))
'end_markets.csv: value_multiplier (6 markets)'
>>> row_text((RowRef("scenario", ("x",)),
...           RowRef("file", ("a_duration",), "shock_assumptions.csv", "low_high")))
'scenario x; shock_assumptions.csv: a_duration (low / high)'

Shock factors are in `chipshock.sim.sensitivity_shocks`; the runner is
`chipshock.sim.sensitivity.sensitivity`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.data import ModelData

__all__ = [
    "FACTOR_COLUMNS",
    "RANGE_SOURCE_COLUMNS",
    "Applied",
    "FactorSources",
    "RowRef",
    "Variant",
    "apply_buffer",
    "apply_customer_inventory",
    "apply_model_assumption",
    "apply_node_requirement",
    "apply_parameter",
    "apply_value_multiplier",
    "bad",
    "default_factors",
    "factor_table",
    "range_columns",
    "range_rows",
    "row_confidence",
    "row_text",
    "source_urls",
]

#: columns a factor table must have (`default_factors`, or one passed as ``factors=``)
FACTOR_COLUMNS = ("factor", "label_en", "label_ja", "target", "method", "low", "high", "unit")
#: where a factor's range comes from: carried when the table has them (the shipped one does)
RANGE_SOURCE_COLUMNS = ("source_url", "as_of", "confidence", "note")

_NAN = float("nan")
_CONFIDENCE_ORDER = ("low", "medium", "high")

RowKind = Literal["file", "scenario", "scenario_parameter"]
RowNote = Literal["", "markets", "low_high", "absent"]


@dataclass(frozen=True)
class RowRef:
    """One part of where a value comes from, as data.

    ``kind``: ``file`` (the rows ``rows`` of the data file ``file``), ``scenario`` (the
    scenario whose id is ``rows[0]``) or ``scenario_parameter`` (the scenario's own
    ``[parameters]`` entry ``rows[0]``). ``note``: ``markets`` (the column of every one of
    ``count`` markets), ``low_high`` (the rows' low and high values), ``absent`` (no row: the
    engine's default), or none. File names and row ids are what a reader looks up, so no
    surface translates them; the kinds and notes are words, which each surface says in its
    language (`text` in English)."""

    kind: RowKind
    rows: tuple[str, ...]
    file: str = ""
    note: RowNote = ""
    count: int = 0

    @property
    def text(self) -> str:
        """In English: ``end_markets.csv: value_multiplier (6 markets)``, ``scenario x``,
        ``scenario [parameters] double_order_cap``."""
        if self.kind == "scenario":
            head = f"scenario {self.rows[0] if self.rows else ''}"
        elif self.kind == "scenario_parameter":
            head = f"scenario [parameters] {self.rows[0] if self.rows else ''}"
        else:
            head = f"{self.file}: {', '.join(self.rows)}"
        return head + _NOTE_TEXT[self.note].format(n=self.count)


#: the English words of each `RowRef` note (the report's catalogue says the same:
#: ``report.sens_row_markets``, ``report.sens_row_low_high``, ``report.sens_row_absent``)
_NOTE_TEXT: dict[str, str] = {
    "": "",
    "markets": " ({n} markets)",
    "low_high": " (low / high)",
    "absent": " (absent: engine default)",
}


def row_text(refs: Sequence[RowRef]) -> str:
    """A data-row reference in English, its parts joined by ``; `` (the ``source`` and
    ``range_source`` columns)."""
    return "; ".join(r.text for r in refs)


@dataclass(frozen=True)
class FactorSources:
    """Where one factor's base value (``source``) and its low-high range (``range_source``)
    come from, as `RowRef` data: the ``source`` and ``range_source`` columns of a tornado
    table, before they are put in words."""

    factor: str
    source: tuple[RowRef, ...]
    range_source: tuple[RowRef, ...]


def default_factors() -> pd.DataFrame:
    """The default factor table: the rows of the curated ``sensitivity_factors.csv`` (read and
    checked by `chipshock.data.factor_ranges.read_factor_ranges`), a new DataFrame each call,
    with the `FACTOR_COLUMNS` and the `RANGE_SOURCE_COLUMNS`. ``range`` rows take low/high
    from the data row or the shock's distribution (NaN here)."""
    from chipshock.data.factor_ranges import read_factor_ranges

    table = read_factor_ranges()
    return table[[*FACTOR_COLUMNS, *RANGE_SOURCE_COLUMNS]]


def range_columns(spec: Any, applied: Applied) -> dict[str, Any]:
    """The unit of a factor and where its low-high range comes from, as result columns:
    ``unit``, ``range_source`` (file: row), ``range_source_url``, ``range_as_of``,
    ``range_confidence``, ``range_note``. A ``range`` factor's range is its data row's (the
    ``source``/``source_url``/``confidence`` of ``applied``); a set/scale factor's is its own row
    of sensitivity_factors.csv (empty when a passed table has no source columns)."""

    def cell(name: str) -> str:
        v = spec.get(name) if hasattr(spec, "get") else None
        return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)

    if str(spec["method"]) == "range":
        return {
            "unit": cell("unit"),
            "range_source": row_text(range_rows(spec, applied)),
            "range_source_url": applied.source_url,
            "range_as_of": "",
            "range_confidence": applied.confidence,
            "range_note": cell("note"),
        }
    return {
        "unit": cell("unit"),
        "range_source": row_text(range_rows(spec, applied)),
        "range_source_url": cell("source_url"),
        "range_as_of": cell("as_of"),
        "range_confidence": cell("confidence"),
        "range_note": cell("note"),
    }


def range_rows(spec: Any, applied: Applied) -> tuple[RowRef, ...]:
    """Where a factor's low-high range comes from (the ``range_source`` column, as data): a
    ``range`` factor's data rows (those of ``applied``), else its own row of
    sensitivity_factors.csv."""
    if str(spec["method"]) == "range":
        return applied.rows
    return (RowRef("file", (str(spec["factor"]),), "sensitivity_factors.csv"),)


@dataclass(frozen=True)
class Variant:
    """One side (low or high) of a factor: the changed inputs and the value shown."""

    scenario: Scenario
    data: ModelData
    value: float


@dataclass(frozen=True)
class Applied:
    """A factor applied: its low and high sides, its base value and where that comes from."""

    low: Variant
    high: Variant
    base_value: float
    how: str
    rows: tuple[RowRef, ...]  # file and row id(s) of the base value, as data
    confidence: str
    source_url: str

    @property
    def source(self) -> str:
        """The rows of the base value in English (`row_text`): the ``source`` column."""
        return row_text(self.rows)


def _sides(variant: Callable[[float], Variant], lo: float, hi: float) -> tuple[Variant, Variant]:
    """The LOW and HIGH variants of a factor; one variant serves both when low = high (a Sobol
    design point sets a factor to one value, `chipshock.sim.sobol`: building the other side
    was ~12% of its cost). A `Variant` is never changed, so the two sides may share it."""
    low = variant(lo)
    return low, low if hi == lo else variant(hi)


def bad(field: str, value: object, expected: str, message: str) -> InputError:
    """The error for a bad option or factor: what was given and what was expected."""
    return InputError(Problem(message, field=field, value=str(value), expected=expected))


def _confidence(values: Sequence[Any]) -> str:
    found = {str(v) for v in values if isinstance(v, str) and v}
    ordered = [c for c in _CONFIDENCE_ORDER if c in found] + sorted(found - set(_CONFIDENCE_ORDER))
    return "/".join(ordered)


def source_urls(df: pd.DataFrame) -> str:
    """The distinct source URLs of ``df``'s rows, space-separated."""
    if "source_url" not in df.columns:
        return ""
    return " ".join(dict.fromkeys(str(u) for u in df["source_url"] if isinstance(u, str) and u))


def row_confidence(df: pd.DataFrame) -> str:
    """The distinct confidences of ``df``'s rows, low first, joined by ``/``."""
    return _confidence(list(df["confidence"])) if "confidence" in df.columns else ""


def _with_parameters(
    scenario: Scenario, drop: Callable[[str], bool], add: dict[str, float]
) -> Scenario:
    kept = tuple(p for p in scenario.parameters if not drop(p[0]))
    extra = tuple((k, Distribution.fixed(float(v))) for k, v in add.items())
    return scenario.with_changes(parameters=(*kept, *extra))


def apply_model_assumption(
    scenario: Scenario, data: ModelData, name: str, method: str, lo: float, hi: float
) -> Applied:
    """One model_assumptions.csv row ``name`` set to low / high (``set``) or base x low / high
    (``scale``); a name ending in ``*`` (``utilisation_*``) moves every row it matches at once
    (`_apply_model_assumptions`). A ``utilisation_<class>`` row moves its class's
    utilisation_path.csv rows with it (`_moved_path`)."""
    if name.endswith("*"):
        return _apply_model_assumptions(scenario, data, name, method, lo, hi)
    ma = data.model_assumptions
    rows = ma[ma["parameter"] == name]
    if rows.empty:
        if name != "complementarity" or method != "set":
            raise bad(
                "factors.target",
                f"model_assumptions.{name}",
                "a parameter in model_assumptions.csv",
                "unknown model assumption",
            )
        base = 1.0  # the engine's default (Leontief) when the row is absent
    else:
        base = float(rows["value"].iloc[0])
    if method not in ("set", "scale"):
        raise bad("factors.method", method, "set or scale", "method not supported by target")

    def variant(v: float) -> Variant:
        value = v if method == "set" else base * v
        if rows.empty:
            new = pd.concat(
                [ma, pd.DataFrame([{"parameter": name, "value": value}])], ignore_index=True
            )
        else:
            new = ma.copy()
            new.loc[new["parameter"] == name, "value"] = value
        factor = v if method == "scale" else None
        moved = {name: (factor, value)}
        path = _moved_path(data, moved)
        return Variant(scenario, replace(data, model_assumptions=new, utilisation_path=path), value)

    how = "set to low / high" if method == "set" else f"base ({base:g}) x low / high"
    src = (RowRef("file", (name,), "model_assumptions.csv", "" if len(rows) else "absent"),)
    return Applied(
        *_sides(variant, lo, hi), base, how, src, row_confidence(rows), source_urls(rows)
    )


def _moved_path(data: ModelData, moved: dict[str, tuple[float | None, float]]) -> pd.DataFrame:
    """utilisation_path.csv moved with the ``utilisation_<class>`` rows a factor moves, so that
    the factor moves the class's normal utilisation in every year (the path replaces the row in
    its years, `chipshock.sim.demand.markets.class_utilisation_path`): ``moved`` maps a
    parameter to (multiplier, value set); a multiplier scales each path row of the class
    (capped at 1, as the rows are), None sets it to the value. Other parameters leave the path
    as it is."""
    path = data.utilisation_path
    if path.empty:
        return path
    out = path.copy()
    classes = out["node_class"].astype(str).to_numpy()
    utilisation = out["utilisation"].to_numpy(dtype=float, copy=True)
    for name, (factor, value) in moved.items():
        if not name.startswith("utilisation_"):
            continue
        hit = classes == name.removeprefix("utilisation_")
        new = utilisation[hit] * factor if factor is not None else value
        utilisation[hit] = np.minimum(new, 1.0)
    out["utilisation"] = utilisation
    return out


def _apply_model_assumptions(
    scenario: Scenario, data: ModelData, pattern: str, method: str, lo: float, hi: float
) -> Applied:
    """Every model_assumptions.csv row whose parameter starts with ``pattern`` less its ``*``,
    moved together: ``scale`` multiplies each row's own value by low / high, ``set`` gives every
    row low / high. A row in unit ``fraction`` is capped at 1 (a utilisation above 1 would be
    demand beyond capacity with no shock). The variants' value is the multiplier (``scale``) or
    the value set; the base is 1 for ``scale``, the rows' mean for ``set``. No row matching is
    an error naming the pattern."""
    ma = data.model_assumptions
    prefix = pattern[:-1]
    hit = ma["parameter"].astype(str).str.startswith(prefix)
    rows = ma[hit]
    if rows.empty or not prefix:
        raise bad(
            "factors.target",
            f"model_assumptions.{pattern}",
            "a pattern matching parameters in model_assumptions.csv",
            "no model assumption matches",
        )
    if method not in ("set", "scale"):
        raise bad("factors.method", method, "set or scale", "method not supported by target")
    base_values = rows["value"].astype(float)
    fraction = (
        rows["unit"].astype(str).str.strip().eq("fraction")
        if "unit" in rows.columns
        else pd.Series(False, index=rows.index)
    )

    def variant(v: float) -> Variant:
        moved = base_values * v if method == "scale" else pd.Series(v, index=rows.index)
        moved = moved.where(~fraction, moved.clip(upper=1.0))
        new = ma.copy()
        new["value"] = new["value"].astype(float)
        new.loc[rows.index, "value"] = moved
        factor = v if method == "scale" else None
        path = _moved_path(data, {str(p): (factor, v) for p in rows["parameter"]})
        return Variant(scenario, replace(data, model_assumptions=new, utilisation_path=path), v)

    how = (
        f"every {pattern} row x low / high (fractions capped at 1)"
        if method == "scale"
        else f"every {pattern} row set to low / high"
    )
    base = 1.0 if method == "scale" else float(base_values.mean())
    src = (RowRef("file", tuple(str(p) for p in rows["parameter"]), "model_assumptions.csv"),)
    return Applied(
        *_sides(variant, lo, hi), base, how, src, row_confidence(rows), source_urls(rows)
    )


def _requirement_id(node_class: object, input_id: object, market: object) -> str:
    m = "" if market is None or (isinstance(market, float) and np.isnan(market)) else str(market)
    return "/".join(x for x in (str(node_class), str(input_id), m.strip()) if x)


def apply_node_requirement(
    scenario: Scenario,
    data: ModelData,
    row: str,
    method: str,
    lo: float,
    hi: float,
    factor: str = "",
) -> Applied:
    """The criticality of one node_requirements.csv row, ``row`` = ``<node_class>/<input_id>``
    (a class-wide row, blank ``market_id``) or ``<node_class>/<input_id>/<market_id>`` (a row
    bound to one market): set to low / high (``set``) or base x low / high (``scale``); the
    value must stay within 0-1 (a criticality is a share of the output that needs the input).
    A row that is not in the data is an error listing the rows of that input (or class)."""
    nr = data.node_requirements
    market = nr["market_id"] if "market_id" in nr.columns else pd.Series(None, index=nr.index)
    ids = [
        _requirement_id(c, i, m)
        for c, i, m in zip(nr["node_class"], nr["input_id"], market, strict=True)
    ]
    hit = [k for k, rid in enumerate(ids) if rid == row]
    if not hit:
        parts = row.split("/")
        near = [rid for rid in ids if len(parts) > 1 and rid.split("/")[1] == parts[1]]
        near = near or [rid for rid in ids if rid.split("/")[0] == parts[0]] or ids
        where = f"factors.{factor}.target" if factor else "factors.target"
        raise InputError(
            Problem(
                "names no node_requirements.csv row (node_class/input_id[/market_id])",
                file="sensitivity_factors.csv" if factor else None,
                column="target",
                field=where,
                value=f"node_requirements.{row}.criticality",
                expected="node_requirements.<row>.criticality for a row of "
                + ", ".join(dict.fromkeys(near)),
            )
        )
    if method not in ("set", "scale"):
        raise bad("factors.method", method, "set or scale", "method not supported by target")
    pos = nr.index[hit[0]]
    base = float(nr["criticality"].loc[pos])
    for v in (lo, hi):
        value = v if method == "set" else base * v
        if not 0.0 <= value <= 1.0:
            raise bad(
                f"factors.{factor}.low" if factor else "factors.low",
                f"{value:g}",
                "a criticality between 0 and 1",
                "criticality out of range",
            )

    def variant(v: float) -> Variant:
        value = v if method == "set" else base * v
        new = nr.copy()
        new.at[pos, "criticality"] = value
        return Variant(scenario, replace(data, node_requirements=new), value)

    how = "set to low / high" if method == "set" else f"base ({base:g}) x low / high"
    one = nr.loc[[pos]]
    src = (RowRef("file", (row,), "node_requirements.csv"),)
    return Applied(*_sides(variant, lo, hi), base, how, src, row_confidence(one), source_urls(one))


def apply_parameter(
    scenario: Scenario, data: ModelData, name: str, method: str, lo: float, hi: float
) -> Applied:
    """A per-run scenario parameter (one of `chipshock.sim.draws.BACKLOG_PARAMETERS`) fixed at
    low / high (``set``) or at base x low / high (``scale``). The base is the scenario's own
    ``[parameters]`` value (its central value) if it sets one, else the model_assumptions.csv
    row of the same name, which is what the engine draws without an override."""
    from chipshock.sim.draws import BACKLOG_PARAMETERS

    if name not in BACKLOG_PARAMETERS:
        raise bad(
            "factors.target",
            f"parameters.{name}",
            "parameters." + " | parameters.".join(BACKLOG_PARAMETERS),
            "unknown scenario parameter",
        )
    if method not in ("set", "scale"):
        raise bad("factors.method", method, "set or scale", "method not supported by target")
    ma = data.model_assumptions
    rows = ma[ma["parameter"] == name]
    own = dict(scenario.parameters).get(name)
    if own is not None:
        base, src = float(own.central), RowRef("scenario_parameter", (name,))
    elif not rows.empty:
        base, src = float(rows["value"].iloc[0]), RowRef("file", (name,), "model_assumptions.csv")
    else:
        raise bad(
            "factors.target",
            f"parameters.{name}",
            f"a row {name} in model_assumptions.csv or the scenario's [parameters]",
            "parameter has no base value",
        )

    def variant(v: float) -> Variant:
        value = v if method == "set" else base * v
        return Variant(_with_parameters(scenario, lambda n: n == name, {name: value}), data, value)

    how = "fixed at low / high" if method == "set" else f"base ({base:g}) x low / high"
    return Applied(
        *_sides(variant, lo, hi), base, how, (src,), row_confidence(rows), source_urls(rows)
    )


def apply_value_multiplier(
    scenario: Scenario, data: ModelData, method: str, lo: float, hi: float
) -> Applied:
    em = data.end_markets
    if method not in ("set", "scale"):
        raise bad("factors.method", method, "set or scale", "method not supported by target")

    def variant(v: float) -> Variant:
        new = em.copy()
        new["value_multiplier"] = v if method == "set" else em["value_multiplier"] * v
        return Variant(scenario, replace(data, end_markets=new), v)

    how = "every market set to low / high" if method == "set" else "every market x low / high"
    base = float(em["value_multiplier"].mean()) if method == "set" else 1.0
    src = (RowRef("file", ("value_multiplier",), "end_markets.csv", "markets", len(em)),)
    return Applied(*_sides(variant, lo, hi), base, how, src, row_confidence(em), source_urls(em))


def apply_customer_inventory(
    scenario: Scenario, data: ModelData, method: str, lo: float, hi: float
) -> Applied:
    em = data.end_markets
    markets = [str(m) for m in em["market_id"]]

    def variant(per_market: Sequence[float]) -> Variant:
        s = _with_parameters(
            scenario,
            lambda n: n == "customer_inventory_weeks" or n.startswith("customer_inventory_weeks."),
            {f"customer_inventory_weeks.{m}": w for m, w in zip(markets, per_market, strict=True)},
        )
        return Variant(s, data, float(np.mean(per_market)) if len(per_market) else _NAN)

    if method == "range":
        low = [float(x) for x in em["customer_inventory_weeks_low"]]
        high = [float(x) for x in em["customer_inventory_weeks_high"]]
        how = "every market fixed at its row's low / high (mean over markets shown)"
    elif method == "set":
        low, high = [lo] * len(markets), [hi] * len(markets)
        how = "every market fixed at low / high weeks"
    else:
        raise bad("factors.method", method, "range or set", "method not supported by target")
    base = float(em["customer_inventory_weeks"].mean()) if len(em) else _NAN
    src = (RowRef("file", ("customer_inventory_weeks",), "end_markets.csv", "markets", len(em)),)
    return Applied(variant(low), variant(high), base, how, src, row_confidence(em), source_urls(em))


def apply_buffer(
    scenario: Scenario, data: ModelData, applies_to: str, method: str, lo: float, hi: float
) -> Applied:
    buf = data.inventory_buffers
    rows = buf[buf["applies_to"] == applies_to]
    if rows.empty:
        known = ", ".join(str(a) for a in buf["applies_to"])
        raise bad(
            "factors.target",
            f"inventory_buffers.{applies_to}",
            f"one of {known}",
            "unknown inventory buffer",
        )
    row = rows.iloc[0]
    param = (
        "distributor_inventory_weeks"
        if applies_to == "chips:distributor"
        else f"buffer_weeks.{row['buffer_id']}"
    )
    if method == "range":
        low, high = float(row["weeks_low"]), float(row["weeks_high"])
        how = "fixed at the row's low / high weeks"
    elif method == "set":
        low, high = lo, hi
        how = "fixed at low / high weeks"
    else:
        raise bad("factors.method", method, "range or set", "method not supported by target")

    def variant(v: float) -> Variant:
        return Variant(_with_parameters(scenario, lambda n: n == param, {param: v}), data, v)

    src = (RowRef("file", (str(row["buffer_id"]),), "inventory_buffers.csv"),)
    base = float(row["weeks"])
    first = rows.head(1)
    return Applied(
        *_sides(variant, low, high), base, how, src, row_confidence(first), source_urls(first)
    )


def factor_table(factors: Sequence[str] | pd.DataFrame | None) -> pd.DataFrame:
    defaults = default_factors()
    if factors is None:
        return defaults
    if isinstance(factors, pd.DataFrame):
        missing = [c for c in FACTOR_COLUMNS if c not in factors.columns]
        if missing:
            raise bad(
                "factors",
                ", ".join(missing),
                "columns " + ", ".join(FACTOR_COLUMNS),
                "factor table lacks columns",
            )
        if factors["factor"].duplicated().any():
            dup = factors.loc[factors["factor"].duplicated(), "factor"].iloc[0]
            raise bad("factors", dup, "unique factor ids", "duplicate factor")
        from chipshock.data.factor_ranges import UNITS

        units = [str(u) for u in factors["unit"] if str(u) not in UNITS]
        if units:
            raise bad("factors.unit", units[0], "one of " + ", ".join(UNITS), "unknown unit")
        extra = [c for c in RANGE_SOURCE_COLUMNS if c in factors.columns]
        return factors[[*FACTOR_COLUMNS, *extra]].reset_index(drop=True)
    names = [factors] if isinstance(factors, str) else list(factors)
    known = list(defaults["factor"])
    for n in names:
        if n not in known:
            raise bad("factors", n, "one of " + ", ".join(known), "unknown factor")
    if not names:
        raise bad("factors", "", "at least one of " + ", ".join(known), "no factor")
    return defaults.set_index("factor").loc[names].reset_index()
