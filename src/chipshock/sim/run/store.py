"""Saving results into the DuckDB store (the only write to the otherwise read-only store).

Tables (append-only, keyed by ``result_id``): ``results`` (one row per saved result: name,
scenario, runs, seed, horizon, created_at, the store's data release and its date when it was
saved, summary JSON, and the run's notes `SAVED_NOTES` as the surfaces worded them when it ran,
"" for none), ``result_runs`` (per-run KPIs),
``result_kpis`` (KPI summary), ``result_bands`` (weekly percentile bands) and
``result_utilisation`` (the per-producer utilisation summary, `SimResult.utilisation`; rows
in its order, most stretched first, numbered by ``rank``) and the by-country tables
`BY_COUNTRY` (``result_loss_by_country``, ``result_value_added_by_country``,
``result_value_added_by_country_market``: what `scenario run` prints per country, in its row
order, numbered by ``rank``). A result run from a file keeps the file's absolute path and the
sha256 of its bytes when it was saved (``scenario_file``, ``scenario_file_sha256``), so that
`scenario_file_changed` can tell whether the file has changed since. A table created
by an older version with fewer columns gains the missing ones; rows are inserted by name.

A saved result's utilisation is read back in ``rank`` order (`saved_utilisation`), so it comes
out as the run gave it; a store saved before the table existed, or a result saved without it,
gives an empty table with the summary's columns. The by-country tables likewise
(`saved_by_country`): None for a result saved before they were kept (review 14 #6).
No schema version is needed: the tables are read by name and column, and a missing table or
column reads as "not kept" (a store's ``schema_version`` covers the data tables a build writes).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from chipshock.data.store_lock import store_lock
from chipshock.errors import StoreError
from chipshock.scenarios.serialize import scenario_to_toml
from chipshock.sim.run.results import SimResult
from chipshock.sim.run.utilisation import SUMMARY_COLUMNS
from chipshock.sql import column_type, identifier

_R = TypeVar("_R")

__all__ = [
    "BY_COUNTRY",
    "SAVED_NOTES",
    "file_sha256",
    "list_results",
    "load_by_country",
    "load_utilisation",
    "save_result",
    "saved_by_country",
    "saved_utilisation",
    "scenario_file_changed",
]

#: notes a result is saved with, worded when it ran (its data may change later): the
#: packaging-exemption note of its utilisation table in English and Japanese
#: (`chipshock.present.utilisation.exemption_note`)
SAVED_NOTES = ("exemption_note", "exemption_note_ja")

#: the by-country tables of a run kept with it: section name (`SimResult` attribute, the JSON
#: section of `scenario run`) -> table in the store
BY_COUNTRY = {
    "loss_by_country": "result_loss_by_country",
    "value_added_by_country": "result_value_added_by_country",
    "value_added_by_country_market": "result_value_added_by_country_market",
}


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file's bytes, or None where it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _scenario_file(source: str) -> tuple[str | None, str | None]:
    """The absolute path and sha256 of the file a scenario was read from (None, None for a
    built-in scenario, a string, or a file no longer there)."""
    if not source or source.startswith("builtin:") or source.startswith("<"):
        return None, None
    path = Path(source)
    if not path.is_file():
        return None, None
    return str(path.resolve()), file_sha256(path)


def scenario_file_changed(info: Mapping[str, Any]) -> bool:
    """Whether the file a saved result's scenario came from (``info``: its row of
    `list_results`) still exists and its content differs from when the result was saved.
    False for a result not run from a file, saved before the file was recorded, or whose
    file is gone (nothing to compare)."""
    name, saved = info.get("scenario_file"), info.get("scenario_file_sha256")
    if not isinstance(name, str) or not isinstance(saved, str) or not name or not saved:
        return False
    path = Path(name)
    if not path.is_file():
        return False
    now = file_sha256(path)
    return now is not None and now != saved


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover
        raise StoreError(
            "saving results needs the 'duckdb' package: pip install chipshock[store]"
        ) from exc
    return duckdb


#: how DuckDB's DESCRIBE names the type of a column that holds only NULL
NULL_TYPE = '"NULL"'


def _append(con: Any, table: str, frame: pd.DataFrame) -> None:
    name = identifier(table)
    df = frame.copy()
    for col in df.columns:
        if str(df[col].dtype).startswith("datetime"):
            df[col] = df[col].dt.strftime("%Y-%m-%d")
        elif df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    con.register("_frame", df)
    # a column of None only (a result not run from a file: no scenario_file) has DuckDB's type
    # "NULL", which no later value can be cast to: it is stored as VARCHAR
    types = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE _frame").fetchall()}
    nulls = [c for c, kind in types.items() if kind == NULL_TYPE]
    types |= dict.fromkeys(nulls, "VARCHAR")
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()[0]
    if exists:
        # a table made by an older version may lack newer columns: add them (NULL in old rows)
        have = {
            str(r[0]): str(r[1])
            for r in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ?",
                [table],
            ).fetchall()
        }
        for col in map(str, df.columns):
            column = identifier(col, "column")
            if col not in have:
                con.execute(f"ALTER TABLE {name} ADD COLUMN {column} {column_type(types[col])}")
            elif have[col] == NULL_TYPE:  # made "NULL" by a save before it was stored as text
                con.execute(f"ALTER TABLE {name} ALTER COLUMN {column} SET DATA TYPE VARCHAR")
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _frame")  # noqa: S608 - checked name
    else:
        select = ", ".join(
            f"CAST({identifier(c, 'column')} AS VARCHAR) AS {identifier(c, 'column')}"
            if c in nulls
            else identifier(c, "column")
            for c in types
        )
        con.execute(f"CREATE TABLE {name} AS SELECT {select} FROM _frame")  # noqa: S608 - checked names
    con.unregister("_frame")


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its row order as a 1-based ``rank`` column (SQL keeps no order)."""
    if frame.empty:
        return frame
    out = frame.reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def save_result(
    db_path: Path | str, result: SimResult, name: str, notes: Mapping[str, str] | None = None
) -> str:
    """Append ``result`` under ``name`` with its ``notes`` (`SAVED_NOTES`; "" where a note is
    not given); return its new ``result_id``."""
    path = Path(db_path)
    if not path.exists():
        raise StoreError(
            f"no chipshock store at {path}; build it with `chipshock data build --db {path}`"
        )
    rid = uuid.uuid4().hex[:12]
    # the scenario as run (after every override), so that runs and seed reproduce it even when
    # its file changes or is lost, and its hash to tell whether it did (review 14 #6)
    toml = scenario_to_toml(result.scenario)
    file_name, file_hash = _scenario_file(result.scenario.source)
    meta = pd.DataFrame(
        [
            {
                "result_id": rid,
                "name": name,
                "scenario_id": result.scenario.scenario_id,
                "title": result.scenario.title,
                "runs": result.runs,
                "seed": result.seed,
                "start_year": result.scenario.start_year,
                "end_year": result.scenario.end_year,
                # to the microsecond: "the latest of a name" must be one result, also for two
                # saves within a second (the CLI and the API both pick by it)
                "created_at": datetime.now(UTC).isoformat(timespec="microseconds"),
                "summary_json": json.dumps(result.summary(), default=str),
                "scenario_toml": toml,
                "scenario_sha256": hashlib.sha256(toml.encode("utf-8")).hexdigest(),
                "scenario_file": file_name,
                "scenario_file_sha256": file_hash,
                **{k: (notes or {}).get(k) or "" for k in SAVED_NOTES},
            }
        ]
    )
    # the store's lock: a build waits for this save (and carries it over) or it waits for the build
    with store_lock(path, exclusive=True, purpose="saving a result"):
        try:
            con = _duckdb().connect(str(path))
        except Exception as exc:
            raise StoreError(f"cannot open the store at {path} for writing: {exc}") from exc
        try:
            con.execute("BEGIN TRANSACTION")
            _append(con, "results", meta.assign(**_release(con)))
            for table, frame in (
                ("result_runs", result.kpis_by_run),
                ("result_kpis", result.kpis),
                ("result_bands", result.bands),
                ("result_utilisation", _ranked(result.utilisation)),
                *((t, _ranked(getattr(result, k))) for k, t in BY_COUNTRY.items()),
            ):
                if frame.empty:  # made without a summary, or no country lost anything
                    continue
                df = frame.copy()
                df.insert(0, "result_id", rid)
                _append(con, table, df)
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"cannot save the result into {path}: {exc}") from exc
        finally:
            con.close()
    return rid


def _release(con: Any) -> dict[str, str | None]:
    """The data release of the store being written to (its ``meta`` table; None where a store
    does not say it)."""
    keys = ("data_release", "data_release_date")
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()[0][0]
    rows = (
        con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", list(keys)).fetchall()
        if has_meta
        else []
    )
    found = {str(k): str(v) for k, v in rows}
    return {k: found.get(k) for k in keys}


def list_results(db_path: Path | str) -> pd.DataFrame:
    """One row per saved result (empty if none were saved); ``data_release`` and
    ``data_release_date`` are the release the result was computed from, and `SAVED_NOTES` its
    notes (None for a result saved before chipshock recorded them)."""
    cols = [
        "result_id",
        "name",
        "scenario_id",
        "title",
        "runs",
        "seed",
        "start_year",
        "end_year",
        "created_at",
        "data_release",
        "data_release_date",
        "scenario_sha256",
        "scenario_toml",
        "scenario_file",
        "scenario_file_sha256",
        *SAVED_NOTES,
    ]
    path = Path(db_path)
    if not path.exists():
        raise StoreError(f"no chipshock store at {path}")
    with store_lock(path, exclusive=False, purpose="listing saved results"):
        return _list_results(path, cols)


def _list_results(path: Path, cols: list[str]) -> pd.DataFrame:
    con = _duckdb().connect(str(path), read_only=True)
    try:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'results'"
        ).fetchone()[0]
        if not exists:
            return pd.DataFrame(columns=cols)
        have = {
            str(r[0])
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'results'"
            ).fetchall()
        }
        # a table saved by an older version lacks the release or note columns: NULL there
        columns = ", ".join(
            identifier(c, "column") if c in have else f"NULL AS {identifier(c, 'column')}"
            for c in cols
        )
        df: pd.DataFrame = con.execute(
            f"SELECT {columns} FROM results ORDER BY created_at"  # noqa: S608 - checked names
        ).df()
        return df
    finally:
        con.close()


def saved_utilisation(con: Any, result_id: str) -> pd.DataFrame:
    """The utilisation table of a saved result (`SimResult.utilisation`'s columns and row
    order, most stretched first) over an open DuckDB connection ``con``; empty, with those
    columns, when the store has no rows for it (saved by an older version)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'result_utilisation'"
    ).fetchone()[0]
    if not exists:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    frame: pd.DataFrame = con.execute(
        "SELECT * EXCLUDE (result_id, rank) FROM result_utilisation "
        "WHERE result_id = ? ORDER BY rank",
        [result_id],
    ).df()
    if frame.empty:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    return frame


def _read_saved(db_path: Path | str, read: Callable[[Any, str], _R], result_id: str) -> _R:
    """``read(con, result_id)`` over a read-only connection to the store at ``db_path``."""
    path = Path(db_path)
    if not path.exists():
        raise StoreError(f"no chipshock store at {path}")
    with store_lock(path, exclusive=False, purpose="reading a saved result"):
        con = _duckdb().connect(str(path), read_only=True)
        try:
            return read(con, result_id)
        finally:
            con.close()


def load_utilisation(db_path: Path | str, result_id: str) -> pd.DataFrame:
    """`saved_utilisation` of ``result_id`` in the store at ``db_path``."""
    return _read_saved(db_path, saved_utilisation, result_id)


def saved_by_country(con: Any, result_id: str) -> dict[str, pd.DataFrame] | None:
    """The by-country tables of a saved result (`BY_COUNTRY`: section -> table, in the run's
    row order) over an open DuckDB connection ``con``; None for a result saved before they
    were kept (no rows in any of them)."""
    have = {
        str(r[0])
        for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    found: dict[str, pd.DataFrame] = {}
    for section, table in BY_COUNTRY.items():
        if table not in have:
            found[section] = pd.DataFrame()
            continue
        frame: pd.DataFrame = con.execute(
            f"SELECT * EXCLUDE (result_id, rank) FROM {identifier(table)} "  # noqa: S608 - checked name
            "WHERE result_id = ? ORDER BY rank",
            [result_id],
        ).df()
        found[section] = frame
    if all(f.empty for f in found.values()):
        return None
    return found


def load_by_country(db_path: Path | str, result_id: str) -> dict[str, pd.DataFrame] | None:
    """`saved_by_country` of ``result_id`` in the store at ``db_path``."""
    return _read_saved(db_path, saved_by_country, result_id)
