"""The alliance fabs on the dashboard are the fabs the model uses: capacity and first year from
fab_capacity.csv (as the report says them), not fabs.csv's headline start year and capacity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from tests.web.conftest import Watched

import chipshock.sim as sim
from chipshock.api import create_app
from chipshock.report.assumptions import fab_lines


@pytest.fixture(scope="module")
def api(built_store: Path) -> Any:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=60.0))
    yield client
    client.close()


def _fabs(api: AsgiClient) -> dict[str, dict[str, Any]]:
    body = api.get("/api/capacity/buildout").json()
    return {f["fab_id"]: f for f in body["fabs"]}


def test_buildout_fabs_follow_fab_capacity(api: AsgiClient) -> None:
    """JASM Fab 2 produces from 2028 (15k, then 45k in 2029), not fabs.csv's 2027; TSMC Arizona
    P1 and Rapidus have capacity; every fab cites its fab_capacity.csv sources."""
    fabs = _fabs(api)
    jasm2 = fabs["jasm-kumamoto-fab2"]
    assert jasm2["first_year"] == 2028
    assert jasm2["steps"][:2] == [
        {"year": 2028, "capacity_wspm": 15000.0},
        {"year": 2029, "capacity_wspm": 45000.0},
    ]
    assert jasm2["peak_wspm"] == 45000.0
    for fab_id in ("tsmc-arizona-p1", "rapidus-iim1"):
        assert fabs[fab_id]["peak_wspm"] > 0 and fabs[fab_id]["first_year"] is not None
    assert all(f["sources"] and f["sources"][0]["url"].startswith("http") for f in fabs.values())


def test_buildout_fabs_agree_with_the_report(api: AsgiClient, built_store: Path) -> None:
    """The report's assumption line of each alliance fab has the API's first year and peak."""
    fabs = _fabs(api)
    years = api.get("/api/capacity/buildout").json()["params"]["years"]
    data = sim.load_model_data(built_store)
    lines = fab_lines(list(fabs), data, "en", (years[0], years[-1]))
    for fab, line in zip(fabs.values(), lines, strict=True):
        assert f"up to {fab['peak_wspm']:,.0f} wafers" in line, line
        assert (
            f"producing from {fab['first_year']})" in line
            or f"a pilot line from {fab['first_year']}, volume from" in line  # Rapidus
        ), line


@pytest.mark.browser
def test_dashboard_shows_the_model_capacity(browser_page: Watched, server: str) -> None:
    """The Capacity view's fab table gives JASM Fab 2's first year 2028 and its steps, and a
    source link per fab_capacity.csv source."""
    page = browser_page.page
    page.goto(f"{server}/?lang=en#capacity")
    page.wait_for_selector("#cap-fabs tbody tr", timeout=30_000)
    rows = page.eval_on_selector_all(
        "#cap-fabs tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(td => td.textContent.trim()))",
    )
    jasm2 = next(r for r in rows if r[0] == "JASM Kumamoto Fab 2")
    assert jasm2[4] == "2028"
    assert jasm2[5].startswith("2028: 15,000 · 2029: 45,000")
    assert "not published" not in " ".join(" ".join(r) for r in rows)
    links = page.eval_on_selector_all("#cap-fabs tbody tr td:last-child a", "as => as.length")
    assert links >= len(rows)
    assert browser_page.errors == []
