"""How a terminal table too wide for one line a row shares the terminal's width among its
columns: where the width saves the most lines.

Each column starts at its floor (the least width at which none of its unbreakable pieces
breaks). The room left is then given out a step at a time: of every column c and every width w
it could grow to (up to its natural, one-line width and the room left), take the one that
removes the most lines from the table per cell spent,

    L(widths)  = Σ_rows max_c lines_c,row(widths_c)          (the header row is a row)
    gain(c, w) = (L(widths) − L(widths with c at w)) / (w − widths_c)

(ties: the larger step, which removes more lines at the same rate, then the column further
left). Two columns that wrap in the same rows gain nothing alone: when no step removes a table
line, the step that removes the most of a column's own lines in the rows where it is among the
tallest (per cell), adding no table line, is taken instead; when neither removes a line, the
allocation stops, and any room left widens the narrowest columns towards their natural width
where that adds no line (a line count may rise with width: a Japanese word that fits a line
moves to it whole).

A column's line counts are computed once, one row of `ColumnLines.counts` per width (only the
widths at which some cell's wrap changes are tried).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["ColumnLines", "allocate_widths", "column_lines"]

Counts = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ColumnLines:
    """One column's lines in each row (header first) at each width from ``floor`` on:
    ``counts[w - floor, row]``; the last width is the widest the column can use."""

    floor: int
    counts: Counts

    @property
    def widest(self) -> int:
        return self.floor + len(self.counts) - 1


def column_lines(
    cells: Sequence[str],
    floor: int,
    widest: int,
    lines_at: Callable[[int, int], int],
    one_line: Sequence[int],
) -> ColumnLines:
    """`ColumnLines` for ``cells`` between ``floor`` and ``widest`` (inclusive):
    ``lines_at(row, width)`` counts a cell's lines; a cell is one line from its
    ``one_line[row]`` width on (its own width, or ``widest + 1`` if it never is), so only the
    narrower widths are counted."""
    widest = max(widest, floor)
    counts = np.ones((widest - floor + 1, len(cells)), dtype=np.int64)
    for row in range(len(cells)):
        for width in range(floor, min(widest + 1, one_line[row])):
            counts[width - floor, row] = lines_at(row, width)
    return ColumnLines(floor, counts)


def _table_lines(columns: Sequence[Counts]) -> int:
    return int(np.max(columns, axis=0).sum())


def allocate_widths(columns: Sequence[ColumnLines], room: int) -> list[int]:
    """Each column's width: its floor plus its share of ``room`` cells, given where it removes
    the most table lines per cell (the module's rule). The widths sum to at most the floors'
    sum plus ``room``; none is below its floor or above its widest.

    >>> a = ColumnLines(4, np.array([[3, 1], [3, 1], [1, 1]]))  # 2 rows, widths 4, 5, 6
    >>> b = ColumnLines(4, np.array([[1, 2], [1, 1]]))  # widths 4, 5
    >>> allocate_widths([a, b], 1), allocate_widths([a, b], 2), allocate_widths([a, b], 3)
    ([4, 5], [6, 4], [6, 5])
    """
    widths = [c.floor for c in columns]
    if not columns:
        return widths
    # the widths at which a column's counts change: no other width is worth a step to
    changes = [
        np.flatnonzero(np.any(c.counts[1:] != c.counts[:-1], axis=1)) + 1 + c.floor for c in columns
    ]
    while room > 0:
        step = _best_step(columns, widths, changes, room)
        if step is None:
            break
        column, width = step
        room -= width - widths[column]
        widths[column] = width
    return _spread(columns, widths, room)


def _best_step(
    columns: Sequence[ColumnLines], widths: list[int], changes: Sequence[Counts], room: int
) -> tuple[int, int] | None:
    """The (column, width) that removes the most table lines per cell within ``room``, else
    the most of a column's own lines where it is among the tallest; None if neither removes
    one."""
    now = np.stack([c.counts[w - c.floor] for c, w in zip(columns, widths, strict=True)])
    tallest = now.max(axis=0)
    total = int(tallest.sum())
    best: tuple[float, int, int, int] | None = None  # (table gain, spend, -column, width)
    best_own: tuple[float, int, int, int] | None = None
    for index, column in enumerate(columns):
        width = widths[index]
        options = changes[index]
        options = options[(options > width) & (options <= width + room)]
        if not len(options):
            continue
        others = np.delete(now, index, axis=0).max(axis=0) if len(columns) > 1 else 0
        counts = column.counts[options - column.floor]  # (options, rows)
        spend = options - width
        saved = (total - np.maximum(counts, others).sum(axis=1)) / spend
        among_tallest = now[index] == tallest
        own = ((now[index] - counts) * among_tallest).sum(axis=1) / spend
        own[saved < 0] = 0  # a step that adds a table line is never taken
        for rate, score in ((saved, "table"), (own, "own")):
            pick = len(rate) - 1 - int(np.argmax(rate[::-1]))  # the last maximum: the largest step
            if rate[pick] <= 0:
                continue
            key = (float(rate[pick]), int(spend[pick]), -index, int(options[pick]))
            if score == "table" and (best is None or key > best):
                best = key
            if score == "own" and (best_own is None or key > best_own):
                best_own = key
    chosen = best or best_own
    return None if chosen is None else (-chosen[2], chosen[3])


def _spread(columns: Sequence[ColumnLines], widths: list[int], room: int) -> list[int]:
    """``room`` given a cell at a time to the narrowest column below its widest whose next
    cell adds no table line."""
    widths = list(widths)

    def lines(at: Sequence[int]) -> int:
        return _table_lines([c.counts[w - c.floor] for c, w in zip(columns, at, strict=True)])

    total = lines(widths)
    while room > 0:
        growing = sorted(
            (w, i) for i, (c, w) in enumerate(zip(columns, widths, strict=True)) if w < c.widest
        )
        for _, index in growing:
            trial = [w + (i == index) for i, w in enumerate(widths)]
            if lines(trial) <= total:
                widths = trial
                room -= 1
                break
        else:
            break
    return widths
