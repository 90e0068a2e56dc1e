"""Fixtures for validation tests: the shipped model data (from the session's store), the
shipped observations, and one validation run shared by the module tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.history import read_history_observations
from chipshock.sim import ModelData, load_model_data
from chipshock.sim.validation import ValidationResult, validate


@pytest.fixture(scope="session")
def model_data(built_store: Path) -> ModelData:
    return load_model_data(built_store)


@pytest.fixture(scope="session")
def observations() -> pd.DataFrame:
    return read_history_observations()


@pytest.fixture(scope="session")
def validation(model_data: ModelData, observations: pd.DataFrame) -> ValidationResult:
    """Every shipped history case at its own runs and seed (what `chipshock validate` prints)."""
    return validate(model_data, observations)
