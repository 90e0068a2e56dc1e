"""HTTP API of chipshock: ``create_app()`` builds the app (JSON under /api, dashboard at /)."""

from chipshock.api.app import create_app

__all__ = ["create_app"]
