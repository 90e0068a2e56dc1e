"""Input supply weights (who supplies each input) and requirement terms (which class needs
which input, how critically, with which substitutes).

Input supply weights: renormalised over *known* shares, aggregate providers ("Various
countries") count in the denominator and are always available.

Country shares of an input come from the first of these that has them (`country_weight_source`):

1. ``raw`` -- raw_materials.csv, for raw-material ids (the seven of materials.csv);
2. ``eto`` -- the ETO country rows, if *any* of them has a known share (N26 wafers, N33
   photomasks, tools, stage S3); unknown shares among them are dropped (renormalised over the
   known ones);
3. ``curated`` -- material_country_shares.csv, for fab materials the ETO lists with no country
   share at all (photoresists N31, deposition materials N88, CMP materials N90, electronic gases
   N91, wet chemicals N92); ``ROW`` there is a country like any other (as in raw_materials.csv);
4. ``even`` -- otherwise each listed country gets an equal share.

Firm weights always come from the ETO firm rows, known shares first, else an equal share per
listed firm (most materials list firms without shares).

Inputs of node_requirements.csv may also be ETO *stages*: ``S3`` (assembly, test and packaging,
ATP) takes its country shares from the ETO stage rows (provided_kind "stage": CHN 30, TWN 28,
KOR 9, JPN 6, USA 3, EUR 3 and "Various countries" 20 %, the residual that is always available,
as for every other input). It acts like a material: a die-bank/WIP buffer (inventory_buffers.csv,
``stage:S3``) bridges a cut, then output of every class that requires it falls with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.sim.data import ModelData, num

__all__ = [
    "WEIGHT_TABLES",
    "country_weight_source",
    "input_weights",
    "material_classes",
    "requirement_terms",
    "used_requirements",
]

Weights = dict[str, dict[str, float]]

#: the `ModelData` tables `input_weights` reads (and nothing else of the data: a test holds it)
WEIGHT_TABLES = (
    "raw_materials",
    "input_country_shares",
    "material_country_shares",
    "input_firm_shares",
)


def material_classes(data: ModelData) -> dict[str, set[str]]:
    """Node classes that use each raw material (materials.csv ``node_classes``, ';'-separated);
    empty if the table is absent."""
    out: dict[str, set[str]] = {}
    for mid, classes in zip(
        data.materials["material_id"].astype(str),
        data.materials["node_classes"].fillna("").astype(str),
        strict=True,
    ):
        out[mid] = {c.strip() for c in classes.split(";") if c.strip()}
    return out


def used_requirements(
    data: ModelData, classes: Sequence[str], markets: Sequence[str] | None = None
) -> pd.DataFrame:
    """node_requirements rows of ``classes``; a raw material listed in materials.csv maps only
    to the classes that use it there (rows for other classes are dropped). ``market_id`` is
    "" for a row that binds the whole class (blank in the file, or no such column) and a
    market id for a row that binds only that market's chips of the class; with ``markets``,
    rows of a market the model does not run are dropped. ``except_operator_ids`` is "" for a row
    that binds every producer of the class, else the ';'-separated operators whose fabs it
    does not bind, sorted (Samsung and Intel package their own leading-edge chips)."""
    nr = data.node_requirements
    mk, op = (
        nr[col].fillna("").astype(str).str.strip()
        if col in nr.columns
        else pd.Series("", index=nr.index, dtype=object)
        for col in ("market_id", "except_operator_ids")
    )
    op = op.map(lambda v: ";".join(sorted({x.strip() for x in v.split(";") if x.strip()})))
    nr = nr.assign(market_id=mk, except_operator_ids=op)
    keep_m = (mk == "") | (mk.isin(list(markets)) if markets is not None else True)
    req = nr[nr["node_class"].isin(list(classes)) & keep_m]
    uses = material_classes(data)
    if not uses:
        return req
    keep = [
        str(i) not in uses or str(c) in uses[str(i)]
        for i, c in zip(req["input_id"], req["node_class"], strict=True)
    ]
    return req[keep]


def _weights(rows: pd.DataFrame, key: str) -> dict[str, float]:
    """Fraction of an input from each non-aggregate provider (see module docstring)."""
    if rows.empty:
        return {}
    agg = (
        rows["is_aggregate"].astype(bool)
        if "is_aggregate" in rows.columns
        else pd.Series(False, index=rows.index)
    )
    shares = rows["share_pct"].astype(float)
    known = shares.notna()
    if known.any():
        denom = float(shares[known].sum())
        if denom <= 0:
            return {}
        out: dict[str, float] = {}
        for k, s, a, kn in zip(rows[key].astype(str), shares, agg, known, strict=True):
            if kn and not a and s > 0:
                out[k] = out.get(k, 0.0) + float(s) / denom
        return out
    names = sorted({str(k) for k, a in zip(rows[key], agg, strict=True) if not a})
    return {k: 1.0 / len(names) for k in names} if names else {}


def _country_rows(data: ModelData, inp: str) -> tuple[str, pd.DataFrame]:
    """The rows that set an input's country weights and where they come from (module doc)."""
    rm = data.raw_materials[data.raw_materials["material_id"].astype(str) == inp]
    if not rm.empty:
        return "raw", rm.assign(is_aggregate=False)
    eto = data.input_country_shares[data.input_country_shares["input_id"].astype(str) == inp]
    if eto["share_pct"].astype(float).notna().any():
        return "eto", eto
    mcs = data.material_country_shares
    cur = mcs[mcs["input_id"].astype(str) == inp]
    if not cur.empty:
        return "curated", cur.assign(is_aggregate=False)
    return "even", eto


def country_weight_source(data: ModelData, inp: str) -> str:
    """Which table sets an input's country weights: raw, eto, curated or even (module doc)."""
    return _country_rows(data, inp)[0]


def input_weights(data: ModelData, req_inputs: Sequence[str]) -> tuple[Weights, Weights]:
    """Country and firm weights of every required input (raw materials have no firm weights);
    the country weights follow the precedence of the module docstring."""
    raw_ids = set(data.raw_materials["material_id"].astype(str))
    cw: dict[str, dict[str, float]] = {}
    fw: dict[str, dict[str, float]] = {}
    for inp in req_inputs:
        cw[inp] = _weights(_country_rows(data, inp)[1], "country")
        fw[inp] = (
            {}
            if inp in raw_ids
            else _weights(
                data.input_firm_shares[data.input_firm_shares["input_id"] == inp], "firm_id"
            )
        )
    return cw, fw


def requirement_terms(
    req: pd.DataFrame, A: list[str], kinds: dict[str, str]
) -> tuple[list[Any], list[tuple[int, ...]], list[bool], list[float]]:
    """Requirement rows on affected inputs ``A``, their substitute term indices (-1 - a: supply
    of input a), whether they count (every substitute affected) and their erosion per week.
    A substitute of a market row (or one with exempt operators) is the row of the substitute
    input with the same scope, else the class-wide one, else the substitute's supply."""
    rows = [r for r in req.itertuples() if str(r.input_id) in A]
    term_index = {
        (
            str(r.node_class),
            str(getattr(r, "market_id", "")),
            str(getattr(r, "except_operator_ids", "")),
            str(r.input_id),
        ): j
        for j, r in enumerate(rows)
    }
    subs_list: list[tuple[int, ...]] = []
    active: list[bool] = []
    for r in rows:
        subs = [
            x.strip()
            for x in str(r.substitute_input_ids or "").split(";")
            if x.strip() and str(r.substitute_input_ids) != "nan"
        ]
        idx: list[int] = []
        ok = True
        for x in subs:
            if x not in A:
                ok = False
                break
            m = str(getattr(r, "market_id", ""))
            o = str(getattr(r, "except_operator_ids", ""))
            c = str(r.node_class)
            j = next(
                (
                    term_index[k]
                    for k in ((c, m, o, x), (c, m, "", x), (c, "", o, x), (c, "", "", x))
                    if k in term_index
                ),
                None,
            )
            idx.append(j if j is not None else -1 - A.index(x))
        subs_list.append(tuple(idx))
        active.append(ok)
    lam = [
        0.0
        if kinds[str(r.input_id)] == "material"
        or bool(pd.isna(num(r.capacity_loss_pct_per_week_when_cut)))
        else num(r.capacity_loss_pct_per_week_when_cut) / 100.0
        for r in rows
    ]
    return rows, subs_list, active, lam
