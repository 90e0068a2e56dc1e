"""Compile the scenario's shocks into hit masks over regions, countries, firms, inputs and fabs.

Shock targets (validated; unknown codes raise `UnknownCodeError` naming the field):
- ``country``: a region code (TWN, KOR, JPN, CHN, USA, EUR, ROW) takes the whole region's fab
  availability; any other country only its own fabs in the registry. In every case the country's
  share of every input (ETO country shares, raw_materials.csv) is lost.
- ``firm``: its share of every input (ETO firm shares) and the fabs whose operator names it.
- ``fab``: that fab's (ramped) capacity within its region/class cell.
- ``input``: the whole supply of that input (ETO id or raw-material id).
- ``export_control``: flows of ``inputs`` (all if empty) from ``targets`` to the regions of ``to``.

Only *affected* inputs (A), countries (K), firms (G) and fabs (F) get an axis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.capacity import country_region, fab_cells
from chipshock.sim.data import ModelData
from chipshock.sim.inputs import input_weights, requirement_terms
from chipshock.sim.units import WEEKLY_FACTOR, WEEKS_PER_YEAR

__all__ = ["ShockArrays", "compile_shocks"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ShockArrays:
    """Shock side of `Prepared` (see its field comments for the axes)."""

    start: I64  # [S] first week of each shock
    region_hit: F64  # [S, R]
    inputs: list[str]  # A
    is_material: npt.NDArray[np.bool_]  # [A]
    countries: list[str]  # K
    country_w: F64  # [A, K]
    country_hit: F64  # [S, K]
    export_mask: F64  # [S, A, K, R]
    firms: list[str]  # G
    firm_w: F64  # [A, G]
    firm_hit: F64  # [S, G]
    input_hit: F64  # [S, A]
    fab_ids: list[str]  # F
    fab_hit: F64  # [S, F]
    fab_cell: F64  # [F, R*C, Y]
    term_rows: list[Any]  # requirement rows on affected inputs (J)
    term_subs: list[tuple[int, ...]]
    term_active: list[bool]
    term_lambda: list[float]


def compile_shocks(
    scenario: Scenario,
    data: ModelData,
    reg: tuple[str, ...],
    classes: tuple[str, ...],
    years: tuple[int, ...],
    off: Sequence[str],
) -> ShockArrays:
    """Validate every shock (fields named ``shock[s].<key>``) and build its hit masks; fabs
    switched ``off`` by an intervention are not hit again."""
    fab_ids = set(data.fabs["fab_id"].astype(str))
    S = len(scenario.shocks)
    known_countries = set(data.country_codes)
    firms = data.firms
    req = data.node_requirements[data.node_requirements["node_class"].isin(classes)]
    req_inputs = list(dict.fromkeys(req["input_id"].astype(str)))
    raw_ids = set(data.raw_materials["material_id"].astype(str))
    all_inputs = set(data.inputs["input_id"].astype(str)) | raw_ids | set(req_inputs)
    cw, fw = input_weights(data, req_inputs)
    start = np.zeros(S, dtype=np.int64)
    region_hit = np.zeros((S, len(reg)))
    hit_countries: list[set[str]] = [set() for _ in range(S)]
    hit_firms: list[set[str]] = [set() for _ in range(S)]
    hit_inputs: list[set[str]] = [set() for _ in range(S)]
    hit_fabs: list[set[str]] = [set() for _ in range(S)]
    export: list[tuple[set[str], set[str], set[str]]] = [(set(), set(), set()) for _ in range(S)]
    for s, sh in enumerate(scenario.shocks):
        f = f"shock[{s}]"
        if not scenario.start_year <= sh.start_year <= scenario.end_year:
            raise invalid_value(
                f"{f}.start_year",
                sh.start_year,
                f"a year in the horizon {scenario.start_year}..{scenario.end_year}",
            )
        if not 1 <= sh.start_week <= WEEKS_PER_YEAR:
            raise invalid_value(f"{f}.start_week", sh.start_week, "1..52")
        if not sh.targets:
            raise invalid_value(f"{f}.targets", "", "at least one target")
        start[s] = (sh.start_year - scenario.start_year) * WEEKS_PER_YEAR + sh.start_week - 1
        if sh.kind in ("country", "export_control"):
            for c in sh.targets:
                if c not in known_countries:
                    raise unknown_code("country", c, sorted(known_countries), f"{f}.targets")
        if sh.kind == "country":
            for c in sh.targets:
                hit_countries[s].add(c)
                if c in reg:
                    region_hit[s, reg.index(c)] = 1.0
                else:
                    hit_fabs[s] |= set(
                        data.fabs.loc[data.fabs["country"] == c, "fab_id"].astype(str)
                    )
        elif sh.kind == "firm":
            for q in sh.targets:
                fid = _resolve_firm(firms, q)
                ops = data.fabs[
                    data.fabs["operator"].astype(str).str.contains(re.escape(q), case=False)
                ]
                if fid is None and ops.empty:
                    names = [*firms["name"].astype(str), *data.fabs["operator"].astype(str)]
                    raise unknown_code("firm", q, names, f"{f}.targets")
                if fid is not None:
                    hit_firms[s].add(fid)
                    name = str(firms.loc[firms["firm_id"] == fid, "name"].iloc[0])
                    ops = (
                        data.fabs[
                            data.fabs["operator"]
                            .astype(str)
                            .str.contains(re.escape(name), case=False)
                        ]
                        if len(name) >= 3
                        else ops
                    )
                hit_fabs[s] |= set(ops["fab_id"].astype(str))
        elif sh.kind == "fab":
            for q in sh.targets:
                if q not in fab_ids:
                    raise unknown_code("fab", q, sorted(fab_ids), f"{f}.targets")
                hit_fabs[s].add(q)
        elif sh.kind == "input":
            for q in sh.targets:
                if q not in all_inputs:
                    by_name = dict(
                        zip(
                            data.inputs["name"].astype(str),
                            data.inputs["input_id"].astype(str),
                            strict=True,
                        )
                    )
                    if q in by_name:
                        q = by_name[q]
                    else:
                        raise unknown_code("input", q, sorted(all_inputs), f"{f}.targets")
                hit_inputs[s].add(q)
        elif sh.kind == "export_control":
            for c in sh.to:
                if c not in known_countries:
                    raise unknown_code("country", c, sorted(known_countries), f"{f}.to")
            for q in sh.inputs:
                if q not in all_inputs:
                    raise unknown_code("input", q, sorted(all_inputs), f"{f}.inputs")
            to_regions = {country_region(c, reg) for c in sh.to} if sh.to else set(reg)
            export[s] = (
                set(sh.targets),
                to_regions,
                set(sh.inputs) if sh.inputs else set(req_inputs),
            )
        else:
            raise invalid_value(f"{f}.kind", sh.kind, "country, firm, fab, input or export_control")
    hit_fabs = [h - set(off) for h in hit_fabs]

    # affected inputs, countries and firms
    def touched(i: str) -> bool:
        for s in range(S):
            if hit_countries[s] & set(cw[i]) or hit_firms[s] & set(fw[i]) or i in hit_inputs[s]:
                return True
            tg, _, ins = export[s]
            if i in ins and tg & set(cw[i]):
                return True
        return False

    A = [i for i in req_inputs if touched(i)]
    K = sorted(
        {c for s in range(S) for c in hit_countries[s] | export[s][0] if any(c in cw[i] for i in A)}
    )
    G = sorted({g for s in range(S) for g in hit_firms[s] if any(g in fw[i] for i in A)})
    country_w = np.array([[cw[i].get(c, 0.0) for c in K] for i in A]).reshape(len(A), len(K))
    firm_w = np.array([[fw[i].get(g, 0.0) for g in G] for i in A]).reshape(len(A), len(G))
    country_hit = np.array(
        [[1.0 if c in hit_countries[s] else 0.0 for c in K] for s in range(S)]
    ).reshape(S, len(K))
    firm_hit = np.array([[1.0 if g in hit_firms[s] else 0.0 for g in G] for s in range(S)]).reshape(
        S, len(G)
    )
    input_hit = np.array(
        [[1.0 if a in hit_inputs[s] else 0.0 for a in A] for s in range(S)]
    ).reshape(S, len(A))
    export_mask = np.zeros((S, len(A), len(K), len(reg)))
    for s in range(S):
        tg, rr, ins = export[s]
        for ai, a in enumerate(A):
            if a in ins:
                for ki, kc in enumerate(K):
                    if kc in tg:
                        for ri, rc in enumerate(reg):
                            if rc in rr:
                                export_mask[s, ai, ki, ri] = 1.0
    kinds = dict(zip(req["input_id"].astype(str), req["kind"].astype(str), strict=True))
    is_mat = np.array([kinds[a] == "material" for a in A], dtype=bool)
    rows, subs_list, active, lam = requirement_terms(req, A, kinds)

    # fabs
    F = sorted({x for s in range(S) for x in hit_fabs[s]})
    cells = {c.fab_id: c for c in fab_cells(data, F, years)}
    F = [x for x in F if x in cells and not cells[x].cancelled and cells[x].node_class in classes]
    fab_cell = np.zeros((len(F), len(reg) * len(classes), len(years)))
    for fi, x in enumerate(F):
        cell = cells[x]
        fab_cell[fi, reg.index(cell.region) * len(classes) + classes.index(cell.node_class)] = (
            np.asarray(cell.ramped_kwspm) * WEEKLY_FACTOR
        )
    fab_hit = np.array([[1.0 if x in hit_fabs[s] else 0.0 for x in F] for s in range(S)]).reshape(
        S, len(F)
    )
    return ShockArrays(
        start=start,
        region_hit=region_hit,
        inputs=A,
        is_material=is_mat,
        countries=K,
        country_w=country_w,
        country_hit=country_hit,
        export_mask=export_mask,
        firms=G,
        firm_w=firm_w,
        firm_hit=firm_hit,
        input_hit=input_hit,
        fab_ids=F,
        fab_hit=fab_hit,
        fab_cell=fab_cell,
        term_rows=rows,
        term_subs=subs_list,
        term_active=active,
        term_lambda=lam,
    )


def _resolve_firm(firms: pd.DataFrame, q: str) -> str | None:
    qq = q.strip().casefold()
    for fid, name, alias in zip(firms["firm_id"], firms["name"], firms["alias"], strict=True):
        aliases = [a.strip().casefold() for a in str(alias).split(";") if a.strip()]
        if qq in (str(fid).casefold(), str(name).casefold(), *aliases):
            return str(fid)
    return None
