"""An analysis's answer, computed once per question to the engine and shaped per request.

The comparison, the contribution analysis and the sensitivity analyses (tornado, Sobol) are
cached by what the engine computes (the scenarios as changed, with their runs and seed, and the
analysis's own inputs: fabs, KPI, market, factors, samples), as a run is (`RunBody`). What a
request adds without asking the engine anything is added to the cached bytes per request
(`AnswerBody.answer`): its ``params`` echo, a ``meta`` that says its runs were lowered to the
server's cap, and the fields worded in its ``lang``. So two requests that differ only in those
(field order, whitespace in a posted scenario file, ``lang``) compute once; a job's status says
whether its engine ran (``cache_hit``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import Response

from chipshock.api.state import AppState, json_bytes

__all__ = ["BY_LANG", "PARAMS", "AnswerBody", "Build", "EngineJob"]

#: A job's body: given the engine's progress callback ``progress(done, total)``, the payload.
Build = Callable[[Callable[..., None]], dict[str, Any]]

#: a built payload's field of the ``params`` its result decides (seed, evaluations, ...)
PARAMS = "params"
#: a built payload's field of the fields worded per language: ``{lang: {field: value}}``
BY_LANG = "by_lang"


def _inner(obj: bytes) -> bytes:
    """The members of a JSON object's bytes, without its braces (b"" for ``{}``)."""
    return obj[1:-1]


@dataclass(frozen=True)
class AnswerBody:
    """An answer in parts, serialised once: ``rest``, a JSON object of the fields the engine's
    inputs decide; ``params``, the request parameters its result decides (added after the
    request's own); ``by_lang``, per language a JSON object of the fields worded in it."""

    rest: bytes
    params: Mapping[str, Any] = field(default_factory=dict)
    by_lang: Mapping[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, payload: Mapping[str, Any]) -> AnswerBody:
        """A built payload in parts: ``payload[PARAMS]`` and ``payload[BY_LANG]`` apart from
        the rest (both optional)."""
        rest = {k: v for k, v in payload.items() if k not in (PARAMS, BY_LANG)}
        worded: Mapping[str, Mapping[str, Any]] = payload.get(BY_LANG, {})
        return cls(
            json_bytes(rest),
            dict(payload.get(PARAMS, {})),
            {lang: json_bytes(fields) for lang, fields in worded.items()},
        )

    @property
    def nbytes(self) -> int:
        """Bytes held, as the run cache weighs its values."""
        worded = sum(len(b) for b in self.by_lang.values())
        return len(self.rest) + len(json_bytes(self.params)) + worded

    def answer(
        self, params: Mapping[str, Any], head: Mapping[str, Any], lang: str | None = None
    ) -> bytes:
        """The JSON answer to one request: ``head`` (fields the request decides, first), then
        ``params`` (the request's, then the result's), the cached fields and those worded in
        ``lang`` (none without)."""
        members = (
            _inner(json_bytes(dict(head))),
            b'"params":' + json_bytes({**params, **self.params}),
            _inner(self.rest),
            _inner(self.by_lang[lang]) if lang is not None else b"",
        )
        return b"{" + b",".join(m for m in members if m) + b"}"


@dataclass(frozen=True)
class EngineJob:
    """One analysis as the run cache and the job board take it: ``key``, what the engine
    computes; ``build``, the payload (`AnswerBody.of` splits it); ``params``, ``head`` and
    ``lang``, what this request adds (`AnswerBody.answer`)."""

    key: Hashable
    build: Build
    params: Mapping[str, Any]
    head: Mapping[str, Any] = field(default_factory=dict)
    lang: str | None = None

    def answer(self, body: AnswerBody) -> bytes:
        """This request's JSON answer from the cached body."""
        return body.answer(self.params, self.head, self.lang)

    def respond(self, state: AppState) -> Response:
        """Compute once per key on the server's worker, within its time budget; answer."""
        body: AnswerBody = state.run_cache.get_or_compute(
            self.key,
            lambda: AnswerBody.of(state.runner.run(self.build, state.config.time_budget_s)),
        )
        return Response(content=self.answer(body), media_type="application/json")
