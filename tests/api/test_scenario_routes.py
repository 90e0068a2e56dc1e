"""Scenario routes: capacity, list, show, run, compare; run caps and time budget."""

from __future__ import annotations

import threading
import time

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.runner import Runner, RunTimeout

pytest.importorskip("chipshock.sim")
pytest.importorskip("chipshock.scenarios")

FLAGSHIP = "taiwan-blockade-2027-6m"


def test_capacity_by_year(api: AsgiClient) -> None:
    """Capacity answers per year with source metadata; switching a fab off is accepted."""
    r = api.get("/api/capacity?years=2026&years=2030")
    assert r.status_code == 200, r.text
    assert r.json()["rows"] and r.json()["meta"]["source"]
    assert api.get("/api/capacity?years=2030&fabs_off=rapidus-iim1").status_code == 200


def test_capacity_bad_requests(api: AsgiClient) -> None:
    """Unknown fabs answer 404 and impossible years 422, both naming the field."""
    r = api.get("/api/capacity?fabs_off=no-such-fab")
    assert r.status_code == 404 and r.json()["field"] == "fabs_off"
    r = api.get("/api/capacity?years=1800")
    assert r.status_code == 422 and r.json()["field"] == "years"


def test_capacity_takes_the_years_every_command_takes(api: AsgiClient) -> None:
    """The model's years, 2022–2040, as `chipshock capacity --year` and `fabs --capacity-in`
    say them: 1999 (accepted before, as 2000–2100 was) and 2041 are refused, 2040 is not."""
    for year in (1999, 2041):
        r = api.get(f"/api/capacity?years={year}")
        assert r.status_code == 422
        assert r.json()["detail"] == (
            f"years: year out of range (got '{year}'; expected a year 2022–2040, the years of "
            "capacity and of scenario horizons)"
        )
    assert api.get("/api/capacity?years=2040").status_code == 200


def test_scenario_list_and_show(api: AsgiClient) -> None:
    """The built-in library is listed with Japanese titles; one scenario shows its shocks."""
    rows = api.get("/api/scenarios").json()["rows"]
    ids = {r["scenario_id"] for r in rows}
    assert {"baseline", FLAGSHIP, "taiwan-blockade-2027-6m-no-alliance-fabs"} <= ids
    assert all(r["title"] for r in rows)
    body = api.get(f"/api/scenarios/{FLAGSHIP}").json()
    assert body["scenario"]["scenario_id"] == FLAGSHIP
    assert body["scenario"]["shocks"]


def test_scenario_list_gives_the_run_limit(api: AsgiClient) -> None:
    """The list says the most runs a request may ask for (the dashboard shows it beside its run
    fields): the server's --max-runs (200 here); one more is refused naming the field."""
    assert api.get("/api/scenarios").json()["params"]["max_runs"] == 200
    refused = api.post("/api/scenarios/compare", json={"scenario": "baseline", "runs": 201})
    assert refused.status_code == 422 and "runs" in refused.json()["detail"]


def test_unknown_scenario_is_404(api: AsgiClient) -> None:
    """An unknown scenario id answers 404 with a suggestion; file paths are never read."""
    r = api.get("/api/scenarios/taiwan-blockade")
    assert r.status_code == 404 and "unknown scenario" in r.json()["detail"]
    r = api.post("/api/scenarios/run", json={"scenario": "/etc/passwd"})
    assert r.status_code == 404 and "did you mean" not in r.json()["detail"]
    # a typing slip gets the CLI's suggestion, in both languages (session 30's audit)
    r = api.post("/api/scenarios/run", json={"scenario": "taiwan-blokade-2027-6m"})
    body = r.json()
    assert r.status_code == 404, body
    assert "unknown scenario; did you mean 'taiwan-blockade-2027-6m'?" in body["detail"]
    assert body["problems"][0]["code"] == "unknown"
    assert "taiwan-blockade-2027-6m" in body["detail_ja"].split("候補")[1]


def test_run_returns_bands_kpis_assumptions_and_summaries(api: AsgiClient) -> None:
    """A run answers bands (p5 ≤ p50 ≤ p95), KPIs, sourced assumptions and en/ja summaries."""
    r = api.post(
        "/api/scenarios/run",
        json={
            "scenario": FLAGSHIP,
            "runs": 50,
            "seed": 1,
            "start_year": 2028,
            "duration_weeks": 13,
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["params"]["runs"] == 50
    series = {b["series"] for b in body["bands"]}
    assert {"output_pct_of_normal", "supply_pct_of_demand", "delivered_pct_of_demand"} <= series
    assert all(b["p5"] <= b["p50"] + 1e-9 <= b["p95"] + 2e-9 for b in body["bands"])
    assert body["kpis"] and body["assumptions"]
    assert all(a["source_url"] for a in body["assumptions"] if a["file"] != "scenario")
    assert body["meta"]["as_of"]
    assert body["summary_text"]["en"].startswith("Taiwan")
    assert "。" in body["summary_text"]["ja"]


def test_alliance_fabs_switch_changes_the_result(api: AsgiClient) -> None:
    """Switching the alliance fabs off never lowers the loss (same seed, same draws)."""

    def loss(alliance: bool) -> float:
        body = api.post(
            "/api/scenarios/run",
            json={"scenario": FLAGSHIP, "runs": 50, "seed": 3, "alliance_fabs": alliance},
        ).json()
        row = next(k for k in body["kpis"] if k["market"] == "all" and "loss" in k["kpi"])
        return float(row["p50"])

    assert loss(False) >= loss(True)


def _loss(api: AsgiClient, **request: object) -> float:
    body = api.post("/api/scenarios/run", json={"runs": 40, "seed": 3, **request}).json()
    row = next(k for k in body["kpis"] if k["market"] == "all" and k["kpi"] == "loss_usd_bn")
    return float(row["p50"])


def test_omitted_fields_keep_the_scenarios_own_values(api: AsgiClient) -> None:
    """Regression (dashboard bug): a request that names only the scenario runs it as written.
    The no-alliance counterfactual keeps its fabs off unless `alliance_fabs` is sent, and the
    twelve-month blockade keeps its twelve months unless `duration_weeks` is sent."""
    counterfactual = "taiwan-blockade-2027-6m-no-alliance-fabs"
    without = _loss(api, scenario=counterfactual)
    assert without > _loss(api, scenario=FLAGSHIP)
    assert _loss(api, scenario=counterfactual, alliance_fabs=True) == _loss(api, scenario=FLAGSHIP)
    assert _loss(api, scenario=counterfactual, alliance_fabs=False) == without
    twelve = "taiwan-blockade-2027-12m"
    assert _loss(api, scenario=twelve) > _loss(api, scenario=twelve, duration_weeks=26)
    rows = {r["scenario_id"]: r for r in api.get("/api/scenarios").json()["rows"]}
    assert rows[counterfactual]["alliance_fabs"] is False and rows[FLAGSHIP]["alliance_fabs"]
    assert rows[FLAGSHIP]["duration_weeks"] == 26 and rows[twelve]["duration_weeks"] == 52


def test_compare_defaults_to_without_alliance_fabs(api: AsgiClient) -> None:
    """Compare without `other` runs the scenario without, then with the alliance fabs, so that
    the output lost avoided (headline) is what the fabs avoid: positive."""
    r = api.post("/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": 40, "seed": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["delta"] and body["a"]["kpis"] and body["b"]["kpis"]
    assert "without the alliance fabs" in body["labels"]["en"][0]
    assert "with the alliance fabs" in body["labels"]["en"][1]
    assert body["headline"]["output_lost_weeks_avoided"]["p50"] > 0
    # each side as the comparison view uses it: the weekly bands are drawn from the charts
    assert "bands" not in body["a"] and "bands" not in body["b"]
    assert {"a.output", "b.output", "a.supply", "b.supply"} <= set(body["charts"]["en"])
    assert body["a"]["utilisation"] and body["b"]["utilisation_meta"]["as_of"]
    assert "日米連携の新工場なし" in body["summary_text"]["ja"]
    assert body["meta"]["source"]


def test_compare_with_another_scenario(api: AsgiClient) -> None:
    """Compare with an explicit `other` names both scenarios."""
    r = api.post(
        "/api/scenarios/compare",
        json={"scenario": "baseline", "other": FLAGSHIP, "runs": 20, "seed": 2},
    )
    assert r.status_code == 200, r.text
    assert r.json()["scenario_b"]["scenario_id"] == FLAGSHIP


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"scenario": FLAGSHIP, "runs": 201}, "runs"),
        ({"scenario": FLAGSHIP, "runs": 0}, "runs"),
        ({"scenario": FLAGSHIP, "start_year": 1990}, "start_year"),
        ({"scenario": FLAGSHIP, "duration_weeks": -1}, "duration_weeks"),
        ({"scenario": FLAGSHIP, "colour": "red"}, "colour"),
        ({"runs": 10}, "scenario"),
        ({"scenario": FLAGSHIP, "fabs_off": ["no-such-fab"]}, "fabs_off"),
    ],
)
def test_bad_run_requests_name_the_field(
    api: AsgiClient, payload: dict[str, object], field: str
) -> None:
    """Invalid run requests answer 422 (404 for unknown fabs) naming the field."""
    r = api.post("/api/scenarios/run", json=payload)
    assert r.status_code in (404, 422), r.text
    assert field in r.json()["detail"]


def test_runs_are_capped_by_configuration(make_client: object) -> None:
    """A server with max_runs=30 refuses 31 runs and caps a scenario's default to 30."""
    client = make_client(max_runs=30)  # type: ignore[operator]
    r = client.post("/api/scenarios/run", json={"scenario": "baseline", "runs": 31})
    assert r.status_code == 422 and "at most 30" in r.json()["detail"]
    r = client.post("/api/scenarios/run", json={"scenario": "baseline"})
    assert r.status_code == 200 and r.json()["params"]["runs"] == 30


def test_run_over_time_budget_stops_with_504(make_client: object) -> None:
    """A run over the time budget answers 504 with a clear message; the server still answers."""
    client = make_client(max_runs=5000, time_budget_s=0.05)  # type: ignore[operator]
    r = client.post(
        "/api/scenarios/run", json={"scenario": "taiwan-blockade-2027-12m", "runs": 5000, "seed": 9}
    )
    assert r.status_code == 504, r.text
    assert "time budget" in r.json()["detail"]
    # what to do next (session 30's audit: "ask for fewer runs" gave other numbers than the
    # CLI's and did not name the job routes, which answer the same request)
    assert "as a job (POST /api/jobs/run" in r.json()["detail"]
    assert "ジョブとして送ってください（POST /api/jobs/run" in r.json()["detail_ja"]
    assert client.get("/api/health").status_code == 200


def test_runner_stops_a_job_between_chunks() -> None:
    """The progress callback raises once the deadline passes, so the worker thread ends."""
    runner = Runner(workers=1, grace_s=5.0)
    finished = threading.Event()

    def job(progress: object) -> None:
        try:
            while True:
                progress()  # type: ignore[operator]
                time.sleep(0.005)
        finally:
            finished.set()

    with pytest.raises(RunTimeout, match="time budget"):
        runner.run(job, budget_s=0.05)
    assert finished.wait(5.0)
    runner.shutdown()


def test_runner_gives_up_on_a_job_that_never_reports() -> None:
    """A job that never calls progress is abandoned after budget + grace with RunTimeout."""
    runner = Runner(workers=1, grace_s=0.05)
    release = threading.Event()
    with pytest.raises(RunTimeout, match="told to stop"):
        runner.run(lambda _progress: release.wait(5.0), budget_s=0.05)
    release.set()
    runner.shutdown()


def test_runner_keeps_the_jobs_own_timeout() -> None:
    """A job stopped by its own deadline check reports that (not "did not finish"), and a job
    failing with some other TimeoutError (a socket timeout) keeps its error: on Python 3.11+
    concurrent.futures.TimeoutError is the builtin TimeoutError, and the runner used to catch
    and rewrite both as its own give-up."""
    runner = Runner(workers=1, grace_s=5.0)

    def stopped(progress: object) -> None:
        while True:
            progress()  # type: ignore[operator]
            time.sleep(0.005)

    with pytest.raises(RunTimeout) as stopped_info:
        runner.run(stopped, budget_s=0.05)
    assert "was stopped" in str(stopped_info.value)
    assert "told to stop" not in str(stopped_info.value)

    def socket_timeout(_progress: object) -> None:
        raise TimeoutError("read timed out talking to the store")

    with pytest.raises(TimeoutError, match="read timed out") as other_info:
        runner.run(socket_timeout, budget_s=30.0)
    assert not isinstance(other_info.value, RunTimeout)
    runner.shutdown()


def test_start_year_follows_the_scenarios_data_window_as_on_the_cli(api: object) -> None:
    """The API takes the start years the CLI takes (the scenario's horizon within the years
    the data covers: 2023-2037 for the 2027 blockade) and refuses the others with the CLI's
    message, not a fixed 2025-2035 (review 3, finding 14)."""
    client = api  # the shared client of tests/api/conftest.py
    ok = client.post(  # type: ignore[attr-defined]
        "/api/scenarios/run",
        json={"scenario": "taiwan-blockade-2027-6m", "start_year": 2036, "runs": 2},
    )
    assert ok.status_code == 200, ok.text
    bad = client.post(  # type: ignore[attr-defined]
        "/api/scenarios/run",
        json={"scenario": "taiwan-blockade-2027-6m", "start_year": 2038, "runs": 2},
    )
    assert bad.status_code == 422
    assert "this scenario allows 2023–2037" in bad.text and "start_year" in bad.text


def test_unknown_fab_suggests_the_close_ids_as_the_cli_does(api: object) -> None:
    """``fabs_off: ["rapidus-iim2"]`` answers 404 naming the field and suggesting rapidus-iim1,
    as `chipshock scenario run --fabs-off rapidus-iim2` does (review 3, finding 14)."""
    r = api.post(  # type: ignore[attr-defined]
        "/api/scenarios/run",
        json={"scenario": "taiwan-blockade-2027-6m", "fabs_off": ["rapidus-iim2"], "runs": 2},
    )
    assert r.status_code == 404 and r.json()["field"] == "fabs_off"
    assert "did you mean rapidus-iim1" in r.json()["detail"]


@pytest.mark.parametrize(
    ("field", "fab", "why"),
    [
        ("fabs_on", "intel-magdeburg", "is cancelled in fabs.csv and has no fab_capacity.csv row"),
        ("fabs_off", "kioxia-kitakami-k2", "has no fab_capacity.csv row"),
    ],
)
def test_switching_a_fab_without_capacity_is_refused(
    api: AsgiClient, field: str, fab: str, why: str
) -> None:
    """``fabs_on: ["intel-magdeburg"]`` ran unchanged under the title "(changed: with
    intel-magdeburg)"; it is refused naming the field, the fab, why and the fix, as the CLI's
    ``--fabs-on`` (review 4, finding 5)."""
    r = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, field: [fab], "runs": 2})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["field"] == field and fab in body["detail"]
    assert f"no capacity in the model in 2026–2030 (it {why}" in body["detail"]
    assert (
        f'[[fab_override]] fab = "{fab}" with capacity_wspm, start_year and ramp_years'
        in body["detail"]
    )


def test_switching_on_a_fab_that_runs_already_is_refused(api: AsgiClient) -> None:
    """``fabs_on: ["jasm-kumamoto-fab1"]`` on the flagship ran the baseline's numbers under
    "(changed: with jasm-kumamoto-fab1)": a 422 naming the field, the fab, the years it runs
    and its capacity. On the counterfactual, which switches it off, the same request switches
    it back on (200, the title says so)."""
    fab = "jasm-kumamoto-fab1"
    r = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "fabs_on": [fab], "runs": 2})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["field"] == "fabs_on" and f"'{fab}'" in body["detail"]
    assert "already runs in the model in 2026–2030 (n10_22 32,500 wspm" in body["detail"]
    back = api.post(
        "/api/scenarios/run",
        json={"scenario": f"{FLAGSHIP}-no-alliance-fabs", "fabs_on": [fab], "runs": 2},
    )
    assert back.status_code == 200, back.text
    assert back.json()["scenario"]["title"].endswith(f"(changed: with {fab})")


def test_capacity_refuses_a_fab_switched_off_without_capacity(api: AsgiClient) -> None:
    """``/api/capacity?fabs_off=kioxia-kitakami-k2`` gave the same numbers under "fabs_off";
    refused as the run is (review 4, finding 5). TSMC Arizona phase 3 counts from 2029."""
    r = api.get("/api/capacity?years=2027&fabs_off=kioxia-kitakami-k2")
    assert r.status_code == 422 and r.json()["field"] == "fabs_off", r.text
    assert "no fab_capacity.csv row" in r.json()["detail"]
    r = api.get("/api/capacity?years=2026&years=2028&fabs_off=tsmc-arizona-p3")
    assert r.status_code == 422, r.text
    want = "in 2026, 2028 (its fab_capacity.csv rows give it capacity from 2029 only)"
    assert want in r.json()["detail"]
    assert api.get("/api/capacity?years=2030&fabs_off=tsmc-arizona-p3").status_code == 200


def test_no_loss_run_names_no_worst_market(api: AsgiClient) -> None:
    """The built-in baseline loses nothing: the run's summary gives ``worst_market`` null, not
    the first market of a tie at 0 (review 4 #8); the flagship names the market it hits."""
    body = api.post("/api/scenarios/run", json={"scenario": "baseline", "runs": 2}).json()
    assert body["summary"]["output_lost_weeks"]["p95"] == 0.0
    assert "worst_market" in body["summary"] and body["summary"]["worst_market"] is None
    hit = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": 2}).json()
    assert hit["summary"]["worst_market"] == "ai_datacenter"
