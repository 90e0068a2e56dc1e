"""Every time chart of a scenario result (output, chips delivered, supply per node class) runs
over the scenario's horizon: one start, one end and the same ticks, one chart above the other
on the dashboard and in the report (`chipshock.present.charts.bands_horizon`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from chipshock.present.charts import horizon_ticks

TIME_CHARTS = ("output", "delivered", "supply")


def _day(day: str) -> dict[str, Any]:
    d = dt.date.fromisoformat(day)
    return {"date": d.day, "month": d.month, "utc": True, "year": d.year}


def _x(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The x channel of every layer of a spec."""
    return [layer["encoding"]["x"] for layer in spec["layer"]]


def test_result_charts_share_the_scenarios_horizon(built_store: Path) -> None:
    """Taiwan blockade 2027 (horizon 2026-2030), 10 runs: the three band charts, in English and
    Japanese, have the x domain 1 Jan 2026 to the end of 2030 and ticks on 1 January of each
    year, on every layer (shock period included), although the node classes move earlier
    and longer than the end markets."""
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.present.charts_results import chart_specs
    from chipshock.scenarios import load_scenario

    result = sim.run(
        load_scenario("taiwan-blockade-2027-6m"), sim.load_model_data(built_store), runs=10, seed=1
    )
    ticks = [_day(f"{y}-01-01") for y in range(2026, 2031)]
    domain = {"domain": [_day("2026-01-01"), _day("2031-01-01")], "type": "utc"}
    for lang, label in (("en", "%Y"), ("ja", "%Y年")):
        specs = chart_specs(result, lang)
        for name in TIME_CHARTS:
            # on one layer only (two equal explicit domains lose the axis in Vega-Lite 5.23)
            scales = [x["scale"] for x in _x(specs[name]) if "scale" in x]
            assert scales == [domain], name
            axis = _x(specs[name])[-1]["axis"]
            assert axis["values"] == ticks and axis["format"] == label, name
        # every week of the horizon is drawn, not only the weeks that move
        weeks = {r["date"] for r in specs["supply"]["datasets"].popitem()[1]}
        assert len(weeks) == 5 * 52


def test_ticks_of_short_and_long_horizons() -> None:
    """A one-year horizon (the history scenarios) ticks every quarter, two years every half
    year; ten years every other year, so that no more than six labels share an axis."""
    one = horizon_ticks((dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    assert [d.month for d in one] == [1, 4, 7, 10]
    two = horizon_ticks((dt.date(2023, 1, 1), dt.date(2024, 12, 31)))
    assert [(d.year, d.month) for d in two] == [(2023, 1), (2023, 7), (2024, 1), (2024, 7)]
    ten = horizon_ticks((dt.date(2026, 1, 1), dt.date(2035, 12, 31)))
    assert [d.year for d in ten] == [2026, 2028, 2030, 2032, 2034]
