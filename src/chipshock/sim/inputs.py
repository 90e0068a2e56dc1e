"""Input supply weights (who supplies each input) and requirement terms (which class needs
which input, how critically, with which substitutes).

Input supply weights: renormalised over *known* shares, aggregate providers ("Various
countries") count in the denominator and are always available; where an input lists countries
or firms without any share (most fab materials in ETO), each listed one gets an equal share.

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

__all__ = ["input_weights", "requirement_terms"]

Weights = dict[str, dict[str, float]]


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


def input_weights(data: ModelData, req_inputs: Sequence[str]) -> tuple[Weights, Weights]:
    """Country and firm weights of every required input (raw materials have no firm weights)."""
    raw_ids = set(data.raw_materials["material_id"].astype(str))
    cw: dict[str, dict[str, float]] = {}
    fw: dict[str, dict[str, float]] = {}
    for inp in req_inputs:
        if inp in raw_ids:
            rm = data.raw_materials[data.raw_materials["material_id"] == inp]
            cw[inp] = _weights(rm.assign(is_aggregate=False), "country")
            fw[inp] = {}
        else:
            cw[inp] = _weights(
                data.input_country_shares[data.input_country_shares["input_id"] == inp], "country"
            )
            fw[inp] = _weights(
                data.input_firm_shares[data.input_firm_shares["input_id"] == inp], "firm_id"
            )
    return cw, fw


def requirement_terms(
    req: pd.DataFrame, A: list[str], kinds: dict[str, str]
) -> tuple[list[Any], list[tuple[int, ...]], list[bool], list[float]]:
    """Requirement rows on affected inputs ``A``, their substitute term indices (-1 - a: supply
    of input a), whether they count (every substitute affected) and their erosion per week."""
    rows = [r for r in req.itertuples() if str(r.input_id) in A]
    term_index = {(str(r.node_class), str(r.input_id)): j for j, r in enumerate(rows)}
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
            j = term_index.get((str(r.node_class), x))
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
