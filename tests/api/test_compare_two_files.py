"""Two scenario files compared through the API (``toml`` and ``other_toml``), as the CLI
compares them (`chipshock scenario compare a.toml b.toml`): the same numbers for the same runs
and seed, and the other file refused as the first one is (api30: ``other`` took only a
built-in id)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.api.conftest import AsgiClient
from tests.api.test_error_bodies import BAD_TOML, _assert_japanese
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main

RUNS = 4
SEED = 9
URL = "/api/scenarios/compare"


def _file(scenario_id: str, weeks: int) -> str:
    return (
        f'[scenario]\nid = "{scenario_id}"\nstart_year = 2027\nend_year = 2029\n\n'
        '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-06"\n'
        f"duration_weeks = {weeks}\nseverity = 1.0\n"
    )


SHORT, LONG = _file("short-blockade", 8), _file("long-blockade", 30)


def test_two_files_give_the_numbers_of_the_cli(
    api: AsgiClient, built_store: Path, tmp_path: Path
) -> None:
    """The same two files, runs and seed: the headline, the per-run delta, each side's KPIs
    and the better side are the CLI's, to the last digit."""
    pytest.importorskip("chipshock.sim")
    a, b = tmp_path / "short.toml", tmp_path / "long.toml"
    a.write_text(SHORT)
    b.write_text(LONG)
    args = ["scenario", "compare", str(a), str(b), "--runs", str(RUNS), "--seed", str(SEED)]
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    resp = api.post(URL, json={"toml": SHORT, "other_toml": LONG, "runs": RUNS, "seed": SEED})
    assert resp.status_code == 200, resp.text[:500]
    web = resp.json()
    assert (web["scenario_a"]["scenario_id"], web["scenario_b"]["scenario_id"]) == (
        "short-blockade",
        "long-blockade",
    )
    assert (web["params"]["runs"], web["params"]["seed"]) == (cli["runs"], cli["seed"])
    assert cli["better"] == web["better"] == "a"  # eight weeks lose less than thirty
    assert cli["headline"] == web["headline"]
    assert cli["delta"] == web["delta"]
    for side in ("a", "b"):
        assert cli[side] == web[side]["kpis"], side
    assert web["headline"]["loss_avoided_usd_bn"]["p50"] < 0  # b loses more than a


def test_a_bad_other_file_is_refused_as_the_first_one(api: AsgiClient) -> None:
    """The bad file as ``other_toml``: the 422 of the same file as ``toml`` (the same problems
    and Japanese lines), each naming ``other_toml`` where the first names ``toml``: in the
    English detail, in ``field`` and in each Japanese line (api31: only the English said which
    file)."""
    first = api.post(URL, json={"toml": BAD_TOML, "runs": 2})
    other = api.post(URL, json={"scenario": "korea-conflict", "other_toml": BAD_TOML, "runs": 2})
    assert first.status_code == other.status_code == 422
    one, two = first.json(), other.json()
    assert two["code"] == one["code"] == "invalid_scenario"
    assert len(two["problems"]) == 4
    for a, b in zip(one["problems"], two["problems"], strict=True):
        assert b == {**a, "field": a["field"].replace("toml.", "other_toml.", 1)}
    assert (one["field"], two["field"]) == ("toml.scenario.name", "other_toml.scenario.name")
    assert two["detail"] == one["detail"].replace("  - toml, ", "  - other_toml, ")
    assert "  - other_toml, shock[0].kind: unknown shock kind" in two["detail"]
    assert two["detail_ja"] == one["detail_ja"].replace("・toml.", "・other_toml.")
    assert "・other_toml.shock[0].kind：該当するショックの種類がありません" in two["detail_ja"]
    _assert_japanese(two)


def test_a_bad_value_in_the_other_file_names_the_file_in_both_languages(api: AsgiClient) -> None:
    """A good first file and a severity out of range in the other: ``field`` is
    ``other_toml.shock[0].severity`` and the Japanese line names it so, as the English detail
    names ``other_toml, shock[0].severity``."""
    bad_other = LONG.replace("severity = 1.0", "severity = 4.0")
    resp = api.post(URL, json={"toml": SHORT, "other_toml": bad_other, "runs": 2})
    assert resp.status_code == 422, resp.text[:300]
    body = resp.json()
    assert body["field"] == body["problems"][0]["field"] == "other_toml.shock[0].severity"
    assert "  - other_toml, shock[0].severity: " in body["detail"]
    assert (
        body["detail_ja"]
        .split("\n")[1]
        .startswith("・other_toml.shock[0].severity：範囲外の値です")
    )
    _assert_japanese(body)


def test_what_only_the_data_refuses_names_the_other_file(api: AsgiClient) -> None:
    """A fab the data does not have, in the other file: a 422 before any run, naming
    ``other_toml`` in ``field`` and in both languages (the engine alone would answer 404)."""
    pytest.importorskip("chipshock.sim")
    bad = SHORT.replace('kind = "country"\ntargets = ["TWN"]', 'kind = "fab"\ntargets = ["zzqfab"]')
    resp = api.post(URL, json={"toml": LONG, "other_toml": bad, "runs": 2})
    assert resp.status_code == 422, resp.text[:300]
    body = resp.json()
    assert body["field"] == "other_toml.shock[0].targets"
    assert "other_toml, shock[0].targets:" in body["detail"] and "zzqfab" in body["detail"]
    assert "・other_toml.shock[0].targets：" in body["detail_ja"]
    _assert_japanese(body)


def test_an_id_and_a_file_for_the_other_side_are_refused(api: AsgiClient) -> None:
    """``other`` and ``other_toml`` together: a 422 naming ``other_toml``, in both languages."""
    resp = api.post(
        URL, json={"scenario": "korea-conflict", "other": "korea-conflict", "other_toml": LONG}
    )
    assert resp.status_code == 422
    body = resp.json()
    assert body["field"] == "other_toml" and "given together" in body["detail"]
    _assert_japanese(body)


def test_two_bad_files_are_refused_together_as_the_cli_refuses_them(
    api: AsgiClient, built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both files bad: one 422 lists the first file's problems, then the other's, each naming
    its file and field in both languages (api31 stopped at the first file), and `chipshock
    scenario compare A.toml B.toml` lists the same problems of the same files."""
    bad_other = LONG.replace("severity = 1.0", "severity = 4.0").replace(
        "duration_weeks = 30", "duration_weeks = -1"
    )
    resp = api.post(URL, json={"toml": BAD_TOML, "other_toml": bad_other, "runs": 2})
    assert resp.status_code == 422, resp.text[:300]
    body = resp.json()
    first = api.post(URL, json={"toml": BAD_TOML, "runs": 2}).json()["problems"]
    fields = [p["field"] for p in body["problems"]]
    assert body["problems"][: len(first)] == first
    assert fields[len(first) :] == [
        "other_toml.shock[0].duration_weeks",
        "other_toml.shock[0].severity",
    ]
    assert body["field"] == "toml.scenario.name"
    assert body["detail"].startswith(f"invalid scenario: {len(fields)} problems found")
    for field in fields:
        file, path = field.split(".", 1)
        assert f"  - {file}, {path}: " in body["detail"]
        assert f"・{field}：" in body["detail_ja"]
    _assert_japanese(body)
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(BAD_TOML)
    b.write_text(bad_other)
    code = main(["scenario", "compare", str(a), str(b), "--runs", "2", "--db", str(built_store)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    said = [line for line in err.splitlines() if line.startswith("  - ")]
    named = {"toml": str(a), "other_toml": str(b)}
    assert [line.split(":")[0] for line in said] == [
        f"  - {named[f.split('.', 1)[0]]}, {f.split('.', 1)[1]}" for f in fields
    ]
