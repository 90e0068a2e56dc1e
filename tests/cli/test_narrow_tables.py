"""`scenario compare` reads at 80 columns: the same numbers, stacked by market, no line wider
than the terminal; a wide terminal keeps the side-by-side layout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from chipshock.cli.scenario_view import (
    NARROW_COMPARE,
    PER_MARKET_TITLES,
    STACKED_INDEX,
    WIDE_COMPARE,
    stacked_percentiles,
    wide_percentiles,
)

SRC = Path(__file__).resolve().parents[2] / "src"
PAIR = ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m")


def _compare(store: Path, columns: int) -> str:
    return _chipshock(columns, "scenario", "compare", *PAIR, "--runs", "40", "--db", str(store))


def _chipshock(columns: int, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "chipshock", *args],
        env={**os.environ, "COLUMNS": str(columns), "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_compare_fits_80_columns_and_keeps_the_wide_layout_when_wide(built_store: Path) -> None:
    """At COLUMNS=80 no line exceeds 80 characters and the narrow tables are printed (every
    market with its p5, p50, p95); at 250 columns the side-by-side tables are as before."""
    narrow = _compare(built_store, 80)
    too_long = [line for line in narrow.splitlines() if len(line) > 80]
    assert too_long == []
    assert all(title in narrow for title in NARROW_COMPARE)
    assert "AI and data centre" in narrow and "All markets" in narrow
    wide = _compare(built_store, 250)
    assert all(title in wide for title in WIDE_COMPARE)
    assert not any(title in wide for title in NARROW_COMPARE)
    assert max(len(line) for line in wide.splitlines()) > 80  # the wide layout, unchanged


@pytest.mark.slow
def test_run_fits_80_columns(built_store: Path) -> None:
    """`scenario run`'s per-market table is stacked at 80 columns, one column per KPI when
    wide."""
    args = ("scenario", "run", PAIR[1], "--runs", "40", "--db", str(built_store))
    narrow = _chipshock(80, *args)
    assert [line for line in narrow.splitlines() if len(line) > 80] == []
    assert PER_MARKET_TITLES[1] in narrow and PER_MARKET_TITLES[0] not in narrow
    assert PER_MARKET_TITLES[0] in _chipshock(250, *args)


def test_stacked_cells_are_the_wide_cells_split() -> None:
    """Each market's p5 · p50 · p95 cell of the wide table is the stacked table's three cells,
    markets in the same order, each under its own heading row."""
    kpis = pd.DataFrame(
        {
            "market": ["all", "all", "automotive", "automotive"],
            "kpi": ["output_lost_weeks", "loss_usd_bn", "output_lost_weeks", "loss_usd_bn"],
            "p5": [0.31, 32.7e9, 0.2, 13.9e9],
            "p50": [0.44, 42.4e9, 0.3, 20.0e9],
            "p95": [0.52, 54.0e9, 0.4, 26.9e9],
        }
    )
    wide = wide_percentiles(kpis).set_index("market")
    stacked = stacked_percentiles(kpis)
    headings = stacked[stacked["p50"] == ""][STACKED_INDEX].tolist()
    assert headings == [f"[bold]{m}[/bold]" for m in wide.index]
    market = ""
    seen = 0
    for row in stacked.itertuples(index=False):
        if row.p50 == "":
            market = row[0].removeprefix("[bold]").removesuffix("[/bold]")
            continue
        assert wide.at[market, row[0]] == f"{row.p5} · {row.p50} · {row.p95}"
        seen += 1
    assert seen == 4


def test_fab_tables_fit_80_columns_and_name_what_they_leave_out(built_store: Path) -> None:
    """`fabs --capacity-in` and `fabs` at 80 columns: no line wider than the terminal, no number
    split over two lines (Rapidus' 2027 row reads whole), and the caption names the columns left
    out; at 250 columns every column is shown and nothing is said to be left out."""
    db = ("--db", str(built_store))
    narrow = _chipshock(80, "fabs", "--capacity-in", "2027", *db)
    assert [line for line in narrow.splitlines() if len(line) > 80] == []
    rapidus = next(line for line in narrow.splitlines() if "rapidus-iim1" in line)
    cells = [c.strip() for c in rapidus.split("│") if c.strip()]
    assert cells == [
        "rapidus-iim1",
        "lt10",
        "6,000",
        "low",
    ]  # its 2027 row in fab_capacity.csv: 6,000
    assert (
        "Left out at this terminal width: operator id, country, status, row year, phase"
        in " ".join(narrow.split())
    )
    listing = _chipshock(80, "fabs", "--country", "JPN", *db)
    assert [line for line in listing.splitlines() if len(line) > 80] == []
    assert "Left out at this terminal width: operator, node nm, capacity wspm" in " ".join(
        listing.split()
    )
    wide = _chipshock(250, "fabs", "--capacity-in", "2027", *db)
    assert "source url" in wide and "Left out" not in wide
