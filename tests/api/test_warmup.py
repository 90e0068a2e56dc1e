"""Start-up: the warm-up builds the dashboard's first answers in the background, /api/health
says when, and answers meanwhile; static files come gzipped (made once) with working 304s."""

from __future__ import annotations

import asyncio
import re
import time
from importlib import resources
from pathlib import Path

import httpx

from chipshock.api import create_app
from chipshock.api.state import AppState
from chipshock.api.warmup import BUILDOUT_CLASSES


async def _started(store_path: Path, warm: bool) -> tuple[list[bool], AppState, dict[str, bytes]]:
    app = create_app(store_path, warm=warm)
    transport = httpx.ASGITransport(app=app)
    seen: list[bool] = []
    bodies: dict[str, bytes] = {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://localhost") as client,
    ):
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            r = await client.get("/api/health")
            assert r.status_code == 200
            seen.append(bool(r.json()["warm"]))
            if seen[-1]:
                break
            await asyncio.sleep(0.1)
        for url in ("/api/fabs", "/static/js/main.js"):
            bodies[url] = (await client.get(url)).content
        state: AppState = app.state.chipshock
    return seen, state, bodies


def test_warmup_fills_the_first_screens_answers(store_path: Path) -> None:
    seen, state, bodies = asyncio.run(_started(store_path, warm=True))
    assert seen[-1] is True
    keys = {k[0] for k in state.cache._data if isinstance(k, tuple)}
    assert {"fabs", "partnerships", "explorer_inputs", "choke", "crit", "capacity"} <= keys
    assert ("shares", "N20", "both", None) in state.cache._data  # the explorer's first input
    assert ("trace", "N20") in state.cache._data
    # the capacity view's first chart, and its chart of all node classes
    assert {("capacity_buildout", "lt10"), ("capacity_buildout", "all")} <= set(state.cache._data)
    assert ("groups",) in state.cache._data  # the explorer's highlight list
    assert state._model_data is not None  # the engine's tables are loaded
    assert b'"rows"' in bodies["/api/fabs"]


def test_without_warmup_health_says_warm_at_once(store_path: Path) -> None:
    seen, state, _ = asyncio.run(_started(store_path, warm=False))
    assert seen == [True]
    assert not any(isinstance(k, tuple) and k[0] == "explorer_inputs" for k in state.cache._data)


def test_static_files_gzipped_once_with_conditional_requests(store_path: Path) -> None:
    app = create_app(store_path, warm=False)
    web = Path(str(resources.files("chipshock") / "web" / "static"))
    original = (web / "vendor" / "vega" / "vega.min.js").read_bytes()

    async def main() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            url = "/static/vendor/vega/vega.min.js"
            gz = await c.get(url, headers={"accept-encoding": "gzip"})
            again = await c.get(url, headers={"if-none-match": gz.headers["etag"]})
            plain = await c.get(url, headers={"accept-encoding": "identity"})
            return gz, again, plain

    gz, again, plain = asyncio.run(main())
    assert gz.headers["content-encoding"] == "gzip"
    assert gz.headers["content-type"].startswith("text/javascript")
    assert int(gz.headers["content-length"]) < len(original) // 2
    assert gz.content == original  # httpx decodes: the same bytes as the file
    assert again.status_code == 304
    assert "content-encoding" not in plain.headers and plain.content == original


def test_warmed_buildouts_are_the_capacity_views_first() -> None:
    """The warm-up builds the build-out of the node class the capacity view opens on (boot.js's
    ``CAPACITY_CLASS``) and of all classes: change one without the other and this fails."""
    boot = resources.files("chipshock") / "web" / "static" / "js" / "boot.js"
    found = re.findall(
        r"""^export const CAPACITY_CLASS = (["'])([^"']+)\1;""",
        boot.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert len(found) == 1, "boot.js must declare CAPACITY_CLASS once, as a string"
    assert (found[0][1], "all") == BUILDOUT_CLASSES
