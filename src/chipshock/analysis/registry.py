"""Fab capacity over time from ``fab_capacity.csv``, and its reconciliation with regional totals.

Capacity of fab f in node class c in year y (the contract's step function), in 300 mm-equivalent
wafer starts per month:

    cap[f, c, y] = capacity_wspm of the row (f, c, y0) with the greatest y0 <= y; 0 if none

Reconciliation per region r and class c (thousand wspm, kwspm):

    itemised[r, c, y] = sum over fabs f located in r of cap[f, c, y] / 1000
    residual[r, c, y] = regional_total[r, c, y] - itemised[r, c, y]

``regional_total`` is the engine's own base capacity (world capacity x SIA/BCG share, see
`chipshock.sim.capacity`), so the figure shown here is the one the scenarios use. A negative
residual means the registry itemises more than the regional total: it is shown, not hidden.

Coverage per region and class (`coverage`), and for the world (region ``WORLD``):

    coverage_pct[r, c, y] = 100 * itemised[r, c, y] / regional_total[r, c, y]

against the aim of `COVERAGE_TARGET_PCT` (90 %); above 100 where the registry itemises more
than the total, undefined (NaN) where the total is 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.model.registry_schema import TRACKER_STATUSES
from chipshock.model.rounding import round_series

__all__ = [
    "COVERAGE_TARGET_PCT",
    "capacity_at",
    "coverage",
    "fabs_without_capacity",
    "reconcile",
    "tracker_view",
]

#: Issue #8's aim: itemised fabs make up at least this share of each region x class total.
COVERAGE_TARGET_PCT = 90.0

_OUT_COLUMNS = (
    "fab_id",
    "operator_id",
    "country",
    "status",
    "node_class",
    "capacity_wspm",
    "row_year",
    "phase",
    "method",
    "confidence",
    "as_of",
    "source_url",
)


def _check_year(year: int) -> None:
    if not 1970 <= year <= 2100:
        raise InputError(
            Problem("year out of range", field="year", value=str(year), expected="1970-2100")
        )


def capacity_at(fab_capacity: pd.DataFrame, fabs: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per fab and class with capacity in ``year``: the step-function value and its source.

    >>> cap = pd.DataFrame({"fab_id": ["a", "a"], "node_class": ["lt10", "lt10"],
    ...     "year": [2024, 2026], "capacity_wspm": [10.0, 30.0], "phase": ["P1", "P1+P2"],
    ...     "method": ["reported"] * 2, "confidence": ["high"] * 2, "as_of": ["2024"] * 2,
    ...     "source_url": ["u"] * 2})
    >>> fabs = pd.DataFrame({"fab_id": ["a"], "operator_id": ["x"], "country": ["JPN"],
    ...     "status": ["ramping"]})
    >>> capacity_at(cap, fabs, 2025)[["fab_id", "capacity_wspm", "row_year"]].values.tolist()
    [['a', 10.0, 2024]]
    """
    _check_year(year)
    rows = fab_capacity[fab_capacity["year"].astype(int) <= year]
    if rows.empty:
        return pd.DataFrame(columns=list(_OUT_COLUMNS))
    latest = (
        rows.sort_values(["fab_id", "node_class", "year"])
        .groupby(["fab_id", "node_class"], as_index=False)
        .tail(1)
        .rename(columns={"year": "row_year"})
    )
    latest = latest[latest["capacity_wspm"].astype(float) > 0]
    info = fabs[["fab_id", "operator_id", "country", "status"]]
    out = latest.merge(info, on="fab_id", how="left")
    out["row_year"] = out["row_year"].astype(int)
    out["capacity_wspm"] = out["capacity_wspm"].astype(float)
    return out[list(_OUT_COLUMNS)].sort_values(["fab_id", "node_class"]).reset_index(drop=True)


def fabs_without_capacity(fab_capacity: pd.DataFrame, fabs: pd.DataFrame) -> pd.DataFrame:
    """Wafer fabs (not packaging) that have no capacity row at all: no capacity in the model."""
    have = set(fab_capacity["fab_id"].astype(str))
    sel = ~fabs["fab_id"].astype(str).isin(have) & (fabs["segment"] != "packaging")
    cols = ["fab_id", "operator_id", "country", "segment", "status", "as_of", "source_url"]
    return fabs.loc[sel, cols].reset_index(drop=True)


def reconcile(
    itemised: pd.DataFrame,
    regional_total: pd.DataFrame,
    region_of: dict[str, str],
    classes: Sequence[str],
) -> pd.DataFrame:
    """Regional total, itemised fab capacity and residual per region and class (kwspm).

    ``itemised`` is a `capacity_at` table; ``regional_total`` has columns region, node_class,
    total_kwspm; ``region_of`` maps a fab's country to its region.

    >>> items = pd.DataFrame({"country": ["JPN", "DEU"], "node_class": ["lt10", "lt10"],
    ...     "capacity_wspm": [20000.0, 5000.0]})
    >>> totals = pd.DataFrame({"region": ["JPN", "EUR"], "node_class": ["lt10", "lt10"],
    ...     "total_kwspm": [50.0, 2.0]})
    >>> r = reconcile(items, totals, {"JPN": "JPN", "DEU": "EUR"}, ["lt10"])
    >>> r[["region", "itemised_kwspm", "residual_kwspm"]].values.tolist()
    [['JPN', 20.0, 30.0], ['EUR', 5.0, -3.0]]
    """
    items = itemised.assign(
        region=itemised["country"].map(lambda c: region_of.get(str(c), "ROW")),
        kwspm=itemised["capacity_wspm"].astype(float) / 1000.0,
    )
    grouped = items.groupby(["region", "node_class"]).agg(
        itemised_kwspm=("kwspm", "sum"), n_fabs=("kwspm", "size")
    )
    out = regional_total.set_index(["region", "node_class"]).join(grouped, how="outer")
    out = out.reset_index()
    out = out[out["node_class"].isin(list(classes))]
    out["total_kwspm"] = out["total_kwspm"].astype(float).fillna(0.0)
    out["itemised_kwspm"] = out["itemised_kwspm"].astype(float).fillna(0.0)
    out["n_fabs"] = out["n_fabs"].fillna(0).astype(int)
    out["residual_kwspm"] = out["total_kwspm"] - out["itemised_kwspm"]
    total = out["total_kwspm"].where(out["total_kwspm"] > 0)
    out["itemised_pct"] = round_series(100.0 * out["itemised_kwspm"] / total, 1)
    order = {c: i for i, c in enumerate(classes)}
    regions = list(dict.fromkeys(regional_total["region"]))
    rank = {r: i for i, r in enumerate(regions)}
    out = out.sort_values(
        by=["node_class", "region"],
        key=lambda s: s.map(order) if s.name == "node_class" else s.map(lambda r: rank.get(r, 99)),
    )
    cols = [
        "region",
        "node_class",
        "total_kwspm",
        "itemised_kwspm",
        "residual_kwspm",
        "itemised_pct",
        "n_fabs",
    ]
    out = out[cols].reset_index(drop=True)
    for col in ("total_kwspm", "itemised_kwspm", "residual_kwspm"):
        out[col] = round_series(out[col], 1)
    return out


def tracker_view(
    tracker: pd.DataFrame, statuses: Sequence[str] = (), countries: Sequence[str] = ()
) -> pd.DataFrame:
    """Alliance tracker rows, items first and each item's milestones after it (by event date),
    optionally only some statuses and countries.

    >>> t = pd.DataFrame({"item_id": ["a", "m2", "m1"], "parent_item_id": [None, "a", "a"],
    ...     "event_date": ["2024", "2026", "2025"], "status": ["under-way", "delayed", "done"],
    ...     "countries": ["USA;JPN", "JPN", "JPN"]})
    >>> tracker_view(t)["item_id"].tolist(), tracker_view(t, ["delayed"])["item_id"].tolist()
    (['a', 'm1', 'm2'], ['m2'])
    """
    for s in statuses:
        if s not in TRACKER_STATUSES:
            raise InputError(
                Problem(
                    "unknown status",
                    field="--only",
                    value=s,
                    expected="one of " + ", ".join(TRACKER_STATUSES),
                )
            )
    children: dict[str, list[int]] = {}
    roots: list[int] = []
    ids = set(tracker["item_id"].astype(str))
    for i, parent in enumerate(tracker["parent_item_id"]):
        if isinstance(parent, str) and parent in ids:
            children.setdefault(parent, []).append(i)
        else:
            roots.append(i)
    dates = tracker["event_date"].astype(str).tolist()
    order: list[int] = []

    def visit(i: int) -> None:
        order.append(i)
        for c in sorted(children.get(str(tracker["item_id"].iloc[i]), []), key=lambda k: dates[k]):
            visit(c)

    for r in sorted(roots, key=lambda k: dates[k]):
        visit(r)
    out = tracker.iloc[order]
    if statuses:
        out = out[out["status"].isin(list(statuses))]
    if countries:
        wanted = {c.upper() for c in countries}
        out = out[out["countries"].map(lambda v: bool(wanted & set(str(v).split(";"))))]
    return out.reset_index(drop=True)


def coverage(reconciled: pd.DataFrame, target_pct: float = COVERAGE_TARGET_PCT) -> pd.DataFrame:
    """Coverage of each region x class total by itemised fabs, plus a ``WORLD`` row per class.

    ``reconciled`` is a `reconcile` table. Columns: region, node_class, total_kwspm,
    itemised_kwspm, remainder_kwspm (= total - itemised, the "other fabs"), coverage_pct,
    meets_target (coverage_pct >= target_pct; False where the total is 0), n_fabs.

    >>> r = pd.DataFrame({"region": ["JPN", "EUR"], "node_class": ["lt10", "lt10"],
    ...     "total_kwspm": [50.0, 10.0], "itemised_kwspm": [46.0, 2.0],
    ...     "residual_kwspm": [4.0, 8.0], "itemised_pct": [92.0, 20.0], "n_fabs": [2, 1]})
    >>> coverage(r)[["region", "coverage_pct", "meets_target"]].values.tolist()
    [['JPN', 92.0, True], ['EUR', 20.0, False], ['WORLD', 80.0, False]]
    """
    cols = ["total_kwspm", "itemised_kwspm", "n_fabs"]
    world = reconciled.groupby("node_class", sort=False)[cols].sum().reset_index()
    world.insert(0, "region", "WORLD")
    out = pd.concat([reconciled[["region", "node_class", *cols]], world], ignore_index=True)
    order = {c: i for i, c in enumerate(dict.fromkeys(reconciled["node_class"]))}
    out = out.sort_values("node_class", key=lambda s: s.map(order), kind="stable")
    out["remainder_kwspm"] = round_series(out["total_kwspm"] - out["itemised_kwspm"], 1)
    total = out["total_kwspm"].astype(float).where(out["total_kwspm"] > 0)
    out["coverage_pct"] = round_series(100.0 * out["itemised_kwspm"].astype(float) / total, 1)
    if "itemised_pct" in reconciled:  # the regional cells as `reconcile` computed them, unrounded
        regional = reconciled.set_index(["region", "node_class"])["itemised_pct"]
        keys = pd.MultiIndex.from_frame(out[["region", "node_class"]])
        out["coverage_pct"] = regional.reindex(keys).to_numpy(dtype=float)
        out.loc[out["region"] == "WORLD", "coverage_pct"] = round_series(
            100.0 * out["itemised_kwspm"] / total, 1
        )
    out["meets_target"] = (out["coverage_pct"] >= target_pct).fillna(False).astype(bool)
    out["total_kwspm"] = round_series(out["total_kwspm"], 1)
    out["itemised_kwspm"] = round_series(out["itemised_kwspm"], 1)
    out["n_fabs"] = out["n_fabs"].astype(int)
    return out[
        [
            "region",
            "node_class",
            "total_kwspm",
            "itemised_kwspm",
            "remainder_kwspm",
            "coverage_pct",
            "meets_target",
            "n_fabs",
        ]
    ].reset_index(drop=True)
