"""`scenario run`'s loss-by-country caption names market_country_output.csv with the as-of dates
and confidence of its rows, read from the data (audit 31, finding 13), in English and Japanese."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at

from chipshock.present.provenance import row_dating

SHIPPED = Path(__file__).resolve().parents[2] / "src/chipshock/data/files/curated"
RUN = ("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "10")


def _one_line(text: str) -> str:
    """The terminal's text with its line breaks taken out (English: a space; Japanese: none)."""
    return " ".join(text.split())


def test_row_dating_spans_the_rows() -> None:
    """One date and one level when the rows agree; earliest to latest, weakest to strongest
    when they differ; nothing for no rows."""
    same = pd.DataFrame({"as_of": ["2024", "2024"], "confidence": ["high", "high"]})
    assert row_dating(same) == "Its rows are as of 2024, confidence high (each row says which)."
    mixed = pd.DataFrame({"as_of": ["2025-01", "2023"], "confidence": ["high", "low"]})
    assert "as of 2023 to 2025-01, confidence low to high" in row_dating(mixed)
    assert "2023〜2025-01、確度は低〜高" in row_dating(mixed, "ja")
    assert row_dating(same.iloc[:0]) == ""


@pytest.mark.slow
def test_loss_by_country_caption_has_as_of_and_confidence(built_store: Path) -> None:
    """The caption after the table gives the shipped file's earliest and latest as_of and its
    confidence levels, in English and in Japanese."""
    rows = pd.read_csv(SHIPPED / "market_country_output.csv", dtype=str)
    first, last = min(rows["as_of"]), max(rows["as_of"])
    assert first != last  # the release's rows differ in date (2024 to 2024-10)
    en = _one_line(chipshock_at(100, *RUN, "--db", str(built_store)))
    assert (
        f"(market_country_output.csv). Its rows are as of {first} to {last}, confidence "
        f"low to medium (each row says which)."
    ) in en
    ja = chipshock_at(200, *RUN, "--lang", "ja", "--db", str(built_store)).replace("\n", "")
    assert f"（market_country_output.csv）。行の時点は{first}〜{last}、確度は低〜中です" in ja
