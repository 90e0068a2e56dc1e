"""The ``[[shock]]`` and ``[[intervention]]`` tables of a scenario file.

Paths read ``shock[0].start``, ``intervention[1].fabs[0]``: tables counted from 0 in the order
of the file, as the engine counts them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, get_args

from chipshock.model.market_schema import MARKETS
from chipshock.scenarios._distributions import distribution
from chipshock.scenarios._fields import (
    CODE,
    FIRST_YEAR,
    LAST_YEAR,
    REGISTRY_FIRST_YEAR,
    REGISTRY_LAST_YEAR,
    SLUG_ID,
    SNAKE_CASE_NAME,
    WEEKS_PER_YEAR,
    Collector,
    TableReader,
    is_number,
    month_to_week,
)
from chipshock.scenarios.model import (
    FabOverride,
    Intervention,
    InterventionKind,
    Shock,
    ShockKind,
    SourcingShare,
)

__all__ = [
    "FAB_OVERRIDE_KEYS",
    "INTERVENTION_KEYS",
    "INTERVENTION_KINDS",
    "INTERVENTION_USES",
    "MAX_SHOCK_WEEKS",
    "SHOCK_KEYS",
    "SHOCK_KINDS",
    "SOURCING_KEYS",
    "check_sourcing_sums",
    "read_fab_override",
    "read_intervention",
    "read_shock",
    "read_sourcing_tables",
]

SHOCK_KINDS: tuple[str, ...] = get_args(ShockKind)
INTERVENTION_KINDS: tuple[str, ...] = get_args(InterventionKind)

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
    "label_ja",
    "classes",
    "direction",
    "rows",
)
FAB_OVERRIDE_KEYS = ("fab", "capacity_wspm", "start_year", "ramp_years", "node_class", "label")
SOURCING_KEYS = ("market", "node_class", "operator", "share_pct", "note")
NODE_CLASS_NAMES = ("lt10", "n10_22", "n28_45", "gt45", "dram", "nand")
INTERVENTION_KEYS = (
    "kind",
    "fabs",
    "partnerships",
    "markets",
    "weeks",
    "factor",
    "label",
    "label_ja",
)
#: keys each intervention kind uses besides ``kind`` and ``label`` (required first)
INTERVENTION_USES: dict[str, tuple[str, ...]] = {
    "fabs_off": ("fabs",),
    "fabs_on": ("fabs",),
    "partnership_off": ("partnerships",),
    "stockpile": ("weeks", "markets"),
    "inventory_policy": ("factor", "markets"),
}

#: the most weeks a shock's duration or recovery may be written with: the longest horizon,
#: 2022–2040 (`FIRST_YEAR`..`LAST_YEAR`); a longer one lasts to the horizon's end all the same,
#: so a larger number is a slip (an extra digit, weeks typed as days)
MAX_SHOCK_WEEKS = (LAST_YEAR - FIRST_YEAR + 1) * WEEKS_PER_YEAR
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_COUNTRY_HINT = (
    "an ISO 3166 alpha-3 code or a group code (EU27, CHIP4, QUAD, G7 or a [groups] name) in "
    "capitals, e.g. '{}'"
)


def _is_table(out: Collector, table: Any, where: str, expected: str, keys: Sequence[str]) -> bool:
    """Whether ``table`` is a table; its unknown keys are reported."""
    if not isinstance(table, dict):
        out.add(where, "wrong type", table, expected)
        return False
    out.unknown_keys(table, keys, where)
    return True


def _kind(
    out: Collector, table: dict[str, Any], where: str, what: str, kinds: Sequence[str]
) -> Any:
    """The table's ``kind`` if it is one of ``kinds``, else None (and the problem reported)."""
    kind = table.get("kind")
    if kind not in kinds:
        out.unknown_choice(f"{where}.kind", what, kind, kinds)
        return None
    return kind


def _start_year_and_week(
    out: Collector, value: Any, where: str, first: int, last: int
) -> tuple[int, int]:
    """``"2027-01"`` (month), ``"2027-W05"`` (week) or ``2027`` (week 1) -> (year, week)."""
    expected = '"YYYY-MM" (a month), "YYYY-Www" (a week 01..52) or a year'
    year, week = first, 1
    if is_number(value) and float(value).is_integer():
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


def read_shock(out: Collector, table: Any, where: str, first: int, last: int) -> Shock | None:
    """The shock that one ``[[shock]]`` table describes (None if it cannot be built); its start
    must fall in ``first..last``, the scenario's horizon."""
    if not _is_table(out, table, where, "a [[shock]] table", SHOCK_KEYS):
        return None
    r = TableReader(out, table, where)
    kind = _kind(out, table, where, "shock kind", SHOCK_KINDS)
    country_like = kind in ("country", "export_control")
    targets = r.strings(
        "targets",
        CODE if country_like else None,
        _COUNTRY_HINT.format("TWN"),
    )
    if "targets" not in table:
        out.add(f"{where}.targets", "missing", expected="a non-empty list of ids")
    elif table["targets"] == []:
        out.add(f"{where}.targets", "empty list", "[]", "at least one id")
    if "start" not in table:
        out.add(f"{where}.start", "missing", expected='e.g. start = "2027-01"')
        year, week = first, 1
    else:
        year, week = _start_year_and_week(out, table["start"], f"{where}.start", first, last)
    to = r.strings("to", CODE, _COUNTRY_HINT.format("CHN"))
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
    if kind is not None and kind != "demand":
        for key in ("classes", "direction"):
            if key in table:
                out.add(
                    f"{where}.{key}",
                    f"only used by kind 'demand', not {kind!r}",
                    table[key],
                    "no such key here",
                )
    classes = r.strings("classes")
    for i, c in enumerate(classes):
        if c not in NODE_CLASS_NAMES:
            out.unknown_choice(f"{where}.classes[{i}]", "node class", c, NODE_CLASS_NAMES)
    direction = table.get("direction", "surge")
    if direction not in ("surge", "slump"):
        out.unknown_choice(f"{where}.direction", "demand direction", direction, ("surge", "slump"))
        direction = "surge"
    if kind not in (None, "export_control"):
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
            most=MAX_SHOCK_WEEKS,
        )
        if key in table
        else getattr(default, key)
        for key in ("duration_weeks", "severity", "recovery_weeks")
    }
    rows = _rows(out, table.get("rows", {}), f"{where}.rows")
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
        label_ja=r.string("label_ja"),
        classes=classes,
        direction=direction,
        rows=rows,
        **dists,
    )


def _rows(out: Collector, value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """``rows = { duration_weeks = "fab_fire_downtime", ... }``: shock fields drawn from a
    shock_assumptions.csv row (the id is checked against the data when the scenario runs)."""
    if not isinstance(value, dict):
        out.add(where, "wrong type", value, 'a table like { duration_weeks = "fab_fire_downtime" }')
        return ()
    found = []
    for key, row in value.items():
        if key not in ("duration_weeks", "severity", "recovery_weeks"):
            out.unknown_choice(
                f"{where}.{key}",
                "shock field",
                key,
                ("duration_weeks", "severity", "recovery_weeks"),
            )
        elif not isinstance(row, str) or not SNAKE_CASE_NAME.match(row):
            out.add(f"{where}.{key}", "wrong type", row, "a parameter id of shock_assumptions.csv")
        else:
            found.append((str(key), row))
    return tuple(found)


def read_fab_override(
    out: Collector, table: Any, where: str, horizon: tuple[int, int] | None = None
) -> FabOverride | None:
    """One ``[[fab_override]]`` table: a scenario's own capacity, start year or ramp of a fab.
    With ``horizon`` (the scenario's first and last year) a ``start_year`` after its last year
    is a problem: the fab would have no output in the run, which ``capacity_wspm = 0`` says
    plainly. An override that sets nothing keeps its fab, so that the data checks still say
    whether the fab exists (`chipshock.sim.run.checks`: every problem at once)."""
    if not _is_table(out, table, where, "a [[fab_override]] table", FAB_OVERRIDE_KEYS):
        return None
    r = TableReader(out, table, where)
    wanted = "a fab_id from fabs.csv, e.g. 'rapidus-iim1'"
    if "fab" in table and not isinstance(table["fab"], str):  # fab = 5: one problem, not two
        out.add(f"{where}.fab", "wrong type", table["fab"], wanted)
        return None
    fab = r.string("fab")
    if not fab:
        out.add(f"{where}.fab", "missing", expected=wanted)
        return None
    if not set(table) & {"capacity_wspm", "start_year", "ramp_years"}:
        out.add(
            where,
            "an override changes nothing",
            fab,
            "at least one of capacity_wspm, start_year, ramp_years",
        )
    node_class = r.string("node_class")
    if node_class and node_class not in NODE_CLASS_NAMES:
        out.unknown_choice(f"{where}.node_class", "node class", node_class, NODE_CLASS_NAMES)
    start_year = (
        r.integer("start_year", 2026, REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR)
        if "start_year" in table
        else None
    )
    given = table.get("start_year")
    if horizon is not None and start_year is not None and start_year == given > horizon[1]:
        first, last = horizon
        out.add(
            f"{where}.start_year",
            f"out of range: first output after the scenario's horizon ({first}–{last})",
            start_year,
            f"at most {last}, the scenario's end_year (a later start leaves {fab} out of the "
            "run; capacity_wspm = 0 says that)",
        )
    return FabOverride(
        fab=fab,
        capacity_wspm=r.number("capacity_wspm", 0.0, high=1e7)
        if "capacity_wspm" in table
        else None,
        start_year=start_year,
        ramp_years=r.number("ramp_years", 1.0, low=0.1, high=50.0)
        if "ramp_years" in table
        else None,
        node_class=node_class,
        label=r.string("label"),
    )


def read_sourcing(out: Collector, table: Any, where: str) -> SourcingShare | None:
    """One ``[[sourcing]]`` table: the share of a market's wafers in a class that an operator
    serves in this scenario. Whether the operator has fabs of the class is checked when the
    scenario runs (`chipshock.sim.network.sourcing.check_sourcing`), against the data."""
    if not _is_table(out, table, where, "a [[sourcing]] table", SOURCING_KEYS):
        return None
    r = TableReader(out, table, where)
    for key, hint in (
        ("market", "a market id, e.g. 'automotive'"),
        ("node_class", "a node class, e.g. 'n28_45'"),
        ("operator", "an operator id of fabs.csv, e.g. 'tsmc'"),
        ("share_pct", "a share in % of the market's wafers in the class, 0 to 100"),
    ):
        if key not in table:
            out.add(f"{where}.{key}", "missing", expected=hint)
    market = r.string("market")
    if market and market not in MARKETS:
        out.unknown_choice(f"{where}.market", "market", market, MARKETS)
    node_class = r.string("node_class")
    if node_class and node_class not in NODE_CLASS_NAMES:
        out.unknown_choice(f"{where}.node_class", "node class", node_class, NODE_CLASS_NAMES)
    operator = r.string("operator")
    if operator and not SLUG_ID.match(operator):
        out.add(
            f"{where}.operator",
            "malformed operator id",
            operator,
            "an operator id of fabs.csv in lower case, e.g. 'tsmc', 'renesas'",
        )
    share = r.number("share_pct", -1.0, 0.0, 100.0) if "share_pct" in table else -1.0
    if not (market and node_class and operator) or share < 0:
        return None
    return SourcingShare(market, node_class, operator, share, r.string("note"))


def check_sourcing_sums(out: Collector, rows: Sequence[tuple[int, SourcingShare]]) -> None:
    """The ``[[sourcing]]`` rows of one market and class add up to at most 100 % and name each
    operator once (``rows``: (index of the table in the file, row))."""
    groups: dict[tuple[str, str], list[tuple[int, SourcingShare]]] = {}
    for i, row in rows:
        groups.setdefault((row.market, row.node_class), []).append((i, row))
    for (market, node_class), items in groups.items():
        seen: dict[str, int] = {}
        for i, row in items:
            if row.operator in seen:
                out.add(
                    f"sourcing[{i}].operator",
                    f"operator named twice for {market} {node_class} "
                    f"(also sourcing[{seen[row.operator]}])",
                    row.operator,
                    "one [[sourcing]] table per market, node class and operator",
                )
            seen.setdefault(row.operator, i)
        total = sum(row.share_pct for _, row in items)
        if total > 100.0 + 1e-9:
            at = ", ".join(f"sourcing[{i}]" for i, _ in items)
            out.add(
                f"sourcing[{items[-1][0]}].share_pct",
                f"the shares of {market} {node_class} add up to more than 100 % ({at})",
                f"{total:g}",
                "a sum ≤ 100 (the rest of the class goes to its other producers by capacity)",
            )


def read_sourcing_tables(out: Collector, tables: Sequence[Any]) -> tuple[SourcingShare, ...]:
    """Every ``[[sourcing]]`` table of a scenario (``sourcing[i]`` in ``tables``' order), each
    checked (`read_sourcing`) and together (`check_sourcing_sums`): the one reading of a
    file's tables and of an API request's ``sourcing`` rows."""
    rows = [(i, read_sourcing(out, t, f"sourcing[{i}]")) for i, t in enumerate(tables)]
    read = [(i, row) for i, row in rows if row is not None]
    check_sourcing_sums(out, read)
    return tuple(row for _, row in read)


def read_intervention(out: Collector, table: Any, where: str) -> Intervention | None:
    """The intervention that one ``[[intervention]]`` table describes (None if it cannot be
    built)."""
    if not _is_table(out, table, where, "an [[intervention]] table", INTERVENTION_KEYS):
        return None
    r = TableReader(out, table, where)
    kind = _kind(out, table, where, "intervention kind", INTERVENTION_KINDS)
    if kind is None:
        return None
    uses = INTERVENTION_USES[kind]
    for key in table:
        if key in INTERVENTION_KEYS and key not in (*uses, "kind", "label", "label_ja"):
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
        fabs=r.strings("fabs", SLUG_ID, "a fab_id from fabs.csv, e.g. 'rapidus-iim1'"),
        partnerships=r.strings("partnerships", SLUG_ID, "a partnership_id, e.g. 'ibm-rapidus-2nm'"),
        markets=r.markets("markets"),
        weeks=r.number("weeks", 0.0, high=520.0) if "weeks" in table else 0.0,
        factor=r.number("factor", 1.0, high=100.0) if "factor" in table else 1.0,
        label=r.string("label"),
        label_ja=r.string("label_ja"),
    )
