"""Static files compressed once, not on every request.

The dashboard's vendored scripts are large (Vega alone is 0.5 MB); the app's gzip middleware
compressed them at level 9 on every page load, which put tens to hundreds of milliseconds of
server time in front of the first figures. `CompressedStatic` serves a gzip body made once per
file (kept in memory, keyed by path, size and modification time) to clients that accept gzip,
with the file's ``ETag`` and ``Last-Modified``, so that conditional requests still get 304.
"""

from __future__ import annotations

import gzip
import os
import stat
import threading
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

__all__ = ["COMPRESSIBLE", "CompressedStatic"]

#: file types worth compressing (text); images and fonts are served as they are
COMPRESSIBLE = frozenset({".js", ".css", ".json", ".html", ".svg", ".txt", ".map"})
MIN_BYTES = 1000


class CompressedStatic(StaticFiles):
    """`StaticFiles` that answers ``Accept-Encoding: gzip`` with a gzip body made once."""

    def __init__(self, *, directory: Path) -> None:
        super().__init__(directory=directory)
        self._root = Path(directory)
        self._gz: dict[tuple[str, int, int], bytes] = {}
        self._lock = threading.Lock()

    def _compressed(self, full_path: str, st: os.stat_result) -> bytes:
        key = (full_path, st.st_size, st.st_mtime_ns)
        body = self._gz.get(key)
        if body is None:
            body = gzip.compress(Path(full_path).read_bytes(), compresslevel=9, mtime=0)
            with self._lock:
                self._gz[key] = body
        return body

    def precompress(self) -> None:
        """Compress every compressible file now (run by the start-up warm-up)."""
        for path in sorted(self._root.rglob("*")):
            if path.suffix in COMPRESSIBLE and path.is_file():
                st = path.stat()
                if st.st_size >= MIN_BYTES:
                    self._compressed(str(path), st)

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        accepts = Headers(scope=scope).get("accept-encoding", "")
        if (
            response.status_code != 200
            or "gzip" not in accepts.lower()
            or Path(full_path).suffix not in COMPRESSIBLE
            or stat_result.st_size < MIN_BYTES
            or not stat.S_ISREG(stat_result.st_mode)
        ):
            return response
        body = self._compressed(str(full_path), stat_result)
        headers = {
            k: v
            for k, v in response.headers.items()
            if k.lower() not in ("content-length", "content-type")
        }
        headers |= {
            "Content-Encoding": "gzip",
            "Vary": "Accept-Encoding",
            "Content-Length": str(len(body)),
        }
        return Response(
            content=b"" if scope["method"] == "HEAD" else body,
            status_code=200,
            headers=headers,
            media_type=response.media_type,
        )
