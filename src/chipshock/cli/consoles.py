"""The CLI's two terminals: standard output for answers, standard error for errors and progress.

Every module that prints or measures a terminal table uses these same two objects, so that a width
set on one (a test, or rich reading ``COLUMNS``) holds for every table.
"""

from __future__ import annotations

from rich.console import Console

__all__ = ["console", "err_console"]

console = Console()
err_console = Console(stderr=True)
