"""A nonzero value is never printed 0.0 in a KPI cell or a percent or share column: it reads
"<0.1" (">-0.1" below zero) in English and Japanese tables, while --format csv and json keep the
raw numbers; zero stays 0.0 and a missing value "–"."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pandas as pd
import pytest
from tests.cli.conftest import Runner

from chipshock.cli.output import Format, emit
from chipshock.cli.table_cells import number_cells
from chipshock.present.numbers import ROUND_OFF, round_half_up

SHARES = pd.DataFrame(
    {"country": ["A", "B", "C", "D", "E"], "share_pct": [0.03, -0.02, 0.0, 52.04, None]}
)


def _rows(out: str) -> list[list[str]]:
    """The table's body rows, each its cells."""
    lines = [line for line in out.splitlines() if line.startswith("│")]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines]


def test_a_percent_column_writes_a_nonzero_below_the_tenth_as_less_than(capsys: Any) -> None:
    """A ``_pct`` column's 0.03 reads "<0.1" and -0.02 ">-0.1" (they read "0.0"); 0.0 stays,
    a missing share is "–", and the Japanese tables' `number_cells` write the same cells."""
    emit(SHARES, Format.table)
    cells = [row[1] for row in _rows(capsys.readouterr().out)]
    assert cells == ["<0.1", ">-0.1", "0.0", "52.0", "–"]
    assert number_cells(SHARES, "share_pct") == cells


def _tiny(value: float, digits: int = 1) -> bool:
    """Whether ``value`` is nonzero but rounds to zero at ``digits`` decimals."""
    return abs(value) >= ROUND_OFF and round_half_up(value, digits) == 0


GALLIUM = ("scenario", "run", "china-gallium-germanium-controls", "--runs", "20")


def test_gallium_run_prints_tiny_inventory_drawdowns_as_less_than(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scenario run china-gallium-germanium-controls` (shipped data, 20 runs): each market's
    median worst week of inventory cover missing is a few thousandths of a percent, and every
    such cell of the table reads "<0.1" in English and in Japanese (it read "0.0"), while the
    JSON and CSV keep the model's numbers."""
    monkeypatch.setenv("COLUMNS", "160")  # each label on one line
    code, out, _ = cli(*GALLIUM, "--format", "json")
    assert code == 0
    kpis = pd.DataFrame(json.loads(out)["kpis"])
    drawdown = kpis[kpis["kpi"] == "inventory_drawdown_peak_pct"]
    tiny = [v for v in drawdown["p50"] if _tiny(v)]
    assert len(tiny) >= 3 and min(tiny) > 0  # the shape the fix is about
    code, out, _ = cli(*GALLIUM, "--format", "csv", "--section", "kpis")
    assert code == 0
    machine = pd.read_csv(StringIO(out))
    csv_drawdown = machine[machine["kpi"] == "inventory_drawdown_peak_pct"]
    assert sorted(v for v in csv_drawdown["p50"] if _tiny(v)) == sorted(tiny)
    for lang, label in (("en", "worst week, % of inventory cover missing"), ("ja", None)):
        code, out, _ = cli(*GALLIUM, "--lang", lang)
        assert code == 0
        if label is None:  # the Japanese label, as the table prints it
            from chipshock.present.messages import message

            label = message("cli.kpi.inventory_drawdown_peak_pct", "ja")
        rows = [r for r in _rows(out) if r and r[0] == label]
        assert len(rows) == len(drawdown), (lang, len(rows))
        p50 = [r[2] for r in rows]  # the columns are p5, p50, p95; markets in the JSON's order
        want = ["<0.1" if _tiny(v) else "0.0" if v == 0 else None for v in drawdown["p50"]]
        assert [c if w else None for c, w in zip(p50, want, strict=True)] == want, (lang, p50)


def test_japanese_percent_tables_write_what_the_english_tables_write(capsys: Any) -> None:
    """The Japanese coverage table (`fabs_table_ja`) and Sobol table (`sobol_table`), which
    write their percent columns themselves, read "<0.1" and ">-0.1" as the English tables do
    (a Sobol first-order index of -0.02 % is estimator noise below zero, not "0.0")."""
    from chipshock.cli.fabs_view import fabs_table_ja
    from chipshock.cli.sobol_view import sobol_table

    values = [0.03, -0.02, 0.0, 52.04]
    coverage = pd.DataFrame({"region": ["TWN"] * 4, "coverage_pct": values})
    emit(coverage, Format.table)
    english = [row[1] for row in _rows(capsys.readouterr().out)]
    assert english == ["<0.1", ">-0.1", "0.0", "52.0"]
    assert fabs_table_ja(coverage).iloc[:, 1].tolist() == english
    tidy = pd.DataFrame(
        {
            "rank": [1, 2, 3, 4],
            "assumption": ["a", "b", "c", "d"],
            "low_value": [1.0] * 4,
            "high_value": [2.0] * 4,
            "unit": ["index"] * 4,
            **{c: values for c in ("first_order_pct", "first_order_ci_pct", "total_pct")},
            **{c: values for c in ("total_ci_pct", "total_half_pct")},
            "confidence": ["low"] * 4,
        }
    )
    emit(sobol_table(tidy, "en"), Format.table)
    english = [row[5] for row in _rows(capsys.readouterr().out)]  # after the unit
    assert english == ["<0.1", ">-0.1", "0.0", "52.0"]
    assert sobol_table(tidy, "ja").iloc[:, 4].tolist() == english


def test_a_dollar_column_has_one_unit_and_never_reads_zero(capsys: Any) -> None:
    """Session 34: a ``_usd`` column wrote an amount below USD 100 m as raw dollars
    ("12,345,678") beside "3.50 bn"; every cell now takes the column's unit, billions when its
    largest amount is USD 100 m or more, else millions, a nonzero below the step "<0.01 bn",
    in the English table and the Japanese tables' `number_cells` alike."""
    funding = pd.DataFrame(
        {"fab": ["a", "b", "c", "d"], "public_funding_usd": [3.5e9, 12_345_678.0, 2e6, None]}
    )
    emit(funding, Format.table)
    cells = [row[1] for row in _rows(capsys.readouterr().out)]
    assert cells == ["3.50 bn", "0.01 bn", "<0.01 bn", ""]
    assert number_cells(funding, "public_funding_usd") == cells
    small = pd.DataFrame({"fab": ["a", "b", "c"], "public_funding_usd": [12_345_678.0, 4e4, 0.0]})
    assert number_cells(small, "public_funding_usd") == ["12.3 m", "<0.1 m", "0.0 m"]
