"""A market's chip demand by year as a run uses it, D[m, y] of
`chipshock.sim.demand.markets.market_demand_usd_bn`, on every surface (session 21): the
command line (`chipshock markets`), the API (GET /api/markets) and the report's assumptions
table (the lines `assumption_rows` adds for the scenario's year) give the same numbers.

Before, no surface showed it: the report listed the raw rows of end_markets.csv and
market_demand_path.csv, and a reader had to work out that AI's 2027 demand is 406 x
(1047/406)^(1/4) = 514.5 bn (release 18's single growth rate gave 315)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from tests.report.conftest import FakeResult, _bands, _kpis
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main
from chipshock.report import render_report
from chipshock.scenarios import load_scenario
from chipshock.sim.assumptions import DEMAND_FILE
from chipshock.sim.data import load_model_data
from chipshock.sim.prepare import prepare

FLAGSHIP = "taiwan-blockade-2027-6m"


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store))
    yield client
    client.close()


def _cli(built_store: Path, *args: str) -> Any:
    result = CliRunner().invoke(
        cli_app, ["markets", *args, "--db", str(built_store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _report_demand(built_store: Path) -> dict[str, str]:
    """{market: the value cell} of the report's D[m, y] lines for the flagship (the assumptions
    a run of it stores: `prepare` builds them before the weekly loop)."""
    prep = prepare(load_scenario(FLAGSHIP), load_model_data(built_store))
    html = render_report(
        FakeResult(bands=_bands(30.0), kpis=_kpis(1.0), assumptions=prep.assumptions), "en"
    )
    file, html = re.escape(DEMAND_FILE), html.replace("<wbr>", "")  # `cell_text`'s break hints
    return dict(re.findall(rf"<td>{file}</td><td>(\w+)/2027</td><td[^>]*>([\d,.]+)</td>", html))


def test_cli_api_and_report_give_the_same_2027_demand(
    client: AsgiClient, built_store: Path
) -> None:
    """2027 on every surface: the same rows on the CLI and the API, and the report's line of
    each market the same value to 0.1 bn. AI: between the 2026 (406) and 2030 (1,047) path
    rows, geometric, 514.5; cars: 75 bn in 2024 x 1.08^3 = 94.5 (no path rows)."""
    cli = _cli(built_store, "--year", "2027")
    response = client.get("/api/markets", params={"years": 2027})
    assert response.status_code == 200, response.text
    api = response.json()
    assert api["rows"] == cli["rows"]
    assert api["params"] == cli["params"] == {"years": [2027], "markets": [], "scenario": FLAGSHIP}
    assert api["meta"]["as_of"] == "2026-04"  # the latest row behind the numbers
    report = _report_demand(built_store)
    by_market = {r["market_id"]: r for r in cli["rows"]}
    assert set(report) == set(by_market) and len(report) == 6
    for m, row in by_market.items():
        assert report[m] == f"{row['chip_demand_usd_bn']:,.1f}", m
    ai, cars = by_market["ai_datacenter"], by_market["automotive"]
    assert ai["chip_demand_usd_bn"] == pytest.approx(406 * (1047 / 406) ** 0.25)
    assert round(ai["chip_demand_usd_bn"], 1) == 514.5
    assert (ai["basis"], ai["as_of"]) == ("between_path_rows", "2026-04 ; 2025-11-11")
    assert cars["chip_demand_usd_bn"] == pytest.approx(75 * 1.08**3)
    assert cars["basis"] == "growth"


def test_default_years_are_the_scenario_s_horizon(client: AsgiClient, built_store: Path) -> None:
    """Without years, both surfaces show the scenario's horizon (the flagship's 2026-2030) and
    say so; AI's 2026 and 2030 are its path rows, as written."""
    cli = _cli(built_store, "--market", "ai_datacenter")
    api = client.get("/api/markets", params={"markets": "ai_datacenter"}).json()
    assert api["rows"] == cli["rows"]
    assert [r["year"] for r in cli["rows"]] == [2026, 2027, 2028, 2029, 2030]
    values = {r["year"]: (r["chip_demand_usd_bn"], r["basis"]) for r in cli["rows"]}
    assert values[2026] == (406.0, "path_row")
    assert values[2030] == (1047.0, "path_row")
    text = CliRunner().invoke(
        cli_app, ["markets", "--db", str(built_store), "--market", "ai_datacenter"]
    )
    assert "horizon of scenario taiwan-blockade-2027-6m (2026–2030)" in " ".join(
        text.stdout.split()
    )


def test_priorities_and_errors(
    client: AsgiClient, built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario's priority weights show (1 where it gives none, as the engine); an unknown
    market or scenario is an error naming it, on both surfaces."""
    flagship = _cli(built_store, "--year", "2027")["rows"]
    assert {r["priority"] for r in flagship} == {1.0}  # no [priorities] in the flagship
    toml = tmp_path / "cars-first.toml"
    toml.write_text(
        '[scenario]\nid = "cars-first"\ntitle = "Cars first"\nstart_year = 2026\n'
        "end_year = 2027\n"
        "[priorities]\nautomotive = 3.0\n",
        encoding="utf-8",
    )
    rows = _cli(built_store, "--scenario", str(toml))["rows"]
    assert {(r["market_id"], r["year"]): r["priority"] for r in rows if r["priority"] != 1} == {
        ("automotive", 2026): 3.0,
        ("automotive", 2027): 3.0,
    }
    assert main(["markets", "--db", str(built_store), "--market", "cars"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "--market: unknown market (got 'cars'" in err and "(did you mean automotive" in err
    response = client.get("/api/markets", params={"markets": "cars"})  # uxr2, finding 7
    assert response.status_code == 404 and "cars" in response.text
    assert response.json()["field"] == "markets"
    assert "(did you mean automotive" in response.json()["detail"]
    assert client.get("/api/markets", params={"scenario": "nope"}).status_code in (404, 422)
