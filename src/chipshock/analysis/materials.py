"""Raw materials as chokepoints: who mines and refines them, what they feed, how long stocks last.

A material is a chokepoint at a stage (mining or refining) when one named country's share
s >= ``min_share`` percent (``ROW``, the rest of the world, is never a chokepoint holder).
Each row carries the ETO inputs and node classes the material feeds, the stockpile norm in
weeks and the substitutes, with its source and as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chipshock.errors import InputError, Problem

__all__ = [
    "MATERIAL_CHOKEPOINT_COLUMNS",
    "MaterialTrace",
    "check_material_by",
    "material_chokepoints",
    "material_trace",
]

#: Columns of `material_chokepoints`.
MATERIAL_CHOKEPOINT_COLUMNS = [
    "material_id",
    "name_en",
    "stage",
    "country",
    "share_pct",
    "year",
    "input_ids",
    "node_classes",
    "stockpile_weeks",
    "substitutes",
    "confidence",
    "as_of",
    "source_url",
]


def check_material_by(by: str, field: str = "--by") -> None:
    """Material shares are by country only (material_supply.csv has no firms): any other
    ``by`` is refused, naming ``field`` and what works, instead of being ignored.

    >>> check_material_by("country")
    >>> try:
    ...     check_material_by("firm")
    ... except InputError as exc:
    ...     print(exc.problem.field, exc.problem.value)
    --by firm
    """
    if by != "country":
        raise InputError(
            Problem(
                "raw-material shares are by country only (material_supply.csv names no firms)",
                field=field,
                value=by,
                expected=f"country (or leave {field} out); {field} firm works for the ETO "
                "inputs, without --materials",
            )
        )


def material_chokepoints(
    materials: pd.DataFrame, supply: pd.DataFrame, min_share: float = 50.0
) -> pd.DataFrame:
    """Rows (material, stage, country) where a named country holds >= ``min_share`` percent.

    >>> mats = pd.DataFrame({"material_id": ["ga"], "name_en": ["Gallium"],
    ...     "input_ids": ["N26"], "node_classes": ["gt45"], "stockpile_weeks": [12.0],
    ...     "substitutes": ["none"]})
    >>> sup = pd.DataFrame({"material_id": ["ga", "ga"], "stage": ["refining"] * 2,
    ...     "country": ["CHN", "ROW"], "share_pct": [98.0, 2.0], "year": [2023, 2023],
    ...     "confidence": ["high"] * 2, "as_of": ["2024"] * 2, "source_url": ["u"] * 2})
    >>> material_chokepoints(mats, sup, 50)[["material_id", "country", "share_pct"]].values.tolist()
    [['ga', 'CHN', 98.0]]
    """
    if not 0.0 <= float(min_share) <= 100.0:
        raise InputError(
            Problem("share out of range", field="min_share", value=str(min_share), expected="0-100")
        )
    named = supply[(supply["country"] != "ROW") & (supply["share_pct"] >= float(min_share) - 1e-9)]
    attrs = materials[
        ["material_id", "name_en", "input_ids", "node_classes", "stockpile_weeks", "substitutes"]
    ]
    out = named.merge(attrs, on="material_id", how="left")
    out = out.sort_values(["share_pct", "material_id", "stage"], ascending=[False, True, True])
    return out[MATERIAL_CHOKEPOINT_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class MaterialTrace:
    """What a material feeds (downstream) and where it comes from (upstream)."""

    material_id: str
    name: str
    downstream: pd.DataFrame
    upstream: pd.DataFrame
    attributes: dict[str, object]


def material_trace(
    materials: pd.DataFrame,
    supply: pd.DataFrame,
    material_id: str,
    input_names: dict[str, str] | None = None,
) -> MaterialTrace:
    """Downstream: one row per ETO input the material feeds, with the node classes using it.
    Upstream: the country shares of each supply stage, with sources.

    >>> mats = pd.DataFrame({"material_id": ["ga"], "name_en": ["Gallium"],
    ...     "input_ids": ["N26"], "node_classes": ["gt45"], "use": ["GaN"],
    ...     "stockpile_weeks": [12.0], "substitutes": ["none"], "source_url": ["u"],
    ...     "as_of": ["2024"], "confidence": ["medium"]})
    >>> sup = pd.DataFrame({"material_id": ["ga"], "stage": ["refining"], "country": ["CHN"],
    ...     "share_pct": [98.0], "year": [2023], "confidence": ["high"], "as_of": ["2024"],
    ...     "source_url": ["u"]})
    >>> t = material_trace(mats, sup, "ga", {"N26": "Wafer"})
    >>> t.downstream[["input_id", "input_name", "node_classes"]].values.tolist()
    [['N26', 'Wafer', 'gt45']]
    """
    rows = materials[materials["material_id"] == material_id]
    if rows.empty:
        raise InputError(
            Problem(
                "unknown material",
                field="material",
                value=material_id,
                expected="one of " + ", ".join(sorted(materials["material_id"].astype(str))),
            )
        )
    row = rows.iloc[0]
    names = input_names or {}
    inputs = [i.strip() for i in str(row["input_ids"]).split(";") if i.strip()]
    downstream = pd.DataFrame(
        {
            "input_id": inputs,
            "input_name": [names.get(i, "") for i in inputs],
            "node_classes": [str(row["node_classes"])] * len(inputs),
            "use": [str(row["use"])] * len(inputs),
        }
    )
    upstream = (
        supply[supply["material_id"] == material_id]
        .sort_values(["stage", "share_pct"], ascending=[True, False])[
            ["stage", "country", "share_pct", "year", "confidence", "as_of", "source_url"]
        ]
        .reset_index(drop=True)
    )
    attributes: dict[str, object] = {
        "stockpile_weeks": float(row["stockpile_weeks"]),
        "substitutes": str(row["substitutes"] or ""),
        "confidence": str(row["confidence"]),
        "as_of": str(row["as_of"]),
        "source_url": str(row["source_url"]),
    }
    return MaterialTrace(material_id, str(row["name_en"]), downstream, upstream, attributes)
