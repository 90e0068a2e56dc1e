"""`scenario run`, `scenario compare` and `results show` say where their figures come from in
every format: the engine's source line, the store's data release and its date (as `chipshock
data info` shows them), per row in CSV as the other commands' CSV, in the meta of JSON (review
finding 6)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from tests.cli.conftest import Runner

from chipshock.analysis.registry import DataRelease
from chipshock.data.store import load_table

FLAGSHIP = "taiwan-blockade-2027-6m"
COUNTERFACTUAL = "taiwan-blockade-2027-6m-no-alliance-fabs"


@pytest.fixture(scope="module")
def release(built_store: Path) -> DataRelease:
    """The store's data release, read apart from the commands (its ``meta`` table)."""
    return DataRelease.from_meta(load_table(built_store, "meta"))


def _sections(csv_text: str) -> dict[str, pd.DataFrame]:
    """The ``# name`` blocks of a multi-section CSV, each read as a table."""
    blocks: dict[str, list[str]] = {}
    name = ""
    for line in csv_text.splitlines():
        if line.startswith("# "):
            name = line[2:]
            blocks[name] = []
        elif name:
            blocks[name].append(line)
    return {k: pd.read_csv(io.StringIO("\n".join(v))) for k, v in blocks.items()}


def _check_rows(sections: dict[str, pd.DataFrame], release: DataRelease) -> None:
    assert sections
    for name, frame in sections.items():
        assert not frame.empty, name
        assert (frame["data_release"].astype(str) == release.number).all(), name
        assert (frame["as_of"].astype(str) == release.date).all(), name
        assert (
            frame["source"]
            .str.contains(f"data release {release.number} as of {release.date}")
            .all()
        )
        assert frame["source"].str.startswith("chipshock scenario engine over the ETO").all()


def test_run_csv_and_json_carry_source_and_release(cli: Runner, release: DataRelease) -> None:
    """Every CSV section of `scenario run` (with --utilisation) has source, data_release and
    as_of on each row; the JSON meta has them with the release's date."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--runs", "10", "--utilisation", "-f", "csv")
    assert code == 0
    sections = _sections(out)
    assert {"kpis", "loss_by_country", "utilisation"} <= set(sections)
    _check_rows(sections, release)
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--runs", "10", "-f", "json")
    body = json.loads(out)
    assert (body["data_release"], body["data_release_date"], body["as_of"]) == (
        release.number,
        release.date,
        release.date,
    )
    assert f"data release {release.number} as of {release.date}" in body["source"]


def test_compare_csv_and_json_carry_source_and_release(cli: Runner, release: DataRelease) -> None:
    """`scenario compare --format csv`: delta, a and b each carry the provenance columns."""
    args = ("scenario", "compare", COUNTERFACTUAL, FLAGSHIP, "--runs", "10")
    code, out, _ = cli(*args, "-f", "csv")
    assert code == 0
    sections = _sections(out)
    assert set(sections) == {"delta", "a", "b"}
    _check_rows(sections, release)
    body = json.loads(cli(*args, "-f", "json")[1])
    assert (body["data_release"], body["as_of"]) == (release.number, release.date)


def test_results_show_carries_source_and_release(
    tmp_path: Path, built_store: Path, release: DataRelease, cli: Runner
) -> None:
    """A saved result shown as JSON or CSV names the store's data release and date."""
    import shutil

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    code, _, _ = cli(
        "scenario",
        "run",
        "korea-conflict",
        "--runs",
        "5",
        "--save",
        "k",
        "--db",
        str(store),
        db=False,
    )
    assert code == 0
    body = json.loads(cli("results", "show", "k", "-f", "json", "--db", str(store), db=False)[1])
    assert (body["data_release"], body["as_of"]) == (release.number, release.date)
    out = cli("results", "show", "k", "-f", "csv", "--db", str(store), db=False)[1]
    _check_rows(_sections(out), release)


def test_a_saved_result_keeps_its_own_release(
    tmp_path: Path, built_store: Path, release: DataRelease, cli: Runner
) -> None:
    """A result records the release it was computed from: after the store moves to another
    release it still names its own, without the store's note; a result saved before chipshock
    recorded it (no release columns) names the store's release with a note that says so."""
    import shutil

    import duckdb

    store = tmp_path / "chipshock.duckdb"
    shutil.copy(built_store, store)
    args = ("--runs", "5", "--db", str(store))
    assert cli("scenario", "run", "korea-conflict", *args, "--save", "k", db=False)[0] == 0
    con = duckdb.connect(str(store))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'data_release'")
    con.close()
    body = json.loads(cli("results", "show", "k", "-f", "json", "--db", str(store), db=False)[1])
    assert (body["data_release"], body["as_of"]) == (release.number, release.date)
    assert "note" not in body
    con = duckdb.connect(str(store))
    con.execute("ALTER TABLE results DROP COLUMN data_release")
    con.execute("ALTER TABLE results DROP COLUMN data_release_date")
    con.close()
    body = json.loads(cli("results", "show", "k", "-f", "json", "--db", str(store), db=False)[1])
    assert body["data_release"] == "99" and "saved before chipshock recorded" in body["note"]
