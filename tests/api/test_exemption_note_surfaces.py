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
    # the shipped node_requirements.csv exempts three operators from advanced packaging, named
    # by operator_names.csv and raw_materials.csv (review 16, finding 8)
    assert meta["exemption_note"].startswith(
        "Fabs of Samsung, Intel, SMIC are exempt from advanced packaging (2.5D/3D, CoWoS-class) "
        "as in-house makers (node_requirements.csv): no cut of it reaches them"
    )
    assert meta["exemption_note_ja"].startswith(
        "サムスン電子・インテル・中芯国際集成電路製造（SMIC）の工場は先端パッケージング"
        "（2.5D/3D、CoWoS級）を自社で賄う"
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
