"""The sourcing feasibility check on the command line (`chipshock sourcing --check`) and the
API (GET /api/sourcing/check): the same numbers in JSON and in the terminal table, the same
tables on both surfaces, and bad options named with their value and the valid choices."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


def _cli(built_store: Path, *args: str, fmt: str = "json") -> str:
    result = CliRunner().invoke(
        cli_app,
        ["sourcing", "--check", *args, "--db", str(built_store), "--format", fmt],
        env={"COLUMNS": "400"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_and_api_give_the_same_tables(client: AsgiClient, built_store: Path) -> None:
    """2027, the memory classes: every operator and row the same on both surfaces, with the
    caption, the data release and the year; Samsung's DRAM row (line 3) is short."""
    cli: Any = json.loads(_cli(built_store, "--node", "dram", "--node", "nand"))
    r = client.get("/api/sourcing/check", params={"year": 2027, "nodes": ["dram", "nand"]})
    assert r.status_code == 200, r.text
    api = r.json()
    assert cli["operators"] == api["operators"] and cli["rows"] == api["rows"]
    assert {x["node_class"] for x in api["operators"]} == {"dram", "nand"}
    assert cli["caption"] == api["caption"] and api["caption"].startswith("orders:")
    assert cli["data_release"] and cli["params"]["year"] == 2027
    assert "sourcing_shares.csv" in api["meta"]["source"] and api["meta"]["as_of"]
    samsung = next(
        x for x in api["operators"] if (x["operator_id"], x["node_class"]) == ("samsung", "dram")
    )
    assert samsung["file_rows"] == "3" and samsung["shortfall_kwspm"] > 0


def test_table_shows_the_json_numbers(built_store: Path) -> None:
    """The terminal table shows each operator's orders, ceiling and shortfall as the JSON
    gives them, to one decimal (Renesas' 28-45 nm, the worst shortfall in %)."""
    data: Any = json.loads(_cli(built_store, "--node", "n28_45"))
    text = _cli(built_store, "--node", "n28_45", fmt="table")
    renesas = next(x for x in data["operators"] if x["operator_id"] == "renesas")
    line = next(x for x in text.splitlines() if "│ renesas" in x)
    for key in ("orders_kwspm", "ceiling_kwspm", "shortfall_kwspm", "shortfall_pct"):
        assert f"{renesas[key]:.1f}" in re.split(r"\s*│\s*", line), (key, line)
    assert "18" in line  # its sourcing_shares.csv row
    assert "The sourcing_shares.csv rows behind each shortfall" in " ".join(text.split())


def test_bad_options_name_the_option(
    built_store: Path, client: AsgiClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown class, a market or a grouping with --check, a year out of range: exit 2
    naming the option, the value and what is valid; on the API 404 / 422 naming the field."""
    for args, field, bad, valid in (
        (["--node", "n7"], "--node", "n7", "lt10"),
        (["--market", "automotive"], "--market", "automotive", "no --market"),
        (["--by", "region"], "--by", "region", "operator"),
        (["--year", "2050"], "--year", "2050", "2040"),
        (["--fabs-off", "nofab"], "--fabs-off", "nofab", "fab"),
    ):
        code = main(["sourcing", "--check", *args, "--db", str(built_store)])
        err = " ".join(capsys.readouterr().err.split())
        assert code == 2, err
        assert field in err and bad in err and valid in err, err
    for params, status, field, valid in (
        ({"nodes": "n7"}, 404, "nodes", "lt10"),
        ({"year": 2050}, 422, "year", "2040"),
        ({"fabs_off": "nofab"}, 404, "fabs_off", ""),
    ):
        r = client.get("/api/sourcing/check", params=params)
        assert r.status_code == status, r.text
        assert r.json()["field"] == field and valid in r.json()["detail"], r.text


def test_caption_in_japanese_with_the_switched_fabs(client: AsgiClient) -> None:
    """``caption_ja`` beside ``caption``, as on /api/sourcing: the note in Japanese, then the
    fabs switched off in Japanese (none switched: the note alone)."""
    api = client.get("/api/sourcing/check", params={"year": 2027, "nodes": ["dram"]}).json()
    assert api["caption_ja"].startswith("注文（orders）：調達が事業者に送る")
    assert api["caption_ja"].endswith("docs/scenarios.md「Sourcing」）。")
    off = client.get(
        "/api/sourcing/check",
        params={"year": 2027, "nodes": ["n28_45"], "fabs_off": ["renesas-naka"]},
    )
    assert off.status_code == 200, off.text
    body = off.json()
    assert body["caption_ja"].endswith("。停止した工場：renesas-naka。")
    assert body["caption"].endswith(" Switched off: renesas-naka.")
