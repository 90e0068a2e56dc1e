"""A cancel answers at once, even while the engine's kernel is still being compiled (apicancel:
on a cold server the job read "running" until the first compile had ended, 36 s and more)."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.api.conftest import AsgiClient, live_server

from chipshock.api.routes_explorer import JobBoard
from chipshock.api.runner import ServerBusy
from chipshock.api.state import app_state


def test_a_cancel_during_the_kernels_first_compile_answers_cancelled(
    store_path: Path, tmp_path: Path
) -> None:
    """A server with an empty numba cache: a job started while the warm-up compiles the
    kernel reads ``cancelled`` in the cancel's own answer, and the warm-up has not ended then."""
    cold = {"NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    with live_server(store_path, wait_warm=False, env=cold) as base:
        started = httpx.post(
            f"{base}/api/jobs/run",
            json={"scenario": "taiwan-blockade-2027-6m", "runs": 50},
            timeout=120,
        )
        assert started.status_code == 202, started.text
        job_id = started.json()["job_id"]
        cancel = httpx.delete(f"{base}/api/jobs/{job_id}", timeout=120)
        health = httpx.get(f"{base}/api/health", timeout=120).json()
        status = httpx.get(f"{base}/api/jobs/{job_id}", timeout=120).json()
        result = httpx.get(f"{base}/api/jobs/{job_id}/result", timeout=120)
    assert cancel.status_code == 200
    assert cancel.json()["status"] == "cancelled"
    assert cancel.json()["error"]["code"] == "cancelled"
    assert health["warm"] is False  # the kernel's first compile was still under way
    assert status["status"] == "cancelled"
    assert result.status_code == 409


def test_a_job_waiting_on_a_cancelled_identical_job_computes_its_own(api: AsgiClient) -> None:
    """Cancel a job, start the same one again at once: the second waited on the first's answer
    (single flight) and, when the first stops, computes it itself instead of failing."""
    state = app_state(api.app)
    board = JobBoard()
    entered, gate = threading.Event(), threading.Event()
    calls: list[int] = []

    def build(progress: Any) -> dict[str, Any]:
        calls.append(1)
        entered.set()
        gate.wait(60)
        progress(1, 1)
        return {"answer": 42}

    key = ("test-job", uuid.uuid4().hex)
    first = board.start(state, "run", key, build)
    assert entered.wait(60)
    first.cancelled()
    second = board.start(state, "run", key, build)
    time.sleep(0.3)  # let the second job reach the cache and wait on the first's answer
    gate.set()
    for _ in range(600):
        if second.status != "running":
            break
        time.sleep(0.1)
    board.shutdown()
    assert (first.status, second.status) == ("cancelled", "done"), second.error
    assert len(calls) == 2


def test_a_cancelled_job_still_computing_counts_against_the_server(make_client: Any) -> None:
    """A server with room for one run: while a cancelled job's engine has not yet stopped, a
    new job is refused as busy (503 up front), not started to fail behind it."""
    client = make_client(workers=1, queue_limit=0, warm=False)
    state = app_state(client.app)
    board = JobBoard()
    entered, gate = threading.Event(), threading.Event()

    def build(progress: Any) -> dict[str, Any]:
        entered.set()
        gate.wait(60)
        progress(1, 1)
        return {"answer": 1}

    first = board.start(state, "run", ("test-busy", uuid.uuid4().hex), build)
    assert entered.wait(60)
    first.cancelled()
    with pytest.raises(ServerBusy):
        board.start(state, "run", ("test-busy", uuid.uuid4().hex), build)
    gate.set()
    assert first.stopped.wait(60) and first.status == "cancelled"
    board.shutdown()
