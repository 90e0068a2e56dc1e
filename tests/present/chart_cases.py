"""Small hand-checkable inputs for every chart builder of `chipshock.present.charts`, shared by
the spec tests and by the script that wrote the golden specs (`chart_specs_golden.json`, made
with the Altair builders these dict builders replaced)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from chipshock.present.charts import band_spec, bar_spec, line_spec, tornado_spec
from chipshock.present.charts_results import country_market_spec

__all__ = ["CASES", "resolved"]

_BANDS = pd.DataFrame(
    {
        "key": ["a", "a", "b", "b"],
        "week": [1, 2, 1, 2],
        "date": ["2027-01-04", "2027-01-11", "2027-01-04", "2027-01-11"],
        "p5": [90.0, 80.0, 95.0, 85.0],
        "p50": [95.0, 85.123, 97.0, 90.0],
        "p95": [99.0, 95.0, 99.0, 98.0],
    }
)
_ITEMS = pd.DataFrame(
    {
        "label": ["Taiwan", "Japan"],
        "value": [3.0, 1.0],
        "low": [2.0, 0.5],
        "high": [4.0, 2.0],
        "text": ["USD 3.0 bn", "USD 1.0 bn"],
    }
)
_SERIES = pd.DataFrame(
    {
        "label": ["Taiwan", "Japan", "Taiwan", "Japan"],
        "series": ["first", "first", "total", "total"],
        "value": [30.0, 10.0, 40.0, 12.0],
        "text": ["30%", "10%", "40%", "12%"],
    }
)
_LINES = pd.DataFrame(
    {
        "year": [2022, 2023, 2022, 2023],
        "group": ["Japan", "Japan", "Japan", "Japan"],
        "variant": ["with", "with", "without", "without"],
        "value": [100.0, 120.0, 100.0, 105.0],
    }
)
_TORNADO = pd.DataFrame(
    {"label": ["duration", "severity"], "low": [5.0, 8.0], "base": [10.0, 10.0],
     "high": [20.0, 12.0]}
)  # fmt: skip


class _Result:
    """Just the crossed table `country_market_spec` reads."""

    value_added_by_country_market = pd.DataFrame(
        {
            "measure": ["value_added_lost"] * 5,
            "country": ["TWN", "TWN", "JPN", "JPN", "TWN"],
            "market": ["ai_datacenter", "automotive", "ai_datacenter", "automotive", "all"],
            "p5": [1.0, 0.5, 0.2, 0.0, 1.5],
            "p50": [2.0, 1.0, 0.4, 0.0, 3.0],
            "p95": [3.0, 2.0, 0.9, 0.0, 5.0],
        }
    )


_SHOCK = [(dt.date(2027, 1, 4), dt.date(2027, 1, 11))]

CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "band_dates_shock_en": lambda: band_spec(
        _BANDS, title="T", description="D", y_title="% of normal", labels={"a": "AI"},
        shocks=_SHOCK, legend_title="Market",
    ),
    "band_dates_ja_static": lambda: band_spec(
        _BANDS, title="題", description="説明", y_title="平常比（%）", lang="ja", width=640,
    ),
    "band_weeks": lambda: band_spec(
        _BANDS.drop(columns=["date"]), title="T", description="D", y_title="Y", shocks=_SHOCK,
    ),
    "bar_whiskers_text": lambda: bar_spec(
        _ITEMS, title="T", description="D", x_title="USD bn", colour="#D55E00"
    ),
    "bar_plain": lambda: bar_spec(
        _ITEMS[["label", "value"]], title="T", description="D", x_title="X", width=500
    ),
    "bar_negative": lambda: bar_spec(
        _ITEMS.assign(value=[-2.0, 1.0]).drop(columns=["low", "high"]),
        title="T", description="D", x_title="X",
    ),
    "bar_series": lambda: bar_spec(
        _SERIES, title="T", description="D", x_title="%", series=["first", "total"]
    ),
    "line": lambda: line_spec(
        _LINES, title="T", description="D", x_title="Year", y_title="wspm",
        variants=["with", "without"],
    ),
    "tornado": lambda: tornado_spec(
        _TORNADO, title="T", description="D", x_title="weeks", low_name="low", high_name="high"
    ),
    "country_market_en": lambda: country_market_spec(_Result(), "en") or {},
    "country_market_ja": lambda: country_market_spec(_Result(), "ja", width=640) or {},
}  # fmt: skip


def resolved(spec: Any) -> Any:
    """The spec with every named dataset (``{"name": ...}`` and ``datasets``) replaced by its
    rows inline, so that two specs compare by content whatever their dataset names."""
    datasets = spec.get("datasets", {}) if isinstance(spec, dict) else {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"name"} and node["name"] in datasets:
                return {"values": datasets[node["name"]]}
            return {k: walk(v) for k, v in node.items() if k != "datasets"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(spec)
