"""Compile a `Scenario` and `ModelData` into plain arrays (`Prepared`) and draw per-run
parameters (`Draws`). Both the vectorised engine and the reference loop read only these.

Shock targets (validated; unknown codes raise `UnknownCodeError` naming the field):
- ``country``: a region code (TWN, KOR, JPN, CHN, USA, EUR, ROW) takes the whole region's fab
  availability; any other country only its own fabs in the registry. In every case the country's
  share of every input (ETO country shares, raw_materials.csv) is lost.
- ``firm``: its share of every input (ETO firm shares) and the fabs whose operator names it.
- ``fab``: that fab's (ramped) capacity within its region/class cell.
- ``input``: the whole supply of that input (ETO id or raw-material id).
- ``export_control``: flows of ``inputs`` (all if empty) from ``targets`` to the regions of ``to``.

Input supply weights: renormalised over *known* shares, aggregate providers ("Various
countries") count in the denominator and are always available; where an input lists countries
or firms without any share (most fab materials in ETO), each listed one gets an equal share.

Inputs of node_requirements.csv may also be ETO *stages*: ``S3`` (assembly, test and packaging,
ATP) takes its country shares from the ETO stage rows (provided_kind "stage": CHN 30, TWN 28,
KOR 9, JPN 6, USA 3, EUR 3 and "Various countries" 20 %, the residual that is always available,
as for every other input). It acts like a material: a die-bank/WIP buffer (inventory_buffers.csv,
``stage:S3``) bridges a cut, then output of every class that requires it falls with it.

Downstream output value of market m in year y (USD per week, for ``loss_usd_bn``):
    V[m, y] = chip_demand_usd[m] * (1 + growth[m]) ** (y - demand_year[m])
              * value_multiplier[m] / 52
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import Problem, ScenarioError, UnknownCodeError
from chipshock.model.market_schema import MARKETS
from chipshock.scenarios.model import Distribution, Scenario
from chipshock.sim.capacity import (
    capacity_array,
    country_region,
    fab_cells,
    global_capacity,
    node_classes,
    regions,
)
from chipshock.sim.data import ModelData, num
from chipshock.sim.params import draw

__all__ = [
    "WEEKLY_FACTOR",
    "WEEKS_PER_YEAR",
    "Draws",
    "Prepared",
    "draw_parameters",
    "partnership_fabs",
    "prepare",
]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
WEEKS_PER_YEAR = 52
WEEKLY_FACTOR = 12.0 / 52.0  # monthly wafer starts -> weekly
_GOV = re.compile(r"department|ministry|meti|nedo|\bipa\b|government|commerce|defense|nist", re.I)


@dataclass(frozen=True, eq=False)
class Prepared:
    """Everything the weekly loop needs, as arrays. Axes: R regions, C classes, M markets,
    S shocks, A affected inputs, K affected countries, G affected firms, F shocked fabs,
    J requirement terms on affected inputs, Y years."""

    regions: tuple[str, ...]
    classes: tuple[str, ...]
    markets: tuple[str, ...]
    years: tuple[int, ...]
    n_weeks: int
    first_shock_week: int
    capw: F64  # [R, C, Y] capacity, k-wafers/week
    demand: F64  # [M, C, Y] k-wafers/week
    usd_per_wafer: F64  # [C]
    value_multiplier: F64  # [M]
    output_value_usd: F64  # [M, Y] weekly downstream output value V[m, y], USD
    complementarity: float  # 1 = Leontief min over classes, 0 = chip-value-weighted mean
    priority: F64  # [M]
    shock_start: I64  # [S]
    shock_kind: tuple[str, ...]
    region_hit: F64  # [S, R] 1 where the shock takes the region's fabs
    inputs: tuple[str, ...]  # A
    input_is_material: npt.NDArray[np.bool_]  # [A]
    countries: tuple[str, ...]  # K
    country_w: F64  # [A, K]
    country_hit: F64  # [S, K]
    export_mask: F64  # [S, A, K, R] 1 where export shock s cuts flow (a, k -> r)
    has_export: bool
    firms: tuple[str, ...]  # G
    firm_w: F64  # [A, G]
    firm_hit: F64  # [S, G]
    input_hit: F64  # [S, A]
    fab_ids: tuple[str, ...]  # F
    fab_hit: F64  # [S, F]
    fab_cell: F64  # [F, R*C, Y] ramped capacity in k-wafers/week at the fab's cell
    term_class: I64  # [J]
    term_input: I64  # [J] index into A
    term_crit: F64  # [J]
    term_lambda: F64  # [J] erosion per week when cut (tools), 0 for materials
    term_subs: tuple[tuple[int, ...], ...]  # substitute term indices (-1 - a: supply of input a)
    term_active: npt.NDArray[np.bool_]  # [J] counts in g (input and substitutes all affected)
    tolerance: float
    window: int
    mco_countries: tuple[str, ...]
    mco: F64  # [M, N] market -> country output share (fractions)
    assumptions: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)


@dataclass(frozen=True, eq=False)
class Draws:
    """Per-run parameters, drawn once for all runs (rows = runs)."""

    duration: F64  # [n, S]
    severity: F64  # [n, S]
    recovery: F64  # [n, S]
    inventory_weeks: F64  # [n, M] customer + distributor + stockpile, x policy
    material_buffer: F64  # [n, A] (used for materials)
    service_buffer: F64  # [n, J] (used for tools)
    tool_recovery: F64  # [n]
    surge: F64  # [n]

    @property
    def runs(self) -> int:
        return int(self.tool_recovery.shape[0])

    def slice(self, start: int, stop: int) -> Draws:
        return Draws(*(getattr(self, f)[start:stop] for f in self.__dataclass_fields__))


def _unknown(kind: str, value: str, known: Sequence[str], field_name: str) -> UnknownCodeError:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    hint = f"a known {kind}" + (f", e.g. {', '.join(close)}" if close else "")
    return UnknownCodeError(
        Problem(f"unknown {kind}", field=field_name, value=value, expected=hint)
    )


def _scenario_error(
    field_name: str, value: object, expected: str, message: str = "invalid value"
) -> ScenarioError:
    return ScenarioError(Problem(message, field=field_name, value=str(value), expected=expected))


def partnership_fabs(
    data: ModelData, partnership_id: str, field_name: str = "partnership"
) -> list[str]:
    """Fabs a partnership enables: fabs whose operator or name contains a non-government party,
    located in one of the partnership's countries; if the partnership's technology or summary
    names a fab's city or site, only those fabs."""
    p = data.partnerships[data.partnerships["partnership_id"] == partnership_id]
    if p.empty:
        raise _unknown(
            "partnership",
            partnership_id,
            data.partnerships["partnership_id"].astype(str).tolist(),
            field_name,
        )
    row = p.iloc[0]
    parties = [
        s.strip()
        for s in re.split(r"[;(),]", str(row["parties"]))
        if len(s.strip()) >= 3 and not _GOV.search(s)
    ]
    countries = {c.strip() for c in str(row["parties_countries"]).split(";")}
    fabs = data.fabs
    cands = []
    for f in fabs.itertuples():
        text = f"{f.operator} {f.name}".lower()
        if str(f.country) in countries and any(q.lower() in text for q in parties):
            cands.append(f)
    about = f"{row.get('technology') or ''} {row.get('summary') or ''}".lower()
    sited = [
        f
        for f in cands
        if any(
            w and w.lower() in about
            for w in re.split(r"[ ,]+", str(f.region_or_city or ""))
            if len(w) >= 4
        )
    ]
    chosen = sited or cands
    return [str(f.fab_id) for f in chosen]


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


def _check_horizon(scenario: Scenario, data: ModelData) -> tuple[int, int]:
    lo, hi = int(data.assumption("horizon_min_year")), int(data.assumption("horizon_max_year"))
    if not lo <= scenario.start_year <= hi:
        raise _scenario_error(
            "start_year", scenario.start_year, f"a year in {lo}..{hi} (what the data supports)"
        )
    if not scenario.start_year <= scenario.end_year <= hi:
        raise _scenario_error(
            "end_year", scenario.end_year, f"a year in {scenario.start_year}..{hi}"
        )
    if scenario.runs < 1:
        raise _scenario_error("runs", scenario.runs, "at least 1")
    return lo, hi


def prepare(scenario: Scenario, data: ModelData) -> Prepared:
    """Validate ``scenario`` against ``data`` and compile it to arrays."""
    _check_horizon(scenario, data)
    reg, classes = regions(data), node_classes(data)
    mk = tuple(m for m in MARKETS if m in set(data.end_markets["market_id"].astype(str)))
    years = tuple(range(scenario.start_year, scenario.end_year + 1))
    n_weeks = len(years) * WEEKS_PER_YEAR
    fab_ids = set(data.fabs["fab_id"].astype(str))

    # --- interventions: fabs off/on -----------------------------------------------------
    off: list[str] = []
    on: list[str] = []
    for i, iv in enumerate(scenario.interventions):
        if iv.kind in ("fabs_off", "fabs_on"):
            for f in iv.fabs:
                if f not in fab_ids:
                    raise _unknown("fab", f, sorted(fab_ids), f"interventions[{i}].fabs")
            (off if iv.kind == "fabs_off" else on).extend(iv.fabs)
        elif iv.kind == "partnership_off":
            for p in iv.partnerships:
                fabs = partnership_fabs(data, p, f"interventions[{i}].partnerships")
                if not fabs:
                    raise _scenario_error(
                        f"interventions[{i}].partnerships",
                        p,
                        "a partnership that enables a fab in the registry",
                        "partnership enables no fab",
                    )
                off.extend(fabs)
        elif iv.kind in ("stockpile", "inventory_policy"):
            for m in iv.markets:
                if m not in mk:
                    raise _unknown("market", m, mk, f"interventions[{i}].markets")
            if iv.weeks < 0:
                raise _scenario_error(f"interventions[{i}].weeks", iv.weeks, ">= 0")
            if iv.factor < 0:
                raise _scenario_error(f"interventions[{i}].factor", iv.factor, ">= 0")
    cap, _, _ = capacity_array(data, years, off, on)
    capw = cap * WEEKLY_FACTOR

    # --- demand ------------------------------------------------------------------------
    u = data.assumption("utilisation")
    gcap = global_capacity(data, classes, years)  # [C, Y]
    em = data.end_markets.set_index("market_id")
    wv = data.wafer_value.set_index("node_class")["usd_per_wafer"].astype(float)
    usd = np.array([float(wv[c]) for c in classes])
    mnd = data.market_node_demand
    share = np.zeros((len(mk), len(classes)))
    for r in mnd.itertuples():
        if r.market_id in mk and r.node_class in classes:
            share[mk.index(str(r.market_id)), classes.index(str(r.node_class))] = (
                num(r.share_pct) / 100.0
            )
    mix = np.zeros((len(mk), len(classes), len(years)))
    out_value = np.zeros((len(mk), len(years)))
    for mi, m in enumerate(mk):
        grow = (1 + num(em.loc[m, "growth_pct_per_year"]) / 100.0) ** (
            np.asarray(years, float) - num(em.loc[m, "demand_year"])
        )
        mix[mi] = (
            num(em.loc[m, "chip_demand_usd_bn"]) * share[mi][:, None] * grow[None, :] / usd[:, None]
        )
        out_value[mi] = (
            num(em.loc[m, "chip_demand_usd_bn"])
            * 1e9
            * grow
            * num(em.loc[m, "value_multiplier"])
            / WEEKS_PER_YEAR
        )
    tot = mix.sum(axis=0, keepdims=True)
    mix = np.divide(mix, tot, out=np.zeros_like(mix), where=tot > 0)
    demand = u * gcap[None, :, :] * WEEKLY_FACTOR * mix
    mult = np.array([num(em.loc[m, "value_multiplier"]) for m in mk])
    prio = np.ones(len(mk))
    for i, (m, w) in enumerate(scenario.priorities):
        if m not in mk:
            raise _unknown("market", m, mk, f"priorities[{i}]")
        if not w > 0:
            raise _scenario_error(f"priorities[{i}]", w, "a weight > 0")
        prio[mk.index(m)] = float(w)

    # --- shocks -------------------------------------------------------------------------
    S = len(scenario.shocks)
    known_countries = set(data.country_codes)
    firms = data.firms
    req = data.node_requirements[data.node_requirements["node_class"].isin(classes)]
    req_inputs = list(dict.fromkeys(req["input_id"].astype(str)))
    raw_ids = set(data.raw_materials["material_id"].astype(str))
    all_inputs = set(data.inputs["input_id"].astype(str)) | raw_ids | set(req_inputs)
    # country and firm weights of every required input
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
            raise _scenario_error(
                f"{f}.start_year",
                sh.start_year,
                f"a year in the horizon {scenario.start_year}..{scenario.end_year}",
            )
        if not 1 <= sh.start_week <= WEEKS_PER_YEAR:
            raise _scenario_error(f"{f}.start_week", sh.start_week, "1..52")
        if not sh.targets:
            raise _scenario_error(f"{f}.targets", "", "at least one target")
        start[s] = (sh.start_year - scenario.start_year) * WEEKS_PER_YEAR + sh.start_week - 1
        if sh.kind in ("country", "export_control"):
            for c in sh.targets:
                if c not in known_countries:
                    raise _unknown("country", c, sorted(known_countries), f"{f}.targets")
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
                    raise _unknown("firm", q, names, f"{f}.targets")
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
                    raise _unknown("fab", q, sorted(fab_ids), f"{f}.targets")
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
                        raise _unknown("input", q, sorted(all_inputs), f"{f}.targets")
                hit_inputs[s].add(q)
        elif sh.kind == "export_control":
            for c in sh.to:
                if c not in known_countries:
                    raise _unknown("country", c, sorted(known_countries), f"{f}.to")
            for q in sh.inputs:
                if q not in all_inputs:
                    raise _unknown("input", q, sorted(all_inputs), f"{f}.inputs")
            to_regions = {country_region(c, reg) for c in sh.to} if sh.to else set(reg)
            export[s] = (
                set(sh.targets),
                to_regions,
                set(sh.inputs) if sh.inputs else set(req_inputs),
            )
        else:
            raise _scenario_error(
                f"{f}.kind", sh.kind, "country, firm, fab, input or export_control"
            )
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

    # requirement terms on affected inputs
    rows = [r for r in req.itertuples() if str(r.input_id) in A]
    term_index = {(str(r.node_class), str(r.input_id)): j for j, r in enumerate(rows)}
    subs_list: list[tuple[int, ...]] = []
    active = []
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

    mco = data.market_country_output
    out_c = tuple(sorted(set(mco["country"].astype(str))))
    mco_arr = np.zeros((len(mk), len(out_c)))
    for r in mco.itertuples():
        if r.market_id in mk:
            mco_arr[mk.index(str(r.market_id)), out_c.index(str(r.country))] = (
                num(r.share_pct) / 100.0
            )

    return Prepared(
        regions=reg,
        classes=classes,
        markets=mk,
        years=years,
        n_weeks=n_weeks,
        first_shock_week=int(start.min()) if S else 0,
        capw=capw,
        demand=demand,
        usd_per_wafer=usd,
        value_multiplier=mult,
        output_value_usd=out_value,
        complementarity=_complementarity(data),
        priority=prio,
        shock_start=start,
        shock_kind=tuple(sh.kind for sh in scenario.shocks),
        region_hit=region_hit,
        inputs=tuple(A),
        input_is_material=is_mat,
        countries=tuple(K),
        country_w=country_w,
        country_hit=country_hit,
        export_mask=export_mask,
        has_export=bool(export_mask.any()),
        firms=tuple(G),
        firm_w=firm_w,
        firm_hit=firm_hit,
        input_hit=input_hit,
        fab_ids=tuple(F),
        fab_hit=fab_hit,
        fab_cell=fab_cell,
        term_class=np.array([classes.index(str(r.node_class)) for r in rows], dtype=np.int64),
        term_input=np.array([A.index(str(r.input_id)) for r in rows], dtype=np.int64),
        term_crit=np.array([num(r.criticality) for r in rows]),
        term_lambda=np.array(lam),
        term_subs=tuple(subs_list),
        term_active=np.array(active, dtype=bool),
        tolerance=data.assumption("shortfall_tolerance"),
        window=int(data.assumption("recovery_window_weeks")),
        mco_countries=out_c,
        mco=mco_arr,
        assumptions=_assumption_rows(data, classes, mk, A),
    )


def _complementarity(data: ModelData) -> float:
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


def _resolve_firm(firms: pd.DataFrame, q: str) -> str | None:
    qq = q.strip().casefold()
    for fid, name, alias in zip(firms["firm_id"], firms["name"], firms["alias"], strict=True):
        aliases = [a.strip().casefold() for a in str(alias).split(";") if a.strip()]
        if qq in (str(fid).casefold(), str(name).casefold(), *aliases):
            return str(fid)
    return None


def _assumption_rows(
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
    add(
        rc[rc["source_name"].astype(str).str.startswith("SIA/BCG")],
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
    add(
        data.market_country_output,
        "market_country_output.csv",
        ["market_id", "country"],
        "share_pct",
    )
    add(data.model_assumptions, "model_assumptions.csv", ["parameter"], "value")
    return pd.DataFrame(out, columns=["file", "id", "value", "source_url", "as_of", "confidence"])


_PARAM_PREFIXES = (
    "customer_inventory_weeks",
    "distributor_inventory_weeks",
    "buffer_weeks.",
    "tool_recovery_per_week",
    "material_surge_fraction",
)


def _tri(low: float, mode: float, high: float) -> Distribution:
    return Distribution("triangular", low=min(low, mode), mode=mode, high=max(high, mode))


def draw_parameters(
    scenario: Scenario, data: ModelData, prep: Prepared, seed: int, runs: int
) -> Draws:
    """Draw every per-run parameter for all runs (see `chipshock.sim.params`)."""
    overrides: dict[str, Distribution] = {}
    for i, (name, dist) in enumerate(scenario.parameters):
        if not (
            name in _PARAM_PREFIXES
            or any(
                name.startswith(p + ".") or (p.endswith(".") and name.startswith(p))
                for p in _PARAM_PREFIXES
            )
        ):
            raise _scenario_error(
                f"parameters[{i}]",
                name,
                "customer_inventory_weeks[.<market>], distributor_inventory_weeks, "
                "buffer_weeks.<buffer_id>, tool_recovery_per_week or material_surge_fraction",
                "unknown parameter",
            )
        overrides[name] = dist
    S = len(scenario.shocks)
    dur = np.zeros((runs, S))
    sev = np.zeros((runs, S))
    rec = np.zeros((runs, S))
    for s, sh in enumerate(scenario.shocks):
        dur[:, s] = draw(sh.duration_weeks, f"shock[{s}].duration_weeks", seed, runs, minimum=0.0)
        sev[:, s] = draw(sh.severity, f"shock[{s}].severity", seed, runs, minimum=0.0, maximum=1.0)
        rec[:, s] = draw(sh.recovery_weeks, f"shock[{s}].recovery_weeks", seed, runs, minimum=0.0)
    em = data.end_markets.set_index("market_id")
    buf = data.inventory_buffers
    dist_row = buf[buf["applies_to"] == "chips:distributor"]
    if dist_row.empty:
        distributor = np.zeros(runs)
    else:
        r0 = dist_row.iloc[0]
        d = overrides.get(
            "distributor_inventory_weeks",
            _tri(float(r0["weeks_low"]), float(r0["weeks"]), float(r0["weeks_high"])),
        )
        distributor = draw(d, "distributor_inventory_weeks", seed, runs, minimum=0.0)
    inv = np.zeros((runs, len(prep.markets)))
    for mi, m in enumerate(prep.markets):
        row = em.loc[m]
        d = _tri(
            num(row["customer_inventory_weeks_low"]),
            num(row["customer_inventory_weeks"]),
            num(row["customer_inventory_weeks_high"]),
        )
        d = overrides.get(
            f"customer_inventory_weeks.{m}", overrides.get("customer_inventory_weeks", d)
        )
        inv[:, mi] = draw(d, f"customer_inventory_weeks.{m}", seed, runs, minimum=0.0) + distributor
    for iv in scenario.interventions:
        sel = (
            [prep.markets.index(m) for m in iv.markets]
            if iv.markets
            else list(range(len(prep.markets)))
        )
        if iv.kind == "stockpile":
            inv[:, sel] += iv.weeks
    for iv in scenario.interventions:
        sel = (
            [prep.markets.index(m) for m in iv.markets]
            if iv.markets
            else list(range(len(prep.markets)))
        )
        if iv.kind == "inventory_policy":
            inv[:, sel] *= iv.factor

    def buffer_for(applies: list[str]) -> tuple[str, Distribution] | None:
        for a in applies:
            r = buf[buf["applies_to"] == a]
            if not r.empty:
                row = r.iloc[0]
                bid = str(row["buffer_id"])
                d = _tri(float(row["weeks_low"]), float(row["weeks"]), float(row["weeks_high"]))
                return bid, overrides.get(f"buffer_weeks.{bid}", d)
        return None

    mat = np.zeros((runs, len(prep.inputs)))
    for ai, a in enumerate(prep.inputs):
        if prep.input_is_material[ai]:
            b = buffer_for([f"stage:{a}", f"material:{a}", "material:*"])
            if b is not None:
                mat[:, ai] = draw(b[1], f"buffer_weeks.{b[0]}", seed, runs, minimum=0.0)
    serv = np.zeros((runs, len(prep.term_input)))
    for j, ai in enumerate(prep.term_input):
        a = prep.inputs[int(ai)]
        if not prep.input_is_material[int(ai)]:
            b = buffer_for([f"tools:service:{a}", "tools:service"])
            if b is not None:
                serv[:, j] = draw(b[1], f"buffer_weeks.{b[0]}", seed, runs, minimum=0.0)
    tr = overrides.get(
        "tool_recovery_per_week", Distribution.fixed(data.assumption("tool_recovery_per_week"))
    )
    su = overrides.get(
        "material_surge_fraction", Distribution.fixed(data.assumption("material_surge_fraction"))
    )
    return Draws(
        duration=dur,
        severity=sev,
        recovery=rec,
        inventory_weeks=inv,
        material_buffer=mat,
        service_buffer=serv,
        tool_recovery=draw(tr, "tool_recovery_per_week", seed, runs, minimum=0.0, maximum=1.0),
        surge=draw(su, "material_surge_fraction", seed, runs, minimum=0.0),
    )


def scaled(dist: Distribution, value: float) -> Distribution:
    """``dist`` scaled so that its central value becomes ``value``."""
    c = dist.central
    if c == 0:
        return Distribution.fixed(value)
    k = value / c

    def mul(x: float | None) -> float | None:
        return None if x is None else x * k

    return replace(
        dist,
        low=dist.low * k,
        mode=mul(dist.mode),
        high=mul(dist.high),
        mean=mul(dist.mean),
        sd=mul(dist.sd) if dist.kind == "normal" else dist.sd,
    )
