"""Small hand-made results (duck-typed like `SimResult` and `Comparison`) for report tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pytest

MARKETS = ("ai_datacenter", "automotive")


def _bands(dip: float) -> pd.DataFrame:
    rows = []
    for week in range(60):
        date = (pd.Timestamp("2027-01-01") + pd.Timedelta(weeks=week)).strftime("%Y-%m-%d")
        low = 100.0 - (dip if 10 <= week < 20 else 0.0)
        for series, keys in (
            ("output_pct_of_normal", MARKETS),
            ("delivered_pct_of_demand", MARKETS),
            ("supply_pct_of_demand", ("lt10",)),
        ):
            for key in keys:
                rows.append(
                    {
                        "week": week,
                        "date": date,
                        "series": series,
                        "key": key,
                        "p5": low - 5,
                        "p50": low,
                        "p95": min(100.0, low + 5),
                    }
                )
    return pd.DataFrame(rows)


def _kpis(scale: float) -> pd.DataFrame:
    rows = []
    for market, loss, peak in (("ai_datacenter", 20.0, 30.0), ("automotive", 5.0, 10.0)):
        rows += [
            {
                "market": market,
                "kpi": "output_lost_weeks",
                "mean": peak * scale / 5,
                "p5": peak * scale / 10,
                "p50": peak * scale / 5,
                "p95": peak * scale / 2,
            },
            {
                "market": market,
                "kpi": "peak_output_lost_pct",
                "mean": peak * scale * 1.5,
                "p5": peak * scale,
                "p50": peak * scale * 1.5,
                "p95": min(100.0, peak * scale * 2),
            },
            {
                "market": market,
                "kpi": "loss_usd_bn",
                "mean": loss * scale,
                "p5": loss * scale / 2,
                "p50": loss * scale,
                "p95": loss * scale * 2,
            },
            {
                "market": market,
                "kpi": "peak_weekly_shortfall_pct",
                "mean": peak * scale,
                "p5": 0.0,
                "p50": peak * scale,
                "p95": min(100.0, peak * scale * 1.5),
            },
            {
                "market": market,
                "kpi": "weeks_to_recover",
                "mean": 30.0,
                "p5": 10.0,
                "p50": 30.0,
                "p95": 45.0,
            },
        ]
    rows.append(
        {
            "market": "all",
            "kpi": "output_lost_weeks",
            "mean": 4.0 * scale,
            "p5": 2.0 * scale,
            "p50": 4.0 * scale,
            "p95": 8.0 * scale,
        }
    )
    rows.append(
        {
            "market": "all",
            "kpi": "loss_usd_bn",
            "mean": 25.0 * scale,
            "p5": 12.0 * scale,
            "p50": 25.0 * scale,
            "p95": 50.0 * scale,
        }
    )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class FakeScenario:
    scenario_id: str = "taiwan-blockade-2027-6m"
    title: str = "Taiwan blockade, 2027, six months"
    title_ja: str = "台湾封鎖（2027年・6か月）"


@dataclass(frozen=True)
class FakeResult:
    bands: pd.DataFrame
    kpis: pd.DataFrame
    scenario: Any = field(default_factory=FakeScenario)
    runs: int = 100
    seed: int = 7
    assumptions: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            [
                {
                    "file": "end_markets.csv",
                    "id": "ai_datacenter/value_multiplier",
                    "value": "2.5",
                    "source_url": "https://example.org/source",
                    "as_of": "2025-03",
                    "confidence": "low",
                }
            ]
        )
    )

    loss_by_country: pd.DataFrame = field(default_factory=pd.DataFrame)
    value_added_by_country: pd.DataFrame = field(default_factory=pd.DataFrame)
    value_added_by_country_market: pd.DataFrame = field(default_factory=pd.DataFrame)
    kpis_by_run: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> dict[str, Any]:
        return {"scenario_id": self.scenario.scenario_id, "runs": self.runs, "seed": self.seed}


@dataclass(frozen=True)
class FakeComparison:
    a: FakeResult
    b: FakeResult
    delta: pd.DataFrame
    headline: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def result() -> FakeResult:
    return FakeResult(bands=_bands(30.0), kpis=_kpis(1.0))


@pytest.fixture
def comparison() -> FakeComparison:
    a = FakeResult(bands=_bands(30.0), kpis=_kpis(1.0))
    b = FakeResult(
        bands=_bands(45.0),
        kpis=_kpis(2.0),
        scenario=FakeScenario("no-alliance", "Without alliance fabs", "同盟の工場なし"),
    )
    delta = b.kpis.copy()
    for col in ("mean", "p5", "p50", "p95"):
        delta[col] = b.kpis[col] - a.kpis[col]
    return FakeComparison(a=a, b=b, delta=delta)
