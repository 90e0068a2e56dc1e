"""The Vega-Lite specs written as plain dicts (`chipshock.present.charts`) have the content of
the Altair-built specs they replaced (`chart_specs_golden.json`): axis titles and units, the
shock period, colours, data; and every text size is at least 11 px."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.present.chart_cases import CASES, resolved

from chipshock.present.charts import FONT_PX
from chipshock.present.messages import message

GOLDEN = json.loads((Path(__file__).parent / "chart_specs_golden.json").read_text("utf-8"))


def _round_trip(spec: dict[str, Any]) -> Any:
    """The spec as the JSON a surface receives (tuples become lists, keys are strings)."""
    return json.loads(json.dumps(spec))


@pytest.mark.parametrize("name", sorted(CASES))
def test_spec_content_unchanged(name: str) -> None:
    """Each builder gives the same spec, dataset by dataset and channel by channel."""
    assert _round_trip(resolved(CASES[name]())) == GOLDEN[name]


def test_golden_covers_every_case() -> None:
    """No case lost its golden spec, and no golden spec is left without a case."""
    assert set(GOLDEN) == set(CASES)


def _font_sizes(node: Any) -> list[float]:
    if isinstance(node, dict):
        own = [float(v) for k, v in node.items() if k.lower().endswith("fontsize")]
        return own + [s for v in node.values() for s in _font_sizes(v)]
    if isinstance(node, list):
        return [s for v in node for s in _font_sizes(v)]
    return []


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_is_legible(name: str) -> None:
    """Every font size set in a spec is at least 11 px, axis and legend text included."""
    spec = CASES[name]()
    sizes = _font_sizes(spec)
    assert sizes and min(sizes) >= 11
    assert spec["config"]["axis"]["labelFontSize"] == FONT_PX >= 11


def test_axis_titles_units_and_shock_period() -> None:
    """The band chart names its axes (with the unit) and marks the shock period."""
    spec = CASES["band_dates_shock_en"]()
    assert set(spec["datasets"]) == {d["data"]["name"] for d in spec["layer"]}  # named data
    layers = resolved(spec)["layer"]
    assert layers[0]["mark"]["type"] == "rect"
    assert layers[0]["data"]["values"] == [
        {"start": "2027-01-04", "end": "2027-01-11", "what": message("report.shock_period", "en")}
    ]
    assert layers[1]["encoding"]["text"]["field"] == "what"
    assert layers[3]["encoding"]["y"]["title"] == "% of normal"
    assert layers[3]["encoding"]["x"]["title"] == "Date"
    bar = CASES["bar_whiskers_text"]()
    assert bar["layer"][0]["encoding"]["x"]["title"] == "USD bn"


def _scales(node: Any) -> list[dict[str, Any]]:
    """Every x channel's scale in a spec (layers included)."""
    if isinstance(node, dict):
        own = (
            [node["x"]["scale"]] if isinstance(node.get("x"), dict) and "scale" in node["x"] else []
        )
        return own + [s for v in node.values() for s in _scales(v)]
    if isinstance(node, list):
        return [s for v in node for s in _scales(v)]
    return []


def test_bar_axis_ends_near_the_largest_bar() -> None:
    """Review 24, finding 8: criticality's largest bar 27 drew an axis to 40 (Vega-Lite's nice
    rounding of the 27 + 30 % room for the value's label); the axis ends at that room, 35.1."""
    import pandas as pd

    from chipshock.present.charts_structure import criticality_chart

    rows = pd.DataFrame({"provider": ["USA", "JPN"], "inputs_left_below_threshold": [27, 10]})
    spec = criticality_chart(rows, 50.0, "en")
    assert spec is not None
    (scale,) = _scales(spec)
    assert scale["nice"] is False and scale["domain"][0] == 0
    assert abs(scale["domain"][1] - 35.1) < 1e-9
