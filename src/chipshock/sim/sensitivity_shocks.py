"""Sensitivity factors on the scenario's first shock: ``shock[0].severity|duration_weeks|
recovery_weeks``.

``range``: fixed at the shock's distribution low / high (a normal without high, and a
lognormal: the 5th / 95th percentile of its truncated form, `_dist_range`); a
field fixed in the scenario takes the low / high of the shock_assumptions.csv row the scenario
cites for it (matched by name: duration, severity/loss/affected, recovery), else low = high.
``set``: fixed at low / high. ``scale``: the distribution scaled so its central value is x
low / high. Each side is a `Scenario` copy (``Scenario.with_changes``); nothing is mutated.
"""

from __future__ import annotations

import math
from dataclasses import replace
from statistics import NormalDist

import numpy as np
import pandas as pd

from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.draws import scaled, shock_distribution
from chipshock.sim.sensitivity_factors import (
    Applied,
    RowRef,
    Variant,
    bad,
    row_confidence,
    source_urls,
)

__all__ = ["apply_shock"]

_NAN = float("nan")
_SHOCK_FIELDS = ("severity", "duration_weeks", "recovery_weeks")


def _truncated_quantiles(centre: float, sd: float, low: float, high: float) -> tuple[float, float]:
    """The 5th and 95th percentiles of a normal(``centre``, ``sd``) truncated to [``low``,
    ``high``] (either may be infinite), as the engine samples it: the inverse CDF on the
    clipped probability range, ``q(p) = centre + sd Phi^-1(Phi(a) + p (Phi(b) - Phi(a)))``.

    >>> [round(v, 3) for v in _truncated_quantiles(0.0, 1.0, -math.inf, math.inf)]
    [-1.645, 1.645]
    >>> [round(v, 3) for v in _truncated_quantiles(5.0, 10.0, 0.0, math.inf)]  # low 0
    [0.96, 23.175]
    """
    if not sd > 0:
        return centre, centre
    unit = NormalDist()
    a = unit.cdf((low - centre) / sd) if math.isfinite(low) else 0.0
    b = unit.cdf((high - centre) / sd) if math.isfinite(high) else 1.0
    tiny = 1e-12

    def q(p: float) -> float:
        return centre + sd * unit.inv_cdf(min(max(a + p * (b - a), tiny), 1 - tiny))

    return max(low, q(0.05)), min(high, q(0.95))


def _dist_range(dist: Distribution) -> tuple[float, float]:
    """Low and high of a distribution: its bounds; a normal without ``high`` and every
    lognormal: the 5th / 95th percentile of its truncated form (within [``low``, ``high``];
    ``low`` defaults to 0), as the engine draws it (`_by_percentiles`; 200,000 draws of
    `chipshock.sim.params.draw` give the same to 0.05). Until 2026-12-04 they were the
    untruncated percentiles: a normal duration of mean 5 and sd 10 was tried at -11.4 weeks
    (below its low, 0) and 21.4, and a lognormal ignored its ``high`` (median 13, sigma 0.5,
    high 30: 29.6 weeks instead of 25.0).

    >>> [round(v, 2) for v in _dist_range(Distribution("normal", mean=5.0, sd=10.0))]
    [0.96, 23.17]
    >>> [round(v, 2) for v in _dist_range(
    ...     Distribution("lognormal", high=30.0, mean=13.0, sd=0.5))]
    [5.65, 25.05]
    """
    if dist.kind == "normal" and dist.high is None:
        centre, sd = float(dist.mean or 0.0), float(dist.sd or 0.0)
        return _truncated_quantiles(centre, sd, float(dist.low), math.inf)
    if dist.kind == "lognormal":
        median = float(dist.mean if dist.mean is not None else dist.low)
        sigma = float(dist.sd or 0.0)
        floor = math.log(dist.low) if dist.low > 0 else -math.inf
        ceiling = math.log(dist.high) if dist.high is not None else math.inf
        lo, hi = _truncated_quantiles(math.log(median), sigma, floor, ceiling)
        return math.exp(lo), math.exp(hi)
    return dist.low, dist.high if dist.high is not None else dist.low


# the distributions `_dist_range` takes percentiles of rather than bounds
def _by_percentiles(dist: Distribution) -> bool:
    return dist.kind == "lognormal" or (dist.kind == "normal" and dist.high is None)


def apply_shock(
    scenario: Scenario, data: ModelData, name: str, method: str, lo: float, hi: float
) -> Applied:
    if not scenario.shocks:
        raise bad("factors.target", f"shock[0].{name}", "a scenario with a shock", "no shock")
    if name not in _SHOCK_FIELDS:
        raise bad(
            "factors.target",
            f"shock[0].{name}",
            "shock[0]." + "|".join(_SHOCK_FIELDS),
            "unknown shock field",
        )
    first0 = first = scenario.shocks[0]
    dist = shock_distribution(first, 0, name, data)  # a bound row's, if any
    cited: tuple[float, float, str] | None = None
    if method == "range":
        low_d, high_d = (Distribution.fixed(v) for v in _dist_range(dist))
        how = "fixed at its distribution's low / high"
        if _by_percentiles(dist):
            how = "fixed at its distribution's 5th / 95th percentile"
        cited = _cited_range(scenario, data, name) if dist.kind == "fixed" else None
        if cited is not None:
            low_d, high_d = Distribution.fixed(cited[0]), Distribution.fixed(cited[1])
            how = f"fixed in the scenario; low / high of the cited range {cited[2]}"
        elif dist.kind == "fixed":
            how = "fixed in the scenario: no range (add a distribution to test it)"
    elif method == "set":
        low_d, high_d = Distribution.fixed(lo), Distribution.fixed(hi)
        how = "fixed at low / high"
    elif method == "scale":
        low_d, high_d = scaled(dist, dist.central * lo), scaled(dist, dist.central * hi)
        how = "distribution scaled to x low / high of its central value"
    else:
        raise bad("factors.method", method, "range, set or scale", "unknown method")

    def variant(d: Distribution) -> Variant:
        first = replace(first0, rows=tuple(r for r in first0.rows if r[0] != name))
        if name == "severity":
            shock = replace(first, severity=d)
        elif name == "duration_weeks":
            shock = replace(first, duration_weeks=d)
        else:
            shock = replace(first, recovery_weeks=d)
        return Variant(scenario.with_changes(shocks=(shock, *scenario.shocks[1:])), data, d.central)

    rows = _cited_rows(scenario, data, dist)
    if method == "range" and cited is not None:
        rows = _cited_for(scenario, data, name).head(1)
    source: tuple[RowRef, ...] = (RowRef("scenario", (scenario.scenario_id,)),)
    if not rows.empty:
        params = tuple(str(p) for p in rows["parameter"])
        cited_row = RowRef("file", params, "shock_assumptions.csv")
        source += (replace(cited_row, note="low_high") if cited is not None else cited_row,)
    return Applied(
        variant(low_d),
        variant(high_d),
        dist.central,
        how,
        source,
        row_confidence(rows) or "unrated",  # the scenario cites no shock_assumptions.csv row
        source_urls(rows),
    )


#: words in a shock_assumptions.csv parameter name that mark it as the range of a shock field
_FIELD_WORDS = {
    "duration_weeks": ("duration",),
    "severity": ("severity", "loss", "affected"),
    "recovery_weeks": ("recovery",),
}


def _cited_for(scenario: Scenario, data: ModelData, name: str) -> pd.DataFrame:
    """The cited shock_assumptions.csv rows whose parameter name marks them as ``name``'s range
    (e.g. ``taiwan_blockade_duration`` for ``duration_weeks``) with a finite low and high."""
    sa = data.shock_assumptions
    if not {"parameter", "low", "high"} <= set(sa.columns):
        return sa.iloc[0:0]
    keep = [
        p in scenario.assumptions
        and any(w in p.lower() for w in _FIELD_WORDS[name])
        and np.isfinite(pd.to_numeric(lo, errors="coerce"))
        and np.isfinite(pd.to_numeric(hi, errors="coerce"))
        for p, lo, hi in zip(sa["parameter"].astype(str), sa["low"], sa["high"], strict=True)
    ]
    return sa[np.asarray(keep, dtype=bool)]


def _cited_range(scenario: Scenario, data: ModelData, name: str) -> tuple[float, float, str] | None:
    """Low, high and parameter of the first cited row for ``name``, or None if none is cited."""
    rows = _cited_for(scenario, data, name)
    if rows.empty:
        return None
    row = rows.iloc[0]
    return float(row["low"]), float(row["high"]), str(row["parameter"])


def _cited_rows(scenario: Scenario, data: ModelData, dist: Distribution) -> pd.DataFrame:
    """The shock_assumptions.csv rows the scenario cites that ``dist`` was taken from: those
    with the same low, mode and high (a fixed value: the same mode), else every cited row."""
    sa = data.shock_assumptions
    if "parameter" not in sa.columns:
        return sa.iloc[0:0]
    cited = sa[sa["parameter"].isin(scenario.assumptions)]
    if cited.empty or not {"low", "mode", "high"} <= set(cited.columns):
        return cited

    def same(col: str, v: float | None) -> pd.Series:
        return (
            pd.to_numeric(cited[col], errors="coerce").sub(v if v is not None else _NAN).abs()
            < 1e-9
        )

    if dist.kind == "fixed":
        match = same("mode", dist.low)
    else:
        match = same("low", dist.low) & same("high", dist.high)
        if dist.mode is not None:
            match &= same("mode", dist.mode)
    return cited[match] if match.any() else cited
