"""A comparison, a contribution analysis and a sensitivity analysis are cached by what the
engine computes, not by the bytes of their request: field order, whitespace in a posted
scenario file, ``lang`` or runs above the server's cap ask the engine nothing new and share one
computation (api30: each computed again), while another seed, fab or factor computes anew.
A job's status says whether its engine ran (``cache_hit``)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.engine_answer import AnswerBody
from chipshock.api.state import app_state, value_bytes

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 3

#: a small scenario file (three years), and the same file laid out otherwise
BLOCKADE = (
    '[scenario]\nid = "my-blockade"\nstart_year = 2027\nend_year = 2029\n\n'
    '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-06"\n'
    "duration_weeks = 26\nseverity = 1.0\n"
)
BLOCKADE_SPACED = (
    "# the same scenario, written otherwise\n[scenario]\n  id   =  'my-blockade'\n"
    "start_year=2027\nend_year = 2029\n\n\n[[shock]]\nkind='country'\n"
    'targets = [ "TWN" ]\nstart = "2027-06"\nduration_weeks = 26   # weeks\nseverity = 1.0\n'
)


@pytest.fixture
def fresh(make_client: Any) -> AsgiClient:
    """An app of its own, so that its run cache starts empty."""
    pytest.importorskip("chipshock.sim")
    client: AsgiClient = make_client(max_runs=200, time_budget_s=300.0)
    return client


def _job(api: AsgiClient, kind: str, body: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """Start ``/api/jobs/{kind}`` with ``body`` (sent as it is written: field order kept) and
    wait for it to end: its status and its result."""
    started = api.post(
        f"/api/jobs/{kind}", content=json.dumps(body), headers={"content-type": "application/json"}
    )
    assert started.status_code == 202, started.text[:300]
    job_id: str = started.json()["job_id"]
    for _ in range(6000):
        status = api.get(f"/api/jobs/{job_id}").json()
        if status["status"] != "running" and status["stopped"]:
            return status, api.get(f"/api/jobs/{job_id}/result")
        time.sleep(0.1)
    pytest.fail(f"job {job_id} still running")


def _without_params(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "params"}


def test_comparisons_differing_in_layout_share_one_engine_run(fresh: AsgiClient) -> None:
    """A posted file against the flagship, then the same file laid out otherwise with the
    fields in another order: one engine run, the same answer but ``params``; another seed
    runs the engine again."""
    first = {"toml": BLOCKADE, "other": FLAGSHIP, "runs": RUNS, "seed": 5}
    reordered = {"seed": 5, "runs": RUNS, "other": FLAGSHIP, "toml": BLOCKADE_SPACED}
    status_1, answer_1 = _job(fresh, "compare", first)
    status_2, answer_2 = _job(fresh, "compare", reordered)
    status_3, _ = _job(fresh, "compare", {**first, "seed": 6})
    assert [s["status"] for s in (status_1, status_2, status_3)] == ["done"] * 3
    assert [s["cache_hit"] for s in (status_1, status_2, status_3)] == [False, True, False]
    one, two = answer_1.json(), answer_2.json()
    assert _without_params(one) == _without_params(two)
    assert one["delta"] and one["headline"]
    assert (one["params"]["toml"], two["params"]["toml"]) == (BLOCKADE, BLOCKADE_SPACED)
    assert one["params"]["seed"] == two["params"]["seed"] == 5
    # the direct route answers from the same entry
    direct = fresh.post("/api/scenarios/compare", json=first)
    assert direct.status_code == 200 and direct.content == answer_1.content
    assert len(app_state(fresh.app).run_cache) == 2


def test_contributions_differing_in_layout_share_one_engine_run(fresh: AsgiClient) -> None:
    """The same fabs of the same file, written otherwise: one engine run; another set of fabs
    runs it again."""
    body = {"toml": BLOCKADE, "fabs": ["rapidus-iim1"], "runs": RUNS}
    status_1, answer_1 = _job(fresh, "contributions", body)
    status_2, answer_2 = _job(
        fresh, "contributions", {"runs": RUNS, **body, "toml": BLOCKADE_SPACED}
    )
    status_3, _ = _job(fresh, "contributions", {**body, "fabs": ["jasm-kumamoto-fab1"]})
    assert [s["cache_hit"] for s in (status_1, status_2, status_3)] == [False, True, False]
    one, two = answer_1.json(), answer_2.json()
    assert _without_params(one) == _without_params(two) and one["fabs"]
    assert one["params"]["fabs"] == ["rapidus-iim1"] and one["params"]["seed"] == 0


def test_sobol_in_either_language_is_one_analysis(fresh: AsgiClient) -> None:
    """``lang`` words ``reading`` and ``tidy`` but asks the engine nothing: the Japanese job
    after the English one does not run the engine, and each answer is in its language, the
    words of ``reading_text``; other samples run it again."""
    factors = ["utilisation", "complementarity"]
    body = {"scenario": FLAGSHIP, "runs": 1, "samples": 4, "factors": factors}
    status_en, en = _job(fresh, "sobol", {**body, "lang": "en"})
    status_ja, ja = _job(fresh, "sobol", {"lang": "ja", **body})
    status_8, _ = _job(fresh, "sobol", {**body, "samples": 8})
    assert [s["status"] for s in (status_en, status_ja, status_8)] == ["done"] * 3
    assert [s["cache_hit"] for s in (status_en, status_ja, status_8)] == [False, True, False]
    en_body, ja_body = en.json(), ja.json()
    assert en_body["reading"] == en_body["reading_text"]["en"]
    assert ja_body["reading"] == ja_body["reading_text"]["ja"] != en_body["reading"]
    assert en_body["tidy"] != ja_body["tidy"]
    assert (en_body["params"]["lang"], ja_body["params"]["lang"]) == ("en", "ja")
    assert en_body["params"]["evaluations"] == ja_body["params"]["evaluations"] == 4 * (2 + 3)
    shared = ("rows", "charts", "reading_text", "convergence_text", "meta", "scenario")
    assert {k: en_body[k] for k in shared} == {k: ja_body[k] for k in shared}


def test_tornado_lowered_runs_share_the_analysis_and_keep_their_note(
    make_client: Any,
) -> None:
    """With max_runs=30 and one factor (3 simulations), 20 and 10 runs asked both run 10 per
    side: one analysis, and only the request whose runs were lowered says so; another factor
    is another analysis."""
    pytest.importorskip("chipshock.sim")
    client: AsgiClient = make_client(max_runs=30, time_budget_s=300.0)
    url = "/api/scenarios/sensitivity"
    body = {"scenario": FLAGSHIP, "factors": ["complementarity"]}
    lowered = client.post(url, json={**body, "runs": 20})
    asked = client.post(url, json={**body, "runs": 10, "lang": "ja"})
    assert lowered.status_code == asked.status_code == 200, lowered.text[:300]
    assert len(app_state(client.app).run_cache) == 1
    low, ask = lowered.json(), asked.json()
    assert (low["params"]["runs"], low["params"]["runs_requested"]) == (10, 20)
    assert (ask["params"]["runs"], ask["params"]["runs_requested"]) == (10, 10)
    assert "10 runs per side instead of 20" in low["meta"]["note"]
    assert "note" not in ask["meta"]
    assert low["rows"] == ask["rows"] and ask["reading"] == ask["reading_text"]["ja"]
    other = client.post(url, json={**body, "runs": 10, "factors": ["utilisation"]})
    assert other.status_code == 200
    assert len(app_state(client.app).run_cache) == 2


def test_an_answer_body_adds_what_the_request_decides() -> None:
    """`AnswerBody.answer`: the request's fields first, its params then the result's, the
    cached fields, and those of its language; the cache weighs every part."""
    body = AnswerBody.of(
        {
            "params": {"seed": 7},
            "rows": [1, 2],
            "by_lang": {"en": {"reading": "up"}, "ja": {"reading": "上昇"}},
        }
    )
    answer = json.loads(body.answer({"seed": None, "lang": "ja"}, {"meta": {"as_of": "x"}}, "ja"))
    assert answer == {
        "meta": {"as_of": "x"},
        "params": {"seed": 7, "lang": "ja"},
        "rows": [1, 2],
        "reading": "上昇",
    }
    assert list(answer) == ["meta", "params", "rows", "reading"]
    assert json.loads(AnswerBody.of({}).answer({}, {})) == {"params": {}}
    assert value_bytes(body) == body.nbytes > len(body.rest)
