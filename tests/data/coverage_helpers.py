"""Coverage of a region x class x year cell by itemised fabs, shared by the coverage tests."""

from __future__ import annotations

from chipshock.sim.network import Network


def cell(network: Network, region: str, node_class: str, year: int) -> tuple[float, float]:
    """(itemised, total) kwspm of a region x class x year: total = every producer of the cell
    (fabs + 'other fabs') plus the residual where the fabs exceed the total."""
    t = network.table()
    t = t[(t["region"] == region) & (t["node_class"] == node_class) & (t["year"] == year)]
    itemised = float(t.loc[t["kind"] == "fab", "capacity_kwspm"].sum())
    r = network.residuals
    below = r[(r["region"] == region) & (r["node_class"] == node_class) & (r["year"] == year)]
    total = float(t["capacity_kwspm"].sum()) + float(below["residual_kwspm"].sum())
    return itemised, total


def coverage_pct(network: Network, region: str, node_class: str, year: int) -> float:
    """Itemised / total of a cell, in %."""
    itemised, total = cell(network, region, node_class, year)
    return 100.0 * itemised / total


def beyond_tolerance(
    network: Network, regions: tuple[str, ...], classes: tuple[str, ...], kwspm: float, share: float
) -> list[tuple[str, str, int, float]]:
    """Cells of ``regions`` x ``classes`` whose itemised fabs exceed the regional total by more
    than max(``kwspm``, ``share`` x total), as (region, class, year, residual)."""
    beyond = []
    res = network.residuals
    for region, cls, year, residual in zip(
        res["region"].astype(str),
        res["node_class"].astype(str),
        res["year"].astype(int),
        res["residual_kwspm"].astype(float),
        strict=True,
    ):
        if region not in regions or cls not in classes:
            continue
        _, total = cell(network, region, cls, year)
        if -residual > max(kwspm, share * total):
            beyond.append((region, cls, year, residual))
    return beyond
