"""`chipshock results list|show`: saved results are listed and shown with the numbers saved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chipshock.cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_saved_result_is_listed_and_shown(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run saved under a name appears in the list and `show` returns its KPIs unchanged."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test writes: its own copy of the store
    code, out, _ = _run(capsys, "results", "list", "--db", str(db), "-f", "json")
    assert code == 0 and json.loads(out) == []
    # on a terminal: how to save one, not an empty table (json stays [] for scripts)
    code, out, _ = _run(capsys, "results", "list", "--db", str(db))
    assert code == 0 and " ".join(out.split()).startswith("No saved results yet: chipshock")
    assert "┏" not in out
    code, out, _ = _run(
        capsys,
        "scenario",
        "run",
        "japan-earthquake",
        "--runs",
        "5",
        "--save",
        "quake",
        "--db",
        str(db),
        "-f",
        "json",
    )
    assert code == 0
    ran = json.loads(out)
    code, out, _ = _run(capsys, "results", "list", "--db", str(db), "-f", "json")
    listed = json.loads(out)
    assert [r["name"] for r in listed] == ["quake"] and listed[0]["runs"] == 5
    code, out, _ = _run(capsys, "results", "show", "quake", "--db", str(db), "-f", "json")
    assert code == 0
    shown = json.loads(out)
    assert shown["result_id"] == listed[0]["result_id"] and shown["seed"] == ran["seed"]
    saved = {(r["market"], r["kpi"]): r["p50"] for r in shown["kpis"]}
    assert saved == {(r["market"], r["kpi"]): r["p50"] for r in ran["kpis"]}
    code, out, _ = _run(capsys, "results", "show", listed[0]["result_id"], "--db", str(db))
    assert code == 0 and "PCs" in out and "ai_datacenter" not in out  # names, not ids


def test_saved_result_shows_the_utilisation_of_its_run(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`results show --utilisation` gives the utilisation rows `scenario run --utilisation`
    gave, in every format; a result saved without them gives an empty section, not an error."""
    import duckdb

    from chipshock.cli.scenario_utilisation_view import UTILISATION_TITLE

    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)
    argv = ("taiwan-blockade-2027-6m", "--runs", "6", "--seed", "11", "--db", str(db))
    code, out, _ = _run(
        capsys, "scenario", "run", *argv, "--save", "tw", "--utilisation", "-f", "json"
    )
    assert code == 0
    ran = json.loads(out)["utilisation"]
    code, out, _ = _run(
        capsys, "results", "show", "tw", "--utilisation", "--db", str(db), "-f", "json"
    )
    assert code == 0
    shown = json.loads(out)["utilisation"]
    assert len(shown) == len(ran) > 0 and shown == ran
    code, out, _ = _run(capsys, "results", "show", "tw", "--db", str(db), "-f", "json")
    assert "utilisation" not in json.loads(out)  # only when asked, as with `scenario run`
    code, out, _ = _run(
        capsys, "results", "show", "tw", "--utilisation", "--db", str(db), "-f", "csv"
    )
    block = out.split("# utilisation\n")[1].splitlines()
    assert code == 0 and block[0].startswith("producer_id,name,") and len(block) == len(ran) + 1
    code, out, _ = _run(capsys, "results", "show", "tw", "--utilisation", "--db", str(db))
    words = " ".join(out.split())  # the terminal wraps long lines
    assert code == 0 and UTILISATION_TITLE in words and "Utilisation = chips sold" in words
    con = duckdb.connect(str(db))
    try:  # as a store written before utilisation was saved
        con.execute("DROP TABLE result_utilisation")
    finally:
        con.close()
    code, out, _ = _run(
        capsys, "results", "show", "tw", "--utilisation", "--db", str(db), "-f", "json"
    )
    assert code == 0 and json.loads(out)["utilisation"] == []
    code, out, _ = _run(capsys, "results", "show", "tw", "--utilisation", "--db", str(db))
    assert code == 0 and "No utilisation was saved with this result" in " ".join(out.split())


def test_unknown_result_is_a_usage_error(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown name: exit 2, one line naming what was asked and where to look."""
    code, _, err = _run(capsys, "results", "show", "nope", "--db", str(built_store))
    assert code == 2
    assert "no saved result" in err and "'nope'" in err and "chipshock results list" in err


def test_saved_result_keeps_the_scenario_as_run_and_says_what_it_drops(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 14 #6: a result saved from a changed run keeps the scenario as run (TOML that
    parses back to it, and its sha256); `results list` shows the title (which says the change)
    and the horizon; `results show` gives the by-country tables it keeps now (a result saved
    before they were kept says so: tests/cli/test_saved_by_country.py)."""
    import hashlib

    from chipshock.scenarios import load_scenario, parse_scenario
    from chipshock.scenarios.overrides import apply_overrides

    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)
    args = ["scenario", "run", "japan-earthquake", "--runs", "3", "--duration-weeks", "10"]
    code, _, _ = _run(capsys, *args, "--save", "ovr", "--db", str(db), "-f", "json")
    assert code == 0
    code, out, _ = _run(capsys, "results", "show", "ovr", "--db", str(db), "-f", "json")
    shown = json.loads(out)
    toml = shown["scenario_toml"]
    assert hashlib.sha256(toml.encode("utf-8")).hexdigest() == shown["scenario_sha256"]
    as_run = apply_overrides(load_scenario("japan-earthquake"), duration_weeks=10, runs=3)
    parsed = parse_scenario(toml)
    assert parsed.shocks[0].duration_weeks == as_run.shocks[0].duration_weeks
    assert parsed.title == as_run.title and "10 weeks" in parsed.title
    assert "not_kept" not in shown and shown["loss_by_country"]
    code, out, _ = _run(capsys, "results", "list", "--db", str(db))
    assert code == 0 and "title" in out and "horizon" in out  # column headers
    horizon = f"{as_run.start_year}–{as_run.end_year}"
    assert horizon in out and as_run.title[:12] in out  # (a narrow table cuts the title)
    code, out, _ = _run(capsys, "results", "show", "ovr", "--db", str(db))
    assert "loss by country, USD bn" in out and "Not kept" not in " ".join(out.split())
