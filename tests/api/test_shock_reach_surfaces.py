"""What each shock reached, on every surface that shows a run: `scenario run` prints a line per
shock (English and Japanese), gives the full lists as ``shock_reach`` in --format json, and the
API's run answer gives the same (session 34: an analyst saw the title and settings, not which
fabs, inputs or markets a shock took)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.conftest import AsgiClient
from tests.cli.terminal import chipshock_at

FILE = """\
[scenario]
id = "reach"
start_year = 2027
end_year = 2028
runs = 10
seed = 3

[[shock]]
kind = "fab"
targets = ["tsmc-fab18-tainan"]
start = "2027-04"
duration_weeks = 8

[[shock]]
kind = "input"
targets = ["neon"]
start = "2027-04"
"""


def test_the_terminal_json_and_api_say_the_same(
    api: AsgiClient, built_store: Path, tmp_path: Path
) -> None:
    """Fab 18's one line names its fab and its class share; the input shock's names neon and
    no producer; the JSON and the API carry the same objects and lines."""
    path = tmp_path / "reach.toml"
    path.write_text(FILE, encoding="utf-8")
    run = ("scenario", "run", str(path), "--db", str(built_store))
    found = json.loads(chipshock_at(100, *run, "--format", "json"))
    fab, neon = found["shock_reach"]
    assert fab["fabs"] == ["tsmc-fab18-tainan"] and fab["other_fabs"] == []
    assert fab["regions"] == ["TWN"] and fab["operators"] == ["tsmc"]
    assert 0 < fab["capacity_share_pct"]["lt10"] < 100
    assert fab["capacity_sources"] and fab["capacity_as_of"]
    assert neon["producers"] == 0 and neon["inputs"] == ["neon"] and neon["input_classes"]
    terminal = " ".join(chipshock_at(200, *run).split())
    for line in found["shock_reach_text"]["en"]:
        assert line in terminal
    japanese = "".join(chipshock_at(200, *run, "--lang", "ja").split())  # wrapped anywhere
    assert "".join(found["shock_reach_text"]["ja"][0].split()) in japanese
    response = api.post("/api/scenarios/run", json={"toml": FILE})
    assert response.status_code == 200, response.text[:300]
    body = response.json()
    assert body["shock_reach"] == found["shock_reach"]
    assert body["shock_reach_text"] == found["shock_reach_text"]
