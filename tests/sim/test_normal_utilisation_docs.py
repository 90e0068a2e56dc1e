"""docs/scenarios.md "Normal utilisation below the class's u" reads the shipped data: normal
demand is u[c] (model_assumptions.csv utilisation_<class>, release 18) x the world capacity
(global_capacity.csv less what the regional totals put ahead of the registry), not the capacity
the producers hold, so a class whose itemised fabs exceed their region's total runs below its
u in normal times; the docs tables list each class's u and every such class and year, with the
numbers the data gives (review 4 #11)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import (
    class_utilisation,
    class_utilisation_path,
    market_arrays,
)
from chipshock.sim.network.producers import build_network
from chipshock.sim.network.tables import capacity_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
YEARS = list(range(2022, 2041))  # the model's years (chipshock.scenarios._fields)


def _computed(data: ModelData) -> list[str]:
    """The table's rows from the data: per class and year the producers' utilisation
    u[c, y] x world / held and held / demand, the regions whose itemised fabs exceed their
    total; runs of years with the same cells merged; only the cells below the class's u of the
    year (u[c, y]: utilisation_path.csv's row where there is one, since release 20)."""
    t = capacity_table(data, years=YEARS)
    classes = list(dict.fromkeys(str(c) for c in t["node_class"]))
    u_path = class_utilisation_path(data, classes, YEARS)
    u_of = {(c, y): float(u_path[i, j]) for i, c in enumerate(classes) for j, y in enumerate(YEARS)}
    cells: list[list[object]] = []
    for (c, y), g in t.groupby(["node_class", "year"], sort=False):
        u = u_of[str(c), int(y)]
        held = float(g["capacity_kwspm"].sum())
        world = float((g["base_kwspm"] - g["ahead_of_registry_kwspm"]).sum())
        util, supply = round(100 * u * world / held, 1), round(100 * held / (u * world), 1)
        over = ", ".join(
            f"{r} +{-v:.1f}"
            for r, v in zip(g["region"], g["residual_kwspm"], strict=True)
            if v < -0.05
        )
        last = cells[-1] if cells else None
        same = [util, supply, over, round(100 * u, 1)]
        if last and last[0] == c and last[2] == int(y) - 1 and last[3:] == same:
            last[2] = int(y)
        else:
            cells.append([c, int(y), int(y), util, supply, over, round(100 * u, 1)])
    return [
        f"| `{c}` | {y0 if y0 == y1 else f'{y0}–{y1}'} | {util} | {supply} | {over} |"
        for c, y0, y1, util, supply, over, u in cells
        if float(str(util)) < float(str(u)) - 0.05
    ]


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("### Normal utilisation below the class's u", 1)[1].split("\n## ", 1)[0]


def _documented() -> list[str]:
    return [
        line
        for line in _section().splitlines()
        if re.match(r"\| `\w+` \| \d{4}", line) and not re.match(_PATH_ROW, line)
    ]


#: a row of the docs' path table (class, year, u that year, long-run u, capacity / demand)
_PATH_ROW = r"\| `\w+` \| \d{4} \| \d\d \| \d\d \| [\d.]+ \|$"


def _class_rows(data: ModelData) -> list[str]:
    """The first table: each class's u (%) and capacity / demand at that u (%)."""
    classes = [str(c) for c in data.wafer_value["node_class"]]
    u = class_utilisation(data, classes)
    return [f"| `{c}` | {100 * v:.0f} | {100 / v:.1f} |" for c, v in zip(classes, u, strict=True)]


def test_docs_class_table_is_the_data(real_data: ModelData) -> None:
    """The docs' per-class u table is the shipped model_assumptions.csv rows."""
    documented = [
        line
        for line in _section().splitlines()
        if re.match(r"\| `\w+` \| \d\d \| [\d.]+ \|$", line)
    ]
    assert documented == _class_rows(real_data)
    assert "| `lt10` | 86 | 116.3 |" in documented  # release 19: 0.92 -> 0.86


def test_docs_table_is_the_data(real_data: ModelData) -> None:
    """Every class and year below its class's u is in the docs table, with its numbers, and no
    other."""
    assert _documented() == _computed(real_data)
    assert "| `lt10` | 2027 | 85.3 | 117.2 | CHN +2.2, EUR +6.6 |" in _documented()


def test_demand_is_scaled_to_world_capacity_not_to_capacity_held(real_data: ModelData) -> None:
    """The markets' normal demand in a class is u[c] x world capacity: in 2027 `lt10` demand /
    capacity held is 85.34 % of the weekly factor, where `n28_45` (no fab above its region's
    total) gives exactly its u, 80 %: the docs' "85.34 % for every lt10 producer" (91.30 % at
    release 18's u = 0.92)."""
    years = [2027]
    net = build_network(real_data, years)
    classes = list(net.classes)
    markets = [str(m) for m in real_data.end_markets["market_id"]]
    scenario = Scenario("calm", "calm", start_year=2027, end_year=2027)
    demand = market_arrays(scenario, real_data, classes, markets, years, net.world).demand
    held = (
        pd.Series([p.node_class for p in net.producers], dtype=str)
        .to_frame("c")
        .assign(cap=net.capacity[:, 0])
        .groupby("c")["cap"]
        .sum()
    )
    ratio = {c: float(demand[:, classes.index(c), 0].sum()) / float(held[c]) for c in classes}
    u = class_utilisation_path(real_data, classes, years)[:, 0]  # DRAM 0.97 in 2027 (release 20)
    weekly = ratio["n28_45"] / 0.80
    assert np.isclose(u[classes.index("n28_45")], 0.80)
    assert round(100 * ratio["lt10"] / weekly, 2) == 85.34
    assert np.allclose(demand.sum(axis=0)[:, 0] / net.world[:, 0], weekly * u)
    doc = " ".join(DOC.read_text(encoding="utf-8").split())
    assert "85.34 % for every `lt10` producer in 2027" in doc


def _path_rows(data: ModelData) -> list[str]:
    """The path table: each utilisation_path.csv row with the class's long-run u (%) and
    capacity / demand at the year's u (%)."""
    long_run = dict(
        zip(
            [str(c) for c in data.wafer_value["node_class"]],
            class_utilisation(data, [str(c) for c in data.wafer_value["node_class"]]).tolist(),
            strict=True,
        )
    )
    rows = data.utilisation_path.sort_values(["node_class", "year"])
    return [
        f"| `{r.node_class}` | {int(r.year)} | {100 * float(r.utilisation):.0f} | "
        f"{100 * long_run[str(r.node_class)]:.0f} | {100 / float(r.utilisation):.1f} |"
        for r in rows.itertuples()
    ]


def test_docs_path_table_is_the_data(real_data: ModelData) -> None:
    """The docs' table of the years utilisation_path.csv gives is the shipped rows (release 20,
    util21: DRAM 97 % in 2026 and 2027, >45 nm 88 % in 2026)."""
    documented = [line for line in _section().splitlines() if re.match(_PATH_ROW, line)]
    assert documented == _path_rows(real_data)
    assert "| `dram` | 2027 | 97 | 92 | 103.1 |" in documented
