"""Out-of-sample comparison: forward scenarios against published estimates not used in tuning.

Each row of ``published_estimates.csv`` names a built-in forward scenario, the publisher's
figure (with its range where given) and which model quantity is set beside it
(``model_measure``: ``<market>:<kpi>`` over all runs, or ``country:<ISO3>:loss_usd_bn`` from
the loss by country). The model's figure is the scenario's p5/p50/p95 over runs (same seed as the
scenario file). ``ratio`` = model p50 / published value. Nothing is tuned: the differences are
explained in docs/validation.md, not fitted away; the measures differ in kind (the model's
``loss_usd_bn`` is gross downstream output at risk over the horizon, not GDP, and covers only
chip-constrained output), so a ratio is a comparison of orders of magnitude, not a test.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.scenarios import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.run.api import run

__all__ = ["OUT_OF_SAMPLE_COLUMNS", "out_of_sample"]

OUT_OF_SAMPLE_COLUMNS = (
    "estimate_id",
    "scenario_id",
    "publisher",
    "measure",
    "published",
    "published_low",
    "published_high",
    "unit",
    "model_measure",
    "model_p5",
    "model_p50",
    "model_p95",
    "ratio",
    "scope",
    "source_url",
    "as_of",
    "confidence",
)


def _model_band(
    result: Any, measure: str, where: str = "model_measure"
) -> tuple[float, float, float]:
    """p5, p50, p95 of ``measure`` in a run. A country the run's loss by country does not list
    is an error naming ``where``, not a band of zeros: every country the model values has a row
    (zeros when it loses nothing), so a missing one is a mistyped code."""
    parts = measure.split(":")
    if parts[0] == "country":
        table = result.loss_by_country
        rows = table[table["country"] == parts[1]]
        if rows.empty:
            raise InputError(
                Problem(
                    "country not in the run's loss by country",
                    field=where,
                    value=measure,
                    expected="country:<code>:loss_usd_bn with a code of "
                    + ", ".join(sorted(str(c) for c in table["country"])),
                )
            )
        r = rows.iloc[0]
        return float(r["p5"]), float(r["p50"]), float(r["p95"])
    values = np.asarray(result.kpi(parts[0], parts[1]), dtype=float)
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return float(p5), float(p50), float(p95)


def out_of_sample(
    data: ModelData, estimates: pd.DataFrame, runs: int | None = None
) -> pd.DataFrame:
    """One row per published estimate (`OUT_OF_SAMPLE_COLUMNS`), each scenario run once."""
    results: dict[str, Any] = {}
    rows = []
    for e in estimates.to_dict("records"):
        sid = str(e["scenario_id"])
        if sid not in results:
            sc = load_scenario(sid)
            results[sid] = run(sc, data, runs=runs or sc.runs, seed=sc.seed)
        where = f"published_estimates.csv {e['estimate_id']}: model_measure"
        p5, p50, p95 = _model_band(results[sid], str(e["model_measure"]), where)
        value = float(e["value"])
        rows.append(
            {
                "estimate_id": e["estimate_id"],
                "scenario_id": sid,
                "publisher": e["publisher"],
                "measure": e["measure"],
                "published": value,
                "published_low": e["value_low"],
                "published_high": e["value_high"],
                "unit": e["unit"],
                "model_measure": e["model_measure"],
                "model_p5": p5,
                "model_p50": p50,
                "model_p95": p95,
                "ratio": p50 / value if value else float("nan"),
                "scope": e["scope"],
                "source_url": e["source_url"],
                "as_of": e["as_of"],
                "confidence": e["confidence"],
            }
        )
    return pd.DataFrame(rows, columns=list(OUT_OF_SAMPLE_COLUMNS))
