"""Terminal tables, JSON and CSV from tidy tables: the one place the CLI formats output."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from chipshock.cli.japanese_atoms import (
    bracket_groups,
    has_wide,
    japanese_atoms,
    line_spans,
    wrap_japanese,
)
from chipshock.cli.table_widths import allocate_widths, column_lines
from chipshock.present.jsonable import to_jsonable
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import MISSING, fmt_number, fmt_plain, plain_digits

__all__ = [
    "Format",
    "console",
    "emit",
    "emit_many",
    "err_console",
    "error_line",
    "fits",
    "natural_width",
    "number_cells",
    "progress",
    "sentences",
    "to_jsonable",
]

console = Console()
err_console = Console(stderr=True)


def error_line(command: str, text: str) -> None:
    """Print ``error: <command>: <text>`` on stderr, the one form of every error line (review
    16 #13); ``text`` is printed as written, not as markup ("[low, high]", "[[shock]]")."""
    err_console.print(
        f"[bold red]error:[/bold red] {escape(command)}: {escape(text)}",
        highlight=False,
        soft_wrap=True,
    )


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _cell(value: Any, column: str, digits: int | None = None) -> str:
    v = to_jsonable(value)
    if v is None:
        return "[dim]–[/dim]" if column.endswith(("pct", "share")) else ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        if column.endswith("_usd") or column.endswith("usd"):
            return f"{v / 1e9:,.2f} bn" if abs(v) >= 1e8 else f"{v:,.0f}"
        if column.endswith(("_pct", "_share")):
            return fmt_number(v, 1)
        return fmt_plain(v, digits)
    text = _SPACES.sub(" ", str(v)).strip()  # a no-break space stays: it joins two atoms
    text = _MD_LINK.sub(r"\1", text).replace("**", "")  # a source's markdown as its words
    limit = _limit(text, column)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


#: a markdown link as the ETO's sources write them, "[CSET](https://cset.georgetown.edu/…)":
#: a terminal shows its words (the link stays in --format csv and json)
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://[^)\s]+)\)")


def _limit(text: str, column: str) -> int | None:
    """How long a text cell of ``column`` may be before it is cut with "…"; None: never cut
    (a name a reader looks up, or a band of numbers such as "USD 961.7 bn · USD 1.69 trillion ·
    USD 2.20 trillion", which wraps at its numbers instead: review 9a, finding 7)."""
    if column in _WHOLE or all(_NUMBER_WORD.match(w) for w in text.split()):
        return None
    return 28 if column in ("source", "source_url", "caption", "note") else 48


#: a word of a band of numbers: a number (with sign, %, ≥/≤), a unit, currency or separator
_NUMBER_WORD = re.compile(
    r"^(?:[≥≤<>~]?[-+−]?[¥$]?\d[\d.,]*%?|bn|tn|m|k|trillion|billion|million|%|pp|USD|JPY|EUR"
    r"|·|–|—|-|to|/|≥|≤)$"
)


def _cut_columns(frame: pd.DataFrame, shown: Sequence[str]) -> list[str]:
    """The shown columns with a cell that `_cell` cuts short with "…"."""
    cut = []
    for col in shown:
        if pd.api.types.is_numeric_dtype(frame[col]):
            continue
        for v in frame[col].tolist():
            if v is None or isinstance(v, float | bool):
                continue
            text = _SPACES.sub(" ", str(to_jsonable(v))).strip()
            limit = _limit(text, col)
            if limit is not None and len(text) > limit:
                cut.append(col)
                break
    return cut


def _cut_note(frame: pd.DataFrame, columns: Sequence[str] | None, lang: str) -> str:
    """The caption's sentence naming the columns whose cells are cut short, as the note on
    columns left out at a narrow terminal does ("" when nothing is cut)."""
    shown = list(columns) if columns else list(frame.columns)
    names = [_header(c) for c in _cut_columns(frame, shown)]
    if not names:
        return ""
    if lang == "ja":
        return f"「…」で終わるセルは省略：{'、'.join(names)}（--format csv か json で全文を表示）。"
    return (
        f"Cells ending in “…” are cut short: {', '.join(names)} (--format csv or json shows "
        "them whole)."
    )


def _with_note(caption: str, note: str, lang: str) -> str:
    """``caption`` followed by ``note`` (a Japanese caption runs on without a space)."""
    if not note:
        return caption
    return f"{caption}{note}" if lang == "ja" else sentences(caption, note)


#: runs of whitespace other than the no-break space (U+00A0), which a cell keeps
_SPACES = re.compile(r"[^\S\u00a0]+")

#: columns never shortened with "…": names a reader looks up, an amount with the currency, rate
#: and date it was converted at, and a tracker row's status note (they wrap at words instead),
#: under their names and under the Japanese table's headers (``cli.alliance_col_<column>``);
#: and `chipshock sourcing`'s operator, whose id (in brackets after its name) a file takes
_WHOLE_COLUMNS = ("case_quantity", "amount", "status_note")
_WHOLE = frozenset(
    (
        *_WHOLE_COLUMNS,
        "operator",
        *(
            message(f"cli.alliance_col_{c}", "ja")
            for c in _WHOLE_COLUMNS
            if has_message(f"cli.alliance_col_{c}", "ja")
        ),
    )
)


def sentences(*parts: str) -> str:
    """Caption parts joined as sentences: each ends with a full stop unless it already ends
    with one (or ``?``, ``!``, ``)``); empty parts are dropped.

    >>> sentences("v(S) = share of the world market", "", "Source: ETO.")
    'v(S) = share of the world market. Source: ETO.'
    """
    texts = [" ".join(p.split()) for p in parts]
    return " ".join(t if t.endswith((".", "?", "!", ")")) else t + "." for t in texts if t)


def _header(column: str) -> str:
    """Readable header: ``share_pct`` -> ``share %``, ``n_alternatives`` -> ``n alternatives``."""
    return column.replace("_pct", " %").replace("_usd", " USD").replace("_", " ")


def emit(
    frame: pd.DataFrame,
    fmt: Format,
    title: str = "",
    caption: str = "",
    columns: Sequence[str] | None = None,
    meta: Mapping[str, Any] | None = None,
    narrow: Sequence[str] | None = None,
    lang: str = "en",
) -> None:
    """Print one table. JSON wraps rows with ``meta`` (source, as-of, parameters) if given;
    ``lang``: the language of the notes a cut cell or a narrow terminal adds (en or ja). The
    caption comes first, then those notes; in Japanese they are printed below the table, wrapped
    where Japanese may break (`wrap_japanese`).

    A table wider than the terminal is laid out by `_narrow_table`: no number, id, date or code
    is ever split over two lines. ``narrow``: the key columns, most important first, that a
    terminal too narrow for every column keeps (default: every column, in table order); the
    caption names the ones left out. JSON and CSV always carry every column."""
    if fmt is Format.json:
        payload: Any = to_jsonable(frame)
        if meta is not None:
            payload = {**to_jsonable(meta), "rows": payload}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is Format.csv:
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n")
        sys.stdout.write(buf.getvalue())
        return
    if fits(frame, columns):
        caption = _with_note(caption, _cut_note(frame, columns, lang), lang)
        table = _rich_table(frame, title, caption, columns)
    else:  # the note on cells cut short names only the columns the narrow table keeps
        table = _narrow_table(frame, title, caption, columns, narrow, lang)
    below = table.caption if lang == "ja" else None
    if isinstance(below, str):  # the terminal would break Japanese inside a number: wrap it here
        table.caption = None
    console.print(table)
    if isinstance(below, str):
        console.print(
            wrap_japanese(below, console.width), markup=False, highlight=False, crop=False
        )


def _measure(frame: pd.DataFrame, columns: Sequence[str] | None) -> Measurement:
    """Width of ``frame``'s terminal table as `emit` draws it: ``maximum`` with no cell
    wrapped."""
    table = _rich_table(frame, "", "", columns)
    return Measurement.get(console, console.options.update_width(10_000), table)


def natural_width(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> int:
    """How many characters wide ``frame``'s terminal table is when no cell wraps; compare with
    ``console.width`` to choose a narrower layout."""
    return _measure(frame, columns).maximum


def fits(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> bool:
    """Whether ``frame``'s terminal table fits the terminal without wrapping a cell."""
    return natural_width(frame, columns) <= console.width


def _rich_table(
    frame: pd.DataFrame, title: str, caption: str, columns: Sequence[str] | None
) -> Table:
    shown = list(columns) if columns else list(frame.columns)
    table = Table(title=title or None, caption=caption or None, caption_justify="left")
    for col in shown:
        table.add_column(
            _header(col),
            justify="right" if _is_numeric(frame[col]) else "left",
            overflow="fold",
            no_wrap=col.endswith("_id"),
        )
    texts = _cell_texts(frame, shown)
    for row in range(len(frame)):
        table.add_row(*(texts[c][row] for c in shown))
    return table


#: a number a command formatted itself ("1,047.0", "-3", "2.5", and "<0.1" or ">-0.1" for a
#: nonzero one that rounds to zero: `fmt_cell_number`): its column reads as numbers
_NUMBER_TEXT = re.compile(r"(?:<|>-)?[-+−]?\d[\d,]*(\.\d+)?")


def _is_numeric(series: pd.Series) -> bool:
    """Whether ``series`` is a column of numbers (right-aligned): a numeric dtype, or text cells
    that are each a number as a command formatted it (blank and "–" cells aside), or "–" (a
    missing number, `fmt_number`) throughout: the Japanese Shapley table's standard error when
    the values are exact, which the English table's float column right-aligns."""
    if series.dtype == bool:
        return False
    if pd.api.types.is_numeric_dtype(series):
        return True
    texts = [str(v).strip() for v in series.tolist() if v is not None and not pd.isna(v)]
    cells = [c for c in texts if c not in ("", "–")]
    if not cells:
        return MISSING in texts
    return all(_NUMBER_TEXT.fullmatch(c) for c in cells)


def number_cells(frame: pd.DataFrame, column: str) -> list[str]:
    """``frame[column]``'s numbers as `emit` writes them under the column's own name (a
    ``_pct`` column to one decimal, a missing share "–"), as text: the same figures for a table
    whose headers are words of another language (the Japanese tables of `chipshock coalition`,
    `shapley`, `synergy` and `criticality`), where the column's name no longer says its format;
    a statistic (p5, p50, p95, mean) has the decimals of all ``frame``'s statistics
    (`_column_digits`), so ``frame`` should hold the columns the table shows; a nonzero value
    those decimals round to zero reads "<0.1" (">-0.1"), never "0.0" (`fmt_plain`)."""
    digits = _column_digits(frame, list(frame.columns))[column]
    cells = (_cell(v, column, digits) for v in frame[column].tolist())
    return [text.replace("[dim]–[/dim]", "–") for text in cells]


def _cell_texts(frame: pd.DataFrame, shown: Sequence[str]) -> dict[str, list[str]]:
    """Each shown column's cells as the table prints them (rich markup), with the decimals
    `_column_digits` chooses."""
    digits = _column_digits(frame, shown)
    return {col: [_cell(v, col, digits[col]) for v in frame[col].tolist()] for col in shown}


#: a column that holds a statistic across runs: p5, p50, p95, mean or median, alone or within
#: its name ("model_p50", "low_p95"), and the Japanese header of the mean (`countries_ja`)
_STATISTIC = re.compile(r"(?:^|_)(?:p\d{1,2}|mean|median)(?:_|$)")
_STATISTIC_WORDS = frozenset({message("cli.col_mean", "ja")})


def _is_statistic(column: str) -> bool:
    """Whether ``column`` is a statistic across runs (`_STATISTIC`).

    >>> [_is_statistic(c) for c in ("p5", "model_p95", "mean", "平均", "share", "p5 – p95")]
    [True, True, True, True, False, False]
    """
    return column in _STATISTIC_WORDS or _STATISTIC.search(column) is not None


def _column_digits(frame: pd.DataFrame, shown: Sequence[str]) -> dict[str, int | None]:
    """The decimals of each shown float column (`plain_digits`; None: not a float column). The
    statistics of a table (`_is_statistic`: p5, p50, p95, mean) share one choice over all their
    values, so that a row reads with the same decimals across them (a p50 of "0.0454" beside a
    p95 of "1.4" read as two precisions: it reads "<0.1", `fmt_plain`); every other column
    chooses its own."""
    floats = [c for c in shown if pd.api.types.is_float_dtype(frame[c])]
    statistics = [c for c in floats if _is_statistic(c)]
    shared = plain_digits(v for c in statistics for v in frame[c].tolist())
    digits: dict[str, int | None] = dict.fromkeys(shown)
    for col in floats:
        digits[col] = shared if col in statistics else plain_digits(frame[col])
    return digits


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
    cells = {
        c: [Text.from_markup(v) for v in texts] for c, texts in _cell_texts(frame, shown).items()
    }
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
    table = Table(title=title or None, caption=caption or None, caption_justify="left")
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


def emit_many(
    sections: Mapping[str, pd.DataFrame],
    fmt: Format,
    meta: Mapping[str, Any] | None = None,
    captions: Mapping[str, str] | None = None,
    narrow: Mapping[str, Sequence[str]] | None = None,
    *,
    csv_names: bool = True,
) -> None:
    """Several tables: one JSON object, CSV blocks separated by a ``# name`` line, or tables
    (``narrow``: each table's key columns by name, as `emit` takes them); ``csv_names=False``:
    no ``# name`` line (one table chosen with ``--section``: a plain CSV)."""
    if fmt is Format.json:
        payload = {**to_jsonable(meta or {}), **{k: to_jsonable(v) for k, v in sections.items()}}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for name, frame in sections.items():
        if fmt is Format.csv and csv_names:
            sys.stdout.write(f"# {name}\n")
        emit(
            frame,
            fmt,
            title=name,
            caption=(captions or {}).get(name, ""),
            narrow=(narrow or {}).get(name),
        )


@contextlib.contextmanager
def progress(description: str, total: float | None = None, enabled: bool = True) -> Iterator[Any]:
    """A progress bar on stderr (hidden when stderr is not a terminal)."""
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not enabled or not err_console.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=total)

        class _Handle:
            def advance(self, n: float = 1.0) -> None:
                bar.advance(task, n)

            def describe(self, text: str) -> None:
                bar.update(task, description=text)

            def update(self, completed: float) -> None:
                bar.update(task, completed=completed)

        yield _Handle()
