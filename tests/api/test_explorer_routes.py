"""Explorer routes: input catalogue, jobs with progress and cancel, saved results, offline docs
and compressed responses."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient


def _wait(api: AsgiClient, job_id: str, until: tuple[str, ...] = ("done",)) -> dict[str, Any]:
    for _ in range(1200):
        body: dict[str, Any] = api.get(f"/api/jobs/{job_id}").json()
        if body["status"] != "running" and body["stopped"]:
            assert body["status"] in until, body
            return body
        time.sleep(0.1)
    pytest.fail(f"job {job_id} still running")


def test_input_catalogue_sorted_with_a_reason_for_every_missing_share(api: AsgiClient) -> None:
    """Every input but the finished chip, sorted by name; no share means a stated reason."""
    r = api.get("/api/explorer/inputs")
    assert r.status_code == 200
    rows = r.json()["rows"]
    assert len(rows) == 125
    names = [row["name"].lower() for row in rows]
    assert names == sorted(names)
    statuses = {row["data_status"] for row in rows}
    assert "shares" in statuses and len(statuses) >= 3
    for row in rows:
        if row["data_status"] == "shares":
            assert row["top_country"] or row["top_firm"]
        else:
            assert row["data_note"] and row["top_country_share_pct"] is None
    euv = next(row for row in rows if row["name"] == "EUV lithography tools")
    assert euv["top_firm"] == "ASML" and euv["top_firm_share_pct"] == 100.0
    assert euv["top_country"] == "NLD"


def test_docs_served_from_the_package_without_inline_script(api: AsgiClient) -> None:
    """/docs and /redoc load only local assets and have no inline script or style."""
    for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = api.get(page).text
        assert f"/static-docs/{asset}" in html and "cdn" not in html.lower()
        assert "<style" not in html and "style=" not in html
        for tag in html.split("<script")[1:]:
            assert tag.lstrip().startswith("src="), tag[:80]
        assert api.get(f"/static-docs/{asset}").status_code == 200
    assert api.get("/static/js/docs.js").status_code == 200


def test_large_responses_are_compressed(api: AsgiClient) -> None:
    """JSON and static assets are gzip-compressed when the client accepts it."""
    for url in ("/api/explorer/inputs", "/static/vendor/vega/vega.min.js"):
        r = api.get(url, headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200 and r.headers["content-encoding"] == "gzip", url


def test_job_gives_the_same_result_as_the_direct_run(api: AsgiClient) -> None:
    """A run started as a job reports progress and returns the bytes of /api/scenarios/run."""
    pytest.importorskip("chipshock.sim")
    req = {"scenario": "korea-conflict", "runs": 20, "seed": 7}
    started = api.post("/api/jobs/run", json=req)
    assert started.status_code == 202
    job = _wait(api, started.json()["job_id"])
    assert job["total"] == 20 and job["done"] == 20
    via_job = api.get(f"/api/jobs/{job['job_id']}/result")
    direct = api.post("/api/scenarios/run", json=req)
    assert via_job.status_code == 200 and via_job.content == direct.content


def test_job_cancel_stops_the_run(api: AsgiClient) -> None:
    """A cancelled job reads cancelled at once, its engine stops before the end, and it has
    no result."""
    pytest.importorskip("chipshock.sim")
    started = api.post(
        "/api/jobs/compare", json={"scenario": "taiwan-blockade-2027-12m", "runs": 200}
    )
    job_id = started.json()["job_id"]
    cancel = api.request("DELETE", f"/api/jobs/{job_id}")
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    job = _wait(api, job_id, until=("cancelled",))  # and its worker has ended
    assert "cancelled" in job["error"]["detail"]
    assert job["done"] < job["total"] or job["total"] == 0  # stopped early, or never started
    assert api.get(f"/api/jobs/{job_id}/result").status_code == 409


def test_bad_job_requests_are_refused_up_front(api: AsgiClient) -> None:
    """An unknown scenario is a 404 naming the field; an unknown job id a 404."""
    r = api.post("/api/jobs/run", json={"scenario": "atlantis"})
    assert r.status_code == 404 and r.json()["field"] == "scenario"
    r = api.get("/api/jobs/0123456789ab")
    assert r.status_code == 404 and r.json()["field"] == "job_id"


def test_saved_results_listed_and_reopened(tmp_path: Path, built_store: Path) -> None:
    """A result saved in the store is listed, reopened with its KPIs and bands, and an unknown
    id is a 404."""
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.api import create_app
    from chipshock.scenarios import load_scenario
    from chipshock.sim.run.store import save_result

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    empty = AsgiClient(create_app(store))
    assert empty.get("/api/results").json()["rows"] == []
    empty.close()
    result = sim.run(load_scenario("korea-conflict"), sim.load_model_data(store), runs=10, seed=3)
    rid = save_result(store, result, "korea test")
    api = AsgiClient(create_app(store))
    try:
        rows = api.get("/api/results").json()["rows"]
        assert [(r["result_id"], r["name"], r["runs"]) for r in rows] == [(rid, "korea test", 10)]
        body = api.get(f"/api/results/{rid}").json()
        assert body["result"]["scenario_id"] == "korea-conflict"
        assert {r["series"] for r in body["bands"]} <= {
            "output_pct_of_normal",
            "delivered_pct_of_demand",
            "supply_pct_of_demand",
        }
        assert any(r["kpi"] == "loss_usd_bn" for r in body["kpis"])
        missing = api.get("/api/results/nope")
        assert missing.status_code == 404 and missing.json()["field"] == "result_id"
    finally:
        api.close()


def _saved_korea(tmp_path: Path, built_store: Path) -> tuple[Path, Any, str]:
    """A copy of the built store with a 5-run korea-conflict result saved as "korea test":
    (the store, its data release, the result's id)."""
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.analysis.registry import DataRelease
    from chipshock.data.store import load_table
    from chipshock.scenarios import load_scenario
    from chipshock.sim.run.store import save_result

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    release = DataRelease.from_meta(load_table(store, "meta"))
    result = sim.run(load_scenario("korea-conflict"), sim.load_model_data(store), runs=5, seed=3)
    return store, release, save_result(store, result, "korea test")


def test_saved_results_carry_the_data_release(tmp_path: Path, built_store: Path) -> None:
    """`/api/results` and `/api/results/{id}` name the store's data release and its date in
    ``meta`` (``as_of`` was null): the release `chipshock data info` shows (review finding 6)."""
    from chipshock.api import create_app

    store, release, rid = _saved_korea(tmp_path, built_store)
    api = AsgiClient(create_app(store))
    try:
        for url in ("/api/results", f"/api/results/{rid}"):
            meta = api.get(url).json()["meta"]
            assert (meta["data_release"], meta["data_release_date"], meta["as_of"]) == (
                release.number,
                release.date,
                release.date,
            ), url
            assert f"data release {release.number} as of {release.date}" in meta["source"]
        ran = api.post("/api/scenarios/run", json={"scenario": "korea-conflict", "runs": 5})
        assert ran.json()["meta"]["data_release"] == release.number
    finally:
        api.close()


def test_a_saved_result_keeps_its_release_after_the_store_moves_on(
    tmp_path: Path, built_store: Path
) -> None:
    """After the store is rebuilt to another release, `/api/results/{id}` still names the
    release the result was computed from, as `chipshock results show` does, and the list
    gives each row its own; the list's meta stays the store's, with a note."""
    import duckdb

    from chipshock.api import create_app

    store, release, rid = _saved_korea(tmp_path, built_store)
    con = duckdb.connect(str(store))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'data_release'")
    con.close()
    api = AsgiClient(create_app(store))
    try:
        one = api.get(f"/api/results/{rid}").json()
        assert one["meta"]["data_release"] == release.number and "note" not in one["meta"]
        assert one["result"]["data_release"] == release.number
        listed = api.get("/api/results").json()
        assert listed["meta"]["data_release"] == "99" and "own" in listed["meta"]["note"]
        assert [r["data_release"] for r in listed["rows"]] == [release.number]
    finally:
        api.close()


def test_saved_result_shows_the_utilisation_of_its_run(tmp_path: Path, built_store: Path) -> None:
    """A reopened result carries the per-producer utilisation its run gave (the same rows, in
    the same order, as the scenario API's answer for that request); a result saved without
    utilisation rows (an older store) gives an empty table, not an error."""
    duckdb = pytest.importorskip("duckdb")
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.api import create_app
    from chipshock.scenarios import load_scenario
    from chipshock.sim.run.store import save_result

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    scenario = load_scenario("taiwan-blockade-2027-6m")
    result = sim.run(scenario, sim.load_model_data(store), runs=6, seed=11)
    rid = save_result(store, result, "flagship")
    api = AsgiClient(create_app(store))
    try:
        ran = api.post(
            "/api/scenarios/run",
            json={"scenario": "taiwan-blockade-2027-6m", "runs": 6, "seed": 11},
        ).json()
        body = api.get(f"/api/results/{rid}").json()
        assert len(body["utilisation"]) == len(result.utilisation) > 0
        assert body["utilisation"] == ran["utilisation"]
        # the same meta, but the exemption note: a saved result keeps no record of the inputs
        # its shocks reached (its assumptions are not saved), so it carries none (null)
        notes = ("exemption_note", "exemption_note_ja")
        saved_meta, run_meta = body["utilisation_meta"], dict(ran["utilisation_meta"])
        assert run_meta["exemption_note"] and all(saved_meta.pop(k) is None for k in notes)
        # nor each class's normal utilisation of the year (release 20, util21: read from the
        # run's assumptions table), so its class_utilisation is empty
        assert saved_meta.pop("class_utilisation") == [] and run_meta.pop("class_utilisation")
        assert saved_meta == {k: v for k, v in run_meta.items() if k not in notes}
        con = duckdb.connect(str(store))
        try:  # as a store written before utilisation was saved
            con.execute("DELETE FROM result_utilisation WHERE result_id = ?", [rid])
        finally:
            con.close()
        old = api.get(f"/api/results/{rid}")
        assert old.status_code == 200
        assert old.json()["utilisation"] == [] and old.json()["utilisation_meta"] is None
        assert old.json()["kpis"] == body["kpis"]
    finally:
        api.close()


def test_japanese_names_beside_the_english(api: AsgiClient) -> None:
    """Every input of the catalogue, every chokepoint and trace carry their Japanese name; the
    full table is at /api/names/ja."""
    rows = api.get("/api/explorer/inputs").json()["rows"]
    assert all(r["name_ja"] and r["name_ja"] != r["name"] for r in rows if r["input_id"] != "N3")
    euv = next(r for r in rows if r["input_id"] == "N20")
    assert euv["name_ja"] == "EUV露光装置"
    choke = api.get("/api/chokepoints?min_share=50").json()["rows"]
    assert all(r["input_name_ja"] for r in choke)
    trace = api.get("/api/trace/N20").json()
    assert trace["input_name_ja"] == "EUV露光装置"
    assert all("input_name_ja" in r for r in trace["downstream"])
    stages = api.get("/api/shares/stages").json()["rows"]
    assert {r["stage_name_ja"] for r in stages} >= {"設計"}
    names = api.get("/api/names/ja").json()
    assert names["inputs"]["N31"] == "フォトレジスト" and names["stages"]["S1"] == "設計"


def test_sobol_estimate_is_the_work_the_job_would_do(api: AsgiClient) -> None:
    """The estimate counts samples x (factors + 3) evaluations, with the runs per evaluation
    capped by the server's max_runs (200 here) as the job caps them; nothing is run."""
    pytest.importorskip("chipshock.sim")
    from chipshock.sim.sensitivity import default_factors

    k = len(default_factors())
    body = api.get("/api/estimate/sobol?samples=4&runs=10").json()
    assert body["factors"] == k and body["evaluations"] == 4 * (k + 3)
    assert body["runs_per_evaluation"] == max(1, min(10, 200 // (4 * (k + 3))))
    assert body["runs"] == body["evaluations"] * body["runs_per_evaluation"]
    assert api.get("/api/estimate/sobol?samples=2").status_code == 422


def test_a_saved_result_is_reopened_by_name_as_the_cli_does(
    tmp_path: Path, built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`GET /api/results/NAME` answers as `chipshock results show NAME`: the latest result saved
    under that name (a name with a space too), not a 404; an unknown name stays a 404."""
    import json
    from urllib.parse import quote

    sim = pytest.importorskip("chipshock.sim")
    from chipshock.api import create_app
    from chipshock.cli.main import main
    from chipshock.scenarios import load_scenario
    from chipshock.sim.run.store import save_result

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    data = sim.load_model_data(store)
    save_result(store, sim.run(load_scenario("korea-conflict"), data, runs=4, seed=1), "my run")
    time.sleep(0.01)  # a later created_at
    latest = save_result(
        store, sim.run(load_scenario("japan-earthquake"), data, runs=4, seed=2), "my run"
    )
    assert main(["results", "show", "my run", "--db", str(store), "-f", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    api = AsgiClient(create_app(store))
    try:
        body = api.get(f"/api/results/{quote('my run')}").json()
        assert body["result"]["result_id"] == latest == shown["result_id"]
        assert body["result"]["scenario_id"] == "japan-earthquake" == shown["scenario_id"]
        assert body["params"] == {"result_id": latest}
        missing = api.get("/api/results/no%20such%20name")
        assert missing.status_code == 404 and missing.json()["field"] == "result_id"
    finally:
        api.close()


def test_a_job_has_its_own_longer_time_budget(make_client: Any) -> None:
    """A background job (the dashboard's runs and comparisons: progress shown, cancellable)
    runs under ``job_time_budget_s``, not the request budget: with a request budget of 0.05 s
    the same run answers 504 directly but finishes as a job (review 3, finding 6: the
    dashboard's 1,000-run comparison hit the 30 s request budget on a busy host); a job over
    its own budget fails with the budget named. /api/health reports both budgets."""
    pytest.importorskip("chipshock.sim")
    req = {"scenario": "korea-conflict", "runs": 400, "seed": 5}
    api = make_client(max_runs=1000, time_budget_s=0.05, job_time_budget_s=600.0)
    assert api.get("/api/health").json()["job_time_budget_s"] == 600.0
    assert api.post("/api/scenarios/run", json=req).status_code == 504
    job = _wait(api, api.post("/api/jobs/run", json=req).json()["job_id"])
    assert job["done"] == job["total"] == 400
    tight = make_client(max_runs=1000, time_budget_s=0.05, job_time_budget_s=0.05)
    failed = _wait(tight, tight.post("/api/jobs/run", json=req).json()["job_id"], ("failed",))
    assert "time budget" in failed["error"]["detail"]
    # a job is not told to start a job: fewer runs, or a longer job budget
    assert (
        "--job-time-budget" in failed["error"]["detail"]
        and "/api/jobs" not in (failed["error"]["detail"])
    )
    assert "--job-time-budget" in failed["error"]["detail_ja"]
    default = make_client(time_budget_s=30.0)
    assert default.get("/api/health").json()["job_time_budget_s"] == 300.0
