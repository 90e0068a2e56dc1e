"""Out-of-sample: published forward estimates and the model's band beside each (not tuned)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chipshock.data.history import read_published_estimates
from chipshock.scenarios import builtin_ids
from chipshock.sim import ModelData
from chipshock.sim.validation.out_of_sample import OUT_OF_SAMPLE_COLUMNS, out_of_sample


@pytest.fixture(scope="module")
def estimates() -> pd.DataFrame:
    return read_published_estimates()


def test_shipped_estimates_name_a_scenario_and_a_source(estimates: pd.DataFrame) -> None:
    """Every estimate compares a built-in scenario, with a web source, date and confidence."""
    assert set(estimates["scenario_id"]) <= set(builtin_ids())
    assert estimates["source_url"].str.startswith("https://").all()
    assert estimates["as_of"].notna().all() and estimates["confidence"].notna().all()
    usgs = estimates.set_index("estimate_id").loc["usgs-gallium-germanium"]
    assert (usgs["value_low"], usgs["value"], usgs["value_high"]) == (1.7, 3.4, 9.0)


def test_model_band_and_ratio(model_data: ModelData, estimates: pd.DataFrame) -> None:
    """One row per estimate: p5 <= p50 <= p95 and ratio = p50 / published."""
    table = out_of_sample(model_data, estimates.head(1), runs=20)
    assert list(table.columns) == list(OUT_OF_SAMPLE_COLUMNS) and len(table) == 1
    row = table.iloc[0]
    assert row["model_p5"] <= row["model_p50"] <= row["model_p95"]
    assert np.isclose(row["ratio"], row["model_p50"] / row["published"])


def test_a_country_the_run_does_not_list_is_an_error_not_zero() -> None:
    """A measure naming a country the run's loss by country lacks (a mistyped code) is an error
    naming where and the codes there are; it was read as a band of zeros, which the table would
    have shown as the model finding no loss. A listed country with no loss stays 0."""
    from types import SimpleNamespace

    from chipshock.errors import InputError
    from chipshock.sim.validation.out_of_sample import _model_band

    lbc = pd.DataFrame({"country": ["USA", "JPN"], "p5": [0.0, 1.0], "p50": [0.0, 2.0],
                        "p95": [0.0, 3.0]})  # fmt: skip
    result = SimpleNamespace(loss_by_country=lbc)
    assert _model_band(result, "country:USA:loss_usd_bn") == (0.0, 0.0, 0.0)
    assert _model_band(result, "country:JPN:loss_usd_bn") == (1.0, 2.0, 3.0)
    with pytest.raises(InputError, match=r"usgs: model_measure.*country:UAS.*JPN, USA"):
        _model_band(result, "country:UAS:loss_usd_bn", "usgs: model_measure")
