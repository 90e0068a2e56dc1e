"""Response bodies serialised and compressed once, with an ETag.

A structural answer (fabs, the input catalogue, capacity ...) is the same bytes until the data
release changes, yet the app's gzip middleware compressed it again on every request (25-45 ms
for the 120 kB input catalogue). `EncodedBody` holds the JSON bytes, their gzip made once and an
ETag (a hash of the JSON bytes, so it changes exactly when the answer does, e.g. with a new data
release); `EncodedResponse` picks per request:

- ``If-None-Match`` naming the ETag (or ``*``): 304 with no body;
- ``Accept-Encoding`` with gzip: the stored gzip body (``Content-Encoding: gzip``, which the
  gzip middleware passes through untouched);
- otherwise the JSON bytes.

Every answer says ``Cache-Control: no-cache`` (a browser keeps it but asks again, and gets a 304
while the answer is unchanged) and ``Vary: Accept-Encoding``.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

__all__ = ["MIN_GZIP_BYTES", "EncodedBody", "EncodedResponse", "etag_matches"]

#: bodies shorter than this are sent as they are (as the gzip middleware's ``minimum_size``)
MIN_GZIP_BYTES = 1000
#: gzip level of the stored bodies (the middleware's level: smallest transfer, paid once)
GZIP_LEVEL = 9


@dataclass(frozen=True)
class EncodedBody:
    """One answer's bytes: ``identity`` as served uncompressed, ``gzipped`` (None when the body
    is too short to be worth it) and a strong ``etag`` (quoted, as sent)."""

    identity: bytes
    gzipped: bytes | None
    etag: str

    @classmethod
    def of(cls, body: bytes) -> EncodedBody:
        """Compress and hash ``body`` (once; the result is what the caches keep)."""
        packed = (
            gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
            if len(body) >= MIN_GZIP_BYTES
            else None
        )
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        return cls(identity=body, gzipped=packed, etag=f'"{digest}"')

    @property
    def nbytes(self) -> int:
        """Bytes held (both bodies), as the response caches weigh their values."""
        return len(self.identity) + len(self.gzipped or b"")


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as RFC 9110 asks
    for this header: ``W/"x"`` matches ``"x"``) or is ``*``."""
    if not if_none_match:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in tags)


class EncodedResponse(Response):
    """The response of an `EncodedBody`: 304, gzip or identity, chosen from the request."""

    def __init__(
        self, body: EncodedBody, media_type: str = "application/json", status_code: int = 200
    ) -> None:
        super().__init__(content=body.identity, status_code=status_code, media_type=media_type)
        self.encoded = body
        self.headers["etag"] = body.etag
        self.headers["cache-control"] = "no-cache"
        self.headers["vary"] = "Accept-Encoding"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope)
        body = self.encoded
        if self.status_code == 200 and etag_matches(request.get("if-none-match"), body.etag):
            kept = {k: self.headers[k] for k in ("etag", "cache-control", "vary")}
            await Response(status_code=304, headers=kept)(scope, receive, send)
            return
        if body.gzipped is not None and "gzip" in request.get("accept-encoding", "").lower():
            self.body = body.gzipped
            self.headers["content-encoding"] = "gzip"
            self.headers["content-length"] = str(len(body.gzipped))
        await super().__call__(scope, receive, send)
