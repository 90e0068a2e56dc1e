"""`scenario sensitivity` and `scenario sweep` tables write values by the shared rules: a
factor's weeks by the week rule ("1.0 week – 4.0 weeks", not "1 weeks – 4 weeks"), the KPI
columns with their unit in the header and the caption, a sweep's values by one rule."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chipshock.cli.scenario_sensitivity_view import sensitivity_caption, sensitivity_table
from chipshock.cli.scenario_view import swept_value, wide_percentiles


@dataclass(frozen=True)
class Tornado:
    """The fields of a `chipshock.sim.SensitivityResult` the table and caption read."""

    table: pd.DataFrame
    kpi: str = "loss_usd_bn"
    market: str = "all"
    runs: int = 40
    seed: int = 7


def _result(kpi: str = "loss_usd_bn") -> Tornado:
    rows = [
        {"label": "Wafer banks", "label_ja": "ウェーハバンク", "unit": "weeks", "low_value": 1.0,
         "high_value": 4.0, "base_value": 2.0, "kpi_low": 684.2, "kpi_base": 607.4,
         "kpi_high": 531.0, "swing": -153.2, "confidence": "low"},
        {"label": "Restocking", "label_ja": "在庫の積み直し", "unit": "weeks", "low_value": 1.0,
         "high_value": 13.0, "base_value": 3.8, "kpi_low": 0.0, "kpi_base": 607.4,
         "kpi_high": 2857.0, "swing": 2857.0, "confidence": "low"},
    ]  # fmt: skip
    return Tornado(pd.DataFrame(rows), kpi=kpi)


def test_factor_ranges_in_weeks_follow_the_week_rule() -> None:
    """Weeks read "1.0 week – 4.0 weeks (2.0 weeks)" and "1.0 week – 13 weeks (3.8 weeks)"."""
    spans = sensitivity_table(_result())["low – high (base)"].tolist()
    assert spans == ["1.0 week – 4.0 weeks (2.0 weeks)", "1.0 week – 13 weeks (3.8 weeks)"]
    ja = sensitivity_table(_result(), "ja")["低い値〜高い値（基準）"].tolist()
    assert ja[1] == "1.0週 – 13週 (3.8週)"


def test_kpi_columns_name_their_unit() -> None:
    """At low / at high and swing say USD bn in the header and read one decimal each."""
    table = sensitivity_table(_result())
    assert list(table.columns[2:4]) == ["at low → at high (USD bn)", "swing (USD bn)"]
    assert table.iloc[0, 2:4].tolist() == ["684.2 → 531.0", "-153.2"]
    assert table.iloc[1, 2:4].tolist() == ["0.0 → 2,857.0", "+2,857.0"]
    weeks = sensitivity_table(_result("output_lost_weeks"))
    assert "swing (weeks)" in weeks.columns


def test_caption_says_the_unit_and_the_base_with_it() -> None:
    """The caption names USD bn for the columns and writes the base as an amount."""
    caption = sensitivity_caption(_result())
    assert "At low, at high and swing (high − low) are in USD bn." in caption
    assert "base (the scenario as it is) USD 607.4 bn." in caption
    assert "単位は10億ドル" in sensitivity_caption(_result(), "ja")


def test_swept_values_read_by_one_rule() -> None:
    """A sweep of weeks reads 4, 13, 26 as given (review 24, finding 4: not 4.0 beside 13),
    6.5 as 6.5, never 4.00 then 13.0; years 2029."""
    assert [swept_value("duration_weeks", v) for v in (4, 13, 26)] == ["4", "13", "26"]
    assert swept_value("duration_weeks", 6.5) == "6.5"
    assert swept_value("start_year", 2029.0) == "2029"
    kpis = pd.DataFrame(
        {"value": [4.0, 13.0], "market": "all", "kpi": "output_lost_weeks",
         "p5": 1.0, "p50": 2.0, "p95": 3.0}
    )  # fmt: skip
    column = wide_percentiles(kpis, index="value", parameter="inventory_weeks")["value"]
    assert column.tolist() == ["4", "13"]
