"""Fixtures for the scenario engine: the tiny model, the real data and a short real scenario."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData


@pytest.fixture(scope="session")
def tiny_data() -> ModelData:
    """The hand-checkable tiny model."""
    return ModelData.tiny()


@pytest.fixture(scope="session")
def real_data(chain: SupplyChain) -> ModelData:
    """The shipped curated files and the current ETO release."""
    return ModelData.from_folder(
        Path(str(resources.files("chipshock") / "data" / "files" / "curated")), chain
    )


def twn_shock(
    year: int = 2027, duration: Distribution | None = None, severity: Distribution | None = None
) -> Shock:
    """A Taiwan blockade shock with the standard uncertain parameters."""
    return Shock(
        "country",
        ("TWN",),
        year,
        1,
        duration_weeks=duration or Distribution("triangular", low=4, mode=26, high=78),
        severity=severity or Distribution("triangular", low=0.6, mode=0.9, high=1.0),
        recovery_weeks=Distribution("triangular", low=4, mode=13, high=39),
    )


@pytest.fixture
def short_real() -> Scenario:
    """A short real scenario: Taiwan blockade in 2027, horizon 2026-2028."""
    return Scenario(
        "twn-short",
        "Taiwan blockade",
        start_year=2026,
        end_year=2028,
        runs=6,
        seed=3,
        shocks=(twn_shock(),),
    )
