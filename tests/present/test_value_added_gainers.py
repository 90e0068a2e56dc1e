"""The value-added chart shows the countries that gain as well as those that lose: a net
gainer (its chip makers sell what others cannot) used to be left out without a word."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd

from chipshock.present.charts_results import GAINERS, value_added_spec


def _result(p50: dict[str, float]) -> SimpleNamespace:
    rows = [
        {"country": c, "measure": "value_added_lost", "p5": v - 1, "p50": v, "p95": v + 1}
        for c, v in p50.items()
    ]
    return SimpleNamespace(value_added_by_country=pd.DataFrame(rows))


def test_net_gainers_are_drawn_below_zero_and_named() -> None:
    spec = value_added_spec(_result({"TWN": 45.0, "CHN": 55.0, "KOR": -2.5, "SGP": -0.3}))
    assert spec is not None
    text = json.dumps(spec, ensure_ascii=False)
    assert "South Korea (net gain)" in text and "Singapore (net gain)" in text
    assert text.index("China") < text.index("Taiwan") < text.index("Singapore (net gain)")
    ja = json.dumps(value_added_spec(_result({"TWN": 45.0, "KOR": -2.5}), "ja"), ensure_ascii=False)
    assert "韓国（純増）" in ja


def test_only_the_largest_gainers_are_drawn() -> None:
    gains = {
        c: -float(i + 1) for i, c in enumerate(["DEU", "FRA", "ITA", "GBR", "NLD", "AUT", "SGP"])
    }
    spec = value_added_spec(_result({"TWN": 45.0, **gains}))
    text = json.dumps(spec, ensure_ascii=False)
    drawn = [
        c
        for c in (
            "Germany",
            "France",
            "Italy",
            "United Kingdom",
            "Netherlands",
            "Austria",
            "Singapore",
        )
        if f"{c} (net gain)" in text
    ]
    assert drawn == ["Italy", "United Kingdom", "Netherlands", "Austria", "Singapore"]
    assert len(drawn) == GAINERS
