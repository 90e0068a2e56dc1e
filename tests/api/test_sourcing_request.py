"""A request's ``sourcing`` rows (a scenario file's [[sourcing]] tables in a JSON body): checked
by the parser's own code with its paths and values (422), run as `chipshock scenario run` runs
the same tables in a file (the same lines and numbers), part of the cache key, and carried by
compare, contributions and the job routes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.scenarios import builtin_text

FLAGSHIP = "taiwan-blockade-2027-6m"
#: docs/scenarios.md's carmaker: 28-45 nm MCUs 60 % TSMC, 25 % Renesas, 15 % UMC
CARMAKER: list[dict[str, Any]] = [
    {"market": "automotive", "node_class": "n28_45", "operator": "tsmc", "share_pct": 60,
     "note": "our 28-45 nm MCUs, purchasing data 2026"},
    {"market": "automotive", "node_class": "n28_45", "operator": "renesas", "share_pct": 25},
    {"market": "automotive", "node_class": "n28_45", "operator": "umc", "share_pct": 15},
]  # fmt: skip
RUN = {"scenario": FLAGSHIP, "runs": 4, "seed": 11}


def _toml_tables(rows: list[dict[str, Any]]) -> str:
    """``rows`` as [[sourcing]] tables of a scenario file."""
    blocks = []
    for row in rows:
        lines = ["[[sourcing]]"] + [f"{k} = {json.dumps(v)}" for k, v in row.items()]
        blocks.append("\n".join(lines))
    return "\n\n" + "\n\n".join(blocks) + "\n"


@pytest.fixture(scope="module")
def api_run(api: AsgiClient) -> dict[str, Any]:
    r = api.post("/api/scenarios/run", json={**RUN, "sourcing": CARMAKER})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_api_and_cli_give_the_same_sourcing_lines_and_numbers(
    api_run: dict[str, Any], store_path: Path, tmp_path: Path
) -> None:
    """The flagship with the carmaker's rows in the body answers the lines `scenario run
    --format json` gives for the flagship's file with the same [[sourcing]] tables, and the
    same summary (same runs and seed): one reading, one engine."""
    path = tmp_path / "flagship-car.toml"
    path.write_text(builtin_text(FLAGSHIP) + _toml_tables(CARMAKER), encoding="utf-8")
    args = ["scenario", "run", str(path), "--runs", "4", "--seed", "11", "--format", "json"]
    result = CliRunner().invoke(cli_app, [*args, "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    (line,) = api_run["sourcing"]
    assert cli["sourcing"] == api_run["sourcing"]
    assert line.startswith("automotive n28_45 (scenario [[sourcing]], 2027): tsmc 60 % sourced")
    assert cli["summary"] == api_run["summary"]
    rows = api_run["sourcing_rows"]
    assert [(r["operator"], r["sourced_pct"], r["year"]) for r in rows] == [
        ("tsmc", 60.0, 2027),
        ("renesas", 25.0, 2027),
        ("umc", 15.0, 2027),
    ]
    assert rows[0]["note"] == CARMAKER[0]["note"]
    # the registry's Renesas n28_45 line cannot take a quarter of the market's wafers
    assert rows[1]["served_pct"] < 10 and f"{rows[1]['served_pct']:.1f} % served" in line
    assert "own sourcing of automotive n28_45" in api_run["scenario"]["title"]
    assert api_run["params"]["sourcing"][2]["operator"] == "umc"


def test_sourcing_is_part_of_the_cache_key(api: AsgiClient, api_run: dict[str, Any]) -> None:
    """The same run without the rows (or with other shares) is another answer, not the cached
    one; the same rows again are the same bytes."""
    plain = api.post("/api/scenarios/run", json=RUN).json()
    assert plain["sourcing"] == [] and plain["sourcing_rows"] == []
    assert "own sourcing" not in plain["scenario"]["title"]
    assert plain["summary"] != api_run["summary"]
    other = [{**CARMAKER[0], "share_pct": 30}, *CARMAKER[1:]]
    moved = api.post("/api/scenarios/run", json={**RUN, "sourcing": other}).json()
    assert moved["sourcing"][0].split(": ")[1].startswith("tsmc 30 % sourced")
    again = api.post("/api/scenarios/run", json={**RUN, "sourcing": CARMAKER}).json()
    assert again == api_run


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"operator": "tsmcc"}, "sourcing[0].operator", ["'tsmcc'", "did you mean tsmc"]),
        ({"operator": "renesas", "node_class": "lt10"}, "sourcing[0].operator", ["'renesas'"]),
        ({"market": "automotiv"}, "sourcing[0].market", ["'automotiv'", "'automotive'"]),
        ({"node_class": "n28"}, "sourcing[0].node_class", ["'n28'", "n28_45"]),
        ({"share_pct": 120}, "sourcing[0].share_pct", ["'120'", "≤ 100"]),
        ({"operator": "TSMC"}, "sourcing[0].operator", ["malformed operator id", "'TSMC'"]),
    ],
)
def test_a_bad_row_is_a_422_naming_its_path_and_value(
    api: AsgiClient, row: dict[str, Any], field: str, words: list[str]
) -> None:
    """Each of the parser's checks (and the engine's operator check, made before any work)
    answers 422 with the path of a file's table and the value given."""
    body = {**RUN, "sourcing": [{**CARMAKER[0], **row}]}
    r = api.post("/api/scenarios/run", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["field"] == field
    assert all(w in r.json()["detail"] for w in words), r.json()["detail"]


def test_shares_over_100_and_an_operator_twice_are_refused_together(api: AsgiClient) -> None:
    """Every problem at once: the sum of one market and class over 100 and an operator named
    twice, in the parser's words, on the run, compare, contributions and job routes alike."""
    rows = [CARMAKER[0], {**CARMAKER[1], "share_pct": 50}, {**CARMAKER[0], "share_pct": 1}]
    for route in ("scenarios/run", "scenarios/compare", "scenarios/contributions", "jobs/run"):
        r = api.post(f"/api/{route}", json={**RUN, "sourcing": rows})
        assert r.status_code == 422, (route, r.text)
        detail = r.json()["detail"]
        assert "2 problems" in detail and "operator named twice" in detail
        assert "add up to more than 100 %" in detail and "'111'" in detail


def test_a_row_of_the_wrong_type_names_the_path(api: AsgiClient) -> None:
    """A type the body's schema refuses (a share as text, an unknown key) is named with the
    same path form as the parser's problems."""
    r = api.post(
        "/api/scenarios/run", json={**RUN, "sourcing": [{**CARMAKER[0], "share_pct": "60"}]}
    )
    assert r.status_code == 422 and r.json()["field"] == "sourcing[0].share_pct", r.text
    r = api.post("/api/scenarios/run", json={**RUN, "sourcing": [{**CARMAKER[0], "shares": 1}]})
    assert r.status_code == 422 and r.json()["field"] == "sourcing[0].shares", r.text


def test_compare_and_contributions_carry_the_rows(api: AsgiClient) -> None:
    """A comparison runs the rows on both sides (without and with the alliance fabs) and gives
    each side's lines, as `scenario compare --format json` does; a contribution analysis says
    the rows its sides ran."""
    r = api.post("/api/scenarios/compare", json={**RUN, "sourcing": CARMAKER})
    assert r.status_code == 200, r.text
    body = r.json()
    for side in ("a", "b"):
        (line,) = body[side]["sourcing"]
        assert line.startswith("automotive n28_45 (scenario [[sourcing]], 2027): tsmc 60 %")
        assert [x["operator"] for x in body[side]["sourcing_rows"]] == ["tsmc", "renesas", "umc"]
    body = {**RUN, "runs": 2, "fabs": ["tsmc-arizona-p1"], "sourcing": CARMAKER}
    r = api.post("/api/scenarios/contributions", json=body)
    assert r.status_code == 200, r.text
    rows = r.json()["scenario"]["sourcing"]
    assert [(x["operator"], x["share_pct"]) for x in rows] == [
        ("tsmc", 60.0),
        ("renesas", 25.0),
        ("umc", 15.0),
    ]


def test_a_posted_scenario_file_runs_as_the_same_rows_in_the_body(
    api: AsgiClient, api_run: dict[str, Any]
) -> None:
    """The flagship's file with the carmaker's [[sourcing]] tables, posted in ``toml``, gives
    the numbers and lines of the flagship with the rows in ``sourcing`` (and so of the CLI);
    its title is the file's own, since nothing was changed."""
    text = builtin_text(FLAGSHIP) + _toml_tables(CARMAKER)
    r = api.post("/api/scenarios/run", json={"toml": text, "runs": 4, "seed": 11})
    assert r.status_code == 200, r.text
    posted = r.json()
    assert posted["sourcing"] == api_run["sourcing"] and posted["summary"] == api_run["summary"]
    assert posted["sourcing_rows"] == api_run["sourcing_rows"]
    assert posted["scenario"]["scenario_id"] == FLAGSHIP
    assert "changed" not in posted["scenario"]["title"]


@pytest.mark.parametrize(
    ("body", "status", "field", "words"),
    [
        ({"runs": 4}, 422, "scenario", ["missing", "toml"]),
        ({"scenario": FLAGSHIP, "toml": ""}, 422, "toml", ["together"]),
        ({"toml": "[scenario\n"}, 422, "toml, line 1, column 10", ["toml", "invalid TOML"]),
        ({"toml": "[scenario]\nend_year = 2050\n"}, 422, "toml.scenario.end_year", ["'2050'"]),
        (
            {"toml": "[[shock]]\nkind = 'country'\ntargets = ['ATLANTIS']\nstart = '2027-01'\n"},
            422,
            "toml.shock[0].targets",
            ["toml", "ATLANTIS"],
        ),
        (
            {"toml": _toml_tables([{**CARMAKER[0], "operator": "tsmcc"}])},
            422,
            "toml.sourcing[0].operator",
            ["toml", "did you mean tsmc"],
        ),
    ],
)
def test_a_bad_posted_file_is_refused_before_any_work(
    api: AsgiClient, body: dict[str, Any], status: int, field: str, words: list[str]
) -> None:
    """Neither or both of ``scenario`` and ``toml``, a syntax error, a bad value and what only
    the data can refuse (a target, a [[sourcing]] operator) answer 422 naming the field, or the
    file and the path in it (``toml.shock[0].targets``), on a run and when starting a job
    alike."""
    for route in ("scenarios/run", "jobs/run"):
        r = api.post(f"/api/{route}", json=body)
        assert r.status_code == status, (route, r.text)
        assert r.json()["field"] == field, r.text
        assert all(w in r.json()["detail"] for w in words), r.json()["detail"]
