"""The built-in 2021-like surge: its lead times come from buyers rebuilding lean stocks, not
from the surge (review 4, finding 1). The description says so with these numbers; this test
fails if the model stops agreeing with it."""

from __future__ import annotations

import dataclasses

import pytest

from chipshock import sim
from chipshock.present.summary import summary_text
from chipshock.present.summary_figures import kpi_row
from chipshock.scenarios import load_scenario
from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.data import ModelData

RUNS = 100


def _lead_p50(s: Scenario, data: ModelData) -> tuple[float, str]:
    r = sim.run(s.with_changes(runs=RUNS), data)
    row = kpi_row(r.kpis, "lead_time_weeks_peak")
    assert row is not None
    return float(row["p50"]), " ".join(summary_text(r, "en").split())


@pytest.fixture(scope="module")
def builtin() -> Scenario:
    return load_scenario("demand-surge-2021-like")


def test_without_the_surge_the_lean_start_gives_the_same_lead_times(
    builtin: Scenario, real_data: ModelData
) -> None:
    """Severity 0: the median peak lead time stays within 3 weeks of the built-in's (about 38
    against 39 at 200 runs), both above 2.5x the normal 12 weeks; the summary of both says
    the stock gap is there from the first week."""
    with_surge, text = _lead_p50(builtin, real_data)
    flat = dataclasses.replace(builtin.shocks[0], severity=Distribution.fixed(0.0))
    without, text0 = _lead_p50(builtin.with_changes(shocks=(flat,)), real_data)
    assert 30 < without <= with_surge < without + 3
    for t in (text, text0):
        assert "restocking toward 2019" in t and "there from the first week" in t


def test_the_surge_alone_on_2019_stocks_fits_in_spare_capacity(
    builtin: Scenario, real_data: ModelData
) -> None:
    """On 2019 stocks (no restocking) the same surge lengthens lead times only to about 14
    weeks from 12, and the summary has no restocking sentence."""
    lead, text = _lead_p50(
        builtin.with_changes(inventory_regime="", inventory_target_regime=""), real_data
    )
    assert 12 < lead < 18
    assert "restocking toward" not in text
