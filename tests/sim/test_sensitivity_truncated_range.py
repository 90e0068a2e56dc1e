"""The tornado tries a normal or lognormal shock field at the 5th and 95th percentiles of the
distribution the engine draws (truncated to [low, high]), never outside it: a normal duration
of mean 5 and sd 10 was tried at -11.4 weeks, a lognormal's high was ignored (docs/scenarios.md,
"Sensitivity"; the percentiles by hand from the standard normal's CDF, see `_dist_range`)."""

from __future__ import annotations

import pytest

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.sensitivity import sensitivity


@pytest.mark.parametrize(
    ("dist", "low", "high"),
    [
        # a = Phi(-0.5) = 0.3085; Phi^-1(a + 0.05 (1 - a)) = -0.404,
        # Phi^-1(a + 0.95 (1 - a)) = 1.817
        (Distribution("normal", mean=5.0, sd=10.0), 0.96, 23.17),
        # ln 13 = 2.565, b = Phi((ln 30 - ln 13) / 0.5) = Phi(1.673) = 0.9528
        (Distribution("lognormal", high=30.0, mean=13.0, sd=0.5), 5.65, 25.05),
    ],
)
def test_a_shock_duration_is_tried_within_what_the_engine_draws(
    dist: Distribution, low: float, high: float
) -> None:
    s = Scenario(
        "x", "x", start_year=2026, end_year=2026, runs=2,
        shocks=(Shock("country", ("TWN",), 2026, duration_weeks=dist),),
    )  # fmt: skip
    row = sensitivity(s, ModelData.tiny(), factors=["shock_duration"]).table.iloc[0]
    assert (round(row["low_value"], 2), round(row["high_value"], 2)) == (low, high)
    assert row["how"] == "fixed at its distribution's 5th / 95th percentile"
