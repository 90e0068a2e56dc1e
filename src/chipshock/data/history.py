"""Observed outcomes of past disruptions (`history_observations.csv`): reader and checks.

One row per observed quantity of a history case: what was observed, in which unit, how it was
measured, the public source, its date and a confidence flag. ``role`` says what the row is for:
``target`` rows are what `chipshock validate` compares with the model; ``input`` rows set up or
scale a case (a demand surge, a conversion factor) and are never scored. ``observed`` is the
central value; ``observed_low``/``observed_high`` give a range where the source gives one.

Every problem is reported at once, each naming the file, row (header = row 1) and column, the
bad value and what was expected (`ValidationFailed`); nothing is returned half-checked.

>>> obs = read_history_observations()
>>> sorted(obs["case_id"].unique())[:2]
['hualien-2024', 'naka-fire-2021']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from chipshock.data.csvio import RawTable, check_table, read_raw
from chipshock.data.dates import check_dates
from chipshock.errors import DataFileError, Problem, ValidationFailed
from chipshock.model.schema import Column, TableSpec

__all__ = [
    "HISTORY_SPEC",
    "PUBLISHED_SPEC",
    "default_history_path",
    "history_problems",
    "read_history_observations",
    "read_published_estimates",
]

HISTORY_SPEC = TableSpec(
    "history_observations",
    "history_observations.csv",
    (
        Column("case_id", nullable=False, description="History case id (a scenario file stem)"),
        Column("quantity", nullable=False, description="Observed quantity, unit in the name"),
        Column("role", nullable=False, choices=("target", "input")),
        Column("observed", "float", nullable=False, description="Central observed value"),
        Column("observed_low", "float", description="Low end of an observed range"),
        Column("observed_high", "float", description="High end of an observed range"),
        Column("unit", nullable=False),
        Column("how_measured", nullable=False),
        Column("source_url", nullable=False),
        Column("as_of", nullable=False),
        Column("confidence", nullable=False, choices=("high", "medium", "low")),
        Column("note"),
    ),
    key=("case_id", "quantity"),
    description="Observed outcomes of past supply disruptions, with sources",
)


PUBLISHED_SPEC = TableSpec(
    "published_estimates",
    "published_estimates.csv",
    (
        Column("estimate_id", nullable=False),
        Column("scenario_id", nullable=False, description="Built-in forward scenario compared"),
        Column("publisher", nullable=False),
        Column("measure", nullable=False),
        Column("value", "float", nullable=False),
        Column("value_low", "float"),
        Column("value_high", "float"),
        Column("unit", nullable=False),
        Column("scope", nullable=False),
        Column("model_measure", nullable=False, description="<market>:<kpi> or country:<ISO3>:…"),
        Column("source_url", nullable=False),
        Column("as_of", nullable=False),
        Column("confidence", nullable=False, choices=("high", "medium", "low")),
        Column("note"),
    ),
    key=("estimate_id",),
    description="Published forward estimates the model was not tuned to",
)


def read_published_estimates(path: Path | str | None = None) -> pd.DataFrame:
    """The published forward estimates (columns of `PUBLISHED_SPEC`), checked like the
    observations (types, choices; `ValidationFailed` lists every problem)."""
    root = resources.files("chipshock") / "data" / "files" / "curated"
    table = read_raw(Path(path) if path is not None else Path(str(root / PUBLISHED_SPEC.filename)))
    return _typed_frame(
        table,
        PUBLISHED_SPEC,
        _estimate_problems(table),
        "estimates",
        ("value", "value_low", "value_high"),
    )


def _estimate_problems(table: RawTable) -> list[Problem]:
    """Every problem of published_estimates.csv: types and choices, and a real ``as_of``."""
    problems: list[Problem] = []
    if check_table(table, PUBLISHED_SPEC, problems):
        check_dates(table, problems)
    return problems


def history_problems(directory: Path | str) -> list[Problem]:
    """Every problem of the folder's ``history_observations.csv`` and ``published_estimates.csv``
    (of those it holds), as their readers find them: `chipshock data validate` of a curated
    folder lists them with the other files' (their own readers are not `load_curated`'s)."""
    problems: list[Problem] = []
    for spec, check in (
        (HISTORY_SPEC, _observation_problems),
        (PUBLISHED_SPEC, _estimate_problems),
    ):
        path = Path(directory) / spec.filename
        if not path.is_file():
            continue
        try:
            table = read_raw(path)
        except DataFileError as exc:
            problems.append(exc.problem)
            continue
        problems += check(table)
    return problems


def default_history_path() -> Path:
    """The shipped file (curated data folder of the package)."""
    root = resources.files("chipshock") / "data" / "files" / "curated"
    return Path(str(root / HISTORY_SPEC.filename))


def _as_number(raw: str) -> float | None:
    try:
        return float(raw) if raw.strip() else None
    except ValueError:
        return None


def read_history_observations(path: Path | str | None = None) -> pd.DataFrame:
    """The observations as a typed DataFrame (columns of `HISTORY_SPEC`), checked: header,
    cell types and choices, unique (case_id, quantity), ``observed_low <= observed <=
    observed_high``, an http(s) ``source_url`` and a real ``as_of`` (`chipshock.data.dates`).
    Raises `ValidationFailed` listing every problem found."""
    table = read_raw(Path(path) if path is not None else default_history_path())
    return _typed_frame(
        table,
        HISTORY_SPEC,
        _observation_problems(table),
        "observations",
        ("observed", "observed_low", "observed_high"),
    )


def _observation_problems(table: RawTable) -> list[Problem]:
    """Every problem of history_observations.csv (see `read_history_observations`)."""
    problems: list[Problem] = []
    if check_table(table, HISTORY_SPEC, problems):
        check_dates(table, problems)
        seen: dict[tuple[str, str], int] = {}
        for row in table.rows:
            where = {"file": table.label, "row": int(row["__row__"])}
            key = (row.get("case_id", "").strip(), row.get("quantity", "").strip())
            if key in seen:
                problems.append(
                    Problem("duplicated observation", column="quantity", value="/".join(key),
                            expected=f"one row per case and quantity (first in row {seen[key]})",
                            **where)  # type: ignore[arg-type]
                )  # fmt: skip
            seen.setdefault(key, int(row["__row__"]))
            mid = _as_number(row.get("observed", ""))
            for side, sign in (("observed_low", 1.0), ("observed_high", -1.0)):
                bound = _as_number(row.get(side, ""))
                if bound is not None and mid is not None and sign * (bound - mid) > 0:
                    problems.append(
                        Problem("range does not contain the observed value", column=side,
                                value=row.get(side, ""),
                                expected=f"{'<=' if sign > 0 else '>='} observed ({mid:g})",
                                **where)  # type: ignore[arg-type]
                    )  # fmt: skip
            url = row.get("source_url", "").strip()
            if url and not url.startswith(("http://", "https://")):
                problems.append(
                    Problem("not a web address", column="source_url", value=url,
                            expected="an http(s) URL of the public source",
                            **where)  # type: ignore[arg-type]
                )  # fmt: skip
    return problems


def _typed_frame(
    table: RawTable, spec: TableSpec, problems: list[Problem], what: str, numbers: tuple[str, ...]
) -> pd.DataFrame:
    """``table`` as a DataFrame of ``spec``'s columns, its ``numbers`` as floats and empty cells
    None; raises `ValidationFailed` ("invalid <what> in <file>") if ``problems`` hold an error."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(errors, context=f"invalid {what} in {table.label}")
    rows = [{c.name: row.get(c.name, "").strip() for c in spec.columns} for row in table.rows]
    frame = pd.DataFrame(rows, columns=list(spec.column_names))
    for col in numbers:
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="raise").astype(float)
    return frame.replace({"": None})
