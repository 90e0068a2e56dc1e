"""The comparison answer's lead chart: the run-by-run avoided loss that the report leads with
(`chipshock.present.avoided_chart`), drawn from the numbers of the answer's ``avoided`` and
marking the same p50 as its ``headline``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api import create_app
from chipshock.api.chart_data import restore_chart_data
from chipshock.present.numbers import fmt_usd

pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"
TWIN = "taiwan-blockade-2027-6m-no-alliance-fabs"
RUNS = 20
MARKS = ("p5", "p50", "p95")


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=300.0))
    yield client
    client.close()


def _compare(client: AsgiClient, request: dict[str, Any]) -> dict[str, Any]:
    resp = client.post("/api/scenarios/compare", json={**request, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def _layer_rows(spec: dict[str, Any], layer: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = spec["datasets"][spec["layer"][layer]["data"]["name"]]
    return rows


def test_lead_chart_p50_is_the_headline_avoided_p50(client: AsgiClient) -> None:
    """The flagship without, then with the alliance fabs: the chart comes first in both
    languages, its p50 rule and label are the headline's ``loss_avoided_usd_bn`` p50 (the same
    float in ``avoided``), and its bars are ``avoided.bins``, which count every run once."""
    body = _compare(client, {"scenario": FLAGSHIP})
    headline = body["headline"]["loss_avoided_usd_bn"]
    avoided = body["avoided"]
    assert avoided["first_is_better"] is False and avoided["runs"] == RUNS
    assert {k: avoided[k] for k in ("mean", *MARKS)} == headline
    assert sum(b["count"] for b in avoided["bins"]) == RUNS
    assert all(b["end"] > b["start"] for b in avoided["bins"])
    charts = restore_chart_data(body["charts"], body["chart_data"])
    for lang, scale in (("en", 1.0), ("ja", 10.0)):
        assert next(iter(charts[lang])) == "avoided"  # the lead, as in the report
        spec = charts[lang]["avoided"]
        bars = _layer_rows(spec, 0)
        assert [b["count"] for b in bars] == [b["count"] for b in avoided["bins"]]
        assert bars[0]["start"] == pytest.approx(avoided["bins"][0]["start"] * scale)
        marks = {row["stat"]: row for row in _layer_rows(spec, 1)}
        assert marks["p50"]["value"] == round(headline["p50"] * scale, 4)
        assert marks["p50"]["text"] == f"p50 {fmt_usd(headline['p50'] * 1e9, lang)}"
        assert fmt_usd(headline["p50"] * 1e9, lang) in spec["description"]


def test_lead_chart_turns_with_the_better_side(client: AsgiClient) -> None:
    """The flagship (with the fabs) first, its twin second: the headline says what the second
    side avoids (a negative amount), the chart what the better, first, side avoids: the
    headline's runs negated, so its p50 is minus the headline's."""
    body = _compare(client, {"scenario": FLAGSHIP, "other": TWIN})
    headline = body["headline"]["loss_avoided_usd_bn"]
    avoided = body["avoided"]
    assert headline["p50"] < 0 < avoided["p50"]
    assert avoided["first_is_better"] is True
    assert avoided["p50"] == -headline["p50"]
    assert (avoided["p5"], avoided["p95"]) == pytest.approx((-headline["p95"], -headline["p5"]))
