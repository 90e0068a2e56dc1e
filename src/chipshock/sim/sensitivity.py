"""One-at-a-time sensitivity ("tornado"): which assumptions drive a scenario's answer.

For each factor the scenario is run with that assumption at a LOW and at a HIGH value, every
other assumption at its base, all on common random numbers (the same seed, so each uncertain
parameter draws the same numbers in every run; see `chipshock.sim.params`). Each column is the
per-run KPIs that a plain `chipshock.sim.run` gives its inputs (the base column: the scenario's),
bit for bit, without the tables of a run that the tornado does not read.
``swing = median(KPI | high) - median(KPI | low)``.

Factors are data: one row each in `default_factors` (factor, label_en, label_ja, target,
method, low, high, unit, and the range's source: the curated ``sensitivity_factors.csv``).
``target`` says what is changed and ``method`` how:

- ``model_assumptions.<parameter>`` (``set``: the value becomes low/high; ``scale``: x low/high);
  a parameter ending in ``*`` (``utilisation_*``) moves every row it matches together, each row
  in unit ``fraction`` capped at 1;
- ``end_markets.value_multiplier`` (``set`` or ``scale``, every market);
- ``end_markets.customer_inventory_weeks`` (``range``: every market fixed at its row's
  ``customer_inventory_weeks_low`` / ``_high``; ``set``: every market fixed at low/high weeks);
- ``inventory_buffers.<applies_to>`` (``range``: fixed at the row's ``weeks_low`` /
  ``weeks_high``; ``set``: fixed at low/high weeks), e.g. ``inventory_buffers.chips:distributor``;
- ``node_requirements.<node_class>/<input_id>[/<market_id>].criticality`` (``set`` or
  ``scale``, within 0-1): one node_requirements.csv row's criticality, e.g.
  ``node_requirements.lt10/advanced_packaging/ai_datacenter.criticality`` (the market part
  names a row bound to one market; without it, the class-wide row);
- ``parameters.<name>`` (``set`` or ``scale``): a per-run demand-side scenario parameter
  (``backlog_cancel_share_per_week``, ``double_order_sensitivity``, ``double_order_cap``) fixed
  at low/high; its base is the scenario's own value or the model_assumptions.csv row;
- ``shock[0].severity|duration_weeks|recovery_weeks`` (``range``: fixed at the first shock's
  distribution low / high; a field fixed in the scenario takes the low / high of the
  shock_assumptions.csv row the scenario cites for it, e.g. ``taiwan_blockade_duration``
  (matched by name: duration, severity/loss/affected, recovery), else low = high; ``set``:
  fixed at low/high; ``scale``: distribution scaled so its central value is x low/high).

Data changes are new `ModelData` copies (``dataclasses.replace`` with edited tables); inventory
and shock changes are scenario copies (``Scenario.with_changes``). Nothing is mutated.

>>> from chipshock.scenarios.model import Scenario, Shock
>>> s = Scenario("x", "x", start_year=2026, end_year=2027, runs=20,
...              shocks=(Shock("country", ("TWN",), 2026),))
>>> t = sensitivity(s, ModelData.tiny(), kpi="output_lost_weeks").table
>>> list(t.columns[:4])
['factor', 'label', 'low_value', 'high_value']

The factor table and the data-table factors are in `chipshock.sim.sensitivity_factors`, the shock
factors in `chipshock.sim.sensitivity_shocks`; this module dispatches them and runs the tornado.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import SharedReads
from chipshock.sim.run.api import per_run_kpis
from chipshock.sim.run.economics import KPIS, censored_runs
from chipshock.sim.sensitivity_factors import (
    FACTOR_COLUMNS,
    Applied,
    FactorSources,
    apply_buffer,
    apply_customer_inventory,
    apply_model_assumption,
    apply_node_requirement,
    apply_parameter,
    apply_value_multiplier,
    bad,
    default_factors,
    factor_table,
    range_columns,
    range_rows,
)
from chipshock.sim.sensitivity_shocks import apply_shock

__all__ = [
    "FACTOR_COLUMNS",
    "SensitivityResult",
    "apply_target",
    "default_factors",
    "factor_reach",
    "ranked",
    "sensitivity",
]

Progress = Callable[[int, int], None]

_METHODS = ("set", "scale", "range")


def factor_reach(low: Any, base: Any, high: Any) -> Any:
    """How far the median KPI moves over the values tried: max - min of the medians at the
    factor's low, base and high values. It equals |high - low| when the KPI is monotonic in
    the factor, and is larger when both ends lie on the same side of base (the base on a peak
    or in a trough), where the swing high - low understates the factor.

    >>> float(factor_reach(553.0, 608.9, 564.1))  # both ends below base: swing 11.1
    55.9
    >>> float(factor_reach(185.5, 608.9, 926.9))  # monotonic: reach = swing
    741.4
    """
    return np.round(
        np.maximum(np.maximum(low, base), high) - np.minimum(np.minimum(low, base), high), 12
    )


def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (kpi_low, kpi_base, kpi_high, swing) with a ``reach`` column
    (`factor_reach`), sorted by reach, largest first, ties by |swing| (stable otherwise): the
    order of every surface's tornado.

    >>> t = pd.DataFrame({"factor": ["a", "b"], "kpi_low": [553.0, 500.0],
    ...     "kpi_base": [608.9, 608.9], "kpi_high": [564.1, 530.0], "swing": [11.1, 30.0]})
    >>> ranked(t)[["factor", "reach"]].values.tolist()
    [['b', 108.9], ['a', 55.9]]
    """
    if table.empty:
        return table.assign(reach=pd.Series(dtype=float))
    out = table.assign(
        reach=factor_reach(
            table["kpi_low"].to_numpy(float),
            table["kpi_base"].to_numpy(float),
            table["kpi_high"].to_numpy(float),
        )
    )
    order = np.lexsort((-out["swing"].abs().to_numpy(float), -out["reach"].to_numpy(float)))
    return out.iloc[order].reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """A tornado table and how it was made.

    ``table``: factor, label, low_value, high_value, kpi_low, kpi_base, kpi_high (medians over
    runs), swing (kpi_high - kpi_low), source (file: row ids), confidence; then source_url,
    the p5/p95 of each side (low_p5, low_p95, base_p5, base_p95, high_p5, high_p95),
    base_value, method, how (what low and high mean) and label_ja; the unit of low/high and
    where the range comes from (`chipshock.sim.sensitivity_factors.range_columns`: unit,
    range_source, range_source_url, range_as_of, range_confidence, range_note), and ``reach``
    (`factor_reach`: how far the median moves over low, base and high); sorted by reach,
    largest first (ties by |swing|). Reach and swing differ where the KPI is not monotonic in
    the factor: both ends on the same side of base. ``low_value``/``high_value`` of a factor
    set per market (customer inventories) are the means over markets.

    ``sources``: the ``source`` and ``range_source`` of each factor as data
    (`chipshock.sim.sensitivity_factors.FactorSources`: file, row ids, note kind and its
    parameter), in the factor table's order, for surfaces that say them in another language;
    the table's columns are their English text.

    Censoring (``kpi`` ``weeks_to_recover`` only): a run not back to normal by the horizon end
    reads ``censored_at`` weeks (horizon end minus the first shock's start, what the run
    surfaces show as "≥"), so the medians and the ranking describe min(weeks, censored_at).
    The table's ``low_censored``, ``base_censored`` and ``high_censored`` count such runs at
    each point (of ``runs``; 0 for other KPIs); ``censored`` is their total over the
    ``evaluated`` runs ((1 + 2 factors) x runs), ``end_year`` the horizon's last year
    (`chipshock.present.censored_analysis.censoring_note` says it)."""

    table: pd.DataFrame
    kpi: str
    market: str
    runs: int
    seed: int
    scenario_id: str = ""
    sources: tuple[FactorSources, ...] = ()
    censored_at: float | None = None
    censored: int = 0
    evaluated: int = 0
    end_year: int = 0


def _apply(scenario: Scenario, data: ModelData, spec: pd.Series) -> Applied:
    target, method = str(spec["target"]), str(spec["method"])
    lo, hi = float(spec["low"]), float(spec["high"])
    if method not in _METHODS:
        raise bad("factors.method", method, "set, scale or range", "unknown method")
    if method != "range" and not (np.isfinite(lo) and np.isfinite(hi)):
        raise bad(
            f"factors.{spec['factor']}.low",
            f"{lo}, {hi}",
            "finite low and high",
            "missing low/high",
        )
    return apply_target(scenario, data, target, method, lo, hi, factor=str(spec["factor"]))


def apply_target(
    scenario: Scenario,
    data: ModelData,
    target: str,
    method: str,
    lo: float,
    hi: float,
    factor: str = "",
) -> Applied:
    """Move the assumption ``target`` of a factor to ``lo``/``hi`` by ``method``; the one place
    that maps a factor target to its file (shared by the tornado and the Sobol analysis).
    ``factor`` (its id) only names the factor in an error."""
    if target.startswith("node_requirements.") and target.endswith(".criticality"):
        row = target[len("node_requirements.") : -len(".criticality")]
        return apply_node_requirement(scenario, data, row, method, lo, hi, factor)
    if target.startswith("model_assumptions."):
        return apply_model_assumption(scenario, data, target.split(".", 1)[1], method, lo, hi)
    if target == "end_markets.value_multiplier":
        return apply_value_multiplier(scenario, data, method, lo, hi)
    if target == "end_markets.customer_inventory_weeks":
        return apply_customer_inventory(scenario, data, method, lo, hi)
    if target.startswith("inventory_buffers."):
        return apply_buffer(scenario, data, target.split(".", 1)[1], method, lo, hi)
    if target.startswith("parameters."):
        return apply_parameter(scenario, data, target.split(".", 1)[1], method, lo, hi)
    if target.startswith("shock[0]."):
        return apply_shock(scenario, data, target.split(".", 1)[1], method, lo, hi)
    raise bad(
        "factors.target",
        target,
        "model_assumptions.<parameter>, end_markets.value_multiplier, "
        "end_markets.customer_inventory_weeks, inventory_buffers.<applies_to>, "
        "node_requirements.<node_class>/<input_id>[/<market_id>].criticality, "
        "parameters.<backlog parameter> or "
        "shock[0].severity|duration_weeks|recovery_weeks",
        "unknown factor target",
    )


def _check(scenario: Scenario, data: ModelData, kpi: str, market: str, runs: int) -> None:
    if kpi not in KPIS:
        raise bad("kpi", kpi, "one of " + ", ".join(KPIS), "unknown KPI")
    markets = [str(m) for m in data.end_markets["market_id"]]
    if market not in ("all", *markets):
        raise bad("market", market, "all or one of " + ", ".join(markets), "unknown market")
    if runs < 1:
        raise bad("runs", runs, ">= 1", "invalid number of runs")


def _percentiles(v: np.ndarray[Any, np.dtype[np.float64]]) -> tuple[float, float, float]:
    p5, p50, p95 = np.percentile(v, [5, 50, 95])
    return float(p5), float(p50), float(p95)


def sensitivity(
    scenario: Scenario,
    data: ModelData,
    *,
    runs: int | None = None,
    seed: int | None = None,
    kpi: str = "loss_usd_bn",
    market: str = "all",
    factors: Sequence[str] | pd.DataFrame | None = None,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Tornado of ``kpi`` for ``market`` (``all`` = every market): each factor at low and at high,
    everything else at base, common random numbers (``runs``/``seed`` default to the scenario's).

    ``factors``: None (every `default_factors` row), a list of their ids, or a factor table
    with the `FACTOR_COLUMNS`. Options and factors are checked before anything runs."""
    n = scenario.runs if runs is None else int(runs)
    sd = scenario.seed if seed is None else int(seed)
    _check(scenario, data, kpi, market, n)
    table = factor_table(factors)
    applied = [_apply(scenario, data, spec) for _, spec in table.iterrows()]
    total = (1 + 2 * len(applied)) * n

    at: list[float] = []  # the censoring value of each run (weeks_to_recover only)
    # the sides differ in one assumption each: the network tables' digest and the inputs'
    # weights are read once for all (`SharedReads`; a factor's data keeps the tables it does
    # not change, so it is served too)
    reads = SharedReads()

    def one(s: Scenario, d: ModelData, step: int) -> tuple[float, float, float, int]:
        def prog(done: int, _t: int) -> None:
            if progress is not None:
                progress(step * n + done, total)

        prep, by_run = per_run_kpis(
            s, d, runs=n, seed=sd, engine=engine, scheduler=scheduler, progress=prog, reads=reads
        )
        values = by_run.loc[by_run["market"] == market, kpi].to_numpy(dtype=float)
        cut = 0
        if kpi == "weeks_to_recover":  # `run`'s recovery_censored_at: horizon end - first shock
            limit = float(prep.n_weeks - prep.first_shock_week)
            at.append(limit)
            cut = int(censored_runs(values, limit).sum())
        return (*_percentiles(values), cut)

    base = one(scenario, data, 0)
    rows = []
    for i, (spec, a) in enumerate(zip(table.to_dict("records"), applied, strict=True)):
        lo = one(a.low.scenario, a.low.data, 1 + 2 * i)
        hi = one(a.high.scenario, a.high.data, 2 + 2 * i)
        rows.append(
            {
                "factor": str(spec["factor"]),
                "label": str(spec["label_en"]),
                "low_value": a.low.value,
                "high_value": a.high.value,
                "kpi_low": lo[1],
                "kpi_base": base[1],
                "kpi_high": hi[1],
                "swing": hi[1] - lo[1],
                "source": a.source,
                "confidence": a.confidence,
                "source_url": a.source_url,
                "base_value": a.base_value,
                "low_p5": lo[0],
                "low_p95": lo[2],
                "base_p5": base[0],
                "base_p95": base[2],
                "high_p5": hi[0],
                "high_p95": hi[2],
                "method": str(spec["method"]),
                "how": a.how,
                "label_ja": str(spec["label_ja"]),
                **range_columns(spec, a),
                "low_censored": lo[3],
                "base_censored": base[3],
                "high_censored": hi[3],
            }
        )
    out = ranked(pd.DataFrame(rows))
    sources = tuple(
        FactorSources(str(spec["factor"]), a.rows, range_rows(spec, a))
        for spec, a in zip(table.to_dict("records"), applied, strict=True)
    )
    return SensitivityResult(
        table=out,
        kpi=kpi,
        market=market,
        runs=n,
        seed=sd,
        scenario_id=scenario.scenario_id,
        sources=sources,
        censored_at=max(at) if at else None,
        censored=base[3] + sum(int(r["low_censored"]) + int(r["high_censored"]) for r in rows),
        evaluated=(1 + 2 * len(rows)) * n,
        end_year=scenario.end_year,
    )
