"""A saved result keeps the packaging-exemption note its run showed (session 18 left it out:
`results show --utilisation` and ``GET /api/results/{id}`` gave the table without the note that
`scenario run --utilisation` and the API's run put under it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.api.conftest import AsgiClient

from chipshock.api import create_app
from chipshock.cli.main import main

FLAGSHIP = "taiwan-blockade-2027-6m"  # its Taiwan cut reaches advanced packaging (88 % Taiwan)
GALLIUM = "china-gallium-germanium-controls"  # reaches no input with exempt operators


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_the_saved_note_is_the_run_s_on_the_cli_and_the_api(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test saves results: its own copy of the store
    for scenario, name in ((FLAGSHIP, "blockade"), (GALLIUM, "gallium")):
        args = ("scenario", "run", scenario, "--runs", "4", "--seed", "1", "--db", str(db))
        _cli(capsys, *args, "--save", name, "-f", "json")
    api = AsgiClient(create_app(db))
    try:
        ran = api.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": 4, "seed": 1})
        note = ran.json()["utilisation_meta"]["exemption_note"]
        note_ja = ran.json()["utilisation_meta"]["exemption_note_ja"]
        assert note.startswith("Fabs of Samsung, Intel, SMIC are exempt")
        assert note_ja.startswith("サムスン電子・インテル・中芯国際集成電路製造（SMIC）の工場は")
        saved = api.get("/api/results/blockade").json()["utilisation_meta"]
        assert (saved["exemption_note"], saved["exemption_note_ja"]) == (note, note_ja)
        none = api.get("/api/results/gallium").json()["utilisation_meta"]
        assert none["exemption_note"] is None and none["exemption_note_ja"] is None
    finally:
        api.close()

    shown = json.loads(_cli(capsys, "results", "show", "blockade", "--db", str(db), "-f", "json"))
    assert shown["exemption_note"] == note
    assert shown["exemption_note_ja"] == note_ja
    gallium = json.loads(_cli(capsys, "results", "show", "gallium", "--db", str(db), "-f", "json"))
    assert gallium["exemption_note"] is None
    table = _cli(capsys, "results", "show", "blockade", "--utilisation", "--db", str(db))
    assert "exempt from advanced packaging (2.5D/3D, CoWoS-class)" in " ".join(table.split())
    table = _cli(capsys, "results", "show", "gallium", "--utilisation", "--db", str(db))
    assert "exempt from" not in " ".join(table.split())
