"""Interventions that switch fabs off or on (``fabs_off``, ``fabs_on``, ``partnership_off``)
and validation of the market interventions (``stockpile``, ``inventory_policy``)."""

from __future__ import annotations

from collections.abc import Sequence, Set

from chipshock.errors import InputError, Problem, ScenarioError
from chipshock.scenarios.model import FabOverride, Scenario
from chipshock.scenarios.overrides import OVERRIDE_LABELS, RESTORED_LABEL, alliance_fabs
from chipshock.sim._problems import all_of, invalid_value, unknown_code
from chipshock.sim.data import ModelData
from chipshock.sim.network.switches import running_switches, uncounted_switches

__all__ = ["idle_switches", "partnership_fabs", "switched_fabs"]


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
    idle: list[InputError] = []
    off_by: dict[str, int] = {}  # fab -> the first intervention that switches it off
    switched_off = _off_anyway(scenario, data)  # on: _on_and_off's error, not "already runs"
    for i, iv in enumerate(scenario.interventions):
        if iv.kind in ("fabs_off", "fabs_on"):
            for f in iv.fabs:
                if f not in fab_ids:
                    raise unknown_code("fab", f, sorted(fab_ids), f"intervention[{i}].fabs")
            idle += _idle_switches(scenario, data, i, switched_off)
            (off if iv.kind == "fabs_off" else on).extend(iv.fabs)
            if iv.kind == "fabs_off":
                off_by.update({f: i for f in iv.fabs if f not in off_by})
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
                off_by.update({f: i for f in fabs if f not in off_by})
        elif iv.kind in ("stockpile", "inventory_policy"):
            for m in iv.markets:
                if m not in mk:
                    raise unknown_code("market", m, mk, f"intervention[{i}].markets")
            if iv.weeks < 0:
                raise invalid_value(f"intervention[{i}].weeks", iv.weeks, ">= 0")
            if iv.factor < 0:
                raise invalid_value(f"intervention[{i}].factor", iv.factor, ">= 0")
    idle += _on_and_off(scenario, off_by)
    if idle:
        raise all_of(idle)
    # A fab named by two interventions is switched off (or on) once, not twice.
    return list(dict.fromkeys(off)), list(dict.fromkeys(on))


def _off_anyway(scenario: Scenario, data: ModelData) -> set[str]:
    """The fabs the scenario's ``fabs_off`` and ``partnership_off`` switch off (an unknown
    partnership is `switched_fabs`' error, left out here)."""
    off: set[str] = set()
    known = set(data.partnerships["partnership_id"].astype(str))
    for iv in scenario.interventions:
        if iv.kind == "fabs_off":
            off |= set(iv.fabs)
        elif iv.kind == "partnership_off":
            for p in iv.partnerships:
                if p in known:
                    off |= set(partnership_fabs(data, p))
    return off


def _on_and_off(scenario: Scenario, off_by: dict[str, int]) -> list[InputError]:
    """An error for each fab a ``fabs_on`` switches on that another intervention of the same
    scenario switches off (``fabs_off`` or ``partnership_off``): off wins, so the switch on
    would change nothing. (`apply_overrides` takes a fab it switches on out of the scenario's
    ``fabs_off``, not out of a ``partnership_off``: ``--fabs-on`` of a fab such a partnership
    brings is refused here, named by its option.)"""
    found: list[InputError] = []
    for i, iv in enumerate(scenario.interventions):
        if iv.kind != "fabs_on":
            continue
        by_option = iv.label in (OVERRIDE_LABELS["fabs_on"], RESTORED_LABEL)
        for fab in iv.fabs:
            if fab in off_by:
                j = off_by[fab]
                kind = scenario.interventions[j].kind
                fix = (
                    "leave the partnership_off out of the scenario file, and switch off the "
                    "partnership's other fabs with fabs_off"
                    if kind == "partnership_off"
                    else "the fab in one of the two interventions only"
                )
                found.append(
                    ScenarioError(
                        Problem(
                            f"intervention[{j}] ({kind}) switches this fab off, and a fab "
                            "switched off stays off, so switching it on changes nothing",
                            file="overrides" if by_option else None,
                            field="fabs_on" if by_option else f"intervention[{i}].fabs",
                            value=fab,
                            expected=fix,
                        )
                    )
                )
    return found


def _horizon(years: Sequence[int]) -> str:
    """ "in 2027", "in 2026–2030", "in 2026, 2030" (years not in a row)."""
    ys = sorted(set(years))
    if len(ys) == 1:
        return f"in {ys[0]}"
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"in {ys[0]}–{ys[-1]}"
    return "in " + ", ".join(str(y) for y in ys)


def _idle_switches(
    scenario: Scenario, data: ModelData, i: int, switched_off: Set[str] = frozenset()
) -> list[InputError]:
    """An error for each fab that intervention ``i`` (``fabs_off`` or ``fabs_on``) switches
    but that has no capacity in the model in the scenario's years, so that the switch would
    change nothing while the title says "with" or "without" it (`idle_switches`). A switch
    `apply_overrides` added (``--fabs-on``, the API's ``fabs_on``) is named by its option, one
    the scenario writes by its intervention. A fab switched on that the scenario also switches
    off (``switched_off``) is `_on_and_off`'s error, not one that "already runs"."""
    iv = scenario.interventions[i]
    years = tuple(range(scenario.start_year, scenario.end_year + 1))
    back = iv.kind == "fabs_on" and iv.label == RESTORED_LABEL
    by_option = back or iv.label == OVERRIDE_LABELS[iv.kind]
    return idle_switches(
        data,
        years,
        iv.fabs,
        iv.kind,
        iv.kind if by_option else f"intervention[{i}].fabs",
        scenario.fab_overrides,
        "overrides" if by_option else None,
        restored=tuple(iv.fabs) if back else tuple(f for f in iv.fabs if f in switched_off),
    )


def idle_switches(
    data: ModelData,
    years: Sequence[int],
    fabs: Sequence[str],
    kind: str,
    field: str,
    overrides: Sequence[FabOverride] = (),
    file: str | None = None,
    *,
    restored: Sequence[str] = (),
) -> list[InputError]:
    """An error for each of ``fabs`` switched ``kind`` ("fabs_off" or "fabs_on") that has no
    capacity in the model in ``years``: it names ``field``, the fab, the reason
    (`uncounted_switches`: no fab_capacity.csv row, cancelled, capacity only in other years, a
    packaging site) and the fix (a ``[[fab_override]]`` with capacity_wspm, start_year and
    ramp_years), as a ``fab`` shock on such a fab is refused.

    The alliance fabs switched as one (every fab of `alliance_fabs` among ``fabs``: the
    built-in counterfactual, and the alliance switch of `scenario compare`, the API and the
    dashboard) are a group: those of them without capacity in the years change nothing and
    are not errors (the counterfactual's description says so), so that the comparison runs
    over any horizon.

    A fab switched on that the model counts already (`running_switches`: not cancelled, with
    capacity in ``years``) is an error as well, naming the years it runs and its capacity:
    ``fabs_on`` brings back a cancelled fab, so it would change nothing. ``restored``: fabs
    whose switch on takes them out of the scenario's own ``fabs_off`` (`apply_overrides`,
    `RESTORED_LABEL`: the counterfactual's fabs back on), which does change the run; the
    alliance group is no exception here (switched on beside a scenario that does not switch
    it off, it changes nothing)."""
    years = tuple(years)
    group = alliance_fabs()
    whole = bool(group) and group <= set(fabs)
    checked = [f for f in fabs if not (whole and f in group)]
    why = uncounted_switches(data, years, checked, kind, overrides)
    cancelled = sorted(str(f) for f in data.fabs.loc[data.fabs["status"] == "cancelled", "fab_id"])
    verb = "off" if kind == "fabs_off" else "on"
    found: list[InputError] = []
    for fab, reason in why.items():
        if "packaging" in reason:
            fix = (
                "a wafer fab; packaging capacity enters as the inputs S3 and advanced_packaging "
                "(shock them instead)"
            )
        elif kind == "fabs_off" and reason.startswith("it is cancelled"):
            fix = f"a fab with capacity {_horizon(years)} (leave {fab} out: it has none to lose)"
        else:
            fix = (
                f"a fab with capacity {_horizon(years)}; to count {fab}, give it capacity in a "
                f'scenario file: [[fab_override]] fab = "{fab}" with capacity_wspm, '
                "start_year and ramp_years (docs/scenarios.md, [[fab_override]])"
            )
            if kind == "fabs_on" and fab not in cancelled:
                fix += "; the override alone counts it (fabs_on brings back cancelled fabs)"
        found.append(
            ScenarioError(
                Problem(
                    f"this fab has no capacity in the model {_horizon(years)} ({reason}), so "
                    f"switching it {verb} changes nothing",
                    file=file,
                    field=field,
                    value=fab,
                    expected=fix,
                )
            )
        )
    if kind == "fabs_on":
        back = set(restored)
        running = running_switches(data, years, [f for f in fabs if f not in back], overrides)
        for fab, runs in running.items():
            found.append(
                ScenarioError(
                    Problem(
                        f"this fab already runs in the model {runs} without being switched "
                        "on, so switching it on changes nothing",
                        file=file,
                        field=field,
                        value=fab,
                        expected="a fab the model does not count: switching on brings back a "
                        "fab the registry has cancelled"
                        + (f" ({', '.join(cancelled)})" if cancelled else "")
                        + " or one the scenario itself switches off; to change "
                        f"{fab}'s capacity, ramp or start, give it a [[fab_override]] in a "
                        "scenario file (docs/scenarios.md, [[fab_override]])",
                    )
                )
            )
    return found
