"""`chipshock markets`: each end market's chip demand by year as a run uses it (session 21), on
the shipped data. The same numbers on the API and in the report: tests/api/
test_market_demand_surfaces.py."""

from __future__ import annotations

import csv
import io
import json
import re

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
    assert "│ 2027 │  514.5" in first["AI and data"] and "between path" in first["AI and data"]
    assert "│ 2027 │   94.5" in first["Automotive"] and "75 bn in 2024" in first["Automotive"]
    assert "Years: the years given (--year: 2027)" in flat
    assert "market_demand_path.csv" in flat and "end_markets.csv" in flat


def test_the_number_columns_are_right_aligned(cli: Runner) -> None:
    """Demand, value multiplier and priority stand at their columns' right edges, as numbers do
    (review 24, finding 6: they were left-aligned like text); the market name stays left."""
    code, out, _ = cli("markets", "--year", "2027")
    assert code == 0
    row = next(ln for ln in out.splitlines() if ln.startswith("│ Automotive"))
    cells = row.split("│")[1:-1]
    demand, multiplier, priority = cells[2], cells[4], cells[5]
    assert demand.endswith("94.5 ") and demand.startswith("  ")
    assert multiplier.strip() == "33" and multiplier.endswith(" 33 ") and multiplier[:3] == "   "
    assert priority.strip() == "1" and priority.endswith(" 1 ") and priority[:3] == "   "
    assert cells[0].startswith(" Automotive")


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


def test_japanese_table_has_the_same_numbers(cli: Runner) -> None:
    """--lang ja: Japanese title, headers, market names and basis words, the same demand values
    as the English table (AI 514.5 and cars 94.5 bn in 2027); json carries both languages. The
    unit is the catalogue's 10億ドル and the basis reads as Japanese, amounts in 億ドル, no stray
    spaces (uxr2, finding 9)."""
    code, out, _ = cli("markets", "--year", "2027", "--lang", "ja")
    assert code == 0
    flat = "".join(out.split())
    assert "最終市場別の半導体需要（10億ドル/年、2027年）" in flat
    # a narrow column breaks its header before the bracket (cli31): 需要 over （10億ドル）
    assert "市場" in out and "需要" in out and "（10億ドル）" in out and "根拠" in out
    assert "十億" not in out
    # the first line of each market's row (80 columns: the basis wraps where Japanese may break)
    first = {ln.split("│")[1].strip(): ln for ln in out.splitlines() if ln.count("│") > 3}
    ai, cars = first["AI・データセンター"], first["自動車"]
    assert re.search(r"│ 2027 │ +514\.5 │", ai) and "推移表の2026年と2030年の" in ai  # between
    assert (
        re.search(r"│ 2027 │ +94\.5 │", cars) and "2024年の" in cars
    )  # end_markets' level and growth
    # whole, no stray space (the basis column wraps after 年 at 80 columns since cli31)
    assert "2024年の750億ドルから年" in cars and "8%増" in out and "行の間" in out
    assert "AI and data" not in out and "Automotive" not in out  # the markets' Japanese names
    assert "年：指定した年（--year：2027）" in flat
    # the scenario by its Japanese title, its id in brackets (review 16, finding 8)
    assert (
        "優先度：シナリオ「台湾封鎖（2027年・6か月）」（taiwan-blockade-2027-6m）の優先度" in flat
    )
    _, english, _ = cli("markets", "--year", "2027")
    demand = re.compile(r"│ 2027 │ +([0-9,.]+)")
    assert demand.findall(out) == demand.findall(english)  # the same values, in the same order
    assert len(demand.findall(out)) == 6
    code, js, _ = cli("markets", "--year", "2027", "--format", "json", "--lang", "ja")
    rows = json.loads(js)["rows"]
    row = next(r for r in rows if r["market_id"] == "ai_datacenter")
    assert row["basis_text"] == "between path rows 2026 and 2030"
    assert row["basis_text_ja"] == "推移表の2026年と2030年の行の間"
    # the words are made from the basis' terms, which the JSON carries too
    assert (row["basis"], row["basis_year"], row["basis_year_to"]) == (
        "between_path_rows",
        2026,
        2030,
    )
    assert row["basis_growth_pct"] is None and row["basis_usd_bn"] is None
    cars_ja = next(r for r in rows if r["market_id"] == "automotive")["basis_text_ja"]
    assert cars_ja == "2024年の750億ドルから年8%増"
    cars = next(r for r in rows if r["market_id"] == "automotive")
    assert (cars["basis_year"], cars["basis_growth_pct"], cars["basis_usd_bn"]) == (2024, 8.0, 75.0)
    assert cars["basis_year_to"] is None


def test_an_unknown_language_is_refused(cli: Runner) -> None:
    """--lang other than en or ja: an error naming --lang (exit code 2)."""
    code, _, err = cli("markets", "--lang", "fr")
    assert code == 2 and "--lang" in err and "fr" in err
