"""Data release 18 (remop; review 10, finding 2): remainder_operators.csv counts Taiwan's <10nm
"other fabs" as TSMC's and Korea's as Samsung's; its rows are checked like every curated
table (file, row, column, value, expected; `data build` exits 2 and leaves the store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.data.store import build_store

from .conftest import edit

HEADER = "region,node_class,operator_id,source_url,as_of,confidence,note\n"


def test_shipped_rows(curated_dir: Path) -> None:
    """Two rows, each with a source, a date and a confidence the evidence allows: TWN lt10 is
    TSMC's (UMC stops at 12-14nm; low since release 19, review 12b finding 2: what it attributes
    rests on an assumed world total), KOR lt10 Samsung's (low: the source names the leader
    only); the packaging rows no longer list other:KOR (samsung covers it)."""
    loaded = load_curated(curated_dir)
    assert not loaded.errors
    t = loaded.tables["remainder_operators"]
    rows = {(r.region, r.node_class): r for r in t.itertuples()}
    assert sorted(rows) == [("KOR", "lt10"), ("TWN", "lt10")]
    assert rows[("TWN", "lt10")].operator_id == "tsmc"
    assert rows[("TWN", "lt10")].confidence == "low"
    assert rows[("KOR", "lt10")].operator_id == "samsung"
    assert rows[("KOR", "lt10")].confidence == "low"
    assert all(str(r.source_url).startswith("http") and r.as_of for r in rows.values())
    nr = loaded.tables["node_requirements"]
    assert "other:KOR" not in ";".join(nr["except_operator_ids"].dropna())
    assert int(DATA_RELEASE) >= 18 and DATA_RELEASE_DATE >= "2026-12-05"


@pytest.mark.parametrize(
    ("old", "new", "column", "value"),
    [
        ("TWN,lt10,tsmc,", "XYZ,lt10,tsmc,", "region", "XYZ"),
        ("TWN,lt10,tsmc,", "TWN,lt10,tsmcc,", "operator_id", "tsmcc"),
        ("TWN,lt10,tsmc,", "TWN,lt7,tsmc,", "node_class", "lt7"),
        ("TWN,lt10,tsmc,", "KOR,lt10,tsmc,", "region,node_class", "KOR/lt10"),
        (",2024-01,low,", ",2024-01,certain,", "confidence", "certain"),
    ],
)
def test_bad_rows_are_errors(
    curated_dir: Path, tmp_path: Path, old: str, new: str, column: str, value: str
) -> None:
    """An unknown capacity region or operator, a class that is no node class, the same cell
    twice or a confidence outside high/medium/low: an error naming remainder_operators.csv,
    the row, the column and the value; `data build` exits 2 and leaves the store as it was."""
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    edit(curated_dir / "remainder_operators.csv", old, new)
    errors = [
        p for p in load_curated(curated_dir).errors if p.file.endswith("remainder_operators.csv")
    ]
    assert errors, "the bad row is reported"
    hit = [p for p in errors if p.column == column]
    assert (
        hit
        and str(value) in str(hit[0].value)
        and hit[0].row == 2 + (column == "region,node_class")
    )
    assert hit[0].expected
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_an_empty_or_missing_file_is_an_error(curated_dir: Path) -> None:
    """The file needs at least one data row like every curated file; a missing file is an
    error naming it."""
    path = curated_dir / "remainder_operators.csv"
    path.write_text(HEADER, encoding="utf-8")
    assert any("remainder_operators.csv" in str(p) for p in load_curated(curated_dir).errors)
    path.unlink()
    assert any("remainder_operators.csv" in str(p) for p in load_curated(curated_dir).errors)
