"""The body of every error the API answers: one shape for the routes, the request checks, the
middleware (`chipshock.api.hardening`) and a failed or cancelled job (``GET /api/jobs/{id}``).

``detail`` (English, as it always was: scripts and tests read it) and ``field`` (the first
field at fault, or null), then ``code`` (the kind of error, one of
`chipshock.present.error_text.ERROR_CODES`), ``problems`` (each problem's ``field``, ``code``,
``message``, ``value``, ``expected`` and ``expected_ja``, for a client's own wording) and
``detail_ja`` (the same error in Japanese, built from those parts: the dashboard shows it on its
Japanese page).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from chipshock.analysis.shapley import GroupOverlapError
from chipshock.api.routes_scenarios import OTHER_TOML_SOURCE, TOML_SOURCE, EngineUnavailable
from chipshock.api.runner import RunTimeout, ServerBusy
from chipshock.api.schemas import JOB_ID_EXPECTED, JOB_ID_PATTERN
from chipshock.errors import (
    ChipshockError,
    InputError,
    Problem,
    StoreError,
    UnknownCodeError,
    ValidationFailed,
)
from chipshock.present.error_text import ErrorPart, error_text_ja, problem_part
from chipshock.present.messages import message

__all__ = ["POSTED_FILES", "error_body", "exception_body", "in_body", "validation_part"]


def error_body(
    detail: str,
    code: str,
    field: str | None = None,
    parts: Sequence[ErrorPart] = (),
    ja_fields: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An error's JSON body (see the module docstring); ``ja_fields`` fill the Japanese lead
    (``{path}``, ``{seconds}``, ``{limit}``...)."""
    return {
        "detail": detail,
        "field": field,
        "code": code,
        "problems": [p.as_dict() for p in parts],
        "detail_ja": error_text_ja(code, parts, **(ja_fields or {})),
        **extra,
    }


#: a request check's error type -> the problem code (`chipshock.present.error_text`)
_VALIDATION_CODES = {
    "missing": "missing",
    "extra_forbidden": "unknown_key",
    "json_invalid": "not_json",
    "unknown_query_parameter": "unknown_query",
    "string_pattern_mismatch": "malformed",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "string_too_short": "empty",
    "too_short": "empty",
}


def validation_part(
    error: dict[str, Any],
    field: str,
    message: str,
    body_fields: Sequence[str] = (),
    body_models: Sequence[type[BaseModel]] = (),
) -> ErrorPart:
    """One of a `RequestValidationError`'s errors as a problem: its field and message as
    `chipshock.api.app` words them, its code from the check's type, the value given;
    ``body_fields``, the route's JSON body fields, say what a missing body should hold, and
    ``body_models``, its models, what a missing field inside it should be."""
    kind = str(error.get("type", ""))
    if kind in _VALIDATION_CODES:
        code = _VALIDATION_CODES[kind]
    elif kind.endswith(("_type", "_parsing")) or kind in ("bool_parsing", "is_instance_of"):
        code = "wrong_type"
    elif kind.startswith(("greater_than", "less_than")) or kind in ("finite_number",):
        code = "out_of_range"
    else:
        code = "invalid"
    value = None
    if "input" in error and kind not in ("missing", "json_invalid"):
        given = error["input"]
        value = given if isinstance(given, str) else json.dumps(given, default=str)[:200]
    return ErrorPart(
        field=field,
        code=code,
        message=message,
        value=value,
        expected=_expected(error, message, body_fields)
        if kind != "missing" or len(error.get("loc", ())) < 2
        else _missing_expected(error, body_models),
    )


class _NotAValue:
    """A value of no type a request's field takes: what a field's wrong-type check says of it
    is what that field expects."""


def _missing_expected(error: dict[str, Any], body_models: Sequence[type[BaseModel]]) -> str | None:
    """What a field missing inside a JSON body expects: the same as its wrong-type problem
    says (``countries`` -> "a list", ``sourcing[0].share_pct`` -> "a number"), found by
    checking a value of no type against the field's type; None outside a body's models."""
    loc = tuple(error.get("loc", ()))
    if loc[:1] != ("body",):
        return _expected(error, "")
    for model in body_models:
        annotation = _field_type(model, loc[1:])
        if annotation is None:
            continue
        try:
            TypeAdapter(annotation).validate_python(_NotAValue(), strict=True)
        except ValidationError as exc:
            return _expected(dict(exc.errors()[0]), "")
    return None


def _field_type(model: type[BaseModel], path: Sequence[Any]) -> Any:
    """The type of the field at ``path`` (names and list indexes) inside ``model``, or None."""
    annotation: Any = model
    for step in path:
        annotation = _unwrapped(annotation, list if isinstance(step, int) else BaseModel)
        if isinstance(step, int) and get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next(
                (f for n, f in annotation.model_fields.items() if (f.alias or n) == step), None
            )
            if field is None:
                return None
            annotation = field.annotation
        else:
            return None
    return annotation


def _unwrapped(annotation: Any, kind: type) -> Any:
    """``annotation`` without ``Annotated``, and of an optional or union type the member that
    is a ``kind`` (a list or a model)."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    for member in get_args(annotation) if get_origin(annotation) in (Union, UnionType) else ():
        member = _unwrapped(member, kind)
        origin = get_origin(member) or member
        if isinstance(origin, type) and issubclass(origin, kind):
            return member
    return annotation


#: a bound of a request check (its ``ctx``) -> what is expected, in the house words
_BOUNDS = {"ge": "value ≥ {}", "gt": "value > {}", "le": "value ≤ {}", "lt": "value < {}"}


#: a type check (its ``type``'s start) -> what is expected
_TYPES = {
    "int_": "an integer",
    "float_": "a number",
    "finite_number": "a finite number",  # NaN or infinity where `allow_inf_nan=False`
    "bool_": "true or false",
    "string_type": "a string",
    "list_type": "a list",
}

#: the pattern of a path or query parameter -> what a value that does not match was expected to be
_PATTERNS = {JOB_ID_PATTERN: JOB_ID_EXPECTED}


def _expected(error: dict[str, Any], message: str, body_fields: Sequence[str] = ()) -> str | None:
    """What a request check expected, as a scenario file's problems say it: the bound broken
    (``value ≥ 1``), the type, the values a literal takes, the form of an id (`_PATTERNS`), a
    JSON object and its fields for a missing body, or the fields or query parameters the
    message lists (``unknown field 'x'; expected one of: ...``)."""
    ctx = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    if kind == "missing" and tuple(error.get("loc", ())) == ("body",):
        fields = ", ".join(body_fields)
        return f"a JSON object of the fields: {fields}" if fields else "a JSON object"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")))
    for bound, words in _BOUNDS.items():
        if bound in ctx:  # 0, not 0.0, for a float field's bound of 0
            limit = ctx[bound]
            whole = isinstance(limit, float) and limit.is_integer()
            return words.format(int(limit) if whole else limit)
    for prefix, words in _TYPES.items():
        if kind.startswith(prefix):
            return words
    if kind == "literal_error" and "expected" in ctx:
        return "one of " + ", ".join(re.findall(r"'([^']*)'", str(ctx["expected"])))
    listed = re.search(r"expected one of:? ([^;]+)", message)
    return f"one of {listed.group(1).strip()}" if listed else None


#: the body fields that hold a scenario file's text: a problem in one names the field first
POSTED_FILES = (TOML_SOURCE, OTHER_TOML_SOURCE)
#: a TOML syntax error's position in its file (`chipshock.scenarios.parser`)
_POSITION = re.compile(r"^line \d+, column \d+$")


def in_body(problem: Problem) -> Problem:
    """``problem`` located in the request's body: a problem in a posted scenario file (``toml``,
    ``other_toml``) has the body field before its path in the file, ``other_toml.shock[0].kind``
    (a syntax error's position after a comma, ``toml, line 3, column 5``), so that ``field`` and
    the Japanese lines say which of a comparison's two files it is in, as the English ``detail``
    does (``other_toml, shock[0].kind: ...``)."""
    if problem.file not in POSTED_FILES:
        return problem
    if problem.field is None:
        return dataclasses.replace(problem, field=problem.file)
    joint = ", " if _POSITION.match(problem.field) else "."
    return dataclasses.replace(problem, field=f"{problem.file}{joint}{problem.field}")


def exception_body(exc: ChipshockError) -> tuple[int, dict[str, Any], dict[str, str]]:
    """The status, body and headers of one of our errors: a route's, or that of a job's run
    that failed (``GET /api/jobs/{id}`` shows the same body as ``error``)."""
    detail = str(exc)
    if isinstance(exc, ServerBusy):
        seconds = str(exc.retry_after_s)
        body = error_body(detail, "busy", ja_fields={"seconds": seconds})
        return 503, body, {"Retry-After": seconds}
    if isinstance(exc, RunTimeout):
        advice = message(exc.advice_key, "ja")
        return 504, error_body(detail, "timeout", ja_fields={"advice": advice}), {}
    if isinstance(exc, StoreError | EngineUnavailable):
        return 503, error_body(detail, "unavailable"), {}
    if not isinstance(exc, InputError):
        return 500, error_body(detail, "internal"), {}
    field = in_body(exc.problem).field
    if isinstance(exc, ValidationFailed):
        parts = [problem_part(in_body(p)) for p in exc.problems]
        return 422, error_body(detail, "invalid_scenario", field, parts), {}
    parts = [problem_part(in_body(exc.problem))]
    if isinstance(exc, UnknownCodeError):
        return 404, error_body(detail, "unknown_id", field, parts), {}
    if isinstance(exc, GroupOverlapError):  # with its parts, for a client's own wording
        return 422, error_body(detail, "group_overlap", field, parts, overlap=exc.as_dict()), {}
    return 422, error_body(detail, "invalid_input", field, parts), {}
