"""The assumptions table of a run (every data row it uses) and model-wide constants."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.errors import Problem, ScenarioError
from chipshock.model.share_anchors import is_anchor_row
from chipshock.sim.data import ModelData

__all__ = ["assumption_rows", "complementarity"]


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
    data: ModelData, classes: Sequence[str], markets: Sequence[str], inputs: Sequence[str]
) -> pd.DataFrame:
    """Every data row the run uses: file, id, value, source_url, as_of, confidence."""
    out: list[dict[str, object]] = []

    def add(df: pd.DataFrame, file: str, ids: Sequence[str], value: str) -> None:
        for r in df.to_dict("records"):
            out.append(
                {
                    "file": file,
                    "id": "/".join(str(r[i]) for i in ids),
                    "value": r[value],
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
        "share_pct",
    )
    add(
        data.global_capacity[data.global_capacity["node_class"].isin(classes)],
        "global_capacity.csv",
        ["node_class", "year"],
        "capacity_kwspm",
    )
    add(
        data.end_markets[data.end_markets["market_id"].isin(markets)],
        "end_markets.csv",
        ["market_id"],
        "chip_demand_usd_bn",
    )
    add(data.market_node_demand, "market_node_demand.csv", ["market_id", "node_class"], "share_pct")
    add(data.wafer_value, "wafer_value.csv", ["node_class"], "usd_per_wafer")
    add(data.inventory_buffers, "inventory_buffers.csv", ["buffer_id"], "weeks")
    nr = data.node_requirements
    add(
        nr[nr["input_id"].isin(inputs)],
        "node_requirements.csv",
        ["node_class", "input_id"],
        "criticality",
    )
    add(
        data.raw_materials[data.raw_materials["material_id"].isin(inputs)],
        "raw_materials.csv",
        ["material_id", "country"],
        "share_pct",
    )
    mcs = data.material_country_shares
    add(
        mcs[mcs["input_id"].isin(inputs)],
        "material_country_shares.csv",
        ["input_id", "country"],
        "share_pct",
    )
    add(
        data.market_country_output,
        "market_country_output.csv",
        ["market_id", "country"],
        "share_pct",
    )
    add(data.model_assumptions, "model_assumptions.csv", ["parameter"], "value")
    return pd.DataFrame(out, columns=["file", "id", "value", "source_url", "as_of", "confidence"])
