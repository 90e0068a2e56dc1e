"""Coverage of a region x class x year cell by itemised fabs, shared by the coverage tests."""

from __future__ import annotations

import csv
import math
from importlib import resources
from pathlib import Path

from chipshock.model.chain import SupplyChain
from chipshock.scenarios import FIRST_YEAR, LAST_YEAR
from chipshock.sim.data import ModelData
from chipshock.sim.network import Network, build_network

#: the logic node classes, and how far itemised capacity may exceed a regional total (as in
#: test_capacity_coverage.py): max(TOLERANCE_KWSPM, TOLERANCE_SHARE x the total)
LOGIC = ("lt10", "n10_22", "n28_45", "gt45")
TOLERANCE_KWSPM = 15.0
TOLERANCE_SHARE = 0.10
#: Cells whose itemised fabs exceed the regional total beyond the tolerance because the total
#: is known to be too low, until regional_capacity.csv gets a middle-year anchor (data release
#: 10): Intel Fab 34's Intel 4/3 capacity (~45 kwspm from 2025) against Europe's <10nm path,
#: a straight line from SIA/BCG's 0% in 2022 to 6% in 2032 (17.7 kwspm in 2025, 27.8 in 2026).
#: The reconciliation tests demand exactly these cells, so they fail both when another cell
#: breaks and when the anchor fixes these (then empty this set).
PENDING_TOTALS = frozenset({("EUR", "lt10", 2025), ("EUR", "lt10", 2026)})

#: the curated files the package ships
CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))


def shipped_network(chain: SupplyChain, years: tuple[int, ...] | None = None) -> Network:
    """The producers of the shipped data in ``years`` (default: every year a scenario may
    use)."""
    span = years if years is not None else tuple(range(FIRST_YEAR, LAST_YEAR + 1))
    return build_network(ModelData.from_folder(CURATED, chain), span)


#: 300mm group rows whose >45nm capacity holds 200mm lines too (data release 21, gt45)
MIXED_200MM = frozenset({"smic-other-fabs", "samsung-giheung"})


def gt45_lines_300_150(network: Network, year: int) -> float:
    """The engine's >45nm capacity of itemised fabs on 300mm and 150mm wafers in ``year``, less
    the group rows that hold 200mm lines: what the world >45nm rows add to SEMI's 200mm capacity
    (data releases 21 and 24)."""
    sizes = {r["fab_id"]: r["wafer_size_mm"] for r in curated_rows("fabs.csv")}
    t = network.table()
    t = t[(t["node_class"] == "gt45") & (t["year"] == year) & (t["kind"] == "fab")]
    return sum(
        float(kwspm)
        for fab_id, kwspm in zip(t["fab_id"], t["capacity_kwspm"], strict=True)
        if sizes[str(fab_id)] in ("300", "150") and fab_id not in MIXED_200MM
    )


def fab_kwspm(network: Network, fab_id: str, node_class: str, year: int) -> float:
    """One fab's capacity in one class and year (exactly one producer row)."""
    t = network.table()
    hit = t[(t["fab_id"] == fab_id) & (t["node_class"] == node_class) & (t["year"] == year)]
    assert len(hit) == 1, (fab_id, node_class, year)
    return float(hit["capacity_kwspm"].iloc[0])


def curated_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped curated file, as text."""
    with (CURATED / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def changelog_entry(release: int) -> str:
    """The shipped CHANGELOG.md's section of data release ``release`` (up to the release before
    it)."""
    text = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    return text.split(f"## Release {release} — ", 1)[1].split(f"\n## Release {release - 1} ", 1)[0]


def cell(network: Network, region: str, node_class: str, year: int) -> tuple[float, float]:
    """(itemised, total) kwspm of a region x class x year: total = every producer of the cell
    (fabs + 'other fabs') plus the residual where the fabs exceed the total, i.e. the sourced
    regional total less the part that runs ahead of the registry (`Network.ahead`), which the
    engine does not simulate in that year: coverage as `chipshock fabs --coverage` computes it."""
    t = network.table()
    t = t[(t["region"] == region) & (t["node_class"] == node_class) & (t["year"] == year)]
    itemised = float(t.loc[t["kind"] == "fab", "capacity_kwspm"].sum())
    r = network.residuals
    below = r[(r["region"] == region) & (r["node_class"] == node_class) & (r["year"] == year)]
    total = float(t["capacity_kwspm"].sum()) + float(below["residual_kwspm"].sum())
    return itemised, total


def coverage_pct(network: Network, region: str, node_class: str, year: int) -> float:
    """Itemised / total of a cell, in % (NaN for a cell the engine holds nothing in, as
    `chipshock fabs --coverage` leaves it blank)."""
    itemised, total = cell(network, region, node_class, year)
    return 100.0 * itemised / total if total > 0 else math.nan


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
