"""A real chipshock server on a free 127.0.0.1 port (uvicorn in a background thread), and a
Chromium page (Debian's /usr/bin/chromium driven by Playwright) that records console errors,
page errors and failed requests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from chipshock.api import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def web_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's store with one saved result (10 runs of the Korea scenario), so
    that the dashboard's saved-results view has something to list; the shared store is untouched.
    Without the engine, the plain copy."""
    store = tmp_path_factory.mktemp("web") / "chipshock.duckdb"
    shutil.copy(built_store, store)
    try:
        import chipshock.sim as sim
        from chipshock.scenarios import load_scenario
        from chipshock.sim.run.store import save_result
    except ImportError:
        return store
    for name, seed in (("korea seed 1", 1), ("korea seed 2", 2)):
        result = sim.run(
            load_scenario("korea-conflict"), sim.load_model_data(store), runs=10, seed=seed
        )
        save_result(store, result, name)
    return store


@pytest.fixture(scope="session")
def server(web_store: Path) -> Iterator[str]:
    """Base URL of a uvicorn server running the app in a daemon thread; stopped afterwards."""
    uvicorn = pytest.importorskip("uvicorn")
    # a generous time budget: on a machine shared by many jobs a tornado or a Sobol analysis
    # can take minutes, and the tests are about the page, not the server's deadline
    app = create_app(web_store, max_runs=1000, time_budget_s=900.0)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="warning", ws="none", lifespan="on"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="chipshock-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    srv.should_exit = True
    thread.join(timeout=15)


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def browser_page(server: str, request: pytest.FixtureRequest) -> Iterator[Watched]:
    """A Chromium page that may only reach our server; every other request is blocked and kept.
    Parametrise indirectly with (width, height) for another viewport (default 1280 x 900), or
    (width, height, "touch") for a phone's touch screen (taps, no mouse)."""
    width, height, *kind = getattr(request, "param", (1280, 900))
    touch = "touch" in kind
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # Playwright's polling predicates use eval, which the server's strict CSP forbids; the
        # CSP itself is tested with a context of its own (tests/web/test_views.py)
        context = browser.new_context(
            viewport={"width": width, "height": height},
            bypass_csp=True,
            has_touch=touch,
            is_mobile=touch,
        )
        page = context.new_page()
        watched = Watched(page)

        def route(r: Any) -> None:
            if r.request.url.startswith(server):
                r.continue_()
            else:
                watched.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on(
            "console",
            lambda m: (
                watched.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: watched.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: watched.errors.append(f"failed request: {r.url}"))
        page.on(
            "response",
            lambda r: (
                watched.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
            ),
        )
        try:
            yield watched
        finally:
            context.close()
            browser.close()
