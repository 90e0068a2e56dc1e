"""A table's statistics across runs (p5, p50, p95, mean) read with one number of decimals, so a
row of one quantity never mixes "0.0454" with "1.4"; other columns keep their own decimals."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

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
    value, 1.6, is above 1): 0.0454 reads 0.0, not 0.0454 beside a p95 of 0.6."""
    emit(value_added_rows(GALLIUM_LIKE), Format.table)
    rows = _rows(capsys.readouterr().out)
    assert rows == [
        ["USA", "0.0", "0.0", "0.6", "0.1"],
        ["TWN", "0.0", "0.0", "1.4", "0.3"],
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
    assert _rows(capsys.readouterr().out) == [["0.0", "0.0", "0.012"], ["2.5", "3.3", "0.500"]]
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
