"""The embedded DuckDB store: every data layer in one file, built by one command.

Build is atomic: everything is read and checked first, then written to a temporary file beside
the target, which replaces the target only when complete. A failed build leaves the previous
store as it was. Rebuilding from the same files gives the same tables (idempotent).

Tables: ``eto_inputs``, ``eto_providers``, ``eto_provision``, ``eto_edges``, ``eto_stages``
(each with a ``release`` column: ``current`` or ``v2022``), one table per curated file
(``fabs``, ``partnerships``, ``deliverables``, ``regional_capacity``, the fab-registry v2 tables
``fab_capacity``, ``sourcing_shares``, ``country_groups``, and the market files),
``datasets`` (one row per source file: checksum, release, licence, row count) and ``meta``.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.data.curated import AllianceData, curated_specs, load_curated
from chipshock.data.eto import RELEASES, load_eto
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.data.store_lock import StoreBusy, store_lock
from chipshock.errors import Problem, StoreError, ValidationFailed
from chipshock.model.chain import COLUMNS, SupplyChain
from chipshock.sql import identifier

__all__ = [
    "SCHEMA_VERSION",
    "BuildReport",
    "DataPaths",
    "build_store",
    "connect",
    "default_db_path",
    "default_paths",
    "load_alliance",
    "load_chain",
    "load_table",
    "load_tables",
    "store_info",
]

#: 2: market files, material country shares; 3: fab registry v2; 4: tracker title_ja;
#: 5: summary_ja of alliance_deliverables and partnerships; 6: place_names_ja (fabs gain
#: region_or_city_ja), technology_ja of partnerships, location_ja of deliverables;
#: 7: fab_ids of partnerships (the fabs `partnership_off` switches off); 8: deliverable_id and
#: part_of of alliance_deliverables (an umbrella's parts named, not read from a note);
#: 9: name_ja of fabs (a fab's Japanese name, shown in Japanese texts); 10: actor_ja of
#: alliance_deliverables, operator_names (operators' display names, English and Japanese);
#: 11: fab_names_ja (fabs keep name_ja, now from that file, and gain operator_ja),
#: counterpart_ja of alliance_deliverables; 12: parties_ja of partnerships; 13: materials_ja
#: (materials gain use_ja and substitutes_ja, from that file)
SCHEMA_VERSION = "13"
_ETO_LICENCE = "CC BY-NC 4.0 (ETO / CSET, Georgetown University)"
_CURATED_LICENCE = "chipshock curated data (facts from the cited public sources)"
_ETO_TABLES = ("inputs", "providers", "provision", "edges", "stages")


def default_db_path() -> Path:
    """``$CHIPSHOCK_DB``, else ``$XDG_DATA_HOME/chipshock/chipshock.duckdb``
    (``~/.local/share/chipshock/chipshock.duckdb``)."""
    env = os.environ.get("CHIPSHOCK_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chipshock" / "chipshock.duckdb"


@dataclass(frozen=True)
class DataPaths:
    """Where the source files are: ETO current, ETO 2022 and the curated folder."""

    eto: Path
    eto_v2022: Path
    curated: Path


def default_paths() -> DataPaths:
    """The copies of the data shipped inside the package."""
    root = Path(str(resources.files("chipshock") / "data" / "files"))
    return DataPaths(root / "eto", root / "eto" / "v2022", root / "curated")


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote."""

    db_path: Path
    datasets: pd.DataFrame
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...] = ()  # what happened to the file replaced (e.g. set aside)


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - the CLI extra installs it
        raise StoreError(
            "the DuckDB store needs the 'duckdb' package: pip install chipshock[store]"
        ) from exc
    return duckdb


def build_store(
    db_path: Path | str | None = None,
    paths: DataPaths | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read, check and store every data layer; replace ``db_path`` atomically."""
    duckdb = _duckdb()
    target = Path(db_path) if db_path is not None else default_db_path()
    paths = paths or default_paths()
    step = progress or (lambda _msg: None)

    step("reading ETO current release")
    current = load_eto(paths.eto, "current")
    step("reading ETO 2022 release")
    v2022 = load_eto(paths.eto_v2022, "v2022")
    step("reading curated files")
    curated = load_curated(paths.curated)
    errors = [*current.errors, *v2022.errors, *curated.errors]
    if errors or current.chain is None or v2022.chain is None:
        raise ValidationFailed(errors, "store not built; the previous store is unchanged")

    dataset_rows = []
    for rel_key, loaded in (("current", current), ("v2022", v2022)):
        rel = RELEASES[rel_key]
        for name, raw in loaded.files.items():
            dataset_rows.append(
                {
                    "dataset": f"eto_{name}",
                    "file": raw.path.name,
                    "path": str(raw.path),
                    "release": f"{rel_key} ({rel.label}, upstream {rel.upstream_commit[:7]})",
                    "licence": _ETO_LICENCE,
                    "sha256": raw.sha256,
                    "rows": len(raw.rows),
                }
            )
    for name, raw in curated.files.items():
        dataset_rows.append(
            {
                "dataset": name,
                "file": raw.path.name,
                "path": str(raw.path),
                "release": "curated",
                "licence": _CURATED_LICENCE,
                "sha256": raw.sha256,
                "rows": len(raw.rows),
            }
        )
    datasets = pd.DataFrame(dataset_rows)

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder of the store {target}: {exc}") from exc
    _remove_stale_temporaries(target)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    _unlink_quietly(tmp)
    tables: list[tuple[str, pd.DataFrame]] = []
    for table in _ETO_TABLES:
        frames = []
        for rel_key, chain in (("current", current.chain), ("v2022", v2022.chain)):
            df = getattr(chain, table).copy()
            df.insert(0, "release", rel_key)
            frames.append(df)
        tables.append((f"eto_{table}", pd.concat(frames, ignore_index=True)))
    tables += list(curated.tables.items())
    tables.append(("datasets", datasets))
    tables.append(
        (
            "meta",
            pd.DataFrame(
                {
                    "key": [
                        "schema_version",
                        "eto_citation",
                        "eto_licence",
                        "data_release",
                        "data_release_date",
                    ],
                    "value": [
                        SCHEMA_VERSION,
                        current.chain.release.citation,
                        _ETO_LICENCE,
                        DATA_RELEASE,
                        DATA_RELEASE_DATE,
                    ],
                }
            ),
        )
    )
    try:
        notes = _write_and_replace(duckdb, tmp, target, tables, step)
    except BaseException:
        _unlink_quietly(tmp)
        _unlink_quietly(tmp.with_name(tmp.name + ".wal"))
        raise
    step("done")
    warnings = tuple(p for p in (*current.problems, *v2022.problems, *curated.problems))
    return BuildReport(target, datasets, warnings, notes)


def _write_and_replace(
    duckdb: Any,
    tmp: Path,
    target: Path,
    tables: list[tuple[str, pd.DataFrame]],
    step: Callable[[str], None],
) -> tuple[str, ...]:
    """Write ``tables`` into ``tmp``; then, holding the store's lock, copy the saved results of
    the store being replaced and rename ``tmp`` over it. Any failure leaves ``target`` as it was.
    """
    try:
        con = duckdb.connect(str(tmp))
    except (OSError, duckdb.Error) as exc:
        raise StoreError(f"cannot write the store at {target}: {exc}") from exc
    try:
        try:
            for name, frame in tables:
                step(f"writing {name}")
                _write(con, name, frame)
            con.execute("CHECKPOINT")
        except (OSError, duckdb.Error) as exc:
            raise StoreError(f"cannot write the store at {target}: {exc}") from exc
        with store_lock(target, exclusive=True, purpose="replacing it with a new build"):
            unreadable = _carry_over_results(duckdb, con, target, step)
            try:
                con.execute("CHECKPOINT")
                con.close()
                notes: tuple[str, ...] = ()
                if unreadable is not None:
                    aside = target.with_name(
                        f"{target.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}"
                    )
                    os.replace(target, aside)
                    notes = (
                        f"the old file at {target} was {unreadable}; it was replaced and kept "
                        f"as {aside}",
                    )
                os.replace(tmp, target)
            except (OSError, duckdb.Error) as exc:
                raise StoreError(f"cannot write the store at {target}: {exc}") from exc
    finally:
        con.close()
    return notes


def _carry_over_results(
    duckdb: Any, con: Any, previous: Path, step: Callable[[str], None]
) -> str | None:
    """Copy the saved results (tables ``results`` and ``result_*``) of the store being replaced
    into the new one, and check that every row arrived.

    Returns why the old file must be set aside (it is not a readable chipshock store), or None.
    Raises `StoreError` (the new store is then discarded) if results exist but cannot be copied,
    and `StoreBusy` if another program holds the old store open for writing.
    """
    if not previous.exists():
        return None
    try:  # the path is a bound parameter: never spliced into the SQL text
        con.execute("ATTACH ? AS previous (READ_ONLY)", [str(previous)])
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(
                f"store busy: {previous} is open for writing in another program, so its saved "
                f"results cannot be read; nothing was changed, try again when it has finished "
                f"({_first_line(exc)})"
            ) from exc
        return f"not a readable DuckDB database ({_first_line(exc)})"
    try:
        names = [
            str(r[0])
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = 'previous' ORDER BY table_name"
            ).fetchall()
        ]
        saved = [n for n in names if n == "results" or n.startswith("result_")]
        if "meta" not in names and not saved:
            return "a DuckDB database without chipshock's tables"
        for name in saved:
            step(f"keeping saved results {name}")
            quoted = identifier(name)
            con.execute(f"CREATE TABLE {quoted} AS SELECT * FROM previous.{quoted}")  # noqa: S608 - checked name
            old = con.execute(f"SELECT count(*) FROM previous.{quoted}").fetchone()[0]  # noqa: S608 - checked name
            new = con.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608 - checked name
            if old != new:
                raise StoreError(
                    f"saved results {name}: {new} of {old} rows copied; the store at {previous} "
                    "was left unchanged"
                )
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot carry the saved results over from {previous} ({_first_line(exc)}); the "
            "store was left unchanged"
        ) from exc
    finally:
        con.execute("DETACH previous")
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files left by builds that were killed (their process is gone)."""
    prefix = f".{target.name}.tmp-"
    try:
        leftovers = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for path in leftovers:
        pid_text = path.name[len(prefix) :].split(".", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        _unlink_quietly(path)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def _write(con: Any, name: str, frame: pd.DataFrame) -> None:
    df = frame.copy()
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    con.register("_frame", df)
    con.execute(f"CREATE TABLE {identifier(name)} AS SELECT * FROM _frame")  # noqa: S608 - checked name
    con.unregister("_frame")


@contextlib.contextmanager
def connect(db_path: Path | str | None = None) -> Iterator[Any]:
    """Open the store read-only (sharing its lock with other readers, waiting for a writer).

    A missing store raises `StoreError` saying how to build it; so does a damaged file, a
    DuckDB database that is not a chipshock store, or a store of another schema version.
    """
    duckdb = _duckdb()
    path = Path(db_path) if db_path is not None else default_db_path()
    if not path.exists():
        raise StoreError(
            f"no chipshock store at {path}; build it with `chipshock data build --db {path}`"
        )
    with store_lock(path, exclusive=False, purpose="reading it"):
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(
                    f"store busy: {path} is open for writing in another program "
                    f"({_first_line(exc)}); try again when it has finished"
                ) from exc
            raise StoreError(_unreadable(path, f"not a readable DuckDB database: {exc}")) from exc
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        try:
            try:
                version = con.execute(
                    "SELECT value FROM meta WHERE key = 'schema_version'"
                ).fetchone()
            except duckdb.Error as exc:
                raise StoreError(
                    _unreadable(path, "a DuckDB database without chipshock's tables (no 'meta')")
                ) from exc
            if not version or version[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"the store at {path} has schema {version[0] if version else '?'}, "
                    f"expected {SCHEMA_VERSION}; rebuild it with `chipshock data build --db {path}`"
                )
            yield con
        finally:
            con.close()


def _unreadable(path: Path, what: str) -> str:
    return (
        f"the file at {path} is not a chipshock store ({_first_line(Exception(what))}); "
        f"`chipshock data build --db {path}` replaces it and keeps the old file beside it"
    )


def load_tables(db_path: Path | str | None, names: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Several tables over one connection; whole-number columns of curated files come back as
    nullable ``Int64`` (as the readers produce them), not as floats."""
    specs = curated_specs()
    out: dict[str, pd.DataFrame] = {}
    with connect(db_path) as con:
        for name in names:
            table = identifier(name)
            try:
                df: pd.DataFrame = con.execute(f"SELECT * FROM {table}").df()  # noqa: S608 - checked name
            except Exception as exc:
                raise StoreError(f"the store has no table {name!r}; rebuild it") from exc
            if name in specs:
                for col in specs[name].columns:
                    if col.dtype == "int" and col.name in df.columns:
                        df[col.name] = df[col.name].astype("Int64")
            out[name] = df
    return out


def load_table(db_path: Path | str | None, name: str) -> pd.DataFrame:
    """One table of the store (see `load_tables`)."""
    return load_tables(db_path, [name])[name]


def _typed(df: pd.DataFrame, table: str) -> pd.DataFrame:
    out = df.drop(columns=["release"])[list(COLUMNS[table])].reset_index(drop=True)
    for col in ("year", "market_size_year"):
        if col in out.columns:
            out[col] = out[col].astype("Int64")
    for col in ("share_pct", "market_size_usd"):
        if col in out.columns:
            out[col] = out[col].astype(float)
    for col in ("is_aggregate", "negligible"):
        if col in out.columns:
            out[col] = out[col].astype(bool)
    return out


def load_chain(db_path: Path | str | None = None, release: str = "current") -> SupplyChain:
    """The supply chain of one release, read back from the store."""
    if release not in RELEASES:
        raise StoreError(f"unknown release {release!r}; expected one of {', '.join(RELEASES)}")
    tables = {}
    with connect(db_path) as con:
        for table in _ETO_TABLES:
            eto_table = identifier(f"eto_{table}")
            df = con.execute(f"SELECT * FROM {eto_table} WHERE release = ?", [release]).df()  # noqa: S608 - checked name
            tables[table] = _typed(df, table)
    return SupplyChain(
        RELEASES[release],
        inputs=tables["inputs"],
        providers=tables["providers"],
        provision=tables["provision"],
        edges=tables["edges"],
        stages=tables["stages"],
    )


def _closing_years(fab_capacity: pd.DataFrame) -> dict[str, int]:
    """Year each fab's capacity ends at 0 in every class (its last rows all 0): a closed or
    cancelled fab's closing year.

    >>> import pandas as pd
    >>> _closing_years(pd.DataFrame({"fab_id": ["a", "a", "b"], "node_class": ["gt45"] * 3,
    ...     "year": [2020, 2025, 2020], "capacity_wspm": [9000.0, 0.0, 5000.0]}))
    {'a': 2025}
    """
    if fab_capacity.empty:
        return {}
    last = fab_capacity.sort_values("year").groupby(["fab_id", "node_class"]).tail(1)
    ends = last.groupby("fab_id").agg(
        year=("year", "max"), peak=("capacity_wspm", lambda v: float(v.abs().max()))
    )
    return {str(f): int(r["year"]) for f, r in ends.iterrows() if r["peak"] == 0}


def load_alliance(db_path: Path | str | None = None) -> AllianceData:
    """The curated alliance tables, read back from the store. ``fabs`` gains ``closed_year``:
    for a ``closed`` fab, the year its capacity rows end at 0 (else missing), so that every
    surface filtering fabs by year drops it from the same year."""
    t = load_tables(
        db_path,
        [
            "fabs",
            "partnerships",
            "deliverables",
            "regional_capacity",
            "fab_capacity",
            "sourcing_shares",
            "country_groups",
            "alliance_tracker",
        ],
    )
    fabs = t["fabs"].copy()
    shut = _closing_years(t["fab_capacity"])
    closed = fabs["status"] == "closed"
    fabs["closed_year"] = pd.array(
        [shut.get(str(f)) if c else None for f, c in zip(fabs["fab_id"], closed, strict=True)],
        dtype="Int64",
    )
    return AllianceData(
        fabs=fabs,
        partnerships=t["partnerships"],
        deliverables=t["deliverables"],
        regional_capacity=t["regional_capacity"],
        fab_capacity=t["fab_capacity"],
        sourcing_shares=t["sourcing_shares"],
        country_groups=t["country_groups"],
        alliance_tracker=t["alliance_tracker"],
    )


def store_info(db_path: Path | str | None = None) -> pd.DataFrame:
    """One row per source file in the store: dataset, release, licence, checksum, rows."""
    return load_table(db_path, "datasets")
