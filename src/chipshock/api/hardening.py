"""What every request passes through before a route sees it, in one ASGI middleware.

- **Host check** (when the server listens on loopback only): a request whose ``Host`` is not a
  loopback name gets 400, so that a web page cannot reach the server through DNS rebinding.
- **Size caps**: a query string over `MAX_QUERY_BYTES` gets 414; a body over `MAX_BODY_BYTES`
  gets 413 (checked on ``Content-Length`` and again while the body is read).
- **Admission**: at most ``max_expensive`` expensive requests (`EXPENSIVE_PREFIXES`, POST) are
  handed to the app at once, so that they never take all the threads that cheap requests
  (tables, fabs) need; up to `MAX_WAITING` more wait here without a thread; one more gets 503
  with ``Retry-After`` at once. (Distinct runs are bounded again by the worker pool,
  `chipshock.api.runner.Runner`; identical ones share one computation.)
- **Security headers** on every response: `SECURITY_HEADERS` (the dashboard),
  `DOCS_SECURITY_HEADERS` (Swagger UI at ``/docs``, the same strict policy: its assets come from
  the package and it has no inline script) and `REDOC_SECURITY_HEADERS` (ReDoc at ``/redoc``,
  which writes its styles into ``<style>`` elements and searches in a worker made from a
  ``blob:`` URL, so that page alone allows inline styles and blob workers; scripts stay
  ``'self'``). This is the only place the Content-Security-Policy is written.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from chipshock.api.error_bodies import error_body

__all__ = [
    "DOCS_PATHS",
    "DOCS_SECURITY_HEADERS",
    "EXPENSIVE_PREFIXES",
    "LOOPBACK_HOSTS",
    "MAX_BODY_BYTES",
    "MAX_QUERY_BYTES",
    "MAX_WAITING",
    "REDOC_PATH",
    "REDOC_SECURITY_HEADERS",
    "SECURITY_HEADERS",
    "Hardening",
    "is_loopback",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: largest request body accepted (the largest valid body, a compare with 100 + 100 fab ids, is
#: under 10 KiB)
MAX_BODY_BYTES = 64 * 1024
#: longest query string accepted
MAX_QUERY_BYTES = 8 * 1024
#: expensive requests waiting (without a thread) for their turn before 503
MAX_WAITING = 200
#: POST routes that run the scenario engine
EXPENSIVE_PREFIXES = ("/api/scenarios/", "/api/jobs/")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
DOCS_PATHS = ("/docs", "/redoc")

_STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


_CSP = _policy(_STRICT)
#: ReDoc (styled-components) injects its CSS as <style> elements, and its search runs in a
#: worker it makes from a blob: URL; under the strict policy the page showed only "Something
#: went wrong". Scripts, frames and everything else stay as strict as the dashboard's.
_REDOC_CSP = _policy(
    {**_STRICT, "style-src": "'self' 'unsafe-inline'", "worker-src": "'self' blob:"}
)
_COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
SECURITY_HEADERS: dict[str, str] = {"content-security-policy": _CSP, **_COMMON}
#: the API docs are served from the package with no inline script (`chipshock.api.docs`), so
#: they run under the same strict policy as the dashboard
DOCS_SECURITY_HEADERS: dict[str, str] = {"content-security-policy": _CSP, **_COMMON}
#: the ReDoc page (`chipshock.api.docs`): the strict policy plus inline styles and blob workers
REDOC_SECURITY_HEADERS: dict[str, str] = {"content-security-policy": _REDOC_CSP, **_COMMON}
REDOC_PATH = "/redoc"


def is_loopback(host: str) -> bool:
    """Whether the server's listening address reaches this machine only."""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class _BodyTooLarge(Exception):
    pass


class Hardening:
    """The ASGI middleware described in the module docstring.

    ``allowed_hosts``: None accepts any Host (a server bound to a public interface);
    ``max_expensive``: requests to `EXPENSIVE_PREFIXES` allowed in flight at once;
    ``retry_after_s``: what a 503 tells the client to wait.
    """

    def __init__(
        self,
        app: App,
        *,
        allowed_hosts: Iterable[str] | None,
        max_expensive: int,
        retry_after_s: int,
    ) -> None:
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None else frozenset(allowed_hosts)
        self.retry_after_s = retry_after_s
        self.max_expensive = max_expensive
        self._expensive: asyncio.Semaphore | None = None  # made on the server's event loop
        self._waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        extra = (
            REDOC_SECURITY_HEADERS
            if path == REDOC_PATH
            else DOCS_SECURITY_HEADERS
            if path.startswith(DOCS_PATHS)
            else SECURITY_HEADERS
        )
        send = _with_headers(send, extra)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _json(send, *refusal)
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            try:
                receive = await _buffered(receive)
            except _BodyTooLarge:
                await _json(send, 413, _too_large(), "body", {}, ("too_large", _limit()))
                return
        if scope.get("method") == "POST" and path.startswith(EXPENSIVE_PREFIXES):
            if self._expensive is None:
                self._expensive = asyncio.Semaphore(self.max_expensive)
            if self._expensive.locked() and self._waiting >= MAX_WAITING:
                await _json(
                    send,
                    503,
                    f"server busy: {self.max_expensive + MAX_WAITING} scenario requests are "
                    f"running or waiting; retry in {self.retry_after_s} s",
                    None,
                    {"retry-after": str(self.retry_after_s)},
                    ("busy", {"seconds": str(self.retry_after_s)}),
                )
                return
            self._waiting += 1
            try:
                await self._expensive.acquire()
            finally:
                self._waiting -= 1
            try:
                await self.app(scope, receive, send)
            finally:
                self._expensive.release()
            return
        await self.app(scope, receive, send)

    def _refusal(
        self, scope: Scope, headers: dict[str, str]
    ) -> tuple[int, str, str | None, dict[str, str], tuple[str, dict[str, str]]] | None:
        if self.allowed_hosts is not None:
            host = _host_name(headers.get("host", ""))
            if host not in self.allowed_hosts:
                return (
                    400,
                    f"Host header {headers.get('host', '')!r} not allowed: this server listens "
                    f"on loopback and answers only to {', '.join(sorted(self.allowed_hosts))}",
                    "host",
                    {},
                    ("host_not_allowed", {"host": headers.get("host", "")}),
                )
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY_BYTES:
            return (
                414,
                f"query string too long ({len(query)} bytes; at most {MAX_QUERY_BYTES})",
                None,
                {},
                ("query_too_long", _limit(MAX_QUERY_BYTES)),
            )
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return 413, _too_large(length), "body", {}, ("too_large", _limit())
        return None


def _limit(limit: int = MAX_BODY_BYTES) -> dict[str, str]:
    return {"limit": f"{limit:,}"}


def _too_large(length: str | None = None) -> str:
    got = f"{length} bytes" if length is not None else "more"
    return f"request body too large (got {got}; expected at most {MAX_BODY_BYTES} bytes)"


def _host_name(host: str) -> str:
    if host.startswith("["):  # [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _buffered(receive: Receive) -> Receive:
    """Read the whole body (at most `MAX_BODY_BYTES`) and replay it to the app."""
    chunks: list[bytes] = []
    chunks_done: Message | None
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            chunks_done = message
            break
        body = bytes(message.get("body", b""))
        size += len(body)
        if size > MAX_BODY_BYTES:
            raise _BodyTooLarge
        chunks.append(body)
        if not message.get("more_body", False):
            chunks_done = None
            break
    replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
    if chunks_done is not None:
        replay = [chunks_done]

    async def replayed() -> Message:
        if replay:
            return replay.pop(0)
        return await receive()

    return replayed


def _with_headers(send: Send, extra: dict[str, str]) -> Send:
    encoded = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = [
                *message.get("headers", []),
                *[(k, v) for k, v in encoded if k not in names],
            ]
        await send(message)

    return wrapped


async def _json(
    send: Send,
    status: int,
    detail: str,
    field: str | None,
    headers: dict[str, str],
    kind: tuple[str, dict[str, str]],
) -> None:
    """The refusal as every API error answers (`chipshock.api.error_bodies`); ``kind`` is its
    code and the fields of its Japanese text."""
    code, ja_fields = kind
    body = json.dumps(error_body(detail, code, field, ja_fields=ja_fields)).encode()
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *[(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
