"""Terminal tables, JSON and CSV from tidy tables: the one place the CLI formats output."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any

import pandas as pd
from rich.console import Console
from rich.measure import Measurement
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from chipshock.present.jsonable import to_jsonable
from chipshock.present.numbers import fmt_number, fmt_plain, plain_digits

__all__ = [
    "Format",
    "console",
    "emit",
    "emit_many",
    "err_console",
    "fits",
    "natural_width",
    "progress",
    "sentences",
    "to_jsonable",
]

console = Console()
err_console = Console(stderr=True)


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
    text = " ".join(str(v).split())
    limit = 28 if column in ("source", "source_url", "caption", "note") else 48
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
) -> None:
    """Print one table. JSON wraps rows with ``meta`` (source, as-of, parameters) if given.
    ``narrow``: the columns a terminal too narrow for the whole table shows (the caption names
    the ones left out); JSON and CSV always carry every column."""
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
    if narrow is not None and _measure(frame, columns).minimum > console.width:
        # even with every text cell wrapped at word breaks the table would not fit
        shown = list(columns) if columns else list(frame.columns)
        left_out = [c for c in shown if c not in narrow]
        columns = [c for c in shown if c in narrow]
        caption = sentences(
            caption,
            f"Left out at this terminal width: {', '.join(_header(c) for c in left_out)} "
            "(a wider terminal or --format csv shows them)",
        )
    console.print(_rich_table(frame, title, caption, columns))


def _measure(frame: pd.DataFrame, columns: Sequence[str] | None) -> Measurement:
    """Width of ``frame``'s terminal table as `emit` draws it: ``maximum`` with no cell
    wrapped, ``minimum`` with every text cell wrapped at word breaks."""
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
        numeric = pd.api.types.is_numeric_dtype(frame[col]) and frame[col].dtype != bool
        table.add_column(
            _header(col),
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=col.endswith("_id"),
        )
    digits = [
        plain_digits(frame[c]) if pd.api.types.is_float_dtype(frame[c]) else None for c in shown
    ]
    for row in frame[shown].itertuples(index=False):
        table.add_row(*(_cell(v, c, d) for v, c, d in zip(row, shown, digits, strict=True)))
    return table


def emit_many(
    sections: Mapping[str, pd.DataFrame],
    fmt: Format,
    meta: Mapping[str, Any] | None = None,
    captions: Mapping[str, str] | None = None,
) -> None:
    """Several tables: one JSON object, CSV blocks separated by a ``# name`` line, or tables."""
    if fmt is Format.json:
        payload = {**to_jsonable(meta or {}), **{k: to_jsonable(v) for k, v in sections.items()}}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for name, frame in sections.items():
        if fmt is Format.csv:
            sys.stdout.write(f"# {name}\n")
        emit(frame, fmt, title=name, caption=(captions or {}).get(name, ""))


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
