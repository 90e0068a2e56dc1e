"""KPIs and economic loss from shortfall: definitions, method and sources.

Two families of KPI, per run and market (and ``all`` = every market together).

*Chip KPIs* measure chips not delivered, by chip value, so that wafers of different node classes
add up: a market's weekly shortfall value is ``sum_c short[m, c] * usd_per_wafer[c]``
(wafer_value.csv: revenue per 300mm wafer to the wafer maker) and its demand value likewise.
``short = max(D_t - delivered, 0)`` is the chips the market needed this week and did not get
this week: they wait in the backlog (delivered later) or are cancelled
(`chipshock.sim.engine.allocation`).
- ``cumulative_shortfall_weeks``: sum over weeks of shortfall value / demand value that week,
  i.e. *weeks of chip demand not delivered on time* over the horizon (1.0 = one full week);
- ``cumulative_shortfall_pct_annual``: the same as a percentage of one year's demand (x 100/52);
- ``peak_weekly_shortfall_pct``: the largest weekly shortfall value / demand value, in %.

*Output KPIs* measure end products not made. Only *cancelled* orders are lost output: the
backlog a market waits for and receives later is output deferred, not lost (a share
``backlog_cancel_share_per_week`` of the open backlog is cancelled each week). Leontief
assumption: an end product needs every class of chip it uses in fixed proportion (a car missing
one MCU is not built: the 2021 auto shortage), so the scarcest class sets output. With
x[m, c, t] the cancelled orders, 1 - y[m, t] = max_c x / D_t over the classes the market uses;
model_assumptions.csv ``complementarity`` kappa in [0, 1] blends it with the chip-value-weighted
mean (lost = kappa (1 - y) + (1 - kappa) * sum_c x usd / sum_c D_t usd; default 1 = Leontief).
Chips of the non-binding classes are taken as consumed anyway (no extra inventory build-up), and
no end product is re-designed around a missing chip within the horizon.
- ``output_lost_weeks``: sum over weeks of (1 - y), i.e. *weeks of normal output lost*; for
  ``all`` the weekly losses are weighted by each market's downstream output value;
- ``output_lost_pct_annual``: the same as a percentage of one year's output (x 100/52);
- ``peak_output_lost_pct``: the largest weekly (1 - y), in %;
- ``weeks_to_recover``: weeks from the first shock start to the first week after the (first)
  output-loss episode from which the loss stays below ``shortfall_tolerance`` for
  ``recovery_window_weeks`` weeks (model_assumptions.csv); 0 if the loss never reaches the
  tolerance; horizon end minus shock start if the market never recovers: that value is
  *censored* (a lower bound: output is not back to normal by the horizon end), and the summary
  table says so (`kpi_summary`: ``censored_at`` = that value, ``not_recovered_pct`` = the share
  of runs censored, on the ``weeks_to_recover`` rows), derived here from the per-run values and
  the horizon, not by the weekly kernel;
- ``loss_usd_bn``: downstream revenue at risk = sum over weeks of (1 - y[m, t]) * V[m, year],
  the weekly downstream output value V = the market's chip demand in the year
  (`chipshock.sim.demand.markets.market_demand_usd_bn`: end_markets.csv's level and growth, or
  market_demand_path.csv's rows where it has them) x value_multiplier[m] / 52 (downstream
  revenue per USD of chips; e.g. automotive 33 from AlixPartners 2021, USD 210bn for 7.7m cars).

*Measures named for what they are*:
- ``loss_usd_bn`` is *gross output at risk*: downstream revenue not realised (not value added,
  not GDP: a car's revenue counts its chips, steel and labour alike);
- ``chips_not_delivered_usd_bn``: the chips themselves not delivered within the horizon:
  cancelled orders plus the backlog still open at the horizon end, x usd_per_wafer[c]
  (wafer_value.csv), i.e. the chips the buyers did not receive in the horizon. It is not the
  chip makers' net loss of sales: value added by country books that (``chip_sales_lost``, from
  each producer's net sales lost). Over the horizon net sales lost = chips not delivered + the
  stock still missing at its end - the stock growth buyers bought at year turns (stocks grow
  with demand at each new year for free on the no-shock path; a buyer short at the turn gets
  less of it and orders the rest). So it is smaller when stocks are rebuilt across a year turn
  (a 26-week world neon cut: USD 7.5 bn not delivered against 1.3 bn; review 7, finding 5),
  may be negative, and is larger when the horizon ends first; equal without demand growth once
  stocks are rebuilt (docs/scenarios.md; review 10, finding 4);
- ``lead_time_weeks_peak``: the longest weekly lead time (weeks from order to delivery) of the
  market: the mean of its node classes' lead times weighted by chip value demanded, each
  class's phi_c (normal lead time, model_assumptions.csv ``normal_lead_time_weeks``, + the
  class's chip orders outstanding, unmet needs and unfilled inventory cover, / its weekly
  demand; Little's law), phi_c the class's double-ordering factor (`engine.allocation`, step
  7); all markets: the markets' weekly lead times by chip value;
- ``inventory_drawdown_peak_pct``: the largest weekly share of the markets' inventory cover
  (weeks_m x demand) missing, by chip value, in % (summed over the classes: it saturates at
  the chip-value share of the classes a shock cuts and cannot say whether stocks ran out);
- ``inventory_cover_min_weeks``: the fewest weeks of cover left in the market's scarcest class
  at the worst point, min over weeks and the classes with demand of stock / that week's
  demand (0: a class ran out, which under complementarity 1 stops the market); all markets:
  the lowest market's;
- ``backlog_end_weeks``: the backlog still open at the horizon end, in weeks of demand (not
  counted as output lost: it may be delivered after the horizon).

*Value added lost by country* (GDP-like, `value_added_tables`), per run:
    VA[k] = sum_m loss_usd[m] va_m out_share[m, k]  (downstream: the market's gross output at
            risk x its value-added ratio, where the end products are made)
          + va_chips chip_lost[k]                    (chip makers: net chip sales lost by the
            producers located in k; < 0 where a country's fabs gained the orders of others)
va ratios: model_assumptions.csv ``value_added_ratio_<market>`` and ``value_added_ratio_chips``
(judgement rows, confidence low).

One geography per table: k runs over the codes of market_country_output.csv (where end products
are made: countries and the regions EUR and ROW; for each market, a country it does not list
counts under that market's ROW). A chip maker's fab country is put on the same codes
(`end_product_geography`): kept when it is one of them (TWN, KOR, USA ...), else the region
that holds it in country_groups.csv (DEU, FRA, IRL -> EUR = EU-27), else ROW (SGP, ISR, GBR,
MYS ...). "Other fabs" count under their region code. So no row is both a region and one of its
members (Germany's fabs are in Europe's row, beside Europe's carmakers).

Loss per country = market loss * share of the market's output made in that country
(market_country_output.csv; assembly location, by units or value added: an approximation).
Percentiles are linear-interpolated over runs (numpy ``percentile``); every mean and percentile
comes from `percentile_stats`, which writes a zero as +0.0 (never -0.0, which a negated or
interpolated zero can give and which JSON would carry to every surface).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "CENSOR_COLUMNS",
    "KPIS",
    "censored_runs",
    "customer_mix",
    "end_product_geography",
    "kpi_frame",
    "kpi_summary",
    "loss_by_country",
    "percentile_stats",
    "percentile_table",
    "value_added_tables",
]

F64 = npt.NDArray[np.float64]
KPIS = (
    "cumulative_shortfall_weeks",
    "cumulative_shortfall_pct_annual",
    "peak_weekly_shortfall_pct",
    "weeks_to_recover",
    "loss_usd_bn",
    "output_lost_weeks",
    "output_lost_pct_annual",
    "peak_output_lost_pct",
    "chips_not_delivered_usd_bn",
    "lead_time_weeks_peak",
    "inventory_drawdown_peak_pct",
    "inventory_cover_min_weeks",
    "backlog_end_weeks",
)


def percentile_stats(values: F64) -> dict[str, float]:
    """mean, p5, p50, p95 of per-run values (linear interpolation), with zeros as +0.0.

    >>> percentile_stats(-np.zeros(3))
    {'mean': 0.0, 'p5': 0.0, 'p50': 0.0, 'p95': 0.0}
    """
    v = np.asarray(values, dtype=np.float64)
    p5, p50, p95 = np.percentile(v, [5, 50, 95])
    # + 0.0 turns -0.0 into 0.0 and leaves every other value as it is
    return {
        "mean": float(v.mean()) + 0.0,
        "p5": float(p5) + 0.0,
        "p50": float(p50) + 0.0,
        "p95": float(p95) + 0.0,
    }


#: the columns of `percentile_table`, in order
STATS = ("mean", "p5", "p50", "p95")


def percentile_table(rows: F64) -> F64:
    """`percentile_stats` of each row of ``rows`` [K, n] at once: [K, 4] mean, p5, p50, p95.

    Each row is made contiguous, so numpy reduces it as it would the row alone: every figure
    is the one `percentile_stats` gives for that row (the tests compare them bit for bit).

    >>> percentile_table(np.array([[1.0, 2.0, 3.0], [-0.0, -0.0, -0.0]])).tolist()
    [[2.0, 1.1, 2.0, 2.9], [0.0, 0.0, 0.0, 0.0]]
    """
    block = np.ascontiguousarray(rows, dtype=np.float64)
    out = np.empty((block.shape[0], 4))
    if block.shape[0] == 0:
        return out
    out[:, 0] = block.mean(axis=1)
    out[:, 1:] = np.percentile(block, [5, 50, 95], axis=1).T
    return out + 0.0  # -0.0 -> 0.0, every other value as it is


def kpi_frame(
    markets: Sequence[str],
    cum_weeks: F64,
    peak: F64,
    loss_usd: F64,
    recover: F64,
    out_weeks: F64,
    out_peak: F64,
    chips_usd: F64,
    lead_peak: F64,
    drawdown_peak: F64,
    backlog_end_weeks: F64,
    cover_min_weeks: F64,
) -> pd.DataFrame:
    """Long per-run KPI table: run, market, one column per KPI (arrays are [runs, M + 1])."""
    n, m1 = cum_weeks.shape
    names = [*markets, "all"]
    return pd.DataFrame(
        {
            "run": np.repeat(np.arange(n), m1),
            "market": np.tile(np.array(names, dtype=object), n),
            "cumulative_shortfall_weeks": cum_weeks.ravel(),
            "cumulative_shortfall_pct_annual": cum_weeks.ravel() * 100.0 / 52.0,
            "peak_weekly_shortfall_pct": peak.ravel() * 100.0,
            "weeks_to_recover": recover.ravel(),
            "loss_usd_bn": loss_usd.ravel() / 1e9,
            "output_lost_weeks": out_weeks.ravel(),
            "output_lost_pct_annual": out_weeks.ravel() * 100.0 / 52.0,
            "peak_output_lost_pct": out_peak.ravel() * 100.0,
            "chips_not_delivered_usd_bn": chips_usd.ravel() / 1e9,
            "lead_time_weeks_peak": lead_peak.ravel(),
            "inventory_drawdown_peak_pct": drawdown_peak.ravel() * 100.0,
            "inventory_cover_min_weeks": cover_min_weeks.ravel(),
            "backlog_end_weeks": backlog_end_weeks.ravel(),
        }
    )


#: the columns `kpi_summary` adds with a censoring value: on the ``weeks_to_recover`` rows, the
#: value a run that has not recovered by the horizon end reads (weeks from the first shock start
#: to the horizon end) and the share of runs that read it, in %; empty (NaN) on the other rows
CENSOR_COLUMNS = ("censored_at", "not_recovered_pct")


def censored_runs(weeks_to_recover: F64, censor_weeks: float) -> npt.NDArray[np.bool_]:
    """Which runs have not recovered by the horizon end: ``weeks_to_recover`` equal to
    ``censor_weeks`` (horizon end minus first shock start, what the engine writes for a run
    still in its loss episode at the end; a run that recovers reads at most ``censor_weeks`` -
    ``recovery_window_weeks``); none without a positive ``censor_weeks``.

    >>> censored_runs(np.array([0.0, 12.0, 208.0]), 208.0).tolist()
    [False, False, True]
    """
    w = np.asarray(weeks_to_recover, dtype=np.float64)
    if not censor_weeks > 0:
        return np.zeros(w.shape, dtype=bool)
    return np.asarray(w >= censor_weeks - 1e-9, dtype=bool)


def kpi_summary(by_run: pd.DataFrame, censor_weeks: float | None = None) -> pd.DataFrame:
    """market, kpi, mean, p5, p50, p95 over runs (input: `kpi_frame` or a difference of two).

    With ``censor_weeks`` (a result's own table, not a difference) also `CENSOR_COLUMNS`:
    ``censored_at`` = ``censor_weeks`` and ``not_recovered_pct`` = the share of runs whose
    ``weeks_to_recover`` is censored (`censored_runs`), on the ``weeks_to_recover`` rows only.
    A percentile equal to ``censored_at`` is a lower bound ("at least"), not a recovery time."""
    markets, rows, shares = [], [], []
    for market, grp in by_run.groupby("market", sort=False):
        markets.append(market)
        rows.append(grp[list(KPIS)].to_numpy(dtype=float).T)  # [K, runs of this market]
        if censor_weeks is not None:
            cut = censored_runs(grp["weeks_to_recover"].to_numpy(dtype=float), censor_weeks)
            shares.append(100.0 * float(cut.mean()) + 0.0 if cut.size else 0.0)
    columns = ["market", "kpi", *STATS]
    if censor_weeks is not None:
        columns += list(CENSOR_COLUMNS)
    if not rows:
        return pd.DataFrame(columns=columns)
    stats = np.concatenate([percentile_table(r) for r in rows])
    out = pd.DataFrame(
        {
            "market": [m for m in markets for _ in KPIS],
            "kpi": list(KPIS) * len(markets),
            **{name: stats[:, i] for i, name in enumerate(STATS)},
        }
    )
    if censor_weeks is not None:
        recover = (out["kpi"] == "weeks_to_recover").to_numpy()
        out["censored_at"] = np.where(recover, float(censor_weeks), np.nan)
        out["not_recovered_pct"] = np.where(
            recover, np.repeat(np.asarray(shares, dtype=float), len(KPIS)), np.nan
        )
    return out


def loss_by_country(
    markets: Sequence[str], loss_usd: F64, countries: Sequence[str], mco: F64
) -> pd.DataFrame:
    """country, mean, p5, p50, p95 of loss (USD bn) attributed by market output shares."""
    per = np.einsum("nm,mk->nk", loss_usd[:, : len(markets)], mco) / 1e9  # [runs, N]
    rows = [{"country": c, **percentile_stats(per[:, i])} for i, c in enumerate(countries)]
    return pd.DataFrame(rows, columns=["country", "mean", "p5", "p50", "p95"]).sort_values(
        "p50", ascending=False, ignore_index=True
    )


def customer_mix(demand: F64, share: F64, prod_class: npt.NDArray[np.int64]) -> F64:
    """Each producer's normal orders by market over the horizon, as fractions [P, M]:
    mix[p, m] = sum_y D[m, c(p), y] share[m, p, y] / sum_{m, y} (the same); 0 without orders."""
    orders = np.einsum("mpy,mpy->pm", demand[:, prod_class, :], share)
    total = orders.sum(axis=1, keepdims=True)
    return np.asarray(
        np.divide(orders, total, out=np.zeros_like(orders), where=total > 0), dtype=np.float64
    )


def end_product_geography(
    prod_country: Sequence[str], codes: Sequence[str], groups: pd.DataFrame
) -> tuple[str, ...]:
    """Each producer's country on the end-product side's codes ``codes`` (market_country_output
    .csv): itself when listed; else the listed region whose group (``groups``: country_groups
    .csv, group_code, country_code) holds it; else ROW when listed; else itself (no region to
    fold it into, as in a test network without ROW).

    >>> g = pd.DataFrame({"group_code": ["EUR", "EU27"], "country_code": ["DEU", "DEU"]})
    >>> end_product_geography(["DEU", "TWN", "SGP", "EUR"], ["EUR", "ROW", "TWN"], g)
    ('EUR', 'TWN', 'ROW', 'EUR')
    >>> end_product_geography(["SGP"], ["TWN"], g)
    ('SGP',)
    """
    listed = set(codes)
    region: dict[str, str] = {}
    for group, country in zip(
        groups["group_code"].astype(str), groups["country_code"].astype(str), strict=True
    ):
        if group in listed:
            region.setdefault(country, group)
    fallback = "ROW" if "ROW" in listed else None
    return tuple(
        c if c in listed else region.get(c, fallback or c) for c in (str(x) for x in prod_country)
    )


def value_added_tables(
    markets: Sequence[str],
    loss_usd: F64,
    countries: Sequence[str],
    mco: F64,
    va_market: F64,
    prod_country: Sequence[str],
    chip_lost: F64,
    va_chips: float,
    mix: F64,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Value added lost by country, and the same crossed by end market, from one per-run grid.

    Per run, with k the country where the value is lost and m the end market whose shortfall
    causes it (USD):
        downstream[k, m] = loss_usd[m] va_m out_share[m, k];
        sales[k] = sum_{p in k} chip_lost[p]  (net chip sales lost by the producers in k;
            < 0 where a country's fabs gained the orders of others);
        chips[k, m] = va_chips sum_{p in k} chip_lost[p] mix[p, m]  (a producer's net chip sales
            lost split over markets by its normal customer mix, `customer_mix`: an
            approximation, as the engine books them per producer, not per market).

    By country (first table: country, measure, mean, p5, p50, p95 in USD bn, countries by
    median value added lost): ``downstream_value_added_lost`` = sum_m downstream[k, m],
    ``chip_value_added_lost`` = va_chips sales[k], ``value_added_lost`` their sum, and
    ``chip_sales_lost`` = sales[k]. Crossed (second table: country, market, measure, mean, p5,
    p50, p95, a full grid, zeros included): ``downstream_value_added_lost`` = downstream[k, m],
    ``chip_value_added_lost`` = chips[k, m], ``value_added_lost`` their sum. Summed over
    markets, each run's crossed values equal the by-country ones (a producer with orders has a
    mix that sums to 1)."""
    names = sorted(set(countries) | set(prod_country))
    where = {c: i for i, c in enumerate(names)}
    n, n_markets = loss_usd.shape[0], len(markets)
    downstream = np.zeros((n, len(names), n_markets))
    per = loss_usd[:, :n_markets, None] * va_market[None, :, None] * mco[None]  # [n, M, N]
    for i, c in enumerate(countries):
        downstream[:, where[c], :] += per[:, :, i]
    sales = np.zeros((n, len(names)))
    chips = np.zeros((n, len(names), n_markets))
    for p, c in enumerate(prod_country):
        sales[:, where[c]] += chip_lost[:, p]
        chips[:, where[c], :] += va_chips * chip_lost[:, p, None] * mix[None, p, :]
    return (
        _by_country(names, downstream.sum(axis=2), sales, va_chips),
        _by_country_market(names, markets, downstream, chips),
    )


def _by_country(names: Sequence[str], downstream: F64, sales: F64, va_chips: float) -> pd.DataFrame:
    chip_va = va_chips * sales
    per_measure = (  # each [n, countries], in USD bn
        (downstream + chip_va) / 1e9,  # value_added_lost
        downstream / 1e9,  # downstream_value_added_lost
        chip_va / 1e9,  # chip_value_added_lost
        sales / 1e9,  # chip_sales_lost
    )
    # rows country by country, the measures in this order within each
    values = np.stack(per_measure, axis=2).reshape(downstream.shape[0], -1)  # [n, K * 4]
    stats = percentile_table(values.T)
    measures = (
        "value_added_lost",
        "downstream_value_added_lost",
        "chip_value_added_lost",
        "chip_sales_lost",
    )
    out = pd.DataFrame(
        {
            "country": [c for c in names for _ in measures],
            "measure": list(measures) * len(names),
            **{name: stats[:, i] for i, name in enumerate(STATS)},
        },
        columns=["country", "measure", *STATS],
    )
    order = out[out.measure == "value_added_lost"].sort_values("p50", ascending=False)["country"]
    rank = {c: i for i, c in enumerate(order)}
    return out.sort_values(
        ["country", "measure"], key=lambda s: s.map(rank) if s.name == "country" else s
    ).reset_index(drop=True)


def _by_country_market(
    names: Sequence[str], markets: Sequence[str], downstream: F64, chips: F64
) -> pd.DataFrame:
    measures = ("value_added_lost", "downstream_value_added_lost", "chip_value_added_lost")
    # [n, countries, markets, measures] -> rows country, then market, then measure
    values = np.stack((downstream + chips, downstream, chips), axis=3) / 1e9
    stats = percentile_table(values.reshape(values.shape[0], -1).T)
    n_pairs = len(names) * len(markets)
    return pd.DataFrame(
        {
            "country": [c for c in names for _ in range(len(markets) * len(measures))],
            "market": [m for _ in names for m in markets for _ in measures],
            "measure": list(measures) * n_pairs,
            **{name: stats[:, i] for i, name in enumerate(STATS)},
        },
        columns=["country", "market", "measure", *STATS],
    )
