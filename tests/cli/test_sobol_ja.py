"""`scenario sensitivity --method sobol --lang ja` answers in Japanese on a terminal (reading,
column names, values with their units, confidences, caption); the English table is the one it
was."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from rich.cells import cell_len
from tests.cli.terminal import chipshock_at

from chipshock.cli.sobol_view import SOBOL_COLUMNS, sobol_caption, sobol_table
from chipshock.cli.table_cells import _header
from chipshock.present.messages import catalogue

SOBOL = (
    "scenario", "sensitivity", "taiwan-blockade-2027-6m", "--method", "sobol", "--samples", "4",
    "--runs", "1", "--factor", "shock_duration", "--factor", "complementarity",
)  # fmt: skip
RESULT = SimpleNamespace(evaluations=1440, runs=1, seed=2027)


def _tidy() -> pd.DataFrame:
    """Two rows of `sobol_tidy`'s shape (the columns the terminal shows)."""
    return pd.DataFrame(
        {
            "rank": [1, 2],
            "assumption": ["ショックの期間", "半導体の補完性"],
            "low_value": [4.0, 0.5],
            "high_value": [78.0, 1.0],
            "unit": ["weeks", "index"],
            "first_order_pct": [45.1, 0.0],
            "first_order_ci_pct": [57.6, 6.3],
            "total_pct": [33.6, 0.5],
            "total_ci_pct": [66.4, 0.6],
            "total_half_pct": [75.0, 0.1],
            "confidence": ["low", "low/medium"],
        }
    )


def test_english_headers_are_the_catalogue_words() -> None:
    """The English side of each ``cli.sobol_col_*`` key is the English table's header, so that
    both languages name the same columns and the English table is unchanged."""
    en = catalogue("en")
    for column, word in SOBOL_COLUMNS.items():
        if word:
            assert en[f"cli.sobol_col_{word}"] == _header(column), column
    assert sobol_table(_tidy(), "en").columns.tolist() == list(SOBOL_COLUMNS)


def test_english_table_writes_values_with_their_unit() -> None:
    """The low and high values as the tornado writes them (review 7, finding 7: a share per
    week of 0.02-0.2 read "0 – 0.2"); the indices stay numbers."""
    tidy = _tidy()
    tidy.loc[1, ["low_value", "high_value", "unit"]] = [0.02, 0.2, "share/week"]
    table = sobol_table(tidy, "en")
    assert table["low_value"].tolist() == ["4.0 weeks", "2%/week"]
    assert table["high_value"].tolist() == ["78 weeks", "20%/week"]
    assert table["total_pct"].tolist() == [33.6, 0.5]


def test_japanese_table_names_columns_units_and_confidence_in_japanese() -> None:
    """Japanese headers from the catalogue, values with their unit (週), the English table's
    percentages to one decimal, confidences in words."""
    table = sobol_table(_tidy(), "ja")
    assert table.columns.tolist() == [
        "順位", "仮定", "低い値", "高い値", "一次指数%", "一次±%", "全効果指数%", "全効果±%",
        "標本半分%", "確度",
    ]  # fmt: skip
    assert table.iloc[0].tolist() == [
        1, "ショックの期間", "4.0週", "78週", "45.1", "57.6", "33.6", "66.4", "75.0", "低",
    ]  # fmt: skip
    assert table.iloc[1, 4] == "0.0" and table.iloc[1, 9] == "低・中"


def test_caption_names_the_kpi_and_market() -> None:
    """English: the caption in the product's words ("across the simulated futures"); Japanese:
    the KPI and the market named, the count with a thousands separator."""
    assert sobol_caption(RESULT, "loss_usd_bn", "all", "en").startswith(
        "Sobol indices in % of the variance of loss_usd_bn (all) across the simulated futures; "
        "1440 points of "
        "1 simulated future, seed 2027; ±: 95% bootstrap"
    )
    ja = sobol_caption(RESULT, "loss_usd_bn", "all", "ja")
    assert (
        "失われる生産額（全市場）の分散" in ja and "1,440点×各シミュレーションした未来1通り" in ja
    )
    assert "loss_usd_bn" not in ja and "Sobol" not in ja


@pytest.mark.slow
def test_sobol_in_japanese_on_a_terminal(built_store: Path) -> None:
    """At 160 columns: the reading, every column name and the caption in Japanese, no English
    table word left, nothing wider than the terminal, no number broken in the caption."""
    out = chipshock_at(160, *SOBOL, "--lang", "ja", "--db", str(built_store))
    assert all(cell_len(line) <= 160 for line in out.splitlines())
    for words in ("ショックの期間", "順位", "一次指数%", "全効果±%", "標本半分%", "確度", "週"):
        assert words in out, words
    assert "失われる生産額（全市場）の分散に対する割合" in "".join(out.split())
    for english in ("rank", "first order", "total ci", "confidence", "weeks", "Sobol indices"):
        assert english not in out, english
