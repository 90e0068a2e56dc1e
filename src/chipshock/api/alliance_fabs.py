"""The alliance fabs as the model uses them: capacity per year from fab_capacity.csv.

`fabs.csv` carries a fab's announced start year and headline capacity; the engine reads neither
for itemised fabs: it takes the step function of ``fab_capacity.csv`` (300mm-equivalent wafer
starts per month, per node class). So the dashboard's table of the alliance fabs is built from
the engine's producer table (`chipshock.sim.producer_table`), as the report's assumption lines
are (`chipshock.report.assumptions.fab_lines`), with the ``fab_capacity.csv`` rows behind it:

- ``first_year``: the first year of ``years`` with capacity > 0 (None: none within them);
- ``steps``: ``[{year, capacity_wspm}]`` each year the fab's capacity (summed over its node
  classes, wafers/month) changes, from the first year with capacity;
- ``peak_wspm``: the largest capacity within ``years``;
- ``sources``: the distinct ``source_url`` of the fab's ``fab_capacity.csv`` rows, with the
  rows' ``method`` and latest ``as_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.present.labels import in_language

__all__ = ["alliance_fab_rows"]


def alliance_fab_rows(
    producers: pd.DataFrame,
    fabs: pd.DataFrame,
    fab_capacity: pd.DataFrame,
    fab_ids: Sequence[str],
    years: Sequence[int],
) -> list[dict[str, Any]]:
    """One row per fab of ``fab_ids`` (in that order): name (and ``name_ja``: its Japanese name,
    else the name), operator (and ``operator_ja``), country, status, node classes,
    ``first_year``, ``steps``, ``peak_wspm``, ``sources`` (see the module docstring).

    ``producers`` is a `chipshock.sim.producer_table` over ``years``.

    >>> prod = pd.DataFrame({"fab_id": ["a"] * 3, "node_class": ["lt10"] * 3,
    ...     "year": [2027.0, 2028.0, 2029.0], "capacity_kwspm": [0.0, 15.0, 45.0]})
    >>> fabs = pd.DataFrame({"fab_id": ["a"], "name": ["A"], "operator": ["X"],
    ...     "country": ["JPN"], "status": ["under-construction"]})
    >>> cap = pd.DataFrame({"fab_id": ["a", "a"], "year": [2028, 2029], "method": ["estimate"] * 2,
    ...     "source_url": ["u1", "u2"], "as_of": ["2025-01", "2025-02"]})
    >>> row = alliance_fab_rows(prod, fabs, cap, ["a"], [2027, 2028, 2029])[0]
    >>> row["first_year"], row["steps"], row["peak_wspm"], [s["url"] for s in row["sources"]]
    (2028, [{'year': 2028, 'capacity_wspm': 15000.0}, {'year': 2029, 'capacity_wspm': 45000.0}], \
45000.0, ['u1', 'u2'])
    """
    info = fabs.set_index("fab_id")
    out: list[dict[str, Any]] = []
    for fab_id in fab_ids:
        if fab_id not in info.index:
            continue
        fab = info.loc[fab_id]
        mine = producers[producers["fab_id"] == fab_id]
        mine = mine[mine["year"].notna()]
        per_year = mine.groupby(mine["year"].astype(int))["capacity_kwspm"].sum()
        wspm = {int(y): 1000.0 * float(per_year.get(y, 0.0)) for y in years}
        steps: list[dict[str, Any]] = []
        for year in years:
            value = wspm[year]
            if (steps and value != steps[-1]["capacity_wspm"]) or (not steps and value > 0):
                steps.append({"year": int(year), "capacity_wspm": value})
        rows = fab_capacity[fab_capacity["fab_id"] == fab_id]
        sources = [
            {
                "url": str(url),
                "method": "; ".join(dict.fromkeys(group["method"].astype(str))),
                "as_of": str(group["as_of"].astype(str).max()),
            }
            for url, group in rows.groupby("source_url", sort=False)
        ]
        out.append(
            {
                "fab_id": fab_id,
                "name": str(fab["name"]),
                # in Japanese texts: its name_ja (fab_names_ja.csv), else the name
                "name_ja": in_language(fab["name"], fab.get("name_ja"), "ja"),
                "operator": str(fab["operator"]),
                "operator_ja": in_language(fab["operator"], fab.get("operator_ja"), "ja"),
                "country": str(fab["country"]),
                "status": str(fab["status"]),
                "node_classes": sorted(
                    {str(c) for c in mine.loc[mine["capacity_kwspm"] > 0, "node_class"]}
                ),
                "first_year": steps[0]["year"] if steps else None,
                "steps": steps,
                "peak_wspm": max(wspm.values(), default=0.0),
                "sources": sources,
            }
        )
    return out
