"""Shared fixtures: the current ETO release, the tiny example chain and one built store (all
read-only)."""

from __future__ import annotations

import os
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
