"""`GET /api/results` gives each saved result its Japanese title (``title_ja`` of the scenario as
run, null for a scenario without one), and the saved results' ``meta.source_ja`` says, as the
English line does, that they are results saved in this store (audit 31, finding 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.api.conftest import AsgiClient

from chipshock.present.messages import message

NO_JA_TITLE = """
[scenario]
id = "tw-plain"
title = "Taiwan, my own file"
start_year = 2026
end_year = 2028

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = 13
"""


def test_saved_results_list_title_ja_and_a_japanese_source(
    tmp_path: Path, built_store: Path
) -> None:
    """A library scenario's result lists its title_ja (朝鮮半島有事), a file without one lists
    null beside its English title; the list's and one result's source_ja begin with the saved
    results' words in Japanese, and source with the English ones."""
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.api import create_app
    from chipshock.scenarios import load_scenario
    from chipshock.scenarios.parser import parse_scenario
    from chipshock.sim.run.store import save_result

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)  # this test saves results: its own copy of the store
    data = sim.load_model_data(store)
    korea = sim.run(load_scenario("korea-conflict"), data, runs=3, seed=3)
    plain = sim.run(parse_scenario(NO_JA_TITLE, "plain.toml"), data, runs=3, seed=3)
    rid = save_result(store, korea, "korea")
    save_result(store, plain, "plain")
    api = AsgiClient(create_app(store))
    try:
        listed = api.get("/api/results").json()
        one = api.get(f"/api/results/{rid}").json()
    finally:
        api.close()
    rows = {r["name"]: r for r in listed["rows"]}
    assert (rows["korea"]["title"], rows["korea"]["title_ja"]) == (
        "Conflict on the Korean peninsula",
        "朝鮮半島有事",
    )
    assert (rows["plain"]["title"], rows["plain"]["title_ja"]) == ("Taiwan, my own file", None)
    assert "scenario_toml" not in rows["korea"]
    assert one["result"]["title_ja"] == "朝鮮半島有事"
    for meta in (listed["meta"], one["meta"]):
        assert meta["source_ja"].startswith(message("results.saved_source", "ja") + "。")
        assert "保存した結果" in meta["source_ja"]
        assert meta["source"].startswith("results saved in this chipshock store")
