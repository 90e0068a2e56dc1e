"""node_requirements.csv ``market_id``: blank binds the whole class, a market id only that
market's chips of the class; anything else is a named error and no store is written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.store import build_store
from chipshock.model.market_schema import MARKETS

from .conftest import edit


def _ai_row(folder: Path) -> str:
    """The shipped lt10/advanced_packaging/ai_datacenter line (market_id, then the exempt
    operators)."""
    for line in (folder / "node_requirements.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith("lt10,advanced_packaging,") and ",ai_datacenter," in line:
            return line
    raise AssertionError("no lt10/advanced_packaging/ai_datacenter row")


def test_unknown_market_is_named(curated_dir: Path) -> None:
    """A market id that end_markets.csv does not hold is an error naming the file, the row,
    the column, the value and the valid ids."""
    line = _ai_row(curated_dir)
    edit(curated_dir / "node_requirements.csv", line, line.replace(",ai_datacenter,", ",ai_dc,"))
    errors = [str(p) for p in load_curated(curated_dir).errors]
    hit = [e for e in errors if "node_requirements.csv" in e and "market_id" in e]
    assert hit and "ai_dc" in hit[0] and "row" in hit[0], errors
    assert all(m in hit[0] for m in MARKETS)


def test_same_input_twice_for_one_market_is_a_duplicate(curated_dir: Path) -> None:
    """The key is (node_class, input_id, market_id): one row per class, input and market."""
    line = _ai_row(curated_dir)
    edit(curated_dir / "node_requirements.csv", line, line + "\n" + line)
    errors = [str(p) for p in load_curated(curated_dir).errors]
    assert any("duplicated id" in e and "advanced_packaging/ai_datacenter" in e for e in errors)


def test_cli_bad_market_exit_2_and_store_untouched(curated_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    line = _ai_row(curated_dir)
    edit(curated_dir / "node_requirements.csv", line, line.replace(",ai_datacenter,", ",cars,"))
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_shipped_advanced_packaging_is_per_market(curated_dir: Path) -> None:
    """Advanced packaging binds AI data centres and smartphones only (no class-wide row):
    the packages, not the wafers, are what CoWoS and InFO users need."""
    assert "Bound to the market (market_id)" in _ai_row(curated_dir)
    nr = load_curated(curated_dir).tables["node_requirements"]
    ap = nr[nr["input_id"] == "advanced_packaging"]
    assert sorted(ap["market_id"].fillna("").astype(str)) == ["ai_datacenter", "smartphones"]
    assert set(ap["node_class"]) == {"lt10"}
    assert (ap["confidence"] == "low").all()
    blank = nr["market_id"].isna() | (nr["market_id"].astype(str).str.strip() == "")
    assert isinstance(nr, pd.DataFrame) and blank.sum() == len(nr) - 2


def test_exempt_operators_are_fabs_operators(curated_dir: Path, tmp_path: Path) -> None:
    """``except_operator_ids``: the shipped packaging rows exempt Samsung and Intel (they
    package in-house) and SMIC (packaged in China); Korea's leading-edge remainder is
    covered as Samsung's (remainder_operators.csv, release 18; was ``other:KOR``); an id no
    fab has, or a remainder of a region the capacity table does not know, is an error naming
    the file, the row, the column and the value, and `data build` exits 2 leaving the store as
    it was."""
    nr = load_curated(curated_dir).tables["node_requirements"]
    ap = nr[nr["input_id"] == "advanced_packaging"]
    assert set(ap["except_operator_ids"]) == {"samsung;intel;smic"}
    assert nr.loc[nr["input_id"] != "advanced_packaging", "except_operator_ids"].isna().all()
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    line = _ai_row(curated_dir)
    edit(
        curated_dir / "node_requirements.csv",
        line,
        line.replace("samsung;intel;smic", "samsung;intell;other:XYZ"),
    )
    errors = [str(p) for p in load_curated(curated_dir).errors]
    hit = [e for e in errors if "except_operator_ids" in e]
    assert len(hit) == 2 and "node_requirements.csv" in hit[0] and "row" in hit[0]
    assert "intell" in hit[0] and "other:XYZ" in hit[1] and "other:KOR" in hit[1]
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before
