"""The alliance registry's terminal tables in Japanese (`chipshock deliverables|partnerships
--lang ja`), with the dashboard's words.

Headers are the ``cli.alliance_col_<column>`` words of the message catalogue (their English
side is the English table's header); sectors, kinds, statuses and confidences are the
catalogue's ``sector.*``, ``alliance_kind.*``, ``partnership_status.*``, ``tracker_status.*`` and
``confidence.*`` words, the same as the dashboard's alliance tracker (a test holds them equal);
summaries, tracker titles and status notes are the data's own translations (``summary_ja``,
``title_ja``, ``status_note_ja``),
and so are technologies and parties (``technology_ja``, ``parties_ja``; a blank one shows
the English text);
amounts are written by `amount_texts` in Japanese (億ドル; a yen pledge in 億円 with the
dollars, the rate and its month beside it). Country codes stay codes: they are
what ``--country`` takes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.cli.output import Format, emit
from chipshock.present.amounts import amount_texts
from chipshock.present.labels import confidence_label, countries_label, in_language
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import MISSING

__all__ = [
    "column_word",
    "context_titles",
    "registry_ja",
    "show_registry",
    "source_refs",
    "value_word",
]

#: the catalogue family that names the values of a column (``status``: given per table)
_FAMILIES = {"sector": "sector", "kind": "alliance_kind"}
#: columns whose Japanese text is the data's own translation (running text)
_TRANSLATED = {
    "summary": "summary_ja",
    "title": "title_ja",
    "status_note": "status_note_ja",
    "actor": "actor_ja",
}
#: columns whose Japanese text is the data's own, where it has one (a blank one shows the
#: English text: `in_language`)
_NAMED = {"technology": "technology_ja", "parties": "parties_ja"}


def column_word(column: str, lang: str = "ja") -> str:
    """A column's name in ``lang``: in English the data's name (the English tables and titles
    use it), in Japanese ``cli.alliance_col_<column>`` (else the name as it is)."""
    key = f"cli.alliance_col_{column}"
    return message(key, lang) if lang != "en" and has_message(key, lang) else column


def context_titles(table: pd.DataFrame) -> pd.DataFrame:
    """Tracker rows for a terminal table: each context row's ``title`` (and ``title_ja``) marked
    "(context)" / 「（参考）」, so that the table tells the rows the title counts apart (U.S. CHIPS
    Act fabs without a Japanese party, ``part`` context) from the visit's own."""
    if "part" not in table:
        return table
    context = (table["part"] == "context").tolist()
    out = table.copy()
    for column, lang in (("title", "en"), ("title_ja", "ja")):
        if column in out:
            out[column] = [
                message("tracker.context_title", lang, title=t)
                if marked and isinstance(t, str)
                else t
                for t, marked in zip(out[column], context, strict=True)
            ]
    return out


def value_word(family: str, value: object, lang: str = "ja") -> str:
    """A sector, kind or status in ``lang`` (``<family>.<value>``); a value without a word is
    shown as the data has it."""
    key = f"{family}.{value}"
    return message(key, lang) if has_message(key, lang) else str(value)


def _cells(frame: pd.DataFrame, column: str, status: str) -> list[str]:
    values = frame[column].tolist()
    if column in _TRANSLATED and _TRANSLATED[column] in frame:
        # a blank cell (a tracker row without a status note) stays blank
        return [v if isinstance(v, str) else "" for v in frame[_TRANSLATED[column]]]
    if column in _NAMED and _NAMED[column] in frame:
        return [in_language(v, j, "ja") for v, j in zip(values, frame[_NAMED[column]], strict=True)]
    if column == "amount":
        # a yen amount with its dollars, rate and month wraps in a narrow column where Japanese
        # may break (`chipshock.cli.output`), instead of pushing other columns off the table
        return [text if text else MISSING for text in amount_texts(frame, "ja")]
    if column == "confidence":
        return [confidence_label(str(v), "ja") for v in values]
    if column == "actor_country":  # by the countries' names: 米国・日本 (review 16, finding 8)
        return [countries_label(v, "ja") for v in values]
    if column == "stale":
        return [message("tracker.stale", "ja") if v else "" for v in values]
    if column == "status" and status:
        return [value_word(status, v) for v in values]
    if column in _FAMILIES:
        return [value_word(_FAMILIES[column], v) for v in values]
    if frame[column].dtype == bool:
        return [message("cli.alliance_yes", "ja") if v else "" for v in values]
    return values


def registry_ja(frame: pd.DataFrame, columns: Sequence[str], status: str = "") -> pd.DataFrame:
    """``frame``'s ``columns`` for the Japanese terminal, headed by `column_word`: summaries and
    titles from their ``_ja`` columns, amounts in 億ドル, sectors, kinds, statuses (``status``:
    the catalogue family of the table's status words), confidences and flags in words."""
    return pd.DataFrame({column_word(c): _cells(frame, c, status) for c in columns})


def show_registry(
    frame: pd.DataFrame,
    fmt: Format,
    lang: str,
    *,
    columns: list[str] | None,
    title: str,
    caption: str,
    narrow: list[str] | None = None,
    status: str = "",
) -> None:
    """One registry table: as it is in English, json and csv; on a Japanese terminal its
    ``columns`` in Japanese (`registry_ja`, ``status``: the family of its status words), the
    caption wrapped below (`emit`: no number broken)."""
    if fmt is not Format.table or lang == "en":
        emit(frame, fmt, title=title, caption=caption, columns=columns, narrow=narrow)
        return
    shown = registry_ja(frame, columns or list(frame.columns), status)
    words = [column_word(c) for c in narrow] if narrow else None
    emit(shown, fmt, title=title, caption=caption, narrow=words, lang="ja")


def source_refs(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with ``source``: each row's reference to its ``source_url`` ("[2]"), numbered
    in the order the pages first appear (rows citing one page share its number), and the
    pages in that order, each with its reference, for the list under a terminal table.

    >>> shown, pages = source_refs(pd.DataFrame({"source_url": ["https://a", "https://b",
    ...     "https://a"]}))
    >>> shown["source"].tolist(), pages
    (['[1]', '[2]', '[1]'], ['[1] https://a', '[2] https://b'])
    """
    urls = [str(u).strip() if isinstance(u, str) else "" for u in frame["source_url"]]
    numbers: dict[str, int] = {}
    for url in urls:
        if url:
            numbers.setdefault(url, len(numbers) + 1)
    refs = [f"[{numbers[u]}]" if u else MISSING for u in urls]
    return frame.assign(source=refs), [f"[{n}] {url}" for url, n in numbers.items()]
