"""An error's parts, and its text in Japanese, said once for every surface that shows an error.

The English message of an error is written where it is raised (``unknown fab (got 'x'; expected
a fab_id of /api/fabs)``) and stays as it is: scripts and tests read it. What a Japanese reader
sees is built here from the error's parts (`chipshock.errors.Problem`): a lead sentence for the
kind of error (``api_error.*`` in the message catalogue) and, for each problem, the field as the
user wrote it, what is wrong with it in Japanese (``api_problem.*``: the kind of problem, read
from the English message by `problem_code`; a data check's message in words of its own,
`chipshock.present.problem_words`), the value given, the closest valid value the
English names, and what was expected, built from the parts of the English ``expected``
(`chipshock.present.expected_text`: a list of valid names stays that list, ids are typed as
they are; the sentence around them is translated).

>>> problem_code("unknown key 'nme'; did you mean 'name'?")
'unknown_key'
>>> problem_text_ja(Problem("out of range", field="runs", value="-3", expected="1 ≤ value"))
'runs：範囲外の値です（入力値：-3、指定できる値：1 以上）'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chipshock.errors import Problem
from chipshock.present.expected_text import expected_text_ja, list_ja
from chipshock.present.messages import count_message, has_message, message
from chipshock.present.problem_words import problem_words_ja

__all__ = [
    "ERROR_CODES",
    "PROBLEM_CODES",
    "ErrorPart",
    "error_text_ja",
    "problem_code",
    "problem_part",
    "problem_text_ja",
]

#: the kinds of error an API body names in ``code`` (each has ``api_error.<code>`` in the
#: message catalogue)
ERROR_CODES = (
    "invalid_scenario",
    "invalid_request",
    "invalid_input",
    "unknown_id",
    "group_overlap",
    "not_found",
    "method_not_allowed",
    "busy",
    "timeout",
    "unavailable",
    "internal",
    "cancelled",
    "too_large",
    "query_too_long",
    "host_not_allowed",
)

#: the kind of a problem, read from the start of its English message (first match wins); each
#: has ``api_problem.<code>`` in the message catalogue. ``unknown <what>`` names the thing when
#: the catalogue has ``api_problem.unknown.<what>``.
_PROBLEM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("too_many_runs", re.compile(r"^too many runs")),
    ("unknown_key", re.compile(r"^unknown (key|field)\b")),
    ("unknown_query", re.compile(r"^unknown query parameter")),
    ("unknown", re.compile(r"^unknown\b")),
    ("repeated", re.compile(r"^(\d+ )?repeated ids?\b")),
    ("assessed_and_switched", re.compile(r"^a fab cannot be assessed and switched")),
    ("given_twice", re.compile(r"^given more than once")),
    ("wrong_type", re.compile(r"^(wrong type|Input should be a valid)")),
    ("out_of_range", re.compile(r"(out of range|^Input should be (less|greater))")),
    ("missing", re.compile(r"^(missing|Field required)")),
    ("malformed", re.compile(r"^(malformed|wrong format|String should match)")),
    ("not_json", re.compile(r"^not valid JSON")),
    ("too_long", re.compile(r"^(String|List) should have at most")),
    ("empty", re.compile(r"^(empty|String should have at least|List should have at least)")),
)

#: the kinds of problem a body's ``problems`` name in ``code``
PROBLEM_CODES = (*(code for code, _ in _PROBLEM_PATTERNS), "invalid")

#: the kinds of problem whose value lists ids, "a, b" in English: a Japanese line joins them
#: with 「、」 (`list_ja`)
_LISTED_VALUES = ("repeated", "assessed_and_switched")

_HINT = re.compile(r"did you mean (.+?)\?")


def problem_code(message_en: str) -> str:
    """The kind of problem an English message states (``invalid`` when none is recognised)."""
    for code, pattern in _PROBLEM_PATTERNS:
        if pattern.search(message_en):
            return code
    return "invalid"


@dataclass(frozen=True)
class ErrorPart:
    """One problem of an error, as an API body lists it (``problems``)."""

    field: str | None
    code: str
    message: str
    value: str | None = None
    expected: str | None = None
    #: ``expected`` in Japanese, built from its parts (`expected_text_ja`)
    expected_ja: str | None = None

    def __post_init__(self) -> None:
        if self.expected_ja is None and self.expected is not None:
            object.__setattr__(self, "expected_ja", expected_text_ja(self.expected))

    def as_dict(self) -> dict[str, str | None]:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "value": self.value,
            "expected": self.expected,
            "expected_ja": self.expected_ja,
        }


def problem_part(problem: Problem) -> ErrorPart:
    """``problem`` as its parts: field (with the file's row and column when it has them)."""
    where = [str(p) for p in (problem.column, problem.field) if p is not None]
    if problem.row is not None:
        where.insert(0, f"row {problem.row}")
    return ErrorPart(
        field=", ".join(where) or None,
        code=problem_code(problem.message),
        message=problem.message,
        value=problem.value,
        expected=problem.expected,
    )


def _what_ja(message_en: str) -> str:
    """``api_problem.unknown`` with the thing named, when the catalogue names it."""
    match = re.match(r"^unknown ([a-z ]+?)(?:;|$| \()", message_en)
    key = f"api_problem.unknown.{match.group(1).replace(' ', '_')}" if match else ""
    return (
        message(key, "ja")
        if key and has_message(key, "ja")
        else message("api_problem.unknown", "ja")
    )


_POSITION = re.compile(r"(?:^|, )line (\d+), column (\d+)$")


def _field_ja(field: str) -> str:
    """A field as a Japanese line names it: a TOML syntax error's position ``toml, line 3,
    column 5`` as ``toml、3行目、5文字目`` (as `chipshock scenario validate --lang ja`), a path
    as it is."""
    position = _POSITION.search(field)
    if position is None:
        return field
    where = message("cli.validate_position", "ja", line=position[1], column=position[2])
    before = field[: position.start()]
    return f"{before}、{where}" if before else where


def problem_text_ja(problem: Problem | ErrorPart) -> str:
    """One problem in Japanese: the field, what is wrong, the value given, and the choices or
    the closest valid value when the English names them."""
    part = problem if isinstance(problem, ErrorPart) else problem_part(problem)
    detail = problem_words_ja(part.message)  # a data check's own words (not a date, ...)
    if detail is not None:
        what = detail
    elif part.code == "unknown":
        what = _what_ja(part.message)
    elif part.code == "repeated":
        n = len(part.value.split(", ")) if part.value else 1
        what = count_message("api_problem.repeated", n, "ja")
    else:
        what = message(f"api_problem.{part.code}", "ja")
    text = (
        message("api_error.problem_line", "ja", field=_field_ja(part.field), problem=what)
        if part.field
        else what
    )
    notes = []
    if part.value is not None:  # the repeated ids stand alone: the count says what they are
        value = list_ja(part.value) if part.code in _LISTED_VALUES else part.value
        notes.append(
            value if part.code == "repeated" else message("api_error.got", "ja", value=value)
        )
    hint = _HINT.search(f"{part.message} {part.expected or ''}")
    if hint:  # the closest ids, "a, b" in English
        notes.append(message("api_error.hint", "ja", hint=list_ja(hint.group(1).strip("'"))))
    if part.code == "too_many_runs" and part.expected:
        limit = re.search(r"\d[\d,]*", part.expected)
        if limit:
            notes.append(message("api_error.limit", "ja", limit=limit.group(0)))
    elif part.expected_ja and part.code != "repeated":  # the count says what is expected
        notes.append(message("api_error.choices", "ja", choices=part.expected_ja))
    return text + (message("api_error.notes", "ja", notes="、".join(notes)) if notes else "")


def error_text_ja(code: str, parts: Sequence[ErrorPart] = (), **fields: str) -> str:
    """The Japanese text of an error of kind ``code`` (one of `ERROR_CODES`) with its problems,
    one a line after the lead sentence (``{n}`` in a lead is the number of problems)."""
    key = f"api_error.{code}"
    lead = (
        count_message(key, len(parts), "ja", **fields)
        if "{n}" in message(key, "ja")
        else message(key, "ja", **fields)
    )
    if not parts:
        return lead
    return "\n".join([lead, *(f"・{problem_text_ja(p)}" for p in parts)])
