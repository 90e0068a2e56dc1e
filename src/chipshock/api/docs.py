"""API documentation served from the package: Swagger UI at ``/docs`` and ReDoc at ``/redoc``.

The script and style files come from the ``fastapi-offline`` package (no CDN); the two pages are
our own static HTML with no inline script or style, so they work under a strict
Content-Security-Policy (``script-src 'self'``, no ``unsafe-inline``, no ``unsafe-eval``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from chipshock.errors import ChipshockError

__all__ = ["DOCS_ASSETS_URL", "install_docs"]

DOCS_ASSETS_URL = "/static-docs"


class DocsAssetsMissing(ChipshockError, RuntimeError):
    """The packaged Swagger UI and ReDoc assets (fastapi-offline) are not installed."""


def _assets() -> Path:
    try:
        import fastapi_offline
    except ImportError as exc:  # pragma: no cover - part of the web extra
        raise DocsAssetsMissing(
            "the API docs need the 'fastapi-offline' package: pip install chipshock[web]"
        ) from exc
    return Path(fastapi_offline.__file__).parent / "static"


def install_docs(app: FastAPI) -> None:
    """Mount the documentation assets and the ``/docs`` and ``/redoc`` pages on ``app``
    (which must be created with ``docs_url=None, redoc_url=None``)."""
    web = Path(str(resources.files("chipshock") / "web"))
    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=_assets()), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> FileResponse:
        return FileResponse(web / "docs.html", media_type="text/html; charset=utf-8")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> FileResponse:
        return FileResponse(web / "redoc.html", media_type="text/html; charset=utf-8")
