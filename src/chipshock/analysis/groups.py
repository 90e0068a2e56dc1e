"""Country groups for the analyses: see `chipshock.model.groups` (shared with the scenarios).

The resolution rules live in the model layer so that coalition questions (here) and scenario
shocks (`chipshock.scenarios.groups`) expand a group the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.analysis.coalition import coalition_model
from chipshock.model.chain import SupplyChain
from chipshock.model.groups import (
    RegionRows,
    ResolvedCodes,
    check_user_groups,
    group_members,
    parse_group_spec,
    resolve_codes,
    valid_codes_text,
)

__all__ = [
    "RegionRows",
    "ResolvedCodes",
    "check_user_groups",
    "country_table",
    "country_uses",
    "expand_filter",
    "group_members",
    "group_table",
    "parse_group_spec",
    "region_rows",
    "resolve_codes",
    "valid_codes_text",
]


def region_rows(chain: SupplyChain, groups: pd.DataFrame) -> dict[str, RegionRows]:
    """The data's providers that are also built-in groups (``EUR``: the ETO's "Europe" and the
    EU-27 region), each with the assessed inputs (leaf level, as coalitions count them) where it
    has a share of its own, for `resolve_codes` ``regions``.

    >>> from chipshock.examples import tiny_chain
    >>> g = pd.DataFrame({"group_code": ["JPN"], "country_code": ["JPN"]})
    >>> region_rows(tiny_chain(), g)["JPN"].rows_text()
    'Resist 90%'
    """
    model = coalition_model(chain)
    p = chain.providers
    out: dict[str, RegionRows] = {}
    for code in group_members(groups):
        if code not in model.countries:
            continue
        col = model.shares[:, model.member_index([code])[0]]
        rows = tuple(
            (str(iid), str(name), round(100.0 * float(share), 6))
            for iid, name, share, leaf in zip(
                model.inputs["input_id"], model.inputs["input_name"], col, model.leaf, strict=True
            )
            if leaf and share > 0
        )
        alias = p.loc[(p["name"] == code) & (p["provider_type"] == "country"), "alias"]
        name = str(alias.iloc[0]) if len(alias) and str(alias.iloc[0]).strip() else code
        if rows:
            out[code] = RegionRows(code, name, rows)
    return out


def group_table(groups: pd.DataFrame, known: Sequence[str]) -> pd.DataFrame:
    """One row per group of ``country_groups``: its members (file order), those the data
    ``known`` has and has not, and its source (``source_url``, ``as_of``, ``confidence``,
    ``note``; distinct values of the group's rows joined with " | ").

    >>> g = pd.DataFrame({"group_code": ["AB", "AB"], "country_code": ["USA", "BEL"],
    ...     "source_url": ["u", "u"], "as_of": ["2024", "2024"], "confidence": ["high"] * 2,
    ...     "note": ["n", "n"]})
    >>> group_table(g, ["USA"]).iloc[0][["members_with_data", "members_without_data"]].tolist()
    [['USA'], ['BEL']]
    """
    known_set = set(known)
    rows = []
    for code, members in group_members(groups).items():
        part = groups[groups["group_code"].astype(str) == code]

        def joined(column: str, part: pd.DataFrame = part) -> str:
            if column not in part.columns:
                return ""
            return " | ".join(dict.fromkeys(part[column].dropna().astype(str)))

        rows.append(
            {
                "group_code": code,
                "n_members": len(members),
                "members": members,
                "members_with_data": [m for m in members if m in known_set],
                "members_without_data": [m for m in members if m not in known_set],
                "source_url": joined("source_url"),
                "as_of": joined("as_of"),
                "confidence": joined("confidence"),
                "note": joined("note"),
            }
        )
    return pd.DataFrame(rows)


def country_table(known: Sequence[str], groups: pd.DataFrame) -> pd.DataFrame:
    """One row per country code the data knows: the groups it belongs to.

    >>> g = pd.DataFrame({"group_code": ["AB"], "country_code": ["USA"]})
    >>> country_table(["USA", "JPN"], g).values.tolist()
    [['JPN', []], ['USA', ['AB']]]
    """
    members = group_members(groups)
    return pd.DataFrame(
        [
            {"country_code": c, "groups": [g for g, ms in members.items() if c in ms]}
            for c in sorted(set(known))
        ],
        columns=["country_code", "groups"],
    )


def country_uses(
    coalition: Sequence[str],
    aggregates: Sequence[str],
    shocks: Sequence[str],
    registry: Sequence[str],
    groups: pd.DataFrame,
) -> pd.DataFrame:
    """One row per code any command accepts as a country, with where it is accepted, since the
    lists differ: ``eto_data`` (the ETO's countries, which coalition, shapley and synergy count;
    any other country code or group member is accepted there but supplies nothing),
    ``aggregates`` (ETO providers that pool several countries: listed, usable in no coalition),
    ``shocks`` (codes a scenario's country or export-control shock may target: the engine's
    `country_codes`, from the ETO shares, raw materials, fabs and capacity regions) and
    ``registry`` (codes of the fab, partnership and deliverable filters).

    >>> g = pd.DataFrame({"group_code": ["AB"], "country_code": ["USA"]})
    >>> country_uses(["USA"], ["Various"], ["USA", "IND"], ["USA"], g).values.tolist()
    [['IND', [], False, True, False], ['USA', ['AB'], True, True, True]]
    """
    members = group_members(groups)
    no_coalition = set(aggregates)
    codes = sorted((set(coalition) | set(shocks) | set(registry)) - no_coalition)
    rows = [
        {
            "country_code": c,
            "groups": [g for g, ms in members.items() if c in ms],
            "eto_data": c in set(coalition),
            "shocks": c in set(shocks),
            "registry": c in set(registry),
        }
        for c in codes
    ]
    return pd.DataFrame(rows, columns=["country_code", "groups", "eto_data", "shocks", "registry"])


def expand_filter(codes: Sequence[str] | None, groups: pd.DataFrame) -> tuple[str, ...]:
    """Filter codes (fabs, partnerships, deliverables by country) with each built-in group
    code replaced by all its members: those rows carry ISO codes, with or without ETO data.

    >>> g = pd.DataFrame({"group_code": ["CHIP4"] * 2, "country_code": ["USA", "JPN"]})
    >>> expand_filter(["chip4", "NLD", "JPN"], g)
    ('USA', 'JPN', 'NLD')
    """
    members = group_members(groups)
    out: list[str] = []
    for code in codes or ():
        for c in members.get(code.strip().upper(), [code]):
            if c not in out:
                out.append(c)
    return tuple(out)
