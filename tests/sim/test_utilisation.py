"""Per-producer utilisation (chips sold / capacity of the year) on the tiny model, by hand."""

from __future__ import annotations

import numpy as np

from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.run.executors import execute
from chipshock.sim.run.utilisation import producer_utilisation

from .conftest import tiny_scenario, tiny_shock


def test_utilisation_without_shocks_is_the_baseline_share(tiny_data: ModelData) -> None:
    """No shock: every producer sells its normal orders, 80 % of its capacity (the tiny
    model's ``utilisation`` row), in every run; there are no shock weeks (no values)."""
    s = tiny_scenario(runs=4)
    prep = prepare(s, tiny_data)
    table = producer_utilisation(prep, execute(prep, draw_parameters(s, tiny_data, prep, 1, 4)))
    horizon = table[table.window == "horizon"]
    assert list(horizon.producer) == list(prep.producers)
    for col in ("mean_pct", "p5_pct", "p50_pct", "p95_pct"):
        np.testing.assert_allclose(horizon[col], 80.0, rtol=1e-9)
    shock = table[table.window == "shock"]
    assert (shock.runs == 0).all() and shock.p50_pct.isna().all()


def test_utilisation_of_a_cut_producer_is_its_bank(tiny_data: ModelData) -> None:
    """Taiwan cut completely for 20 weeks (no recovery ramp), banks of 2 weeks: each Taiwanese
    producer sells only its bank, 2 weeks x 80 % of capacity, so its mean utilisation over
    the 20 shock weeks is 0.8 x 2 / 20 = 8 %; the fab not yet built (2026) has no value."""
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        10,
        duration_weeks=Distribution.fixed(20),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(0),
    )
    s = tiny_scenario((shock,), runs=4, parameters=(("buffer_weeks.bank", Distribution.fixed(2)),))
    prep = prepare(s, tiny_data)
    merged = execute(prep, draw_parameters(s, tiny_data, prep, 1, 4))
    table = producer_utilisation(prep, merged).set_index(["window", "producer"])
    for p in ("other:TWN:lt10", "other:TWN:gt45"):
        row = table.loc[("shock", p)]
        assert row.runs == 4
        np.testing.assert_allclose(
            row[["p5_pct", "p50_pct", "p95_pct"]].to_numpy(dtype=float), 8.0, rtol=1e-9
        )
    assert table.loc[("shock", "tiny-fab1:lt10")].runs == 0
    assert table.loc[("horizon", "tiny-fab1:lt10")].runs == 4  # built in 2027


def test_run_carries_the_utilisation_table(tiny_data: ModelData) -> None:
    """`sim.run` hands the table to its result: one row per producer and window, the same
    numbers `producer_utilisation` gives for the same runs and seed."""
    from chipshock.sim import run

    s = tiny_scenario(shocks=(tiny_shock(20, 1.0),), runs=4)
    result = run(s, tiny_data, runs=4, seed=1)
    prep = prepare(result.scenario, tiny_data)
    direct = producer_utilisation(
        prep, execute(prep, draw_parameters(result.scenario, tiny_data, prep, 1, 4))
    )
    assert len(result.producer_utilisation) == 2 * len(prep.producers)
    assert result.producer_utilisation.equals(direct)
    shock = result.producer_utilisation[result.producer_utilisation.window == "shock"]
    assert shock.runs.max() == 4  # every run has shock weeks
