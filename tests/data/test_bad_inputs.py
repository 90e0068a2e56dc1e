"""Every bad input named: each case found by the reliability review gives a clear error (file,
row, column or field, the value, what was expected), exit 2 on the CLI, and no store written;
plus a hypothesis fuzz suite of mutated data folders and scenario files that must end in a clean
error or a valid result, never a traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.eto import load_eto
from chipshock.data.ranges import is_web_url
from chipshock.data.store import DataPaths, build_store, default_paths
from chipshock.errors import ChipshockError, ScenarioError, UnknownIdError, ValidationFailed
from chipshock.scenarios import parse_scenario
from chipshock.scenarios.model import Scenario
from chipshock.sim import run
from chipshock.sim.data import ModelData

from .conftest import edit

CURATED = default_paths().curated
SCENARIO = '[scenario]\nid = "x"\nstart_year = 2027\nend_year = 2028\n'


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


@pytest.mark.parametrize(
    ("file", "old", "new", "needle"),
    [
        ("shock_assumptions.csv", "triangular,4,26,78", "triangular,78,26,4", "low is above mode"),
        (
            "model_assumptions.csv",
            "utilisation_lt10,0.86",
            "utilisation_lt10,-1e6",
            "between 0 and 1",
        ),
        (  # a lead time is read relative to the normal one: 0 weeks would divide by zero
            "model_assumptions.csv",
            "normal_lead_time_weeks,12,",
            "normal_lead_time_weeks,0,",
            "between 1 and 520 (parameter normal_lead_time_weeks)",
        ),
        ("end_markets.csv", "207,2024,15,2.5", "207,2024,15,1e308", "at most 100"),
        ("fabs.csv", "https://www.nippon.com", "htps//www.nippon.com", "not a web address"),
        (
            "inventory_buffers.csv",
            "gases_stock,material:N91,8,4,13",
            "gases_stock,material:N91,8,13,4",
            "weeks_low is above weeks",
        ),
    ],
)
def test_bad_assumption_named(
    curated_dir: Path, file: str, old: str, new: str, needle: str
) -> None:
    """Inverted ranges, out-of-range values, absurd multipliers and malformed URLs are errors
    naming the file, row and column."""
    edit(curated_dir / file, old, new)
    errors = _errors(curated_dir)
    assert any(needle in e and file in e and "row" in e and "column" in e for e in errors), errors


def test_header_only_files_are_errors(curated_dir: Path, tiny_dir: Path) -> None:
    """A file with a header and no records is an error (ETO and curated), not an empty table."""
    (tiny_dir / "provision.csv").write_text(
        (tiny_dir / "provision.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    assert any("no data rows" in str(p) for p in load_eto(tiny_dir).errors)
    (curated_dir / "fabs.csv").write_text("fab_id,name\n", encoding="utf-8")
    assert any("fabs.csv" in e and "no data rows" in e for e in _errors(curated_dir))


def test_long_sequence_chain_checked_without_recursion(tiny_dir: Path) -> None:
    """A 3,000-step chain in sequence.csv is checked (no RecursionError)."""
    seq = tiny_dir / "sequence.csv"
    lines = seq.read_text(encoding="utf-8").splitlines()
    inputs = tiny_dir / "inputs.csv"
    rows = list(csv.DictReader(io.StringIO(inputs.read_text(encoding="utf-8"))))
    known = rows[0]
    extra = [{**known, "input_id": f"X{i}", "input_name": f"x{i}"} for i in range(3000)]
    with inputs.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=list(known)).writerows(extra)
    chain = [f"x{i},X{i},x{i + 1},X{i + 1},," for i in range(2999)]
    seq.write_text("\n".join([*lines, *chain]) + "\n", encoding="utf-8")
    load_eto(tiny_dir)  # problems or a chain, but it returns


def test_cli_bad_data_exit_2_and_store_untouched(curated_dir: Path, tmp_path: Path) -> None:
    """`data build` over a folder with an inverted range exits 2, names it, and leaves the
    previous store byte for byte."""
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    edit(curated_dir / "shock_assumptions.csv", "triangular,4,26,78", "triangular,78,26,4")
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before
    with pytest.raises(ValidationFailed, match="low is above mode"):
        base = default_paths()
        build_store(db, DataPaths(base.eto, base.eto_v2022, curated_dir))


def test_validate_partial_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`data validate` on a folder holding only provision.csv checks that file and says the
    set's other files were absent (review 9a, finding 2: an absent file is not an error); a
    folder holding none of the files names every missing file (exit 2)."""
    shutil.copy(default_paths().eto / "provision.csv", tmp_path / "provision.csv")
    assert main(["data", "validate", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "no problems found in the files checked (eto)" in " ".join(out.split())
    assert "checked provision.csv; the set's 4 other files are absent: not checked" in " ".join(
        err.split()
    )
    (tmp_path / "provision.csv").unlink()
    assert main(["data", "validate", str(tmp_path)]) == 2
    assert "file not found" in capsys.readouterr().out


def test_scenario_cases() -> None:
    """BOM accepted; 500-deep arrays and huge years give named errors."""
    assert parse_scenario("\ufeff" + SCENARIO).scenario_id == "x"
    with pytest.raises(ScenarioError, match=r"nested too deeply|parameters"):
        parse_scenario(SCENARIO + "[parameters]\na = " + "[" * 500 + "1" + "]" * 500 + "\n")
    with pytest.raises(ScenarioError, match="start_year"):
        parse_scenario(SCENARIO.replace("2027", "99999999999999999999999"))


def test_unknown_assumption_id_rejected() -> None:
    """A scenario citing an assumption id that no data row has is refused, naming the id."""
    sc = Scenario("x", "x", start_year=2026, end_year=2026, runs=2, assumptions=("nope_id",))
    with pytest.raises(UnknownIdError, match="nope_id"):
        run(sc, ModelData.tiny())


def test_url_shapes() -> None:
    """Web addresses: http(s), a dotted host, no spaces."""
    assert is_web_url("https://www.meti.go.jp/english/press/2024/0402_001.html")
    for bad in ("htps://x.org", "https://", "https://localhost/x", "https://a b.org", "x.org"):
        assert not is_web_url(bad), bad


# ---- fuzz suite -------------------------------------------------------------------------

_CELLS = st.one_of(
    st.sampled_from(["", "-1", "1e308", "-1e308", "nan", "inf", "0", "1", "abc", "2.5%"]),
    st.sampled_from(["99999999999999999999", "\ufeff", "'", '"', ";", "https://", "x" * 300]),
    st.text(max_size=12),
)
_FILES = sorted(p.name for p in CURATED.glob("*.csv"))
_FUZZ = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(
    file=st.sampled_from(_FILES),
    row=st.integers(0, 30),
    column=st.integers(0, 25),
    value=_CELLS,
    drop_rows=st.booleans(),
)
def test_fuzz_curated_folder(
    tmp_path_factory: pytest.TempPathFactory,
    file: str,
    row: int,
    column: int,
    value: str,
    drop_rows: bool,
) -> None:
    """One cell of one curated file replaced (or its records dropped): load_curated returns
    data or named problems, never raises."""
    folder = tmp_path_factory.mktemp("fuzz") / "curated"
    shutil.copytree(CURATED, folder)
    path = folder / file
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if drop_rows:
        records = records[:1]
    else:
        r = records[min(row, len(records) - 1)]
        r[min(column, len(r) - 1)] = value
    buf = io.StringIO()
    csv.writer(buf).writerows(records)
    path.write_text(buf.getvalue(), encoding="utf-8")
    loaded = load_curated(folder)
    assert loaded.data is not None or loaded.errors
    assert all(p.file for p in loaded.errors)


_TOML_VALUES = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("inf", "inf")),
    st.sampled_from(['"x"', "[]", "[[[[1]]]]", "{}", "true", '"2027-01"', '["a", 1]']),
)
_KEYS = st.sampled_from(
    [
        "scenario.start_year",
        "scenario.end_year",
        "scenario.runs",
        "scenario.seed",
        "scenario.assumptions",
        "shock.start_year",
        "shock.duration_weeks",
        "shock.severity",
        "shock.targets",
        "shock.kind",
        "parameters.utilisation",
        "intervention.kind",
    ]
)


@settings(max_examples=60)
@given(key=_KEYS, value=_TOML_VALUES, bom=st.booleans())
def test_fuzz_scenario_file(key: str, value: str, bom: bool) -> None:
    """A scenario with one field set to an arbitrary value parses or raises a ScenarioError
    that names a field; never another exception."""
    table, field = key.split(".")
    body = SCENARIO
    if table == "scenario":
        body = body.replace("end_year = 2028\n", f"end_year = 2028\n{field} = {value}\n")
        if field in ("start_year", "end_year"):
            body = SCENARIO.replace(f"{field} = 202{7 if field == 'start_year' else 8}", "")
            body = body.replace("[scenario]\n", f"[scenario]\n{field} = {value}\n")
    elif table in ("shock", "intervention"):
        body += f'[[{table}]]\nkind = "country"\ntargets = ["TWN"]\n{field} = {value}\n'
    else:
        body += f"[{table}]\n{field} = {value}\n"
    try:
        parse_scenario(("\ufeff" if bom else "") + body)
    except ScenarioError as exc:
        assert str(exc)
    except ChipshockError as exc:  # pragma: no cover - a named error of another kind is fine
        assert str(exc)


def test_unwritable_locations_named(tmp_path: Path) -> None:
    """A report under a regular file, or a store under one: exit 2 with a message, no traceback;
    `serve` on a damaged store exits 2 before starting."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", "baseline", "-o", str(blocker / "r.html")]) == 2
    assert main(["data", "build", "--db", str(blocker / "s.duckdb")]) == 2
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_text("not a database")
    assert main(["serve", "--db", str(damaged)]) == 2
