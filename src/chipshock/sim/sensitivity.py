"""One-at-a-time sensitivity ("tornado"): which assumptions drive a scenario's answer.

For each factor the scenario is run with that assumption at a LOW and at a HIGH value, every
other assumption at its base, all on common random numbers (the same seed, so each uncertain
parameter draws the same numbers in every run; see `chipshock.sim.params`). The base column is
a plain `chipshock.sim.run` of the scenario. ``swing = median(KPI | high) - median(KPI | low)``.

Factors are data: one row each in `default_factors` (factor, label_en, label_ja, target,
method, low, high). ``target`` says what is changed and ``method`` how:

- ``model_assumptions.<parameter>`` (``set``: the value becomes low/high; ``scale``: x low/high);
- ``end_markets.value_multiplier`` (``set`` or ``scale``, every market);
- ``end_markets.customer_inventory_weeks`` (``range``: every market fixed at its row's
  ``customer_inventory_weeks_low`` / ``_high``; ``set``: every market fixed at low/high weeks);
- ``inventory_buffers.<applies_to>`` (``range``: fixed at the row's ``weeks_low`` /
  ``weeks_high``; ``set``: fixed at low/high weeks), e.g. ``inventory_buffers.chips:distributor``;
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
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.api import run
from chipshock.sim.data import ModelData
from chipshock.sim.draws import scaled
from chipshock.sim.economics import KPIS

__all__ = ["FACTOR_COLUMNS", "SensitivityResult", "default_factors", "sensitivity"]

Progress = Callable[[int, int], None]

#: columns of a factor table (`default_factors`, or one passed as ``factors=``)
FACTOR_COLUMNS = ("factor", "label_en", "label_ja", "target", "method", "low", "high")

_NAN = float("nan")
#: the default factors, the low-confidence judgements the answer depends on most (``range``
#: rows take low/high from the data row or the first shock's distribution: left empty here)
_DEFAULT_FACTORS_CSV = """\
factor,label_en,label_ja,target,method,low,high
complementarity,Complementarity of chips,半導体の補完性,model_assumptions.complementarity,set,0.5,1.0
value_multiplier,Output value per chip dollar,半導体1ドル当たりの生産額,end_markets.value_multiplier,scale,0.5,1.5
customer_inventory_weeks,Customer chip inventories,顧客の半導体在庫,end_markets.customer_inventory_weeks,range,,
distributor_inventory_weeks,Distributor chip inventories,半導体メーカー・商社の在庫,inventory_buffers.chips:distributor,range,,
utilisation,Fab utilisation,工場稼働率,model_assumptions.utilisation,set,0.80,0.92
shock_severity,Shock severity,ショックの深刻度,shock[0].severity,range,,
shock_duration,Shock duration,ショックの期間,shock[0].duration_weeks,range,,
shock_recovery,Recovery after the shock,ショック後の回復期間,shock[0].recovery_weeks,range,,
"""  # noqa: E501
_METHODS = ("set", "scale", "range")
_SHOCK_FIELDS = ("severity", "duration_weeks", "recovery_weeks")
_CONFIDENCE_ORDER = ("low", "medium", "high")


def default_factors() -> pd.DataFrame:
    """The default factor table (a new DataFrame each call; see the module for the columns).
    ``range`` rows take low/high from the data row or the shock's distribution (NaN here)."""
    table = pd.read_csv(io.StringIO(_DEFAULT_FACTORS_CSV), dtype={"low": float, "high": float})
    return table[list(FACTOR_COLUMNS)]


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """A tornado table and how it was made.

    ``table``: factor, label, low_value, high_value, kpi_low, kpi_base, kpi_high (medians over
    runs), swing (kpi_high - kpi_low), source (file: row ids), confidence; then source_url,
    the p5/p95 of each side (low_p5, low_p95, base_p5, base_p95, high_p5, high_p95),
    base_value, method, how (what low and high mean) and label_ja;
    sorted by |swing|, largest first. ``low_value``/``high_value`` of a factor set per market
    (customer inventories) are the means over markets."""

    table: pd.DataFrame
    kpi: str
    market: str
    runs: int
    seed: int
    scenario_id: str = ""


@dataclass(frozen=True)
class _Variant:
    """One side (low or high) of a factor: the changed inputs and the value shown."""

    scenario: Scenario
    data: ModelData
    value: float


@dataclass(frozen=True)
class _Applied:
    low: _Variant
    high: _Variant
    base_value: float
    how: str
    source: str  # file and row id(s) of the base value
    confidence: str
    source_url: str


def _bad(field: str, value: object, expected: str, message: str) -> InputError:
    return InputError(Problem(message, field=field, value=str(value), expected=expected))


def _confidence(values: Sequence[Any]) -> str:
    found = {str(v) for v in values if isinstance(v, str) and v}
    ordered = [c for c in _CONFIDENCE_ORDER if c in found] + sorted(found - set(_CONFIDENCE_ORDER))
    return "/".join(ordered)


def _urls(df: pd.DataFrame) -> str:
    """The distinct source URLs of ``df``'s rows, space-separated."""
    if "source_url" not in df.columns:
        return ""
    return " ".join(dict.fromkeys(str(u) for u in df["source_url"] if isinstance(u, str) and u))


def _row_conf(df: pd.DataFrame) -> str:
    return _confidence(list(df["confidence"])) if "confidence" in df.columns else ""


def _with_parameters(
    scenario: Scenario, drop: Callable[[str], bool], add: dict[str, float]
) -> Scenario:
    kept = tuple(p for p in scenario.parameters if not drop(p[0]))
    extra = tuple((k, Distribution.fixed(float(v))) for k, v in add.items())
    return scenario.with_changes(parameters=(*kept, *extra))


def _model_assumption(
    scenario: Scenario, data: ModelData, name: str, method: str, lo: float, hi: float
) -> _Applied:
    ma = data.model_assumptions
    rows = ma[ma["parameter"] == name]
    if rows.empty:
        if name != "complementarity" or method != "set":
            raise _bad(
                "factors.target",
                f"model_assumptions.{name}",
                "a parameter in model_assumptions.csv",
                "unknown model assumption",
            )
        base = 1.0  # the engine's default (Leontief) when the row is absent
    else:
        base = float(rows["value"].iloc[0])
    if method not in ("set", "scale"):
        raise _bad("factors.method", method, "set or scale", "method not supported by target")

    def variant(v: float) -> _Variant:
        value = v if method == "set" else base * v
        if rows.empty:
            new = pd.concat(
                [ma, pd.DataFrame([{"parameter": name, "value": value}])], ignore_index=True
            )
        else:
            new = ma.copy()
            new.loc[new["parameter"] == name, "value"] = value
        return _Variant(scenario, replace(data, model_assumptions=new), value)

    how = "set to low / high" if method == "set" else f"base ({base:g}) x low / high"
    src = f"model_assumptions.csv: {name}" + ("" if len(rows) else " (absent: engine default)")
    return _Applied(variant(lo), variant(hi), base, how, src, _row_conf(rows), _urls(rows))


def _value_multiplier(
    scenario: Scenario, data: ModelData, method: str, lo: float, hi: float
) -> _Applied:
    em = data.end_markets
    if method not in ("set", "scale"):
        raise _bad("factors.method", method, "set or scale", "method not supported by target")

    def variant(v: float) -> _Variant:
        new = em.copy()
        new["value_multiplier"] = v if method == "set" else em["value_multiplier"] * v
        return _Variant(scenario, replace(data, end_markets=new), v)

    how = "every market set to low / high" if method == "set" else "every market x low / high"
    base = float(em["value_multiplier"].mean()) if method == "set" else 1.0
    src = f"end_markets.csv: value_multiplier ({len(em)} markets)"
    return _Applied(variant(lo), variant(hi), base, how, src, _row_conf(em), _urls(em))


def _customer_inventory(
    scenario: Scenario, data: ModelData, method: str, lo: float, hi: float
) -> _Applied:
    em = data.end_markets
    markets = [str(m) for m in em["market_id"]]

    def variant(per_market: Sequence[float]) -> _Variant:
        s = _with_parameters(
            scenario,
            lambda n: n == "customer_inventory_weeks" or n.startswith("customer_inventory_weeks."),
            {f"customer_inventory_weeks.{m}": w for m, w in zip(markets, per_market, strict=True)},
        )
        return _Variant(s, data, float(np.mean(per_market)) if len(per_market) else _NAN)

    if method == "range":
        low = [float(x) for x in em["customer_inventory_weeks_low"]]
        high = [float(x) for x in em["customer_inventory_weeks_high"]]
        how = "every market fixed at its row's low / high (mean over markets shown)"
    elif method == "set":
        low, high = [lo] * len(markets), [hi] * len(markets)
        how = "every market fixed at low / high weeks"
    else:
        raise _bad("factors.method", method, "range or set", "method not supported by target")
    base = float(em["customer_inventory_weeks"].mean()) if len(em) else _NAN
    src = f"end_markets.csv: customer_inventory_weeks ({len(em)} markets)"
    return _Applied(variant(low), variant(high), base, how, src, _row_conf(em), _urls(em))


def _buffer(
    scenario: Scenario, data: ModelData, applies_to: str, method: str, lo: float, hi: float
) -> _Applied:
    buf = data.inventory_buffers
    rows = buf[buf["applies_to"] == applies_to]
    if rows.empty:
        known = ", ".join(str(a) for a in buf["applies_to"])
        raise _bad(
            "factors.target",
            f"inventory_buffers.{applies_to}",
            f"one of {known}",
            "unknown inventory buffer",
        )
    row = rows.iloc[0]
    param = (
        "distributor_inventory_weeks"
        if applies_to == "chips:distributor"
        else f"buffer_weeks.{row['buffer_id']}"
    )
    if method == "range":
        low, high = float(row["weeks_low"]), float(row["weeks_high"])
        how = "fixed at the row's low / high weeks"
    elif method == "set":
        low, high = lo, hi
        how = "fixed at low / high weeks"
    else:
        raise _bad("factors.method", method, "range or set", "method not supported by target")

    def variant(v: float) -> _Variant:
        return _Variant(_with_parameters(scenario, lambda n: n == param, {param: v}), data, v)

    src = f"inventory_buffers.csv: {row['buffer_id']}"
    base = float(row["weeks"])
    first = rows.head(1)
    return _Applied(variant(low), variant(high), base, how, src, _row_conf(first), _urls(first))


def _dist_range(dist: Distribution) -> tuple[float, float]:
    """Low and high of a distribution: its bounds, or its 5th/95th percentile if unbounded."""
    z = 1.6448536269514722  # standard normal 95th percentile
    if dist.kind == "normal" and dist.high is None:
        mean, sd = float(dist.mean or 0.0), float(dist.sd or 0.0)
        return mean - z * sd, mean + z * sd
    if dist.kind == "lognormal":
        median = float(dist.mean if dist.mean is not None else dist.low)
        sigma = float(dist.sd or 0.0)
        return median * float(np.exp(-z * sigma)), median * float(np.exp(z * sigma))
    return dist.low, dist.high if dist.high is not None else dist.low


def _shock(
    scenario: Scenario, data: ModelData, name: str, method: str, lo: float, hi: float
) -> _Applied:
    if not scenario.shocks:
        raise _bad("factors.target", f"shock[0].{name}", "a scenario with a shock", "no shock")
    if name not in _SHOCK_FIELDS:
        raise _bad(
            "factors.target",
            f"shock[0].{name}",
            "shock[0]." + "|".join(_SHOCK_FIELDS),
            "unknown shock field",
        )
    first = scenario.shocks[0]
    dist: Distribution = getattr(first, name)
    cited: tuple[float, float, str] | None = None
    if method == "range":
        low_d, high_d = (Distribution.fixed(v) for v in _dist_range(dist))
        how = "fixed at its distribution's low / high"
        if dist.kind in ("normal", "lognormal") and dist.high is None:
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
        raise _bad("factors.method", method, "range, set or scale", "unknown method")

    def variant(d: Distribution) -> _Variant:
        if name == "severity":
            shock = replace(first, severity=d)
        elif name == "duration_weeks":
            shock = replace(first, duration_weeks=d)
        else:
            shock = replace(first, recovery_weeks=d)
        return _Variant(
            scenario.with_changes(shocks=(shock, *scenario.shocks[1:])), data, d.central
        )

    rows = _cited_rows(scenario, data, dist)
    if method == "range" and cited is not None:
        rows = _cited_for(scenario, data, name).head(1)
    source = f"scenario {scenario.scenario_id}"
    if not rows.empty:
        source += "; shock_assumptions.csv: " + ", ".join(str(p) for p in rows["parameter"])
        source += " (low / high)" if cited is not None else ""
    return _Applied(
        variant(low_d),
        variant(high_d),
        dist.central,
        how,
        source,
        _row_conf(rows) or "unrated",  # the scenario cites no shock_assumptions.csv row
        _urls(rows),
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


def _apply(scenario: Scenario, data: ModelData, spec: pd.Series) -> _Applied:
    target, method = str(spec["target"]), str(spec["method"])
    lo, hi = float(spec["low"]), float(spec["high"])
    if method not in _METHODS:
        raise _bad("factors.method", method, "set, scale or range", "unknown method")
    if method != "range" and not (np.isfinite(lo) and np.isfinite(hi)):
        raise _bad(
            f"factors.{spec['factor']}.low",
            f"{lo}, {hi}",
            "finite low and high",
            "missing low/high",
        )
    if target.startswith("model_assumptions."):
        return _model_assumption(scenario, data, target.split(".", 1)[1], method, lo, hi)
    if target == "end_markets.value_multiplier":
        return _value_multiplier(scenario, data, method, lo, hi)
    if target == "end_markets.customer_inventory_weeks":
        return _customer_inventory(scenario, data, method, lo, hi)
    if target.startswith("inventory_buffers."):
        return _buffer(scenario, data, target.split(".", 1)[1], method, lo, hi)
    if target.startswith("shock[0]."):
        return _shock(scenario, data, target.split(".", 1)[1], method, lo, hi)
    raise _bad(
        "factors.target",
        target,
        "model_assumptions.<parameter>, end_markets.value_multiplier, "
        "end_markets.customer_inventory_weeks, inventory_buffers.<applies_to> or "
        "shock[0].severity|duration_weeks|recovery_weeks",
        "unknown factor target",
    )


def _factor_table(factors: Sequence[str] | pd.DataFrame | None) -> pd.DataFrame:
    defaults = default_factors()
    if factors is None:
        return defaults
    if isinstance(factors, pd.DataFrame):
        missing = [c for c in FACTOR_COLUMNS if c not in factors.columns]
        if missing:
            raise _bad(
                "factors",
                ", ".join(missing),
                "columns " + ", ".join(FACTOR_COLUMNS),
                "factor table lacks columns",
            )
        if factors["factor"].duplicated().any():
            dup = factors.loc[factors["factor"].duplicated(), "factor"].iloc[0]
            raise _bad("factors", dup, "unique factor ids", "duplicate factor")
        return factors[list(FACTOR_COLUMNS)].reset_index(drop=True)
    names = [factors] if isinstance(factors, str) else list(factors)
    known = list(defaults["factor"])
    for n in names:
        if n not in known:
            raise _bad("factors", n, "one of " + ", ".join(known), "unknown factor")
    if not names:
        raise _bad("factors", "", "at least one of " + ", ".join(known), "no factor")
    return defaults.set_index("factor").loc[names].reset_index()


def _check(scenario: Scenario, data: ModelData, kpi: str, market: str, runs: int) -> None:
    if kpi not in KPIS:
        raise _bad("kpi", kpi, "one of " + ", ".join(KPIS), "unknown KPI")
    markets = [str(m) for m in data.end_markets["market_id"]]
    if market not in ("all", *markets):
        raise _bad("market", market, "all or one of " + ", ".join(markets), "unknown market")
    if runs < 1:
        raise _bad("runs", runs, ">= 1", "invalid number of runs")


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
    table = _factor_table(factors)
    applied = [_apply(scenario, data, spec) for _, spec in table.iterrows()]
    total = (1 + 2 * len(applied)) * n

    def one(s: Scenario, d: ModelData, step: int) -> tuple[float, float, float]:
        def prog(done: int, _t: int) -> None:
            if progress is not None:
                progress(step * n + done, total)

        r = run(s, d, runs=n, seed=sd, engine=engine, scheduler=scheduler, progress=prog)
        return _percentiles(r.kpi(market, kpi))

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
            }
        )
    out = pd.DataFrame(rows)
    if not out.empty:
        order = np.argsort(-out["swing"].abs().to_numpy(), kind="stable")
        out = out.iloc[order].reset_index(drop=True)
    return SensitivityResult(
        table=out,
        kpi=kpi,
        market=market,
        runs=n,
        seed=sd,
        scenario_id=scenario.scenario_id,
    )
