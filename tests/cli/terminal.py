"""`chipshock` run as a user's shell runs it: a subprocess at a given terminal width (rich reads
``COLUMNS``), with this checkout's sources first on the path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["SRC", "chipshock_at"]

SRC = Path(__file__).resolve().parents[2] / "src"


def chipshock_at(columns: int, *args: str, check: bool = True) -> str:
    """The standard output of `chipshock ARGS` on a terminal ``columns`` wide; with ``check``
    the command must exit 0 (else the assertion shows its standard error)."""
    done = subprocess.run(
        [sys.executable, "-m", "chipshock", *args],
        env={**os.environ, "COLUMNS": str(columns), "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0 or not check, done.stderr
    return done.stdout
