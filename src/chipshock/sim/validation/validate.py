"""`validate`: run every history case and put each observation beside the model's band.

For each target row of the observations (``role == "target"``) the model quantity of its
`Measure` is computed per run; the row gets the model's p5, p50 and p95 (linear percentiles
over runs) and a status:

- ``inside``: p5 <= observed <= p95 (the observed point lies in the model's 90% band);
- ``overlaps``: the point lies outside the band, but the source publishes a range
  (``observed_low``-``observed_high``) and that range overlaps the band (low <= p95 and
  high >= p5): the source does not say the model is off;
- ``above band`` / ``below band``: observed > p95 / observed < p5 (and the published range,
  if any, lies wholly above / below the band);
- ``not run``: the case's scenario cannot be run on this engine (the error says why);
- ``not modelled``: the model has no counterpart yet (the measure's reason).

A measure whose model value was fitted to the same observation (`Measure.fitted_to`) gets its
status with ``" (in-sample)"`` (``inside (in-sample)``): it shows only that the fitted value is
read, not that the model predicts it.

>>> m = Measure("c", "q", "kpi", "all:x")
>>> _status(36.0, (43.3, 44.0, 51.5), m, "", (24.0, 48.0))
'overlaps'
>>> _status(36.0, (43.3, 44.0, 51.5), m, "", (float("nan"), float("nan")))
'below band'
>>> _status(4.0, (1.6, 4.5, 8.9), Measure("c", "q", "kpi", "all:x", fitted_to="row r"), "")
'inside (in-sample)'

An observation without a measure, or a measure without an observation, is an error naming the
case and quantity: the two tables must agree. Same seed, same table (each case runs on its own
seed and runs from its file, or ``runs`` if given).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import ChipshockError, InputError, Problem
from chipshock.scenarios import Distribution, Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.draws import inventory_regime_factor, shock_distribution
from chipshock.sim.params import draw
from chipshock.sim.run.api import run
from chipshock.sim.run.results import SimResult
from chipshock.sim.validation.cases import (
    MEASURES,
    Measure,
    forward_scenario,
    history_case_ids,
    load_history_case,
)

__all__ = [
    "IN_SAMPLE",
    "STATUS_ORDER",
    "STATUS_RULE",
    "VALIDATION_COLUMNS",
    "ValidationResult",
    "model_values",
    "validate",
]

F64 = npt.NDArray[np.float64]
Progress = Callable[[int, int], None]

#: the suffix of a status whose measure was fitted to the observation (`Measure.fitted_to`)
IN_SAMPLE = " (in-sample)"
#: the statuses in the order a summary counts them (each scored one may carry `IN_SAMPLE`)
STATUS_ORDER = ("inside", "overlaps", "below band", "above band", "not run", "not modelled")
#: the scoring rule in words, for every surface that shows the table (captions, docs)
STATUS_RULE = (
    "status 'inside' = the observed point lies in the model's 90% band (p5-p95); 'overlaps' = "
    "the point lies outside it but the source's published range overlaps it; 'below band' / "
    "'above band' = the point (and the range, if any) lies below / above it; '(in-sample)' = "
    "the model value was fitted to this observation, so it tests nothing"
)

#: columns of `ValidationResult.table`, in order
VALIDATION_COLUMNS = (
    "case_id",
    "quantity",
    "observed",
    "observed_low",
    "observed_high",
    "unit",
    "model_p5",
    "model_p50",
    "model_p95",
    "inside",
    "status",
    "model_measure",
    "fitted_to",
    "source_url",
    "as_of",
    "confidence",
    "how_measured",
    "reason",
)


@dataclass(frozen=True, eq=False)
class ValidationResult:
    """The validation table (`VALIDATION_COLUMNS`, one row per target observation, in file
    order), the runs and seed of each case, and the cases that could not run (with why)."""

    table: pd.DataFrame
    cases: pd.DataFrame  # case_id, title, runs, seed, ran, error

    def summary(self) -> dict[str, int]:
        """How many observations have each status, in `STATUS_ORDER` (an in-sample status
        after its plain one)."""
        counts = {str(k): int(v) for k, v in self.table["status"].value_counts().items()}
        order = [w for s in STATUS_ORDER for w in (s, s + IN_SAMPLE)]
        rank = {s: i for i, s in enumerate(order)}
        return {s: counts[s] for s in sorted(counts, key=lambda s: rank.get(s, len(rank)))}


def _shock_draws(scenario: Scenario, data: ModelData, what: str, runs: int, seed: int) -> F64:
    """Per-run weeks of the first shock: ``duration`` or ``duration+recovery``, drawn from the
    engine's own streams (`chipshock.sim.params.draw`; a field bound to a shock_assumptions.csv
    row draws from the row, `shock_distribution`) so they match the run."""
    if not scenario.shocks:
        raise InputError(Problem("case has no shock", field=scenario.scenario_id))
    first = scenario.shocks[0]
    d_dur = shock_distribution(first, 0, "duration_weeks", data)
    dur = draw(d_dur, "shock[0].duration_weeks", seed, runs, minimum=0.0)
    if what == "duration":
        return dur
    d_rec = shock_distribution(first, 0, "recovery_weeks", data)
    return dur + draw(d_rec, "shock[0].recovery_weeks", seed, runs, minimum=0.0)


def _inventory_days(data: ModelData, scenario: Scenario, what: str, runs: int, seed: int) -> F64:
    """Customer inventory of a market in days: the shipped triangular (end_markets.csv) drawn as
    the engine draws it, x the inventory regime factor (``<market>@<regime>``, else the case's
    regime; model_assumptions.csv ``inventory_regime_<name>``) x 7."""
    market, _, regime = what.partition("@")
    regime_of = scenario.with_changes(inventory_regime=regime) if regime else scenario
    factor = inventory_regime_factor(regime_of, data)
    rows = data.end_markets[data.end_markets["market_id"] == market]
    if rows.empty:
        raise InputError(Problem("unknown market", field="measure", value=market))
    row = rows.iloc[0]
    low, mode, high = (
        float(row["customer_inventory_weeks_low"]),
        float(row["customer_inventory_weeks"]),
        float(row["customer_inventory_weeks_high"]),
    )
    dist = Distribution("triangular", low=min(low, mode), mode=mode, high=max(high, mode))
    return 7.0 * factor * draw(dist, f"customer_inventory_weeks.{market}", seed, runs, minimum=0.0)


def model_values(
    m: Measure,
    scenario: Scenario,
    data: ModelData,
    result: SimResult | None,
    inputs: dict[str, float],
) -> F64 | None:
    """Per-run model values of a measure (None when it is not modelled or the case did not
    run). ``inputs``: the case's input rows, quantity -> observed."""
    runs, seed = scenario.runs, scenario.seed
    if m.kind == "not_modelled":
        return None
    if m.kind == "shock_draws":
        source = forward_scenario(m.scenario) if m.scenario else scenario
        return _shock_draws(source, data, m.what, runs, seed)
    if m.kind == "inventory_days":
        return _inventory_days(data, scenario, m.what, runs, seed)
    if result is None:
        return None
    market, kpi = m.what.split(":", 1)
    values = np.asarray(result.kpi(market, kpi), dtype=float)
    scale = m.factor
    for name in (m.scale_by, m.divide_by):
        if name and name not in inputs:
            raise InputError(
                Problem("missing input observation", field=f"{m.case_id}.{name}",
                        expected="an input row of history_observations.csv")
            )  # fmt: skip
    if m.scale_by:
        scale *= inputs[m.scale_by]
    if m.divide_by:
        if not inputs[m.divide_by] > 0:
            raise InputError(
                Problem("conversion row is not positive", field=f"{m.case_id}.{m.divide_by}",
                        value=str(inputs[m.divide_by]), expected="a value > 0")
            )  # fmt: skip
        scale /= inputs[m.divide_by]
    return values * scale


def _check_agreement(observations: pd.DataFrame) -> None:
    targets = observations[observations["role"] == "target"]
    have = {(str(c), str(q)) for c, q in zip(targets["case_id"], targets["quantity"], strict=True)}
    measured = {(m.case_id, m.quantity) for m in MEASURES}
    problems = [
        Problem("observation without a model measure", field=f"{c}.{q}",
                expected="a Measure in chipshock.sim.validation.cases.MEASURES")
        for c, q in sorted(have - measured)
    ] + [
        Problem("model measure without an observation", field=f"{c}.{q}",
                expected="a target row in history_observations.csv")
        for c, q in sorted(measured - have)
    ]  # fmt: skip
    if problems:
        from chipshock.errors import ValidationFailed

        raise ValidationFailed(problems, context="history observations and measures disagree")


def _status(
    observed: float,
    band: tuple[float, float, float] | None,
    m: Measure,
    err: str,
    published: tuple[float, float] = (float("nan"), float("nan")),
) -> str:
    """The status of one row (see module): ``published`` is the source's (low, high), NaN
    where it gives none."""
    if m.kind == "not_modelled":
        return "not modelled"
    if band is None:
        return "not run" if err else "not modelled"
    low, high = published
    ranged = low == low and high == high  # neither NaN
    if band[0] <= observed <= band[2]:
        status = "inside"
    elif ranged and low <= band[2] and high >= band[0]:
        status = "overlaps"
    else:
        status = "below band" if observed < band[0] else "above band"
    return status + IN_SAMPLE if m.fitted_to else status


def _number(value: object) -> float:
    """A cell of observed_low/high as a float (NaN when empty)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def validate(
    data: ModelData,
    observations: pd.DataFrame,
    *,
    cases: Sequence[str] | None = None,
    runs: int | None = None,
    progress: Progress | None = None,
) -> ValidationResult:
    """Run the history ``cases`` (None = every shipped case) and compare (see module).
    ``observations``: `chipshock.data.history.read_history_observations` (checked there)."""
    _check_agreement(observations)
    known = history_case_ids()
    chosen = list(cases) if cases else known
    for c in chosen:
        if c not in known:
            raise InputError(
                Problem("unknown history case", field="case", value=c,
                        expected="one of " + ", ".join(known))
            )  # fmt: skip
    by_key = {(m.case_id, m.quantity): m for m in MEASURES}
    rows: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    for i, case_id in enumerate(chosen):
        scenario = load_history_case(case_id)
        if runs is not None:
            scenario = scenario.with_changes(runs=int(runs))
        obs = observations[observations["case_id"] == case_id]
        records: list[dict[str, Any]] = [
            {str(k): v for k, v in rec.items()} for rec in obs.to_dict("records")
        ]
        inputs = {str(r["quantity"]): float(r["observed"]) for r in records if r["role"] == "input"}
        result: SimResult | None = None
        error = ""
        try:
            result = run(scenario, data, runs=scenario.runs, seed=scenario.seed)
        except ChipshockError as exc:
            error = str(exc)
        if progress is not None:
            progress(i + 1, len(chosen))
        case_rows.append(
            {"case_id": case_id, "title": scenario.title, "runs": scenario.runs,
             "seed": scenario.seed, "ran": result is not None, "error": error}
        )  # fmt: skip
        for r in (rec for rec in records if rec["role"] == "target"):
            m = by_key[(case_id, str(r["quantity"]))]
            values = model_values(m, scenario, data, result, inputs)
            band = None
            if values is not None:
                p5, p50, p95 = np.percentile(values, [5, 50, 95])
                band = (float(p5), float(p50), float(p95))
            published = (_number(r["observed_low"]), _number(r["observed_high"]))
            status = _status(float(r["observed"]), band, m, error, published)
            reason = m.reason if m.kind == "not_modelled" else (error if band is None else "")
            rows.append(
                {
                    "case_id": case_id,
                    "quantity": str(r["quantity"]),
                    "observed": float(r["observed"]),
                    "observed_low": r["observed_low"],
                    "observed_high": r["observed_high"],
                    "unit": r["unit"],
                    "model_p5": band[0] if band else np.nan,
                    "model_p50": band[1] if band else np.nan,
                    "model_p95": band[2] if band else np.nan,
                    "inside": None if band is None else status.startswith("inside"),
                    "status": status,
                    "model_measure": m.explains,
                    "fitted_to": m.fitted_to,
                    "source_url": r["source_url"],
                    "as_of": r["as_of"],
                    "confidence": r["confidence"],
                    "how_measured": r["how_measured"],
                    "reason": reason,
                }
            )
    table = pd.DataFrame(rows, columns=list(VALIDATION_COLUMNS))
    return ValidationResult(table=table, cases=pd.DataFrame(case_rows))
