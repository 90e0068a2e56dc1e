"""A table cell that is a number as written stays on one line (session 30: the printed
assumption rows broke their values, "2,1 / 00" and "19. / 15", where every cell may break
anywhere); other text still wraps."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from chipshock.report.page import CSS, html_table


@pytest.mark.parametrize("value", ["2,100", "52.54", "0", "−0.2", "85%"])
def test_a_number_as_written_is_one_unbroken_right_aligned_cell(value: str) -> None:
    """The value of an assumption row (a string as its file writes it) is a numeric cell."""
    table = html_table(pd.DataFrame({"Row": ["lt10/2022"], "Value": [value], "Unit": ["%"]}))
    assert f'<td class="n">{value}</td>' in table
    assert "<td>lt10/2022</td>" in table and "<td>%</td>" in table


@pytest.mark.parametrize("text", ["2024-05", "logic 10-22nm/JPN/2022", "1.5 weeks", "high"])
def test_text_that_is_not_a_number_wraps_as_before(text: str) -> None:
    """Dates, row ids and numbers with words stay ordinary cells."""
    assert f"<td>{text}</td>" in html_table(pd.DataFrame({"A": [text]}))


def test_numeric_cells_do_not_wrap_on_screen_or_in_print() -> None:
    """td.n keeps its text on one line, and the print rule that lets cells break anywhere does
    not undo it (it sets overflow-wrap, not white-space)."""
    assert re.search(r"td\.n\{[^}]*white-space:nowrap", CSS)
