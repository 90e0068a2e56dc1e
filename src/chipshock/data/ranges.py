"""Checks across cells of the curated files, beyond one column's type and range.

Written as data, like the schemas: which columns must be ordered (low <= mode <= high), which
range each assumption's value must fall in (by parameter, else by unit), sanity bounds on
quantities whose schema gives only a sign, and the shape of every source URL. Each problem names
file, row and column, the bad value and what was expected.

The bounds below are judgements of what could possibly be meant, not estimates: they are there to
catch a typo (``1e308``, ``-1e6``, a swapped low and high) before it silently changes a result.
"""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

from chipshock.data.csvio import RawTable, Where, parse_float
from chipshock.errors import Problem

__all__ = [
    "ORDERED",
    "PARAMETER_RANGES",
    "SANITY_MAXIMA",
    "UNIT_RANGES",
    "check_demand_path_rows",
    "check_ranges",
    "check_utilisation_rows",
    "is_web_url",
]

#: column groups that must be non-decreasing along each row (blank cells are skipped)
ORDERED: dict[str, tuple[tuple[str, ...], ...]] = {
    "shock_assumptions": (("low", "mode", "high"),),
    "end_markets": (
        (
            "customer_inventory_weeks_low",
            "customer_inventory_weeks",
            "customer_inventory_weeks_high",
        ),
    ),
    "inventory_buffers": (("weeks_low", "weeks", "weeks_high"),),
}

#: (minimum, maximum) of an assumption's values, by its unit (shock and model assumptions)
UNIT_RANGES: dict[str, tuple[float, float]] = {
    "fraction": (0.0, 1.0),
    "fraction/week": (0.0, 1.0),
    "fraction of weekly demand": (0.0, 1.0),
    "pct_per_week": (0.0, 100.0),
    "weeks": (0.0, 520.0),
    "years": (0.0, 50.0),
    "year": (2000.0, 2100.0),
    "300mm wafers/month": (1.0, 1_000_000.0),
}

#: ranges that are narrower than the unit's, by parameter id
PARAMETER_RANGES: dict[str, tuple[float, float]] = {
    "normal_lead_time_weeks": (1.0, 520.0),  # a lead time is read relative to it (divides)
}

#: (file, column) -> largest value that can be meant
SANITY_MAXIMA: dict[tuple[str, str], float] = {
    ("end_markets", "value_multiplier"): 100.0,  # USD of end product per USD of chips
    ("end_markets", "chip_demand_usd_bn"): 10_000.0,  # ten times the world chip market
    ("end_markets", "growth_pct_per_year"): 100.0,
    ("end_markets", "customer_inventory_weeks"): 520.0,
    ("end_markets", "customer_inventory_weeks_low"): 520.0,
    ("end_markets", "customer_inventory_weeks_high"): 520.0,
    ("market_demand_path", "chip_demand_usd_bn"): 10_000.0,
    ("inventory_buffers", "weeks"): 520.0,
    ("inventory_buffers", "weeks_low"): 520.0,
    ("inventory_buffers", "weeks_high"): 520.0,
}

_URL_COLUMNS = ("source_url", "other_source_urls")


def check_ranges(name: str, table: RawTable, problems: list[Problem]) -> None:
    """Append a problem for every cross-cell rule of file ``name`` that a row breaks."""
    for row in table.rows:
        line = int(row["__row__"])
        for group in ORDERED.get(name, ()):
            _check_order(table, row, line, group, problems)
        if name in ("shock_assumptions", "model_assumptions"):
            _check_assumption(name, table, row, line, problems)
        for (file, column), maximum in SANITY_MAXIMA.items():
            if file == name:
                value = _number(row.get(column, ""))
                if value is not None and value > maximum:
                    problems.append(
                        Problem(
                            "value too large to be meant",
                            value=row[column],
                            expected=f"at most {maximum:g}",
                            **Where(file=table.label, row=line, column=column),
                        )
                    )
        for column in _URL_COLUMNS:
            if column in table.header:
                _check_urls(table, row, line, column, problems)


def _number(text: str) -> float | None:
    try:
        return parse_float(text)
    except ValueError:
        return None  # the column's own check reports it


def _check_order(
    table: RawTable, row: dict[str, str], line: int, group: tuple[str, ...], problems: list[Problem]
) -> None:
    present = [(c, _number(row.get(c, ""))) for c in group if c in table.header]
    values = [(c, v) for c, v in present if v is not None]
    for (c1, v1), (c2, v2) in itertools.pairwise(values):
        if v1 > v2:
            problems.append(
                Problem(
                    f"{c1} is above {c2}",
                    value=f"{c1}={row[c1]}, {c2}={row[c2]}",
                    expected=" <= ".join(group),
                    **Where(file=table.label, row=line, column=c2),
                )
            )


def _check_assumption(
    name: str, table: RawTable, row: dict[str, str], line: int, problems: list[Problem]
) -> None:
    parameter = row.get("parameter", "").strip()
    unit = row.get("unit", "").strip()
    bounds = PARAMETER_RANGES.get(parameter) or UNIT_RANGES.get(unit)
    if bounds is None:
        return
    lo, hi = bounds
    columns = ("value",) if name == "model_assumptions" else ("low", "mode", "high")
    for column in columns:
        value = _number(row.get(column, ""))
        if value is not None and not lo <= value <= hi:
            why = f"parameter {parameter}" if parameter in PARAMETER_RANGES else f"unit {unit!r}"
            problems.append(
                Problem(
                    "value out of range",
                    value=row[column],
                    expected=f"a value between {lo:g} and {hi:g} ({why})",
                    **Where(file=table.label, row=line, column=column),
                )
            )


def _check_urls(
    table: RawTable, row: dict[str, str], line: int, column: str, problems: list[Problem]
) -> None:
    raw = row.get(column, "")
    for url in (u.strip() for u in raw.split(";")):
        if url and not is_web_url(url):
            problems.append(
                Problem(
                    "not a web address",
                    value=url,
                    expected="an http(s) URL such as https://example.org/page"
                    + ("; several separated by '; '" if column == "other_source_urls" else ""),
                    **Where(file=table.label, row=line, column=column),
                )
            )


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace."""
    if any(ch.isspace() for ch in text) or len(text) > 2000:
        return False
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and port_ok


def check_utilisation_rows(files: dict[str, RawTable], problems: list[Problem]) -> None:
    """Every node class of wafer_value.csv has its model_assumptions.csv row
    ``utilisation_<class>`` with 0 < value <= 1: normal demand of the class = that utilisation
    x its world capacity (`chipshock.sim.demand.markets.class_utilisation`), so 1 - value is the
    spare capacity that absorbs an outage; zero would mean no demand, above 1 a shortfall with no
    shock. A missing row names the row expected; no class falls back on a default."""
    classes_table, assumptions = files.get("wafer_value"), files.get("model_assumptions")
    if classes_table is None or assumptions is None:
        return
    rows = {r.get("parameter", "").strip(): r for r in assumptions.rows}
    for c in dict.fromkeys(r.get("node_class", "").strip() for r in classes_table.rows):
        if not c:
            continue
        name = f"utilisation_{c}"
        row = rows.get(name)
        if row is None:
            problems.append(
                Problem(
                    f"no utilisation row for node class {c}",
                    value="missing",
                    expected=f"a row {name} (value 0 < u <= 1, unit fraction, a source) for "
                    "every node class of wafer_value.csv",
                    **Where(file=assumptions.label, column="parameter"),
                )
            )
            continue
        value = _number(row.get("value", ""))
        if value is not None and not 0.0 < value <= 1.0:
            problems.append(
                Problem(
                    "utilisation out of range",
                    value=row["value"],
                    expected=f"0 < value <= 1 (parameter {name}: the share of the class's "
                    "capacity that normal demand uses)",
                    **Where(file=assumptions.label, row=int(row["__row__"]), column="value"),
                )
            )


def check_demand_path_rows(files: dict[str, RawTable], problems: list[Problem]) -> None:
    """Each row of market_demand_path.csv names a market of end_markets.csv and gives a level
    above zero: the path interpolates geometrically between its years
    (`chipshock.sim.demand.markets.market_demand_usd_bn`), and a zero level has no logarithm.
    The key (one row per market and year), the market vocabulary and the years (the fab
    registry's) are the schema's checks."""
    path, markets = files.get("market_demand_path"), files.get("end_markets")
    if path is None or markets is None:
        return
    known = sorted({r.get("market_id", "").strip() for r in markets.rows} - {""})
    for row in path.rows:
        line = int(row["__row__"])
        market = row.get("market_id", "").strip()
        if market and market not in known:
            problems.append(
                Problem(
                    "market not in end_markets.csv",
                    value=market,
                    expected=f"a market_id of end_markets.csv ({', '.join(known)})",
                    **Where(file=path.label, row=line, column="market_id"),
                )
            )
        value = _number(row.get("chip_demand_usd_bn", ""))
        if value is not None and not value > 0.0:
            problems.append(
                Problem(
                    "demand level not above zero",
                    value=row["chip_demand_usd_bn"],
                    expected="a level > 0 USD bn (the path interpolates geometrically)",
                    **Where(file=path.label, row=line, column="chip_demand_usd_bn"),
                )
            )


def check_utilisation_path_rows(files: dict[str, RawTable], problems: list[Problem]) -> None:
    """Each row of utilisation_path.csv gives 0 < utilisation <= 1, like the
    ``utilisation_<class>`` rows it replaces in its year (`check_utilisation_rows`): zero would
    mean no demand in that year, above 1 a shortfall with no shock. The key (one row per class
    and year), the class vocabulary and the years (the fab registry's) are the schema's checks.
    """
    path = files.get("utilisation_path")
    if path is None:
        return
    for row in path.rows:
        value = _number(row.get("utilisation", ""))
        if value is not None and not 0.0 < value <= 1.0:
            problems.append(
                Problem(
                    "utilisation out of range",
                    value=row["utilisation"],
                    expected="0 < utilisation <= 1 (the share of the class's capacity that "
                    "normal demand uses in that year)",
                    **Where(file=path.label, row=int(row["__row__"]), column="utilisation"),
                )
            )
