"""Data release 19 (demand20): market_demand_path.csv gives a market's chip demand in the years
its sources give. The AI market's rows: 2025 = 291 (the makers' revenue, data20's arithmetic),
2026 = 406 (data20's +40 % step held a year, checked against Gartner and NVIDIA's guidance),
2030 = 1,047 (AMD's USD 1 tn data-centre TAM + 47 bn of server memory); growth after 2030
15 %/yr. Bad rows are errors naming file, row, column, value and expected; `data build` exits 2
and leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.store import build_store

from .conftest import edit
from .coverage_helpers import CURATED, curated_rows

AI_2025 = "ai_datacenter,2025,291,"


def test_shipped_ai_rows_with_their_arithmetic() -> None:
    """Three low-confidence rows, each with its own source; the arithmetic in their notes."""
    rows = {int(r["year"]): r for r in curated_rows("market_demand_path.csv")}
    assert {r["market_id"] for r in rows.values()} == {"ai_datacenter"}
    assert {y: float(r["chip_demand_usd_bn"]) for y, r in rows.items()} == {
        2025: 291.0,
        2026: 406.0,
        2030: 1047.0,
    }
    assert all(
        r["confidence"] == "low" and r["note"].startswith("assumption:") for r in rows.values()
    )
    assert "pcgamer.com" in rows[2025]["source_url"]
    assert "economictimes" in rows[2026]["source_url"]
    assert rows[2030]["source_url"] == "https://feedman.me/posts/2X4xD"
    assert round(193.7 + 16.6 + 20.0 + 13.2 + 0.794 + 27 + 20) == 291
    assert round(290 * 1.40) == 406 and round(78 * 0.9 * 4 + 50.6 + 47) == 378
    assert 1000 + 27 + 20 == 1047
    step = (1047 / 406) ** 0.25
    assert round(100 * (step - 1), 1) == 26.7
    assert (round(406 * step, 1), round(406 * step**2, 1)) == (514.5, 652.0)
    assert 500 + 22 + 15 + 47 == 584 and round(100 * (1 - 584 / (406 * step**2))) == 10
    ai = {r["market_id"]: r for r in curated_rows("end_markets.csv")}["ai_datacenter"]
    assert ai["growth_pct_per_year"] == "15"
    assert round(100 * ((500 / 209) ** (1 / 6) - 1), 1) == 15.6  # Yole 2024-2030
    assert round(100 * ((286 / 123) ** (1 / 6) - 1), 1) == 15.1  # Omdia accelerators
    assert "Release 19 (demand20)" in ai["note"]


def test_changelog_and_sources_say_it() -> None:
    """The release 19 CHANGELOG ends with the demand20 sub-heading; SOURCES.md has the rule."""
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("## Release 19", 1)[1].split("\n## ", 1)[0]
    assert "### A market's demand by year (demand20)" in section
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "market_demand_path.csv" in sources


@pytest.mark.parametrize(
    ("new", "column", "value"),
    [
        ("robots,2025,291,", "market_id", "robots"),
        ("ai_datacenter,1900,291,", "year", "1900"),
        ("ai_datacenter,2026,291,", "market_id,year", "ai_datacenter/2026"),
        ("ai_datacenter,2025,0,", "chip_demand_usd_bn", "0"),
        ("ai_datacenter,2025,-5,", "chip_demand_usd_bn", "-5"),
        ("ai_datacenter,2025,2e6,", "chip_demand_usd_bn", "2e6"),
        ("ai_datacenter,twenty,291,", "year", "twenty"),
    ],
)
def test_bad_rows_are_errors(
    curated_dir: Path, tmp_path: Path, new: str, column: str, value: str
) -> None:
    """An unknown market, a year outside the registry's 1950-2100, a second row for a market and
    year, a level not above zero or too large to be meant, a year that is no number: an error
    naming market_demand_path.csv, the row, the column and the value; `data build` exits 2 and
    leaves the store as it was."""
    db = tmp_path / "s.duckdb"
    build_store(db)
    before = db.read_bytes()
    edit(curated_dir / "market_demand_path.csv", AI_2025, new)
    errors = [
        p for p in load_curated(curated_dir).errors if p.file.endswith("market_demand_path.csv")
    ]
    hit = [p for p in errors if p.column == column]
    assert hit, errors
    assert value in str(hit[0].value) and hit[0].row == 2 + (column == "market_id,year")
    assert hit[0].expected
    assert main(["data", "build", "--db", str(db), "--curated", str(curated_dir)]) == 2
    assert db.read_bytes() == before


def test_a_market_end_markets_lacks_is_an_error(curated_dir: Path) -> None:
    """A path row for a market of the vocabulary that end_markets.csv has no row for."""
    lines = (curated_dir / "end_markets.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("consumer,")]
    (curated_dir / "end_markets.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    edit(curated_dir / "market_demand_path.csv", AI_2025, "consumer,2025,291,")
    hit = [
        p
        for p in load_curated(curated_dir).errors
        if p.file.endswith("market_demand_path.csv") and p.column == "market_id"
    ]
    assert hit and hit[0].value == "consumer" and hit[0].row == 2
    assert "ai_datacenter" in str(hit[0].expected)
