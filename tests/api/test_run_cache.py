"""A run is cached by the engine's inputs, not by the bytes of its request: asked with
``"bands": "table"`` (the dashboard) and then without (a script), the engine runs once and both
answers carry the same numbers (api29: each shape ran the engine again, seconds for 10,000 runs).
A job's status says whether its engine ran (``cache_hit``)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.chart_data import table_rows
from chipshock.api.run_body import RunBody
from chipshock.api.state import LruCache, app_state, value_bytes

SCENARIO = "korea-conflict"
RUNS = 5


def _started(api: AsgiClient, **body: Any) -> str:
    """Start ``/api/jobs/run`` with ``body``, wait for it to end; its id."""
    started = api.post("/api/jobs/run", json={"scenario": SCENARIO, "runs": RUNS, **body})
    assert started.status_code == 202, started.text[:300]
    job_id: str = started.json()["job_id"]
    for _ in range(3000):
        status = api.get(f"/api/jobs/{job_id}").json()
        if status["status"] != "running" and status["stopped"]:
            return job_id
        time.sleep(0.1)
    pytest.fail(f"job {job_id} still running")


def _job(api: AsgiClient, **body: Any) -> tuple[dict[str, Any], Any]:
    """Run ``/api/jobs/run`` with ``body`` to its end: its status and its result."""
    job_id = _started(api, **body)
    return api.get(f"/api/jobs/{job_id}").json(), api.get(f"/api/jobs/{job_id}/result")


@pytest.fixture
def fresh(make_client: Any) -> AsgiClient:
    """An app of its own, so that its run cache starts empty."""
    pytest.importorskip("chipshock.sim")
    client: AsgiClient = make_client(max_runs=200, time_budget_s=300.0)
    return client


def test_both_shapes_share_one_engine_run_and_its_numbers(fresh: AsgiClient) -> None:
    """Rows first (the engine runs), then the table (it does not), then rows again on the
    direct route: the table's rows are the rows value by value, everything else is equal but
    ``params``, which echoes each request."""
    rows_status, rows = _job(fresh, seed=11)
    table_status, table = _job(fresh, seed=11, bands="table")
    assert (rows_status["status"], table_status["status"]) == ("done", "done")
    assert rows_status["cache_hit"] is False
    assert table_status["cache_hit"] is True
    as_rows, as_table = rows.json(), table.json()
    assert table_rows(as_table["bands"]) == as_rows["bands"]
    assert len(as_rows["bands"]) > 100
    assert (as_rows["params"]["bands"], as_table["params"]["bands"]) == ("rows", "table")
    assert as_rows["params"]["seed"] == as_table["params"]["seed"] == 11
    rest = {k: v for k, v in as_rows.items() if k not in ("bands", "params")}
    assert rest == {k: v for k, v in as_table.items() if k not in ("bands", "params")}
    assert rest["kpis"] and rest["summary"]
    direct = fresh.post("/api/scenarios/run", json={"scenario": SCENARIO, "runs": RUNS, "seed": 11})
    assert direct.status_code == 200
    assert direct.content == rows.content
    assert len(app_state(fresh.app).run_cache) == 1  # one entry for the three answers


def test_other_engine_inputs_run_the_engine_again(fresh: AsgiClient) -> None:
    """Another seed or other runs are another run: the engine runs (``cache_hit`` false)."""
    first, _ = _job(fresh, seed=12)
    other_seed, _ = _job(fresh, seed=13, bands="table")
    other_runs, _ = _job(fresh, seed=12, runs=RUNS + 1)
    again, _ = _job(fresh, seed=12, bands="table")
    assert [s["cache_hit"] for s in (first, other_seed, other_runs, again)] == [
        False,
        False,
        False,
        True,
    ]


def test_an_evicted_result_is_computed_again_by_the_next_job(fresh: AsgiClient) -> None:
    """A result evicted from the cache answers 410, and asking for it leaves nothing behind:
    the same run started again computes its answer (a placeholder kept by the 410 made the next
    identical job end at once, with an expired result)."""
    app_state(fresh.app).run_cache = LruCache(size=1)
    evicted = _started(fresh, seed=21)
    _started(fresh, seed=22)  # takes the cache's one place
    assert fresh.get(f"/api/jobs/{evicted}/result").status_code == 410
    status, result = _job(fresh, seed=21)
    assert status["cache_hit"] is False
    assert result.status_code == 200 and result.json()["params"]["seed"] == 21


def test_a_run_body_answers_each_shape_and_weighs_its_bytes() -> None:
    """`RunBody.answer` is the payload with the request's params and bands in its shape; the
    cache weighs it by every byte it holds."""
    bands = [{"week": w, "series": "s", "p50": 100.0 - w} for w in range(3)]
    body = RunBody.of({"meta": {"as_of": "2026-01"}, "bands": bands, "kpis": [1, 2]})
    rows = json.loads(body.answer({"seed": 3, "bands": "rows"}, "rows"))
    table = json.loads(body.answer({"seed": 3, "bands": "table"}, "table"))
    assert rows == {
        "meta": {"as_of": "2026-01"},
        "kpis": [1, 2],
        "params": {"seed": 3, "bands": "rows"},
        "bands": bands,
    }
    assert table_rows(table["bands"]) == bands and table["kpis"] == [1, 2]
    assert json.loads(RunBody.of({"bands": []}).answer({}, "rows")) == {"params": {}, "bands": []}
    assert (
        value_bytes(body)
        == body.nbytes
        == sum(len(part) for part in (body.rest, body.bands_rows, body.bands_table))
    )
    cache = LruCache(size=4)
    assert cache.get("missing") is None and len(cache) == 0
