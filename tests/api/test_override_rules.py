"""Review 14 #5: the API takes the overrides the CLI takes (duration_weeks: a number >= 0), and
its validation errors name the value given and suggest a close field, as the CLI's do."""

from __future__ import annotations

import pytest

from chipshock.scenarios import load_scenario
from chipshock.scenarios.overrides import apply_overrides

from .conftest import AsgiClient

FLAGSHIP = "taiwan-blockade-2027-6m"


@pytest.mark.parametrize("weeks", [0, 2.5])
def test_duration_weeks_the_cli_takes_the_api_takes(api: AsgiClient, weeks: float) -> None:
    """0 and 2.5 weeks run through the CLI's `apply_overrides`, and the API answers them (they
    were 422: 'greater than or equal to 1', 'a valid integer')."""
    changed = apply_overrides(load_scenario(FLAGSHIP), duration_weeks=weeks, runs=2)
    assert changed.shocks[0].duration_weeks.central == weeks
    body = {"scenario": FLAGSHIP, "runs": 2, "seed": 1, "duration_weeks": weeks}
    resp = api.post("/api/scenarios/run", json=body)
    assert resp.status_code == 200, resp.text


def test_a_negative_duration_names_the_value(api: AsgiClient) -> None:
    """-3 is refused by both; the API's message ends with the value given."""
    with pytest.raises(Exception, match="duration_weeks"):
        apply_overrides(load_scenario(FLAGSHIP), duration_weeks=-3)
    resp = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "duration_weeks": -3})
    assert resp.status_code == 422
    body = resp.json()
    assert body["field"] == "duration_weeks"
    assert ("got -3" in body["detail"] and ">= 0" not in body["detail"]) or "0" in body["detail"]


def test_an_unknown_field_gets_did_you_mean(api: AsgiClient) -> None:
    """``sed`` is not a field: the 422 lists the fields and suggests ``seed``."""
    resp = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "sed": 3})
    assert resp.status_code == 422
    body = resp.json()
    assert body["field"] == "sed"
    assert "unknown field 'sed'" in body["detail"] and "did you mean seed?" in body["detail"]
    assert "duration_weeks" in body["detail"]  # the fields the body takes


def test_a_duration_past_the_cap_is_refused_alike(api: AsgiClient) -> None:
    """1e308 weeks overflowed the charts' dates (a 500): both refuse it, naming the cap."""
    with pytest.raises(Exception, match="1,040"):
        apply_overrides(load_scenario(FLAGSHIP), duration_weeks=1e308)
    resp = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "duration_weeks": 1e308})
    assert resp.status_code == 422 and resp.json()["field"] == "duration_weeks"
    assert "1040" in resp.json()["detail"]
