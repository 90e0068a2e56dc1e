"""One paragraph of plain English about a scenario's results, from the tidy KPI tables.

The engine reports, per market and for ``all`` markets together: ``loss_usd_bn``,
``peak_weekly_shortfall_pct`` (% of demand), ``cumulative_shortfall_weeks`` and
``weeks_to_recover``. These helpers find KPIs by the words in their names, so that a renamed
KPI drops a sentence instead of breaking the command.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from chipshock.scenarios.model import Scenario

__all__ = ["capacity_caption", "comparison_paragraph", "run_paragraph", "sweep_paragraph"]

_ALL = ("all", "total", "world")


def _kpi(kpis: pd.DataFrame, *words: str, avoid: Sequence[str] = ()) -> str | None:
    """The first KPI name containing every one of ``words`` and none of ``avoid``."""
    if "kpi" not in kpis.columns:
        return None
    for name in dict.fromkeys(kpis["kpi"].astype(str)):
        low = name.lower()
        if all(w in low for w in words) and not any(a in low for a in avoid):
            return name
    return None


def _row(kpis: pd.DataFrame, kpi: str | None, market: str | None = None) -> pd.Series | None:
    if kpi is None:
        return None
    rows = kpis[kpis["kpi"] == kpi]
    if market is None:
        rows = rows[rows["market"].astype(str).str.lower().isin(_ALL)]
    else:
        rows = rows[rows["market"] == market]
    return None if rows.empty else rows.iloc[0]


def _by_market(kpis: pd.DataFrame, kpi: str | None) -> pd.DataFrame:
    if kpi is None:
        return kpis.iloc[0:0]
    rows = kpis[(kpis["kpi"] == kpi) & ~kpis["market"].astype(str).str.lower().isin(_ALL)]
    return rows.sort_values("p50", ascending=False)


def money(value: float, kpi: str = "usd") -> str:
    """``USD 1.2 trillion``, ``USD 340 billion``, ``USD 12 million`` (values in USD, or in USD
    billions when the KPI name ends in ``_bn``)."""
    if value is None or not math.isfinite(value):
        return "n/a"
    usd = value * 1e9 if kpi.endswith(("_bn", "_usd_bn")) else value
    sign, usd = ("−" if usd < 0 else ""), abs(usd)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if usd >= size:
            return f"{sign}USD {usd / size:,.{1 if usd < 10 * size else 0}f} {word}"
    return f"{sign}USD {usd:,.0f}"


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%" if math.isfinite(value) else "n/a"


def _market_name(market: str) -> str:
    return {"ai_datacenter": "AI and data centres", "pcs": "PCs"}.get(
        market, market.replace("_", " ")
    )


def run_paragraph(scenario: Scenario, kpis: pd.DataFrame, loss_by_country: pd.DataFrame) -> str:
    """What a run's numbers mean, in a few sentences for a non-specialist."""
    loss_k = _kpi(kpis, "loss")
    loss = _row(kpis, loss_k)
    peak_k = _kpi(kpis, "peak")
    peak = _row(kpis, peak_k)
    weeks = _row(kpis, _kpi(kpis, "week", avoid=("recover", "peak")))
    recover = _row(kpis, _kpi(kpis, "recover"))
    parts: list[str] = []
    runs = f"{scenario.runs:,} simulated runs"
    if loss is not None and loss_k is not None:
        parts.append(
            f"Across {runs}, the typical (median) outcome of “{scenario.title}” is a loss of "
            f"about {money(loss['p50'], loss_k)} of downstream output over "
            f"{scenario.start_year}–{scenario.end_year}; in 90% of runs it lies between "
            f"{money(loss['p5'], loss_k)} and {money(loss['p95'], loss_k)}."
        )
    else:
        parts.append(f"Results of “{scenario.title}” across {runs}.")
    if peak is not None and peak_k is not None and float(peak["p50"]) > 0:
        scale = 100.0 if "pct" in peak_k else 1.0
        parts.append(
            f"In the worst week, customers receive {_pct(1 - float(peak['p50']) / scale)} of the "
            f"chips they need (median run; {_pct(1 - float(peak['p95']) / scale)} in the worst 5% "
            "of runs)."
        )
    if weeks is not None and float(weeks["p50"]) > 0:
        parts.append(
            f"Summed over the horizon, that is about {float(weeks['p50']):.1f} weeks of chip "
            "demand that is never delivered."
        )
    if recover is not None and math.isfinite(float(recover["p50"])) and float(recover["p50"]) > 0:
        parts.append(f"Supply is back to normal after about {float(recover['p50']):.0f} weeks.")
    top = _by_market(kpis, loss_k)
    if not top.empty and float(top.iloc[0]["p50"]) > 0:
        name = _market_name(str(top.iloc[0]["market"]))
        parts.append(f"{name[0].upper()}{name[1:]} lose the most.")
    if {"country", "p50"} <= set(loss_by_country.columns) and not loss_by_country.empty:
        first = loss_by_country.sort_values("p50", ascending=False).iloc[0]
        if float(first["p50"]) > 0:
            parts.append(f"Most of the lost output would have been made in {first['country']}.")
    if not scenario.shocks:
        parts.append(
            "This scenario has no shock: any shortfall comes from demand outgrowing capacity."
        )
    parts.append(
        "The ranges come from the uncertain assumptions listed in the scenario's "
        "description, not from measurement error."
    )
    return " ".join(parts)


def comparison_paragraph(a: Scenario, b: Scenario, delta: pd.DataFrame) -> str:
    """What B − A means: positive loss delta = B is worse, negative = B avoids loss."""
    loss_k = _kpi(delta, "loss")
    loss = _row(delta, loss_k)
    if loss is None or loss_k is None:
        return f"Differences between “{b.title}” (B) and “{a.title}” (A), run by run."
    p50 = float(loss["p50"])
    verb = "less" if p50 < 0 else "more"
    text = (
        f"Run by run, with the same random draws for both, “{b.title}” (B) loses "
        f"{money(abs(p50), loss_k)} {verb} downstream output than “{a.title}” (A) in the median "
        f"run (90% of runs: {money(float(loss['p5']), loss_k)} to "
        f"{money(float(loss['p95']), loss_k)}; negative = B is better off)."
    )
    peak_k = _kpi(delta, "peak")
    peak = _row(delta, peak_k)
    if peak is not None and peak_k is not None:
        points = float(peak["p50"]) * (1.0 if "pct" in peak_k else 100.0)
        if abs(points) >= 0.5:
            text += (
                f" The worst-week shortfall changes by {points:+.0f} percentage points of demand "
                "(median)."
            )
    if float(loss["p5"]) < 0 < float(loss["p95"]):
        text += " The range spans zero: in some runs the difference goes the other way."
    return text


def sweep_paragraph(scenario: Scenario, parameter: str, table: pd.DataFrame) -> str:
    """How the total loss moves as the swept parameter changes."""
    loss_k = _kpi(table, "loss")
    if loss_k is None or "value" not in table.columns:
        return (
            f"{scenario.title}: {parameter} swept over {len(set(table.get('value', [])))} values."
        )
    rows = table[(table["kpi"] == loss_k) & table["market"].astype(str).str.lower().isin(_ALL)]
    if rows.empty:
        return f"{scenario.title}: {parameter} swept."
    rows = rows.sort_values("value")
    first, last = rows.iloc[0], rows.iloc[-1]
    return (
        f"{scenario.title}: as {parameter} goes from {first['value']:g} to {last['value']:g}, the "
        f"median loss goes from {money(float(first['p50']), loss_k)} to "
        f"{money(float(last['p50']), loss_k)} (same random draws for every value)."
    )


def capacity_caption(fabs_off: Iterable[str], fabs_on: Iterable[str]) -> str:
    """Where the capacity numbers come from and what was switched."""
    text = (
        "kwspm = thousand wafer starts per month (300 mm equivalent). Regional shares: "
        "SIA/BCG 2022 and 2032 (interpolated), totals: global_capacity.csv; fab changes "
        "from fabs.csv."
    )
    off, on = list(fabs_off), list(fabs_on)
    if off:
        text += f" Switched off: {', '.join(off)}."
    if on:
        text += f" Switched on: {', '.join(on)}."
    return text
