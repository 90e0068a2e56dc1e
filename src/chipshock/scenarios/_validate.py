"""Turn the tables of a parsed TOML document into a `Scenario`, collecting every problem.

Each check records the field path (``scenario.end_year``, ``shock[0].duration_weeks.high``,
``intervention[1].fabs[0]``, ``priorities.<market>``, ``parameters.<name>``), the bad value and
what was expected; nothing is raised here. The caller raises one error listing all problems.
The checks of single values live in `_fields` and `_distributions`, those of ``[[shock]]`` and
``[[intervention]]`` tables in `_events`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from chipshock.errors import Problem, UnknownIdError
from chipshock.model.market_schema import MARKETS
from chipshock.scenarios._distributions import ALL_DIST_KEYS, distribution
from chipshock.scenarios._events import (
    FAB_OVERRIDE_KEYS,
    INTERVENTION_KEYS,
    SHOCK_KEYS,
    SOURCING_KEYS,
    check_sourcing_sums,
    read_fab_override,
    read_intervention,
    read_shock,
    read_sourcing,
)
from chipshock.scenarios._fields import (
    CODE,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_RUNS,
    SLUG_ID,
    SNAKE_CASE_NAME,
    Collector,
    TableReader,
)
from chipshock.scenarios.model import Distribution, Scenario

__all__ = ["SCENARIO_KEYS", "TOP_KEYS", "build_scenario", "check_assumption_ids"]

_T = TypeVar("_T")

TOP_KEYS = (
    "scenario",
    "groups",
    "shock",
    "intervention",
    "fab_override",
    "sourcing",
    "priorities",
    "parameters",
)
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
    "inventory_regime",
    "inventory_target_regime",
)
#: the largest `[priorities]` weight (1 = default, as every market without one)
MAX_PRIORITY = 1000.0
_WEIGHTS = f"a weight > 0 and ≤ {MAX_PRIORITY:g} (1 = default)"
#: the tables of a file and their keys, by the header a user writes
TABLE_KEYS: tuple[tuple[str, Sequence[str]], ...] = (
    ("[scenario]", SCENARIO_KEYS),
    ("[[shock]]", SHOCK_KEYS),
    ("[[intervention]]", INTERVENTION_KEYS),
    ("[[fab_override]]", FAB_OVERRIDE_KEYS),
    ("[[sourcing]]", SOURCING_KEYS),
    ("[priorities]", MARKETS),
)
#: each key's tables (``start_year``: ``[scenario]`` and ``[[fab_override]]``)
KEY_HOMES: dict[str, tuple[str, ...]] = {
    key: tuple(header for header, keys in TABLE_KEYS if key in keys)
    for _, keys in TABLE_KEYS
    for key in keys
}


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


def _regime(out: Collector, r: TableReader, key: str = "inventory_regime") -> str:
    written = r.table.get(key)
    if isinstance(written, int | float) and not isinstance(written, bool):
        # `inventory_regime = 2019` reads as a year; the regime is the name "2019" (the hint
        # is in the message: `expected` stays "a string", which the Japanese text translates)
        out.add(
            f"scenario.{key}",
            f'wrong type: a regime is a name in quotes, {key} = "{written:g}"',
            written,
            "a string",
        )
        return ""
    regime = r.string(key)
    if regime and not SNAKE_CASE_NAME.match(regime) and not regime[:1].isdigit():
        out.add(
            f"scenario.{key}",
            "malformed regime",
            regime,
            'a regime of model_assumptions.csv, e.g. "2019" or "2021_lean"',
        )
    return regime


def _groups(out: Collector, doc: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[groups]`` ``NAME = ["USA", "JPN"]``: the shape of each name and code is checked here,
    their meaning (clashes, unknown codes, cycles) against the data by `scenarios.groups`."""
    table = _named_table(out, doc, "groups")
    r = TableReader(out, table, "groups")
    found = []
    for name in table:
        if not CODE.match(str(name)):
            out.add(
                f"groups.{name}",
                "malformed group name",
                name,
                "2-16 capital letters, digits or '_' starting with a letter, e.g. MYBLOC",
            )
        members = r.strings(name, CODE, "a country or group code in capitals, e.g. 'USA'")
        if name in table and not members and table[name] == []:
            out.add(f"groups.{name}", "empty group", "[]", "at least one country or group code")
        found.append((str(name), members))
    return tuple(found)


#: what a scenario id may hold (`SLUG_ID`), as the error and docs/scenarios.md say it
_ID_CHARS = "lower-case letters, digits, '-' and '_' (starting with a letter or digit)"


def _id_problem(scenario_id: str, written: bool) -> tuple[str, str, str, str]:
    """The field, message, value and expected of a malformed id: an id the file writes is
    ``scenario.id``; one taken from the file name (no ``id`` key) says so and how to fix it
    (rename the file, or write ``id``), since the user never wrote the key it names.

    >>> field, message, value, expected = _id_problem("in_S3", False)
    >>> print(message)
    malformed id: no scenario.id in the file, so the id is the file name 'in_S3'
    >>> print(expected.split(": ", 1)[1])
    rename the file (e.g. 'in_s3.toml') or set id under [scenario] (e.g. id = "in_s3")
    """
    if written:
        return (
            "scenario.id",
            "malformed id",
            scenario_id,
            f"{_ID_CHARS}, e.g. 'taiwan-blockade-2027-6m'",
        )
    fixed = re.sub(r"[^a-z0-9_-]+", "-", scenario_id.lower()).strip("-_") or "my-scenario"
    return (
        "scenario.id",
        f"malformed id: no scenario.id in the file, so the id is the file name '{scenario_id}'",
        scenario_id,
        f"{_ID_CHARS}: rename the file (e.g. '{fixed}.toml') or set id under [scenario] "
        f'(e.g. id = "{fixed}")',
    )


def _built(tables: Sequence[_T | None]) -> list[tuple[int, _T]]:
    """The tables that could be built, each with its index in the file."""
    return [(i, t) for i, t in enumerate(tables) if t is not None]


def build_scenario(
    doc: Mapping[str, Any],
    source: str,
    default_id: str,
    out: Collector,
    kept: dict[str, tuple[int, ...]] | None = None,
) -> Scenario:
    """The scenario that ``doc`` describes; problems go to ``out`` (check it before use).

    A table that cannot be built (a shock of unknown kind, a sourcing row without a share) is
    left out; ``kept``, if given, receives per array of tables (``shock``, ``intervention``,
    ``fab_override``, ``sourcing``) the file index of each one the scenario holds."""
    out.homes = out.homes or KEY_HOMES
    out.unknown_keys(doc, TOP_KEYS, "")
    head = _named_table(out, doc, "scenario")
    out.unknown_keys(head, SCENARIO_KEYS, "scenario")
    r = TableReader(out, head, "scenario")
    scenario_id = r.string("id", default_id)
    if not SLUG_ID.match(scenario_id):
        out.add(*_id_problem(scenario_id, "id" in head))
    start_year = r.integer("start_year", 2026, FIRST_YEAR, LAST_YEAR)
    end_year = r.integer("end_year", max(start_year, 2030), FIRST_YEAR, LAST_YEAR)
    if end_year < start_year:
        out.add(
            "scenario.end_year",
            "end_year is before start_year",
            end_year,
            f"≥ start_year ({start_year})",
        )
    shocks = _built(
        [
            read_shock(out, t, f"shock[{i}]", start_year, max(start_year, end_year))
            for i, t in enumerate(_array_of_tables(out, doc, "shock"))
        ]
    )
    interventions = _built(
        [
            read_intervention(out, t, f"intervention[{i}]")
            for i, t in enumerate(_array_of_tables(out, doc, "intervention"))
        ]
    )
    overrides = _built(
        [
            read_fab_override(out, t, f"fab_override[{i}]", (start_year, max(start_year, end_year)))
            for i, t in enumerate(_array_of_tables(out, doc, "fab_override"))
        ]
    )
    read = _built(
        [
            read_sourcing(out, t, f"sourcing[{i}]")
            for i, t in enumerate(_array_of_tables(out, doc, "sourcing"))
        ]
    )
    check_sourcing_sums(out, read)
    if kept is not None:
        for key, built in (
            ("shock", shocks),
            ("intervention", interventions),
            ("fab_override", overrides),
            ("sourcing", read),
        ):
            kept[key] = tuple(i for i, _ in built)
    priorities = _named_table(out, doc, "priorities")
    out.unknown_keys(priorities, MARKETS, "priorities")
    pr = TableReader(out, priorities, "priorities")
    weights = tuple((m, pr.number(m, 1.0, low=-math.inf)) for m in MARKETS if m in priorities)
    for m, w in weights:
        if w <= 0:
            out.add(f"priorities.{m}", "a weight must be positive", w, _WEIGHTS)
        elif w > MAX_PRIORITY:
            out.add(f"priorities.{m}", "out of range", w, _WEIGHTS)
    weights = tuple((m, w) for m, w in weights if 0 < w <= MAX_PRIORITY)
    parameters = []
    for name, value in _flat_parameters(_named_table(out, doc, "parameters")):
        if not all(SNAKE_CASE_NAME.match(part) for part in name.split(".")):
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
        shocks=tuple(s for _, s in shocks),
        interventions=tuple(iv for _, iv in interventions),
        priorities=weights,
        fab_overrides=tuple(o for _, o in overrides),
        inventory_regime=_regime(out, r),
        inventory_target_regime=_regime(out, r, "inventory_target_regime"),
        parameters=tuple(parameters),
        source=source,
        assumptions=r.strings(
            "assumptions", SNAKE_CASE_NAME, "a parameter id from shock_assumptions.csv"
        ),
        groups=_groups(out, doc),
        sourcing=tuple(row for _, row in read),
    )


def check_assumption_ids(scenario: Scenario, known: Iterable[str]) -> None:
    """Every id in the scenario's ``assumptions`` must be a row of shock_assumptions.csv;
    otherwise `UnknownIdError` names the field, the unknown ids and a few close known ones."""
    known_ids = sorted({str(k) for k in known})
    unknown = [a for a in scenario.assumptions if a not in known_ids]
    if not unknown:
        return
    close = difflib.get_close_matches(unknown[0], known_ids, n=3, cutoff=0.5)
    raise UnknownIdError(
        Problem(
            "unknown assumption id",
            file=scenario.source or None,
            field="scenario.assumptions",
            value=", ".join(unknown),
            expected="a parameter of shock_assumptions.csv"
            + (f", e.g. {', '.join(close)}" if close else f" ({len(known_ids)} known)"),
        )
    )
