"""``"bands": "table"`` sends a run's weekly bands column by column: the same numbers, a much
smaller answer (apibands: the ten-year run's answer was 1.60 MB, mostly ``bands``)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api.chart_data import table_columns, table_rows

TEN_YEARS_RUNS = 20


def _ten_year_toml() -> str:
    """The flagship scenario's file stretched to ten years (2026-2035), as the bench's."""
    from chipshock.scenarios import builtin_text

    text = builtin_text("taiwan-blockade-2027-6m")
    stretched = text.replace("end_year = 2030", "end_year = 2035")
    assert stretched != text
    return stretched


def test_table_rows_undo_table_columns() -> None:
    """Strings as levels, runs of equal values as repeats, and back to the same rows."""
    rows = [
        {"week": w, "series": "output_pct_of_normal", "key": "all", "p50": 100.0 if w < 3 else 80.5}
        for w in range(6)
    ]
    table = table_columns(rows)
    assert table["length"] == 6
    assert table["columns"]["series"]["levels"] == ["output_pct_of_normal"]
    assert table["columns"]["p50"] == {"values": [100.0, 80.5], "repeats": [3, 3]}
    assert table_rows(table) == rows
    assert table_rows(table_columns([])) == []


def test_both_forms_carry_the_same_bands(api: AsgiClient) -> None:
    """A ten-year run asked for both ways: the table's rows are the rows, value for value, the
    rest of the answer is the same, and the answer is under half the size."""
    pytest.importorskip("chipshock.sim")
    body: dict[str, Any] = {"toml": _ten_year_toml(), "runs": TEN_YEARS_RUNS, "seed": 5}
    rows = api.post("/api/scenarios/run", json=body)
    table = api.post("/api/scenarios/run", json={**body, "bands": "table"})
    assert (rows.status_code, table.status_code) == (200, 200), table.text[:300]
    as_rows, as_table = rows.json(), table.json()
    assert (
        isinstance(as_rows["bands"], list) and len(as_rows["bands"]) == 520 * 18
    )  # weeks x series
    assert set(as_table["bands"]) == {"length", "columns"}
    assert table_rows(as_table["bands"]) == as_rows["bands"]
    assert as_table["params"]["bands"] == "table" and as_rows["params"]["bands"] == "rows"
    rest = {k: v for k, v in as_rows.items() if k not in ("bands", "params")}
    assert rest == {k: v for k, v in as_table.items() if k not in ("bands", "params")}
    assert len(table.content) < 0.5 * len(rows.content)


def test_the_job_route_takes_it_and_compare_does_not(api: AsgiClient) -> None:
    """``/api/jobs/run`` takes ``bands`` (the dashboard's runs go through it); a comparison has
    no bands to send, so ``bands`` there is an unknown field."""
    started = api.post(
        "/api/jobs/run", json={"scenario": "korea-conflict", "runs": 5, "bands": "table"}
    )
    assert started.status_code == 202, started.text
    refused = api.post(
        "/api/scenarios/compare", json={"scenario": "korea-conflict", "bands": "table"}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "bands"
    bad = api.post("/api/scenarios/run", json={"scenario": "korea-conflict", "bands": "columns"})
    assert bad.status_code == 422 and bad.json()["field"] == "bands"


def test_openapi_documents_the_field(api: AsgiClient) -> None:
    """The run's request model has ``bands`` with its two values; the answer's ``bands`` says
    what the table form is."""
    spec = api.get("/openapi.json").json()
    body = spec["paths"]["/api/scenarios/run"]["post"]["requestBody"]["content"]
    name = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    field = spec["components"]["schemas"][name]["properties"]["bands"]
    assert field["enum"] == ["rows", "table"] and field["default"] == "rows"
    answer = spec["components"]["schemas"]["ScenarioRunResponse"]["properties"]["bands"]
    assert "table_rows" in answer["description"]
