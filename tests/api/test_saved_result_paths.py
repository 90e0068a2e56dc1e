"""`GET /api/results` and `/api/results/{id}` never show the server's file system: a result
run from a scenario file names it by its base name and sha256, on a real server; the CLI,
which runs where the file is, keeps the full path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from tests.cli.test_saved_by_country import SCENARIO
from tests.cli.test_saved_by_country import _cli as cli_out

from .conftest import live_server


def test_saved_results_name_the_file_not_its_folders(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The list and one result give ``scenario_file_name`` (tw13.toml) and the file's sha256,
    and after the file changes the note names tw13.toml: no response holds the folder the file
    or the store lies in. `chipshock results list` still gives the full path."""
    folder = tmp_path / "private-folder"
    folder.mkdir()
    db = folder / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test saves a result: its own copy of the store
    path = folder / "tw13.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    cli_out(capsys, "scenario", "run", str(path), "--runs", "3", "--save", "tw", "--db", str(db))
    local = json.loads(cli_out(capsys, "results", "list", "--db", str(db), "-f", "json")[0])
    assert local[0]["scenario_file"] == str(path.resolve())
    sha = local[0]["scenario_file_sha256"]
    path.write_text(SCENARIO.replace("= 13", "= 26"), encoding="utf-8")
    with live_server(db) as base:
        listed = httpx.get(f"{base}/api/results", timeout=60)
        one = httpx.get(f"{base}/api/results/tw", timeout=60)
    for response in (listed, one):
        assert response.status_code == 200
        assert "private-folder" not in response.text and str(tmp_path) not in response.text
    row = listed.json()["rows"][0]
    assert "scenario_file" not in row
    assert (row["scenario_file_name"], row["scenario_file_sha256"]) == ("tw13.toml", sha)
    body = one.json()
    assert body["result"]["scenario_file_name"] == "tw13.toml"
    assert body["scenario_file_note"].startswith("scenario file tw13.toml changed since")
    assert "tw13.toml" in body["scenario_file_note_ja"]
