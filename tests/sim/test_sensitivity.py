"""`chipshock.sim.sensitivity`: one-at-a-time tornado on common random numbers."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.errors import ChipshockError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run
from chipshock.sim.sensitivity import FACTOR_COLUMNS, default_factors, sensitivity


def _tiny_scenario(runs: int = 12) -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        1,
        duration_weeks=Distribution("triangular", low=4, mode=20, high=40),
        severity=Distribution("uniform", low=0.5, high=1.0),
    )
    return Scenario("tiny-twn", "TWN out", start_year=2026, end_year=2027, runs=runs, seed=5,
                    shocks=(shock,))  # fmt: skip


def _factor(factor: str, target: str, method: str, low: float, high: float) -> pd.DataFrame:
    return pd.DataFrame(
        [(factor, factor, factor, target, method, low, high, _unit(method))],
        columns=list(FACTOR_COLUMNS),
    )


def _unit(method: str) -> str:
    return "multiplier" if method == "scale" else "index"


def test_base_column_equals_a_plain_run(tiny_data: ModelData) -> None:
    """The base column is the scenario as given: the median over the same runs and seed, here
    recomputed by the slow plain-loop reference engine, not by `run` (which sensitivity calls)."""
    s = _tiny_scenario()
    res = sensitivity(s, tiny_data, runs=9, seed=11, kpi="output_lost_weeks")
    given = s.with_changes(runs=9, seed=11)
    prep = prepare(given, tiny_data)
    slow = reference_run(prep, draw_parameters(given, tiny_data, prep, 11, 9))
    lost_all_markets = np.array(slow.out_weeks)[:, -1]  # columns: markets, then "all"
    assert np.median(lost_all_markets) > 0  # the shock bites, so the equality says something
    assert np.allclose(res.table["kpi_base"], np.median(lost_all_markets))
    moved = res.table[res.table["low_value"] != res.table["high_value"]]
    assert (moved["kpi_low"] != moved["kpi_high"]).any()
    assert (res.runs, res.seed, res.kpi, res.market) == (9, 11, "output_lost_weeks", "all")


def test_base_column_on_real_scenario(real_data: ModelData, short_real: Scenario) -> None:
    """On real data too, base = plain run; each default factor appears once, rated."""
    res = sensitivity(short_real, real_data, runs=4)
    plain = sim.run(short_real, real_data, runs=4).kpi("all", "loss_usd_bn")
    assert np.allclose(res.table["kpi_base"], np.median(plain))
    assert sorted(res.table["factor"]) == sorted(default_factors()["factor"])
    shock = res.table["factor"].str.startswith("shock_")
    assert (res.table.loc[shock, "confidence"] == "unrated").all()  # cites no assumption row
    assert res.table.loc[~shock, "confidence"].isin(["low", "medium", "low/medium"]).all()


def test_equal_low_and_high_give_zero_swing(tiny_data: ModelData) -> None:
    """A factor whose low equals its high has no swing, and low = high KPI exactly."""
    t = sensitivity(
        _tiny_scenario(),
        tiny_data,
        factors=_factor("u", "model_assumptions.utilisation_lt10", "set", 0.85, 0.85),
    ).table
    assert t["swing"].iloc[0] == 0.0 and t["kpi_low"].iloc[0] == t["kpi_high"].iloc[0]


def test_fixed_shock_duration_has_zero_swing(tiny_data: ModelData) -> None:
    """A shock field fixed in the scenario, citing no assumption row, has no range or swing."""
    s = _tiny_scenario()
    s = s.with_changes(shocks=(Shock("country", ("TWN",), 2026, 1),))
    t = sensitivity(s, tiny_data, factors=["shock_duration"]).table
    assert t["swing"].iloc[0] == 0.0 and "fixed in the scenario" in t["how"].iloc[0]
    assert t["low_value"].iloc[0] == t["high_value"].iloc[0]


def _fixed_duration_citing(data: ModelData, assumptions: tuple[str, ...]) -> Scenario:
    shock = Shock("country", ("TWN",), 2027, 1, duration_weeks=Distribution.fixed(26))
    return Scenario("twn-fixed", "TWN 26 weeks", start_year=2026, end_year=2028, runs=4, seed=3,
                    shocks=(shock,), assumptions=assumptions)  # fmt: skip


def test_fixed_shock_duration_takes_the_cited_range(real_data: ModelData) -> None:
    """A fixed duration takes low/high from the cited taiwan_blockade_duration row (4-78 weeks)."""
    s = _fixed_duration_citing(real_data, ("taiwan_blockade_duration", "taiwan_recovery_ramp"))
    t = sensitivity(s, real_data, factors=["shock_duration"]).table
    row = t.iloc[0]
    assert (row["low_value"], row["high_value"], row["base_value"]) == (4.0, 78.0, 26.0)
    assert "taiwan_blockade_duration" in row["how"] and "cited range" in row["how"]
    assert "shock_assumptions.csv: taiwan_blockade_duration" in row["source"]
    assert "taiwan_recovery_ramp" not in row["source"]
    assert row["confidence"] == "low" and row["source_url"].startswith("https://")
    assert row["kpi_high"] > row["kpi_low"]


def test_fixed_shock_severity_matches_loss_rows(real_data: ModelData) -> None:
    """Severity matches a cited row named ...loss...; recovery uses ...recovery... rows."""
    shock = Shock("country", ("TWN",), 2027, 1, severity=Distribution.fixed(0.9),
                  recovery_weeks=Distribution.fixed(13))  # fmt: skip
    s = _fixed_duration_citing(real_data, ("taiwan_fab_output_loss", "taiwan_recovery_ramp"))
    s = s.with_changes(shocks=(shock,))
    t = sensitivity(s, real_data, factors=["shock_severity", "shock_recovery"]).table
    by = t.set_index("factor")
    assert (by.loc["shock_severity", "low_value"], by.loc["shock_severity", "high_value"]) == (
        0.6,
        1.0,
    )
    assert (by.loc["shock_recovery", "low_value"], by.loc["shock_recovery", "high_value"]) == (
        4.0,
        39.0,
    )


def test_uncited_fixed_field_keeps_zero_range(real_data: ModelData) -> None:
    """Citing only other quantities leaves a fixed duration at low = high."""
    s = _fixed_duration_citing(real_data, ("taiwan_fab_output_loss",))
    row = sensitivity(s, real_data, factors=["shock_duration"]).table.iloc[0]
    assert row["low_value"] == row["high_value"] == 26.0 and row["swing"] == 0.0


@pytest.mark.parametrize("kpi", ["loss_usd_bn", "output_lost_weeks"])
def test_complementarity_is_monotone(tiny_data: ModelData, kpi: str) -> None:
    """Raising complementarity never lowers the loss (Leontief min <= value-weighted mean)."""
    s = _tiny_scenario()
    lows = [0.0, 0.25, 0.5, 0.75]
    medians = []
    for k in lows:
        t = sensitivity(
            s,
            tiny_data,
            kpi=kpi,
            factors=_factor("k", "model_assumptions.complementarity", "set", k, k + 0.25),
        ).table
        assert t["kpi_high"].iloc[0] >= t["kpi_low"].iloc[0] - 1e-9
        medians += [t["kpi_low"].iloc[0], t["kpi_high"].iloc[0]]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(medians))


def test_table_sorted_by_reach(tiny_data: ModelData) -> None:
    """Rows are sorted by reach (max - min of the medians at low, base and high), largest
    first, ties by |swing| (review 2, finding 4: a factor whose two ends lie on the same side
    of base has a small swing and a large reach), with the documented columns first. The test
    used to check |swing|, which agreed only while no factor of the tiny model was
    non-monotonic; with the shock draws keyed by what a shock hits (review 4) one is."""
    t = sensitivity(_tiny_scenario(), tiny_data, kpi="output_lost_weeks").table
    assert list(t.columns[:10]) == [
        "factor", "label", "low_value", "high_value", "kpi_low", "kpi_base", "kpi_high",
        "swing", "source", "confidence",
    ]  # fmt: skip
    medians = t[["kpi_low", "kpi_base", "kpi_high"]].to_numpy(float)
    reach = medians.max(axis=1) - medians.min(axis=1)
    assert np.allclose(t["reach"], reach) and (np.diff(reach) <= 1e-12).all()
    assert np.allclose(t["swing"], t["kpi_high"] - t["kpi_low"])


def test_inputs_are_not_mutated(tiny_data: ModelData) -> None:
    """The data and scenario passed in are unchanged afterwards."""
    s = _tiny_scenario()
    before = (tiny_data.end_markets.copy(), tiny_data.model_assumptions.copy())
    sensitivity(s, tiny_data)
    pd.testing.assert_frame_equal(tiny_data.end_markets, before[0])
    pd.testing.assert_frame_equal(tiny_data.model_assumptions, before[1])
    assert s == _tiny_scenario()


def test_severity_range_uses_distribution_bounds(tiny_data: ModelData) -> None:
    """The severity factor is the first shock's distribution low and high, fixed."""
    t = sensitivity(_tiny_scenario(), tiny_data, factors=["shock_severity"]).table
    assert (t["low_value"].iloc[0], t["high_value"].iloc[0]) == (0.5, 1.0)
    assert t["kpi_high"].iloc[0] >= t["kpi_low"].iloc[0]


def test_progress_reaches_total(tiny_data: ModelData) -> None:
    """Progress runs to (1 + 2 x factors) x runs."""
    seen: list[tuple[int, int]] = []
    sensitivity(_tiny_scenario(runs=5), tiny_data, factors=["utilisation"],
                progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen[-1] == (15, 15)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kpi": "nope"}, "kpi"),
        ({"market": "mars"}, "market"),
        ({"factors": ["nope"]}, "factors"),
        ({"factors": _factor("x", "nowhere.at_all", "set", 0, 1)}, "factors.target"),
        ({"factors": _factor("x", "model_assumptions.utilisation", "warp", 0, 1)}, "factors"),
        ({"runs": 0}, "runs"),
    ],
)
def test_bad_options_name_the_field(
    tiny_data: ModelData, kwargs: dict[str, object], field: str
) -> None:
    """Unknown KPI, market, factor, target or method raise a chipshock error naming it."""
    with pytest.raises(ChipshockError) as info:
        sensitivity(_tiny_scenario(), tiny_data, **kwargs)  # type: ignore[arg-type]
    assert field in str(info.value)


def test_exported_from_sim() -> None:
    """`sensitivity` and `SensitivityResult` are part of `chipshock.sim`."""
    assert {"sensitivity", "SensitivityResult"} <= set(sim.__all__)
