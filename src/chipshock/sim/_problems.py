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

__all__ = ["all_of", "invalid_value", "unknown_code"]


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
    close = _unique_casefold(
        close_fab_ids(value, [str(k) for k in known])
        if kind == "fab"
        else difflib.get_close_matches(value, _unique_casefold(known), n=3, cutoff=0.5)
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
