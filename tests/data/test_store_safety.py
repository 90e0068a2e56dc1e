"""Nothing saved is ever lost: rebuilds carry saved results over or fail with the store untouched;
saves and builds of one store take turns; the store path never reaches SQL text; damaged and
foreign files are named and replaced (kept beside the new store)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chipshock.data.store import build_store, connect, load_table
from chipshock.data.store_lock import StoreBusy, store_lock
from chipshock.errors import StoreError
from chipshock.scenarios.model import Scenario
from chipshock.sim import run
from chipshock.sim.data import ModelData
from chipshock.sim.results import SimResult
from chipshock.sim.run.store import list_results, save_result

duckdb = pytest.importorskip("duckdb")
SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(scope="module")
def tiny_result() -> SimResult:
    """A small real result of the tiny model, to save."""
    return run(
        Scenario("tiny", "tiny", start_year=2026, end_year=2026, runs=4, seed=1),
        ModelData.tiny(),
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "chipshock.duckdb"
    build_store(path)
    return path


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_rebuild_keeps_saved_results(store: Path, tiny_result: SimResult) -> None:
    """Two saved results survive two rebuilds, with every row of every result table."""
    ids = {save_result(store, tiny_result, "a"), save_result(store, tiny_result, "b")}
    before = len(load_table(store, "result_runs"))
    build_store(store)
    build_store(store)
    assert set(list_results(store)["result_id"]) == ids
    assert len(load_table(store, "result_runs")) == before == 2 * len(tiny_result.kpis_by_run)


@pytest.mark.parametrize("name", ["it's.duckdb", "a'; COPY (SELECT 1) TO 'pwned.csv'; --.duckdb"])
def test_path_never_reaches_sql(tmp_path: Path, tiny_result: SimResult, name: str) -> None:
    """A quote in the path is just a character: results are kept and no SQL is run from it."""
    path = tmp_path / name
    build_store(path)
    rid = save_result(path, tiny_result, "kept")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        build_store(path)
    finally:
        os.chdir(cwd)
    assert list(list_results(path)["result_id"]) == [rid]
    assert not list(tmp_path.rglob("pwned*"))


def test_build_waits_then_says_busy(
    store: Path, tiny_result: SimResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that cannot get the lock says "store busy", leaves the store and no temp file."""
    save_result(store, tiny_result, "kept")
    before = _state(store)
    monkeypatch.setenv("CHIPSHOCK_LOCK_WAIT", "0.2")
    with store_lock(store, exclusive=True, purpose="a test"), pytest.raises(StoreBusy) as err:
        build_store(store)
    assert "store busy" in str(err.value) and str(store) in str(err.value)
    assert _state(store) == before
    assert sorted(p.name for p in store.parent.iterdir()) == sorted(
        [store.name, f".{store.name}.lock"]
    )


def test_save_waits_then_says_busy(
    store: Path, tiny_result: SimResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save while another process writes the store fails loudly instead of vanishing."""
    monkeypatch.setenv("CHIPSHOCK_LOCK_WAIT", "0.2")
    with store_lock(store, exclusive=True, purpose="a test"), pytest.raises(StoreBusy):
        save_result(store, tiny_result, "late")
    assert list_results(store).empty


def test_other_program_writing_blocks_build(store: Path, tiny_result: SimResult) -> None:
    """A program outside chipshock holding the store open for writing: the build fails loudly
    (store busy) and the store, with its saved result, is unchanged."""
    save_result(store, tiny_result, "kept")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
            "sys.stdin.read()",
            str(store),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = _state(store)
        with pytest.raises(StoreBusy, match="open for writing in another program"):
            build_store(store)
        assert _state(store) == before
    finally:
        holder.communicate("")
    assert len(list_results(store)) == 1


@pytest.mark.parametrize("kind", ["truncated", "text", "empty", "foreign"])
def test_damaged_or_foreign_store(store: Path, kind: str) -> None:
    """Reading a damaged or foreign file says what it is; a build replaces it and keeps the old
    file beside the new store."""
    if kind == "truncated":
        store.write_bytes(store.read_bytes()[:100_000])
    elif kind == "text":
        store.write_text("not a database\n")
    elif kind == "empty":
        store.write_bytes(b"")
    else:
        store.unlink()
        con = duckdb.connect(str(store))
        con.execute("CREATE TABLE mine (x INTEGER)")
        con.close()
    old = store.read_bytes()
    with pytest.raises(StoreError, match="not a chipshock store") as err, connect(store):
        pass
    assert "chipshock data build" in str(err.value)
    report = build_store(store)
    kept = [p for p in store.parent.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == old
    assert len(report.notes) == 1 and str(kept[0]) in report.notes[0]
    assert not load_table(store, "datasets").empty


def test_killed_build_leftovers_are_removed(store: Path) -> None:
    """Temporary files of a build whose process is gone are deleted by the next build; those of
    a live process are left alone."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = [
        store.with_name(f".{store.name}.tmp-{pid}"),
        store.with_name(f".{store.name}.tmp-{pid}.wal"),
    ]
    live = store.with_name(f".{store.name}.tmp-1")
    for p in (*stale, live):
        p.write_bytes(b"partial")
    build_store(store)
    assert not any(p.exists() for p in stale) and live.exists()


def test_unwritable_location_is_named(tmp_path: Path) -> None:
    """A store path under a regular file: a StoreError naming the path, no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        build_store(blocker / "db.duckdb")


_SAVER = textwrap.dedent(
    """
    import json, sys
    from chipshock.data.store_lock import StoreBusy
    from chipshock.scenarios.model import Scenario
    from chipshock.sim import run
    from chipshock.sim.data import ModelData
    from chipshock.sim.run.store import save_result
    result = run(Scenario("tiny", "tiny", start_year=2026, end_year=2026, runs=4, seed=1),
                 ModelData.tiny())
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(sys.argv[2])):
        try:
            print(json.dumps({"saved": save_result(sys.argv[1], result, f"r{i}")}), flush=True)
        except StoreBusy as exc:
            print(json.dumps({"busy": str(exc)}), flush=True)
    """
)
_BUILDER = textwrap.dedent(
    """
    import json, sys
    from chipshock.data.store import build_store
    from chipshock.data.store_lock import StoreBusy
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(sys.argv[2])):
        try:
            build_store(sys.argv[1])
            print(json.dumps({"built": i}), flush=True)
        except StoreBusy as exc:
            print(json.dumps({"busy": str(exc)}), flush=True)
    """
)


@pytest.mark.slow
def test_saves_during_rebuilds_are_all_kept(store: Path) -> None:
    """Two processes save 15 results each while a third rebuilds the store 4 times: every save
    reported as done is in the final store, and nothing else is."""
    env = {**os.environ, "PYTHONPATH": SRC, "CHIPSHOCK_LOCK_WAIT": "120"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(store), str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for code, n in ((_SAVER, 15), (_SAVER, 15), (_BUILDER, 4))
    ]
    for p in procs:  # start together once every process has imported and is ready
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0]
    events = [json.loads(line) for out in outputs for line in out.splitlines()]
    saved = [e["saved"] for e in events if "saved" in e]
    assert not [e for e in events if "busy" in e]
    assert sum("built" in e for e in events) == 4 and len(saved) == 30
    assert sorted(list_results(store)["result_id"]) == sorted(saved)
