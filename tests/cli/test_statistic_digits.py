"""A table's statistics across runs (p5, p50, p95, mean) read with one number of decimals, so a
row of one quantity never mixes "0.0454" with "1.4"; other columns keep their own decimals. A
nonzero value those decimals round to zero reads "<0.1" (">-0.1" below zero), never "0.0"."""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
import pytest
from tests.cli.conftest import Runner

from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_run_ja import countries_ja
from chipshock.cli.scenario_view import value_added_rows
from chipshock.cli.table_cells import number_cells

#: value added lost by country as `china-gallium-germanium-controls` gives it (USD bn): every
#: median below 1, some p5 and p95 above, the shape that printed p50 and mean to three decimals
GALLIUM_LIKE = pd.DataFrame(
    {
        "country": ["USA", "TWN", "CHN"],
        "measure": ["value_added_lost"] * 3,
        "mean": [0.148, 0.267, -0.336],
        "p5": [0.0, 0.0, -1.6],
        "p50": [0.0454, 0.0376, -0.0916],
        "p95": [0.6, 1.4, 0.0],
    }
)


def _rows(out: str) -> list[list[str]]:
    """The table's body rows, each its cells."""
    lines = [line for line in out.splitlines() if line.startswith("│")]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines]


def _decimals(cell: str) -> int:
    return len(cell.split(".")[1]) if "." in cell else 0


def test_value_added_row_reads_one_decimal_across_its_percentiles(capsys: Any) -> None:
    """The value-added table prints p50, p5, p95 and mean of a row to one decimal (the largest
    value, 1.6, is above 1): 0.0454 reads "<0.1", not 0.0454 beside a p95 of 0.6, nor "0.0"
    (a nonzero loss is never written 0); an exact 0 reads "0.0"."""
    emit(value_added_rows(GALLIUM_LIKE), Format.table)
    rows = _rows(capsys.readouterr().out)
    assert rows == [
        ["USA", "<0.1", "0.0", "0.6", "0.1"],
        ["TWN", "<0.1", "0.0", "1.4", "0.3"],
        ["CHN", "-0.1", "-1.6", "0.0", "-0.3"],
    ]


def test_japanese_value_added_mean_reads_as_its_percentiles(capsys: Any) -> None:
    """The Japanese table's mean, under its Japanese header (平均), has the percentiles'
    decimals."""
    emit(countries_ja(value_added_rows(GALLIUM_LIKE)), Format.table, lang="ja")
    rows = _rows(capsys.readouterr().out)
    assert len(rows) == 3
    assert {_decimals(c) for row in rows for c in row[1:]} == {1}


def test_statistics_share_decimals_other_columns_keep_theirs(capsys: Any) -> None:
    """A column that is not a statistic (a share of capacity as a fraction) keeps its own three
    significant figures beside percentiles to one decimal; statistics below 1 throughout share
    three significant figures of the largest."""
    frame = pd.DataFrame({"p5": [0.012, 2.5], "p95": [0.034, 3.25], "fraction": [0.0123, 0.5]})
    emit(frame, Format.table)
    assert _rows(capsys.readouterr().out) == [["<0.1", "<0.1", "0.012"], ["2.5", "3.3", "0.500"]]
    small = pd.DataFrame({"p5": [0.0012, 0.002], "p50": [0.0454, 0.0376], "p95": [0.6, 0.3]})
    emit(small, Format.table)
    assert _rows(capsys.readouterr().out) == [
        ["0.001", "0.045", "0.600"],
        ["0.002", "0.038", "0.300"],
    ]


def test_number_cells_of_a_statistic_take_its_peers_decimals() -> None:
    """`number_cells` (the Japanese tables' figures, as `validate --out-of-sample --lang ja`
    writes the model's band) gives a statistic the decimals of the frame's statistics."""
    band = pd.DataFrame({"model_p5": [0.21], "model_p50": [0.62], "model_p95": [2.4]})
    cells = [number_cells(band, c)[0] for c in band.columns]
    assert cells == ["0.2", "0.6", "2.4"]
    assert all(re.fullmatch(r"\d\.\d", c) for c in cells)


def test_a_nonzero_statistic_never_reads_zero() -> None:
    """Below zero the mark is ">-0.1"; round-off (1e-13) and an exact zero read "0.0"; at three
    decimals the mark is "<0.001"."""
    frame = pd.DataFrame({"p5": [-0.012, -1e-13], "p50": [0.0, 0.04], "p95": [2.0, 0.0]})
    assert [number_cells(frame, c) for c in frame.columns] == [
        [">-0.1", "0.0"],
        ["0.0", "<0.1"],
        ["2.0", "0.0"],
    ]
    small = pd.DataFrame({"p5": [0.0004], "p95": [0.5]})
    assert number_cells(small, "p5") == ["<0.001"]


def test_gallium_value_added_table_writes_no_nonzero_as_zero(cli: Runner) -> None:
    """`scenario run china-gallium-germanium-controls` on the shipped data (6 runs): every cell
    of the value-added table is its JSON value at one decimal, and a value that rounds to zero
    there reads "<0.1" or ">-0.1" unless it is exactly 0 (the p50 of 0.0454 read "0.0" beside a
    p95 of 1.4)."""
    args = ("scenario", "run", "china-gallium-germanium-controls", "--runs", "6")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    rows = json.loads(out[out.index("{") :])["value_added_by_country"]
    values = {r["country"]: r for r in rows if r["measure"] == "value_added_lost"}
    code, out, err = cli(*args)
    assert code == 0, err
    table = out.split("value added lost by country", 1)[1].split("└", 1)[0]
    cells = {row[0]: row[1:] for row in _rows(table)}
    assert set(cells) <= set(values) and len(cells) >= 6  # a country losing nothing is left out
    marks = 0
    for country, texts in cells.items():
        for stat, text in zip(("p50", "p5", "p95", "mean"), texts, strict=True):
            value = values[country][stat]
            if value != 0 and abs(value) < 0.05:
                assert text == ("<0.1" if value > 0 else ">-0.1"), (country, stat, value)
                marks += 1
            else:
                assert float(text) == pytest.approx(value, abs=0.05), (country, stat, value)
    assert marks >= 4  # the shipped data's small p5 and p95 values


def test_marked_cells_stand_right_aligned_as_numbers(capsys: Any) -> None:
    """A column of texts from `number_cells` (a Japanese table's) with a "<0.1" in it is still a
    column of numbers: right-aligned, "2.5" under the end of "<0.1"."""
    cells = number_cells(pd.DataFrame({"p5": [0.012, 2.5, -0.03]}), "p5")
    assert cells == ["<0.1", "2.5", ">-0.1"]
    emit(pd.DataFrame({"下限": cells}), Format.table, lang="ja")
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("│")]
    assert [line.strip("│").rstrip() for line in lines] == ["  <0.1", "   2.5", " >-0.1"]
