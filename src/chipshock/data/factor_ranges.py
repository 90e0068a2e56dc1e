"""The sensitivity factor table (`sensitivity_factors.csv`): reader and checks.

One row per assumption that the tornado and the Sobol analysis move: what it changes
(``target``), how (``method``), its LOW and HIGH value, the unit those are in, and where the
range comes from. Two kinds of row:

- ``set`` / ``scale`` rows carry their own range (``low``, ``high``; for ``scale`` a multiplier
  of the base value) with ``source_url``, ``as_of`` and ``confidence``; a judgement range has
  ``confidence = low`` and a note starting ``assumption:``;
- ``range`` rows take low and high from the data row they move (end_markets.csv,
  inventory_buffers.csv, or the scenario's first shock and the shock_assumptions.csv row it
  cites): ``low``, ``high``, ``source_url``, ``as_of`` and ``confidence`` stay empty (one source
  of truth: the data row's) and the note starts ``range:`` saying which row.

``unit`` (one of `UNITS`) is what low and high are in; every surface writes values with it
(`chipshock.report.sensitivity.factor_value`, the dashboard's tornado and Sobol views).

Every problem is reported at once, each naming the file, row (header = row 1) and column, the
bad value and what was expected (`ValidationFailed`, exit 2 on the CLI).

>>> t = read_factor_ranges()
>>> row = t.set_index("factor").loc["utilisation"]
>>> float(row["low"]), float(row["high"]), row["unit"]
(0.92, 1.06, 'multiplier')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from chipshock.data.csvio import check_table, parse_float, read_raw
from chipshock.errors import Problem, ValidationFailed
from chipshock.model.schema import Column, TableSpec

__all__ = ["FACTOR_RANGES_SPEC", "UNITS", "default_factor_ranges_path", "read_factor_ranges"]

#: units a factor's low/high may be in: ``weeks``; ``share`` (a fraction, shown in %);
#: ``share/week`` (a fraction per week); ``multiplier`` (x the base value, ``scale`` rows);
#: ``index`` (a dimensionless 0-1 index); ``slope`` (a dimensionless rate of change)
UNITS = ("weeks", "share", "share/week", "multiplier", "index", "slope")

FACTOR_RANGES_SPEC = TableSpec(
    "sensitivity_factors",
    "sensitivity_factors.csv",
    (
        Column("factor", nullable=False, description="Factor id"),
        Column("label_en", nullable=False),
        Column("label_ja", nullable=False),
        Column("target", nullable=False, description="What the factor changes (see sensitivity)"),
        Column("method", nullable=False, choices=("set", "scale", "range")),
        Column("low", "float", description="Low end (set/scale rows; empty for range rows)"),
        Column("high", "float", description="High end (set/scale rows; empty for range rows)"),
        Column("unit", nullable=False, choices=UNITS),
        Column("source_url", description="Source of the range (empty for range rows)"),
        Column("as_of", description="Date of the source (empty for range rows)"),
        Column("confidence", choices=("high", "medium", "low")),
        Column("note", nullable=False),
    ),
    key=("factor",),
    description="Ranges of the assumptions the tornado and Sobol analyses move, with sources",
)

_OWN = ("low", "high", "source_url", "as_of", "confidence")


def default_factor_ranges_path() -> Path:
    """The shipped file (curated data folder of the package)."""
    root = resources.files("chipshock") / "data" / "files" / "curated"
    return Path(str(root / FACTOR_RANGES_SPEC.filename))


def _number(raw: str) -> float | None:
    try:
        return parse_float(raw) if raw.strip() else None
    except ValueError:
        return None


def _row_problems(row: dict[str, str], label: str, seen: dict[str, int]) -> list[Problem]:
    where = {"file": label, "row": int(row["__row__"])}
    cell = {k: row.get(k, "").strip() for k in FACTOR_RANGES_SPEC.column_names}
    out: list[Problem] = []

    def add(message: str, column: str, value: str, expected: str) -> None:
        out.append(Problem(message, column=column, value=value, expected=expected, **where))  # type: ignore[arg-type]

    if cell["factor"] in seen:
        add("duplicated factor", "factor", cell["factor"],
            f"one row per factor (first in row {seen[cell['factor']]})")  # fmt: skip
    seen.setdefault(cell["factor"], int(row["__row__"]))
    method, unit = cell["method"], cell["unit"]
    if (method == "scale") != (unit == "multiplier"):
        add("unit does not fit the method", "unit", unit,
            "multiplier for a scale row, and only for one")  # fmt: skip
    if method == "range":
        for col in _OWN:
            if cell[col]:
                add("a range row takes this from its data row", col, cell[col], "an empty cell")
        if not cell["note"].startswith("range:"):
            add("range row without its data row", "note", cell["note"][:40],
                "a note starting 'range:' naming the data row the range comes from")  # fmt: skip
        return out
    if method not in ("set", "scale"):
        return out  # reported by the column check
    for col in _OWN:
        if not cell[col]:
            add("blank cell", col, "", f"a value (a {method} row carries its own range)")
    for col in ("low", "high"):
        if "%" in cell[col]:
            add("a percentage", col, cell[col], f"a plain number in the row's unit ({unit})")
    lo, hi = _number(cell["low"]), _number(cell["high"])
    if lo is not None and hi is not None and lo >= hi:
        add("empty range", "high", cell["high"], f"a value above low ({lo:g})")
    url = cell["source_url"]
    if url and not url.startswith(("http://", "https://")):
        add("not a web address", "source_url", url, "an http(s) URL of the public source")
    if cell["confidence"] == "low" and not cell["note"].startswith("assumption:"):
        add("judgement row without its label", "note", cell["note"][:40],
            "a note starting 'assumption:' (confidence = low)")  # fmt: skip
    return out


def read_factor_ranges(path: Path | str | None = None) -> pd.DataFrame:
    """The factor table as a DataFrame (columns of `FACTOR_RANGES_SPEC`, file order; low/high
    float, NaN on range rows; empty cells None), checked: header, types and choices, one row per
    factor, set/scale rows with a finite low < high and their own source, range rows without
    them, units fit for the method. Raises `ValidationFailed` listing every problem."""
    table = read_raw(Path(path) if path is not None else default_factor_ranges_path())
    problems: list[Problem] = []
    if check_table(table, FACTOR_RANGES_SPEC, problems):
        seen: dict[str, int] = {}
        for row in table.rows:
            problems += _row_problems(row, table.label, seen)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(errors, context=f"invalid factor ranges in {table.label}")
    if not table.rows:
        raise ValidationFailed(
            [Problem("no factors", file=table.label, row=2, expected="at least one factor row")],
            context=f"invalid factor ranges in {table.label}",
        )
    rows = [
        {c.name: row.get(c.name, "").strip() for c in FACTOR_RANGES_SPEC.columns}
        for row in table.rows
    ]
    frame = pd.DataFrame(rows, columns=list(FACTOR_RANGES_SPEC.column_names))
    for col in ("low", "high"):
        frame[col] = [float("nan") if not v else float(parse_float(v) or 0.0) for v in frame[col]]
    return frame.replace({"": None})
