"""Shared fixtures: the current ETO release, the tiny example chain and one built store (all
read-only)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import settings

from chipshock.data.eto import read_eto
from chipshock.data.store import build_store
from chipshock.examples import tiny_chain
from chipshock.model.chain import SupplyChain

# No per-example time limits (a loaded CI machine must not turn slowness into failures); on CI
# the search is derandomised so that a run is reproducible, locally it explores new examples.
settings.register_profile("chipshock", deadline=None, print_blob=True)
settings.register_profile("ci", parent=settings.get_profile("chipshock"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "chipshock")

# A command a test runs without --db reads the default store. The developer's own
# (~/.local/share/chipshock, or $CHIPSHOCK_DB) may be of an older data release or schema: the
# tests get a default store of their own instead, in a folder of this session, built from the
# shipped data on first use (session 30: tests failed on a developer's store of release 25).
_HOME = tempfile.mkdtemp(prefix="chipshock-tests-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ.pop("CHIPSHOCK_DB", None)
os.environ["XDG_DATA_HOME"] = _HOME


@pytest.fixture(autouse=True)
def _cli_console_width_restored() -> Iterator[None]:
    """Each test starts with the CLI consoles as the import left them. A width test's
    ``monkeypatch.setattr(output.console, "width", n)`` restored the number the property read
    (80 with no terminal), not the console's own state (no width: the terminal's and COLUMNS
    each time), so every later in-process command printed at 80 columns whatever COLUMNS said
    (session 31: ``tests/cli`` before ``tests/api`` failed two sourcing tables read at 400)."""
    from chipshock.cli import output

    saved = (output.console._width, output.err_console._width)
    yield
    output.console._width, output.err_console._width = saved


@pytest.fixture(scope="session")
def chain() -> SupplyChain:
    """The current (Aug 2026) release of the ETO dataset shipped with the package."""
    return read_eto(Path(str(resources.files("chipshock") / "data" / "files" / "eto")))


@pytest.fixture(scope="session")
def tiny() -> SupplyChain:
    """The hand-checkable tiny example chain."""
    return tiny_chain()


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB store built once from the shipped data; tests only read it (a test that writes
    to a store builds its own)."""
    path = tmp_path_factory.mktemp("store") / "chipshock.duckdb"
    build_store(path)
    return path
