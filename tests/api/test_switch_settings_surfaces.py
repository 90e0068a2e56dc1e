"""A scenario's fab switches on every surface that shows its settings (session 32): a
``fabs_off`` and a ``partnership_off`` were named only by the side titles and the report's fab
list. Now the side that has them lists a line each -- `scenario compare` (JSON ``settings.b``,
the terminal in English and Japanese), `scenario run` (JSON), the API's run and compare
``settings``, the report's assumptions, and a saved result (`results show`, `GET
/api/results/{name}`) -- the same sentences everywhere, fabs by their names in each language."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from tests.cli.terminal import chipshock_at

from chipshock.cli.main import main
from chipshock.data.store import default_paths

BASE = """\
[scenario]
id = "switch-base"
title = "Base"
start_year = 2027
end_year = 2028
runs = 20
seed = 7

[[shock]]
kind = "fab"
targets = ["renesas-naka"]
start = "2027-04"
duration_weeks = 8
severity = 1.0
"""

SWITCHES = """
[[intervention]]
kind = "fabs_off"
fabs = ["tsmc-arizona-p1"]
label = "Arizona stops"
label_ja = "アリゾナ停止"

[[intervention]]
kind = "partnership_off"
partnerships = ["jasm-subsidy-fab1"]
"""


def _curated(name: str, key: str) -> pd.DataFrame:
    return pd.read_csv(default_paths().curated / name, dtype=str).set_index(key)


@pytest.fixture(scope="module")
def lines() -> dict[str, list[str]]:
    """The two lines in each language, from the shipped data's names and the row's date."""
    names_ja = _curated("fab_names_ja.csv", "fab_id")["name_ja"]
    as_of = _curated("partnerships.csv", "partnership_id").loc["jasm-subsidy-fab1", "as_of"]
    return {
        "en": [
            "Fabs switched off (no output in the run): TSMC Arizona Fab 21 Phase 1 "
            "(“Arizona stops”).",
            "Partnership switched off: METI and JASM — 12-28nm foundry (Kumamoto Fab 1) "
            f"(jasm-subsidy-fab1; partnerships.csv, as of {as_of}); its fabs produce nothing "
            "in the run: JASM Kumamoto Fab 1.",
        ],
        "ja": [
            f"停止する工場（期間中の生産なし）：{names_ja['tsmc-arizona-p1']}（「アリゾナ停止」）。",
            "停止する提携：経済産業省、JASMの12〜28nmのファウンドリ（熊本第1工場）"
            f"（jasm-subsidy-fab1、partnerships.csv、{as_of}時点）。"
            f"その工場は期間中に生産しない：{names_ja['jasm-kumamoto-fab1']}。",
        ],
    }


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("switches")
    base, switched = folder / "base.toml", folder / "switched.toml"
    base.write_text(BASE, "utf-8")
    text = BASE.replace('id = "switch-base"', 'id = "switched"') + SWITCHES
    switched.write_text(text.replace('title = "Base"', 'title = "Switched"'), "utf-8")
    return base, switched


def test_compare_names_the_switches_of_the_side_that_has_them(
    built_store: Path, files: tuple[Path, Path], lines: dict[str, list[str]]
) -> None:
    """JSON ``settings.b`` has both lines after the stocks line, ``settings.a`` neither; the
    terminal prints them after the side's name in English and in Japanese."""
    base, switched = files
    args = ["scenario", "compare", str(base), str(switched), "--db", str(built_store)]
    settings = json.loads(chipshock_at(100, *args, "--format", "json"))["settings"]
    for lang in ("en", "ja"):
        assert settings["b"][lang][1:] == lines[lang]
        assert settings["a"][lang] == settings["b"][lang][:1]
    flat = "".join(chipshock_at(200, *args).split())
    for line in lines["en"]:
        assert "".join(f"Switched: {line}".split()) in flat, line
    flat_ja = "".join(chipshock_at(200, *args, "--lang", "ja").split())
    for line in lines["ja"]:
        assert "".join(line.split()) in flat_ja, line


def test_run_the_api_and_the_report_give_the_same_lines(
    api: AsgiClient, built_store: Path, files: tuple[Path, Path], lines: dict[str, list[str]]
) -> None:
    _, switched = files
    names_ja = _curated("fab_names_ja.csv", "fab_id")["name_ja"]
    names = {"en": "TSMC Arizona Fab 21 Phase 1", "ja": names_ja["tsmc-arizona-p1"]}
    run = ["scenario", "run", str(switched), "--db", str(built_store)]
    settings = json.loads(chipshock_at(100, *run, "--format", "json"))["settings"]
    assert all(settings[lang][1:] == lines[lang] for lang in ("en", "ja"))
    toml = switched.read_text("utf-8")
    response = api.post("/api/scenarios/run", json={"toml": toml})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["settings"] == settings
    response = api.post("/api/scenarios/compare", json={"toml": BASE, "other_toml": toml})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["b"]["settings"] == settings
    assert response.json()["a"]["settings"]["en"] == settings["en"][:1]
    for lang in ("en", "ja"):
        out = files[0].parent / f"switched-{lang}.html"
        args = ["report", str(switched), "--lang", lang, "--db", str(built_store), "-o", str(out)]
        assert main(args) == 0
        items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", out.read_text("utf-8"))]
        off, partnership = lines[lang]
        assert partnership in items
        # the report's list of the fabs switched off names them (each with what the model
        # gives it) under the label: their settings line would say it twice
        label = "Arizona stops. Switched off:" if lang == "en" else "アリゾナ停止。停止する工場："
        name = names[lang]
        assert any(i.startswith(f"{label}<ul><li>{name}") for i in items), items
        assert off not in items


def test_a_saved_result_keeps_them(
    built_store: Path, files: tuple[Path, Path], lines: dict[str, list[str]], tmp_path: Path
) -> None:
    """`results show` (JSON and the Japanese terminal) and `GET /api/results/{name}` read the
    partnership from the store's partnerships table, as the run read it."""
    from chipshock.api import create_app

    store = tmp_path / "s.duckdb"
    shutil.copy(built_store, store)
    _, switched = files
    chipshock_at(100, "scenario", "run", str(switched), "--db", str(store), "--save", "sw")
    shown = json.loads(
        chipshock_at(100, "results", "show", "sw", "--db", str(store), "--format", "json")
    )
    assert all(shown["settings"][lang][1:] == lines[lang] for lang in ("en", "ja"))
    flat = "".join(
        chipshock_at(200, "results", "show", "sw", "--db", str(store), "--lang", "ja").split()
    )
    assert all("".join(line.split()) in flat for line in lines["ja"])
    client = AsgiClient(create_app(store))
    try:
        assert client.get("/api/results/sw").json()["settings"] == shown["settings"]
    finally:
        client.close()


def test_the_default_comparison_names_the_alliance_fabs_off(built_store: Path) -> None:
    """`scenario compare` without B switches the alliance fabs off on one side: that side's
    settings name them (the run's option quotes no label), the other side's do not."""
    args = ["scenario", "compare", "taiwan-blockade-2027-6m", "--runs", "4"]
    out = json.loads(chipshock_at(100, *args, "--db", str(built_store), "--format", "json"))
    off = {
        side: [line for line in out["settings"][side]["en"] if line.startswith("Fabs switched off")]
        for side in "ab"
    }
    assert sorted(len(v) for v in off.values()) == [0, 1]
    (line,) = off["a"] or off["b"]
    assert line.startswith("Fabs switched off (no output in the run): ")
    for name in ("Rapidus IIM-1", "JASM Kumamoto Fab 2", "TSMC Arizona Fab 21 Phase 3"):
        assert name in line
    assert line.endswith(".") and "“" not in line
