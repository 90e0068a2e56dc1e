"""One result, every surface: the CLI, the HTTP API and the report give the same numbers for the
same request (scenario, runs, seed), for every built-in scenario, and agree on default runs; the
CLI's weekly bands are the API's bands and the data of the charts the dashboard and the report
draw."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd, fmt_weeks
from chipshock.scenarios import builtin_ids, load_scenario, scenario_to_toml

RUNS = 6
BUILT_INS = builtin_ids()


@pytest.fixture(scope="module")
def api(built_store: Path) -> Any:
    client = AsgiClient(create_app(built_store, max_runs=2000, time_budget_s=300.0))
    yield client
    client.close()


def _cli_json(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    return dict(json.loads(text[text.index("{") :]))


def same_rows(cli: list[dict[str, Any]], web: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    """Two tables of the same rows (by ``keys``) with the same mean, p5, p50 and p95."""
    cli_rows = {tuple(r[k] for k in keys): r for r in cli}
    web_rows = {tuple(r[k] for k in keys): r for r in web}
    assert cli_rows.keys() == web_rows.keys() and len(cli_rows) == len(cli)
    for key, row in cli_rows.items():
        for stat in ("mean", "p5", "p50", "p95"):
            assert web_rows[key][stat] == pytest.approx(row[stat], rel=1e-12, abs=1e-12), key


def _p50(kpis: list[dict[str, Any]], kpi: str, market: str = "all") -> float:
    rows = [r for r in kpis if r["kpi"] == kpi and r["market"] == market]
    assert len(rows) == 1, (kpi, market)
    return float(rows[0]["p50"])


@pytest.mark.slow
@pytest.mark.parametrize("scenario", BUILT_INS)
def test_cli_api_and_report_agree(
    scenario: str, built_store: Path, api: Any, tmp_path: Path
) -> None:
    """Same scenario, runs and seed: identical KPI, loss-by-country and value-added tables (mean
    and every percentile) and headline summary on the CLI and the API, and the report's key
    figures are those numbers written by the shared formatter."""
    db = str(built_store)
    cli = _cli_json(
        ["scenario", "run", scenario, "--runs", str(RUNS), "--db", db, "--format", "json"]
    )
    resp = api.post("/api/scenarios/run", json={"scenario": scenario, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert cli["runs"] == web["params"]["runs"] == RUNS
    assert cli["seed"] == web["params"]["seed"] == load_scenario(scenario).seed
    for table, keys in (
        ("kpis", ("market", "kpi")),
        ("loss_by_country", ("country",)),
        ("value_added_by_country", ("country", "measure")),
        ("value_added_by_country_market", ("country", "market", "measure")),
    ):
        same_rows(cli[table], web[table], keys)
    for kpi, value in web["summary"].items():  # the headline figures every text is written from
        if isinstance(value, dict):
            assert cli["summary"][kpi] == pytest.approx(value, rel=1e-12, abs=1e-12), kpi

    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        cli_app, ["report", scenario, "--runs", str(RUNS), "--db", db, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    weeks = fmt_weeks(_p50(web["kpis"], "output_lost_weeks"))
    usd = fmt_usd(_p50(web["kpis"], "loss_usd_bn") * 1e9)
    cards = html.split("class='figures'")[1].split("</div></div>")[0]
    assert f"<b>{escape(weeks)} weeks of normal output</b>" in cards  # "&lt;0.1" below a tenth
    assert f"<b>{usd}</b>" in cards
    assert f"{RUNS} simulated futures" in html
    if escape(message("report.chart_value_added", "en")) in html:
        # the value-added chart says which geography its rows are (review 6, finding 2)
        assert escape(message("report.va_geography", "en"), quote=True) in html
    assert not re.search(r"\d\.\d+e[+-]\d", html)  # no scientific notation anywhere
    assert not re.search(r"(?<![\w.])-0(\.0+)?(?![\d.])", html.split("<svg")[0])  # no -0


def test_default_runs_are_the_scenarios_own(tmp_path: Path, built_store: Path) -> None:
    """Without --runs the CLI and the report run the scenario's own ``runs`` (here a file with 3);
    a comparison runs the first scenario's runs and seed on both sides."""
    sc = load_scenario("japan-earthquake")
    path = tmp_path / "quake.toml"
    path.write_text(scenario_to_toml(sc).replace(f"runs = {sc.runs}", "runs = 3"), encoding="utf-8")
    db = str(built_store)
    run = _cli_json(["scenario", "run", str(path), "--db", db, "--format", "json"])
    assert run["runs"] == 3
    cmp = _cli_json(["scenario", "compare", str(path), "baseline", "--db", db, "--format", "json"])
    assert cmp["runs"] == 3 and cmp["seed"] == sc.seed
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli_app, ["report", str(path), "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 simulated futures" in out.read_text(encoding="utf-8")


def test_tornado_honours_the_run_count(tmp_path: Path, built_store: Path) -> None:
    """--sensitivity without --sensitivity-runs runs the tornado with the report's --runs."""
    out = tmp_path / "r.html"
    args = ["report", "japan-earthquake", "--runs", "3", "--sensitivity"]
    result = CliRunner().invoke(cli_app, [*args, "--db", str(built_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "3 simulated futures per bar" in html


@pytest.mark.parametrize("compare", [False, True], ids=["run", "compare"])
def test_dashboard_charts_are_the_report_charts(built_store: Path, api: Any, compare: bool) -> None:
    """The Vega-Lite specs the API sends the dashboard for a request are exactly the specs the
    report builds for the same request (same scenario, runs, seed, side names), in both
    languages: one builder, `chipshock.present.charts_results.chart_specs`."""
    import chipshock.sim as sim
    from chipshock.api.chart_data import restore_chart_data
    from chipshock.api.routes_scenarios import compare_labels
    from chipshock.present.charts_results import chart_specs
    from chipshock.present.jsonable import to_jsonable
    from chipshock.scenarios import apply_overrides

    scenario = "taiwan-blockade-2027-6m"
    route = "/api/scenarios/compare" if compare else "/api/scenarios/run"
    resp = api.post(route, json={"scenario": scenario, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    # a run and a comparison send each chart's data once, beside the specs
    # (`chipshock.api.chart_data`)
    web = restore_chart_data(body["charts"], body["chart_data"])
    data = sim.load_model_data(built_store)
    if compare:  # the dashboard's default: without, then with the fabs the twin switches off
        sc = load_scenario(scenario)
        twin = load_scenario(f"{scenario}-no-alliance-fabs")
        off = [f for i in twin.interventions if i.kind == "fabs_off" for f in i.fabs]
        a = apply_overrides(sc, fabs_off=tuple(dict.fromkeys(off)), runs=RUNS)
        b = apply_overrides(sc, runs=RUNS)
        obj = sim.compare(a, b, data, runs=RUNS, seed=a.seed)
        labels = compare_labels(a, b, alliance_default=True)
    else:
        sc = load_scenario(scenario)
        obj = sim.run(sc, data, runs=RUNS, seed=sc.seed)
        labels = None
    for lang in ("en", "ja"):
        a_name, b_name = labels[lang] if labels else (None, None)
        report = chart_specs(obj, lang, label_a=a_name, label_b=b_name)
        assert json.loads(json.dumps(to_jsonable(report))) == web[lang]
        assert {"output", "delivered", "supply"} <= {k.split(".")[-1] for k in report}
        for spec in report.values():
            assert spec["config"]["axis"]["labelFontSize"] >= 11
            assert spec["description"] and spec["title"]


#: the band charts a run sends, by the series of the engine's bands each draws
BAND_CHARTS = {
    "output": "output_pct_of_normal",
    "delivered": "delivered_pct_of_demand",
    "supply": "supply_pct_of_demand",
}


def test_cli_bands_are_the_api_bands_and_chart_data(built_store: Path, api: Any) -> None:
    """Same scenario, runs and seed: the weekly bands of ``scenario run --format json --bands``
    are the API's ``bands`` (its percent series, to the API's 3 decimals), and every row of the
    API's band charts (restored from ``chart_data``) and of its loss-by-country chart is a CLI
    row, under its name in that language, to the chart's rounding (0.01 point; USD 0.1 m)."""
    from chipshock.api.chart_data import restore_chart_data
    from chipshock.present.labels import country_label, market_label, node_label

    scenario = "taiwan-blockade-2027-6m"
    args = ["scenario", "run", scenario, "--runs", str(RUNS), "--db", str(built_store)]
    cli = _cli_json([*args, "--format", "json", "--bands"])
    resp = api.post("/api/scenarios/run", json={"scenario": scenario, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert (cli["runs"], cli["seed"]) == (web["params"]["runs"], web["params"]["seed"])

    def by_row(rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
        return {(r["series"], r["key"], r["week"]): r for r in rows}

    cli_bands = by_row([r for r in cli["bands"] if r["series"] in BAND_CHARTS.values()])
    web_bands = by_row(web["bands"])
    assert cli_bands.keys() == web_bands.keys() and len(web_bands) == len(web["bands"])
    for key, row in cli_bands.items():
        assert web_bands[key]["date"] == row["date"], key
        for stat in ("p5", "p50", "p95"):
            assert abs(web_bands[key][stat] - row[stat]) <= 5e-4 + 1e-9, (key, stat)

    charts = restore_chart_data(web["charts"], web["chart_data"])
    losses = {r["country"]: r for r in cli["loss_by_country"]}
    for lang in ("en", "ja"):
        for chart, series in BAND_CHARTS.items():
            label = node_label if series == "supply_pct_of_demand" else market_label
            rows = {
                (label(str(r["key"]), lang), r["date"]): r
                for r in cli["bands"]
                if r["series"] == series
            }
            drawn = [r for table in charts[lang][chart]["datasets"].values() for r in table]
            lines = [r for r in drawn if "name" in r]  # the other table: the shock windows
            assert len(lines) > 100, (lang, chart)
            for r in lines:
                for stat in ("p5", "p50", "p95"):
                    cli_value = rows[r["name"], r["date"]][stat]
                    assert abs(r[stat] - cli_value) <= 5e-3 + 1e-9, (lang, chart, r)
        scale = 1.0 if lang == "en" else 10.0  # USD bn, or 億ドル
        names = {country_label(code, lang): row for code, row in losses.items()}
        (bars,) = charts[lang]["loss_country"]["datasets"].values()
        assert len(bars) >= 3
        for bar in bars:
            row = names[bar["label"]]
            for stat, field in (("p5", "low"), ("p50", "value"), ("p95", "high")):
                assert abs(bar[field] - row[stat] * scale) <= 5e-5 + 1e-9, (lang, bar, stat)
