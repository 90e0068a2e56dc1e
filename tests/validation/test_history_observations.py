"""`history_observations.csv` and its reader: shipped rows, and errors that locate a bad cell."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.history import HISTORY_SPEC, default_history_path, read_history_observations
from chipshock.errors import ValidationFailed


def test_shipped_rows_carry_source_date_and_confidence(observations: pd.DataFrame) -> None:
    """Every row has a web source, an as-of date, a confidence flag and says how it was measured."""
    assert list(observations.columns) == list(HISTORY_SPEC.column_names)
    assert observations["source_url"].str.startswith("http").all()
    assert observations["as_of"].str.match(r"^\d{4}(-\d{2})?(-\d{2})?$").all()
    assert set(observations["confidence"]) <= {"high", "medium", "low"}
    assert observations["how_measured"].str.len().gt(20).all()


def test_the_figures_the_issue_names_are_there(observations: pd.DataFrame) -> None:
    """Naka restart ~29 days and 100% ~97 days, RFI 40 -> <5 days, lead times, cars, TSMC."""
    got = observations.set_index(["case_id", "quantity"])["observed"]
    assert got[("naka-fire-2021", "restart_weeks")] == pytest.approx(29 / 7, abs=0.05)
    assert got[("naka-fire-2021", "full_capacity_weeks")] == pytest.approx(97 / 7, abs=0.05)
    assert got[("shortage-2021", "customer_inventory_days_2019")] == 40
    assert got[("shortage-2021", "customer_inventory_days_2021")] < 5
    assert got[("shortage-2021", "lead_time_weeks_dec_2021")] > 25
    assert got[("shortage-2021", "vehicles_not_built_m")] > 10
    assert got[("hualien-2024", "tsmc_loss_usd_m")] == 92
    # AlixPartners (2021-09-23): 7.7m vehicles and USD 210bn, so USD 27.3k per vehicle
    assert got[("shortage-2021", "vehicles_not_built_alixpartners_m")] == 7.7
    assert got[("shortage-2021", "revenue_lost_per_vehicle_usd_k")] == pytest.approx(
        210 / 7.7, abs=0.05
    )


def _write(tmp_path: Path, edit: str, new: str) -> Path:
    text = default_history_path().read_text(encoding="utf-8")
    assert edit in text
    path = tmp_path / "obs.csv"
    path.write_text(text.replace(edit, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "new", "column", "needle"),
    [
        (",target,4.1,", ",target,four,", "observed", "four"),
        (",target,4.1,", ",goal,4.1,", "role", "goal"),
        ("2021-04-20,high,", "2021-04-20,certain,", "confidence", "certain"),
        ("https://evertiq.com/design/49894", "evertiq.com/design/49894", "source_url", "evertiq"),
        (",target,4,0,5,", ",target,6,0,5,", "observed_high", "5"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column(
    tmp_path: Path, edit: str, new: str, column: str, needle: str
) -> None:
    """A wrong type, choice, URL or range fails naming the file, row, column and the value."""
    path = _write(tmp_path, edit, new)
    with pytest.raises(ValidationFailed) as err:
        read_history_observations(path)
    problem = err.value.problems[0]
    assert problem.file == str(path) and problem.row is not None and problem.row >= 2
    assert problem.column == column and needle in str(problem.value)


def test_a_duplicated_observation_is_an_error(tmp_path: Path) -> None:
    """Two rows for the same case and quantity are rejected, pointing at the first."""
    path = _write(tmp_path, "naka-fire-2021,full_capacity_weeks,", "naka-fire-2021,restart_weeks,")
    with pytest.raises(ValidationFailed, match="duplicated observation"):
        read_history_observations(path)
