"""The API's scenario run and comparison carry the utilisation table's note on the operators
exempt from advanced packaging, in English and Japanese, with the words of `chipshock scenario
run --utilisation` (review 8, finding 2: the exempt fabs ran above normal while no packaging
was left anywhere, and only the CLI said why)."""

from __future__ import annotations

import pytest
from tests.api.conftest import AsgiClient

from chipshock.present.utilisation import exemption_note

pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"


def test_run_and_compare_carry_the_exemption_note(api: AsgiClient) -> None:
    r = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": 4, "seed": 1})
    assert r.status_code == 200, r.text
    meta = r.json()["utilisation_meta"]
    # the shipped node_requirements.csv exempts four operators from advanced packaging
    assert meta["exemption_note"].startswith(
        "Fabs of samsung, intel, smic are exempt from advanced_packaging as in-house "
        "makers (node_requirements.csv): no cut of it reaches them"
    )
    assert meta["exemption_note_ja"].startswith(
        "samsung・intel・smic の工場は advanced_packaging を自社で賄う"
    )
    r = api.post("/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": 4, "seed": 1})
    assert r.status_code == 200, r.text
    body = r.json()
    for side in ("a", "b"):
        assert body[side]["utilisation_meta"]["exemption_note"] == meta["exemption_note"]
        assert body[side]["utilisation_meta"]["exemption_note_ja"] == meta["exemption_note_ja"]


def test_no_note_when_no_shock_reaches_packaging(api: AsgiClient) -> None:
    """The gallium and germanium controls reach no input with exempt operators: no note (the
    CLI's caption says nothing either, tests/scenarios/test_cli.py)."""
    body = api.post(
        "/api/scenarios/run",
        json={"scenario": "china-gallium-germanium-controls", "runs": 4, "seed": 1},
    ).json()
    meta = body["utilisation_meta"]
    assert body["utilisation"] and meta["as_of"]
    assert meta["exemption_note"] is None and meta["exemption_note_ja"] is None


def test_no_requirements_no_note() -> None:
    assert exemption_note(None) == "" and exemption_note(None, "ja") == ""
