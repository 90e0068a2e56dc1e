"""A comparison's chart tables are sent once (`chipshock.api.chart_data`): pooled column by
column and restored to exactly the specs the report draws, at a fraction of the bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api import routes_scenarios
from chipshock.api.chart_data import pool_chart_data, restore_chart_data

FLAGSHIP = "taiwan-blockade-2027-6m"


def _band(names: list[str], p50: list[float]) -> list[dict[str, Any]]:
    return [
        {"name": n, "date": f"2027-01-{d:02d}", "p5": v - 1, "p50": v, "p95": v + 1}
        for n in names
        for d, v in zip((1, 8), p50, strict=True)
    ]


def test_pooled_specs_restore_exactly_with_each_column_once() -> None:
    """English and Japanese specs whose tables differ only in the series' names share their
    date and number columns; strings are sent as levels and indexes, long runs of one value as
    run-length; a table whose rows do not share their fields, and a spec with no tables, come
    back as they were."""
    ragged = [{"x": 1, "y": None}, {"x": 2}]
    flat = [{"week": w, "pct": 100.0 if w < 30 else 50.5} for w in range(40)]
    charts: dict[str, dict[str, dict[str, Any]]] = {
        "en": {
            "bands": {"mark": "line", "datasets": {"data-en": _band(["AI", "PCs"], [99.5, 80.0])}},
            "odd": {"datasets": {"data-odd": ragged}, "layer": []},
            "bare": {"mark": "bar", "data": {"values": [{"v": 1.0}]}},
            "flat": {"datasets": {"data-flat": flat}},
        },
        "ja": {
            "bands": {"mark": "line", "datasets": {"data-ja": _band(["AI", "PC"], [99.5, 80.0])}},
        },
    }
    pooled, data = pool_chart_data(charts)
    assert restore_chart_data(pooled, data) == charts
    assert pooled["en"]["bands"]["datasets"] == ["data-en"]
    assert pooled["en"]["bare"] == charts["en"]["bare"]
    assert data["datasets"]["data-odd"] == {"rows": ragged}
    en, ja = (data["datasets"][n]["columns"] for n in ("data-en", "data-ja"))
    assert {k: en[k] for k in ("date", "p5", "p50", "p95")} == {
        k: ja[k] for k in ("date", "p5", "p50", "p95")
    }
    assert en["name"] != ja["name"]
    pct = data["datasets"]["data-flat"]["columns"]["pct"]
    assert data["columns"][pct] == {"values": [100.0, 50.5], "repeats": [30, 10]}
    assert data["columns"][en["name"]] == {"levels": ["AI", "PCs"], "values": [0, 0, 1, 1]}
    assert data["columns"][en["p50"]] == {"values": [99.5, 80.0, 99.5, 80.0]}


def test_compare_restores_the_report_specs_in_under_a_fifth_of_the_bytes(
    api: AsgiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flagship with and without the alliance fabs: the charts restored from the answer are
    exactly the specs `chart_payload` built (the report's `chart_specs`), and the charts with
    their pooled tables take under a fifth of the bytes of specs that carry their own tables.
    Measured on the charts alone: the whole answer's ratio (46% of its inline size until session
    23) also moved with every non-chart field added to the sides (sourcing rows, Japanese names,
    the capacity figures' ages), which says nothing about the pooling."""
    pytest.importorskip("chipshock.sim")
    built: list[Any] = []

    def recording(charts: Any) -> Any:
        built.append(charts)
        return pool_chart_data(charts)

    monkeypatch.setattr(routes_scenarios, "pool_chart_data", recording)
    resp = api.post("/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": 3, "seed": 5})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert len(built) == 1
    original = json.loads(json.dumps(built[0]))  # as JSON sends it
    assert restore_chart_data(body["charts"], body["chart_data"]) == original
    assert {"compare", "a.output", "b.supply"} <= set(body["charts"]["ja"])

    def size(obj: Any) -> int:
        return len(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode())

    pooled = size({"charts": body["charts"], "chart_data": body["chart_data"]})
    assert pooled < 0.2 * size(original)  # 0.14 on session 23's data


def test_run_restores_the_report_specs_with_its_tables_sent_once(
    api: AsgiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run sends its charts' tables once too: every spec names its tables, the charts
    restored from the answer are exactly the specs `chart_payload` built (the report's
    `chart_specs`), and specs plus tables take under a fifth of the bytes of specs that carry
    their own tables."""
    pytest.importorskip("chipshock.sim")
    built: list[Any] = []

    def recording(charts: Any) -> Any:
        built.append(charts)
        return pool_chart_data(charts)

    monkeypatch.setattr(routes_scenarios, "pool_chart_data", recording)
    resp = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": 3, "seed": 6})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert len(built) == 1
    original = json.loads(json.dumps(built[0]))
    assert {"output", "delivered", "supply", "loss_country"} <= set(original["en"])
    for lang in ("en", "ja"):
        assert all(isinstance(spec["datasets"], list) for spec in body["charts"][lang].values())
    assert restore_chart_data(body["charts"], body["chart_data"]) == original

    def size(value: Any) -> int:
        return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())

    assert size(body["charts"]) + size(body["chart_data"]) < 0.2 * size(original)
