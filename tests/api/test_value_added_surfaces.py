"""Value added lost by country on every surface (review 6, findings 2 and 5): `scenario run`'s
JSON and CSV carry the API's ``value_added_by_country`` (the same rows), its terminal shows the
table with what the measure is and where its rows come from, and the table has one geography:
the end-product codes of market_country_output.csv, the chip makers' fab countries put on them
(no region beside one of its own members, as Europe beside Germany was)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient

from chipshock.cli.main import main

pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS, SEED = 4, 2027
CURATED = Path(__file__).resolve().parents[2] / "src/chipshock/data/files/curated"


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    argv = ["scenario", "run", FLAGSHIP, "--runs", str(RUNS), "--seed", str(SEED), *args]
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def web(built_store: Path) -> dict[str, Any]:
    from chipshock.api import create_app

    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=300.0))
    try:
        resp = client.post(
            "/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS, "seed": SEED}
        )
    finally:
        client.close()
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def test_cli_json_and_csv_give_the_api_value_added_by_country(
    built_store: Path, web: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    cli = json.loads(_cli(capsys, built_store, "-f", "json"))
    assert cli["value_added_by_country"] == web["value_added_by_country"]
    assert {r["measure"] for r in cli["value_added_by_country"]} == {
        "value_added_lost",
        "downstream_value_added_lost",
        "chip_value_added_lost",
        "chip_sales_lost",
    }
    text = _cli(capsys, built_store, "-f", "csv")
    section = text.split("# value_added_by_country\n")[1].split("\n# ")[0]
    rows = list(csv.DictReader(io.StringIO(section)))
    assert [(r["country"], r["measure"]) for r in rows] == [
        (r["country"], r["measure"]) for r in web["value_added_by_country"]
    ]
    assert [float(r["p50"]) for r in rows] == pytest.approx(
        [r["p50"] for r in web["value_added_by_country"]], rel=1e-12
    )


def test_terminal_shows_value_added_lost_with_its_caption(
    built_store: Path, web: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    flat = " ".join(_cli(capsys, built_store).split())
    assert "value added lost by country (GDP-like), USD bn" in flat
    assert "market_country_output.csv" in flat and "value_added_ratio_chips" in flat
    lost = [r for r in web["value_added_by_country"] if r["measure"] == "value_added_lost"]
    top = max(lost, key=lambda r: r["p50"])  # TWN on release 14
    table = flat.split("value added lost by country (GDP-like), USD bn")[1]
    assert table.split("┃")[1].strip() == "country"  # the first header cell
    first_row = table.split("┡")[1].split("│")[1].strip()
    assert first_row == top["country"]


def test_value_added_rows_are_one_geography(web: dict[str, Any]) -> None:
    """Every row is a code of market_country_output.csv; no row is a member of a group that is
    itself a row (DEU with EUR, SGP with ROW): Germany's, France's and Ireland's fabs count in
    EUR, Singapore's, Israel's and the UK's in ROW, where their region's end products are."""
    codes = set(pd.read_csv(CURATED / "market_country_output.csv")["country"].astype(str))
    groups = pd.read_csv(CURATED / "country_groups.csv")
    rows = {r["country"] for r in web["value_added_by_country"]}
    assert rows <= codes, rows - codes
    for region in rows:
        members = set(groups.loc[groups["group_code"] == region, "country_code"].astype(str))
        # a member listed on the end-product side itself (IND, THA, VNM in ROW) is its own row
        assert not (members - codes) & rows, (region, (members - codes) & rows)
    assert {"EUR", "ROW"} <= rows and not {"DEU", "SGP", "ISR", "IRL"} & rows
    # the geography of the loss table: the same codes
    assert rows == {r["country"] for r in web["loss_by_country"]}
    market = {r["country"] for r in web["value_added_by_country_market"]}
    assert market == rows
