"""The shared ground of scenario validation: limits, the problem collector and typed readers.

Each check records the field path (``shock[0].duration_weeks.high``: ``[[shock]]`` and
``[[intervention]]`` tables are counted from 0 in the order of the file, as the engine counts
them; ``priorities.<market>``, ``parameters.<name>``), the bad value and what was expected;
nothing is raised here. The caller raises one error listing all problems.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chipshock.errors import Problem
from chipshock.model.country_names import code_for_country_name
from chipshock.model.market_schema import MARKETS
from chipshock.model.years import (
    REGISTRY_FIRST_YEAR,
    REGISTRY_LAST_YEAR,
    check_registry_year,
    check_year_in,
)

__all__ = [
    "CODE",
    "COUNTRY_CODE",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_RUNS",
    "REGISTRY_FIRST_YEAR",
    "REGISTRY_LAST_YEAR",
    "SLUG_ID",
    "SNAKE_CASE_NAME",
    "WEEKS_PER_YEAR",
    "Collector",
    "TableReader",
    "bound_text",
    "check_model_year",
    "check_registry_year",
    "did_you_mean",
    "is_number",
    "misplaced_key",
    "month_to_week",
    "suggest",
]

#: The model's years, one range for every command, API route and scenario that takes a year of
#: capacity or of a horizon (`chipshock capacity --year`, `chipshock fabs --capacity-in`,
#: ``GET /api/capacity?years=``, a scenario's start_year/end_year, ``--start-year``): from the
#: first year of global_capacity.csv (a test pins it to the data) to the last a horizon may
#: reach. After global_capacity.csv's last year world capacity is held flat, and each command
#: that shows such a year says so (`chipshock.present.coverage_notes.capacity_year_warning`).
FIRST_YEAR = 2022
LAST_YEAR = 2040
MAX_RUNS = 1_000_000
WEEKS_PER_YEAR = 52

#: a scenario, fab or partnership id: ``taiwan-blockade-2027-6m``, ``rapidus-iim1``
SLUG_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: an ISO 3166 alpha-3 country code in capitals: ``TWN``
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
#: a country or group code in capitals: ``TWN``, ``EU27``, ``G7`` or a ``[groups]`` name
CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
#: one part of a parameter or assumption name: ``customer_inventory_weeks``
SNAKE_CASE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def check_model_year(year: int, field: str) -> None:
    """``year`` must be one of the model's years (`FIRST_YEAR`..`LAST_YEAR`); else an
    `InputError` naming ``field``, as every command and route that takes such a year says it."""
    check_year_in(year, field, FIRST_YEAR, LAST_YEAR, "capacity and of scenario horizons")


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices`` to ``word``, or ``""``."""
    hint = suggest(word, choices)
    return f"; did you mean {hint!r}?" if hint else ""


def month_to_week(month: int) -> int:
    """The week of the year (1..52) in which a month (1..12) begins: ``int((m-1)*52/12) + 1``."""
    return int((month - 1) * WEEKS_PER_YEAR / 12) + 1


def bound_text(bound: float) -> str:
    """A bound of a number field as a reader writes it: a whole number with thousands
    separators, never in exponent form (``1e7`` is ``10,000,000``, not ``1e+07``).

    >>> bound_text(1e7), bound_text(0.0), bound_text(0.1), bound_text(50)
    ('10,000,000', '0', '0.1', '50')
    """
    return f"{int(bound):,}" if float(bound).is_integer() else f"{bound:g}"


def is_number(value: Any) -> bool:
    """True for an int or a float, not for a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class Collector:
    """Problems found so far in one document."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    #: each known key's tables, by header (``{"inventory_regime": ("[scenario]",)}``): an unknown
    #: key that is another table's is placed there, as TOML gives a key to the header above it
    homes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

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

    def unknown_choice(self, where: str, what: str, value: Any, choices: Sequence[str]) -> None:
        """``value`` (a kind, a market, …) is not one of ``choices``; suggest the closest."""
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.add(
            where,
            f"unknown {what}{hint}",
            value if value is not None else "(missing)",
            "one of " + ", ".join(choices),
        )

    def unknown_keys(self, table: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key in allowed:
                continue
            path = f"{where}.{key}" if where else key
            message = f"unknown key {key!r}" + (
                misplaced_key(self.homes.get(key, ()), top_level=not where)
                or did_you_mean(key, allowed)
            )
            self.add(path, message, expected="one of " + ", ".join(allowed))


def misplaced_key(homes: Sequence[str], top_level: bool = False) -> str:
    """Where a key read under the wrong table belongs (``homes``: the headers of the tables that
    have it), or ``""``: in TOML a key belongs to the last table header above it, so a
    ``[scenario]`` key written after ``[priorities]`` is read as a market weight, and a key
    before the first header as the file's top level.

    >>> misplaced_key(["[scenario]"])[:70]
    '; it is a key of [scenario]: in TOML a key belongs to the last [table]'
    >>> misplaced_key(["[[shock]]"], top_level=True).endswith("so move the line under [[shock]]")
    True
    >>> misplaced_key([])
    ''
    """
    if not homes:
        return ""
    tables = " or ".join(homes)
    rule = (
        "a key above the first [table] header is read as the file's top level"
        if top_level
        else "in TOML a key belongs to the last [table] header above it"
    )
    return f"; it is a key of {tables}: {rule}, so move the line under {tables}"


class TableReader:
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
        if not is_number(value) or not math.isfinite(value):
            self.out.add(self.path(key), "wrong type", value, "a finite number")
            return default
        if not low <= value <= high:
            limit = f"{bound_text(low)} ≤ value" + (
                f" ≤ {bound_text(high)}" if math.isfinite(high) else ""
            )
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
                code = suggested_code(item, pattern) if pattern in (COUNTRY_CODE, CODE) else None
                fix = f"; did you mean {code!r}?" if code else ""
                self.out.add(f"{self.path(key)}[{i}]", "malformed id" + fix, item, hint)
        duplicates = sorted({v for v in value if value.count(v) > 1})
        if duplicates:
            repeated = "repeated id" if len(duplicates) == 1 else f"{len(duplicates)} repeated ids"
            self.out.add(self.path(key), repeated, ", ".join(duplicates), "each id once")
        return tuple(value)

    def markets(self, key: str) -> tuple[str, ...]:
        """A list of market ids, each checked against `MARKETS`."""
        markets = self.strings(key)
        for i, market in enumerate(markets):
            if market not in MARKETS:
                self.out.unknown_choice(f"{self.path(key)}[{i}]", "market", market, MARKETS)
        return markets


def suggested_code(item: str, pattern: re.Pattern[str]) -> str | None:
    """The code to suggest for a malformed country or group code: the code of the country
    ``item`` names ("Japan" -> 'JPN'), else ``item`` in upper case if that is well-formed
    ('jpn' -> 'JPN'), else None (an upper-cased name such as 'JAPAN' would fail again)."""
    named = code_for_country_name(item)
    if named is not None and pattern.match(named):
        return named
    upper = item.upper()
    return upper if pattern.match(upper) else None
