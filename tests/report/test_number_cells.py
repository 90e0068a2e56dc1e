"""A table cell that is a number as written stays on one line (session 30: printed, where every
cell may break anywhere, the assumption rows' values read "2,1 / 00" and "19. / 15"); other
text still wraps."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from chipshock.report.page import CSS, html_table


@pytest.mark.parametrize("value", ["2,100", "52.54", "0", "−0.2", "85%"])
def test_a_number_as_written_is_a_cell_kept_whole(value: str) -> None:
    """The value of an assumption row (a string as its file writes it)."""
    table = html_table(pd.DataFrame({"Row": ["lt10/2022"], "Value": [value], "Unit": ["%"]}))
    assert f'<td class="whole">{value}</td>' in table
    assert "<td>lt10/<wbr>2022</td>" in table and "<td>%</td>" in table


@pytest.mark.parametrize("text", ["logic 10-22nm", "1.5 weeks", "high"])
def test_text_that_is_not_a_number_wraps_as_before(text: str) -> None:
    """Numbers with words and other text stay ordinary cells (a row id may also break after
    its slashes, a date stays whole: `tests/report/test_word_breaks.py`)."""
    assert f"<td>{text}</td>" in html_table(pd.DataFrame({"A": [text]}))


def test_whole_cells_do_not_wrap() -> None:
    """td.whole keeps its text on one line."""
    assert re.search(r"td\.whole\{white-space:nowrap\}", CSS)
