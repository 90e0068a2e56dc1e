"""Calibration: the parameters that history can inform, fitted by a stated procedure.

What history can inform, and how (each result is a data row whose ``source_url`` names this
procedure, ``docs/validation.md#calibration``, and whose note lists the observations used):

1. **Fab downtime and recovery after a disruption** (weeks to restart; weeks from restart to
   full capacity), per event class. Procedure: take the observed durations of the incidents in
   `INCIDENTS` (each cited in ``history_observations.csv`` or below), fit a lognormal on the
   logs (median = exp(mean log x), the maximum-likelihood estimate; sigma = sample standard
   deviation of log x with ddof = 1, not the maximum-likelihood ddof = 0, which is
   sqrt((n - 1) / n) times it), and report it as a triangular row for the scenario files:
   low = p5, mode = median,
   high = p95 of the fitted lognormal. With a single incident sigma cannot be estimated: the
   row keeps the prior's spread (``PRIOR_SIGMA``, an assumption) around the observation and says
   so, with ``confidence = low``.
2. **Customer inventory regimes** (weeks): the Commerce RFI medians (40 days in 2019, under 5
   days in 2021) are measurements, taken as they are (/ 7 days).
3. **Utilisation in a tight market**: the RFI found most fabs at or above 90% in 2021; the row
   records 0.90 for a 2021-like regime (a lower bound, so ``confidence = medium``).

What history cannot pin down (listed in `NOT_IDENTIFIED` and the docs): substitution and
qualification delays across producers, the complementarity of chips in end products, downstream
value multipliers, the severity and length of a blockade or war, export-control erosion, the
dynamics of a demand surge, producers' wafer/die banks, and the backlog cancel share and double
ordering - no observed case isolates them.

Fitting is deterministic (no randomness): the same observations give the same rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem

__all__ = [
    "CALIBRATION_COLUMNS",
    "INCIDENTS",
    "NOT_IDENTIFIED",
    "PRIOR_SIGMA",
    "Incident",
    "calibrate",
    "fit_lognormal",
    "triangle_gap",
    "triangle_median",
    "with_calibrated_rows",
]

PROCEDURE_URL = "chipshock calibrate (procedure: docs/validation.md#calibration)"
#: log-scale spread used when only one incident informs a parameter (assumption: the spread of
#: the shipped japan_quake_downtime prior, log(30 / 1) / (2 x 1.645) ~ 1.03, rounded to 1.0)
PRIOR_SIGMA = 1.0
_Z95 = 1.6448536269514722

CALIBRATION_COLUMNS = (
    "parameter",
    "distribution",
    "low",
    "mode",
    "high",
    "unit",
    "n_observations",
    "source_url",
    "as_of",
    "confidence",
    "note",
)


@dataclass(frozen=True)
class Incident:
    """One observed duration of one event class: ``parameter`` it informs, ``weeks`` observed,
    where it comes from (a history_observations.csv row ``case_id/quantity`` or a URL)."""

    parameter: str
    label: str
    weeks: float
    source: str


#: the incidents the fits use; the first three are history_observations.csv rows
INCIDENTS: tuple[Incident, ...] = (
    Incident("fab_fire_downtime", "Renesas Naka N3 fire, 2021", 4.1,
             "history_observations.csv: naka-fire-2021/restart_weeks"),
    Incident("fab_fire_recovery_ramp", "Renesas Naka N3 fire, 2021 (restart to 100%)", 13.9 - 4.1,
             "history_observations.csv: naka-fire-2021/full_capacity_weeks - restart_weeks"),
    Incident("fab_quake_downtime", "Renesas Naka, Tohoku 2011", 13.7,
             "history_observations.csv: tohoku-2011/naka_restart_weeks"),
    Incident("fab_quake_downtime", "Renesas Naka, Fukushima-oki Feb 2021 (full in ~8 days)",
             8 / 7, "https://vipress.net/?p=30691"),
    Incident("fab_quake_downtime", "Renesas Naka, Fukushima-oki Mar 2022 (full in 10 days)",
             10 / 7, "https://www.renesas.com/us/en/about/press-room/update-4-final-impact-march-16-earthquake-coast-fukushima-prefecture-renesas-operation-1"),
    Incident("fab_quake_downtime", "TSMC, Hualien Apr 2024 (full in 3 days)", 3 / 7,
             "history_observations.csv: hualien-2024/full_recovery_weeks"),
)  # fmt: skip

#: parameters the history cases cannot inform on today's engine, and why
#: what history cannot pin down, with why (the table "What history cannot pin down" of
#: docs/validation.md gives the same rows: tests/sim/test_not_identified_docs.py)
NOT_IDENTIFIED: tuple[tuple[str, str], ...] = (
    ("substitution / qualification delays", "no case isolates customers moving between "
     "producers (Renesas' \"alternative production\" in 2011 and 2021 is reported only in "
     "words)"),
    ("complementarity (model_assumptions.csv)", "no observation separates products not made "
     "for lack of one chip from the chip shortfall as a whole"),
    ("value_multiplier (end_markets.csv)", "downstream revenue lost is not observed per case"),
    ("blockade and war parameters (severity, length)", "no precedent"),
    ("export-control erosion of tool service", "no observed fab run-down under a tool stop"),
    ("demand surge dynamics (bullwhip, double ordering)", "one episode (2021) with many "
     "simultaneous causes; the lead-time series is recorded, but fitting it would tune away "
     "the causes the model lacks (docs/validation.md, \"What the model cannot reproduce "
     "yet\")"),
    ("producers' wafer/die banks (inventory_buffers.csv producer_wafer_bank)", "no case "
     "observes banked wafers being drawn"),
    ("backlog cancel share, double-ordering slope and cap (model_assumptions.csv)", "the 2021 "
     "lead times and cars lost are one episode, and utilisation moves them as much as these "
     "three: several combinations fit the same two numbers, so fitting would pick one by the "
     "choice of prior, not by the data"),
)  # fmt: skip


def fit_lognormal(weeks: list[float]) -> tuple[float, float]:
    """(median, sigma) of a lognormal fitted on the logs: the median is the maximum-likelihood
    exp(mean log x), sigma the sample (ddof = 1) standard deviation of log x, wider than the
    maximum-likelihood (ddof = 0) one by sqrt(n / (n - 1)); NaN for a single value. Weeks must
    be > 0.

    >>> median, sigma = fit_lognormal([13.7, 8 / 7, 10 / 7, 3 / 7])  # fab_quake_downtime
    >>> round(median, 2), round(sigma, 2), round(sigma * (3 / 4) ** 0.5, 2)
    (1.76, 1.46, 1.27)
    """
    if not weeks or min(weeks) <= 0:
        raise InputError(
            Problem("cannot fit", field="weeks", value=str(weeks), expected="positive durations")
        )
    logs = np.log(np.asarray(weeks, dtype=float))
    sigma = float(np.std(logs, ddof=1)) if len(logs) > 1 else math.nan
    return float(np.exp(logs.mean())), sigma


def triangle_median(low: float, mode: float, high: float) -> float:
    """The median of the triangular distribution low/mode/high.

    >>> round(triangle_median(0.16, 1.76, 19.58), 2)  # fab_quake_downtime: 6.4, not 1.76
    6.43
    >>> triangle_median(0.0, 5.0, 10.0)
    5.0
    """
    if high <= low:
        return low
    if (mode - low) / (high - low) >= 0.5:
        return low + math.sqrt((high - low) * (mode - low) / 2)
    return high - math.sqrt((high - low) * (high - mode) / 2)


def triangle_gap(low: float, mode: float, high: float, *, fitted_median: float) -> str:
    """The sentence each fitted row's note (and `chipshock calibrate`) carries: the triangle
    whose mode is the fitted median is not the fit (review 9a, finding 3).

    >>> triangle_gap(0.16, 1.76, 19.58, fitted_median=1.76)[:80]
    'The triangle is not the fit: its median is 6.43 weeks (3.7x the fitted 1.76) and'
    """
    median = triangle_median(low, mode, high)
    mean = (low + mode + high) / 3
    return (
        f"The triangle is not the fit: its median is {median:.2f} weeks "
        f"({median / fitted_median:.1f}x the fitted {fitted_median:.2f}) and its mean "
        f"{mean:.2f} weeks, a heavier right side than the lognormal's (the engine draws the "
        "triangle)."
    )


def calibrate(incidents: tuple[Incident, ...] = INCIDENTS, as_of: str = "2026-12") -> pd.DataFrame:
    """The calibrated rows (`CALIBRATION_COLUMNS`): one per fitted duration parameter, then the
    measured inventory regimes and the 2021 utilisation (see module for the procedure)."""
    rows: list[dict[str, object]] = []
    for parameter in dict.fromkeys(i.parameter for i in incidents):
        used = [i for i in incidents if i.parameter == parameter]
        median, sigma = fit_lognormal([i.weeks for i in used])
        single = math.isnan(sigma)
        spread = PRIOR_SIGMA if single else sigma
        low, high = median * math.exp(-_Z95 * spread), median * math.exp(_Z95 * spread)
        shipped = (round(low, 2), round(median, 2), round(high, 2))
        note = (
            f"Lognormal fit (median {median:.2f} weeks, sigma {spread:.2f}"
            + (", the prior's: one incident only" if single else "")
            + ") to: "
            + "; ".join(f"{i.label} = {i.weeks:.2f} weeks ({i.source})" for i in used)
            + ". Triangular low/mode/high = fitted p5/median/p95. "
            + triangle_gap(*shipped, fitted_median=median)
        )
        rows.append(
            {
                "parameter": parameter,
                "distribution": "triangular",
                "low": round(low, 2),
                "mode": round(median, 2),
                "high": round(high, 2),
                "unit": "weeks",
                "n_observations": len(used),
                "source_url": PROCEDURE_URL,
                "as_of": as_of,
                "confidence": "low" if single or len(used) < 3 else "medium",
                "note": ("assumption: spread from the prior; " if single else "") + note,
            }
        )
    rfi = "https://www.greencarcongress.com/2022/01/20220126-chips.html"
    for regime, days in (("2019", 40.0), ("2021", 5.0)):
        rows.append(
            {
                "parameter": f"customer_inventory_weeks_{regime}",
                "distribution": "fixed",
                "low": round(days / 7, 2),
                "mode": round(days / 7, 2),
                "high": round(days / 7, 2),
                "unit": "weeks",
                "n_observations": 1,
                "source_url": rfi,
                "as_of": "2022-01-26",
                "confidence": "medium",
                "note": f"Measured, not fitted: Commerce RFI median chip-consumer inventory in "
                f"{regime} ({'less than ' if regime == '2021' else ''}{days:g} days) / 7.",
            }
        )
    rows.append(
        {
            "parameter": "utilisation_2021",
            "distribution": "fixed",
            "low": 0.9,
            "mode": 0.9,
            "high": 0.9,
            "unit": "fraction",
            "n_observations": 1,
            "source_url": rfi,
            "as_of": "2022-01-26",
            "confidence": "medium",
            "note": "Measured, not fitted: the RFI found most fabs at or above 90% utilisation in "
            "2021 (a lower bound); the shipped baseline is one value per node class, from "
            "2024-25 sources (model_assumptions.csv utilisation_<class>).",
        }
    )
    return pd.DataFrame(rows, columns=list(CALIBRATION_COLUMNS))


#: the shock_assumptions.csv columns (`chipshock.model.market_schema`)
SHOCK_ASSUMPTION_COLUMNS = (
    "parameter",
    "scenario_hint",
    "distribution",
    "low",
    "mode",
    "high",
    "unit",
    "source_url",
    "as_of",
    "confidence",
    "note",
)


def _first_source(parameter: str, observations: pd.DataFrame | None) -> tuple[str, str]:
    """The web address of the first incident that informs ``parameter`` (a history row's
    source_url, or the incident's own URL) and that page's date (the history row's as_of;
    empty for an incident cited by URL alone, which has no date here)."""
    for i in INCIDENTS:
        if i.parameter != parameter:
            continue
        if i.source.startswith("http"):
            return i.source, ""
        if observations is not None and i.source.startswith("history_observations.csv: "):
            case, quantity = i.source.split(": ", 1)[1].split(" ")[0].split("/")
            hit = observations[
                (observations["case_id"] == case) & (observations["quantity"] == quantity)
            ]
            if not hit.empty:
                return str(hit["source_url"].iloc[0]), str(hit["as_of"].iloc[0])
    return "", ""


def with_calibrated_rows(
    shock_assumptions: pd.DataFrame, rows: pd.DataFrame, observations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``shock_assumptions`` with the calibrated duration rows (unit weeks, a distribution) put
    in as rows the engine reads (a shock names one in ``rows = { duration_weeks = ... }``): a
    row of the same parameter is replaced, a new one appended. ``scenario_hint`` is
    ``calibrated``; the note starts with the procedure (``chipshock calibrate``,
    docs/validation.md#calibration), ``source_url`` is the web address of the first
    observation fitted (shock_assumptions.csv needs a web address) and ``as_of`` that page's
    date (the calibration date when the page has none here). Other calibrated rows
    (inventory regimes, utilisation) are regime measurements, not shock fields: left out."""
    fitted = rows[(rows["source_url"] == PROCEDURE_URL) & (rows["unit"] == "weeks")].copy()
    fitted["scenario_hint"] = "calibrated"
    first = [_first_source(str(p), observations) for p in fitted["parameter"]]
    fitted["source_url"] = [url for url, _ in first]
    # as_of is the date of the page in source_url (the convention of every other row; review
    # 9b finding 12); the calibration date stays in calibrated_parameters.csv
    fitted["as_of"] = [
        day or str(kept) for (_, day), kept in zip(first, fitted["as_of"], strict=True)
    ]
    fitted["note"] = [
        ("assumption: " if str(n).startswith("assumption:") else "")
        + f"fitted by {PROCEDURE_URL}; "
        + str(n).removeprefix("assumption: ")
        for n in fitted["note"]
    ]
    fitted = fitted[list(SHOCK_ASSUMPTION_COLUMNS)]
    kept = shock_assumptions[~shock_assumptions["parameter"].isin(fitted["parameter"])]
    return pd.concat([kept, fitted], ignore_index=True)
