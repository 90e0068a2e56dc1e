"""A Sobol job with options the engine refuses (an unknown KPI or market, samples that are not a
power of two) is refused at once with the direct request's 422 (auw33: it was accepted with 202,
then failed)."""

from __future__ import annotations

import pytest

from .conftest import AsgiClient

BASE = {"scenario": "korea-conflict", "runs": 1, "factors": ["shock_duration", "utilisation"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kpi": "nope"}, "kpi"), ({"market": "nope"}, "market"), ({"samples": 5}, "samples")],
)
def test_a_sobol_job_with_bad_options_is_refused_at_once(
    api: AsgiClient, change: dict[str, object], field: str
) -> None:
    """POST /api/jobs/sobol answers 422 naming the field, the body of the direct request's."""
    pytest.importorskip("chipshock.sim")
    body = {**BASE, "samples": 4, **change}
    job = api.post("/api/jobs/sobol", json=body)
    assert job.status_code == 422, job.text
    direct = api.post("/api/scenarios/sensitivity/sobol", json=body)
    assert direct.status_code == 422
    assert job.json() == direct.json()
    assert job.json()["field"] == field and job.json()["problems"][0]["expected"]


def test_the_tornado_refuses_an_unknown_kpi_before_it_runs(api: AsgiClient) -> None:
    """POST /api/scenarios/sensitivity with kpi 'nope': 422 naming kpi and the KPIs it takes."""
    pytest.importorskip("chipshock.sim")
    r = api.post("/api/scenarios/sensitivity", json={**BASE, "kpi": "nope"})
    assert r.status_code == 422 and r.json()["field"] == "kpi"
    assert "loss_usd_bn" in r.json()["problems"][0]["expected"]
