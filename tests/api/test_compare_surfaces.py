"""A comparison on every surface: the CLI (``--format json``), the API and the report give the
same numbers for the same request (scenarios, runs, seed), and no surface writes a negative zero;
so do a scenario's per-producer utilisation tables.
(One scenario on every surface: `tests/report/test_surfaces.py`.)"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.present.summary import no_better_text
from chipshock.scenarios import builtin_ids

pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"
TWIN = "taiwan-blockade-2027-6m-no-alliance-fabs"
RUNS = 3
HEADLINE = (
    "loss_avoided_usd_bn",
    "shortfall_weeks_avoided",
    "output_lost_weeks_avoided",
    "weeks_to_recover_saved",
)


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=300.0))
    yield client
    client.close()


def negative_zeros(value: Any, path: str = "") -> list[str]:
    """Where in a JSON value a float is -0.0."""
    if isinstance(value, float):
        return [path] if value == 0.0 and math.copysign(1.0, value) < 0 else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in negative_zeros(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in negative_zeros(v, f"{path}[{i}]")]
    return []


def test_negative_zeros_are_found() -> None:
    """The checker sees a -0.0 wherever it sits (a checker that cannot fail proves nothing)."""
    assert negative_zeros(json.loads('{"a": [1.0, {"b": -0.0}], "c": 0.0}')) == [".a[1].b"]


def cli_compare(db: Path, a: str, b: str) -> dict[str, Any]:
    args = ["scenario", "compare", a, b, "--runs", str(RUNS), "--db", str(db), "--format", "json"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    return dict(json.loads(text[text.index("{") :]))


def test_flagship_against_itself_avoids_plus_zero(built_store: Path, client: AsgiClient) -> None:
    """The flagship compared with itself avoids nothing: every headline figure is +0.0 on the
    CLI and the API (the headline negates per-run differences, and -(0.0) is -0.0), and no
    number anywhere in either answer is a negative zero."""
    cli = cli_compare(built_store, FLAGSHIP, FLAGSHIP)
    resp = client.post(
        "/api/scenarios/compare", json={"scenario": FLAGSHIP, "other": FLAGSHIP, "runs": RUNS}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for answer in (cli["headline"], web["headline"]):
        for name in HEADLINE:
            assert answer[name] == {"mean": 0.0, "p5": 0.0, "p50": 0.0, "p95": 0.0}, name
    assert negative_zeros(cli) == []
    assert negative_zeros(web) == []  # the numbers and the chart data
    assert cli["better"] is None and web["better"] is None  # neither side loses less
    for lang in ("en", "ja"):  # the paragraph says the tie in the CLI's words, as the CLI's
        assert no_better_text(lang) in web["summary_text"][lang]
        assert web["summary_text"][lang] == cli["summary_text"][lang]


def test_flagship_headline_is_the_same_on_cli_and_api(
    built_store: Path, client: AsgiClient
) -> None:
    """What the alliance fabs avoid in the flagship (twin without them against the flagship,
    same runs and seed): the CLI's and the API's headline and per-run delta summary agree to
    the last digit, and neither carries a negative zero."""
    cli = cli_compare(built_store, TWIN, FLAGSHIP)
    resp = client.post(
        "/api/scenarios/compare", json={"scenario": TWIN, "other": FLAGSHIP, "runs": RUNS}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert cli["runs"] == web["params"]["runs"] == RUNS
    assert cli["seed"] == web["params"]["seed"]
    for name in HEADLINE:
        assert cli["headline"][name] == pytest.approx(web["headline"][name], rel=1e-12), name
    assert web["headline"]["loss_avoided_usd_bn"]["p50"] > 0  # the fabs do avoid a loss
    # the second side loses less on both surfaces (the CLI names it, the API's chart flips not)
    assert cli["better"] == web["better"] == "b" and web["avoided"]["first_is_better"] is False
    # the pair's sides have one name on both surfaces (review12 #2: the API gave the titles)
    assert cli["labels"] == web["labels"]
    assert web["labels"]["en"] == ["without the alliance fabs", "with the alliance fabs"]
    assert web["summary_text"] == cli["summary_text"]
    # the caveats name the sides so too (they named the titles, "… (changed: …)": session 30)
    assert web["caveats"] == cli["caveats"] and web["caveats_ja"] == cli["caveats_ja"]
    assert not any("changed:" in c for c in web["caveats"])
    cli_delta = {(r["market"], r["kpi"]): r for r in cli["delta"]}
    web_delta = {(r["market"], r["kpi"]): r for r in web["delta"]}
    assert cli_delta.keys() == web_delta.keys()
    for key, row in cli_delta.items():
        for stat in ("mean", "p5", "p50", "p95"):
            assert web_delta[key][stat] == pytest.approx(row[stat], rel=1e-12, abs=1e-12), key
    assert negative_zeros(cli) == negative_zeros({**web, "charts": None}) == []


def test_the_alliance_comparisons_caveats_name_its_sides_on_cli_and_api(
    built_store: Path, client: AsgiClient
) -> None:
    """The default comparison (one scenario, without and with the alliance fabs): the API's
    caveats name the sides as its ``labels`` and summary do (they gave "Taiwan blockade, 2027,
    six months (changed: without the alliance fabs)": session 30), and equal the CLI's."""
    args = ["scenario", "compare", FLAGSHIP, "--runs", str(RUNS), "--format", "json"]
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store)])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    resp = client.post("/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert web["labels"] == cli["labels"]
    assert (web["caveats"], web["caveats_ja"]) == (cli["caveats"], cli["caveats_ja"])
    binding = [c for c in web["caveats"] if c.startswith("Binding class")]
    assert binding and not any("changed:" in c for c in web["caveats"])
    assert all(c in web["summary_text"]["en"] for c in web["caveats"])


def test_the_better_first_side_is_the_same_on_cli_and_api(
    built_store: Path, client: AsgiClient
) -> None:
    """The flagship first, its twin without the alliance fabs second: the first side loses
    less. The CLI's ``better`` names it as the API's avoided chart does (``first_is_better``),
    and what the CLI's terminal shows it avoids (the signed B − A delta itself, as the report's
    appendix table) is the API's avoided loss, p5, p50 and p95 (USD bn, all end markets)."""
    cli = cli_compare(built_store, FLAGSHIP, TWIN)
    resp = client.post(
        "/api/scenarios/compare", json={"scenario": FLAGSHIP, "other": TWIN, "runs": RUNS}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert cli["better"] == web["better"] == "a" and web["avoided"]["first_is_better"] is True
    loss = next(r for r in cli["delta"] if (r["market"], r["kpi"]) == ("all", "loss_usd_bn"))
    assert loss["p50"] > 0
    for stat in ("p5", "p50", "p95"):
        assert web["avoided"][stat] == pytest.approx(loss[stat], rel=1e-9, abs=1e-9), stat


@pytest.mark.slow
@pytest.mark.parametrize("scenario", [s for s in builtin_ids() if s != "baseline"])
def test_every_builtin_compares_alike_on_cli_api_and_report(
    scenario: str, built_store: Path, client: AsgiClient, tmp_path: Path
) -> None:
    """Each built-in against the baseline (same runs and seed): the CLI and the API give the
    same headline and the same delta, first-side and second-side KPI tables (mean and every
    percentile), and the report words the very summary the API sends."""
    cli = cli_compare(built_store, "baseline", scenario)
    resp = client.post(
        "/api/scenarios/compare", json={"scenario": "baseline", "other": scenario, "runs": RUNS}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert (cli["runs"], cli["seed"]) == (web["params"]["runs"], web["params"]["seed"])
    for name in HEADLINE:
        assert cli["headline"][name] == pytest.approx(web["headline"][name], rel=1e-12), name
    for side, rows in (("delta", web["delta"]), ("a", web["a"]["kpis"]), ("b", web["b"]["kpis"])):
        cli_rows = {(r["market"], r["kpi"]): r for r in cli[side]}
        web_rows = {(r["market"], r["kpi"]): r for r in rows}
        assert cli_rows.keys() == web_rows.keys() and cli_rows, side
        for key, row in cli_rows.items():
            for stat in ("mean", "p5", "p50", "p95"):
                assert web_rows[key][stat] == pytest.approx(row[stat], rel=1e-12, abs=1e-12), key
    # the numbers (the chart specs round their data in `present.charts_results`, not here)
    assert negative_zeros(cli) == negative_zeros({**web, "charts": None}) == []

    out = tmp_path / "compare.html"
    args = ["report", "baseline", "--compare", scenario, "--runs", str(RUNS), "--db"]
    result = CliRunner().invoke(cli_app, [*args, str(built_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # the report's summary is the API's without the per-market caveats, which its first page
    # gives in their one-line wording (review 14 #1: the key figures stay on two A4 pages)
    summary = web["summary_text"]["en"]
    for caveat in web["caveats"]:
        assert summary.endswith(" " + caveat)
        summary = summary.removesuffix(" " + caveat)
    page = out.read_text(encoding="utf-8")
    assert html.escape(summary) in page
    short = ("lower bound", "shared pro rata")  # the history check's, or a binding class's
    assert any(words in page for words in short) == bool(web["caveats"])


def _cells(row_html: str) -> list[str]:
    """The text of each cell of one table row (tags dropped, entities decoded)."""
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row_html, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells]


def test_utilisation_is_the_same_on_cli_api_and_report(
    built_store: Path, client: AsgiClient, tmp_path: Path
) -> None:
    """Per-producer utilisation of the flagship (same runs and seed): the CLI's json section
    and the API's field are the same rows in the same order to the last digit, the API's
    comparison carries the very same table for its flagship side (common random numbers),
    and the report's appendix lists the most and least stretched of those rows, written by
    the shared formatter, with each capacity's source and as-of."""
    seed = 11
    args = ["scenario", "run", FLAGSHIP, "--runs", str(RUNS), "--seed", str(seed), "--db"]
    result = CliRunner().invoke(
        cli_app, [*args, str(built_store), "--utilisation", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])["utilisation"]
    resp = client.post(
        "/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS, "seed": seed}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    rows = web["utilisation"]
    assert len(rows) > 50 and [r["producer_id"] for r in cli] == [r["producer_id"] for r in rows]
    for a, b in zip(cli, rows, strict=True):
        assert a.keys() == b.keys()
        for key, value in a.items():
            if isinstance(value, float):
                assert b[key] == pytest.approx(value, rel=1e-12, abs=1e-12), (a["producer_id"], key)
            else:
                assert b[key] == value, (a["producer_id"], key)
    p50 = [r["shock_p50_pct"] for r in rows if r["shock_p50_pct"] is not None]
    assert p50 == sorted(p50, reverse=True)
    # the most stretched run above the normal utilisation, the cut-off ones far below it: a
    # 60-100 % cut for 26 weeks, then a 4-39-week ramp, averages well under 60 % over the shock
    # weeks (40 % for the draws of these 3 runs; how far under depends on the draws)
    normal = [r["baseline_pct"] for r in rows if r["baseline_pct"] is not None]
    assert p50[0] > max(normal) + 1 and p50[-1] < min(normal) - 25
    assert web["utilisation_meta"]["as_of"] == max(r["capacity_as_of"] for r in rows)
    assert negative_zeros(cli) == negative_zeros(rows) == []

    cmp = client.post(
        "/api/scenarios/compare",
        json={"scenario": TWIN, "other": FLAGSHIP, "runs": RUNS, "seed": seed},
    )
    assert cmp.status_code == 200, cmp.text
    assert cmp.json()["b"]["utilisation"] == rows

    from chipshock.report.utilisation import shown_rows, utilisation_cells

    out = tmp_path / "report.html"
    args = ["report", FLAGSHIP, "--runs", str(RUNS), "--seed", str(seed), "--db"]
    result = CliRunner().invoke(cli_app, [*args, str(built_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    table = re.search(r"<table class='utilisation'>(.*?)</table>", page, flags=re.S)
    assert table is not None
    printed = [c for c in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S) if "<td" in c]
    printed = [_cells(r) for r in printed if "colspan" not in r]
    expected = shown_rows(pd.DataFrame(rows))
    assert len(printed) == len(expected) == 13
    for cells, (_, row) in zip(printed, expected.iterrows(), strict=True):
        want = utilisation_cells(row, "en")
        assert cells[:6] == [want[k] for k in ("producer", "operator", "region", "node")] + [
            want["capacity"],
            want["normal"],
        ]
        assert cells[6] == f"{want['shock']} ({want['range']})"
        assert row["capacity_as_of"] in cells[7]


@pytest.mark.parametrize("other", [None, FLAGSHIP], ids=["default", "twin-pair"])
def test_fabs_off_on_compare_is_the_apis_on_both_sides(
    built_store: Path, client: AsgiClient, other: str | None
) -> None:
    """Review12 #6: `scenario compare --fabs-off` switches the fab off on both sides, as the
    API's fabs_off: without B, what the alliance fabs still running avoid (here without
    TSMC Arizona's first phase: Rapidus' pilot line holds no supply in 2027 since data
    release 23, so switching it off changed nothing); with the twin pair, both sides lose
    it. Same headline, delta, side names and paragraph on both surfaces, and less avoided
    than with every alliance fab."""
    first = FLAGSHIP if other is None else TWIN
    off = "tsmc-arizona-p1"  # 20,000 wafers a month in 2027
    args = ["scenario", "compare", first, *([other] if other else [])]
    args += ["--fabs-off", off, "--runs", str(RUNS), "--db", str(built_store)]
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    body = {"scenario": first, "other": other, "fabs_off": [off], "runs": RUNS}
    resp = client.post("/api/scenarios/compare", json=body)
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for name in HEADLINE:
        assert cli["headline"][name] == pytest.approx(web["headline"][name], rel=1e-12), name
    cli_delta = {(r["market"], r["kpi"]): r for r in cli["delta"]}
    for r in web["delta"]:
        assert cli_delta[(r["market"], r["kpi"])]["p50"] == pytest.approx(r["p50"], abs=1e-12)
    assert cli["labels"] == web["labels"] and cli["summary_text"] == web["summary_text"]
    if other is None:  # the default comparison's second side says which fab it lacks
        assert web["labels"]["en"] == [  # review 13, finding 2 (it read "with the alliance fabs")
            "without the alliance fabs",
            f"with the alliance fabs (without {off})",
        ]
        assert web["labels"]["ja"][1].endswith(f"（{off}を停止）")
        assert f"without {off}" in web["summary_text"]["en"]
        every = cli_compare(built_store, TWIN, FLAGSHIP)["headline"]["loss_avoided_usd_bn"]
        assert web["headline"]["loss_avoided_usd_bn"]["p50"] < every["p50"] - 1.0
    else:  # twins that both lose Rapidus: named by their (changed) titles on both surfaces
        assert all(off in label for label in web["labels"]["en"])


def test_compare_names_an_unknown_fab_before_running(built_store: Path) -> None:
    """An unknown id for compare's --fabs-off stops before the runs, naming the option and
    the id (the check of `scenario run`, as the API's 404 names the field)."""
    args = ["scenario", "compare", FLAGSHIP, "--fabs-off", "rapidus-iim9", "--runs", "2"]
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store)])
    assert result.exit_code != 0
    said = f"{result.output} {result.exception}"  # the app's error, before the CLI's handler
    assert "--fabs-off" in said and "rapidus-iim9" in said and "rapidus-iim1" in said


def test_one_scenario_twice_names_its_sides_in_the_headline(
    built_store: Path, client: AsgiClient
) -> None:
    """Review 14 #8: the default comparison (no second scenario: without, then with the
    alliance fabs) has the same id on both sides of its headline; the headline names the
    sides as ``labels`` do, on the CLI and the API alike."""
    args = ["scenario", "compare", FLAGSHIP, "--runs", str(RUNS), "--db", str(built_store)]
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    resp = client.post("/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for answer in (cli, web):
        head = answer["headline"]
        assert head["a"] == head["b"] == FLAGSHIP
        assert [head["a_label"], head["b_label"]] == answer["labels"]["en"]
        assert head["a_label"] != head["b_label"]


@pytest.mark.parametrize(
    ("scenario", "node"), [(FLAGSHIP, "leading edge (<10 nm)"), ("korea-conflict", "DRAM memory")]
)
def test_automotive_caveat_on_the_cli_and_the_api(
    scenario: str, node: str, built_store: Path, client: AsgiClient
) -> None:
    """Review 14 #1, review 16 #2: a run that prints automotive's output loss carries one
    caveat on cars, the same words in the CLI's JSON and the API, and at the end of
    summary_text. In the flagship (<10 nm) and the Korea conflict (DRAM) cars are bound by a
    class other than mature logic: the caveat names it (in lower case mid-sentence, DRAM as
    written) and says upper bound, not the history check's lower bound."""
    args = ["scenario", "run", scenario, "--runs", str(RUNS), "--db", str(built_store)]
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    resp = client.post("/api/scenarios/run", json={"scenario": scenario, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for answer in (cli, web):
        assert len(answer["caveats"]) == len(answer["caveats_ja"]) == 1
        assert node in answer["caveats"][0] and "upper bound" in answer["caveats"][0]
        assert "Read its automotive output losses as a lower bound" not in answer["caveats"][0]
        assert "上限" in answer["caveats_ja"][0]
        assert answer["summary_text"]["en"].endswith(answer["caveats"][0])
        assert answer["summary_text"]["ja"].endswith(answer["caveats_ja"][0])
    assert cli["caveats"] == web["caveats"]


def test_compare_utilisation_is_the_apis_on_both_sides(
    built_store: Path, client: AsgiClient
) -> None:
    """`scenario compare --utilisation` (json) gives each side's producer rows and
    utilisation_meta exactly as POST /api/scenarios/compare's a.utilisation and b.utilisation
    for the same request (the default pair: without, then with the alliance fabs); the csv
    sections are the same rows, and --section takes them only with --utilisation."""
    seed = 5
    args = ["scenario", "compare", FLAGSHIP, "--runs", str(RUNS), "--seed", str(seed)]
    args += ["--db", str(built_store), "--utilisation"]
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout[result.stdout.index("{") :])
    resp = client.post(
        "/api/scenarios/compare", json={"scenario": FLAGSHIP, "runs": RUNS, "seed": seed}
    )
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for side in ("a", "b"):
        rows, api_rows = cli[f"utilisation_{side}"], web[side]["utilisation"]
        assert len(rows) > 50 and [r["producer_id"] for r in rows] == [
            r["producer_id"] for r in api_rows
        ]
        assert rows == api_rows, side  # every key and value, as JSON sends them
        assert cli["utilisation_meta"][side] == web[side]["utilisation_meta"], side
    # the alliance fabs have capacity on the second side only: the tables differ
    ids_a = {r["producer_id"] for r in cli["utilisation_a"]}
    ids_b = {r["producer_id"] for r in cli["utilisation_b"]}
    assert any(i.startswith("tsmc-arizona") for i in ids_b - ids_a), sorted(ids_b - ids_a)
    assert negative_zeros(cli) == []

    plain = CliRunner().invoke(cli_app, [*args, "--format", "csv", "--section", "utilisation_b"])
    assert plain.exit_code == 0, plain.output
    from io import StringIO

    table = pd.read_csv(StringIO(plain.stdout))
    assert table["producer_id"].tolist() == [r["producer_id"] for r in web["b"]["utilisation"]]
    refused = CliRunner().invoke(
        cli_app, [*args[:-1], "--format", "csv", "--section", "utilisation_a"]
    )
    assert refused.exit_code != 0  # the app's InputError, before the CLI's handler (exit 2)
    assert "expected delta, a, b)" in f"{refused.output} {refused.exception}"
