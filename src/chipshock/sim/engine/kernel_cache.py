"""Keep numba's on-disk cache of the compiled kernel in step with the engine's sources.

numba keys a cached function on its own file only: when `network_kernel.py`, `kernel_steps.py`
or `chipshock.sim.units` (whose constants are compiled in) change, `kernel.py`'s cached
``_run_kernel`` still holds their old code and gives old results. So before the kernel is
compiled or loaded, `refresh` compares a hash of those sources with the one stored beside the
cache files and, when it differs, deletes the engine's cache files (numba then compiles
afresh and writes new ones). A read-only install leaves everything as it is: its sources do not
change between runs, and numba keys a reinstall's cache on the new files' timestamps.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ENGINE_SOURCES", "refresh", "sources_hash"]

_HERE = Path(__file__).resolve().parent
#: the files whose code or constants the compiled kernel contains
ENGINE_SOURCES = (
    _HERE / "kernel.py",
    _HERE / "kernel_steps.py",
    _HERE / "network_kernel.py",
    _HERE.parent / "units.py",
)
STAMP = "engine-sources.sha256"


def sources_hash(files: Iterable[Path]) -> str:
    """SHA-256 over the files' names and bytes, in the order given."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def refresh(
    cache_dir: Path = _HERE / "__pycache__", files: Iterable[Path] = ENGINE_SOURCES
) -> bool:
    """Delete the numba cache files (``*.nbi``, ``*.nbc``) in ``cache_dir`` if the sources'
    hash differs from the stamp written there last time, then write the new stamp. Returns
    whether files were deleted. Any OS error (a read-only install) leaves the cache alone."""
    digest = sources_hash(files)
    stamp = cache_dir / STAMP
    try:
        if stamp.is_file() and stamp.read_text(encoding="ascii").strip() == digest:
            return False
        cache_dir.mkdir(exist_ok=True)
        for f in [*cache_dir.glob("*.nbi"), *cache_dir.glob("*.nbc")]:
            f.unlink(missing_ok=True)
        tmp = cache_dir / f"{STAMP}.{os.getpid()}.tmp"
        tmp.write_text(digest + "\n", encoding="ascii")
        tmp.replace(stamp)
    except OSError:
        return False
    return True
