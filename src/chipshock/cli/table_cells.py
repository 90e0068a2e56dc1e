"""A terminal table's cells as text: numbers with the decimals their column takes, long text cut
short with "…", the headers made readable, and the caption's notes on what was cut.

`chipshock.cli.output.emit` lays the cells out; `chipshock.cli.narrow_tables` wraps them for a
terminal narrower than the table. ``number_cells`` gives the same figures to a table whose headers
are words of another language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
from rich.text import Text

from chipshock.present.jsonable import to_jsonable
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import MISSING, fmt_cell_number, fmt_plain, plain_digits

__all__ = ["heading_cell", "number_cells", "sentences", "title_text"]


def heading_cell(text: str) -> Text:
    """A cell that heads the rows below it (a market's name above its indicators), in bold; a
    frame's other cells are text as written (`_cell_texts`).

    >>> heading_cell("All [draft] markets").plain
    'All [draft] markets'
    """
    return Text(text, style="bold")


def title_text(title: str) -> Text | None:
    """A table's title as written (a scenario's "[draft]" is not rich markup), in the style
    rich gives a title; None for none.

    >>> title_text("by market [draft]").plain, title_text("")
    ('by market [draft]', None)
    """
    return Text(title, style="table.title") if title else None


def _cell(value: Any, column: str, digits: int | None = None, usd: _UsdUnit | None = None) -> str:
    v = to_jsonable(value)
    if v is None:
        return MISSING if _is_share(column) else ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        if _is_usd(column):  # the column's one unit (`_usd_unit`), a nonzero never "0.00"
            size, word, decimals = usd or _BN
            return f"{fmt_cell_number(v / size, decimals)} {word}"
        if column.endswith(("_pct", "_share")):  # one decimal, a nonzero never "0.0"
            return fmt_cell_number(v, 1)
        return fmt_plain(v, digits)
    text = _SPACES.sub(" ", str(v)).strip()  # a no-break space stays: it joins two atoms
    text = _MD_LINK.sub(r"\1", text).replace("**", "")  # a source's markdown as its words
    limit = _limit(text, column)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


#: a US-dollar column's unit: the amount it divides by, its word and the decimals it keeps
_UsdUnit = tuple[float, str, int]
_BN: _UsdUnit = (1e9, "bn", 2)
_M: _UsdUnit = (1e6, "m", 1)


def _is_usd(column: str) -> bool:
    """Whether ``column`` holds US dollars (``public_funding_usd``, ``usd``)."""
    return column.endswith("usd")


def _usd_unit(values: Sequence[Any]) -> _UsdUnit:
    """The one unit of a column of US dollars, so that its cells compare at a glance: billions
    at two decimals ("11.67 bn") when its largest amount is USD 100 m or more, else millions
    at one ("12.3 m"; it wrote "12,345,678" beside "3.50 bn"); a nonzero amount that those
    decimals round to zero reads "<0.01 bn" (`fmt_cell_number`).

    >>> _usd_unit([11.67e9, 12_345_678.0, None]), _usd_unit([12_345_678.0, 50e3])
    ((1000000000.0, 'bn', 2), (1000000.0, 'm', 1))
    """
    sizes = [abs(float(v)) for v in values if isinstance(to_jsonable(v), float)]
    return _BN if max(sizes, default=0.0) >= 1e8 else _M


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
#: under their names and under the Japanese table's headers (``cli.alliance_col_<column>``,
#: and ``cli.history_col_<column>`` for `chipshock validate`'s case and quantity);
#: and `chipshock sourcing`'s operator, whose id (in brackets after its name) a file takes
_WHOLE_COLUMNS = ("case_quantity", "amount", "status_note")
_WHOLE = frozenset(
    (
        *_WHOLE_COLUMNS,
        "operator",
        *(
            message(f"{prefix}{c}", "ja")
            for prefix in ("cli.alliance_col_", "cli.history_col_")
            for c in _WHOLE_COLUMNS
            if has_message(f"{prefix}{c}", "ja")
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
    ``_pct`` column to one decimal, "<0.1" for a nonzero below the tenth, a missing share "–"),
    as text: the same figures for a table whose headers are words of another language (the
    Japanese tables of `chipshock coalition`, `shapley`, `synergy` and `criticality`), where
    the column's name no longer says its format; a statistic (p5, p50, p95, mean) has the
    decimals of all ``frame``'s statistics (`_column_digits`), so ``frame`` should hold the
    columns the table shows; a nonzero value those decimals round to zero reads "<0.1"
    (">-0.1"), never "0.0" (`fmt_plain`, `fmt_cell_number`)."""
    digits = _column_digits(frame, list(frame.columns))[column]
    values = frame[column].tolist()
    usd = _usd_unit(values) if _is_usd(column) else None
    return [_cell(v, column, digits, usd) for v in values]


def _is_share(column: str) -> bool:
    """Whether a missing value of ``column`` is drawn as a dim "–" (a share or percentage)."""
    return column.endswith(("pct", "share"))


def _cell_texts(frame: pd.DataFrame, shown: Sequence[str]) -> dict[str, list[Text]]:
    """Each shown column's cells as the table prints them, with the decimals `_column_digits`
    chooses and a US-dollar column's one unit (`_usd_unit`): the text as written, never read
    as rich markup (a fab's note "[1]", a scenario title "[draft]" or "[bold]" stays in the
    cell), a missing share a dim "–", and a `heading_cell` in bold.

    >>> frame = pd.DataFrame({"name": ["[draft] [bold]x[/bold]"], "share": [None]})
    >>> [(t.plain, t.style) for t in sum(_cell_texts(frame, ["name", "share"]).values(), [])]
    [('[draft] [bold]x[/bold]', ''), ('–', 'dim')]
    """
    digits = _column_digits(frame, shown)
    texts = {}
    for col in shown:
        values = frame[col].tolist()
        usd = _usd_unit(values) if _is_usd(col) else None
        texts[col] = [_cell_text(v, col, digits[col], usd) for v in values]
    return texts


def _cell_text(value: Any, column: str, digits: int | None, usd: _UsdUnit | None) -> Text:
    """One cell of `_cell_texts`."""
    if isinstance(value, Text):  # a heading_cell
        return value.copy()
    text = _cell(value, column, digits, usd)
    missing = to_jsonable(value) is None and _is_share(column)
    return Text(text, style="dim" if missing else "")


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
