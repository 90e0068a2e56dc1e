"""Interventions that switch fabs off or on (``fabs_off``, ``fabs_on``, ``partnership_off``)
and validation of the market interventions (``stockpile``, ``inventory_policy``)."""

from __future__ import annotations

from collections.abc import Sequence

from chipshock.scenarios.model import Scenario
from chipshock.sim._problems import invalid_value, unknown_code
from chipshock.sim.data import ModelData

__all__ = ["partnership_fabs", "switched_fabs"]


def partnership_fabs(
    data: ModelData, partnership_id: str, field_name: str = "partnership"
) -> list[str]:
    """The fabs a partnership builds, funds the building of or runs: its ``fab_ids`` in
    partnerships.csv (checked against fabs.csv when the data is loaded); empty when it brings
    no fab into being (research, design, an expansion of a fab that produced before it)."""
    p = data.partnerships[data.partnerships["partnership_id"] == partnership_id]
    if p.empty:
        raise unknown_code(
            "partnership",
            partnership_id,
            data.partnerships["partnership_id"].astype(str).tolist(),
            field_name,
        )
    return _ids(p.iloc[0].get("fab_ids"))


def _ids(cell: object) -> list[str]:
    """The ids of a ``fab_ids`` cell (';'-separated; blank or missing: none)."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    return [x.strip() for x in str(cell).split(";") if x.strip()]


def _with_fabs(data: ModelData) -> list[str]:
    """The partnerships that name fabs, each as ``id (fab, fab)``."""
    rows = data.partnerships
    cells = rows["fab_ids"] if "fab_ids" in rows.columns else [None] * len(rows)
    return [
        f"{pid} ({', '.join(_ids(cell))})"
        for pid, cell in zip(rows["partnership_id"].astype(str), cells, strict=True)
        if _ids(cell)
    ]


def switched_fabs(
    scenario: Scenario, data: ModelData, mk: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Validate every intervention (fields named ``intervention[i].<key>``) and return the fab
    ids switched off and on, each once."""
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
                        "a partnership with fab_ids in partnerships.csv: "
                        + "; ".join(_with_fabs(data)),
                        "this partnership builds, funds the building of or runs no fab of "
                        "fabs.csv (its fab_ids are blank: research, design, or an expansion of "
                        "a fab that produced before it), so there is nothing to switch off",
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
    # A fab named by two interventions is switched off (or on) once, not twice.
    return list(dict.fromkeys(off)), list(dict.fromkeys(on))
