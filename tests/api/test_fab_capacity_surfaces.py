"""One capacity per fab on every surface: `chipshock fabs` (table and JSON), its ``--totals``
and ``/api/fabs`` (which the dashboard's fab map sizes its circles by) show the same
300mm-equivalent figure, from `chipshock.analysis.registry.fab_capacity_300mm`.

Before, the CLI converted only the published ``fabs.csv`` capacity while the API took the
model's ``fab_capacity.csv`` first, under nearly the same column name: Rapidus showed no
capacity on the CLI and 18,000 wafers/month on the map."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


def _cli_json(built_store: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    rows = payload["rows"] if isinstance(payload, dict) else payload
    assert isinstance(rows, list)
    return rows


def test_cli_and_api_give_every_fab_the_same_capacity(
    client: AsgiClient, built_store: Path
) -> None:
    cli_rows = {r["fab_id"]: r for r in _cli_json(built_store, "fabs")}
    response = client.get("/api/fabs")
    assert response.status_code == 200
    api_rows = {r["fab_id"]: r for r in response.json()["rows"]}
    assert cli_rows.keys() == api_rows.keys() and len(cli_rows) > 150
    for fab_id, api in api_rows.items():
        cli = cli_rows[fab_id]
        assert cli["capacity_300mm_wspm"] == api["capacity_300mm_wspm"], fab_id
        assert cli["capacity_basis"] == api["capacity_basis"], fab_id
    # the alliance's flagship fab: the model's figure (fab_capacity.csv), not a blank
    assert cli_rows["rapidus-iim1"]["capacity_basis"] == "fab_capacity.csv"
    assert cli_rows["rapidus-iim1"]["capacity_300mm_wspm"] > 0
    # a fab with only a published figure keeps it, converted by area (150/200 mm)
    published = [r for r in cli_rows.values() if r["capacity_basis"] == "fabs.csv"]
    for row in published:
        ratio = (row["wafer_size_mm"] / 300.0) ** 2
        assert row["capacity_300mm_wspm"] == pytest.approx(row["capacity_wspm"] * ratio, abs=0.1)


def test_totals_sum_the_figure_each_fab_shows(built_store: Path) -> None:
    rows = _cli_json(built_store, "fabs", "--country", "JPN")
    totals = _cli_json(built_store, "fabs", "--country", "JPN", "--totals", "country")
    (jpn,) = totals
    shown = [r["capacity_300mm_wspm"] for r in rows if r["capacity_300mm_wspm"] is not None]
    assert jpn["n_fabs"] == len(rows)
    assert jpn["n_with_capacity"] == len(shown)
    assert jpn["capacity_300mm_wspm"] == pytest.approx(sum(shown))
