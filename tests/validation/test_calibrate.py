"""`calibrate`: the fitted rows, by hand on a tiny example and on the shipped incidents."""

from __future__ import annotations

import math

import pytest

from chipshock.errors import InputError
from chipshock.sim.validation.calibrate import (
    CALIBRATION_COLUMNS,
    PRIOR_SIGMA,
    Incident,
    calibrate,
    fit_lognormal,
    triangle_median,
)


def test_lognormal_fit_by_hand() -> None:
    """Weeks 1 and 4: median = sqrt(1 x 4) = 2, sigma = |log 4 - log 1| / sqrt(2)."""
    median, sigma = fit_lognormal([1.0, 4.0])
    assert median == pytest.approx(2.0)
    assert sigma == pytest.approx(math.log(4) / math.sqrt(2))


def test_a_single_incident_keeps_the_prior_spread_and_says_so() -> None:
    """One observation: mode = it, low/high from PRIOR_SIGMA, confidence low, 'assumption:'."""
    rows = calibrate((Incident("x_downtime", "one fire", 4.0, "somewhere"),))
    row = rows.iloc[0]
    assert list(rows.columns) == list(CALIBRATION_COLUMNS)
    assert row["mode"] == 4.0
    assert row["low"] == pytest.approx(4.0 * math.exp(-1.6448536 * PRIOR_SIGMA), abs=0.01)
    assert row["confidence"] == "low" and str(row["note"]).startswith("assumption:")


def test_shipped_calibration_rows() -> None:
    """Fab-quake downtime pools four incidents (median below the forward prior's 8-week mode);
    the inventory regimes are the RFI's 40 and 5 days in weeks; every row names its source."""
    rows = calibrate().set_index("parameter")
    quake = rows.loc["fab_quake_downtime"]
    assert quake["n_observations"] == 4 and quake["mode"] < 8
    assert quake["low"] < quake["mode"] < quake["high"]
    assert rows.loc["customer_inventory_weeks_2019", "mode"] == pytest.approx(40 / 7, abs=0.01)
    assert rows.loc["customer_inventory_weeks_2021", "mode"] == pytest.approx(5 / 7, abs=0.01)
    assert rows["source_url"].str.len().gt(10).all()


def test_triangle_median_by_hand() -> None:
    """Triangle 0/1/10 (mode left of the middle): P(X <= m) = 1 - (10 - m)^2 / (10 x 9) = 1/2
    at m = 10 - sqrt(45); a symmetric triangle's median is its mode."""
    assert triangle_median(0, 1, 10) == pytest.approx(10 - math.sqrt(45))
    assert triangle_median(0, 9, 10) == pytest.approx(math.sqrt(45))
    assert triangle_median(2, 5, 8) == pytest.approx(5)


def test_each_fitted_note_says_the_triangle_is_not_the_fit() -> None:
    """Review 9a, finding 3: every triangular row's note gives its triangle's median and mean
    beside the fitted median (quake downtime 6.43 weeks, 3.7x the fitted 1.76); the shipped
    calibrated_parameters.csv and shock_assumptions.csv rows carry the same note."""
    from chipshock.data.store import default_paths

    rows = calibrate()
    tri = rows[rows["distribution"] == "triangular"]
    assert set(tri["parameter"]) == {
        "fab_fire_downtime",
        "fab_fire_recovery_ramp",
        "fab_quake_downtime",
    }
    for r in tri.itertuples(index=False):
        median = triangle_median(r.low, r.mode, r.high)
        assert median > 1.9 * r.mode
        assert f"its median is {median:.2f} weeks ({median / r.mode:.1f}x the fitted" in r.note
        assert f"its mean {(r.low + r.mode + r.high) / 3:.2f} weeks" in r.note
    quake = tri.set_index("parameter").loc["fab_quake_downtime", "note"]
    assert "its median is 6.43 weeks (3.7x the fitted 1.76)" in quake
    curated = default_paths().curated
    for name in ("calibrated_parameters.csv", "shock_assumptions.csv"):
        text = (curated / name).read_text(encoding="utf-8")
        assert text.count("The triangle is not the fit: its median is") == 3, name
        assert "its median is 6.43 weeks (3.7x the fitted 1.76)" in text, name


def test_non_positive_durations_cannot_be_fitted() -> None:
    """A zero duration has no logarithm: a clear error."""
    with pytest.raises(InputError, match="positive durations"):
        fit_lognormal([0.0, 2.0])
