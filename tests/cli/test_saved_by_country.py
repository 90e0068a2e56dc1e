"""A saved result keeps its run's by-country tables, and says when the scenario file it was run
from has changed since (review 14 #6), on the CLI and the API alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from tests.api.conftest import AsgiClient

from chipshock.api import create_app
from chipshock.cli.main import main

SCENARIO = """
[scenario]
id = "tw13"
start_year = 2026
end_year = 2028

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = 13
"""
SECTIONS = ("loss_by_country", "value_added_by_country", "value_added_by_country_market")


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def test_by_country_tables_are_kept_and_a_changed_file_is_named(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`results show` gives the run's by-country rows as `scenario run` gave them (JSON and
    terminal), with no "not kept" note; after the file changes, one line says so on the CLI
    (stdout on a terminal, stderr and meta in JSON) and in the API's answer, in en and ja."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test saves results: its own copy of the store
    path = tmp_path / "tw13.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    args = ("scenario", "run", str(path), "--runs", "4", "--seed", "3", "--db", str(db))
    ran = json.loads(_cli(capsys, *args, "--save", "tw", "-f", "json")[0])
    show = ("results", "show", "tw", "--db", str(db))
    shown = json.loads(_cli(capsys, *show, "-f", "json")[0])
    for section in SECTIONS:
        assert shown[section] == ran[section] and ran[section]
    assert "not_kept" not in shown and shown["scenario_file_note"] is None
    table, _ = _cli(capsys, *show)
    assert "value added lost by country" in table and "Not kept" not in table
    assert "changed since" not in table

    path.write_text(SCENARIO.replace("= 13", "= 26"), encoding="utf-8")
    table, _ = _cli(capsys, *show)
    day = shown["created_at"][:10]
    line = f"scenario file {path} changed since this result was saved on {day}; rerun to refresh."
    assert line in " ".join(table.split())
    out, err = _cli(capsys, *show, "-f", "json")
    assert line in " ".join(err.split())
    assert json.loads(out)["scenario_file_note"] == line
    assert str(path) in json.loads(out)["scenario_file_note_ja"]
    api = AsgiClient(create_app(db))
    try:
        body = api.get("/api/results/tw").json()
        # the server names the file by its base name, not the folders of its disk
        assert body["scenario_file_note"] == line.replace(str(path), path.name)
        assert body["by_country_kept"] is True
        assert body["value_added_by_country"] == ran["value_added_by_country"]
    finally:
        api.close()
    path.unlink()  # a file that is gone: nothing to compare, no line
    table, _ = _cli(capsys, *show)
    assert "changed since" not in table


def test_a_result_saved_before_the_tables_were_kept_says_so(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store whose result has no by-country rows (saved by an older chipshock) shows the
    KPIs, and says the by-country tables were not kept and how to get them."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)
    _cli(
        capsys, "scenario", "run", "japan-earthquake", "--runs", "3", "--save", "q", "--db", str(db)
    )
    with duckdb.connect(str(db)) as con:  # as an older chipshock left it
        for table in ("result_loss_by_country", "result_value_added_by_country"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DROP TABLE result_value_added_by_country_market")
        con.execute("ALTER TABLE results DROP COLUMN scenario_file")
    table, _ = _cli(capsys, "results", "show", "q", "--db", str(db))
    assert "Not kept with this result (saved by an older chipshock)" in " ".join(table.split())
    shown = json.loads(_cli(capsys, "results", "show", "q", "--db", str(db), "-f", "json")[0])
    assert shown["not_kept"].startswith("Not kept") and shown["loss_by_country"] == []


def test_a_file_result_saves_after_a_built_in_one(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A built-in scenario saved first (no scenario file: a column of NULLs) does not stop a
    result run from a file being saved next, also in a store whose table an earlier save made
    with DuckDB's type "NULL" for those columns; the file's path and sha256 are kept."""
    path = tmp_path / "tw13.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    for broken in (False, True):
        db = tmp_path / f"s{broken}.duckdb"
        shutil.copyfile(built_store, db)
        run = ("scenario", "run", "--runs", "2", "--db", str(db), "--save")
        _cli(capsys, *run, "q", "japan-earthquake")
        if broken:  # as the save before the fix left it
            with duckdb.connect(str(db)) as con:
                con.execute(
                    "CREATE OR REPLACE TABLE results AS SELECT * REPLACE "
                    "(NULL AS scenario_file, NULL AS scenario_file_sha256) FROM results"
                )
                kinds = con.execute(
                    "SELECT DISTINCT data_type FROM information_schema.columns "
                    "WHERE column_name IN ('scenario_file', 'scenario_file_sha256')"
                ).fetchall()
                assert kinds == [('"NULL"',)]
        _cli(capsys, *run, "tw", str(path))
        listed = json.loads(_cli(capsys, "results", "list", "--db", str(db), "-f", "json")[0])
        assert [(r["name"], r["scenario_file"]) for r in listed] == [
            ("q", None),
            ("tw", str(path.resolve())),
        ]
