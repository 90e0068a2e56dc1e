"""Structural answers serialised and compressed once: the same bytes on every request, gzip or
not, an ETag that changes with the answer, and 304 for a client that already has it."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.encoded import EncodedBody, etag_matches

STRUCTURAL = ("/api/explorer/inputs", "/api/fabs", "/api/capacity/buildout", "/")


def _raw(app: Any, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body exactly as the app sends it (no client-side decoding)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")]
        + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    got = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], got, body


@pytest.mark.parametrize("path", STRUCTURAL)
def test_repeated_request_gives_the_same_bytes(api: AsgiClient, path: str) -> None:
    """Two gzip answers are byte for byte the same, and unpack to the uncompressed answer."""
    api.get(path)  # the app's start-up has run
    s1, h1, gz1 = _raw(api.app, path, {"accept-encoding": "gzip, deflate"})
    s2, h2, gz2 = _raw(api.app, path, {"accept-encoding": "gzip"})
    s3, h3, plain = _raw(api.app, path, {})
    assert s1 == s2 == s3 == 200
    assert h1["content-encoding"] == h2["content-encoding"] == "gzip"
    assert "content-encoding" not in h3
    assert gz1 == gz2 and gzip.decompress(gz1) == plain
    assert int(h1["content-length"]) == len(gz1) and int(h3["content-length"]) == len(plain)
    assert h1["etag"] == h2["etag"] == h3["etag"]
    assert h1["vary"] == "Accept-Encoding" and h1["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", STRUCTURAL)
def test_if_none_match_gives_304(api: AsgiClient, path: str) -> None:
    """A client that has the answer (its ETag) gets 304 with no body; another ETag gets 200."""
    first = api.get(path, headers={"Accept-Encoding": "gzip"})
    etag = first.headers["etag"]
    again = api.get(path, headers={"If-None-Match": etag, "Accept-Encoding": "gzip"})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert "content-security-policy" in again.headers  # the hardening headers still apply
    weak = api.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    other = api.get(path, headers={"If-None-Match": '"not-this-one"'})
    assert other.status_code == 200 and other.content == first.content


def test_etag_differs_between_answers(api: AsgiClient) -> None:
    """The ETag is a hash of the answer: different parameters, different ETags."""
    a = api.get("/api/fabs?country=USA").headers["etag"]
    b = api.get("/api/fabs?country=JPN").headers["etag"]
    assert a != b


def test_encoded_body_of_a_tiny_answer() -> None:
    """A short body is kept uncompressed; the ETag is a quoted hash of the bytes."""
    small = EncodedBody.of(b'{"a":1}')
    assert small.gzipped is None and small.nbytes == 7
    assert small.etag.startswith('"') and small.etag.endswith('"') and len(small.etag) == 34
    big = EncodedBody.of(b"[" + b"1," * 1000 + b"1]")
    assert big.gzipped is not None and gzip.decompress(big.gzipped) == big.identity
    assert big.etag != small.etag


def test_etag_matching_rules() -> None:
    """If-None-Match: a list of tags, weak or strong, or ``*``."""
    assert etag_matches('"x"', '"x"') and etag_matches('W/"x"', '"x"')
    assert etag_matches('"a", "x"', '"x"') and etag_matches("*", '"x"')
    assert not etag_matches(None, '"x"') and not etag_matches('"y"', '"x"')
    assert not etag_matches("x", '"x"')
