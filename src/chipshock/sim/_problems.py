"""Scenario errors that name the offending field (shared by the compile steps)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from chipshock.errors import Problem, ScenarioError, UnknownCodeError

__all__ = ["invalid_value", "unknown_code"]


def unknown_code(kind: str, value: str, known: Sequence[str], field_name: str) -> UnknownCodeError:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    hint = f"a known {kind}" + (f", e.g. {', '.join(close)}" if close else "")
    return UnknownCodeError(
        Problem(f"unknown {kind}", field=field_name, value=value, expected=hint)
    )


def invalid_value(
    field_name: str, value: object, expected: str, message: str = "invalid value"
) -> ScenarioError:
    return ScenarioError(Problem(message, field=field_name, value=str(value), expected=expected))
