"""Result objects: `SimResult` of one scenario and `Comparison` of two (frozen values)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import Scenario
from chipshock.sim.engine import NBINS, SUPPLY_RANGE
from chipshock.sim.prepare import WEEKS_PER_YEAR, Prepared
from chipshock.sim.run.economics import KPIS, percentile_stats
from chipshock.sim.run.reach import ShockReach

__all__ = ["Comparison", "SimResult", "bands_frame", "week_starts"]


def week_starts(start_year: int, n_weeks: int) -> pd.DatetimeIndex:
    """Start date of each model week: 52 weeks per year from 1 January (week 52 runs to 31 Dec).

    >>> week_starts(2027, 54)[[0, 51, 52]].strftime("%Y-%m-%d").tolist()
    ['2027-01-01', '2027-12-24', '2028-01-01']
    """
    t = np.arange(n_weeks)
    years = (start_year + t // WEEKS_PER_YEAR - 1970).astype("datetime64[Y]")
    days = (7 * (t % WEEKS_PER_YEAR)).astype("timedelta64[D]")
    return pd.DatetimeIndex((years.astype("datetime64[D]") + days).astype("datetime64[us]"))


def _hist_percentiles(counts: npt.NDArray[np.int64], q: float) -> npt.NDArray[np.float64]:
    """Per week and series, the bin value at quantile q (smallest bin reaching q * N)."""
    cs = np.cumsum(counts, axis=2)
    total = cs[:, :, -1:]
    b = np.argmax(cs >= np.maximum(q * total, 1), axis=2)
    return np.asarray(b, dtype=np.float64)


def bands_frame(
    prep: Prepared,
    counts: npt.NDArray[np.int64],
    week_row: npt.NDArray[np.int64] | None = None,
) -> pd.DataFrame:
    """week, date, series, key, p5, p50, p95 from merged histogram counts [T, C + 2M, NBINS + 1]
    (or, with ``week_row`` [T], the distinct rows [K, C + 2M, NBINS + 1] and each week's row).

    Series (in %): ``supply_pct_of_demand`` per class, ``delivered_pct_of_demand`` per market
    (chips, by value) and ``output_pct_of_normal`` per market (100 * y, end products made)."""
    T = prep.n_weeks
    C, M = len(prep.classes), len(prep.markets)
    dates = week_starts(prep.years[0], T)
    width = np.array([SUPPLY_RANGE / NBINS] * C + [1.0 / NBINS] * (2 * M))
    top = np.array([SUPPLY_RANGE] * C + [1.0] * (2 * M))
    vals = {}
    for name, q in (("p5", 0.05), ("p50", 0.5), ("p95", 0.95)):
        b = _hist_percentiles(counts, q)
        v = np.where(b >= NBINS, top[None, :], (b + 0.5) * width[None, :])
        vals[name] = v * 100.0 if week_row is None else (v * 100.0)[week_row]  # %
    y = np.arange(T) // WEEKS_PER_YEAR
    sum_d = prep.demand.sum(axis=0)[:, y].T * (52.0 / 12.0)  # [T, C] kwspm
    # blocks of T weeks: each % series (C + 2M), then per class its supply and its demand level
    labels = (
        [("supply_pct_of_demand", c) for c in prep.classes]
        + [("delivered_pct_of_demand", m) for m in prep.markets]
        + [("output_pct_of_normal", m) for m in prep.markets]
    )
    columns: dict[str, list[npt.NDArray[np.float64]]] = {k: [] for k in vals}
    for k, v in vals.items():
        level = v[:, :C] / 100.0 * sum_d  # [T, C] kwspm
        columns[k].append(v.T.ravel())
        columns[k].append(np.stack((level.T, sum_d.T), axis=1).ravel())
    for c in prep.classes:
        labels += [("supply_kwspm", c), ("demand_kwspm", c)]
    return pd.DataFrame(
        {
            "week": np.tile(np.arange(T), len(labels)),
            "date": np.tile(dates.to_numpy(), len(labels)),
            "series": [series for series, _ in labels for _ in range(T)],
            "key": [key for _, key in labels for _ in range(T)],
            **{k: np.concatenate(parts) for k, parts in columns.items()},
        }
    )


@dataclass(frozen=True, eq=False)
class SimResult:
    """One scenario's Monte Carlo result. Tables are tidy DataFrames (treat as read-only).

    ``loss_by_country``: gross output at risk (downstream revenue) by where end products are
    made; ``value_added_by_country``: value added lost (GDP-like), downstream and at the chip
    makers, with net chip sales lost (`chipshock.sim.run.economics`);
    ``value_added_by_country_market``: the same crossed by end market (country, market,
    measure, mean, p5, p50, p95; `economics.value_added_tables`); ``producers``: the
    supply network of the scenario, one row per producer and year (itemised fabs and "other
    fabs")."""

    scenario: Scenario
    runs: int
    seed: int
    week_start: pd.DatetimeIndex
    bands: pd.DataFrame
    kpis_by_run: pd.DataFrame
    kpis: pd.DataFrame
    loss_by_country: pd.DataFrame
    assumptions: pd.DataFrame
    value_added_by_country: pd.DataFrame = field(default_factory=pd.DataFrame)
    value_added_by_country_market: pd.DataFrame = field(default_factory=pd.DataFrame)
    producers: pd.DataFrame = field(default_factory=pd.DataFrame)
    # mean utilisation per producer over the horizon and the shock weeks, p5/p50/p95 across
    # runs (`chipshock.sim.run.utilisation.producer_utilisation`)
    producer_utilisation: pd.DataFrame = field(default_factory=pd.DataFrame)
    # one row per producer, the most stretched in the shock weeks first: capacity and baseline
    # utilisation in the shock year, shock-week utilisation across runs, capacity source
    # (`chipshock.sim.run.utilisation.utilisation_summary`; what every surface shows)
    utilisation: pd.DataFrame = field(default_factory=pd.DataFrame)
    # first and last year of the data's world capacity (global_capacity.csv); horizon years
    # outside them run on world capacity (and chip demand) held flat (`run.api.capacity_years`)
    capacity_years: tuple[int, int] | None = None
    # the scenario's own [[sourcing]] rows, sourced and served per year
    # (`chipshock.sim.network.sourcing.scenario_sourcing`; empty without such rows)
    sourcing: pd.DataFrame = field(default_factory=pd.DataFrame)
    # what each shock reached: its producers, their share of each node class's capacity in
    # the shock's year, regions, operators, inputs, markets (`chipshock.sim.run.reach`)
    shock_reach: tuple[ShockReach, ...] = ()

    def kpi(self, market: str, kpi: str) -> npt.NDArray[np.float64]:
        """Per-run values of one KPI for one market (or ``all``)."""
        df = self.kpis_by_run
        return df.loc[df["market"] == market, kpi].to_numpy(dtype=float)

    def summary(self) -> dict[str, Any]:
        """Headline numbers (all markets together unless named); computed once per result (the
        API, the texts and the report each ask for it), each call gets its own copy."""
        cached: dict[str, Any] | None = self.__dict__.get("_summary_cache")
        if cached is None:
            cached = self._summary()
            object.__setattr__(self, "_summary_cache", cached)
        return copy.deepcopy(cached)

    def _summary(self) -> dict[str, Any]:
        allk = {k: percentile_stats(self.kpi("all", k)) for k in KPIS}
        mk = self.kpis[(self.kpis["kpi"] == "output_lost_weeks") & (self.kpis["market"] != "all")]
        mk = mk[mk["mean"] > 0]  # a market that loses output in some run (review 4 #8)
        # the hardest-hit market; None (JSON null) when no market loses output in any run, so
        # that a tie at 0 does not name the first market of the list
        worst = (
            str(mk.sort_values("mean", ascending=False)["market"].iloc[0]) if not mk.empty else None
        )
        start, end = self.scenario.start_year, self.scenario.end_year
        flat = (
            [y for y in range(start, end + 1) if not cy[0] <= y <= cy[1]]
            if (cy := self.capacity_years)
            else []
        )
        return {
            "scenario_id": self.scenario.scenario_id,
            "runs": self.runs,
            "seed": self.seed,
            "horizon": [start, end],
            **allk,
            "worst_market": worst,
            "top_country_loss": self.loss_by_country.head(3).to_dict("records"),
            **self._censoring(),
            "capacity_data_years": list(cy) if cy else None,
            "capacity_flat_years": flat,
        }

    def _censoring(self) -> dict[str, Any]:
        """``recovery_censored_at``: the weeks_to_recover value that means "not back to normal
        by the horizon end" (horizon end - first shock start), ``not_recovered_pct``: the share
        of runs in which all markets together are not back to normal by then, in %, and
        ``not_recovered_pct_by_market`` (the ``weeks_to_recover`` rows of ``kpis``,
        `economics.kpi_summary`); None where the table has no such columns (an older result)."""
        rows = self.kpis[self.kpis["kpi"] == "weeks_to_recover"]
        if rows.empty or "censored_at" not in rows or rows["censored_at"].isna().all():
            return {
                "recovery_censored_at": None,
                "not_recovered_pct": None,
                "not_recovered_pct_by_market": None,
            }
        shares = rows["not_recovered_pct"].to_numpy(dtype=float)
        by_market = {str(m): float(v) for m, v in zip(rows["market"], shares, strict=True)}
        return {
            "recovery_censored_at": float(rows["censored_at"].iloc[0]),
            "not_recovered_pct": by_market.get("all"),
            "not_recovered_pct_by_market": by_market,
        }


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two scenarios run on common random numbers; ``delta`` summarises per-run b - a."""

    a: SimResult
    b: SimResult
    delta: pd.DataFrame
    headline: dict[str, Any]
