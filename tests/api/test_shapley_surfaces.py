"""Shapley values and synergy read the same on every surface, in percent (0–100) under names
that say so: `chipshock shapley|synergy --format json|csv` and ``GET /api/shapley``,
``/api/synergy`` serve ``shapley_pct``, ``standalone_pct``, ``v_all_pct``, ``v_union_pct``,
``synergy_pct``..., the numbers the tables show (review finding 5: JSON and CSV gave 0.39
where the table showed 39.0 and docs/api.md says "Percentages are 0–100")."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.analysis.shapley import SHAPLEY_PCT_COLUMNS
from chipshock.api import create_app
from chipshock.cli.main import app as cli_app


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


def _cli(built_store: Path, *args: str) -> str:
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _cli_json(built_store: Path, *args: str) -> dict[str, Any]:
    payload = json.loads(_cli(built_store, *args, "--format", "json"))
    assert isinstance(payload, dict)
    return payload


def test_shapley_cli_json_equals_the_api(client: AsgiClient, built_store: Path) -> None:
    """The same request gives the same rows, v(all) and v(none), in percent, from the CLI's
    JSON and from the API (the reviewer's five members: USA 39.0, standalone 36.0)."""
    cli = _cli_json(built_store, "shapley", "USA", "JPN", "NLD", "KOR", "TWN")
    api = client.get("/api/shapley", params={"countries": "USA,JPN,NLD,KOR,TWN"}).json()
    assert cli["rows"] == api["rows"]
    assert list(cli["rows"][0]) == SHAPLEY_PCT_COLUMNS
    for key in ("v_all_pct", "v_none_pct", "method", "seed", "value_function"):
        assert cli[key] == api[key], key
    usa = next(r for r in api["rows"] if r["member"] == "USA")
    assert (usa["shapley_pct"], usa["standalone_pct"]) == (39.0, 36.0)
    assert api["v_all_pct"] == 80.0
    assert not {"v_all", "v_none"} & set(api) | {"v_all", "v_none"} & set(cli)
    total = sum(r["share_of_total_pct"] for r in api["rows"])
    assert total == pytest.approx(100.0, abs=1e-4)


def test_synergy_cli_json_equals_the_api(client: AsgiClient, built_store: Path) -> None:
    """v(A), v(B), v(A∪B), the synergy and what only the union covers are the same from the
    CLI's JSON and the API, in percent; the CLI's rows carry those values as ``value_pct``."""
    cli = _cli_json(built_store, "synergy", "USA", "JPN")
    api = client.get("/api/synergy", params={"a": "USA", "b": "JPN"}).json()
    keys = (
        "v_a_pct",
        "v_b_pct",
        "v_union_pct",
        "synergy_pct",
        "ratio",
        "counts",
        "group_a",
        "group_b",
    )
    for key in keys:
        assert cli[key] == api[key], key
    assert [r["value_pct"] for r in cli["rows"]] == [api[k] for k in keys[:4]]
    assert api["v_a_pct"] == 36.0 and api["synergy_pct"] == pytest.approx(5.333333, abs=1e-6)
    # whole inputs that add up: 50 - 27 - 19 = 4 = the union-only rows, 4 of 75 = 5.33 points
    # (audit31, finding 10: 36.0 + 25.3 against 66.7 reads as 5.4)
    assert api["counts"] == {"a": 27, "b": 19, "union": 50, "only": 4, "inputs": 75}
    assert len(api["union_only"]) == 4
    assert [r["input_id"] for r in cli["union_only"]] == [r["input_id"] for r in api["union_only"]]
    assert not {"v_a", "v_b", "v_union", "synergy"} & (set(api) | set(cli))


def test_csv_and_table_show_the_json_numbers(built_store: Path) -> None:
    """The CSV has the JSON's columns and numbers, and the table shows them to one decimal
    (36.0, 5.3), the scale of all three the same."""
    rows = list(
        csv.DictReader(io.StringIO(_cli(built_store, "synergy", "USA", "JPN", "-f", "csv")))
    )
    assert list(rows[0]) == ["group", "value_pct"]
    assert float(rows[0]["value_pct"]) == 36.0
    table = _cli(built_store, "synergy", "USA", "JPN")
    assert "36.0" in table and "5.3" in table and "value %" in table
    shapley_csv = _cli(built_store, "shapley", "USA", "JPN", "NLD", "KOR", "TWN", "-f", "csv")
    head, usa = shapley_csv.splitlines()[:2]
    assert head.split(",") == SHAPLEY_PCT_COLUMNS
    assert usa.startswith("USA,39.0,")


@pytest.mark.parametrize(
    ("command", "route", "params"),
    [
        (["coalition", "USA", "JPN", "TWN"], "/api/coalition", {"countries": "USA,JPN,TWN"}),
        (["shapley", "USA", "JPN", "TWN"], "/api/shapley", {"countries": "USA,JPN,TWN"}),
        (["synergy", "USA,JPN", "TWN"], "/api/synergy", {"a": "USA,JPN", "b": "TWN"}),
    ],
)
def test_coalition_answers_say_fab_capacity_is_not_counted(
    client: AsgiClient, built_store: Path, command: list[str], route: str, params: dict[str, str]
) -> None:
    """Taiwan's Shapley value among USA, JPN, NLD, KOR and TWN is 0.6 %: a reader takes that
    for Taiwan's weight in chips unless the answer says that its fabs are not among the inputs
    counted (session 25's user review, as the criticality ranking says it): the CLI's caption,
    its JSON's ``scope`` and the API's ``scope``, in English and Japanese, are the one
    `coalition_scope`."""
    from chipshock.present.coverage_notes import coalition_scope

    scope = {lang: coalition_scope(lang) for lang in ("en", "ja")}
    assert "wafer fabrication capacity is not one of them" in scope["en"]
    assert "ウェーハ製造能力" in scope["ja"]
    table = " ".join(_cli(built_store, *command).split())
    assert " ".join(scope["en"].split()) in table
    assert _cli_json(built_store, *command)["scope"] == scope
    assert client.get(route, params=params).json()["scope"] == scope


def test_readme_quotes_taiwans_shapley_value(client: AsgiClient) -> None:
    """README's coalition paragraph quotes Taiwan's Shapley value among USA, JPN, NLD, KOR and
    TWN, to one decimal, as the API gives it."""
    api = client.get("/api/shapley", params={"countries": "USA,JPN,NLD,KOR,TWN"}).json()
    twn = next(r for r in api["rows"] if r["member"] == "TWN")["shapley_pct"]
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text("utf-8").split())
    assert f"Taiwan's Shapley value among those five is {twn:.1f} %" in readme
