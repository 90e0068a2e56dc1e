"""The hardened server: security headers, Host check on loopback, size caps on every request,
byte-bounded caches, a bounded worker pool that answers 503 + Retry-After, and a health check
that answers while the pool is saturated."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import AsyncIterator, Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

from chipshock.api.hardening import LOOPBACK_HOSTS, MAX_BODY_BYTES, MAX_QUERY_BYTES
from chipshock.api.runner import RETRY_AFTER_S, Runner, ServerBusy
from chipshock.api.state import LruCache

from .conftest import AsgiClient, live_server

RUN = {"scenario": "taiwan-blockade-2027-6m", "runs": 20, "seed": 1}


def test_security_headers_everywhere(api: AsgiClient) -> None:
    """Dashboard, API, static files and errors all carry CSP (no inline script, no framing),
    nosniff and DENY; the OpenAPI page gets its own policy, still without framing."""
    for url in ("/", "/api/health", "/static/js/main.js", "/api/trace/NOPE", "/nope"):
        r = api.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp, url
        assert "frame-ancestors 'none'" in csp and "style-src 'self';" in csp, url
        assert r.headers["x-content-type-options"] == "nosniff", url
        assert r.headers["x-frame-options"] == "DENY", url
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{tag} {k}=" for k in names if k == "style" or k.startswith("on")]


def test_dashboard_html_needs_no_inline_script_or_style() -> None:
    """index.html has nothing that the strict CSP would block (no inline script, style or
    handler), and the JS sets styles through CSSOM, never a style attribute."""
    web = Path(str(resources.files("chipshock") / "web"))
    finder = _InlineFinder()
    finder.feed((web / "index.html").read_text(encoding="utf-8"))
    assert finder.found == []
    for js in (web / "static" / "js").glob("*.js"):
        text = js.read_text(encoding="utf-8")
        assert 'setAttribute("style"' not in text and "innerHTML" not in text, js.name


def test_host_checked_on_loopback(make_client: Any) -> None:
    """Bound to loopback, only loopback Host names are answered (DNS rebinding); 400 names it."""
    client = make_client(allowed_hosts=LOOPBACK_HOSTS)
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000", "localhost:1"):
        assert client.get("/api/health", headers={"host": host}).status_code == 200, host
    r = client.get("/api/health", headers={"host": "evil.example:8000"})
    assert r.status_code == 400 and r.json()["field"] == "host"
    assert "evil.example" in r.json()["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_body_size_capped(api: AsgiClient) -> None:
    """A body over the cap gets 413, whether it declares its length or streams it."""
    big = {**RUN, "fabs_off": ["x" * 90] * 1000}
    r = api.post("/api/scenarios/run", json=big)
    assert r.status_code == 413 and str(MAX_BODY_BYTES) in r.json()["detail"]

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b" " * 8192

    r = api.post("/api/scenarios/run", content=chunks(), headers={"content-type": "text/json"})
    assert r.status_code == 413


def test_query_and_parameter_caps(api: AsgiClient) -> None:
    """A long query string gets 414; too many list items, a long value or a long path id get
    422 naming the parameter."""
    r = api.get("/api/fabs?" + "country=USA&" * (MAX_QUERY_BYTES // 10))
    assert r.status_code == 414
    assert api.get("/api/capacity?" + "&".join(["years=2030"] * 102)).status_code == 422
    r = api.get("/api/coalition?" + "&".join(f"countries=C{i}" for i in range(60)))
    assert r.status_code == 422 and r.json()["field"] == "countries"
    assert api.get("/api/trace/" + "N" * 101).status_code == 422
    assert api.get("/api/fabs", params={"operator": "x" * 101}).status_code == 422
    r = api.post("/api/scenarios/run", json={**RUN, "fabs_off": ["f" * 101]})
    assert r.status_code == 422 and r.json()["field"].startswith("fabs_off")


def test_capacity_years_deduplicated(api: AsgiClient) -> None:
    """The same years in any order and with repeats give one answer."""
    a = api.get("/api/capacity?years=2030&years=2026&years=2030")
    b = api.get("/api/capacity?years=2026&years=2030")
    assert a.status_code == b.status_code == 200
    assert a.json()["params"]["years"] == [2026, 2030] and a.content == b.content


def test_cache_bounded_in_bytes() -> None:
    """The cache never holds more than its byte budget; a value over an eighth of it is returned
    but not kept; single flight still gives every caller the value."""
    cache = LruCache(size=100, max_bytes=8000)
    for i in range(50):
        assert cache.get_or_compute(i, lambda: b"x" * 900) == b"x" * 900
        assert cache.size_bytes <= 8000
    assert len(cache) == 8
    calls = []

    def big() -> bytes:
        calls.append(1)
        return b"y" * 1001

    assert cache.get_or_compute("big", big) == cache.get_or_compute("big", big) == b"y" * 1001
    assert len(calls) == 2 and cache.size_bytes <= 8000 and len(cache) == 8


def test_runner_queue_limit() -> None:
    """With 1 worker and a queue of 1, a third job is refused at once (ServerBusy); the slot
    comes back when a job ends."""
    runner = Runner(workers=1, queue_limit=1)
    release = threading.Event()
    started = threading.Event()

    def slow(_progress: Any) -> int:
        started.set()
        release.wait(10)
        return 1

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(runner.run(slow, 30))) for _ in range(2)
    ]
    for t in threads:
        t.start()
    assert started.wait(10)
    deadline = time.monotonic() + 10
    busy = None
    while busy is None and time.monotonic() < deadline:  # until the second job is queued
        try:
            runner.run(lambda _p: 0, 30)
            time.sleep(0.01)
        except ServerBusy as exc:
            busy = exc
    assert busy is not None and busy.retry_after_s == RETRY_AFTER_S
    release.set()
    for t in threads:
        t.join(10)
    assert results == [1, 1]
    assert runner.run(lambda _p: 7, 30) == 7
    runner.shutdown()


@pytest.fixture(scope="module")
def saturated_server(store_path: Path) -> Iterator[str]:
    """A real server on a loopback port with 2 workers and a queue of 2."""
    args = "max_runs=5000, time_budget_s=900, workers=2, queue_limit=2"
    with live_server(store_path, args) as base:
        # load the engine's data once, so that the runs below are pure engine work
        assert httpx.post(f"{base}/api/scenarios/run", json=RUN, timeout=120).status_code == 200
        yield base


@pytest.mark.slow
def test_health_answers_while_pool_saturated(saturated_server: str) -> None:
    """Eight distinct 3,000-run requests at once: two run, two queue, four get 503 with
    Retry-After at once; meanwhile /api/health answers within 100 ms of its idle time (the
    issue's requirement, made robust: the median of nine calls, not the worst one, and measured
    against the same server idle just before, so that a loaded shared machine does not decide).
    A health check queued behind the runs, as before, took seconds."""

    async def health_times(client: httpx.AsyncClient) -> list[float]:
        latencies = []
        for _ in range(9):
            start = time.perf_counter()
            r = await client.get("/api/health")
            latencies.append(time.perf_counter() - start)
            assert r.status_code == 200
            await asyncio.sleep(0.1)
        return latencies

    async def main() -> tuple[list[int], list[str | None], list[float], list[float], bool]:
        async with httpx.AsyncClient(base_url=saturated_server, timeout=300) as client:
            idle = await health_times(client)
            runs = [
                asyncio.create_task(
                    client.post("/api/scenarios/run", json={**RUN, "runs": 3000, "seed": 100 + i})
                )
                for i in range(8)
            ]
            await asyncio.sleep(1.5)  # the refused ones have their answer; the rest run
            latencies = await health_times(client)
            still_running = sum(not t.done() for t in runs) >= 2
            answers = await asyncio.gather(*runs)
        return (
            [a.status_code for a in answers],
            [a.headers.get("retry-after") for a in answers],
            idle,
            latencies,
            still_running,
        )

    codes, retry, idle, latencies, still_running = asyncio.run(main())
    assert still_running, "the pool was not saturated while health was measured"
    assert sorted(codes) == [200] * 4 + [503] * 4
    assert {retry[i] for i, c in enumerate(codes) if c == 503} == {str(RETRY_AFTER_S)}
    print(f"health idle: {sorted(round(x * 1000, 1) for x in idle)} ms")
    print(f"health under a saturated pool: {sorted(round(x * 1000, 1) for x in latencies)} ms")
    assert statistics.median(latencies) < statistics.median(idle) + 0.100, (idle, latencies)


def test_unparseable_body_named(api: AsgiClient) -> None:
    """A body that is not JSON: 422 naming the body and where parsing stopped."""
    r = api.post(
        "/api/scenarios/run", content=b'{"scenario": ', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["field"] == "body"
    assert "not valid JSON at character" in r.json()["detail"]
