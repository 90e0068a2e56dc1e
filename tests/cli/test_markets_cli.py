"""`chipshock markets`: each end market's chip demand by year as a run uses it (session 21), on
the shipped data. The same numbers on the API and in the report: tests/api/
test_market_demand_surfaces.py."""

from __future__ import annotations

import csv
import io

from tests.cli.conftest import Runner


def test_the_table_shows_2027_and_says_where_each_value_comes_from(cli: Runner) -> None:
    """AI 514.5 bn in 2027, between its 2026 and 2030 path rows; cars 94.5 bn from
    end_markets' 75 bn in 2024 at 8 %/yr; the caption names the years' origin and the files."""
    code, out, _ = cli("markets", "--year", "2027")
    assert code == 0
    flat = " ".join(out.split())
    assert "Chip demand by end market, USD bn a year (2027)" in flat
    # the first line of each market's row (80 columns: names and texts wrap below it)
    first = {ln.split("│")[1].strip(): ln for ln in out.splitlines() if ln.count("│") > 3}
    assert "│ 2027 │ 514.5" in first["AI and data"] and "between path" in first["AI and data"]
    assert "│ 2027 │ 94.5" in first["Automotive"] and "75 bn in 2024" in first["Automotive"]
    assert "Years: the years given (--year: 2027)" in flat
    assert "market_demand_path.csv" in flat and "end_markets.csv" in flat


def test_csv_carries_every_column_for_the_horizon(cli: Runner) -> None:
    """Without --year: the flagship's horizon, 2026-2030, six markets a year, every column."""
    code, out, _ = cli("markets", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6 * 5
    assert sorted({int(r["year"]) for r in rows}) == [2026, 2027, 2028, 2029, 2030]
    ai_2030 = next(r for r in rows if r["market_id"] == "ai_datacenter" and r["year"] == "2030")
    assert (float(ai_2030["chip_demand_usd_bn"]), ai_2030["basis"]) == (1047.0, "path_row")
    assert ai_2030["source_url"].startswith("https://") and ai_2030["as_of"] == "2025-11-11"


def test_a_year_outside_the_model_is_refused(cli: Runner) -> None:
    """A year the model does not cover is an error naming --year (exit code 2)."""
    code, _, err = cli("markets", "--year", "1999")
    assert code == 2 and "--year" in err and "1999" in err
