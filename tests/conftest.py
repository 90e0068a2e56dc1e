"""Shared fixtures: the current ETO release, the tiny example chain and one built store (all
read-only)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
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
