"""Sobol indices (`chipshock.sim.sobol`): order, determinism, convergence check, checks, words."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock.errors import InputError
from chipshock.report.sobol_reading import sobol_text, sobol_tidy
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim import ModelData
from chipshock.sim.sobol import SOBOL_COLUMNS, SobolResult, sobol

TINY = ModelData.tiny()


def _scenario(seed: int = 3) -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        duration_weeks=Distribution("uniform", low=4, high=30),
        severity=Distribution("uniform", low=0.2, high=1.0),
    )
    return Scenario("x", "x", start_year=2026, end_year=2027, runs=4, seed=seed, shocks=(shock,))


@pytest.fixture(scope="module")
def result() -> SobolResult:
    return sobol(
        _scenario(),
        TINY,
        samples=64,
        factors=["shock_duration", "complementarity"],
        kpi="output_lost_weeks",
    )


def test_the_factor_that_moves_the_answer_leads(result: SobolResult) -> None:
    """A TWN cut of 4-30 weeks: duration explains most variance; complementarity (Leontief vs
    chip-value blend of a single-class shortfall) explains next to nothing (at N = 64 the
    estimates are rough, so the test asks for an order of magnitude, not a value); the
    random severity (not a factor here) shows as chance."""
    t = result.table
    assert list(t.columns) == list(SOBOL_COLUMNS)
    assert t["factor"].iloc[0] == "shock_duration"
    assert t["ST"].iloc[0] > 0.2 and t["ST"].iloc[1] < 0.05
    assert t["ST"].iloc[0] > 10 * t["ST"].iloc[1]
    assert (t["low_value"].iloc[0], t["high_value"].iloc[0]) == (4.0, 30.0)
    assert result.evaluations == 64 * (2 + 3) == len(result.design)
    assert result.chance_st > 0.1 and result.runs == 1
    assert np.isclose(t["interaction"], t["ST"] - t["S1"]).all()


def test_design_values_lie_between_low_and_high(result: SobolResult) -> None:
    """Every evaluated factor value is inside its low-high range, and y is the mean KPI."""
    d = result.design
    assert d["shock_duration"].between(4, 30).all()
    assert d["complementarity"].between(0.5, 1.0).all()
    assert np.isclose(result.y_mean, d["y"].mean())


def test_same_seed_same_indices(result: SobolResult) -> None:
    """Common random numbers and a seeded design: a rerun gives identical indices."""
    again = sobol(_scenario(), TINY, samples=64, factors=["shock_duration", "complementarity"],
                  kpi="output_lost_weeks")  # fmt: skip
    assert again.table.equals(result.table)


def test_convergence_check_uses_the_first_half(result: SobolResult) -> None:
    """ST_change is |ST - ST from the first half of the design|; converged follows tolerance."""
    t = result.table
    assert np.isclose(t["ST_change"], (t["ST"] - t["ST_half"]).abs()).all()
    assert result.converged == bool((t["ST_change"] <= result.tolerance).all())


def test_an_answer_that_does_not_vary_gets_zero_indices() -> None:
    """No shock: output lost is 0 whatever the factors; indices are 0, the words say so."""
    s = Scenario("calm", "calm", start_year=2026, end_year=2026, runs=2, seed=1, shocks=())
    r = sobol(s, TINY, samples=4, factors=["utilisation", "complementarity"],
              kpi="output_lost_weeks")  # fmt: skip
    assert (r.table["ST"] == 0).all() and (r.table["S1"] == 0).all()
    assert "does not change" in sobol_text(r)
    assert "変わりません" in sobol_text(r, "ja")


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"samples": 6}, "samples"),
        ({"samples": 2}, "samples"),
        ({"kpi": "happiness"}, "kpi"),
        ({"market": "mars"}, "market"),
        ({"factors": ["moon_phase", "utilisation"]}, "factors"),
        ({"factors": ["utilisation"]}, "factors"),
        ({"tolerance": 1.5}, "tolerance"),
    ],
)
def test_bad_options_name_the_field(options: dict[str, object], field: str) -> None:
    """Bad samples, KPI, market, factors or tolerance fail before any run, naming the field."""
    kwargs: dict[str, object] = {"factors": ["utilisation", "complementarity"], **options}
    with pytest.raises(InputError) as err:
        sobol(_scenario(), TINY, **kwargs)  # type: ignore[arg-type]
    assert err.value.problem.field == field


def test_tidy_table_and_reading(result: SobolResult) -> None:
    """The tidy table is in percent (not rounded to a display rule: each surface rounds it, a
    nonzero below the tenth never 0.0), ranked by total index; the reading names the leader."""
    tidy = sobol_tidy(result)
    assert list(tidy["rank"]) == [1, 2]
    assert tidy["total_pct"].iloc[0] == pytest.approx(100 * result.table["ST"].iloc[0])
    assert sobol_tidy(result, "ja")["assumption"].iloc[0] == "ショックの期間"
    assert "shock duration explains the most" in sobol_text(result)
    assert "ショックの期間です" in sobol_text(result, "ja")


def test_convergence_summary_matches_the_table(result: SobolResult) -> None:
    """The largest ST change, the widest ST interval and the S1 > ST factors are read off the
    table (so the words that quote them cannot drift from it)."""
    t = result.table
    assert result.max_st_change == t["ST_change"].max()
    assert result.max_st_conf == t["ST_conf"].max()
    assert set(result.s1_above_st) == set(t.loc[t["S1"] > t["ST"], "factor"])


def _with(result: SobolResult, **changes: object) -> SobolResult:
    from dataclasses import replace

    return replace(result, **changes)  # type: ignore[arg-type]


def test_reading_gives_the_verdict_and_names_noise(result: SobolResult) -> None:
    """The reading ends with the check in numbers and a verdict at N; a factor whose S1
    estimate exceeds its ST is called sampling noise, in English and Japanese."""
    t = result.table.copy()
    t.loc[1, "S1"] = float(t.loc[1, "ST"]) + 0.05  # complementarity: S1 above ST
    noisy = _with(result, table=t, converged=False, max_st_change=0.3, max_st_conf=0.4,
                  s1_above_st=(str(t.loc[1, "factor"]),))  # fmt: skip
    en = sobol_text(noisy)
    assert "Not converged at N = 64" in en and "moved by at most 30%" in en and "±40%" in en
    noise = en[en.index("Sampling noise: for ") :]
    assert str(t.loc[1, "label"]).lower() in noise.split(" the share alone")[0]
    ja = sobol_text(noisy, "ja")
    assert "N = 64では収束していません" in ja and "標本誤差" in ja
    calm = _with(result, converged=True, max_st_change=0.01, max_st_conf=0.02, s1_above_st=())
    calm_t = calm.table.copy()
    calm_t["S1"] = calm_t["ST"] * 0.5
    calm = _with(calm, table=calm_t)
    assert "Converged at N = 64." in sobol_text(calm) and "Sampling noise" not in sobol_text(calm)
    assert "N = 64で収束しています" in sobol_text(calm, "ja")


def test_not_converged_says_which_n_would_be_needed(result: SobolResult) -> None:
    """Errors shrink as 1/sqrt(N): a largest change of 0.3 (interval ±0.4) at N = 8 against a
    tolerance of 0.05 asks for N >= 8 x (0.4 / 0.05)^2 = 512; the reading, the stability note
    and the result say so; a converged result needs no more than it has."""
    from chipshock.report.sobol_section import convergence_text
    from chipshock.sim.sobol import samples_needed

    assert samples_needed(8, 0.3, 0.4, 0.05) == 512
    assert samples_needed(8, 0.06, 0.01, 0.05) == 16  # at least one doubling
    assert samples_needed(8, 0.04, 0.4, 0.05) == 8  # converged by the stated rule
    assert result.samples_needed == samples_needed(
        result.samples, result.max_st_change, result.max_st_conf, result.tolerance
    )
    noisy = _with(result, converged=False, max_st_change=0.3, max_st_conf=0.4, samples_needed=512)
    en = sobol_text(noisy)
    assert "N = 128 at least" in en and "about N = 512" in en
    assert "N = 512" in convergence_text(noisy) and "N = 512" in sobol_text(noisy, "ja")
    assert "N = 512" in convergence_text(noisy, "ja")
    calm = _with(result, converged=True, max_st_change=0.01, max_st_conf=0.02, samples_needed=64)
    assert "N = 512" not in convergence_text(calm) and "about N" not in sobol_text(calm)


def test_base_point_rows_share_their_draws(result: SobolResult) -> None:
    """Saltelli's rows of one base point (A, the D + 1 rows with one column from B, then B):
    every row but the one that takes B's chance, and B itself, runs on A's draws, so the
    differences that estimate a total index come from the factor, not from chance."""
    d = result.design["chance"].to_numpy().reshape(result.samples, -1)  # D + 3 rows a point
    assert (d[:, 1:-2] == d[:, [0]]).all()  # A and the factor columns from B: A's draws
    assert (d[:, -2] == d[:, -1]).all() and (d[:, -1] != d[:, 0]).all()  # chance row, B
    assert len(np.unique(d)) == 2 * result.samples  # every base point its own draws


@pytest.mark.slow
def test_flagship_converges_with_the_dominant_factors_first(model_data: ModelData) -> None:
    """The flagship (Taiwan blockade) over its default factors at N = 2,048, one run a point:
    the half-sample check passes, every total index lies inside its 95% interval of the
    other estimate's, the blockade's duration leads, then its severity and the output value
    per chip dollar, and the compiled factors run on their levels."""
    from chipshock.scenarios import load_scenario

    r = sobol(load_scenario("taiwan-blockade-2027-6m"), model_data, samples=2048)
    t = r.table.set_index("factor")
    assert r.converged and r.max_st_change <= r.tolerance, r.table[["ST", "ST_half"]]
    # the blockade's length leads by far; severity and output value per chip dollar follow
    # (their order turned with release 9's engine: docs/validation.md)
    assert t.index[0] == "shock_duration" and t["ST"].iloc[0] > 2 * t["ST"].iloc[1]
    assert set(t.index[1:3]) == {"shock_severity", "value_multiplier"}
    assert (t["ST_conf"] > 0).all() and (
        (t["ST"] - t["ST_half"]).abs() <= t["ST_conf"] + 0.02
    ).all()
    assert {"utilisation", "complementarity", "value_multiplier"} <= set(r.on_levels)
    values = r.design["utilisation"]
    assert values.nunique() == r.levels and values.between(0.92, 1.06).all()  # multipliers
