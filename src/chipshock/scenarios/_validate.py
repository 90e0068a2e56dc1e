"""Turn the tables of a parsed TOML document into a `Scenario`, collecting every problem.

Each check records the field path (``shock[0].duration_weeks.high``: tables are counted from
0 in the order of the file, as the engine counts them), the bad value and what was expected;
nothing is raised here. The caller raises one error listing all problems.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from chipshock.errors import Problem
from chipshock.model.market_schema import MARKETS
from chipshock.scenarios.model import (
    DistKind,
    Distribution,
    Intervention,
    InterventionKind,
    Scenario,
    Shock,
    ShockKind,
)

FIRST_YEAR = 2022  # earliest year the capacity data covers
LAST_YEAR = 2040  # last year a horizon may reach
MAX_RUNS = 1_000_000
WEEKS_PER_YEAR = 52

SHOCK_KINDS: tuple[str, ...] = get_args(ShockKind)
INTERVENTION_KINDS: tuple[str, ...] = get_args(InterventionKind)
DIST_KINDS: tuple[str, ...] = get_args(DistKind)

TOP_KEYS = ("scenario", "shock", "intervention", "priorities", "parameters")
SCENARIO_KEYS = (
    "id",
    "title",
    "title_ja",
    "description",
    "description_ja",
    "start_year",
    "end_year",
    "runs",
    "seed",
    "assumptions",
)
SHOCK_KEYS = (
    "kind",
    "targets",
    "start",
    "duration_weeks",
    "severity",
    "recovery_weeks",
    "to",
    "inputs",
    "label",
)
INTERVENTION_KEYS = ("kind", "fabs", "partnerships", "markets", "weeks", "factor", "label")
#: keys each intervention kind uses besides ``kind`` and ``label`` (required first)
INTERVENTION_USES: dict[str, tuple[str, ...]] = {
    "fabs_off": ("fabs",),
    "fabs_on": ("fabs",),
    "partnership_off": ("partnerships",),
    "stockpile": ("weeks", "markets"),
    "inventory_policy": ("factor", "markets"),
}
#: parameter keys of each distribution (besides ``dist``); required ones first
DIST_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fixed": (("value",), ()),
    "uniform": (("low", "high"), ()),
    "triangular": (("low", "mode", "high"), ()),
    "normal": (("mean", "sd"), ("low", "high")),
    "lognormal": (("median", "sigma"), ("low", "high")),
}
ALL_DIST_KEYS = ("dist", "value", "low", "mode", "high", "mean", "sd", "median", "sigma")

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def month_to_week(month: int) -> int:
    """The week of the year (1..52) in which a month (1..12) begins: ``int((m-1)*52/12) + 1``."""
    return int((month - 1) * WEEKS_PER_YEAR / 12) + 1


@dataclass
class Collector:
    """Problems found so far in one document."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str, value: Any = None, expected: str | None = None) -> None:
        if value is None or isinstance(value, str):
            shown = value
        elif isinstance(value, float):
            shown = f"{value:g}"
        else:
            shown = repr(value)
        self.problems.append(
            Problem(message, file=self.source, field=where, value=shown, expected=expected)
        )

    def unknown_keys(self, table: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key in allowed:
                continue
            hint = suggest(key, allowed)
            path = f"{where}.{key}" if where else key
            message = f"unknown key {key!r}" + (f"; did you mean {hint!r}?" if hint else "")
            self.add(path, message, expected="one of " + ", ".join(allowed))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Reader:
    """Typed getters over one table that record problems and return a default on failure."""

    def __init__(self, out: Collector, table: Mapping[str, Any], where: str) -> None:
        self.out, self.table, self.where = out, table, where

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def string(self, key: str, default: str = "") -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str):
            self.out.add(self.path(key), "wrong type", value, "a string")
            return default
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.out.add(self.path(key), "wrong type", value, "an integer")
            return default
        if not low <= value <= high:
            self.out.add(self.path(key), "out of range", value, f"{low} ≤ value ≤ {high}")
            return default
        return value

    def number(self, key: str, default: float, low: float = 0.0, high: float = math.inf) -> float:
        value = self.table.get(key, default)
        if not _is_number(value) or not math.isfinite(value):
            self.out.add(self.path(key), "wrong type", value, "a finite number")
            return default
        if not low <= value <= high:
            limit = f"{low:g} ≤ value" + (f" ≤ {high:g}" if math.isfinite(high) else "")
            self.out.add(self.path(key), "out of range", value, limit)
            return default
        return float(value)

    def strings(
        self, key: str, pattern: re.Pattern[str] | None = None, hint: str = ""
    ) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):  # a single id is accepted for convenience
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.out.add(self.path(key), "wrong type", value, "a list of non-empty strings")
            return ()
        for i, item in enumerate(value):
            if pattern is not None and not pattern.match(item):
                fix = f"; did you mean {item.upper()!r}?" if pattern is _COUNTRY else ""
                self.out.add(f"{self.path(key)}[{i}]", "malformed id" + fix, item, hint)
        duplicates = sorted({v for v in value if value.count(v) > 1})
        if duplicates:
            self.out.add(self.path(key), "repeated id(s)", ", ".join(duplicates), "each id once")
        return tuple(value)


def _markets(reader: _Reader, key: str) -> tuple[str, ...]:
    markets = reader.strings(key)
    for i, market in enumerate(markets):
        if market not in MARKETS:
            hint = suggest(market, MARKETS)
            reader.out.add(
                f"{reader.path(key)}[{i}]",
                "unknown market" + (f"; did you mean {hint!r}?" if hint else ""),
                market,
                "one of " + ", ".join(MARKETS),
            )
    return markets


def distribution(
    out: Collector, value: Any, where: str, *, default: Distribution, unit_interval: bool
) -> Distribution:
    """A number (fixed) or an inline table ``{ dist = ..., ... }``; support must be ≥ 0 and,
    for a fraction (``unit_interval``), ≤ 1."""
    top = 1.0 if unit_interval else math.inf
    expected_range = "0 ≤ value ≤ 1" if unit_interval else "value ≥ 0"
    if _is_number(value):
        if not math.isfinite(value) or not 0 <= value <= top:
            out.add(where, "out of range", value, expected_range)
            return default
        return Distribution.fixed(float(value))
    if not isinstance(value, dict):
        out.add(
            where,
            "wrong type",
            value,
            'a number or a table like { dist = "triangular", low = 4, mode = 26, high = 78 }',
        )
        return default
    kind = value.get("dist", "fixed" if "value" in value else None)
    if kind not in DIST_KINDS:
        hint = suggest(str(kind), DIST_KINDS) if isinstance(kind, str) else None
        out.add(
            f"{where}.dist",
            "unknown distribution" + (f"; did you mean {hint!r}?" if hint else ""),
            kind if kind is not None else "(missing)",
            "one of " + ", ".join(DIST_KINDS),
        )
        out.unknown_keys(value, ALL_DIST_KEYS, where)
        return default
    required, optional = DIST_KEYS[kind]
    allowed = ("dist", *required, *optional)
    before = len(out.problems)
    out.unknown_keys(value, allowed, where)
    nums: dict[str, float] = {}
    for key in (*required, *optional):
        if key not in value:
            if key in required:
                out.add(
                    f"{where}.{key}",
                    f"missing (a {kind} distribution needs {', '.join(required)})",
                    expected="a number",
                )
            continue
        v = value[key]
        if not _is_number(v) or not math.isfinite(v):
            out.add(f"{where}.{key}", "wrong type", v, "a finite number")
        else:
            nums[key] = float(v)
    if len(out.problems) > before:
        return default
    return _checked(out, kind, nums, where, top, expected_range, default)


def _checked(
    out: Collector,
    kind: str,
    n: dict[str, float],
    where: str,
    top: float,
    expected_range: str,
    default: Distribution,
) -> Distribution:
    before = len(out.problems)

    def bound(key: str) -> None:
        if key in n and not 0 <= n[key] <= top:
            out.add(f"{where}.{key}", "out of range", n[key], expected_range)

    if kind == "fixed":
        bound("value")
        return default if len(out.problems) > before else Distribution.fixed(n["value"])
    for key in ("low", "high", "mode"):
        bound(key)
    if "low" in n and "high" in n and n["low"] > n["high"]:
        out.add(f"{where}.high", "high is below low", n["high"], f"≥ low ({n['low']:g})")
    ordered = n.get("low", 0.0) <= n.get("high", math.inf)
    if kind == "triangular" and ordered and not n["low"] <= n["mode"] <= n["high"]:
        out.add(
            f"{where}.mode",
            "mode outside [low, high]",
            n["mode"],
            f"{n['low']:g} ≤ mode ≤ {n['high']:g}",
        )
    if kind in ("normal", "lognormal"):
        sd_key, centre_key = ("sd", "mean") if kind == "normal" else ("sigma", "median")
        if n[sd_key] <= 0:
            out.add(f"{where}.{sd_key}", f"{sd_key} must be positive", n[sd_key], "> 0")
        if kind == "lognormal" and n["median"] <= 0:
            out.add(f"{where}.median", "median must be positive", n["median"], "> 0")
        if math.isfinite(top) and "high" not in n:
            out.add(
                f"{where}.high",
                f"a {kind} fraction must be clipped",
                None,
                f"high ≤ {top:g} to keep draws in range",
            )
        low, high = n.get("low", 0.0), n.get("high", math.inf)
        if not low <= n[centre_key] <= high:
            out.add(
                f"{where}.{centre_key}",
                f"{centre_key} outside the clip range [low, high]",
                n[centre_key],
                f"{low:g} ≤ {centre_key} ≤ {high:g}",
            )
        if kind == "normal" and n["mean"] < 0:
            out.add(f"{where}.mean", "out of range", n["mean"], expected_range)
    if len(out.problems) > before:
        return default
    if kind == "uniform":
        return Distribution("uniform", low=n["low"], high=n["high"])
    if kind == "triangular":
        return Distribution("triangular", low=n["low"], mode=n["mode"], high=n["high"])
    centre, spread = ("mean", "sd") if kind == "normal" else ("median", "sigma")
    return Distribution(
        "normal" if kind == "normal" else "lognormal",
        low=n.get("low", 0.0),
        high=n.get("high"),
        mean=n[centre],
        sd=n[spread],
    )


def _start(out: Collector, value: Any, where: str, first: int, last: int) -> tuple[int, int]:
    """``"2027-01"`` (month), ``"2027-W05"`` (week) or ``2027`` (week 1) -> (year, week)."""
    expected = '"YYYY-MM" (a month), "YYYY-Www" (a week 01..52) or a year'
    year, week = first, 1
    if _is_number(value) and float(value).is_integer():
        year = int(value)
    elif isinstance(value, str) and (m := _MONTH.match(value)):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            out.add(where, "month out of range", value, "month 01..12")
            return first, 1
        week = month_to_week(month)
    elif isinstance(value, str) and (w := _WEEK.match(value)):
        year, week = int(w.group(1)), int(w.group(2))
        if not 1 <= week <= WEEKS_PER_YEAR:
            out.add(where, "week out of range", value, "week W01..W52")
            return first, 1
    else:
        out.add(where, "wrong format", value, expected)
        return first, 1
    if not first <= year <= last:
        out.add(
            where,
            "shock starts outside the scenario horizon",
            value,
            f"a start in {first}..{last} (the scenario's start_year..end_year)",
        )
    return year, week


def _shock(out: Collector, table: Any, where: str, first: int, last: int) -> Shock | None:
    if not isinstance(table, dict):
        out.add(where, "wrong type", table, "a [[shock]] table")
        return None
    out.unknown_keys(table, SHOCK_KEYS, where)
    r = _Reader(out, table, where)
    kind = table.get("kind")
    if kind not in SHOCK_KINDS:
        hint = suggest(kind, SHOCK_KINDS) if isinstance(kind, str) else None
        out.add(
            f"{where}.kind",
            "unknown shock kind" + (f"; did you mean {hint!r}?" if hint else ""),
            kind if kind is not None else "(missing)",
            "one of " + ", ".join(SHOCK_KINDS),
        )
        kind = None
    country_like = kind in ("country", "export_control")
    targets = r.strings(
        "targets",
        _COUNTRY if country_like else None,
        "an ISO 3166 alpha-3 code in capitals, e.g. 'TWN'",
    )
    if "targets" not in table:
        out.add(f"{where}.targets", "missing", expected="a non-empty list of ids")
    elif table["targets"] == []:
        out.add(f"{where}.targets", "empty list", "[]", "at least one id")
    if "start" not in table:
        out.add(f"{where}.start", "missing", expected='e.g. start = "2027-01"')
        year, week = first, 1
    else:
        year, week = _start(out, table["start"], f"{where}.start", first, last)
    to = r.strings("to", _COUNTRY, "an ISO 3166 alpha-3 code in capitals, e.g. 'CHN'")
    inputs = r.strings("inputs")
    if kind == "export_control":
        if not to:
            out.add(
                f"{where}.to",
                "an export control needs the countries it cuts off",
                expected='e.g. to = ["CHN"]',
            )
        both = sorted(set(to) & set(targets))
        if both:
            out.add(
                f"{where}.to",
                "a country cannot control exports to itself",
                ", ".join(both),
                "countries not listed in targets",
            )
    elif kind is not None:
        for key in ("to", "inputs"):
            if key in table:
                out.add(
                    f"{where}.{key}",
                    f"only used by kind 'export_control', not {kind!r}",
                    table[key],
                    "no such key here",
                )
    default = Shock("country", (), start_year=first)
    dists = {
        key: distribution(
            out,
            table[key],
            f"{where}.{key}",
            default=getattr(default, key),
            unit_interval=key == "severity",
        )
        if key in table
        else getattr(default, key)
        for key in ("duration_weeks", "severity", "recovery_weeks")
    }
    if kind is None:
        return None
    return Shock(
        kind=kind,
        targets=targets,
        start_year=year,
        start_week=week,
        to=to,
        inputs=inputs,
        label=r.string("label"),
        **dists,
    )


def _intervention(out: Collector, table: Any, where: str) -> Intervention | None:
    if not isinstance(table, dict):
        out.add(where, "wrong type", table, "an [[intervention]] table")
        return None
    out.unknown_keys(table, INTERVENTION_KEYS, where)
    r = _Reader(out, table, where)
    kind = table.get("kind")
    if kind not in INTERVENTION_KINDS:
        hint = suggest(kind, INTERVENTION_KINDS) if isinstance(kind, str) else None
        out.add(
            f"{where}.kind",
            "unknown intervention kind" + (f"; did you mean {hint!r}?" if hint else ""),
            kind if kind is not None else "(missing)",
            "one of " + ", ".join(INTERVENTION_KINDS),
        )
        return None
    uses = INTERVENTION_USES[kind]
    for key in table:
        if key in INTERVENTION_KEYS and key not in (*uses, "kind", "label"):
            out.add(
                f"{where}.{key}",
                f"not used by kind {kind!r}",
                table[key],
                "keys " + ", ".join(uses),
            )
    required = uses[0]
    if required not in table:
        out.add(
            f"{where}.{required}",
            f"missing (kind {kind!r} needs it)",
            expected="a list of ids" if required in ("fabs", "partnerships") else "a number",
        )
    elif required in ("fabs", "partnerships") and not table[required]:
        out.add(f"{where}.{required}", "empty list", table[required], "at least one id")
    return Intervention(
        kind=kind,
        fabs=r.strings("fabs", _ID, "a fab_id from fabs.csv, e.g. 'rapidus-iim1'"),
        partnerships=r.strings("partnerships", _ID, "a partnership_id, e.g. 'ibm-rapidus-2nm'"),
        markets=_markets(r, "markets"),
        weeks=r.number("weeks", 0.0, high=520.0) if "weeks" in table else 0.0,
        factor=r.number("factor", 1.0, high=100.0) if "factor" in table else 1.0,
        label=r.string("label"),
    )


def _named_table(out: Collector, doc: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        out.add(key, "wrong type", value, f"a [{key}] table")
        return {}
    return value


def _array_of_tables(out: Collector, doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        out.add(key, "wrong type", value, f"one or more [[{key}]] tables")
        return []
    return value


def _flat_parameters(table: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``a.b = 3`` (a nested table in TOML) and ``"a.b" = 3`` both give the name ``a.b``; a table
    with any distribution key (``dist``, ``low``, …) is a distribution, not a namespace."""
    out: list[tuple[str, Any]] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and not set(value) & set(ALL_DIST_KEYS):
            out += _flat_parameters(value, prefix=f"{name}.")
        else:
            out.append((name, value))
    return out


def build_scenario(
    doc: Mapping[str, Any], source: str, default_id: str, out: Collector
) -> Scenario:
    """The scenario that ``doc`` describes; problems go to ``out`` (check it before use)."""
    out.unknown_keys(doc, TOP_KEYS, "")
    head = _named_table(out, doc, "scenario")
    out.unknown_keys(head, SCENARIO_KEYS, "scenario")
    r = _Reader(out, head, "scenario")
    scenario_id = r.string("id", default_id)
    if not _ID.match(scenario_id):
        out.add(
            "scenario.id",
            "malformed id",
            scenario_id,
            "lower-case letters, digits and '-', e.g. 'taiwan-blockade-2027-6m'",
        )
    start_year = r.integer("start_year", 2026, FIRST_YEAR, LAST_YEAR)
    end_year = r.integer("end_year", max(start_year, 2030), FIRST_YEAR, LAST_YEAR)
    if end_year < start_year:
        out.add(
            "scenario.end_year",
            "end_year is before start_year",
            end_year,
            f"≥ start_year ({start_year})",
        )
    shocks = [
        _shock(out, t, f"shock[{i}]", start_year, max(start_year, end_year))
        for i, t in enumerate(_array_of_tables(out, doc, "shock"))
    ]
    interventions = [
        _intervention(out, t, f"intervention[{i}]")
        for i, t in enumerate(_array_of_tables(out, doc, "intervention"))
    ]
    priorities = _named_table(out, doc, "priorities")
    out.unknown_keys(priorities, MARKETS, "priorities")
    pr = _Reader(out, priorities, "priorities")
    weights = tuple((m, pr.number(m, 1.0, high=1000.0)) for m in MARKETS if m in priorities)
    for m, w in weights:
        if w == 0:
            out.add(f"priorities.{m}", "a weight must be positive", 0, "a weight > 0 (1 = default)")
    parameters = []
    for name, value in _flat_parameters(_named_table(out, doc, "parameters")):
        if not all(_NAME.match(part) for part in name.split(".")):
            out.add(
                f"parameters.{name}",
                "malformed name",
                name,
                "snake_case parts joined by '.', e.g. customer_inventory_weeks.automotive",
            )
        dist = distribution(
            out, value, f"parameters.{name}", default=Distribution.fixed(0.0), unit_interval=False
        )
        parameters.append((name, dist))
    return Scenario(
        scenario_id=scenario_id,
        title=r.string("title", scenario_id) or scenario_id,
        description=r.string("description"),
        title_ja=r.string("title_ja"),
        description_ja=r.string("description_ja"),
        start_year=start_year,
        end_year=end_year,
        runs=r.integer("runs", 1000, 1, MAX_RUNS),
        seed=r.integer("seed", 0, 0, 2**63 - 1),
        shocks=tuple(s for s in shocks if s is not None),
        interventions=tuple(i for i in interventions if i is not None),
        priorities=weights,
        parameters=tuple(parameters),
        source=source,
        assumptions=r.strings("assumptions", _NAME, "a parameter id from shock_assumptions.csv"),
    )
