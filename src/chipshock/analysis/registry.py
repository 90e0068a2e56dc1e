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

Alliance tracker (`tracker_view`): a row's status is *stale* when it is still open and was last
checked before the data release's date less `STALE_AFTER_MONTHS`:

    stale = status not in FINAL_STATUSES and (
        checked(status_as_of) < release_date - 12 months
        or status = announced and end(event_date) < release_date - 24 months
        or status = under-way and end(event_date) < release_date - 48 months)

(the second and third: *overdue*, `OVERDUE_AFTER_MONTHS`: an item long past its own date that
has not moved)

where checked() of a month is its last day (2025-09 -> 2025-09-30: the month is close enough to
give the status its benefit), and of a bare year its *first* day (2025 -> 2025-01-01): a year is
too imprecise to be taken as fresh, since "2025" may mean January 2025. Such a date is flagged
"date imprecise" with the stale rows (`is_year_only`). The release date, not the clock, keeps
the flag reproducible.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from chipshock.errors import InputError, Problem, StoreError
from chipshock.model.registry_schema import TRACKER_STATUSES, WAFER_300MM_EQUIVALENT
from chipshock.model.rounding import round_series
from chipshock.model.years import check_registry_year

__all__ = [
    "COVERAGE_TARGET_PCT",
    "FINAL_STATUSES",
    "OVERDUE_AFTER_MONTHS",
    "STALE_AFTER_MONTHS",
    "DataRelease",
    "capacity_at",
    "coverage",
    "fab_capacity_300mm",
    "fab_capacity_in_year",
    "fabs_without_capacity",
    "is_overdue",
    "is_year_only",
    "model_volume_years",
    "reconcile",
    "stale_cutoff",
    "tracker_view",
]

#: Issue #8's aim: itemised fabs make up at least this share of each region x class total.
COVERAGE_TARGET_PCT = 90.0

STALE_AFTER_MONTHS = 12
"""A tracker status checked (``status_as_of``) more than this many months before the data
release's date is flagged stale on every surface. A convention of chipshock, not of a source: a
year is long enough for a fab's schedule or a programme's status to have moved, and short enough
that most rows of a release made within a year of the news carry no flag."""

OVERDUE_AFTER_MONTHS: dict[str, int] = {"announced": 24, "under-way": 48}
"""A tracker row still at this status more than this many months after its own event date is
also flagged stale, however recently its status was checked (review 9a, finding 8: the LSTC-NSTC
R&D item of July 2022, still "announced" four years on). A convention of chipshock, not of a
source: an announcement normally becomes work under way (or is dropped) within two years, and a
fab or programme under way normally finishes within four (a fab builds in two to four years)."""

#: Tracker statuses that cannot move any more, so never stale however old their check.
FINAL_STATUSES = ("done", "cancelled")


@dataclass(frozen=True)
class DataRelease:
    """The curated data release a store was built from: its number and date (YYYY-MM-DD), as
    `chipshock data info` shows them (the store's ``meta`` table)."""

    number: str
    date: str

    @classmethod
    def from_meta(cls, meta: pd.DataFrame) -> DataRelease:
        """The release of the store's ``meta`` table (columns ``key``, ``value``).

        >>> DataRelease.from_meta(pd.DataFrame({"key": ["data_release", "data_release_date"],
        ...     "value": ["8", "2026-12-02"]}))
        DataRelease(number='8', date='2026-12-02')
        """
        values = dict(zip(meta["key"].astype(str), meta["value"].astype(str), strict=True))
        if "data_release" not in values or "data_release_date" not in values:
            raise StoreError(
                "the store does not say its data release (meta: data_release, "
                "data_release_date); rebuild it with `chipshock data build`"
            )
        return cls(values["data_release"], values["data_release_date"])


def _period_end(text: str, field: str = "status_as_of") -> dt.date:
    """The last day a date of YYYY, YYYY-MM or YYYY-MM-DD can mean.

    >>> _period_end("2025"), _period_end("2024-02"), _period_end("2025-08-25")
    (datetime.date(2025, 12, 31), datetime.date(2024, 2, 29), datetime.date(2025, 8, 25))
    """
    parts = str(text).strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        year, month = numbers[0], numbers[1] if len(numbers) > 1 else 12
        day = numbers[2] if len(numbers) > 2 else calendar.monthrange(year, month)[1]
        if len(numbers) > 3:
            raise ValueError(text)
        return dt.date(year, month, day)
    except (ValueError, IndexError) as exc:
        raise InputError(
            Problem("not a date", field=field, value=str(text), expected="YYYY[-MM[-DD]]")
        ) from exc


def stale_cutoff(release_date: str, months: int = STALE_AFTER_MONTHS) -> dt.date:
    """The release date less ``months`` (the day clipped to the month's end): a status checked
    before this day is stale.

    >>> stale_cutoff("2026-12-02"), stale_cutoff("2025-02-28", 12), stale_cutoff("2024-02-29")
    (datetime.date(2025, 12, 2), datetime.date(2024, 2, 28), datetime.date(2023, 2, 28))
    """
    release = _period_end(release_date, "data_release_date")
    index = release.year * 12 + release.month - 1 - months
    year, month = divmod(index, 12)
    day = min(release.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def is_year_only(text: object) -> bool:
    """Whether a date is a bare year (``2025``): too imprecise to be read as fresh.

    >>> is_year_only("2025"), is_year_only(" 2025 "), is_year_only("2025-11")
    (True, True, False)
    """
    return str(text).strip().isdigit()


def _checked(text: str) -> dt.date:
    """The day a status counts as checked: a bare year's first day, else `_period_end`."""
    if is_year_only(text):
        return dt.date(_period_end(text).year, 1, 1)
    return _period_end(text)


def _stale(tracker: pd.DataFrame, release: DataRelease) -> list[bool]:
    cutoff = stale_cutoff(release.date)
    return [
        str(status) not in FINAL_STATUSES
        and (_checked(str(as_of)) < cutoff or is_overdue(str(status), str(when), release))
        for status, as_of, when in zip(
            tracker["status"], tracker["status_as_of"], tracker["event_date"], strict=True
        )
    ]


def is_overdue(status: str, event_date: str, release: DataRelease) -> bool:
    """Whether a row still ``announced`` or ``under-way`` is long past its own event date:
    more than `OVERDUE_AFTER_MONTHS` [status] months before the release's date (the event
    date's last day: a bare year counts to 31 December, to its benefit).

    >>> r = DataRelease("17", "2026-12-02")
    >>> is_overdue("announced", "2022-07-29", r), is_overdue("announced", "2025-01", r)
    (True, False)
    >>> is_overdue("under-way", "2022-07-29", r), is_overdue("under-way", "2023-06", r)
    (True, False)
    >>> is_overdue("delayed", "2020", r)
    False
    """
    months = OVERDUE_AFTER_MONTHS.get(status)
    if months is None:
        return False
    return _period_end(event_date, "event_date") < stale_cutoff(release.date, months)


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
    check_registry_year(year, "year")
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


def fab_capacity_300mm(fabs: pd.DataFrame, fab_capacity: pd.DataFrame) -> pd.DataFrame:
    """Per fab (``fabs``' order) one capacity in 300mm-equivalent wafers/month, and where it comes
    from: the figure every surface shows for a fab (`chipshock fabs`, ``/api/fabs``, the fab
    map, which sizes its circle by it):

    - ``fab_capacity.csv``: the largest yearly total over the fab's node classes of the step
      function the model uses (already 300mm-equivalent);
    - else ``fabs.csv``: its published ``capacity_wspm`` x (wafer_size_mm / 300)^2
      (`chipshock.model.registry_schema.WAFER_300MM_EQUIVALENT`: 200mm 0.444, 150mm 0.25);
    - else None (the map draws it hollow: "capacity not published").

    >>> fabs = pd.DataFrame({"fab_id": ["a", "b", "c"], "wafer_size_mm": [300, 200, 300],
    ...     "capacity_wspm": [None, 90000.0, None]})
    >>> cap = pd.DataFrame({"fab_id": ["a", "a", "a"], "node_class": ["lt10", "n28_45", "lt10"],
    ...     "year": [2025, 2025, 2027], "capacity_wspm": [10.0, 5.0, 30.0]})
    >>> fab_capacity_300mm(fabs, cap).values.tolist()
    [['a', 35.0, 'fab_capacity.csv'], ['b', 40000.0, 'fabs.csv'], ['c', nan, nan]]
    """
    peak: dict[str, float] = {}
    if not fab_capacity.empty:
        rows = fab_capacity.assign(
            year=fab_capacity["year"].astype(int),
            capacity_wspm=fab_capacity["capacity_wspm"].astype(float),
        )
        # each (fab, class) step holds until its next row: carry it over every year listed
        wide = rows.pivot_table(
            index="year", columns=["fab_id", "node_class"], values="capacity_wspm", aggfunc="last"
        )
        totals = wide.sort_index().ffill().T.groupby(level="fab_id").sum().max(axis=1)
        peak = {str(k): float(v) for k, v in totals.items() if v > 0}
    values: list[float | None] = []
    basis: list[str | None] = []
    for fab_id, size, published in zip(
        fabs["fab_id"].astype(str), fabs["wafer_size_mm"], fabs["capacity_wspm"], strict=True
    ):
        if fab_id in peak:
            values.append(peak[fab_id])
            basis.append("fab_capacity.csv")
        elif pd.notna(published) and float(published) > 0:
            factor = WAFER_300MM_EQUIVALENT.get(int(size), 1.0) if pd.notna(size) else 1.0
            values.append(round(float(published) * factor, 1))
            basis.append("fabs.csv")
        else:
            values.append(None)
            basis.append(None)
    return pd.DataFrame(
        {
            "fab_id": fabs["fab_id"].astype(str),
            "capacity_300mm_wspm": values,
            "capacity_basis": basis,
        },
    )


def fab_capacity_in_year(fabs: pd.DataFrame, fab_capacity: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per fab (``fabs``' order) its capacity in ``year`` as the model holds it, in
    300mm-equivalent wafers/month: the ``fab_capacity.csv`` row in force in ``year`` in each
    node class (`capacity_at`), summed over its classes; ``capacity_basis`` "fab_capacity.csv".
    A fab with no capacity in ``year`` has None and ``reason`` says why: no capacity row at all
    (the model counts it as zero), or rows that give it capacity from a later year only (or
    that closed it). What `chipshock fabs --year YEAR` shows and totals, so that the totals
    match the itemised fabs of `chipshock capacity --year YEAR`.

    >>> fabs = pd.DataFrame({"fab_id": ["a", "b", "c"], "operator_id": ["x"] * 3,
    ...     "country": ["JPN"] * 3, "status": ["operating"] * 3})
    >>> cap = pd.DataFrame({"fab_id": ["a", "a", "a", "b"], "node_class": ["lt10", "n28_45",
    ...     "lt10", "lt10"], "year": [2025, 2025, 2030, 2028], "capacity_wspm": [10.0, 5.0,
    ...     30.0, 7.0], "phase": "P1", "method": "reported", "confidence": "high",
    ...     "as_of": "2024", "source_url": "u"})
    >>> t = fab_capacity_in_year(fabs, cap, 2027)
    >>> t["capacity_300mm_wspm"].tolist()
    [15.0, nan, nan]
    >>> t["reason"].fillna("-").tolist()
    ['-', 'capacity rows from 2028', 'no fab_capacity.csv row: counts as 0 in the model']
    """
    ids = fabs["fab_id"].astype(str)
    now = capacity_at(fab_capacity, fabs, year) if not fab_capacity.empty else None
    held: dict[str, float] = {}
    if now is not None and not now.empty:
        held = {str(k): float(v) for k, v in now.groupby("fab_id")["capacity_wspm"].sum().items()}
    rows = fab_capacity.assign(fab_id=fab_capacity["fab_id"].astype(str))
    positive = rows[rows["capacity_wspm"].astype(float) > 0]
    first = positive.groupby("fab_id")["year"].min().astype(int).to_dict()
    listed = set(rows["fab_id"])
    values: list[float | None] = []
    basis: list[str | None] = []
    reasons: list[str | None] = []
    for fab_id in ids:
        if held.get(fab_id, 0.0) > 0:
            values.append(held[fab_id])
            basis.append("fab_capacity.csv")
            reasons.append(None)
            continue
        values.append(None)
        basis.append(None)
        if fab_id not in listed:
            reasons.append("no fab_capacity.csv row: counts as 0 in the model")
        elif fab_id in first and first[fab_id] > year:
            reasons.append(f"capacity rows from {first[fab_id]}")
        else:
            reasons.append(f"no capacity in {year} in its capacity rows")
    return pd.DataFrame(
        {
            "fab_id": ids.tolist(),
            "capacity_300mm_wspm": values,
            "capacity_basis": basis,
            "reason": reasons,
        }
    )


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
    total_kwspm (and ahead_of_registry_kwspm, kept if given); ``region_of`` maps a fab's
    country to its region.

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
    ahead = ["ahead_of_registry_kwspm"] if "ahead_of_registry_kwspm" in regional_total else []
    cols = [
        "region",
        "node_class",
        "total_kwspm",
        *ahead,
        "itemised_kwspm",
        "residual_kwspm",
        "itemised_pct",
        "n_fabs",
    ]
    out = out[cols].reset_index(drop=True)
    for col in ("total_kwspm", *ahead, "itemised_kwspm", "residual_kwspm"):
        out[col] = round_series(out[col].astype(float).fillna(0.0), 1)
    return out


def model_volume_years(tracker: pd.DataFrame, capacity: pd.DataFrame | None) -> pd.Series:
    """Per tracker row linked to a fab (``fab_id``), the first year fab_capacity.csv
    (``capacity``) gives that fab volume capacity: its first row with capacity, pilot lines
    (``phase`` names one) left out; missing without a link or a row. A capacity row holds from
    January of its year, so a fab a source dates to 2027 may count only from 2028 (review 12,
    finding 6).

    >>> t = pd.DataFrame({"fab_id": ["r", None, "x"]})
    >>> c = pd.DataFrame({"fab_id": ["r", "r"], "year": [2026, 2028],
    ...     "capacity_wspm": [2000.0, 6000.0], "phase": ["pilot line", "volume ramp"]})
    >>> model_volume_years(t, c).tolist()
    [2028, <NA>, <NA>]
    """
    if capacity is None or capacity.empty or "fab_id" not in tracker.columns:
        return pd.Series(pd.NA, index=tracker.index, dtype="Int64")
    phase = capacity["phase"].fillna("").astype(str).str.lower()
    volume = capacity[
        (pd.to_numeric(capacity["capacity_wspm"], errors="coerce") > 0)
        & ~phase.str.contains("pilot")
    ]
    first = {str(k): int(v) for k, v in volume.groupby("fab_id")["year"].min().items()}
    years = [first.get(f) if isinstance(f, str) else None for f in tracker["fab_id"]]
    return pd.Series(pd.array(years, dtype="Int64"), index=tracker.index)


def tracker_view(
    tracker: pd.DataFrame,
    statuses: Sequence[str] = (),
    countries: Sequence[str] = (),
    *,
    release: DataRelease,
    capacity: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Alliance tracker rows, items first and each item's milestones after it (by event date),
    optionally only some statuses and countries, each with ``stale``: an open status checked
    more than `STALE_AFTER_MONTHS` before the ``release``'s date (module docstring); ``part``:
    ``context`` for a row under a top item of kind ``context`` (U.S. CHIPS Act fabs without a
    Japanese party, review 12 finding 5), else ``visit``; ``both``: its countries hold both the
    U.S. and Japan; ``model_volume_year``: the year the model counts its fab's volume from
    (`model_volume_years`, with fab_capacity.csv as ``capacity``).

    >>> t = pd.DataFrame({"item_id": ["a", "m2", "m1"], "parent_item_id": [None, "a", "a"],
    ...     "event_date": ["2024", "2026", "2025"], "status": ["under-way", "delayed", "done"],
    ...     "status_as_of": ["2025-11", "2025-12", "2023-09"],
    ...     "countries": ["USA;JPN", "JPN", "JPN"]})
    >>> r = DataRelease("8", "2026-12-02")
    >>> v = tracker_view(t, release=r)
    >>> v["item_id"].tolist(), v["stale"].tolist()
    (['a', 'm1', 'm2'], [True, False, False])
    >>> tracker_view(t, ["delayed"], release=r)["item_id"].tolist()
    ['m2']
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

    kinds = tracker["kind"].astype(str).tolist() if "kind" in tracker.columns else []
    part: dict[int, str] = {}
    # the visit's own items first, the context items after them
    for r in sorted(roots, key=lambda k: (bool(kinds) and kinds[k] == "context", dates[k])):
        start = len(order)
        visit(r)
        for i in order[start:]:
            part[i] = "context" if kinds and kinds[r] == "context" else "visit"
    rows = tracker.iloc[order]
    out = rows.assign(
        stale=_stale(rows, release),
        part=[part[i] for i in order],
        both=[{"USA", "JPN"} <= {c.strip() for c in str(v).split(";")} for v in rows["countries"]],
        model_volume_year=model_volume_years(rows, capacity),
    )
    if statuses:
        out = out[out["status"].isin(list(statuses))]
    if countries:
        wanted = {c.upper() for c in countries}
        out = out[out["countries"].map(lambda v: bool(wanted & set(str(v).split(";"))))]
    return out.reset_index(drop=True)


def coverage(reconciled: pd.DataFrame, target_pct: float = COVERAGE_TARGET_PCT) -> pd.DataFrame:
    """Coverage of each region x class total by itemised fabs, plus a ``WORLD`` row per class.

    ``reconciled`` is a `reconcile` table. Columns: region, node_class, total_kwspm,
    ahead_of_registry_kwspm (if ``reconciled`` has it: the part of the sourced total that runs
    ahead of the registry, already taken out of total_kwspm by the caller,
    `chipshock.sim.network.remainders`), itemised_kwspm, remainder_kwspm (= total - itemised,
    the engine's "other fabs"), coverage_pct,
    meets_target (coverage_pct >= target_pct; False where the total is 0), n_fabs.

    >>> r = pd.DataFrame({"region": ["JPN", "EUR"], "node_class": ["lt10", "lt10"],
    ...     "total_kwspm": [50.0, 10.0], "itemised_kwspm": [46.0, 2.0],
    ...     "residual_kwspm": [4.0, 8.0], "itemised_pct": [92.0, 20.0], "n_fabs": [2, 1]})
    >>> coverage(r)[["region", "coverage_pct", "meets_target"]].values.tolist()
    [['JPN', 92.0, True], ['EUR', 20.0, False], ['WORLD', 80.0, False]]
    """
    ahead = ["ahead_of_registry_kwspm"] if "ahead_of_registry_kwspm" in reconciled else []
    cols = ["total_kwspm", *ahead, "itemised_kwspm", "n_fabs"]
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
    for col in ahead:
        out[col] = round_series(out[col].astype(float), 1)
    out["n_fabs"] = out["n_fabs"].astype(int)
    return out[
        [
            "region",
            "node_class",
            "total_kwspm",
            *ahead,
            "itemised_kwspm",
            "remainder_kwspm",
            "coverage_pct",
            "meets_target",
            "n_fabs",
        ]
    ].reset_index(drop=True)
