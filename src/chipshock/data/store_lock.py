"""One lock per store, so that saves, builds and reads of the same file never collide.

The lock is an advisory ``flock`` on a small sidecar file ``.<store name>.lock`` beside the
store (never on the store itself, which a build replaces). Writers (a build's carry-over and
rename, a saved result) take it exclusively; readers take it shared. A writer that cannot get
the lock within ``wait_s`` seconds raises `StoreBusy` naming the store and what it was doing, and
touches nothing. The lock file stays in place: deleting it while another process waits on it
would let two writers in at once.

Where no lock file can be created (a read-only folder), readers go on without it: nobody can be
writing there.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from chipshock.errors import StoreError

__all__ = ["LOCK_WAIT_S", "StoreBusy", "lock_path", "store_lock"]

#: seconds a writer or reader waits for another process's write to finish before giving up
LOCK_WAIT_S = 60.0
_POLL_S = 0.02


class StoreBusy(StoreError):
    """Another process is writing the store and did not finish in time."""


def lock_path(db_path: Path) -> Path:
    """The sidecar lock file of the store at ``db_path``."""
    return db_path.with_name(f".{db_path.name}.lock")


@contextlib.contextmanager
def store_lock(
    db_path: Path, *, exclusive: bool, purpose: str, wait_s: float | None = None
) -> Iterator[None]:
    """Hold the store's lock (exclusive for writers, shared for readers) for the block.

    ``purpose`` says what we were about to do, for the "store busy" message. ``wait_s`` defaults
    to ``$CHIPSHOCK_LOCK_WAIT`` or `LOCK_WAIT_S`.
    """
    if wait_s is None:
        wait_s = _wait_from_env()
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if not exclusive:  # a read-only location: nobody can be writing here
            yield
            return
        raise StoreError(f"cannot create the lock file {path} for {purpose}: {exc}") from exc
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"store busy: another chipshock process is writing {db_path} "
                        f"(waited {wait_s:g} s before {purpose}); nothing was changed, try "
                        "again when it has finished"
                    ) from exc
                time.sleep(_POLL_S)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _wait_from_env() -> float:
    raw = os.environ.get("CHIPSHOCK_LOCK_WAIT")
    if raw is None:
        return LOCK_WAIT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise StoreError(
            f"$CHIPSHOCK_LOCK_WAIT: not a number of seconds (got {raw!r}; expected a finite "
            "number >= 0)"
        )
    return value
