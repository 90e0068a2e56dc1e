"""`chipshock data …` and the alliance registry commands, end to end in-process."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import default_paths
from chipshock.examples import tiny_chain_dir

from .conftest import Runner


def test_data_build_to_new_path(cli: Runner, tmp_path: Path) -> None:
    """`data build --db PATH` creates the store and lists the datasets it recorded."""
    target = tmp_path / "new.duckdb"
    code, out, _ = cli("data", "build", "--db", str(target), "--format", "json", db=False)
    assert code == 0 and target.exists()
    rows = json.loads(out)
    assert {r["dataset"] for r in rows} >= {"eto_provision", "fabs"}


def test_data_build_names_the_folders_its_warnings_are_in(cli: Runner, tmp_path: Path) -> None:
    """The build's caption gives, per folder with warnings, the validate command that lists
    them, and that command (run as written) reports as many warnings as the caption says."""
    target = tmp_path / "new.duckdb"
    code, out, _ = cli("data", "build", "--db", str(target), db=False)
    assert code == 0
    text = " ".join(out.split())
    head, _, rest = text.partition(" warnings (")
    total = int(head.rsplit(" ", 1)[-1])
    parts = rest.split(")")[0].split("; ")
    assert total > 0 and parts
    seen = 0
    for part in parts:
        n, _, command = part.partition(" in ")
        folder = command.split("chipshock data validate ", 1)[1].strip()
        code, out, _ = cli("data", "validate", folder, "--format", "json", db=False)
        found = [p for p in json.loads(out) if p["severity"] == "warning"]
        assert code == 0 and len(found) == int(n), (folder, len(found), n)
        seen += int(n)
    assert seen == total


def test_data_info_json(cli: Runner) -> None:
    """`data info` reports the curated data release and, per dataset, file, release, licence,
    checksum and rows."""
    code, out, _ = cli("data", "info", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["data_release"] == DATA_RELEASE and payload["data_release_date"]
    rows = payload["rows"]
    prov = [
        r for r in rows if r["dataset"] == "eto_provision" and r["release"].startswith("current")
    ]
    assert prov[0]["rows"] == 1300 and len(prov[0]["sha256"]) == 64


def test_data_validate_clean_folder(cli: Runner) -> None:
    """Validating the shipped tiny folder finds no errors and exits 0."""
    code, out, _ = cli("data", "validate", str(tiny_chain_dir()), db=False)
    assert code == 0 and "no problems" in out


def test_data_validate_reports_every_problem(cli: Runner, tmp_path: Path) -> None:
    """Validation lists every problem with file, row and column, and exits with 2."""
    folder = tmp_path / "bad"
    shutil.copytree(tiny_chain_dir(), folder)
    prov = folder / "provision.csv"
    text = prov.read_text().replace("NLD,P3,Scanner,N11,80.0", "NLD,P3,Scanner,N11,180.0")
    text = text.replace("KOR,P6,Bonder,N15", "KOR,P99,Bonder,N15")
    prov.write_text(text)
    code, out, err = cli("data", "validate", str(folder), "--format", "csv", db=False)
    assert code == 2
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["severity"] == "error"]
    assert {(r["row"], r["column"]) for r in rows} == {
        ("12", "share_provided"),
        ("26", "provider_id"),
    }
    assert "2 errors" in err


def _edited_materials(folder: Path) -> Path:
    """The reviewer's example (review 9a, finding 2): a folder holding only materials.csv, its
    first record's stockpile_weeks changed from 12 to "twelve"."""
    shipped = default_paths().curated / "materials.csv"
    lines = shipped.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",12,4,26," in lines[1]
    lines[1] = lines[1].replace(",12,4,26,", ",twelve,4,26,")
    folder.mkdir()
    (folder / "materials.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def test_data_validate_checks_the_files_a_folder_holds(cli: Runner, tmp_path: Path) -> None:
    """A folder holding only the edited file reports that file's one error, not 22 "file not
    found" for the files it does not hold, and says in one line what it checked; the row is
    an integer in the CSV and the JSON."""
    folder = _edited_materials(tmp_path / "edited")
    code, out, err = cli("data", "validate", str(folder), "--format", "json", db=False)
    assert code == 2
    assert json.loads(out) == [
        {
            "severity": "error",
            "file": str(folder / "materials.csv"),
            "row": 2,
            "column": "stockpile_weeks",
            "problem": "not a number",
            "value": "twelve",
            "expected": "a number",
        }
    ]
    # 27 other files since release 28 added materials_ja.csv (26 since release 23 added
    # fab_names_ja.csv, 25 since release 22 added operator_names.csv; review 16 #8)
    assert "checked materials.csv; the set's 27 other files are absent: not checked" in " ".join(
        err.split()
    )
    code, out, _ = cli("data", "validate", str(folder), "--format", "csv", db=False)
    assert code == 2
    assert out.splitlines()[1] == (
        f"error,{folder / 'materials.csv'},2,stockpile_weeks,not a number,twelve,a number"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = cli("data", "validate", str(empty), "--format", "json", db=False)
    assert (
        code == 2 and len(json.loads(out)) == 28
    )  # nothing to check: every file is missing (28 since release 28)


def test_missing_store_is_a_clear_error(cli: Runner, tmp_path: Path) -> None:
    """An explicit --db that does not exist exits 2 and says how to build it."""
    code, _, err = cli("fabs", "--db", str(tmp_path / "missing.duckdb"), db=False)
    assert code == 2 and "chipshock data build" in err


def test_fabs_filter_and_sources(cli: Runner) -> None:
    """`fabs --country JPN --year 2027` lists fabs producing in Japan by 2027, with sources
    (not Rapidus: its pilot line holds no supply since data release 23, its volume from 2028)."""
    code, out, _ = cli("fabs", "--country", "JPN", "--year", "2027", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    ids = {r["fab_id"] for r in rows}
    assert "jasm-kumamoto-fab1" in ids and "rapidus-iim1" not in ids
    assert all(r["country"] == "JPN" and r["source_url"] and r["as_of"] for r in rows)


def test_fabs_in_a_year_show_and_total_that_years_capacity(cli: Runner) -> None:
    """`fabs --country JPN --year 2027 --totals operator` summed each fab's largest capacity of
    any year (Rapidus 18,000, the 2030 row; JASM 100,000 with Fab 2, which has nothing before
    2028), not 2027's (review 4, finding 12). With --year the column is 2027's capacity, the
    total is the itemised capacity `capacity --year 2027` holds for Japan, and JASM Fab 2 and
    Kioxia K2 (no capacity in the model in 2027) are named, not listed as producing; so is
    Rapidus since data release 23 (its pilot line counts as no supply)."""
    code, out, _ = cli("fabs", "--country", "JPN", "--year", "2027", "--format", "json")
    assert code == 0
    rows = {r["fab_id"]: r for r in json.loads(out)}
    assert rows["jasm-kumamoto-fab1"]["capacity_2027_300mm_wspm"] == 55000.0
    assert "capacity_300mm_wspm" not in rows["jasm-kumamoto-fab1"]
    assert "jasm-kumamoto-fab2" not in rows and "kioxia-kitakami-k2" not in rows
    assert "rapidus-iim1" not in rows
    code, out, _ = cli(
        "fabs", "--country", "JPN", "--year", "2027", "--totals", "operator", "--format", "json"
    )
    assert code == 0
    by_operator = {r["operator"]: r for r in json.loads(out)}
    assert "Rapidus" not in by_operator
    total = sum(r["capacity_2027_300mm_wspm"] for r in by_operator.values())
    code, out, _ = cli("capacity", "--year", "2027", "--by", "region", "--format", "csv")
    assert code == 0
    [japan] = [r for r in csv.DictReader(io.StringIO(out)) if r["region"] == "JPN"]
    assert total / 1000 == pytest.approx(float(japan["itemised_kwspm"]))
    code, out, _ = cli("fabs", "--country", "JPN", "--year", "2027", "--totals", "operator")
    text = " ".join(out.split())
    assert code == 0 and "capacity_2027_300mm_wspm sums the listed fabs' capacity in 2027" in text
    assert "jasm-kumamoto-fab2 (capacity rows from 2028)" in text
    assert "rapidus-iim1 (capacity rows from 2028)" in text
    assert "kioxia-kitakami-k2 (no fab_capacity.csv row" in text


def test_fabs_year_and_capacity_in_must_agree(cli: Runner) -> None:
    """--year 2027 with --capacity-in 2030 asked for two years at once: an error naming both."""
    code, out, err = cli("fabs", "--year", "2027", "--capacity-in", "2030")
    assert code == 2 and out == ""
    assert "--capacity-in" in err and "'2030'" in err and "(2027)" in err
    code, _, _ = cli("fabs", "--year", "2027", "--capacity-in", "2027", "--format", "csv")
    assert code == 0


def test_fabs_totals_by_operator(cli: Runner) -> None:
    """Totals group fabs by operator with counts and funding."""
    code, out, _ = cli("fabs", "--country", "USA", "--totals", "operator", "--format", "json")
    assert code == 0
    rows = {r["operator"]: r for r in json.loads(out)}
    assert rows["Intel"]["n_fabs"] >= 2


def test_fabs_bad_status_exits_2(cli: Runner) -> None:
    """An unknown status names the option and the allowed values."""
    code, _, err = cli("fabs", "--status", "runing")
    assert code == 2 and "status" in err and "operating" in err


def test_partnership_totals_skip_umbrella_rows(cli: Runner) -> None:
    """Rapidus subsidy totals leave out the cumulative row (no double counting); the IPA's
    USD 640 m is equity since data release 22, not a subsidy."""
    code, out, _ = cli(
        "partnerships",
        "--party",
        "Rapidus",
        "--kind",
        "subsidy",
        "--totals",
        "kind",
        "--format",
        "json",
    )
    assert code == 0
    (row,) = json.loads(out)
    assert abs(row["amount_usd"] - (510e6 + 1.9e9 + 3.89e9 + 5.37e9)) < 1


def test_deliverables_by_sector(cli: Runner) -> None:
    """Deliverables filter by sector; the IBM–Rapidus row is among the semiconductor ones."""
    code, out, _ = cli("deliverables", "--sector", "semiconductors", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["actor"] == "IBM; Rapidus" for r in rows)


def test_data_audit(cli: Runner) -> None:
    """The audit counts rows per consumer by confidence, finds no label/note disagreement in the
    shipped data, and lists the low-confidence rows behind the flagship factors."""
    code, out, _ = cli("data", "audit", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    totals = {r["consumer"]: r for r in payload["by_consumer"] if r["table"] == "(all)"}
    assert set(totals) == {"engine", "analysis", "report"}
    for r in totals.values():
        assert r["high"] + r["medium"] + r["low"] == r["rows"] > 0
    assert payload["label_issues"] == []
    factors = {r["factor"] for r in payload["flagship_low_rows"]}
    assert "complementarity" in factors


def test_audit_suggests_a_sensitivity_command_that_runs(cli: Runner) -> None:
    """The command `data audit` tells users to run exists: it exits 0 (two runs, one factor)."""
    from chipshock.cli.data_cmd import SENSITIVITY_COMMAND

    code, out, _ = cli("data", "audit")
    assert code == 0
    assert SENSITIVITY_COMMAND in " ".join(out.split())
    argv = SENSITIVITY_COMMAND.split()[1:]
    code, out, err = cli(*argv, "--runs", "2", "--factor", "complementarity", "--format", "csv")
    assert code == 0, err
    assert out.startswith("factor,")
