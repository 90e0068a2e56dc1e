"""Review 16 on the CLI and the API for the same run: numbers without float noise, one CSV
table with ``--section``, the utilisation table's meta, one as-of, and the scope of loss by
country in a country shock (#7, #10, #12, #14)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main
from chipshock.present.numbers import machine_number

pytest.importorskip("chipshock.sim")

KOREA = "korea-conflict"
GALLIUM = "china-gallium-germanium-controls"
RUNS = 3


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[AsgiClient]:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=300.0))
    yield client
    client.close()


def _cli(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli_app, [*args, "--runs", str(RUNS), "--db", str(store)])
    return result.exit_code, result.stdout


def _cli_json(store: Path, *args: str) -> dict[str, Any]:
    code, out = _cli(store, *args, "--format", "json")
    assert code == 0, out
    return dict(json.loads(out[out.index("{") :]))


def _numbers(rows: list[dict[str, Any]]) -> list[float]:
    return [v for row in rows for v in row.values() if isinstance(v, float) and math.isfinite(v)]


def test_kpis_carry_no_float_noise_and_agree(built_store: Path, client: AsgiClient) -> None:
    """#7: the gallium run's KPI and loss tables, on the CLI's JSON and the API, hold only
    values `machine_number` leaves unchanged (12.0, not 12.000000000000002; 0.0, not 4e-14),
    and the two give the same rows."""
    cli = _cli_json(built_store, "scenario", "run", GALLIUM)
    resp = client.post("/api/scenarios/run", json={"scenario": GALLIUM, "runs": RUNS})
    assert resp.status_code == 200, resp.text
    web = resp.json()
    for answer in (cli, web):
        for table in ("kpis", "loss_by_country", "value_added_by_country"):
            values = _numbers(answer[table])
            assert values and all(machine_number(v) == v for v in values), table
    lead = [r["p50"] for r in cli["kpis"] if r["kpi"] == "lead_time_weeks_peak"]
    # at least the normal 12 weeks (a short material now draws stocks and stretches them)
    assert lead and min(lead) >= 12.0 and all(machine_number(v) == v for v in lead)
    keys = ("market", "kpi", "mean", "p5", "p50", "p95")
    assert [{k: r[k] for k in keys} for r in cli["kpis"]] == [
        {k: r[k] for k in keys} for r in web["kpis"]
    ]


def test_section_writes_one_table_pandas_reads(built_store: Path) -> None:
    """#7: --section kpis writes the kpis table alone, a plain CSV (no "# name" line) that
    pandas.read_csv reads with the JSON's rows; compare --section delta likewise."""
    code, out = _cli(built_store, "scenario", "run", KOREA, "--format", "csv", "--section", "kpis")
    assert code == 0, out
    assert not out.startswith("#") and "\n#" not in out
    table = pd.read_csv(io.StringIO(out))
    cli = _cli_json(built_store, "scenario", "run", KOREA)
    assert len(table) == len(cli["kpis"]) and list(table.columns[:6]) == [
        "market", "kpi", "mean", "p5", "p50", "p95"
    ]  # fmt: skip
    assert table["p50"].tolist() == [r["p50"] for r in cli["kpis"]]
    args = ["scenario", "compare", KOREA, "--format", "csv", "--section", "delta"]
    code, out = _cli(built_store, *args)
    assert code == 0, out
    assert set(pd.read_csv(io.StringIO(out))["kpi"]) >= {"loss_usd_bn"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "json", "--section", "kpis"], "--section needs --format csv"),
        (["--format", "csv", "--section", "bands"], "expected kpis, loss_by_country"),
    ],
)
def test_section_refuses_what_it_cannot_write(
    built_store: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """#7: --section without csv, or a table the command does not write (bands without
    --bands), exits 2 on one line naming --section and the expected value, before running."""
    code = main(["scenario", "run", KOREA, *args, "--runs", "1", "--db", str(built_store)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "--section" in err and words in err


def test_utilisation_meta_on_cli_json_csv_and_api(built_store: Path, client: AsgiClient) -> None:
    """#12: scenario run --utilisation --format json carries utilisation_meta with the API's
    keys and values (source, as-of, the exemption note); the CSV has it as a section."""
    cli = _cli_json(built_store, "scenario", "run", KOREA, "--utilisation")
    body = {"scenario": KOREA, "runs": RUNS}
    resp = client.post("/api/scenarios/run", json=body)
    assert resp.status_code == 200, resp.text
    web = resp.json()
    assert cli["utilisation_meta"].keys() == web["utilisation_meta"].keys()
    assert cli["utilisation_meta"] == web["utilisation_meta"]
    assert cli["utilisation_meta"]["source"] and cli["utilisation_meta"]["as_of"]
    args = ["scenario", "run", KOREA, "--utilisation", "--format", "csv"]
    code, out = _cli(built_store, *args, "--section", "utilisation_meta")
    assert code == 0, out
    rows = pd.read_csv(io.StringIO(out)).set_index("key")["value"]
    assert rows["source"] == web["utilisation_meta"]["source"]
    assert rows["as_of"] == web["utilisation_meta"]["as_of"]
    note = web["utilisation_meta"]["exemption_note"]
    assert (rows.get("exemption_note") if note else None) == note


def test_one_as_of_for_one_run(built_store: Path, client: AsgiClient) -> None:
    """#14: the CLI's JSON and the API's meta give the same as_of (the data release's date)."""
    cli = _cli_json(built_store, "scenario", "run", KOREA)
    resp = client.post("/api/scenarios/run", json={"scenario": KOREA, "runs": RUNS})
    web = resp.json()
    assert cli["as_of"] == web["meta"]["as_of"] == web["meta"]["data_release_date"]
    assert web["meta"]["assumptions_as_of"]


def test_country_shock_says_what_loss_by_country_leaves_out(
    built_store: Path, client: AsgiClient, tmp_path: Path
) -> None:
    """#10: a country shock (Korea) says, on the CLI's JSON and table, the API's meta and the
    report, that loss by country counts only output lost for lack of chips, not the shock's
    direct damage in South Korea (en and ja); a shock of an input says nothing of it."""
    cli = _cli_json(built_store, "scenario", "run", KOREA)
    web = client.post("/api/scenarios/run", json={"scenario": KOREA, "runs": RUNS}).json()
    en, ja = web["meta"]["loss_by_country_note"], web["meta"]["loss_by_country_note_ja"]
    assert "South Korea" in en and "lack of chips" in en and "韓国" in ja and "直接" in ja
    assert (cli["loss_by_country_note"], cli["loss_by_country_note_ja"]) == (en, ja)
    code, table = _cli(built_store, "scenario", "run", KOREA)
    assert code == 0 and "direct damage in South Korea" in " ".join(table.split())
    out = tmp_path / "korea.html"
    args = ["report", KOREA, "--runs", str(RUNS), "--db", str(built_store), "-o", str(out)]
    assert CliRunner().invoke(cli_app, args).exit_code == 0
    assert "direct damage in South Korea" in out.read_text(encoding="utf-8")
    gallium = client.post("/api/scenarios/run", json={"scenario": GALLIUM, "runs": RUNS}).json()
    assert "loss_by_country_note" not in gallium["meta"]
    assert "loss_by_country_note" not in _cli_json(built_store, "scenario", "run", GALLIUM)
