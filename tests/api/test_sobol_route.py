"""`POST /api/scenarios/sensitivity/sobol`: indices, tidy rows, reading, caps and validation."""

from __future__ import annotations

import dataclasses

import pytest

from chipshock.api import routes_sobol
from chipshock.api.routes_sobol import sobol_runs

from .conftest import AsgiClient

FLAGSHIP = "taiwan-blockade-2027-6m"
URL = "/api/scenarios/sensitivity/sobol"


def test_indices_tidy_rows_and_reading(make_client: object) -> None:
    """Rows sorted by total index with sources, tidy rows in %, a reading in both languages
    (a generous time budget: 16 engine preparations on a busy machine must not turn into 504)."""
    client = make_client(max_runs=200, time_budget_s=1800.0)  # type: ignore[operator]
    payload = {"scenario": FLAGSHIP, "runs": 2, "seed": 4, "samples": 4, "lang": "ja",
               "factors": ["shock_duration", "utilisation"]}  # fmt: skip
    r = client.post(URL, json=payload)
    assert r.status_code == 200, r.text
    body = r.json()
    rows = body["rows"]
    assert rows[0]["ST"] >= rows[1]["ST"]
    duration = next(row for row in rows if row["factor"] == "shock_duration")
    assert (duration["low_value"], duration["high_value"]) == (4.0, 78.0)
    assert "taiwan_blockade_duration" in duration["source"]
    assert duration["unit"] == "weeks"
    tidy = {t["factor"]: t for t in body["tidy"]}
    assert tidy["utilisation"]["unit"] == "multiplier"
    assert tidy["utilisation"]["range_source"] == "sensitivity_factors.csv: utilisation"
    assert body["params"]["samples_needed"] >= 4
    assert body["tidy"][0]["total_pct"] == pytest.approx(100 * rows[0]["ST"])  # not rounded
    assert "分散" in body["reading"] or "変わりません" in body["reading"]
    assert body["reading_text"]["en"]
    assert body["params"]["evaluations"] == 4 * (2 + 3)
    assert body["params"]["total_runs"] == 20 * 2
    assert "SALib" in body["meta"]["source"]


def test_runs_per_evaluation_are_capped_to_the_budget(make_client: object) -> None:
    """With max_runs=40 and 20 design points, 20 runs become 2 per point, said in meta."""
    client = make_client(max_runs=40, time_budget_s=1800.0)  # type: ignore[operator]
    r = client.post(URL, json={"scenario": FLAGSHIP, "runs": 20, "samples": 4,
                               "factors": ["utilisation", "complementarity"]})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["params"]["runs"], body["params"]["runs_requested"]) == (2, 20)
    assert "2 runs per evaluation instead of 20" in body["meta"]["note"]


def test_design_larger_than_the_budget_is_refused_naming_the_largest(
    make_client: object,
) -> None:
    """max_runs=40, two factors: 5 design points per base point, so 8 base points (40 runs at
    one each) fit and 16 (80) do not: 422 naming samples, the value and the largest allowed."""
    client = make_client(max_runs=40, time_budget_s=1800.0)  # type: ignore[operator]
    body = {"scenario": FLAGSHIP, "runs": 1, "factors": ["utilisation", "complementarity"]}
    r = client.post(URL, json={**body, "samples": 16})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "samples" in detail and "16" in detail and "at most 8 base points" in detail
    assert "--max-runs (40)" in detail


def test_refusal_counts_the_work_once(make_client: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal above --max-runs derives the design points per base point from the work it
    has counted (one count per request), and still names the largest number of base points."""
    counted: list[int] = []
    sobol = routes_sobol.SOBOL

    def work(req: routes_sobol.SobolRequest, n_factors: int) -> int:
        counted.append(n_factors)
        return sobol.work(req, n_factors)

    monkeypatch.setattr(routes_sobol, "SOBOL", dataclasses.replace(sobol, work=work))
    client = make_client(max_runs=40, time_budget_s=1800.0)  # type: ignore[operator]
    body = {"scenario": FLAGSHIP, "runs": 1, "factors": ["utilisation", "complementarity"]}
    r = client.post(URL, json={**body, "samples": 16})
    assert r.status_code == 422, r.text
    assert "at most 8 base points" in r.json()["detail"]
    assert counted == [2]


def test_sobol_runs_rule() -> None:
    """Default 1 per design point; never more than max_runs // points, never below 1."""
    assert sobol_runs(5000, None, 160) == 1
    assert sobol_runs(5000, 20, 160) == 20
    assert sobol_runs(200, None, 160) == 1
    assert sobol_runs(1000, 3, 100) == 3


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"samples": 6}, "samples"), ({"samples": 1000}, "samples"), ({"kpi": "joy"}, "kpi")],
)
def test_bad_requests_name_the_field(api: AsgiClient, extra: dict[str, object], field: str) -> None:
    """A sample size that is not a power of two or out of range, or a bad KPI: 422 naming it."""
    r = api.post(URL, json={"scenario": FLAGSHIP, "runs": 1, "samples": 4,
                            "factors": ["utilisation", "complementarity"], **extra})  # fmt: skip
    assert r.status_code == 422, r.text
    assert field in r.json()["detail"]


def test_sobol_as_a_job_gives_the_direct_answer_with_chart_and_stability(
    make_client: object,
) -> None:
    """``POST /api/jobs/sobol`` reports progress and ends with the very bytes of the direct
    route; the body carries the chart (first-order and total index per assumption, in both
    languages, as the report draws it) and the stability note."""
    import time

    client = make_client(max_runs=200, time_budget_s=1800.0)  # type: ignore[operator]
    payload = {"scenario": FLAGSHIP, "runs": 2, "seed": 4, "samples": 4,
               "factors": ["shock_duration", "utilisation"]}  # fmt: skip
    started = client.post("/api/jobs/sobol", json=payload)
    assert started.status_code == 202, started.text
    job_id = started.json()["job_id"]
    status = started.json()
    while status["status"] == "running":
        time.sleep(0.2)
        status = client.get(f"/api/jobs/{job_id}").json()
    assert status["status"] == "done", status
    assert status["done"] == status["total"] == 4 * (2 + 3) * 2
    via_job = client.get(f"/api/jobs/{job_id}/result")
    direct = client.post(URL, json=payload)
    assert via_job.content == direct.content
    body = direct.json()
    for lang in ("en", "ja"):
        spec = body["charts"][lang]
        names = {r["series"] for rows in spec["datasets"].values() for r in rows if "series" in r}
        assert len(names) == 2  # alone and with interactions
        assert spec["config"]["axis"]["labelFontSize"] >= 11 and spec["description"]
    converged = body["params"]["converged"]
    assert ("Stable" if converged else "Not yet stable") in body["convergence_text"]["en"]


@pytest.mark.parametrize("route", [URL, "/api/jobs/sobol"])
def test_one_factor_is_refused_before_any_work(api: AsgiClient, route: str) -> None:
    """Sobol needs two factors: one was accepted as a job (202) and failed inside it, its
    expected text marked （英語）; now both routes refuse it at once, in both languages (the
    tornado takes one factor: tests/api/test_sensitivity_route)."""
    body = {"scenario": FLAGSHIP, "runs": 1, "samples": 4, "factors": ["utilisation"]}
    r = api.post(route, json=body)
    assert r.status_code == 422, r.text
    (problem,) = r.json()["problems"]
    assert (problem["field"], problem["value"], problem["expected"]) == (
        "factors",
        "1",
        "at least 2",
    )
    assert problem["expected_ja"] == "2 以上" and "英語" not in r.json()["detail_ja"]
    assert "too few factors for sobol" in r.json()["detail"]
