"""Scenario errors that name the offending field (shared by the compile steps)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from chipshock.errors import (
    InputError,
    Problem,
    ScenarioError,
    ScenarioValidationFailed,
    UnknownCodeError,
)
from chipshock.model.fab_ids import close_fab_ids

__all__ = ["MARKET_ALIASES", "all_of", "close_markets", "invalid_value", "unknown_code"]

#: everyday words for an end market -> its id (end_markets.csv), suggested first for an unknown
#: market (uxr2, finding 7: "cars" suggested pcs, the spelling nearest, not automotive). A
#: suggestion only: the word is never taken in place of the id. Keys are casefolded, with "_"
#: for a space or a hyphen.
MARKET_ALIASES: dict[str, str] = {
    "car": "automotive",
    "cars": "automotive",
    "auto": "automotive",
    "autos": "automotive",
    "automobile": "automotive",
    "automobiles": "automotive",
    "vehicle": "automotive",
    "vehicles": "automotive",
    "ev": "automotive",
    "evs": "automotive",
    "phone": "smartphones",
    "phones": "smartphones",
    "smartphone": "smartphones",
    "mobile": "smartphones",
    "handset": "smartphones",
    "handsets": "smartphones",
    "ai": "ai_datacenter",
    "datacenter": "ai_datacenter",
    "datacentre": "ai_datacenter",
    "data_center": "ai_datacenter",
    "data_centre": "ai_datacenter",
    "datacenters": "ai_datacenter",
    "server": "ai_datacenter",
    "servers": "ai_datacenter",
    "cloud": "ai_datacenter",
    "pc": "pcs",
    "computer": "pcs",
    "computers": "pcs",
    "laptop": "pcs",
    "laptops": "pcs",
    "notebook": "pcs",
    "notebooks": "pcs",
    "industry": "industrial",
    "factory": "industrial",
    "electronics": "consumer",
    "consumer_electronics": "consumer",
    "appliances": "consumer",
}


def all_of(found: Sequence[InputError]) -> InputError:
    """One problem as itself; several as one `ScenarioValidationFailed` that lists them all."""
    if len(found) == 1:
        return found[0]
    return ScenarioValidationFailed([e.problem for e in found], context="invalid scenario")


def unknown_code(kind: str, value: str, known: Sequence[str], field_name: str) -> UnknownCodeError:
    """The target ``value`` matches nothing: name it, the closest matches and the valid
    choices (the first 40)."""
    # a firm is known by its ETO name, its operator id and its operator name: one choice each
    # whatever the case ("did you mean Renesas?", not "Renesas, renesas, renesas"; review 14 #7)
    if kind == "fab":
        close = _unique_casefold(close_fab_ids(value, [str(k) for k in known]))
    elif kind == "market":
        close = close_markets(value, [str(k) for k in known])
    else:
        close = _unique_casefold(
            difflib.get_close_matches(value, _unique_casefold(known), n=3, cutoff=0.5)
        )
    valid = sorted(dict.fromkeys(str(k) for k in known))
    listed = ", ".join(valid[:40]) + (f", ... ({len(valid) - 40} more)" if len(valid) > 40 else "")
    hint = (
        f"a known {kind}"
        + (f" (did you mean {', '.join(close)}?)" if close else "")
        + (f"; valid: {listed}" if valid else "; none are available")
    )
    return UnknownCodeError(
        Problem(f"unknown {kind}", field=field_name, value=value, expected=hint)
    )


def close_markets(value: str, known: Sequence[str]) -> list[str]:
    """The market ids to suggest for an unknown ``value``: the id its everyday word names
    (`MARKET_ALIASES`) first, then the nearest spellings, at most three.

    >>> close_markets("cars", ["ai_datacenter", "smartphones", "pcs", "automotive"])
    ['automotive', 'pcs']
    >>> close_markets("data centre", ["ai_datacenter", "pcs"])
    ['ai_datacenter']
    """
    word = "_".join(value.casefold().replace("-", " ").split())
    alias = MARKET_ALIASES.get(word)
    named = [alias] if alias is not None and alias in known else []
    spelt = difflib.get_close_matches(value, _unique_casefold(known), n=3, cutoff=0.5)
    return list(dict.fromkeys(named + spelt))[:3]


def _unique_casefold(names: Sequence[object]) -> list[str]:
    """``names`` as strings, the first of each spelling that differs only in case.

    >>> _unique_casefold(["Renesas", "renesas", "renesas", "TSMC"])
    ['Renesas', 'TSMC']
    """
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(str(name).casefold(), str(name))
    return list(seen.values())


def invalid_value(
    field_name: str, value: object, expected: str, message: str = "invalid value"
) -> ScenarioError:
    return ScenarioError(Problem(message, field=field_name, value=str(value), expected=expected))
