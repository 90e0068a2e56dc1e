"""`validate`: every history case against its observations; passing cases must not regress.

The regression tests use agreed tolerance bands (each `Measure.tolerance`, in the quantity's
unit), not exact numbers: a case that passes today must keep its observation inside the model's
p5-p95 band widened by that tolerance. The cases the model cannot reproduce yet are pinned too,
so that a change that fixes one is noticed (and the docs updated).
"""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.errors import InputError, ValidationFailed
from chipshock.sim import ModelData
from chipshock.sim.validation import MEASURES, VALIDATION_COLUMNS, ValidationResult, validate

#: (case, quantity) inside the model's 90% band today
PASSING = (
    ("naka-fire-2021", "restart_weeks"),
    ("naka-fire-2021", "full_capacity_weeks"),
    ("tohoku-2011", "naka_restart_weeks"),
    ("shortage-2021", "customer_inventory_days_2019"),
    ("shortage-2021", "customer_inventory_days_2021"),
    ("hualien-2024", "all_output_lost_weeks"),
    # since data release 18 (utilisation per node class): band 34.1-50.8 weeks around 36
    ("shortage-2021", "automotive_mcu_lead_time_weeks_q4_2021"),
)
#: the passing rows whose model value was fitted to the observation itself (review 11, finding 2):
#: the Naka fire's rows are drawn from rows calibrate fits to them, and the 2021 regime row is
#: set from the same RFI figure
IN_SAMPLE_ROWS = (
    ("naka-fire-2021", "restart_weeks"),
    ("naka-fire-2021", "full_capacity_weeks"),
    ("shortage-2021", "customer_inventory_days_2021"),
)
#: (case, quantity, status) the model cannot reproduce yet, and the status that says so
NOT_YET = (
    # runs since renesas-naka has a capacity (data release 3); the model loses no car output
    ("naka-fire-2021", "automotive_output_lost_weeks", "above band"),
    ("shortage-2021", "vehicles_not_built_m", "above band"),
    ("shortage-2021", "vehicles_not_built_alixpartners_m", "above band"),
    ("shortage-2021", "lead_time_weeks_dec_2021", "below band"),  # overshoots with restocking
    # from 2019 stocks in 2020 the engine never reaches 2021's lean stocks (docs: reason 6)
    ("shortage-2020-21", "lead_time_weeks_dec_2021", "above band"),
    ("shortage-2020-21", "automotive_mcu_lead_time_weeks_q4_2021", "above band"),
    ("shortage-2020-21", "vehicles_not_built_m", "above band"),
    ("hualien-2024", "full_recovery_weeks", "below band"),
    ("hualien-2024", "tsmc_loss_usd_m", "not modelled"),
    ("tohoku-2011", "japan_vehicle_output_drop_pct", "not modelled"),
)


def _row(result: ValidationResult, case: str, quantity: str) -> pd.Series:
    t = result.table
    rows = t[(t["case_id"] == case) & (t["quantity"] == quantity)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_one_row_per_target_observation(
    validation: ValidationResult, observations: pd.DataFrame
) -> None:
    """The table has the documented columns and one row per target row of the CSV."""
    assert list(validation.table.columns) == list(VALIDATION_COLUMNS)
    assert len(validation.table) == int((observations["role"] == "target").sum())
    assert set(validation.cases["case_id"]) == set(observations["case_id"])


@pytest.mark.parametrize(("case", "quantity"), PASSING)
def test_passing_cases_stay_inside_their_agreed_band(
    validation: ValidationResult, case: str, quantity: str
) -> None:
    """Observed lies in [p5 - tolerance, p95 + tolerance] of the model."""
    tol = next(m.tolerance for m in MEASURES if (m.case_id, m.quantity) == (case, quantity))
    row = _row(validation, case, quantity)
    assert row["model_p5"] - tol <= row["observed"] <= row["model_p95"] + tol
    expected = "inside (in-sample)" if (case, quantity) in IN_SAMPLE_ROWS else "inside"
    assert row["status"] == expected and row["inside"]


def test_in_sample_rows_come_from_the_measure_and_are_counted_apart(
    validation: ValidationResult,
) -> None:
    """The command itself labels the rows fitted to their own observation (a field of
    `Measure`, with what was fitted), and the summary counts them apart from the out-of-sample
    passes: 3 of today's 7 passes are in-sample (review 11, finding 2; data release 18)."""
    fitted = {(m.case_id, m.quantity) for m in MEASURES if m.fitted_to}
    assert fitted == set(IN_SAMPLE_ROWS)
    t = validation.table
    marked = t[t["status"].str.endswith(" (in-sample)")]
    assert set(zip(marked["case_id"], marked["quantity"], strict=True)) == fitted
    assert (marked["fitted_to"].str.len() > 10).all()
    summary = validation.summary()
    assert summary["inside"] == 4 and summary["inside (in-sample)"] == 3


def test_a_published_range_that_overlaps_the_band_is_scored_overlaps() -> None:
    """Hand example: observed 36 with a published range 24-48 against a band 43.3-51.5: the
    point is below the band, the range overlaps it -> ``overlaps``; without the range, or with
    a range wholly below (20-30), ``below band``; above likewise; a point inside stays
    ``inside`` whatever the range (review 11, finding 3)."""
    from chipshock.sim.validation.validate import _status

    m = MEASURES[2]  # an out-of-sample kpi measure
    band = (43.3, 45.0, 51.5)
    nan = (float("nan"), float("nan"))
    assert _status(36.0, band, m, "", (24.0, 48.0)) == "overlaps"
    assert _status(36.0, band, m, "", nan) == "below band"
    assert _status(25.0, band, m, "", (20.0, 30.0)) == "below band"
    assert _status(55.0, band, m, "", (50.0, 60.0)) == "overlaps"
    assert _status(55.0, band, m, "", (52.0, 60.0)) == "above band"
    assert _status(45.0, band, m, "", (52.0, 60.0)) == "inside"
    assert _status(36.0, band, MEASURES[0], "", (24.0, 48.0)) == "overlaps (in-sample)"


def test_the_shipped_rows_scored_by_their_range(validation: ValidationResult) -> None:
    """Every shipped row with a published range is scored by the rule: ``overlaps`` exactly when
    its point is outside the model's band but the range and the band overlap. On data release
    18 no shipped row is in that case (shortage-2021's MCU lead time, 36 (24-48), overlapped at
    43.3 (36.9-51.5) on release 17 and is inside its band since the per-class utilisation)."""
    t = validation.table
    ranged = t[t["observed_low"].notna() & t["model_p50"].notna()]
    assert len(ranged) >= 4
    for r in ranged.itertuples():
        point_in = r.model_p5 <= r.observed <= r.model_p95
        overlap = r.observed_low <= r.model_p95 and r.observed_high >= r.model_p5
        assert r.status.startswith("overlaps") == (overlap and not point_in), r
    mcu = _row(validation, "shortage-2021", "automotive_mcu_lead_time_weeks_q4_2021")
    assert mcu["status"] == "inside"


@pytest.mark.parametrize(("case", "quantity", "status"), NOT_YET)
def test_cases_the_model_cannot_reproduce_yet_say_why(
    validation: ValidationResult, case: str, quantity: str, status: str
) -> None:
    """Each known failure keeps its status and, when not run or not modelled, a reason."""
    row = _row(validation, case, quantity)
    assert row["status"] == status
    if status in ("not run", "not modelled"):
        assert len(str(row["reason"])) > 10
    if status == "not run":
        assert "renesas-naka" in str(row["reason"])


def test_status_follows_the_band(validation: ValidationResult) -> None:
    """inside <=> p5 <= observed <= p95; above/below when outside; no band when not modelled."""
    t = validation.table
    banded = t[t["model_p50"].notna()]
    inside = (banded["model_p5"] <= banded["observed"]) & (
        banded["observed"] <= banded["model_p95"]
    )
    assert (banded["status"].str.startswith("inside") == inside).all()
    above = banded.loc[banded["observed"] > banded["model_p95"], "status"]
    assert above.str.startswith(("above band", "overlaps")).all()
    assert t.loc[t["model_p50"].isna(), "inside"].isna().all()


def test_same_seed_same_table(model_data: ModelData, observations: pd.DataFrame) -> None:
    """Two runs of one case give identical tables (each case has its seed)."""
    a = validate(model_data, observations, cases=["hualien-2024"], runs=50)
    b = validate(model_data, observations, cases=["hualien-2024"], runs=50)
    pd.testing.assert_frame_equal(a.table, b.table)


def test_unknown_case_names_the_choices(model_data: ModelData, observations: pd.DataFrame) -> None:
    """An unknown case id is an error listing the shipped ones."""
    with pytest.raises(InputError, match="tohoku-2011"):
        validate(model_data, observations, cases=["atlantis-1999"])


def test_an_observation_without_a_measure_is_an_error(
    model_data: ModelData, observations: pd.DataFrame
) -> None:
    """The observations and the measures must agree: an extra target row is named."""
    extra = observations.iloc[[0]].assign(quantity="unicorns_seen")
    with pytest.raises(ValidationFailed, match=r"naka-fire-2021\.unicorns_seen"):
        validate(model_data, pd.concat([observations, extra], ignore_index=True))


def test_alixpartners_vehicles_are_automotive_output_lost_over_revenue_per_vehicle() -> None:
    """The AlixPartners row is read off the model as automotive output lost (USD bn) divided by
    the input row of revenue lost per vehicle (USD k): million vehicles, run by run. Hand check
    on the tiny world: a full 20-week stop of Taiwan loses output, and the measure is that loss
    / 27.3."""
    from chipshock.scenarios import Distribution, Scenario, Shock
    from chipshock.sim.run.api import run
    from chipshock.sim.validation.validate import model_values

    m = next(x for x in MEASURES if x.quantity == "vehicles_not_built_alixpartners_m")
    assert (m.what, m.divide_by) == ("automotive:loss_usd_bn", "revenue_lost_per_vehicle_usd_k")
    shock = Shock("country", ("TWN",), 2026, 1, duration_weeks=Distribution.fixed(20.0),
                  severity=Distribution.fixed(1.0))  # fmt: skip
    s = Scenario("x", "x", start_year=2026, end_year=2027, runs=6, seed=3, shocks=(shock,))
    data = ModelData.tiny()
    result = run(s, data, runs=6, seed=3)
    tiny = m.__class__(**{**m.__dict__, "what": "all:loss_usd_bn"})  # the tiny world's markets
    got = model_values(tiny, s, data, result, {"revenue_lost_per_vehicle_usd_k": 27.3})
    assert got is not None
    loss = result.kpi("all", "loss_usd_bn")
    assert float(loss.max()) > 0
    assert got == pytest.approx(loss / 27.3)
    with pytest.raises(InputError, match="missing input observation"):
        model_values(tiny, s, data, result, {})
    with pytest.raises(InputError, match="not positive"):
        model_values(tiny, s, data, result, {"revenue_lost_per_vehicle_usd_k": 0.0})
