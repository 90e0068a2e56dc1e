"""What a scenario file sets beside its shocks -- the buyers' stocks, market priorities, fab
overrides -- on every surface (session 29: an analyst's run with 2019-like stocks, cars first
and a fab override read exactly like one without them; no surface named them).

The CLI's `scenario run` prints the lines under its heading (English and Japanese) and gives
them as ``settings`` in --format json, the API's run answer as ``settings``, the report lists
them with the assumptions: the same sentences everywhere, each regime with the
model_assumptions.csv row it reads (its date and confidence).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from tests.cli.terminal import chipshock_at

from chipshock.cli.main import main
from chipshock.data.store import default_paths

FILE = """\
[scenario]
id = "naka-fab18"
title = "Naka and Fab 18 stop"
start_year = 2027
end_year = 2028
runs = 20
seed = 7
inventory_regime = "2021_lean"

[priorities]
automotive = 10

[[fab_override]]
fab = "renesas-naka"
capacity_wspm = 12000
node_class = "n28_45"
start_year = 2027

[[shock]]
kind = "fab"
targets = ["renesas-naka", "tsmc-fab18-tainan"]
start = "2027-04"
duration_weeks = 8
severity = 1.0
"""


def _row(parameter: str) -> pd.Series:
    rows = pd.read_csv(default_paths().curated / "model_assumptions.csv", dtype=str)
    return rows.set_index("parameter").loc[parameter]


def _capacity_row(fab: str, node_class: str) -> pd.Series:
    """The fab's one fab_capacity.csv row in ``node_class`` (this file's fab has one)."""
    rows = pd.read_csv(default_paths().curated / "fab_capacity.csv", dtype=str)
    (row,) = (r for _, r in rows.iterrows() if (r.fab_id, r.node_class) == (fab, node_class))
    return row


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "naka.toml"
    path.write_text(FILE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_settings(built_store: Path, scenario_file: Path) -> dict[str, list[str]]:
    out = chipshock_at(
        100, "scenario", "run", str(scenario_file), "--db", str(built_store), "--format", "json"
    )
    settings = json.loads(out)["settings"]
    assert isinstance(settings, dict)
    return settings


def test_the_lines_say_what_the_file_sets(cli_settings: dict[str, list[str]]) -> None:
    lean = _row("inventory_regime_2021_lean")
    stocks, priorities, override = cli_settings["en"]
    assert stocks == (
        f"Stocks: the 2021_lean regime, buyers' chip inventories at {float(lean['value']):g} x "
        f"the curated levels (model_assumptions.csv inventory_regime_2021_lean, as of "
        f"{lean['as_of']}, confidence {lean['confidence']})."
    )
    assert priorities.startswith("Priorities: Automotive 10; every other market 1 (")
    assert override.startswith("Fab override: Renesas Naka")
    assert "(renesas-naka), 12,000 wafers a month at full ramp in 28–45 nm," in override
    assert "first output 2027; the rest as fab_capacity.csv." in override
    # what the override replaces: the data's figure from the shock year (session 31 #5)
    naka = _capacity_row("renesas-naka", "n28_45")
    assert override.endswith(
        f" In the data: {int(naka['capacity_wspm']):,} a month in 2027 (fab_capacity.csv, "
        f"as of {naka['as_of']}, confidence {naka['confidence']})."
    )
    ja = cli_settings["ja"]
    # the regime in words, not 「「2021_lean」型」 (session 31 #14)
    assert ja[0].startswith("在庫：2021年型の薄い在庫。買い手のチップ在庫は収録水準の0.125倍")
    assert "データ上の数値：2027年に月" in ja[2]
    assert ja[1].startswith("優先度：自動車 10。") and "（renesas-naka）" in ja[2]
    assert all("Stocks" not in line and "Priorities" not in line for line in ja)


def test_the_terminal_prints_them_under_the_heading(
    built_store: Path, scenario_file: Path, cli_settings: dict[str, list[str]]
) -> None:
    for lang in ("en", "ja"):
        out = chipshock_at(
            200, "scenario", "run", str(scenario_file), "--db", str(built_store), "--lang", lang
        )
        flat = "".join(out.split())
        head = flat.split("┏")[0]  # before the first table
        for line in cli_settings[lang]:
            assert "".join(line.split()) in head, line


def test_a_run_without_settings_names_its_default_stocks(built_store: Path) -> None:
    """A built-in scenario sets no regime: it runs on the 2019 row, and says so."""
    row = _row("inventory_regime_2019")
    out = chipshock_at(
        100,
        "scenario", "run", "taiwan-blockade-2027-6m", "--runs", "4",
        "--db", str(built_store), "--format", "json",
    )  # fmt: skip
    assert json.loads(out)["settings"]["en"] == [
        f"Stocks: the 2019 regime (the default), buyers' chip inventories at "
        f"{float(row['value']):g} x the curated levels (model_assumptions.csv "
        f"inventory_regime_2019, as of {row['as_of']}, confidence {row['confidence']})."
    ]


def test_the_api_and_the_report_say_the_same(
    api: AsgiClient,
    built_store: Path,
    scenario_file: Path,
    tmp_path: Path,
    cli_settings: dict[str, list[str]],
) -> None:
    response = api.post("/api/scenarios/run", json={"toml": FILE})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["settings"] == cli_settings
    for lang in ("en", "ja"):
        out = tmp_path / f"r-{lang}.html"
        args = ["report", str(scenario_file), "--lang", lang, "--db", str(built_store)]
        assert main([*args, "-o", str(out)]) == 0
        items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", out.read_text("utf-8"))]
        for line in cli_settings[lang]:
            assert line in items, line


def test_a_comparison_names_each_sides_settings(
    built_store: Path, scenario_file: Path, cli_settings: dict[str, list[str]], tmp_path: Path
) -> None:
    """Two files that differ only in their priorities and override: `scenario compare` gives
    each side's lines (JSON ``settings.a`` / ``.b``, as the API's ``a.settings``) and prints
    them after each side's name, so a reader sees what the comparison changes."""
    other = tmp_path / "plain.toml"
    plain = FILE.split("[priorities]")[0] + "[[shock]]" + FILE.split("[[shock]]")[1]
    other.write_text(plain.replace('title = "Naka and Fab 18 stop"', 'title = "Plain"'), "utf-8")
    args = ["scenario", "compare", str(scenario_file), str(other), "--db", str(built_store)]
    settings = json.loads(chipshock_at(100, *args, "--format", "json"))["settings"]
    assert settings["a"] == cli_settings
    assert settings["b"]["en"] == cli_settings["en"][:1]  # the same stocks, no priority
    flat = "".join(chipshock_at(200, *args).split())
    assert "".join(f"Plain: {cli_settings['en'][0]}".split()) in flat
    assert "".join(f"Naka and Fab 18 stop: {cli_settings['en'][1]}".split()) in flat


def test_a_saved_result_keeps_them(
    api: AsgiClient,
    built_store: Path,
    scenario_file: Path,
    cli_settings: dict[str, list[str]],
    tmp_path: Path,
) -> None:
    """`scenario run --save` keeps the scenario as run; `results show` (terminal, JSON) and
    `GET /api/results/{name}` give its settings as the run did."""
    import shutil

    from chipshock.api import create_app

    store = tmp_path / "s.duckdb"
    shutil.copy(built_store, store)
    chipshock_at(100, "scenario", "run", str(scenario_file), "--db", str(store), "--save", "mine")
    shown = json.loads(
        chipshock_at(100, "results", "show", "mine", "--db", str(store), "--format", "json")
    )
    assert shown["settings"] == cli_settings
    for lang in ("en", "ja"):
        flat = "".join(
            chipshock_at(200, "results", "show", "mine", "--db", str(store), "--lang", lang).split()
        )
        assert all("".join(line.split()) in flat for line in cli_settings[lang])
    client = AsgiClient(create_app(store))
    try:
        assert client.get("/api/results/mine").json()["settings"] == cli_settings
    finally:
        client.close()


STOCKPILE = """
[[intervention]]
kind = "stockpile"
label = "Carmakers hold 12 more weeks"
label_ja = "自動車メーカーが12週分を追加で備蓄"
weeks = 12
markets = ["automotive"]
"""


def test_a_stockpile_is_named_on_every_surface(
    api: AsgiClient, built_store: Path, scenario_file: Path, tmp_path: Path
) -> None:
    """Session 31 #3: a stock comparison's one difference, a stockpile, was named nowhere.
    Now the side that holds it has its line (CLI compare JSON and terminal, the API's run and
    the report, whose assumptions give its label once, in that line)."""
    stocked = tmp_path / "stocked.toml"
    text = FILE.replace('title = "Naka and Fab 18 stop"', 'title = "Stocked"') + STOCKPILE
    stocked.write_text(text, "utf-8")
    line_en = (
        "Stockpile: buyers in Automotive hold 12 more weeks of chips than the curated levels "
        "(“Carmakers hold 12 more weeks”)."
    )
    line_ja = (
        "備蓄：自動車の買い手が収録水準より12週分多くチップを持つ"
        "（「自動車メーカーが12週分を追加で備蓄」）。"
    )
    args = ["scenario", "compare", str(scenario_file), str(stocked), "--db", str(built_store)]
    settings = json.loads(chipshock_at(100, *args, "--format", "json"))["settings"]
    assert line_en not in settings["a"]["en"]
    assert line_en in settings["b"]["en"] and line_ja in settings["b"]["ja"]
    flat = "".join(chipshock_at(200, *args).split())
    assert "".join(f"Stocked: {line_en}".split()) in flat
    response = api.post("/api/scenarios/run", json={"toml": stocked.read_text("utf-8")})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["settings"] == settings["b"]
    out = tmp_path / "stocked.html"
    assert main(["report", str(stocked), "--db", str(built_store), "-o", str(out)]) == 0
    page = html.unescape(out.read_text("utf-8"))
    items = re.findall(r"<li>(.*?)</li>", page)
    assert line_en in items
    assert "Carmakers hold 12 more weeks" not in items  # not a second item of its own
