"""A run's assumptions carry each value's unit (an added field: the old ones stay)."""

from __future__ import annotations

from tests.api.conftest import AsgiClient


def test_run_assumptions_have_a_unit_beside_the_value(api: AsgiClient) -> None:
    """Every row keeps file, id, value, source_url, as_of and confidence, and adds ``unit``:
    the SIA/BCG shares read "% of world capacity", utilisation its row's "fraction"."""
    r = api.post("/api/scenarios/run", json={"scenario": "baseline", "runs": 4, "seed": 5})
    assert r.status_code == 200, r.text
    rows = r.json()["assumptions"]
    keys = {"file", "id", "value", "unit", "source_url", "as_of", "confidence"}
    assert rows and all(keys <= set(a) for a in rows)
    units = {(a["file"], a["id"]): a["unit"] for a in rows}
    assert units["regional_capacity.csv", "logic <10nm/TWN/2022"] == "% of world capacity"
    assert units["model_assumptions.csv", "utilisation_lt10"] == "fraction"
    assert all(a["unit"] for a in rows)
