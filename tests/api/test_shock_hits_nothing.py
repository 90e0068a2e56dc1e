"""A built-in scenario whose shock hits nothing (issue 7) is answered 422 naming the field, not
run as a scenario without loss."""

from __future__ import annotations

from typing import Any

import pytest

import chipshock.scenarios
from chipshock.scenarios.model import Scenario, Shock


def test_an_export_control_of_an_unused_input_is_422(
    make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API loads built-ins by id; one that curbs an input no class needs (N16, the ETO
    group of the implanters N17) is a 422 whose field is the shock's inputs."""
    curb = Scenario(
        "baseline",
        "Curb on ion implanters",
        start_year=2026,
        end_year=2028,
        runs=4,
        shocks=(Shock("export_control", ("USA",), 2027, 1, to=("CHN",), inputs=("N16",)),),
    )
    load = chipshock.scenarios.load_scenario
    monkeypatch.setattr(
        chipshock.scenarios,
        "load_scenario",
        lambda sid, *a, **k: curb if sid == "baseline" else load(sid, *a, **k),
    )
    client = make_client(max_runs=50, time_budget_s=300.0)
    r = client.post("/api/scenarios/run", json={"scenario": "baseline", "runs": 4, "seed": 11})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["field"] == "shock[0].inputs"
    assert (
        "no chip class the model simulates needs this input (N16 Ion implantation)"
        in (body["detail"])
    )
    assert "N17 Ion implanters" in body["detail"]
