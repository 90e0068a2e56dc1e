"""Readers for the curated files: fab registry, regional capacity, partnerships, deliverables.

The fab-registry files (``fab_capacity``, ``sourcing_shares``, ``country_groups``) are checked
across files by `chipshock.data.registry_checks`. ``fab_names_ja.csv`` joins the fabs table as
its ``name_ja`` and ``operator_ja`` columns (`with_fab_names`), ``place_names_ja.csv`` as its
``region_or_city_ja`` column (`with_place_names`), ``operator_names.csv`` as its
``operator_name`` and ``operator_name_ja`` columns (`with_operator_names`);
``materials_ja.csv`` joins the materials table as its ``use_ja`` and ``substitutes_ja`` columns
(`chipshock.data.material_texts.with_material_texts`).

Each file is checked against its `TableSpec` (see `chipshock.model.schema`); every row keeps
its ``source_url``, ``as_of``, ``confidence`` and ``note`` so that every figure stays traceable.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chipshock.data.csvio import RawTable, check_table, parse_float, parse_int, read_raw
from chipshock.data.dates import check_dates
from chipshock.data.material_texts import with_material_texts
from chipshock.data.ranges import (
    check_demand_path_rows,
    check_ranges,
    check_utilisation_path_rows,
    check_utilisation_rows,
)
from chipshock.data.registry_checks import check_registry
from chipshock.errors import Problem, ValidationFailed
from chipshock.model.country_names import CATALOGUE_FILE, code_for_country_name, known_country_codes
from chipshock.model.schema import CURATED_FILES, MARKET_FILES, TableSpec

__all__ = [
    "AllianceData",
    "CuratedLoad",
    "curated_specs",
    "load_curated",
    "read_curated",
    "to_frame",
    "with_operator_names",
    "with_place_names",
]


@dataclass(frozen=True)
class AllianceData:
    """The curated alliance and capacity tables, each row with its source and as-of date.

    ``fab_capacity`` (capacity per fab, node class and year), ``sourcing_shares`` and
    ``country_groups`` are the fab-registry v2 tables (empty when not loaded).
    """

    fabs: pd.DataFrame
    partnerships: pd.DataFrame
    deliverables: pd.DataFrame
    regional_capacity: pd.DataFrame
    fab_capacity: pd.DataFrame = field(default_factory=pd.DataFrame)
    sourcing_shares: pd.DataFrame = field(default_factory=pd.DataFrame)
    country_groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    alliance_tracker: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class CuratedLoad:
    """Result of reading a curated folder: typed tables (if no errors), raw files, problems."""

    data: AllianceData | None
    files: dict[str, RawTable]
    problems: tuple[Problem, ...]
    tables: dict[str, pd.DataFrame]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def to_frame(table: RawTable, spec: TableSpec) -> pd.DataFrame:
    """Typed DataFrame of a checked table: numbers parsed, blanks as missing."""
    data: dict[str, list[object]] = {}
    for col in spec.columns:
        values: list[object] = []
        for row in table.rows:
            raw = row.get(col.name, "").strip()
            if col.dtype == "float":
                values.append(parse_float(raw))
            elif col.dtype == "int":
                values.append(parse_int(raw))
            else:
                values.append(raw if raw else None)
        data[col.name] = values
    df = pd.DataFrame(data, columns=list(spec.column_names))
    for col in spec.columns:
        if col.dtype == "float":
            df[col.name] = df[col.name].astype(float)
        elif col.dtype == "int":
            df[col.name] = df[col.name].astype("Int64")
    return df


def with_fab_names(fabs: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``fabs`` with ``name_ja`` and ``operator_ja``: each fab's Japanese name and its
    operator's from fab_names_ja.csv (the checks require a row for every fab; a fab without one
    would show its English texts in Japanese: `chipshock.present.labels.fab_names`,
    `in_language`). The store keeps the fabs table with these columns, so that every reader of
    it has the names.

    >>> fabs, names = pd.DataFrame({"fab_id": ["a", "b"]}), pd.DataFrame({"fab_id": ["a"],
    ...     "name_ja": ["A工場"], "operator_ja": ["A社"]})
    >>> with_fab_names(fabs, names)[["name_ja", "operator_ja"]].values.tolist()
    [['A工場', 'A社'], [None, None]]
    """
    out = fabs.drop(columns=["name_ja", "operator_ja"], errors="ignore")
    for column in ("name_ja", "operator_ja"):
        japanese = dict(zip(names["fab_id"], names[column], strict=True))
        found = [japanese.get(f) for f in fabs["fab_id"]]
        out[column] = pd.Series(found, index=fabs.index, dtype=object)
    return out


def with_place_names(fabs: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """``fabs`` with ``region_or_city_ja``: the Japanese name of its ``region_or_city`` from
    place_names_ja.csv, missing where that file has no row for the place (every Japanese surface
    then shows the English text: `chipshock.present.labels.in_language`). The store keeps the
    fabs table with this column, so that every reader of it has the name.

    >>> fabs = pd.DataFrame({"fab_id": ["a", "b"], "region_or_city": ["Chitose, Hokkaido", "X"]})
    >>> places = pd.DataFrame({"region_or_city": ["Chitose, Hokkaido"],
    ...     "region_or_city_ja": ["北海道千歳市"]})
    >>> with_place_names(fabs, places)["region_or_city_ja"].tolist()
    ['北海道千歳市', None]
    """
    names = dict(zip(places["region_or_city"], places["region_or_city_ja"], strict=True))
    japanese = [names.get(p) if isinstance(p, str) else None for p in fabs["region_or_city"]]
    return fabs.drop(columns="region_or_city_ja", errors="ignore").assign(
        region_or_city_ja=pd.Series(japanese, index=fabs.index, dtype=object)
    )


def with_operator_names(fabs: pd.DataFrame, operators: pd.DataFrame) -> pd.DataFrame:
    """``fabs`` with ``operator_name`` and ``operator_name_ja``: its operator's display names
    from operator_names.csv, missing where that file has no row for the operator (the texts
    that name operators, `chipshock.present.labels.operator_names`). The store keeps the fabs
    table with these columns, so that every reader of it has the names.

    >>> fabs = pd.DataFrame({"fab_id": ["a", "b"], "operator_id": ["samsung", "x"]})
    >>> ops = pd.DataFrame({"operator_id": ["samsung"], "name": ["Samsung"],
    ...     "name_ja": ["サムスン電子"]})
    >>> with_operator_names(fabs, ops)["operator_name_ja"].tolist()
    ['サムスン電子', None]
    """
    out = fabs.drop(columns=["operator_name", "operator_name_ja"], errors="ignore")
    for column, source in (("operator_name", "name"), ("operator_name_ja", "name_ja")):
        names = dict(zip(operators["operator_id"], operators[source], strict=True))
        found = [names.get(o) if isinstance(o, str) else None for o in fabs["operator_id"]]
        out[column] = pd.Series(found, index=fabs.index, dtype=object)
    return out


def _check_codes(table: RawTable, columns: tuple[str, ...], problems: list[Problem]) -> None:
    """Each code of the country columns (several separated by ';') is one the release knows:
    a ``country.<CODE>`` of the message catalogue (`known_country_codes`), by which every
    surface names it. A code it does not know is refused with the closest known one."""
    known = known_country_codes()
    for row in table.rows:
        for column in columns:
            raw = row.get(column, "").strip()
            for code in (c.strip() for c in raw.split(";")):
                if code and code not in known:
                    problems.append(
                        table.problem_at(
                            row, column, "unknown country code", code, _known_codes_text(code)
                        )
                    )


def _known_codes_text(code: str) -> str:
    """What a country cell expects: where the codes are listed, and the closest to ``code`` (by
    its name, "Japan", or by its spelling, "JPNX")."""
    known = known_country_codes()
    closest = code_for_country_name(code) or next(
        iter(difflib.get_close_matches(code.upper(), sorted(known), n=1, cutoff=0.6)), None
    )
    where = f"all {len(known)} are the country.<CODE> keys of {CATALOGUE_FILE}"
    if closest:
        return f"{closest}, the closest known code; {where}"
    return f"a known code such as JPN, TWN or ROW; {where}"


def _check_keys(table: RawTable, spec: TableSpec, problems: list[Problem]) -> None:
    if not spec.key:
        return
    seen: dict[tuple[str, ...], int] = {}
    for row in table.rows:
        key = tuple(row.get(k, "").strip() for k in spec.key)
        if key in seen:
            problems.append(
                Problem(
                    "duplicated id",
                    file=table.label,
                    row=int(row["__row__"]),
                    column=spec.key[0] if len(spec.key) == 1 else ",".join(spec.key),
                    value="/".join(key),
                    expected=f"a unique key (first used in row {seen[key]})",
                )
            )
        else:
            seen[key] = int(row["__row__"])


_CODE_COLUMNS = {
    "fabs": ("operator_hq_country", "country"),
    "partnerships": ("parties_countries",),
    "deliverables": ("actor_country",),
    "regional_capacity": ("region_code",),
    "raw_materials": ("country",),
    "material_country_shares": ("country",),
    "market_country_output": ("country",),
    "country_groups": ("country_code",),
    "material_supply": ("country",),
    "alliance_tracker": ("countries",),
    "place_names_ja": ("country",),
    "remainder_operators": ("region",),
}


def curated_specs() -> dict[str, TableSpec]:
    """Every curated file the store holds: alliance files, then market files."""
    return {**CURATED_FILES, **MARKET_FILES}


def load_curated(directory: Path | str) -> CuratedLoad:
    """Read and check the curated folder, collecting every problem (never raises on data)."""
    directory = Path(directory)
    problems: list[Problem] = []
    files: dict[str, RawTable] = {}
    frames: dict[str, pd.DataFrame] = {}
    specs = curated_specs()
    for name, spec in specs.items():
        path = directory / spec.filename
        try:
            table = read_raw(path)
        except Exception as exc:  # DataFileError carries its problem
            problems.append(getattr(exc, "problem", Problem(str(exc), file=str(path))))
            continue
        files[name] = table
        if not table.rows:
            problems.append(
                Problem("no data rows", file=table.label, row=2, expected="at least one record")
            )
            continue
        if not check_table(table, spec, problems):
            continue
        _check_keys(table, spec, problems)
        _check_codes(table, _CODE_COLUMNS.get(name, ()), problems)
        check_dates(table, problems)
        check_ranges(name, table, problems)
        if not any(p.severity == "error" and p.file == table.label for p in problems):
            frames[name] = to_frame(table, spec)
    n_before = len(problems)
    check_registry(files, problems)
    check_utilisation_rows(files, problems)
    check_demand_path_rows(files, problems)
    check_utilisation_path_rows(files, problems)
    for problem in problems[n_before:]:
        if problem.severity != "error":
            continue
        bad = [n for n, t in files.items() if t.label == problem.file]
        for name in bad:
            frames.pop(name, None)
    if any(p.severity == "error" for p in problems) or len(frames) < len(specs):
        return CuratedLoad(None, files, tuple(problems), frames)
    frames["fabs"] = with_operator_names(
        with_place_names(
            with_fab_names(frames["fabs"], frames["fab_names_ja"]), frames["place_names_ja"]
        ),
        frames["operator_names"],
    )
    frames["materials"] = with_material_texts(frames["materials"], frames["materials_ja"])
    data = AllianceData(
        fabs=frames["fabs"],
        partnerships=frames["partnerships"],
        deliverables=frames["deliverables"],
        regional_capacity=frames["regional_capacity"],
        fab_capacity=frames["fab_capacity"],
        sourcing_shares=frames["sourcing_shares"],
        country_groups=frames["country_groups"],
        alliance_tracker=frames["alliance_tracker"],
    )
    return CuratedLoad(data, files, tuple(problems), frames)


def read_curated(directory: Path | str) -> AllianceData:
    """Load the curated folder, raising `ValidationFailed` that lists every error."""
    loaded = load_curated(directory)
    if loaded.data is None:
        raise ValidationFailed(loaded.errors, f"cannot load curated data from {directory}")
    return loaded.data
