"""`scenario sweep --lang ja` and `scenario sensitivity --lang ja` answer in Japanese on a
terminal: sentence, table title, column names, swept values and captions from the message
catalogue and the run's Japanese helpers, with the English tables' numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rich.cells import cell_len
from tests.cli.terminal import chipshock_at

from chipshock.cli.scenario_run_ja import stacked_percentiles_ja, wide_percentiles_ja
from chipshock.cli.scenario_view import wide_percentiles
from chipshock.cli.table_cells import heading_cell
from chipshock.present.messages import catalogue

SCENARIO = "taiwan-blockade-2027-6m"


def _chipshock(store: Path, columns: int, *args: str) -> str:
    return chipshock_at(columns, *args, "--db", str(store))


def _sweep_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "value": [4.0, 4.0, 52.0, 52.0],
            "market": ["all"] * 4,
            "kpi": ["output_lost_weeks", "loss_usd_bn"] * 2,
            "p5": [0.0, 0.0, 11.2, 1270.0],
            "p50": [0.0, 0.0, 15.1, 1780.0],
            "p95": [0.9, 99.2, 21.0, 2440.0],
        }
    )


def test_sweep_tables_name_the_values_and_keep_the_english_cells() -> None:
    """By swept value: the parameter's Japanese name heads the column (wide) or each block
    (stacked), the values written as the English table writes them, the non-dollar cells the
    English ones, dollars in 億ドル/兆ドル."""
    rows = _sweep_rows()
    wide = wide_percentiles_ja(rows, "duration_weeks")
    english = wide_percentiles(rows, index="value", parameter="duration_weeks")
    assert wide.columns.tolist() == ["ショックの期間（週）", "失われた生産（週）", "失われる生産額"]
    assert wide.iloc[:, 0].tolist() == english["value"].tolist() == ["4", "52"]
    assert wide.iloc[:, 1].tolist() == english.iloc[:, 1].tolist()
    assert wide.iloc[1, 2] == "1.27兆ドル · 1.78兆ドル · 2.44兆ドル"
    stacked = stacked_percentiles_ja(rows, "duration_weeks")
    assert stacked.columns.tolist() == ["値・指標", "p5", "p50", "p95"]
    assert stacked.iloc[0, 0] == heading_cell("ショックの期間（週）：4")
    assert stacked.iloc[4, 0] == "失われた生産（週）" and stacked.iloc[4, 2] == "15"


def test_sensitivity_headers_are_the_english_terminal_words() -> None:
    """The English side of the ``cli.sens_col_*`` keys is the English table's header, so that
    the English table is unchanged and both languages name the same columns."""
    en = catalogue("en")
    assert [en[f"cli.sens_col_{k}"] for k in ("assumption", "range", "at", "swing")] == [
        "assumption",
        "low – high (base)",
        "at low → at high",
        "swing",
    ]
    assert (en["cli.sens_col_tornado"], en["cli.sens_col_confidence"]) == ("tornado", "confidence")


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 200])
def test_sweep_in_japanese_on_a_terminal(built_store: Path, width: int) -> None:
    """At 80 and 200 columns: sentence, title, column names, swept values and caption in
    Japanese, no English table word left, nothing wider than the terminal."""
    args = ("scenario", "sweep", SCENARIO, "--runs", "30", "--values", "4,26", "--lang", "ja")
    out = _chipshock(built_store, width, *args)
    assert all(cell_len(line) <= width for line in out.splitlines())
    for words in (
        "ショックの期間（週）を変えたときの全市場の結果（p5・p50・p95）",
        "ショックの期間（週）",
        "失われた生産（週）",
        "失われる生産額",
        "値ごとに、シミュレーションした未来の",
    ):
        assert words in out, words
    english_words = ("sweep of", "all markets", "Percentiles across", "output lost", "USD")
    for english in english_words:
        assert english not in out, english


@pytest.mark.slow
def test_sensitivity_in_japanese_on_a_terminal(built_store: Path) -> None:
    """The tornado's column names, units and confidences in Japanese; the paragraph and the
    caption wrapped to the terminal."""
    args = ("scenario", "sensitivity", SCENARIO, "--runs", "10", "--lang", "ja")
    factors = ("--factor", "shock_duration", "--factor", "complementarity")
    out = _chipshock(built_store, 200, *args, *factors)
    assert all(cell_len(line) <= 200 for line in out.splitlines())
    for words in (
        "仮定",
        "低い値〜高い値（基準）",
        "振れ幅（10億ドル）",
        "トルネード図",
        "確度",
        "低 ",
    ):
        assert words in out, words
    for english in ("assumption", "low – high", "swing", "tornado", "confidence", " low "):
        assert english not in out, english


@pytest.mark.slow
def test_a_narrow_japanese_table_says_what_it_left_out_in_japanese(built_store: Path) -> None:
    """At 80 columns the Japanese tornado drops columns and says so in Japanese, not with the
    English "Left out at this terminal width" note."""
    args = ("scenario", "sensitivity", SCENARIO, "--runs", "4", "--lang", "ja")
    factors = ("--factor", "shock_duration", "--factor", "complementarity")
    out = _chipshock(built_store, 80, *args, *factors)
    assert "この端末幅では省略" in "".join(out.split())
    assert "Left out" not in out
