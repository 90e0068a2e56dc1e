"""`scenario compare`, `contributions`, `sensitivity` and `sweep`: every problem of every
scenario file in one round, each naming its file, as `scenario run` (review 14 #7)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import Runner

#: one problem the parser finds (severity > 1) and one only the data can tell (XXX)
BAD_A = """
[scenario]
id = "bad-a"
start_year = 2026
end_year = 2028
runs = 5

[[shock]]
kind = "country"
targets = ["XXX"]
start = "2027-01"
severity = 2.0
"""

#: a shock of unknown kind (its data checks wait for it: a line says so) and a bad runs
BAD_B = """
[scenario]
id = "bad-b"
start_year = 2026
end_year = 2028
runs = -5

[[shock]]
kind = "nope"
targets = ["TWN"]
start = "2027-01"
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "bad-a.toml", tmp_path / "bad-b.toml"
    a.write_text(BAD_A, encoding="utf-8")
    b.write_text(BAD_B, encoding="utf-8")
    return a, b


def test_compare_names_every_problem_of_both_files(
    cli: Runner, tmp_path: Path, store_path: Path
) -> None:
    """`scenario compare A B` with two bad files lists the four problems of both in one round,
    each with its file, and the check it skipped with its file; exit 2, nothing saved."""
    a, b = _files(tmp_path)
    db = tmp_path / "s.duckdb"
    shutil.copyfile(store_path, db)
    code, out, err = cli(
        "scenario", "compare", str(a), str(b), "--save", "x", "--db", str(db), db=False
    )
    assert code == 2 and out == ""
    assert err.startswith("error: chipshock scenario compare: invalid scenario: 4 problems")
    for where in (
        f"{a}, shock[0].severity: out of range (got '2'",
        f"{a}, shock[0].targets: unknown country or group code (got 'XXX'",
        f"{b}, shock[0].kind: unknown shock kind (got 'nope'",
        f"{b}, scenario.runs: out of range (got '-5'",
        f"(skipped) {b}, shock[0]: not checked against the data",
    ):
        assert where in err
    code, out, _ = cli("results", "list", "--db", str(db), "-f", "json", db=False)
    assert code == 0 and json.loads(out) == []  # nothing written


def test_compare_names_an_unknown_side_by_its_argument(cli: Runner, tmp_path: Path) -> None:
    """An unknown id on one side is one problem among the other file's, named A or B; a
    missing file alone is one line; a good file against a bad one names only the bad one's."""
    _, b = _files(tmp_path)
    code, out, err = cli("scenario", "compare", "taiwan-blockad", str(b))
    assert code == 2 and out == ""
    assert "invalid scenario: 3 problems found" in err
    assert "  - A: no such scenario file or built-in scenario" in err
    assert "did you mean 'taiwan-blockade-2027-6m'?" in err and "(got 'taiwan-blockad'" in err
    assert f"  - {b}, shock[0].kind:" in err
    missing = tmp_path / "missing.toml"
    code, _, err = cli("scenario", "compare", "japan-earthquake", str(missing))
    assert code == 2
    assert err.strip() == (
        f"error: chipshock scenario compare: {missing}: scenario file not found "
        "(expected an existing .toml file or a built-in scenario id, one of: baseline, "
        "china-gallium-germanium-controls, demand-surge-2021-like, japan-earthquake, "
        "korea-conflict, nld-litho-export-stop-china, taiwan-blockade-2027-12m, "
        "taiwan-blockade-2027-6m, taiwan-blockade-2027-6m-no-alliance-fabs)"
    )
    code, _, err = cli("scenario", "compare", "japan-earthquake", str(b))
    assert code == 2 and "2 problems found" in err and "japan-earthquake" not in err


def test_compare_of_one_bad_file_lists_its_data_problems(cli: Runner, tmp_path: Path) -> None:
    """`scenario compare A` (A without and with the alliance fabs) checks A as `run` does:
    the parser's problem and the data's in one round."""
    a, _ = _files(tmp_path)
    code, _, err = cli("scenario", "compare", str(a))
    assert code == 2 and "invalid scenario: 2 problems found" in err
    assert f"{a}, shock[0].targets: unknown country" in err


@pytest.mark.parametrize("command", ["contributions", "sensitivity", "sweep"])
def test_other_scenario_commands_check_the_file_in_one_round(
    cli: Runner, tmp_path: Path, command: str
) -> None:
    """`contributions`, `sensitivity` and `sweep` name the parser's problem and the data's
    together (before, only the parser's, then the data's after a fix)."""
    a, _ = _files(tmp_path)
    code, out, err = cli("scenario", command, str(a))
    assert code == 2 and out == ""
    assert err.startswith(f"error: chipshock scenario {command}: invalid scenario: 2 problems")
    assert f"{a}, shock[0].severity:" in err and f"{a}, shock[0].targets:" in err


def test_report_compare_names_every_problem_of_both_files(cli: Runner, tmp_path: Path) -> None:
    """`report A --compare B` checks both files in one round, as `scenario compare` (before,
    the first file's first problem stopped it); nothing is written."""
    a, b = _files(tmp_path)
    out_path = tmp_path / "r.html"
    code, out, err = cli("report", str(a), "--compare", str(b), "--output", str(out_path))
    assert code == 2 and out == ""
    assert err.startswith("error: chipshock report: invalid scenario: 4 problems")
    assert f"{a}, shock[0].targets: unknown country" in err
    assert f"{b}, scenario.runs: out of range (got '-5'" in err
    assert not out_path.exists()
