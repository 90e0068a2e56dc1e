"""An unknown fab id gets the same suggestions on the CLI, the API and in a scenario file: the
same operator's fabs first (`chipshock.model.fab_ids`; session 18 left the API and the
scenario errors on plain close spellings, so "tsmc-nonexistent" suggested esmc-dresden
there while the CLI suggested TSMC's fabs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.sim.authoring import authoring_scenario

from chipshock.cli.checks import check_fab_ids, packaged_fab_ids
from chipshock.errors import ChipshockError, UnknownCodeError
from chipshock.model.fab_ids import close_fab_ids
from chipshock.scenarios.model import FabOverride
from chipshock.sim.data import ModelData, load_model_data
from chipshock.sim.prepare import prepare

from .conftest import AsgiClient

BAD = "tsmc-nonexistent"


@pytest.fixture(scope="module")
def real_data(built_store: Path) -> ModelData:
    return load_model_data(built_store)


def _suggested(text: str) -> list[str]:
    return text.split("did you mean ", 1)[1].split("?", 1)[0].split(", ")


def test_the_three_surfaces_suggest_the_same_ids(api: AsgiClient, real_data: ModelData) -> None:
    known = sorted(packaged_fab_ids()["fab_id"])
    expected = close_fab_ids(BAD, known)
    assert len(expected) == 3 and all(f.startswith("tsmc-") for f in expected), expected

    with pytest.raises(UnknownCodeError) as cli:
        check_fab_ids(packaged_fab_ids(), [BAD], "--fabs-off")
    assert _suggested(str(cli.value)) == expected

    r = api.post(
        "/api/scenarios/run",
        json={"scenario": "taiwan-blockade-2027-6m", "fabs_off": [BAD], "runs": 2},
    )
    assert r.status_code == 404 and r.json()["field"] == "fabs_off", r.text
    assert _suggested(r.json()["detail"]) == expected

    with pytest.raises(ChipshockError) as sim:
        prepare(authoring_scenario(overrides=(FabOverride(BAD, 6000.0),)), real_data)
    assert _suggested(str(sim.value)) == expected
