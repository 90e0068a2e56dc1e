"""Country groups in scenario shocks: ``targets = ["EU27"]`` is a shock on each EU member.

`expand_groups` replaces every group code in the ``targets`` and ``to`` lists of the
``country`` and ``export_control`` shocks by its members (rules in `chipshock.model.groups`),
and returns what it expanded so that a summary can show it. Codes the data knows as countries
or regions are kept as they are (``EUR`` stays the capacity model's Europe region; ``EU27``
is its 27 member states, each with its own fabs and input shares). Members without any data
(e.g. ``BGR``) are dropped and listed. A shock on a group is therefore the same as a shock on
the members the data knows: the engine never sees a group code.

User groups come from the scenario's ``[groups]`` table; their names may not be a country code
or a built-in group code, their members are country codes, built-in groups or other user
groups (nested groups are expanded; a cycle is an error).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.model.groups import (
    WHERE_CODES,
    check_user_groups,
    group_members,
    resolve_codes,
    unknown_code_error,
)
from chipshock.scenarios.model import Scenario

__all__ = ["GroupExpansion", "expand_groups", "expansion_note"]

_COUNTRY_LIKE = ("country", "export_control")


@dataclass(frozen=True)
class GroupExpansion:
    """One group code in a shock field, the members it became and those left out (no data)."""

    field: str  # e.g. "shock[0].targets"
    code: str
    members: tuple[str, ...]
    without_data: tuple[str, ...]

    def text(self) -> str:
        out = f"{self.field}: {self.code} = {' '.join(self.members)}"
        if self.without_data:
            out += f" (no data, left out: {' '.join(self.without_data)})"
        return out


def expansion_note(expansions: Sequence[GroupExpansion]) -> str:
    """One line per expanded group, for a scenario summary ("" when nothing was expanded)."""
    return "\n".join(e.text() for e in expansions)


def expand_groups(
    scenario: Scenario,
    known: Sequence[str],
    groups: pd.DataFrame,
    *,
    explain: Callable[[str], tuple[str, str]] | None = None,
    targets: Collection[str] | None = None,
) -> tuple[Scenario, tuple[GroupExpansion, ...]]:
    """``scenario`` with group codes in shock ``targets``/``to`` replaced by their members.

    ``known``: the country and region codes the data knows (`ModelData.country_codes`);
    ``groups``: the ``country_groups`` table. Raises `UnknownCodeError` (file, field
    ``shock[i].targets``, the bad value, the valid country and group codes) for an unknown
    code and `InputError` for a bad ``[groups]`` entry or a group without any member in the
    data. A scenario without group codes is returned unchanged.

    A code listed in a group but without any data (``THA``, ``BEL``) named directly is an
    error: with ``explain`` (`chipshock.sim.network.regional.no_supply_note`) it says that the
    code supplies nothing, where it sits (the loss tables, its capacity region) and which codes
    can be shocked; without it, it is the unknown-code error.

    ``targets`` (`chipshock.sim.network.regional.shock_targets`): the codes a shock takes as
    themselves. A code the data knows outside them that is also a group (``SEA``, ``AMR``,
    ``EMEA``: reference rows of regional_capacity.csv, no region of the model) is expanded to
    its members; without ``targets`` it stayed itself and the shock hit nothing (review 8).
    """
    file = scenario.source or None
    if targets is not None:
        keep = set(targets)
        known = [k for k in known if k in keep]
    builtin = group_members(groups)
    user = check_user_groups(
        dict(scenario.groups), known, builtin, "groups", file, keep_region=False
    )
    shocks = []
    found: list[GroupExpansion] = []
    for s, shock in enumerate(scenario.shocks):
        if shock.kind not in _COUNTRY_LIKE:
            shocks.append(shock)
            continue
        changes: dict[str, tuple[str, ...]] = {}
        for key in ("targets", "to"):
            values: tuple[str, ...] = getattr(shock, key)
            if not values:
                continue
            field = f"shock[{s}].{key}"
            try:
                r = resolve_codes(
                    values, known, groups, field, user, file=file, prefer_country=True
                )
            except UnknownCodeError as exc:
                if explain is None:
                    raise
                bad = str(exc.problem.value)  # listed again: countries apart from regions
                raise unknown_code_error(
                    bad.strip().upper(),
                    bad,
                    sorted(known),
                    [*builtin, *user],
                    file=file,
                    field=field,
                    # a group whose code is also a country or capacity region code (EUR,
                    # ROW) is listed once, where a shock reads it (prefer_country)
                    listing=f"{explain(bad.strip().upper())[1]}, or a group "
                    f"({', '.join(sorted({*builtin, *user} - set(known)))}); {WHERE_CODES}",
                ) from None
            for v in values:  # a country named directly must have data, as without groups
                if v.upper() not in r.expanded and v.upper() in r.without_data:
                    if explain is not None:
                        why, expected = explain(v.upper())
                        raise UnknownCodeError(  # as an unknown code: not a valid target
                            Problem(
                                f"a shock on this code hits nothing: {why}",
                                file=file,
                                field=field,
                                value=v,
                                expected=expected,
                            )
                        )
                    raise unknown_code_error(
                        v, v, sorted(known), [*builtin, *user], file=file, field=field
                    )
            for code, members in r.expanded.items():
                found.append(
                    GroupExpansion(
                        field,
                        code,
                        tuple(m for m in members if m in r.codes),
                        tuple(m for m in members if m in r.without_data),
                    )
                )
            if not r.codes:
                raise InputError(
                    Problem(
                        "no member of these groups has any data",
                        file=file,
                        field=field,
                        value=", ".join(values),
                        expected="a group with at least one country the data knows",
                    )
                )
            changes[key] = tuple(r.codes)
        both = sorted(set(changes.get("targets", ())) & set(changes.get("to", ())))
        if shock.kind == "export_control" and both:
            raise InputError(
                Problem(
                    "a country cannot control exports to itself (after expanding groups)",
                    file=file,
                    field=f"shock[{s}].to",
                    value=", ".join(both),
                    expected="groups in targets and to without common members",
                )
            )
        shocks.append(
            replace(
                shock,
                targets=changes.get("targets", shock.targets),
                to=changes.get("to", shock.to),
            )
        )
    if not found and not scenario.groups:
        return scenario, ()
    return scenario.with_changes(shocks=tuple(shocks)), tuple(found)
