"""An analyst's own scenario file with a ``[[fab_override]]`` (docs/scenarios.md: a slower
Rapidus IIM-1 from 2027), posted to ``/api/scenarios/run`` and ``/compare``: the numbers of
`chipshock scenario run` / `compare` for the same runs and seed, and a bad override refused
with the file, the field, the value and what was expected, in English and in Japanese (api31:
a negative capacity's bound read ``1e+07``, and four of the expected texts were left in
English on the Japanese side)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from tests.api.test_error_bodies import _assert_japanese
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main

RUNS = 6
SEED = 5
SHOCK = (
    '[scenario]\nid = "{id}"\nstart_year = 2027\nend_year = 2029\n\n'
    '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-06"\n'
    "duration_weeks = 26\nseverity = 1.0\n"
)
OVERRIDE = (
    '\n[[fab_override]]\nfab = "rapidus-iim1"\ncapacity_wspm = {capacity}\n'
    "start_year = 2027\nramp_years = 3\n"
)
SLOW = SHOCK.format(id="rapidus-slow") + OVERRIDE.format(capacity=6000)
NONE = SHOCK.format(id="no-override")
BIG = SHOCK.format(id="rapidus-big") + OVERRIDE.format(capacity=60000)


def _cli(store: Path, *args: str) -> dict[str, Any]:
    """`chipshock scenario ...` on the session's store, its JSON."""
    given = [*args, "--runs", str(RUNS), "--seed", str(SEED), "--db", str(store)]
    result = CliRunner().invoke(cli_app, ["scenario", *given, "--format", "json"])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout[result.stdout.index("{") :])
    return found


def test_a_file_with_an_override_runs_as_the_cli_runs_it(
    api: AsgiClient, built_store: Path, tmp_path: Path
) -> None:
    """The same file, runs and seed: KPIs, summary, loss by country and the override's line in
    ``settings`` are the CLI's."""
    pytest.importorskip("chipshock.sim")
    path = tmp_path / "rapidus-slow.toml"
    path.write_text(SLOW)
    cli = _cli(built_store, "run", str(path))
    resp = api.post("/api/scenarios/run", json={"toml": SLOW, "runs": RUNS, "seed": SEED})
    assert resp.status_code == 200, resp.text[:500]
    web = resp.json()
    for key in ("kpis", "summary", "loss_by_country", "value_added_by_country", "settings"):
        assert web[key] == cli[key], key
    assert any("rapidus-iim1" in line and "6,000" in line for line in web["settings"]["en"])


def test_two_overrides_compared_give_the_cli_numbers(
    api: AsgiClient, built_store: Path, tmp_path: Path
) -> None:
    """No override against Rapidus at 60,000 wafers a month: the API's comparison is the CLI's
    to the last digit, and the bigger fab is the better side (the override reaches the engine)."""
    pytest.importorskip("chipshock.sim")
    a, b = tmp_path / "none.toml", tmp_path / "big.toml"
    a.write_text(NONE)
    b.write_text(BIG)
    cli = _cli(built_store, "compare", str(a), str(b))
    body = {"toml": NONE, "other_toml": BIG, "runs": RUNS, "seed": SEED}
    resp = api.post("/api/scenarios/compare", json=body)
    assert resp.status_code == 200, resp.text[:500]
    web = resp.json()
    assert web["headline"] == cli["headline"] and web["delta"] == cli["delta"]
    assert (web["a"]["kpis"], web["b"]["kpis"]) == (cli["a"], cli["b"])
    assert web["better"] == cli["better"] == "b"
    assert web["headline"]["loss_avoided_usd_bn"]["p50"] > 0


#: a bad override: the line changed, the path, the value as given, the English expected and
#: its Japanese
BAD: list[tuple[str, str, str, str, str, str]] = [
    (
        'fab = "rapidus-iim1"',
        'fab = "rapidus-iim2"',
        "fab_override[0].fab",
        "rapidus-iim2",
        "did you mean rapidus-iim1?",
        "データにある工場（adi-beaverton、",
    ),
    (
        'fab = "rapidus-iim1"',
        "fab = 5",
        "fab_override[0].fab",
        "5",
        "a fab_id from fabs.csv, e.g. 'rapidus-iim1'",
        "fabs.csv の `fab_id`（例：rapidus-iim1）",
    ),
    (
        "capacity_wspm = 6000",
        "capacity_wspm = -6000",
        "fab_override[0].capacity_wspm",
        "-6000",
        "0 ≤ value ≤ 10,000,000",
        "0 以上 10,000,000 以下",
    ),
    (
        "capacity_wspm = 6000",
        'capacity_wspm = "6000"',
        "fab_override[0].capacity_wspm",
        "6000",
        "a finite number",
        "有限の数値",
    ),
    (
        "ramp_years = 3",
        'ramp_years = 3\nnode_class = "n28_45"',
        "fab_override[0].node_class",
        "n28_45",
        "a class it has rows in (lt10), or no node_class for it",
        "`fab_capacity.csv` にこの工場の行がある区分（lt10）、または `node_class` を書かない",
    ),
    (
        "capacity_wspm = 6000\nstart_year = 2027\nramp_years = 3\n",
        "",
        "fab_override[0]",
        "rapidus-iim1",
        "at least one of capacity_wspm, start_year, ramp_years",
        "capacity_wspm、start_year、ramp_years のうち一つ以上",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "path", "value", "expected", "expected_ja"),
    BAD,
    ids=[
        "unknown fab",
        "fab a number",
        "negative capacity",
        "wrong type",
        "class without rows",
        "no change",
    ],
)
@pytest.mark.parametrize("side", ["toml", "other_toml"])
def test_a_bad_override_is_refused_in_both_languages(
    api: AsgiClient,
    side: str,
    old: str,
    new: str,
    path: str,
    value: str,
    expected: str,
    expected_ja: str,
) -> None:
    """A 422 before any run whose ``field`` names the file and the path, with the value as
    given and what was expected in English and in Japanese (no English left in it), on a run
    (``toml``) and as a comparison's other file (``other_toml``)."""
    pytest.importorskip("chipshock.sim")
    bad = SLOW.replace(old, new)
    route, body = (
        ("run", {"toml": bad, "runs": 2})
        if side == "toml"
        else ("compare", {"toml": NONE, "other_toml": bad, "runs": 2})
    )
    resp = api.post(f"/api/scenarios/{route}", json=body)
    assert resp.status_code == 422, resp.text[:300]
    found = resp.json()
    assert found["field"] == f"{side}.{path}"
    [problem] = found["problems"]
    assert (problem["field"], problem["value"]) == (f"{side}.{path}", value)
    assert expected in problem["expected"] and expected in found["detail"]
    assert f"{side}, {path}: " in found["detail"]
    assert problem["expected_ja"].startswith(expected_ja), problem["expected_ja"]
    assert "（英語）" not in found["detail_ja"]
    assert f"・{side}.{path}：" in found["detail_ja"] and value in found["detail_ja"]
    _assert_japanese(found)


def test_a_number_for_the_fab_is_one_problem_on_the_api_and_the_cli(
    api: AsgiClient, built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``fab = 5``: one problem (its field, the value 5, a fab_id expected), not 'wrong type'
    and then 'missing' for the same field (api31); the CLI says the same one line."""
    bad = SLOW.replace('fab = "rapidus-iim1"', "fab = 5")
    resp = api.post("/api/scenarios/run", json={"toml": bad, "runs": 2})
    assert resp.status_code == 422, resp.text[:300]
    [problem] = resp.json()["problems"]
    path = tmp_path / "fab-number.toml"
    path.write_text(bad)
    code = main(["scenario", "run", str(path), "--runs", "2", "--db", str(built_store)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    said = [line for line in err.splitlines() if line.startswith("  - ")]
    assert said == [
        f"  - {path}, fab_override[0].fab: wrong type (got '5'; expected {problem['expected']})"
    ]
    assert problem["field"] == "toml.fab_override[0].fab" and problem["value"] == "5"
