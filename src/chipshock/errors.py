"""One exception tree for chipshock.

Every error says *where* (file, row and column, or the argument or field), *what* was found
and *what was expected*, so that a user can fix the input without reading our code.
Each class also subclasses the builtin that a Python user would naturally catch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ChipshockError",
    "CycleError",
    "DataFileError",
    "InputError",
    "Problem",
    "ScenarioError",
    "ScenarioValidationFailed",
    "SchemaError",
    "StoreError",
    "UnknownCodeError",
    "UnknownIdError",
    "ValidationFailed",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    field: str | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.field is not None:
            where.append(f"{self.field}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.value is not None:
            text += f" (got {self.value!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected is not None:
            text += f" (expected {self.expected})"
        return text


class ChipshockError(Exception):
    """Base class of every error that chipshock raises on purpose."""

    exit_code = 2


class InputError(ChipshockError, ValueError):
    """A value given by the user (argument, field or file cell) is not acceptable."""

    def __init__(self, problem: Problem | str) -> None:
        self.problem = problem if isinstance(problem, Problem) else Problem(problem)
        super().__init__(str(self.problem))


class SchemaError(InputError):
    """A data file does not have the shape or the values its schema requires."""


class DataFileError(InputError, OSError):
    """A data file is missing or cannot be read or decoded."""


class UnknownIdError(InputError, KeyError):
    """A reference points at an id that does not exist."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.problem)


class UnknownCodeError(UnknownIdError):
    """A country, firm, input, fab or scenario named in a query is not known."""


class CycleError(SchemaError):
    """The sequence graph that must be acyclic contains a cycle."""


class ScenarioError(InputError):
    """A scenario file or scenario parameter is invalid."""


class StoreError(ChipshockError, RuntimeError):
    """The DuckDB store is missing, outdated or could not be written."""


class ValidationFailed(SchemaError):
    """Several problems were found at once; all of them are listed, then ``notes``: the
    checks that were not run because they depend on a value with a problem."""

    def __init__(
        self,
        problems: Sequence[Problem],
        context: str = "validation failed",
        notes: Sequence[str] = (),
    ) -> None:
        self.problems = tuple(problems)
        self.context = context
        self.notes = tuple(notes)
        super().__init__(self.problems[0] if self.problems else Problem(context))

    def __str__(self) -> str:
        n = len(self.problems)
        lines = [f"{self.context}: {n} {'problem' if n == 1 else 'problems'} found"]
        lines += [f"  - {p}" for p in self.problems]
        lines += [f"  (skipped) {n}" for n in self.notes]
        return "\n".join(lines)


class ScenarioValidationFailed(ValidationFailed, ScenarioError):
    """A scenario has one or more problems; ``problems`` lists all of them.

    It is a `ScenarioError` (and a `ValidationFailed`), so either may be caught.
    """
