"""A table too wide for the terminal gives its spare width where it saves the most wrapped
lines (`table_widths`), and Japanese cells and paragraphs break by simple kinsoku rules: never
inside a bracket pair that fits a line, never before closing punctuation, no character alone on
a line that the line before could keep company."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from chipshock.cli import output
from chipshock.cli.japanese_atoms import wrap_japanese
from chipshock.cli.narrow_tables import _column_fit, _line_count, _share_width, _table_width, _wrap
from chipshock.cli.table_cells import _header
from chipshock.cli.table_widths import ColumnLines, allocate_widths

#: a short text column and a long one, one row: at 53 columns 14 cells are left over the floors
GREEDY_FRAME = pd.DataFrame(
    {
        "a": ["aaaa bbbb cccc dddd eeee ffff"],
        "b": ["gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo"],
    }
)


def _body(out: str) -> list[list[str]]:
    return [
        [c.strip() for c in line.strip()[1:-1].split("│")]
        for line in out.splitlines()
        if line.startswith("│")
    ]


def test_the_spare_width_goes_where_it_saves_a_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both columns start at 16 (a: 2 lines, b: 3). The old rule grew the narrower column
    first, both to 23: a 2 lines, b still 3 ("gggg hhhh iiii jjjj" / "kkkk llll mmmm nnnn" /
    "oooo"). Widening a saves nothing while b is taller; b at 24 takes two lines, so the row
    is 2 lines, not 3."""
    monkeypatch.setattr(output.console, "width", 53)
    output.emit(GREEDY_FRAME, output.Format.table)
    out = capsys.readouterr().out
    assert max(cell_len(line) for line in out.splitlines()) <= 53
    body = _body(out)
    assert [b for _, b in body] == ["gggg hhhh iiii jjjj kkkk", "llll mmmm nnnn oooo"]
    assert " ".join(a for a, _ in body) == GREEDY_FRAME.at[0, "a"]  # 2 lines at 16 to 28


def test_two_columns_wrapping_in_the_same_row_are_widened_together() -> None:
    """Neither column alone removes the row's second line (each saves a line only with the
    other): the rows where a column is among the tallest lead the allocation until both fit."""
    a = ColumnLines(10, np.array([[1, 2], [1, 2], [1, 1]]))  # widths 10, 11, 12
    b = ColumnLines(10, np.array([[1, 2], [1, 1]]))  # widths 10, 11
    assert allocate_widths([a, b], 3) == [12, 11]
    assert allocate_widths([a, b], 2) in ([12, 10], [11, 11])  # nothing better: no line saved


def test_a_step_that_saves_nothing_now_but_much_later_is_taken() -> None:
    """The next width of column b saves nothing, a wider one saves two lines: every width at
    which a cell's wrap changes is weighed, not only the next."""
    a = ColumnLines(4, np.array([[2, 1, 1], [1, 1, 1]]))  # widths 4, 5
    b = ColumnLines(4, np.array([[3, 3, 3], [3, 3, 3], [1, 1, 1]]))  # widths 4, 5, 6
    assert allocate_widths([a, b], 2) == [4, 6]


def test_no_room_leaves_every_column_at_its_floor() -> None:
    """With no room the floors stand."""
    a = ColumnLines(7, np.array([[3], [1]]))
    assert allocate_widths([a], 0) == [7]


@st.composite
def _columns(draw: st.DrawFn) -> tuple[list[ColumnLines], int]:
    rows = draw(st.integers(1, 6))
    columns = []
    for _ in range(draw(st.integers(1, 5))):
        floor = draw(st.integers(1, 30))
        widths = draw(st.integers(1, 12))
        counts = draw(
            st.lists(
                st.lists(st.integers(1, 9), min_size=rows, max_size=rows),
                min_size=widths,
                max_size=widths,
            )
        )
        columns.append(ColumnLines(floor, np.array(counts, dtype=np.int64)))
    return columns, draw(st.integers(0, 40))


def _lines(columns: list[ColumnLines], widths: list[int]) -> int:
    counts = [c.counts[w - c.floor] for c, w in zip(columns, widths, strict=True)]
    return int(np.max(counts, axis=0).sum())


@given(_columns())
def test_widths_stay_within_the_room_and_never_add_a_line(
    case: tuple[list[ColumnLines], int],
) -> None:
    """Whatever the line counts: each width lies between its column's floor and widest, the
    widths spend at most the room, and the table has no more lines than at the floors."""
    columns, room = case
    widths = allocate_widths(columns, room)
    floors = [c.floor for c in columns]
    assert all(c.floor <= w <= c.widest for c, w in zip(columns, widths, strict=True))
    assert sum(widths) <= sum(floors) + room
    assert _lines(columns, widths) <= _lines(columns, floors)


_WORDS = st.sampled_from(
    ["USD 1.2 bn", "TSMC", "Fab", "18", "北上工場", "（K1棟）", "ギガファブ", "台南・南部",
     "2027-06", "research", "consortium", "・", "ラピダス", "a", "of", "semiconductor"]
)  # fmt: skip
_CELLS = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=4),
    st.integers(20, 160),
)
def test_shared_widths_fit_the_terminal_and_keep_each_floor(
    columns: list[list[str]], terminal: int
) -> None:
    """Random tables of words, numbers and Japanese names at terminals 20 to 160 wide: every
    column is at least its least width, and when the least widths fit the terminal the table
    does too; each count the allocation used is the rendered cell's line count."""
    rows = min(len(c) for c in columns)
    frame = pd.DataFrame({f"c{i}": cells[:rows] for i, cells in enumerate(columns)})
    cells = {c: [Text(v) for v in frame[c]] for c in frame.columns}
    fit = {c: _column_fit(_header(c), cells[c], False) for c in frame.columns}
    kept = list(frame.columns)
    width = output.console.width
    try:
        output.console.width = terminal
        widths = _share_width(kept, fit, cells)
    finally:
        output.console.width = width
    assert all(widths[c] >= fit[c].least for c in kept)
    if _table_width([fit[c].least for c in kept]) <= terminal:
        assert _table_width(list(widths.values())) <= terminal
    for c in kept:
        for cell in cells[c]:
            wrapped = _wrap(cell, widths[c]).plain.split("\n")
            assert len(wrapped) == _line_count(cell.plain, widths[c])
            assert all(cell_len(line) <= widths[c] for line in wrapped)


# -- Japanese line breaks ----------------------------------------------------------------------
NAME = "キオクシア 北上工場 第1製造棟（K1棟）"
CLOSING = ("、", "。", "）", "」")


@pytest.mark.parametrize("width", range(8, 40))
def test_a_bracket_pair_that_fits_stays_on_one_line(width: int) -> None:
    """「（K1棟）」 (8 cells) is never split in a cell or a paragraph at any width it fits;
    no line starts with closing punctuation."""
    for lines in (_wrap(Text(NAME), width).plain.split("\n"), wrap_japanese(NAME, width).split()):
        assert any("（K1棟）" in line for line in lines), lines
        assert not any(line.startswith(CLOSING) for line in lines)


def test_a_bracket_pair_wider_than_the_line_breaks_inside_it_after_its_opening() -> None:
    """A pair wider than the column breaks within, where Japanese may break (not after 「（」,
    not before 「）」 or 「、」), and the pair inside it that fits stays whole."""
    text = "TSMC Fab 14（台南・南部サイエンスパーク、ギガファブ「第5期」）"
    lines = _wrap(Text(text), 20).plain.split("\n")
    assert all(cell_len(line) <= 20 for line in lines)
    assert any("「第5期」）" in line for line in lines), lines
    assert not any(line.endswith("（") or line.startswith(CLOSING) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_paragraph_keeps_a_short_pair_whole_and_breaks_a_long_one_to_fill_its_lines() -> None:
    """Running text: 「（千歳）」 moves whole to the next line; a pair wider than 16 cells is a
    clause and breaks inside (after its opening), so the line before it stays full."""
    assert wrap_japanese("あいうえおかきくけこさしす（千歳）", 30).split("\n") == [
        "あいうえおかきくけこさしす",
        "（千歳）",
    ]
    assert wrap_japanese("あいうえおかきくけこ（さしすせそたちつ）", 30).split("\n") == [
        "あいうえおかきくけこ（さしすせ",
        "そたちつ）",
    ]


def test_a_character_is_not_left_alone_on_a_line() -> None:
    """「サイエンスパーク北」 at 16 cells used to end with 「北」 alone: the line before gives it
    its last character; a line that cannot spare one (a single word) keeps it."""
    assert wrap_japanese("サイエンスパーク北", 16) == "サイエンスパー\nク北"
    assert _wrap(Text("サイエンスパーク北"), 16).plain == "サイエンスパー\nク北"
    assert wrap_japanese("ABCDEFGHIJKLMNOP北", 16) == "ABCDEFGHIJKLMNOP\n北"


@pytest.mark.parametrize("width", range(4, 30))
def test_no_japanese_line_is_one_character_when_the_line_before_has_two_pieces(
    width: int,
) -> None:
    """Every width: a one-character line follows only a line that cannot spare a piece."""
    text = "北海道千歳市美々の工場、東北"
    lines = wrap_japanese(text, width).split("\n")
    assert "".join(lines) == text and all(cell_len(line) <= width for line in lines)
    for before, line in pairwise(lines):
        assert len(line) > 1 or len(before) <= 2, lines
