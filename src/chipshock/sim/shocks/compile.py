"""Compile the scenario's shocks into hit masks over producers, countries, firms and inputs.

Shock targets (validated; unknown codes raise `UnknownCodeError` naming the field and the
valid choices; a shock that hits no producer and no input the chips need is a `ScenarioError`):
- ``country``: a region code (TWN, KOR, JPN, CHN, USA, EUR, ROW) takes every producer of the
  region (itemised fabs and "other fabs"); any other country only its own itemised fabs. In
  every case the country's share of every input (ETO country shares, raw_materials.csv) is lost;
  a region code's share is its member countries' (EUR: the EU-27 members, NLD's lithography
  included; ROW: every country outside the other regions).
- ``firm``: its share of every input (ETO firm shares) and the fabs it operates, with any
  "other fabs" remainder that remainder_operators.csv counts as its (``Producer.counted_as``,
  reached by the operator's id or the operator name of its fabs in that region). A target (and,
  when it names an ETO firm, that firm's name and aliases) reaches a fab when it is the fab's
  ``operator_id`` or its operator name -- the ``operator`` text before any parenthesis -- or
  that name starts with it as whole words ("Micron" -> "Micron Technology", "Powerchip" ->
  "Powerchip Semiconductor Manufacturing"); letters and digits are compared, case, spaces and
  punctuation aside ("SK hynix" is ``skhynix``). Names inside the parenthesis -- shareholders,
  partners, parent groups, former owners -- do not count: "Denso" reaches Denso's own fab,
  not JASM ("JASM (TSMC 86.5%, Sony ..., Denso 5.5%, ...)", ``operator_id`` tsmc), and
  "Bosch" not ESMC. A target that reaches no fab and no input share is an error.
- ``fab``: that fab's producers.
- ``input``: the whole supply of that input (ETO id or raw-material id, or its name in any case:
  `chipshock.sim.shocks.input_names`).
- ``export_control``: flows of ``inputs`` (ids or names, as for ``input``; all if empty) from
  ``targets`` to the producers of ``to`` (all if empty), read as a ``country`` target is: a
  region code takes every producer of the region, any other country its own itemised fabs.
  Producers reached by the same controls share one input state (an export *zone*). A control
  whose targets supply none of its inputs, or whose ``to`` holds no producer, is an error.

An ``input`` target or an ``export_control`` input that the data knows but no simulated class
needs (no node_requirements.csv row of a class the model runs, e.g. the ETO group N19
"Lithography tools" rather than the scanners N20-N22 it groups) is an error that names it and
lists the inputs that are used: a shock on it would hit nothing.
- ``demand``: market ids; their demand in ``classes`` (all if empty) changes by +/- severity.

Only *affected* inputs (A), countries (K) and firms (G) get an axis; producers (P) always do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.scenarios.model import Scenario, Shock
from chipshock.sim._problems import all_of, invalid_value, unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network
from chipshock.sim.network.regional import country_region, europe_members
from chipshock.sim.network.switches import years_text
from chipshock.sim.shocks.input_names import InputCatalogue
from chipshock.sim.shocks.inputs import (
    Weights,
    input_weights,
    requirement_terms,
    used_requirements,
)
from chipshock.sim.units import WEEKS_PER_YEAR

__all__ = ["ShockArrays", "compile_shocks"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ShockArrays:
    """Shock side of `Prepared` (see its field comments for the axes)."""

    start: I64  # [S] first week of each shock
    prod_hit: F64  # [S, P] 1 where the shock takes the producer's output
    demand_hit: F64  # [S, M, C] +1 (surge) / -1 (slump) where a demand shock applies
    inputs: list[str]  # A
    is_material: npt.NDArray[np.bool_]  # [A]
    countries: list[str]  # K
    country_w: F64  # [A, K]
    country_hit: F64  # [S, K]
    export_mask: F64  # [S, A, K, E] 1 where shock s stops input a from country k to export
    # zone e
    prod_zone: I64  # [P] input zone of each producer (one zone without export controls or
    # requirement rows that exempt an operator)
    zone_export: I64  # [Z] export zone of each input zone
    prod_export: I64  # [P] export zone of each producer (the export controls that reach it)
    zone_operator: tuple[str, ...]  # [Z] the operator a zone's producers belong to where a
    # requirement row exempts it (such a term does not bind that zone), else ""
    firms: list[str]  # G
    firm_w: F64  # [A, G]
    firm_hit: F64  # [S, G]
    input_hit: F64  # [S, A]
    term_rows: list[Any]  # requirement rows on affected inputs (J)
    term_subs: list[tuple[int, ...]]
    term_active: list[bool]
    term_lambda: list[float]


def _choices(items: Sequence[str], limit: int = 40) -> list[str]:
    out = sorted(set(items))
    return out if len(out) <= limit else [*out[:limit], f"... ({len(out) - limit} more)"]


def compile_shocks(
    scenario: Scenario,
    data: ModelData,
    network: Network,
    markets: Sequence[str],
    weights: Callable[[ModelData, Sequence[str]], tuple[Weights, Weights]] = input_weights,
    country_codes: Sequence[str] | None = None,
) -> ShockArrays:
    """Validate every shock (fields named ``shock[s].<key>``) and build its hit masks over the
    producers of ``network`` (fabs switched off are not in it). ``weights`` reads the inputs'
    country and firm weights (`input_weights`, or the same kept for a batch of compiles:
    `chipshock.sim.prepare.SharedReads`); ``country_codes`` is ``data.country_codes`` when
    the caller has read it already (the compile's `chipshock.sim.prepare.ShockCodes`)."""
    reg, classes = network.regions, network.classes
    fab_ids = set(data.fabs["fab_id"].astype(str))
    producers = network.producers
    P = len(producers)
    ops_name = {
        str(f): _operator_name(str(o))
        for f, o in zip(data.fabs["fab_id"], data.fabs["operator"], strict=True)
    }
    # a remainder counted as an operator's (remainder_operators.csv) answers to the operator's
    # id and to the operator names of its fabs in the remainder's region
    counted_names: dict[tuple[str, str], tuple[str, ...]] = {}
    for pr in producers:
        if pr.itemised:
            owner = (pr.operator_id, pr.region)
            if ops_name[pr.fab_id] not in counted_names.get(owner, ()):
                counted_names[owner] = (*counted_names.get(owner, ()), ops_name[pr.fab_id])
    segment = dict(
        zip(
            data.fabs["fab_id"].astype(str),
            data.fabs["segment"].astype(str) if "segment" in data.fabs else [""] * len(data.fabs),
            strict=True,
        )
    )
    S = len(scenario.shocks)
    known_countries = set(data.country_codes if country_codes is None else country_codes)
    firms = data.firms
    req = used_requirements(data, classes, markets)
    req_inputs = list(dict.fromkeys(req["input_id"].astype(str)))
    used_inputs = set(req_inputs)
    catalogue = InputCatalogue.of(data, req_inputs)
    cw, fw = weights(data, req_inputs)
    start = np.zeros(S, dtype=np.int64)
    prod_hit = np.zeros((S, P))
    demand_hit = np.zeros((S, len(markets), len(classes)))
    hit_countries: list[set[str]] = [set() for _ in range(S)]
    hit_firms: list[set[str]] = [set() for _ in range(S)]
    hit_inputs: list[set[str]] = [set() for _ in range(S)]
    export: list[tuple[set[str], set[int], set[str]]] = [(set(), set(), set()) for _ in range(S)]
    found: list[InputError] = []  # every problem of every shock, reported at once

    europe = europe_members(data, reg)

    def share_countries(c: str) -> set[str]:
        """The countries whose input shares target ``c`` stands for: a region code stands for
        every known country of the region (``EUR``: its member countries, so that a shock on
        Europe takes ASML's lithography share, which the data holds under NLD; ``ROW``: every
        country outside the other regions); any other code for itself."""
        if c not in reg:
            return {c}
        return {c} | {k for k in known_countries if country_region(k, reg, europe) == c}

    def resolve_inputs(names: Sequence[str], field: str) -> set[str]:
        """The input ids ``names`` stand for; a name matching no input, or one no simulated
        class needs (a shock on it would hit nothing), is a problem in ``found``."""
        ids: set[str] = set()
        for q in names:
            input_id = catalogue.resolve(q)
            if input_id is None:
                found.append(catalogue.unknown(q, field))
            elif input_id not in used_inputs:
                found.append(catalogue.unused(q, input_id, req_inputs, field))
            else:
                ids.add(input_id)
        return ids

    for s, sh in enumerate(scenario.shocks):
        f = f"shock[{s}]"
        if not scenario.start_year <= sh.start_year <= scenario.end_year:
            found.append(
                invalid_value(
                    f"{f}.start_year",
                    sh.start_year,
                    f"a year in the horizon {scenario.start_year}..{scenario.end_year}",
                )
            )
            continue
        if not 1 <= sh.start_week <= WEEKS_PER_YEAR:
            found.append(invalid_value(f"{f}.start_week", sh.start_week, "1..52"))
            continue
        if not sh.targets:
            found.append(invalid_value(f"{f}.targets", "", "at least one target"))
            continue
        start[s] = (sh.start_year - scenario.start_year) * WEEKS_PER_YEAR + sh.start_week - 1
        if sh.kind in ("country", "export_control"):
            for c in sh.targets:
                if c not in known_countries:
                    found.append(
                        unknown_code("country", c, sorted(known_countries), f"{f}.targets")
                    )
        if sh.kind == "country":
            for c in sh.targets:
                hit_countries[s] |= share_countries(c)
                for p, pr in enumerate(producers):
                    if (pr.region if c in reg else pr.country) == c:
                        prod_hit[s, p] = 1.0
        elif sh.kind == "firm":
            for q in sh.targets:
                fid = _resolve_firm(firms, q)
                names = [q, *_firm_names(firms, fid)]
                hits = [
                    p
                    for p, pr in enumerate(producers)
                    if (pr.itemised and _operates(names, pr.operator_id, ops_name[pr.fab_id]))
                    or (
                        pr.counted_as
                        and any(
                            _operates(names, pr.counted_as, n)
                            for n in counted_names.get((pr.counted_as, pr.region), ("",))
                        )
                    )
                ]
                if fid is None and not hits:
                    choices = [
                        *firms["name"].astype(str),
                        *(pr.operator_id for pr in producers if pr.itemised),
                    ]
                    found.append(unknown_code("firm", q, list(choices), f"{f}.targets"))
                if fid is not None:
                    hit_firms[s].add(fid)
                prod_hit[s, hits] = 1.0
        elif sh.kind == "fab":
            for q in sh.targets:
                if q not in fab_ids:
                    found.append(unknown_code("fab", q, sorted(fab_ids), f"{f}.targets"))
                    continue
                hits = [p for p, pr in enumerate(producers) if pr.fab_id == q]
                if not hits:  # a known fab the model counts as zero (or switched off)
                    counted = sorted({pr.fab_id for pr in producers if pr.itemised})
                    found.append(
                        UnknownCodeError(
                            Problem(
                                "this fab has no capacity in the model (no fab_capacity.csv row, "
                                "or it is switched off), so a shock on it hits nothing"
                                + _packaging_hint(q, segment),
                                field=f"{f}.targets",
                                value=q,
                                expected="a fab with capacity, e.g. "
                                + ", ".join(_choices(counted, 12)),
                            )
                        )
                    )
                elif (idle := _idle_in_window(network, hits, sh)) is not None:
                    found.append(
                        UnknownCodeError(
                            Problem(
                                f"this fab has no capacity in the model while the shock can "
                                f"last ({idle}), so a shock on it hits nothing",
                                field=f"{f}.targets",
                                value=q,
                                expected="a fab with capacity in the shock's years, or a "
                                "start_year when the fab runs",
                            )
                        )
                    )
                prod_hit[s, hits] = 1.0
        elif sh.kind == "demand":
            for q in sh.targets:
                if q not in markets:
                    found.append(unknown_code("market", q, list(markets), f"{f}.targets"))
            for i, c in enumerate(sh.classes):
                if c not in classes:
                    found.append(unknown_code("node class", c, list(classes), f"{f}.classes[{i}]"))
            if found:
                continue
            sign = 1.0 if sh.direction == "surge" else -1.0
            for q in sh.targets:
                for c in sh.classes or classes:
                    demand_hit[s, list(markets).index(q), list(classes).index(c)] = sign
        elif sh.kind == "input":
            hit_inputs[s] |= resolve_inputs(sh.targets, f"{f}.targets")
        elif sh.kind == "export_control":
            for c in sh.to:
                if c not in known_countries:
                    found.append(unknown_code("country", c, sorted(known_countries), f"{f}.to"))
            controlled = resolve_inputs(sh.inputs, f"{f}.inputs")
            to_producers = {
                p
                for p, pr in enumerate(producers)
                if not sh.to or any((pr.region if c in reg else pr.country) == c for c in sh.to)
            }
            export[s] = (
                set().union(*(share_countries(c) for c in sh.targets)),
                to_producers,
                controlled if sh.inputs else set(req_inputs),
            )
        else:
            found.append(
                invalid_value(
                    f"{f}.kind", sh.kind, "country, firm, fab, input, export_control or demand"
                )
            )
    if found:
        raise all_of(found)

    # affected inputs, countries and firms
    def touched_by(s: int, i: str) -> bool:
        if hit_countries[s] & set(cw[i]) or hit_firms[s] & set(fw[i]) or i in hit_inputs[s]:
            return True
        tg, _, ins = export[s]
        return bool(i in ins and tg & set(cw[i]))

    def touched(i: str) -> bool:
        return any(touched_by(s, i) for s in range(S))

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
    scoped = {
        o
        for ex, i in zip(req["except_operator_ids"], req["input_id"], strict=True)
        if str(i) in A
        for o in str(ex).split(";")
        if o
    }
    tags = [p.exempt_id if p.exempt_id in scoped else "" for p in producers]
    zone_keys, prod_zone = _input_zones(export, tags)
    export_keys = sorted({key[0] for key in zone_keys}, key=lambda e: (len(e), sorted(e)))
    zone_export = np.array([export_keys.index(key[0]) for key in zone_keys], dtype=np.int64)
    export_mask = np.zeros((S, len(A), len(K), len(export_keys)))
    for s in range(S):
        tg, _, ins = export[s]
        for ai, a in enumerate(A):
            if a in ins:
                for ki, kc in enumerate(K):
                    if kc in tg:
                        for ei, key in enumerate(export_keys):
                            if s in key:
                                export_mask[s, ai, ki, ei] = 1.0
    kinds = dict(zip(req["input_id"].astype(str), req["kind"].astype(str), strict=True))
    is_mat = np.array([kinds[a] == "material" for a in A], dtype=bool)
    rows, subs_list, active, lam = requirement_terms(req, A, kinds)
    for s, sh in enumerate(scenario.shocks):
        if sh.kind == "export_control":
            _check_export_bites(s, sh.to, export[s], cw, reg)
            continue
        if sh.kind == "demand" or prod_hit[s].any():
            continue
        if any(touched_by(s, i) for i in A):
            continue
        raise invalid_value(
            f"shock[{s}].targets",
            ", ".join(sh.targets),
            "a target that holds capacity in the model or supplies an input the chips need; "
            "producers by operator: "
            + ", ".join(_choices([pr.operator_id for pr in producers if pr.itemised]))
            + "; regions: "
            + ", ".join(reg),
            "the shock hits nothing",
        )
    return ShockArrays(
        start=start,
        prod_hit=prod_hit,
        demand_hit=demand_hit,
        inputs=A,
        is_material=is_mat,
        countries=K,
        country_w=country_w,
        country_hit=country_hit,
        export_mask=export_mask,
        prod_zone=prod_zone,
        zone_export=zone_export,
        prod_export=zone_export[prod_zone],
        zone_operator=tuple(key[1] for key in zone_keys),
        firms=G,
        firm_w=firm_w,
        firm_hit=firm_hit,
        input_hit=input_hit,
        term_rows=rows,
        term_subs=subs_list,
        term_active=active,
        term_lambda=lam,
    )


def _idle_in_window(network: Network, hits: Sequence[int], sh: Shock) -> str | None:
    """None if the producers ``hits`` hold capacity in a model year the shock can reach (its
    start to its start + the largest duration and recovery a draw can take, within the
    horizon); otherwise the text that says when they run and when the shock does.

    A fab that is closed, or whose capacity starts after the shock, loses nothing to it."""
    years = network.years
    first = sh.start_year
    reach = sh.duration_weeks.support[1] + sh.recovery_weeks.support[1]
    end_week = (sh.start_week - 1) + reach
    last = min(
        first + int(end_week // WEEKS_PER_YEAR) if np.isfinite(end_week) else years[-1], years[-1]
    )
    cols = [i for i, y in enumerate(years) if first <= y <= last]
    cap = network.capacity[list(hits)]
    if cap[:, cols].sum() > 0.0:
        return None
    runs = [y for i, y in enumerate(years) if cap[:, i].sum() > 0.0]
    when = years_text(runs) if runs else f"no year of the horizon {years[0]}–{years[-1]}"
    shock = years_text(list(range(first, last + 1)))
    return f"it runs in {when}; the shock reaches {shock}"


def _packaging_hint(fab_id: str, segment: dict[str, str]) -> str:
    """For a packaging plant (fabs.csv segment ``packaging``): the model holds packaging as an
    input of the chips, not as a producer, so say how to shock it."""
    if segment.get(fab_id) != "packaging":
        return ""
    return (
        "; it is a packaging plant: the model holds packaging as the input advanced_packaging "
        '(country shares in raw_materials.csv), so shock that instead: kind = "input", '
        'targets = ["advanced_packaging"], or a country shock on where the plants are'
    )


def _input_zones(
    export: list[tuple[set[str], set[int], set[str]]], tags: Sequence[str]
) -> tuple[list[tuple[frozenset[int], str]], I64]:
    """Producers grouped by the export controls that reach them and by the operator a
    requirement row exempts (``tags`` [P]: the producer's operator where a row exempts it,
    else "").

    A zone is (the set of export-control shocks whose ``to`` holds a producer, its tag);
    producers in one zone see the same input supply every week and are bound by the same
    requirement terms, so the engine keeps one input state (material stocks, tool erosion) and
    one class and market cap per zone. Zones are sorted (the empty one, reached by no control
    and exempted by no row, first when present); without export controls and rows that exempt
    an operator there is one zone. Zones that differ only by their tag share one export zone
    (the same supply): the engine keeps material stocks and tool states per export zone and
    only the caps per zone."""
    keys = [
        (frozenset(s for s, (_, dest, _) in enumerate(export) if p in dest), tag)
        for p, tag in enumerate(tags)
    ]
    zones = sorted(set(keys) or {(frozenset(), "")}, key=lambda z: (len(z[0]), sorted(z[0]), z[1]))
    index = {z: i for i, z in enumerate(zones)}
    return zones, np.array([index[k] for k in keys], dtype=np.int64)


def _check_export_bites(
    s: int,
    to: Sequence[str],
    export: tuple[set[str], set[int], set[str]],
    cw: dict[str, dict[str, float]],
    reg: Sequence[str],
) -> None:
    """An export control stops something only if its ``targets`` supply one of its inputs and
    its ``to`` holds a producer; otherwise the run would silently read "nothing happens"."""
    targets, dest, inputs = export
    if not any(cw[i].get(c, 0.0) > 0 for i in inputs for c in targets):
        suppliers = sorted(
            {c for i in inputs for c, w in cw[i].items() if w > 0},
            key=lambda c: -max(cw[i].get(c, 0.0) for i in inputs),
        )
        raise invalid_value(
            f"shock[{s}].targets",
            ", ".join(sorted(targets)),
            "countries that supply the controlled inputs ("
            + ", ".join(sorted(inputs)[:12])
            + "); their suppliers: "
            + ", ".join(_choices(suppliers, 20)),
            "the export control stops nothing: its targets supply none of its inputs",
        )
    if not dest:
        raise invalid_value(
            f"shock[{s}].to",
            ", ".join(to),
            "a region code ("
            + ", ".join(reg)
            + ") or a country with an itemised fab (`chipshock fabs`)",
            "the export control reaches no producer: no fab in the model is in these countries",
        )


def _words(text: str) -> list[str]:
    """The words of ``text`` as compared: casefolded letters and digits (punctuation and
    spaces split words)."""
    return re.findall(r"[^\W_]+", text.casefold())


def _operator_name(operator: str) -> str:
    """A fab's operator name: its ``operator`` text before any parenthesis (which holds
    shareholders, partners, parent groups or former owners)."""
    return operator.split("(", 1)[0].strip()


def _operates(names: Sequence[str], operator_id: str, operator_name: str) -> bool:
    """Does one of ``names`` stand for the fab's operator: its ``operator_id`` (letters and
    digits compared: "SK hynix" = skhynix), or its operator name, whole or its first words
    ("Micron" = "Micron Technology"; a name of fewer than 3 letters only as an id)?"""
    op_key = "".join(_words(operator_id))
    op_words = _words(operator_name)
    for n in names:
        w = _words(n)
        if not w:
            continue
        if "".join(w) == op_key:
            return True
        if len("".join(w)) >= 3 and op_words[: len(w)] == w:
            return True
    return False


def _firm_names(firms: pd.DataFrame, fid: str | None) -> list[str]:
    """The name and aliases of ETO firm ``fid`` (none when the target is no ETO firm)."""
    if fid is None:
        return []
    row = firms.loc[firms["firm_id"] == fid].iloc[0]
    alias = "" if pd.isna(row["alias"]) else str(row["alias"])
    aliases = [a.strip() for a in alias.split(";") if a.strip()]
    return [str(row["name"]), *aliases]


def _resolve_firm(firms: pd.DataFrame, q: str) -> str | None:
    qq = q.strip().casefold()
    for fid, name, alias in zip(firms["firm_id"], firms["name"], firms["alias"], strict=True):
        aliases = [a.strip().casefold() for a in str(alias).split(";") if a.strip()]
        if qq in (str(fid).casefold(), str(name).casefold(), *aliases):
            return str(fid)
    return None
