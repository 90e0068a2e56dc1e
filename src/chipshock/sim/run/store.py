"""Saving results into the DuckDB store (the only write to the otherwise read-only store).

Tables (append-only, keyed by ``result_id``): ``results`` (one row per saved result: name,
scenario, runs, seed, horizon, created_at, the store's data release and its date when it was
saved, summary JSON, and the run's notes `SAVED_NOTES` as the surfaces worded them when it ran,
"" for none), ``result_runs`` (per-run KPIs),
``result_kpis`` (KPI summary), ``result_bands`` (weekly percentile bands) and
``result_utilisation`` (the per-producer utilisation summary, `SimResult.utilisation`; rows
in its order, most stretched first, numbered by ``rank``). A table created
by an older version with fewer columns gains the missing ones; rows are inserted by name.

A saved result's utilisation is read back in ``rank`` order (`saved_utilisation`), so it comes
out as the run gave it; a store saved before the table existed, or a result saved without it,
gives an empty table with the summary's columns.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.data.store_lock import store_lock
from chipshock.errors import StoreError
from chipshock.scenarios.serialize import scenario_to_toml
from chipshock.sim.run.results import SimResult
from chipshock.sim.run.utilisation import SUMMARY_COLUMNS
from chipshock.sql import column_type, identifier

__all__ = [
    "SAVED_NOTES",
    "list_results",
    "load_utilisation",
    "save_result",
    "saved_utilisation",
]

#: notes a result is saved with, worded when it ran (its data may change later): the
#: packaging-exemption note of its utilisation table in English and Japanese
#: (`chipshock.present.utilisation.exemption_note`)
SAVED_NOTES = ("exemption_note", "exemption_note_ja")


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover
        raise StoreError(
            "saving results needs the 'duckdb' package: pip install chipshock[store]"
        ) from exc
    return duckdb


def _append(con: Any, table: str, frame: pd.DataFrame) -> None:
    name = identifier(table)
    df = frame.copy()
    for col in df.columns:
        if str(df[col].dtype).startswith("datetime"):
            df[col] = df[col].dt.strftime("%Y-%m-%d")
        elif df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    con.register("_frame", df)
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()[0]
    if exists:
        # a table made by an older version may lack newer columns: add them (NULL in old rows)
        have = {
            str(r[0])
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
        }
        types = {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE _frame").fetchall()}
        for col in df.columns:
            if str(col) not in have:
                column, kind = identifier(str(col), "column"), column_type(types[str(col)])
                con.execute(f"ALTER TABLE {name} ADD COLUMN {column} {kind}")
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _frame")  # noqa: S608 - checked name
    else:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame")  # noqa: S608 - checked name
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
            ):
                if table == "result_utilisation" and frame.empty:  # made without a summary
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


def load_utilisation(db_path: Path | str, result_id: str) -> pd.DataFrame:
    """`saved_utilisation` of ``result_id`` in the store at ``db_path``."""
    path = Path(db_path)
    if not path.exists():
        raise StoreError(f"no chipshock store at {path}")
    with store_lock(path, exclusive=False, purpose="reading a saved result"):
        con = _duckdb().connect(str(path), read_only=True)
        try:
            return saved_utilisation(con, result_id)
        finally:
            con.close()
