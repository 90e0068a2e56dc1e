"""Interventions that switch fabs off or on (``fabs_off``, ``fabs_on``, ``partnership_off``)
and validation of the market interventions (``stockpile``, ``inventory_policy``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.data import ModelData

__all__ = ["partnership_fabs", "switched_fabs"]

_GOV = re.compile(r"department|ministry|meti|nedo|\bipa\b|government|commerce|defense|nist", re.I)


def partnership_fabs(
    data: ModelData, partnership_id: str, field_name: str = "partnership"
) -> list[str]:
    """Fabs a partnership enables: fabs whose operator or name contains a non-government party,
    located in one of the partnership's countries; if the partnership's technology or summary
    names a fab's city or site, only those fabs."""
    p = data.partnerships[data.partnerships["partnership_id"] == partnership_id]
    if p.empty:
        raise unknown_code(
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


def switched_fabs(
    scenario: Scenario, data: ModelData, mk: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Validate every intervention (fields named ``intervention[i].<key>``) and return the fab
    ids switched off and on."""
    fab_ids = set(data.fabs["fab_id"].astype(str))
    off: list[str] = []
    on: list[str] = []
    for i, iv in enumerate(scenario.interventions):
        if iv.kind in ("fabs_off", "fabs_on"):
            for f in iv.fabs:
                if f not in fab_ids:
                    raise unknown_code("fab", f, sorted(fab_ids), f"intervention[{i}].fabs")
            (off if iv.kind == "fabs_off" else on).extend(iv.fabs)
        elif iv.kind == "partnership_off":
            for p in iv.partnerships:
                fabs = partnership_fabs(data, p, f"intervention[{i}].partnerships")
                if not fabs:
                    raise invalid_value(
                        f"intervention[{i}].partnerships",
                        p,
                        "a partnership that enables a fab in the registry",
                        "partnership enables no fab",
                    )
                off.extend(fabs)
        elif iv.kind in ("stockpile", "inventory_policy"):
            for m in iv.markets:
                if m not in mk:
                    raise unknown_code("market", m, mk, f"intervention[{i}].markets")
            if iv.weeks < 0:
                raise invalid_value(f"intervention[{i}].weeks", iv.weeks, ">= 0")
            if iv.factor < 0:
                raise invalid_value(f"intervention[{i}].factor", iv.factor, ">= 0")
    return off, on
