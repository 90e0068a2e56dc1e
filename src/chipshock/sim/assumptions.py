"""The assumptions table of a run (every data row it uses) and model-wide constants."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import pandas as pd

from chipshock.errors import Problem, ScenarioError
from chipshock.model.share_anchors import is_anchor_row
from chipshock.scenarios.model import SourcingShare
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import market_demand_rows

__all__ = [
    "ASSUMPTION_COLUMNS",
    "DEMAND_FILE",
    "ROW_UNIT",
    "SCENARIO_SOURCING_FILE",
    "VALUE_UNITS",
    "assumption_rows",
    "complementarity",
]

#: the ``file`` of `assumption_rows`' lines giving each market's chip demand D[m, y] in the
#: scenario's year as the run uses it (`chipshock.sim.demand.markets.market_demand_rows`: the
#: rows of end_markets.csv and market_demand_path.csv above it, combined)
DEMAND_FILE = "D[m, y]: end_markets.csv + market_demand_path.csv"
#: the ``file`` of the assumption rows a scenario's own [[sourcing]] tables give
SCENARIO_SOURCING_FILE = "scenario [[sourcing]]"

#: in `VALUE_UNITS`: the unit is each row's own ``unit`` column (model_assumptions.csv)
ROW_UNIT = "<unit column>"

#: the value `assumption_rows` shows of each file: its value column and that column's unit, in
#: English (the report and the dashboard put it in Japanese through their catalogues, under
#: ``report.data_unit.<unit>`` / ``data_unit.<unit>``). One table: a file added to the
#: assumptions without a row here is a KeyError, not a bare number.
VALUE_UNITS: dict[str, tuple[str, str]] = {
    "regional_capacity.csv": ("share_pct", "% of world capacity"),
    "global_capacity.csv": ("capacity_kwspm", "k wafers/month"),
    "end_markets.csv": ("chip_demand_usd_bn", "USD bn a year"),
    "market_demand_path.csv": ("chip_demand_usd_bn", "USD bn a year"),
    DEMAND_FILE: ("chip_demand_usd_bn", "USD bn a year"),
    "utilisation_path.csv": ("utilisation", "fraction"),
    "market_node_demand.csv": ("share_pct", "% of the market's wafers"),
    "sourcing_shares.csv": ("share_pct", "% of the market's wafers"),
    "wafer_value.csv": ("usd_per_wafer", "USD per wafer"),
    "inventory_buffers.csv": ("weeks", "weeks"),
    "node_requirements.csv": ("criticality", "share of the class's output that needs it"),
    "raw_materials.csv": ("share_pct", "% of world supply"),
    "material_country_shares.csv": ("share_pct", "% of world supply"),
    "market_country_output.csv": ("share_pct", "% of the market's output"),
    "model_assumptions.csv": ("value", ROW_UNIT),
}

#: columns of `assumption_rows`
ASSUMPTION_COLUMNS = ("file", "id", "value", "unit", "source_url", "as_of", "confidence")


def complementarity(data: ModelData) -> float:
    """``complementarity`` of model_assumptions.csv (1 = Leontief, the default if absent)."""
    try:
        k = data.assumption("complementarity")
    except KeyError:
        return 1.0
    if not 0.0 <= k <= 1.0:
        raise ScenarioError(
            Problem(
                "invalid model assumption",
                field="model_assumptions.complementarity",
                value=str(k),
                expected="a number in [0, 1] (1 = an end product needs all its chips)",
            )
        )
    return float(k)


def assumption_rows(
    data: ModelData,
    classes: Sequence[str],
    markets: Sequence[str],
    inputs: Sequence[str],
    year: int | None = None,
    priorities: Sequence[tuple[str, float]] = (),
    sourcing: Sequence[SourcingShare] = (),
    scenario_file: str = "",
) -> pd.DataFrame:
    """Every data row the run uses (`ASSUMPTION_COLUMNS`): file, id, value, its unit (from
    `VALUE_UNITS`), source_url, as_of, confidence. Given ``year`` (the scenario's: its first
    shock's), each market's chip demand D[m, year] as the run uses it follows the rows of
    end_markets.csv and market_demand_path.csv (file `DEMAND_FILE`, id ``market/year``, USD bn
    rounded to 0.1, with the source of the rows behind it: `market_demand_rows`). A scenario's
    own ``sourcing`` rows come as file `SCENARIO_SOURCING_FILE` (source_url: ``scenario_file``,
    confidence "": unrated), and the sourcing_shares.csv rows of each market and class they
    replace are left out."""
    out: list[dict[str, object]] = []

    def add(df: pd.DataFrame, file: str, ids: Sequence[str]) -> None:
        value, unit = VALUE_UNITS[file]
        for r in df.to_dict("records"):
            out.append(
                {
                    "file": file,
                    "id": "/".join(str(r[i]) for i in ids),
                    "value": r[value],
                    "unit": _row_unit(r) if unit == ROW_UNIT else unit,
                    "source_url": r.get("source_url"),
                    "as_of": r.get("as_of"),
                    "confidence": r.get("confidence"),
                }
            )

    rc = data.regional_capacity
    anchors = [
        is_anchor_row(str(s), str(c))
        for s, c in zip(rc["source_name"], rc["category"], strict=True)
    ]
    add(
        rc[pd.Series(anchors, index=rc.index, dtype=bool)],
        "regional_capacity.csv",
        ["category", "region_code", "year"],
    )
    add(
        data.global_capacity[data.global_capacity["node_class"].isin(classes)],
        "global_capacity.csv",
        ["node_class", "year"],
    )
    add(
        data.end_markets[data.end_markets["market_id"].isin(markets)],
        "end_markets.csv",
        ["market_id"],
    )
    path = data.market_demand_path
    add(path[path["market_id"].isin(markets)], "market_demand_path.csv", ["market_id", "year"])
    if year is not None:
        demand = market_demand_rows(data, [year], markets, priorities)
        add(
            demand.assign(chip_demand_usd_bn=demand["chip_demand_usd_bn"].round(1)),
            DEMAND_FILE,
            ["market_id", "year"],
        )
    up = data.utilisation_path
    add(up[up["node_class"].isin(classes)], "utilisation_path.csv", ["node_class", "year"])
    add(data.market_node_demand, "market_node_demand.csv", ["market_id", "node_class"])
    ss = data.sourcing_shares
    replaced = {(o.market, o.node_class) for o in sourcing}
    keep = [
        (str(m) in (*markets, "all") and str(c) in classes and (str(m), str(c)) not in replaced)
        for m, c in zip(ss["market"], ss["node_class"], strict=True)
    ]
    add(
        ss[pd.Series(keep, index=ss.index, dtype=bool)],
        "sourcing_shares.csv",
        ["market", "node_class", "operator_id"],
    )
    for o in sourcing:
        out.append(
            {
                "file": SCENARIO_SOURCING_FILE,
                "id": f"{o.market}/{o.node_class}/{o.operator}",
                "value": o.share_pct,
                "unit": VALUE_UNITS["sourcing_shares.csv"][1],
                "source_url": scenario_file or "scenario",
                "as_of": "",
                "confidence": "",
            }
        )
    add(data.wafer_value, "wafer_value.csv", ["node_class"])
    add(data.inventory_buffers, "inventory_buffers.csv", ["buffer_id"])
    nr = data.node_requirements
    nr = nr[nr["input_id"].isin(inputs)]
    scope = (
        nr["market_id"].fillna("").astype(str)
        if "market_id" in nr.columns
        else pd.Series("", index=nr.index, dtype=object)
    )
    ids = nr["node_class"].astype(str) + "/" + nr["input_id"].astype(str)
    # a market-scoped row: class/input/market
    add(
        nr.assign(req_id=ids.where(scope == "", ids + "/" + scope)),
        "node_requirements.csv",
        ["req_id"],
    )
    add(
        data.raw_materials[data.raw_materials["material_id"].isin(inputs)],
        "raw_materials.csv",
        ["material_id", "country"],
    )
    mcs = data.material_country_shares
    add(
        mcs[mcs["input_id"].isin(inputs)],
        "material_country_shares.csv",
        ["input_id", "country"],
    )
    add(
        data.market_country_output,
        "market_country_output.csv",
        ["market_id", "country"],
    )
    add(data.model_assumptions, "model_assumptions.csv", ["parameter"])
    return pd.DataFrame(out, columns=list(ASSUMPTION_COLUMNS))


def _row_unit(row: Mapping[Hashable, object]) -> str:
    """A row's own ``unit`` cell ("" where the row has none)."""
    unit = row.get("unit")
    return unit.strip() if isinstance(unit, str) else ""
