"""Data release 20 (util21): utilisation_path.csv gives a node class's normal utilisation in the
years its sources give (DRAM 0.97 in 2026 and 2027, >45 nm 0.88 in 2026); every other year
keeps the class's model_assumptions.csv row. Bad rows are errors naming file, row, column,
value and expected; `data build` exits 2 and leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import build_store

from .conftest import edit
from .coverage_helpers import CURATED, curated_rows

DRAM_2026 = "dram,2026,0.97,"


def test_shipped_rows_with_their_sources() -> None:
    """Three low-confidence rows, each with a source found for it and its reading in the note;
    the gt45 value is the middle of TrendForce's 85-90 % as the long-run 0.78 is of 75-80 %."""
    rows = {(r["node_class"], int(r["year"])): r for r in curated_rows("utilisation_path.csv")}
    assert {k: float(r["utilisation"]) for k, r in rows.items()} == {
        ("dram", 2026): 0.97,
        ("dram", 2027): 0.97,
        ("gt45", 2026): 0.88,
    }
    assert all(r["confidence"] == "low" for r in rows.values())
    assert "zot.news" in rows["dram", 2026]["source_url"]
    assert rows["gt45", 2026]["source_url"] == (
        "https://www.simmtester.com/News/IndustryArticle/27762"
    )
    assert "85-90 %" in rows["gt45", 2026]["note"]
    assert round((0.85 + 0.90) / 2, 2) == 0.88 and round((0.75 + 0.80) / 2, 2) == 0.78
    assert all(r["note"].startswith("assumption:") for k, r in rows.items() if k[0] == "dram")


def test_release_changelog_and_sources_say_it() -> None:
    """Release 20; its CHANGELOG section has the util21 sub-heading; SOURCES.md has the rule
    and the rows considered and rejected."""
    assert int(DATA_RELEASE) >= 20
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("## Release 20", 1)[1].split("\n## ", 1)[0]
    assert "### Normal utilisation by year (util21)" in section
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## utilisation_path.csv" in sources
    rejected = sources.split("## Release 20: normal utilisation by year (util21)", 1)[1]
    assert "Considered and rejected" in rejected and "`nand` 2024, 2025, 2026" in rejected


@pytest.mark.parametrize(
    ("new", "column", "value"),
    [
        ("sram,2026,0.97,", "node_class", "sram"),
        ("dram,1900,0.97,", "year", "1900"),
        ("dram,2027,0.97,", "node_class,year", "dram/2027"),
        ("dram,2026,0,", "utilisation", "0"),
        ("dram,2026,1.2,", "utilisation", "1.2"),
        ("dram,2026,full,", "utilisation", "full"),
    ],
)
def test_bad_rows_are_errors(
    curated_dir: Path, tmp_path: Path, new: str, column: str, value: str
) -> None:
    """A class outside the vocabulary, a year outside the registry's, a second row for a class
    and year, a utilisation of zero, above 1 or not a number: an error naming
    utilisation_path.csv, the row, the column and the value; `data build` exits 2 and leaves
    the store as it was."""
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    edit(curated_dir / "utilisation_path.csv", DRAM_2026, new)
    errors = [
        p for p in load_curated(curated_dir).errors if p.file.endswith("utilisation_path.csv")
    ]
    hit = [p for p in errors if p.column == column]
    assert hit, errors
    assert value in str(hit[0].value) and hit[0].row == 2 + (column == "node_class,year")
    assert hit[0].expected
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before
