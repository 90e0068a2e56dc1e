"""Raw materials as chokepoints: who mines and refines them, what they feed, how long stocks last.

A material is a chokepoint at a stage (mining or refining) when one named country's share
s >= ``min_share`` percent (``ROW``, the rest of the world, is never a chokepoint holder).
Each row carries the ETO inputs and node classes the material feeds, the stockpile norm in
weeks and the substitutes, with the share's source and as-of date and the stockpile norm's
(``stockpile_source_url``, ``stockpile_as_of``: the materials.csv row's, or for a model input
its inventory_buffers.csv row's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import nan as NAN

import pandas as pd

from chipshock.errors import InputError, Problem

__all__ = [
    "DATED_SHARE_YEARS",
    "MATERIAL_CHOKEPOINT_COLUMNS",
    "MATERIAL_TABLES",
    "SUBSTITUTES_NOTE",
    "MaterialTrace",
    "check_material_by",
    "dated_share_note",
    "dated_shares",
    "eto_input_keys",
    "material_chokepoints",
    "material_trace",
    "model_input_uses",
    "model_inputs",
    "resolve_material",
    "stock_sources",
    "with_model_inputs",
]

#: the store tables `with_model_inputs` reads
MATERIAL_TABLES = [
    "materials",
    "material_supply",
    "raw_materials",
    "node_requirements",
    "inventory_buffers",
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
    "substitutes_ja",
    "confidence",
    "as_of",
    "source_url",
    "stockpile_as_of",
    "stockpile_source_url",
]


def resolve_material(
    mats: pd.DataFrame, query: str, others: Mapping[str, str] | None = None, field: str = "INPUT"
) -> str | None:
    """The ``material_id`` of the row of ``mats`` (`with_model_inputs`: raw materials and
    advanced_packaging) that ``query`` names, case-insensitively: by its id, its English or
    Japanese name, or either without its bracket ("Advanced packaging" for "Advanced packaging
    (2.5D/3D, CoWoS-class)", "先端パッケージング"); None when it names none (an ETO input,
    or nothing).
    A name shared by two materials, or by a material and a key of ``others`` (the ETO inputs'
    ids and names, casefolded, to their ids: `trace` and `shares` take those too), is refused,
    naming ``field`` and the ids it could mean.

    >>> mats = pd.DataFrame({"material_id": ["gallium", "pk"], "name_en": ["Gallium",
    ...     "Advanced packaging (2.5D/3D)"], "name_ja": ["ガリウム", "先端パッケージング"]})
    >>> [resolve_material(mats, q) for q in ("GALLIUM", "advanced packaging", "pk", "N20")]
    ['gallium', 'pk', 'pk', None]
    >>> try:
    ...     resolve_material(mats, "Advanced Packaging", others={"advanced packaging": "N99"})
    ... except InputError as exc:
    ...     print(exc.problem.message, "|", exc.problem.expected)
    ambiguous name | one of the ids it could mean: pk, N99
    """
    q = query.strip().casefold()
    ids = [str(i) for i in mats["material_id"]]
    if q in ids:  # an id wins, as before names were taken
        return q
    hits: dict[str, None] = {}
    for mid, en, ja in zip(
        ids,
        mats["name_en"].fillna("").astype(str),
        mats["name_ja"].fillna("").astype(str),
        strict=True,
    ):
        short = (en.split(" (", 1)[0], ja.split("（", 1)[0])
        names = {n.strip().casefold() for n in (en, ja, *short)} - {""}
        if q in names:
            hits[mid] = None
    if not hits:
        return None
    clash = [*hits, *([others[q]] if others and q in others else [])]
    if len(clash) > 1:
        raise InputError(
            Problem(
                "ambiguous name",
                field=field,
                value=query.strip(),
                expected=f"one of the ids it could mean: {', '.join(clash)}",
            )
        )
    return next(iter(hits))


def eto_input_keys(inputs: pd.DataFrame) -> dict[str, str]:
    """The ETO inputs' ids and names (``SupplyChain.inputs``), casefolded, to their ids: the
    ``others`` of `resolve_material`.

    >>> eto_input_keys(pd.DataFrame({"input_id": ["N20"], "name": ["EUV scanners"]}))
    {'n20': 'N20', 'euv scanners': 'N20'}
    """
    out: dict[str, str] = {}
    for i, n in zip(inputs["input_id"].astype(str), inputs["name"].astype(str), strict=True):
        out[i.casefold()] = i
        out[n.casefold()] = i
    return out


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


#: a country share whose year is more than this many years before the data release's year is
#: called dated where it is shown (a display rule: it changes no number)
DATED_SHARE_YEARS = 3


def dated_shares(supply: pd.DataFrame, release_year: int) -> list[tuple[str, int]]:
    """(material, newest year of its shares) for the materials whose newest country share is
    more than `DATED_SHARE_YEARS` before ``release_year``, in material order.

    >>> sup = pd.DataFrame({"material_id": ["neon", "neon", "ga"], "year": [2021, 2021, 2024]})
    >>> dated_shares(sup, 2026)
    [('neon', 2021)]
    """
    newest = supply.groupby("material_id")["year"].max()
    return [
        (str(m), int(y))
        for m, y in sorted(newest.items())
        if int(y) < release_year - DATED_SHARE_YEARS
    ]


def dated_share_note(supply: pd.DataFrame, release_year: int, lang: str = "en") -> str:
    """One sentence naming the dated materials of ``supply`` (`dated_shares`), or "".

    >>> sup = pd.DataFrame({"material_id": ["neon"], "year": [2021]})
    >>> dated_share_note(sup, 2026).split(";")[0]
    "Dated: neon's shares are of 2021, the newest country split the data has"
    """
    old = dated_shares(supply, release_year)
    if not old:
        return ""
    if lang == "ja":
        items = "、".join(f"{m}（{y}年）" for m, y in old)
        return (
            f"古いシェア：{items}の国別シェアは、データにある最新の内訳です。その年の姿として読んでください"
            "（その後に分かっている変化は各行の注記にあります）。"
        )
    items = ", ".join(f"{m}'s shares are of {y}" for m, y in old)
    return (
        f"Dated: {items}, the newest country split the data has; read them as that year's "
        "picture (each row's note says what is known to have changed since)."
    )


def stock_sources(materials: pd.DataFrame) -> pd.DataFrame:
    """Where each material's stockpile norm comes from: ``material_id``, ``stockpile_as_of``
    and ``stockpile_source_url``, the row's own ``stockpile_*`` where it has them (a model input
    of `model_inputs`, whose stock is an inventory_buffers.csv row), else its materials.csv
    ``as_of`` and ``source_url`` (the stock is a column of that row).

    >>> mats = pd.DataFrame({"material_id": ["ga"], "as_of": ["2024-12"], "source_url": ["u"]})
    >>> stock_sources(mats).values.tolist()
    [['ga', '2024-12', 'u']]
    """
    full = materials.reindex(
        columns=["material_id", "as_of", "source_url", "stockpile_as_of", "stockpile_source_url"]
    ).astype(object)
    own = full["stockpile_as_of"].notna()  # a model input's row, its buffer's date or ""
    return pd.DataFrame(
        {
            "material_id": full["material_id"],
            "stockpile_as_of": full["stockpile_as_of"].where(own, full["as_of"]),
            "stockpile_source_url": full["stockpile_source_url"].where(own, full["source_url"]),
        }
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
    attrs = materials.reindex(  # substitutes_ja: materials_ja.csv's, absent without a row
        columns=[
            "material_id",
            "name_en",
            "input_ids",
            "node_classes",
            "stockpile_weeks",
            "substitutes",
            "substitutes_ja",
        ]
    )
    out = named.merge(attrs, on="material_id", how="left").merge(
        stock_sources(materials), on="material_id", how="left"
    )
    out = out.sort_values(["share_pct", "material_id", "stage"], ascending=[False, True, True])
    return out[MATERIAL_CHOKEPOINT_COLUMNS].reset_index(drop=True)


#: what the ``substitutes`` column of materials.csv is (review 11, finding 6): text for the
#: reader, not read by the engine, whose substitution is node_requirements.csv's
#: ``substitute_input_ids``
SUBSTITUTES_NOTE = (
    "substitutes: materials.csv text for the reader; the engine does not read it (the model's "
    "substitutes are node_requirements.csv substitute_input_ids)"
)


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
    """Downstream: one row per ETO input the material feeds, with the node classes using it
    and the material's use (``use_ja``: its Japanese from materials_ja.csv, None without one).
    Upstream: the country shares of each supply stage, with sources. ``attributes`` hold the
    stockpile norm, the substitutes (``substitutes_ja`` as ``use_ja``) and the row's source.

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
            "use_ja": [_japanese(row, "use_ja")] * len(inputs),
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
        "substitutes_ja": _japanese(row, "substitutes_ja"),
        "substitutes_note": SUBSTITUTES_NOTE,
        "confidence": str(row["confidence"]),
        "as_of": str(row["as_of"]),
        "source_url": str(row["source_url"]),
    }
    stock = stock_sources(rows).iloc[0]
    attributes["stockpile_as_of"] = str(stock["stockpile_as_of"])
    attributes["stockpile_source_url"] = str(stock["stockpile_source_url"])
    return MaterialTrace(material_id, str(row["name_en"]), downstream, upstream, attributes)


def _japanese(row: pd.Series, column: str) -> str | None:
    """A ``*_ja`` cell of a materials row: its text, None where missing (no materials_ja.csv
    row, or a model input, which has none)."""
    value = row.get(column)
    return value if isinstance(value, str) and value.strip() else None


def model_inputs(
    materials: pd.DataFrame,
    raw: pd.DataFrame,
    requirements: pd.DataFrame,
    buffers: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The inputs the model simulates from ``raw_materials.csv`` that are not raw materials of
    ``materials.csv`` (``advanced_packaging``), as rows shaped like ``materials.csv`` and
    ``material_supply.csv``, so that `material_chokepoints` and `material_trace` show them
    beside the materials (review 8, finding 2: ``trace advanced_packaging`` answered "unknown
    input" although scenarios shock it). ``input_ids`` is the ETO stage it belongs to,
    ``node_classes`` the classes of the ``node_requirements.csv`` rows that need it, ``use``
    those rows (market, criticality, the operators exempt as in-house makers), the stock the
    buffer of ``inventory_buffers.csv`` (``material:<id>``) and the supply ``stage`` "capacity"
    (its country shares are shares of capacity).

    >>> mats = pd.DataFrame({"material_id": ["ga"]})
    >>> raw = pd.DataFrame({"material_id": ["ga", "pk", "pk"], "name_en": ["Ga", "Pk", "Pk"],
    ...     "name_ja": ["", "", ""], "feeds_input_id": ["N26", "S3", "S3"],
    ...     "country": ["CHN", "TWN", "KOR"], "share_pct": [98.0, 88.0, 12.0],
    ...     "year": [2024, 2025, 2025], "source_url": ["u"] * 3, "as_of": ["2025"] * 3,
    ...     "confidence": ["high", "medium", "low"]})
    >>> req = pd.DataFrame({"node_class": ["lt10"], "input_id": ["pk"], "criticality": [0.7],
    ...     "market_id": ["ai_datacenter"], "except_operator_ids": ["samsung;intel"],
    ...     "confidence": ["low"]})
    >>> buf = pd.DataFrame({"applies_to": ["material:pk"], "weeks": [2.0], "as_of": ["2025-12"],
    ...     "source_url": ["t"]})
    >>> m, s = model_inputs(mats, raw, req, buf)
    >>> m[["material_id", "input_ids", "node_classes", "stockpile_weeks"]].values.tolist()
    [['pk', 'S3', 'lt10', 2.0]]
    >>> m[["as_of", "stockpile_as_of", "stockpile_source_url"]].values.tolist()
    [['2025', '2025-12', 't']]
    >>> print(m["use"].iloc[0])
    lt10 x ai_datacenter: criticality 0.7, exempt: samsung, intel
    >>> s[["material_id", "stage", "country", "share_pct"]].values.tolist()
    [['pk', 'capacity', 'TWN', 88.0], ['pk', 'capacity', 'KOR', 12.0]]
    """
    known = set(materials["material_id"].astype(str))
    rows = raw[~raw["material_id"].astype(str).isin(known)]
    mats: list[dict[str, object]] = []
    for mid, group in rows.groupby("material_id", sort=True):
        need = model_input_uses(requirements, str(mid))  # the rows `trace` lists
        uses = [
            f"{cls}"
            + (f" x {market}" if market else "")
            + f": criticality {crit:g}"
            + (f", exempt: {', '.join(exempt.split(';'))}" if exempt else "")
            for cls, market, crit, exempt in zip(
                need["node_class"].tolist(),
                need["market_id"].tolist(),
                need["criticality"].tolist(),
                need["exempt_operator_ids"].tolist(),
                strict=True,
            )
        ]
        buffer = buffers[buffers["applies_to"].astype(str) == f"material:{mid}"]
        first = group.iloc[0]
        mats.append(
            {
                "material_id": str(mid),
                "name_en": str(first["name_en"]),
                "name_ja": str(first["name_ja"]),
                "input_ids": ";".join(dict.fromkeys(group["feeds_input_id"].astype(str))),
                "node_classes": ";".join(dict.fromkeys(need["node_class"].astype(str))),
                "use": "; ".join(uses) or "no node_requirements.csv row needs it",
                "stockpile_weeks": float(buffer["weeks"].iloc[0]) if not buffer.empty else NAN,
                "stockpile_as_of": str(buffer["as_of"].iloc[0]) if not buffer.empty else "",
                "stockpile_source_url": (
                    str(buffer["source_url"].iloc[0]) if not buffer.empty else ""
                ),
                "substitutes": "",
                "source_url": str(first["source_url"]),
                "as_of": str(first["as_of"]),
                "confidence": str(first["confidence"]),
            }
        )
    supply = rows.assign(stage="capacity")[
        [
            "material_id",
            "stage",
            "country",
            "share_pct",
            "year",
            "confidence",
            "as_of",
            "source_url",
        ]
    ].reset_index(drop=True)
    return pd.DataFrame(mats), supply


def with_model_inputs(t: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``materials`` and ``material_supply`` of the store tables ``t`` (`MATERIAL_TABLES`) with
    the model inputs of `model_inputs` appended (their ids after the materials')."""
    m, s = model_inputs(
        t["materials"], t["raw_materials"], t["node_requirements"], t["inventory_buffers"]
    )
    mats = pd.concat([t["materials"], m], ignore_index=True) if not m.empty else t["materials"]
    supply = (
        pd.concat([t["material_supply"], s], ignore_index=True)
        if not s.empty
        else t["material_supply"]
    )
    return mats, supply


def model_input_uses(requirements: pd.DataFrame, input_id: str) -> pd.DataFrame:
    """The ``node_requirements.csv`` rows that need ``input_id``: class, market (blank: every
    market), criticality, the operators exempt from it as in-house makers and confidence.

    >>> req = pd.DataFrame({"node_class": ["lt10"], "input_id": ["pk"], "criticality": [0.7],
    ...     "market_id": ["ai_datacenter"], "except_operator_ids": ["samsung;intel"],
    ...     "confidence": ["low"]})
    >>> model_input_uses(req, "pk").values.tolist()
    [['lt10', 'ai_datacenter', 0.7, 'samsung;intel', 'low']]
    """
    rows = requirements[requirements["input_id"].astype(str) == input_id]
    out = pd.DataFrame(
        {
            "node_class": rows["node_class"].astype(str),
            "market_id": rows["market_id"].fillna("").astype(str),
            "criticality": rows["criticality"].astype(float),
            "exempt_operator_ids": rows["except_operator_ids"].fillna("").astype(str),
            "confidence": rows["confidence"].astype(str),
        }
    )
    return out.reset_index(drop=True)
