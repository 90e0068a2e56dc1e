"""Tables for `chipshock scenario ...`: KPI percentiles laid out for a terminal or a file.

Pure functions from DataFrames (and scenarios) to DataFrames; nothing here prints or runs the
engine. ``p5 · p50 · p95`` cells give the 5th percentile, median and 95th percentile of the runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from chipshock.scenarios import Scenario, scenario_to_dict

__all__ = [
    "KPI_LABELS",
    "RUN_CAPTIONS",
    "compare_captions",
    "dates_as_text",
    "kpi_columns",
    "percentile_band",
    "scenario_list_table",
    "shock_table",
    "short_number",
    "side_by_side",
    "wide_percentiles",
]

#: plain-English labels of the KPIs, for the terminal
KPI_LABELS = {
    "cumulative_shortfall_weeks": "weeks of demand lost",
    "cumulative_shortfall_pct_annual": "% of a year's demand",
    "peak_weekly_shortfall_pct": "worst week, % short",
    "weeks_to_recover": "weeks to recover",
    "loss_usd_bn": "loss, USD bn",
}

#: captions of the sections that `scenario run` prints (terminal) or writes (json, csv)
RUN_CAPTIONS = {
    "per market: p5 · p50 · p95 across runs": "5th percentile · median · 95th "
    "percentile of the runs. Weeks of demand lost = shortfall summed over the horizon, "
    "in weeks of that market's demand; loss = downstream output not produced.",
    "loss by country, USD bn": "Lost downstream output, by the country where the "
    "end products are made (market_country_output.csv).",
    "loss_by_country": "Lost downstream output (USD bn), by the country where the "
    "end products are made (market_country_output.csv).",
}


def compare_captions(title_a: str, title_b: str) -> dict[str, str]:
    """Captions of the sections that `scenario compare` prints or writes."""
    return {
        "delta": "B − A per run, then p5–p50–p95: negative loss = B is better off.",
        "all markets": f"A: {title_a}. B: {title_b}. Negative = B is better off.",
        "B − A per market: p5 · p50 · p95": "Differences per run (common random numbers), "
        "then percentiles.",
        "a": f"A: {title_a}",
        "b": f"B: {title_b}",
    }


def _kpi_label(kpi: Any) -> str:
    return KPI_LABELS.get(str(kpi), str(kpi))


def scenario_list_table(scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """One row per scenario: id, titles, horizon, shocks, interventions, runs and seed."""
    return pd.DataFrame(
        [
            {
                "id": s.scenario_id,
                "title": s.title,
                "title_ja": s.title_ja,
                "horizon": f"{s.start_year}–{s.end_year}",
                "shocks": ", ".join(f"{x.kind}:{'+'.join(x.targets)}" for x in s.shocks) or "none",
                "interventions": ", ".join(
                    f"{x.kind}({len(x.fabs) or len(x.partnerships)})" for x in s.interventions
                ),
                "runs": s.runs,
                "seed": s.seed,
            }
            for s in scenarios
        ]
    )


def shock_table(scenario: Scenario) -> pd.DataFrame:
    """The scenario's shocks, one row each; distributions and lists as JSON text (for CSV)."""
    return pd.DataFrame(
        [
            {
                k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                for k, v in r.items()
            }
            for r in scenario_to_dict(scenario)["shock"]
        ]
    )


def dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO strings, for JSON."""
    dated = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    return frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dated})


def kpi_columns(kpis: pd.DataFrame) -> pd.DataFrame:
    """The market, KPI and percentile columns of a KPI table (those it has)."""
    cols = [c for c in ("market", "kpi", "mean", "p5", "p50", "p95") if c in kpis.columns]
    return kpis[cols]


def short_number(value: float) -> str:
    """A table cell: ``0`` near zero, thousands separated from 1,000, else 3 significant digits."""
    if abs(value) < 0.0005:
        return "0"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def percentile_band(row: Any) -> str:
    """``p5 · p50 · p95`` of one KPI row."""
    return " · ".join(short_number(float(row[p])) for p in ("p5", "p50", "p95"))


def wide_percentiles(kpis: pd.DataFrame, index: str = "market") -> pd.DataFrame:
    """For the terminal: one row per ``index``, one column per KPI, cells ``p5 · p50 · p95``
    (the share-of-a-year KPI is left out: it repeats weeks of demand lost / 52)."""
    rows: dict[Any, dict[str, Any]] = {}
    for _, r in kpis[kpis["kpi"] != "cumulative_shortfall_pct_annual"].iterrows():
        key = short_number(float(r[index])) if index == "value" else r[index]
        rows.setdefault(key, {index: key})[_kpi_label(r["kpi"])] = percentile_band(r)
    return pd.DataFrame(list(rows.values()))


def side_by_side(a: pd.DataFrame, b: pd.DataFrame, delta: pd.DataFrame) -> pd.DataFrame:
    """All markets together: A and B medians and the B − A band, one row per KPI."""

    def median(t: pd.DataFrame, kpi: str) -> str:
        rows = t.loc[(t["market"] == "all") & (t["kpi"] == kpi), "p50"]
        return short_number(float(rows.iloc[0])) if not rows.empty else ""

    return pd.DataFrame(
        [
            {
                "kpi": _kpi_label(d["kpi"]),
                "A (median)": median(a, str(d["kpi"])),
                "B (median)": median(b, str(d["kpi"])),
                "B − A  p5 · p50 · p95": percentile_band(d),
            }
            for _, d in delta[delta["market"] == "all"].iterrows()
        ]
    )
