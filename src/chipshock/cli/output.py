"""Terminal tables, JSON and CSV from tidy tables: the one place the CLI formats output.

The cells' text is `chipshock.cli.table_cells`' (and `number_cells`, for a table headed in
another language); a table wider than the terminal is laid out by
`chipshock.cli.narrow_tables`; both print on the terminals of `chipshock.cli.consoles`.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any

import pandas as pd
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from chipshock.cli.consoles import console, err_console
from chipshock.cli.japanese_atoms import wrap_japanese
from chipshock.cli.narrow_tables import _narrow_table
from chipshock.cli.table_cells import (
    _cell_texts,
    _cut_note,
    _header,
    _is_numeric,
    _with_note,
    title_text,
)
from chipshock.cli.table_titles import wrap_title
from chipshock.present.jsonable import to_jsonable

__all__ = [
    "Format",
    "console",
    "emit",
    "emit_many",
    "err_console",
    "error_line",
    "fits",
    "natural_width",
    "progress",
    "to_jsonable",
]


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
    caption comes first, then those notes, printed below the table at the terminal's width (not
    the table's) in either language; Japanese is wrapped where Japanese may break
    (`wrap_japanese`). The title is broken to the table's width by `wrap_title` (a unit such
    as ``USD bn`` or 「10億ドル」 stays on one line).

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
    # the caption is printed below the table at the terminal's width, not the table's: a
    # narrow table (loss by country, 42 columns) would wrap it over some twenty lines
    below = table.caption
    table.caption = None
    if isinstance(table.title, Text):  # broken here, where a unit stays whole, not by rich
        drawn = Measurement.get(console, console.options, table).maximum
        lines = wrap_title(table.title.plain, min(drawn, console.width))
        table.title = Text(lines, style=table.title.style)  # still as written (no markup)
    console.print(table)
    if isinstance(below, str) and lang == "ja":  # rich would break Japanese inside a number
        console.print(
            wrap_japanese(below, console.width), markup=False, highlight=False, crop=False
        )
    elif isinstance(below, str):  # in the table's caption style, as written (no markup)
        console.print(below, style="table.caption", highlight=False, markup=False)


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
    table = Table(title=title_text(title), caption=caption or None, caption_justify="left")
    for col in shown:
        table.add_column(
            Text(_header(col)),
            justify="right" if _is_numeric(frame[col]) else "left",
            overflow="fold",
            no_wrap=col.endswith("_id"),
        )
    texts = _cell_texts(frame, shown)
    for row in range(len(frame)):
        table.add_row(*(texts[c][row] for c in shown))
    return table


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
        TextColumn("{task.description}", markup=False),
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
