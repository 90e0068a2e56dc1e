"""Country groups (EU27, CHIP4, QUAD, G7, region codes) usable wherever a country code is.

A code is resolved in this order:

1. a group code of ``country_groups.csv`` -> its members that the supply-chain data knows,
   plus the code itself if the data knows it too (``EUR`` is both the ETO's Europe provider
   and the EU-27 region);
2. a country code the data knows -> itself;
3. an ISO code listed in a group but absent from the data (e.g. ``BEL``) -> nothing, with a
   note saying it supplies no assessed input;
4. anything else -> `UnknownCodeError` listing the valid country and group codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from chipshock.errors import Problem, UnknownCodeError

__all__ = ["ResolvedCodes", "group_members", "resolve_codes"]


@dataclass(frozen=True)
class ResolvedCodes:
    """Country codes after group expansion, and what was expanded or left out."""

    codes: list[str]
    expanded: dict[str, list[str]]
    without_data: list[str]

    def note(self) -> str:
        """One line for a caption: which groups were expanded and which members have no data."""
        parts = [f"{g} = {' '.join(m)}" for g, m in self.expanded.items()]
        if self.without_data:
            parts.append(
                "no supply-chain data (supply nothing here): " + " ".join(self.without_data)
            )
        return "; ".join(parts)


def group_members(groups: pd.DataFrame) -> dict[str, list[str]]:
    """``{group_code: [member codes in file order]}``."""
    out: dict[str, list[str]] = {}
    for g, c in zip(
        groups["group_code"].astype(str), groups["country_code"].astype(str), strict=True
    ):
        out.setdefault(g, []).append(c)
    return out


def resolve_codes(
    codes: Iterable[str],
    known: Sequence[str],
    groups: pd.DataFrame,
    argument: str = "CODES",
) -> ResolvedCodes:
    """Expand group codes and check country codes against ``known`` (the data's codes).

    >>> g = pd.DataFrame({"group_code": ["CHIP4"] * 4 + ["EU27", "EU27"],
    ...     "country_code": ["USA", "JPN", "KOR", "TWN", "DEU", "BEL"]})
    >>> r = resolve_codes(["chip4", "EU27"], ["USA", "JPN", "KOR", "TWN", "DEU", "CHN"], g)
    >>> r.codes, r.without_data
    (['USA', 'JPN', 'KOR', 'TWN', 'DEU'], ['BEL'])
    """
    members = group_members(groups)
    known_upper = {k.upper(): k for k in known}
    listed = {c for ms in members.values() for c in ms}
    out: list[str] = []
    expanded: dict[str, list[str]] = {}
    without: list[str] = []

    def add(code: str) -> None:
        if code in known_upper:
            if known_upper[code] not in out:
                out.append(known_upper[code])
        elif code not in without:
            without.append(code)

    for raw in codes:
        code = raw.strip().upper()
        if code in members:
            expanded[code] = members[code]
            for m in members[code]:
                add(m)
            if code in known_upper:
                add(code)
        elif code in known_upper or code in listed:
            add(code)
        else:
            valid = sorted(known_upper.values()) + sorted(members)
            close = difflib.get_close_matches(code, valid, n=3, cutoff=0.5)
            raise UnknownCodeError(
                Problem(
                    "unknown country or group code",
                    field=argument,
                    value=raw,
                    expected=(
                        f"a country code ({', '.join(sorted(known_upper.values()))}) or a group "
                        f"({', '.join(sorted(members))})"
                        + (f"; did you mean {', '.join(close)}?" if close else "")
                    ),
                )
            )
    return ResolvedCodes(out, expanded, without)
