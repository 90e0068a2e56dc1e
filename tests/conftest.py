"""Shared fixtures: the current ETO release and the tiny example chain (both read-only)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from chipshock.data.eto import read_eto
from chipshock.examples import tiny_chain
from chipshock.model.chain import SupplyChain


@pytest.fixture(scope="session")
def chain() -> SupplyChain:
    """The current (Aug 2026) release of the ETO dataset shipped with the package."""
    return read_eto(Path(str(resources.files("chipshock") / "data" / "files" / "eto")))


@pytest.fixture(scope="session")
def tiny() -> SupplyChain:
    """The hand-checkable tiny example chain."""
    return tiny_chain()
