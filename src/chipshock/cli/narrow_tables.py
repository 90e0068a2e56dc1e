"""Terminal tables wider than the terminal: every cell wrapped at its atoms (no number, id, date or
code split over two lines), the room shared out where it saves the most lines, and the columns that
still do not fit left out, lowest priority first, with the caption naming them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from chipshock.cli.consoles import console
from chipshock.cli.japanese_atoms import bracket_groups, has_wide, japanese_atoms, line_spans
from chipshock.cli.table_cells import (
    _cell_texts,
    _cut_note,
    _header,
    _is_numeric,
    _with_note,
    title_text,
)
from chipshock.cli.table_widths import allocate_widths, column_lines

__all__: list[str] = []


# -- tables wider than the terminal ----------------------------------------------------------
# A cell is a run of atoms separated by single spaces. An atom never breaks: a word, or a number
# with its currency and unit ("USD 1.13 trillion", "36.7 %"), with a trailing separator ("·",
# "–", "to") kept on its line; a no-break space joins two atoms (the utilisation band
# "91.6 – 94.3"). A column whose cells are single tokens (numbers, ids, dates, codes,
# file names, hashes) is one atom per cell. Each shown column is at least as wide as its longest
# atom (and its header's longest word); a column of running text at least _TEXT_FLOOR wide, so
# it wraps at words instead of standing one word per line. Columns that do not fit then are left
# out, lowest priority first, and the caption names them.
_TEXT_FLOOR = 16
#: a column of Japanese text breaks between almost any two characters (`japanese_atoms`): it is
#: as wide as its longest run without a space, up to 24 cells (12 characters), so that a name
#: stands on a few lines, not on many
_WIDE_TEXT_FLOOR = 24
_UNITS = frozenset({"bn", "tn", "m", "k", "trillion", "billion", "million", "%", "pp"})
_CURRENCIES = frozenset({"USD", "JPY", "EUR", "¥", "$"})
_SEPARATORS = frozenset({"·", "–", "—", "-", "to", "/"})
_DIGIT = re.compile(r"\d")


def _atoms(text: str) -> list[str]:
    """The unbreakable pieces of one cell (its words, numbers glued to their unit; a Japanese
    word cut where `japanese_atoms` lets a line break).

    >>> _atoms("USD 0.0 bn · USD 77.0 bn"), _atoms("富士電機津軽")
    (['USD 0.0 bn ·', 'USD 77.0 bn'], ['富', '士', '電', '機', '津', '軽'])
    """
    return [atom for atom, _ in _pieces(text)]


def _pieces(text: str, japanese: bool = True, width: int = 0) -> list[tuple[str, int]]:
    """`_atoms` with where each starts in ``text``; between two atoms stands one space, or
    nothing inside a Japanese word (a line broken there gains no space: 「津軽」);
    ``japanese=False``: a Japanese word stands whole but for its bracketed qualifier
    (`_header_words`: a column's header); ``width``: only a
    Japanese word wider than this is cut (one that fits a line breaks at its spaces), and the
    atoms inside a Japanese bracket pair no wider than this are one (`bracket_groups`)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for spaced in _spaced_atoms(text):
        position = text.find(spaced, position)
        if position < 0:  # runs of spaces: the cell stands whole
            return [(text, 0)]
        cut = japanese and has_wide(spaced) and cell_len(spaced) > width
        parts = japanese_atoms(spaced) if cut else [spaced] if japanese else _header_words(spaced)
        for part in parts:
            spans.append((position, position + len(part)))
            position += len(part)
    return [(text[start:end], start) for start, end in bracket_groups(text, spans, width)]


#: where a header's Japanese label meets the bracket that qualifies it: 「生産能力」「（枚/月）」
_BEFORE_BRACKET = re.compile(r"(?<=\S)(?=[（「『【〔〈《])")


def _header_words(text: str) -> list[str]:
    """A header's words: the pieces between its spaces, a Japanese label apart from the bracket
    that qualifies it (Japanese puts no space there, a line may still break there).

    >>> _header_words("日米連携の新工場なし（中央値）"), _header_words("capacity (kwspm)")
    (['日米連携の新工場なし', '（中央値）'], ['capacity', '(kwspm)'])
    """
    return [part for word in _spaced_atoms(text) for part in _BEFORE_BRACKET.split(word)]


def _spaced_atoms(text: str) -> list[str]:
    """The atoms of ``text`` between its spaces (numbers glued to their unit)."""
    atoms: list[str] = []
    glue_next = False
    for word in text.split(" "):
        if not word:
            continue
        previous = atoms[-1] if atoms else ""
        number_unit = word in _UNITS and _DIGIT.search(previous.split(" ")[-1])
        if atoms and (glue_next or word in _SEPARATORS or number_unit):
            atoms[-1] = f"{previous} {word}"
        else:
            atoms.append(word)
        glue_next = word in _CURRENCIES
    return atoms


def _wrap(text: Text, width: int, japanese: bool = True) -> Text:
    """``text`` broken into lines of at most ``width`` at atom boundaries (styles kept, no
    character left alone on a line that the line before can keep company: `line_spans`): the
    space between two lines is dropped, and nothing is put between two pieces of a Japanese
    word (``japanese=False``: broken at a header's words only, `_header_words`)."""
    plain = text.plain
    if "\n" in plain:
        return text
    lines = _lines(plain, width, japanese)
    if len(lines) < 2:
        return text
    return Text("\n").join(text[line[0][0] : line[-1][1]] for line in lines)


def _lines(plain: str, width: int, japanese: bool = True) -> list[list[tuple[int, int]]]:
    """The lines `_wrap` breaks ``plain`` into: each a list of its atoms' (start, end)."""
    spans = [(start, start + len(atom)) for atom, start in _pieces(plain, japanese, width)]
    return line_spans(plain, spans, width)


def _line_count(plain: str, width: int, japanese: bool = True) -> int:
    """How many lines ``plain`` takes in a column ``width`` cells wide (`_wrap`)."""
    if "\n" in plain:
        return plain.count("\n") + 1
    return len(_lines(plain, width, japanese))


@dataclass(frozen=True)
class _ColumnFit:
    """One column's widths: ``least`` its atoms never break at, ``natural`` on one line;
    ``tight``: the least a column of Japanese text takes when at ``least`` some column would be
    left out (the floor of English text, `_TEXT_FLOOR`: a Japanese table keeps the columns the
    English one keeps, its names on more lines); 0 for every other column, whose floor is
    ``least`` at any width."""

    least: int
    natural: int
    tight: int = 0

    def floor(self, tight: bool) -> int:
        """The column's least width, ``tight`` or not."""
        return self.tight if tight and self.tight else self.least


def _column_fit(header: str, cells: Sequence[Text], atomic: bool) -> _ColumnFit:
    plains = [c.plain for c in cells]
    natural = max([cell_len(header), *(cell_len(p) for p in plains)])
    words = [cell_len(w) for w in _header_words(header)] or [0]
    if atomic or all(len(_pieces(p)) < 2 for p in plains):
        return _ColumnFit(max([*words, *(cell_len(p) for p in plains)]), natural)
    atoms = [a for p in plains for a in _atoms(p)]
    longest_atom = max([*words, *(cell_len(a) for a in atoms)])
    if all(_DIGIT.search(a) for a in atoms if any(ch.isalnum() for ch in a)):  # numbers only
        return _ColumnFit(longest_atom, natural)
    tight = max(longest_atom, min(natural, _TEXT_FLOOR))
    if not any(has_wide(p) for p in plains):
        return _ColumnFit(tight, natural)
    # Japanese text: as wide as its longest word, up to 24 cells (`tight` if room is short)
    spaced = max(cell_len(a) for p in plains for a in [*_spaced_atoms(p), ""])
    floor = max(_TEXT_FLOOR, min(_WIDE_TEXT_FLOOR, spaced))
    return _ColumnFit(max(longest_atom, min(natural, floor)), natural, tight)


def _table_width(widths: Sequence[int]) -> int:
    """A box table's width: each column padded by one space each side, n + 1 rules."""
    return sum(widths) + 3 * len(widths) + 1


def _narrow_table(
    frame: pd.DataFrame,
    title: str,
    caption: str,
    columns: Sequence[str] | None,
    narrow: Sequence[str] | None,
    lang: str = "en",
) -> Table:
    """``frame``'s table for a terminal narrower than its one-line layout: every column if all
    fit at their least widths, else the key columns (``narrow``, most important first; default
    every column in table order) that fit, in table order; the room left is shared out where it
    saves the most lines (`_share_width`), and every cell is wrapped at atoms."""
    shown = list(columns) if columns else list(frame.columns)
    cells = _cell_texts(frame, shown)
    fit = {c: _column_fit(_header(c), cells[c], _is_numeric(frame[c])) for c in shown}

    def fits_at(columns: Sequence[str], tight: bool) -> bool:
        return _table_width([fit[c].floor(tight) for c in columns]) <= console.width

    def room_for(columns: Sequence[str]) -> bool:  # Japanese text narrower before a column goes
        return fits_at(columns, tight=False) or fits_at(columns, tight=True)

    priority = [c for c in (narrow if narrow is not None else shown) if c in shown]
    if room_for(shown):
        priority = shown
    kept: list[str] = []
    for col in priority:
        if room_for([*kept, col]):
            kept.append(col)
    kept = [c for c in shown if c in kept] or shown[:1]
    tight = not fits_at(kept, tight=False)
    floors = {c: fit[c].floor(tight) for c in kept}
    # a column is either cut short (its cells end in "…") or left out, never named as both
    caption = _with_note(caption, _cut_note(frame, kept, lang), lang)
    left_out = [c for c in shown if c not in kept]
    if left_out:
        names = [_header(c) for c in left_out]
        if lang == "ja":
            note = f"この端末幅では省略：{'、'.join(names)}（広い端末か --format csv で表示）。"
        else:
            note = (
                f"Left out at this terminal width: {', '.join(names)} "
                "(a wider terminal or --format csv shows them)"
            )
        caption = _with_note(caption, note, lang)
    widths = _share_width(kept, fit, cells, floors)
    table = Table(title=title_text(title), caption=caption or None, caption_justify="left")
    for col in kept:
        table.add_column(
            _wrap(Text(_header(col)), widths[col], japanese=False),
            justify="right" if _is_numeric(frame[col]) else "left",
            width=widths[col],
            no_wrap=True,
        )
    for row in range(len(frame)):
        table.add_row(*(_wrap(cells[c][row], widths[c]) for c in kept))
    return table


def _share_width(
    kept: Sequence[str],
    fit: Mapping[str, _ColumnFit],
    cells: Mapping[str, Sequence[Text]],
    floors: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Each kept column's width: its floor (``floors``; default its least), and the terminal's
    room left given out where it removes the most wrapped lines
    (`table_widths.allocate_widths`; header lines count)."""
    least = {c: (floors or {}).get(c, fit[c].least) for c in kept}
    room = max(0, console.width - _table_width([least[c] for c in kept]))
    columns = []
    for col in kept:
        plains = [_header(col), *(t.plain for t in cells[col])]
        widest = min(fit[col].natural, least[col] + room)

        def lines_at(row: int, width: int, plains: list[str] = plains) -> int:
            return _line_count(plains[row], width, japanese=row > 0)

        one_line = [widest + 1 if "\n" in p else cell_len(p) for p in plains]
        columns.append(column_lines(plains, least[col], widest, lines_at, one_line))
    return dict(zip(kept, allocate_widths(columns, room), strict=True))
