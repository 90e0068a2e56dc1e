"""A table's title in lines no wider than the table, broken where a reader expects it.

rich wraps a title itself: English at any space (``USD`` on one line, ``bn`` on the next) and
Japanese at any character (「10億」, then 「ドル」). `wrap_title` breaks it first, so that rich
only centres the lines: Japanese where Japanese may break (`wrap_japanese`: a number stays with
its unit), English at spaces but never inside an amount's unit (``USD bn``, ``USD 5.4 bn``,
``1,000 runs`` are whole).
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from chipshock.cli.japanese_atoms import has_wide, wrap_japanese

__all__ = ["english_atoms", "wrap_title"]

_AMOUNT = r"[\d][\d,]*(?:\.\d+)?"
#: a unit an English title writes as words: a currency with its magnitude ("USD bn", "USD 5.4
#: bn", "JPY tn"), or a number with the unit after it ("1,000 runs", "12.5 kwspm", "90 %")
_ENGLISH_ATOM = re.compile(
    rf"(?:USD|JPY|EUR)(?: {_AMOUNT})?(?: (?:bn|m|tn|trillion|billion|million))\b\S*"
    rf"|{_AMOUNT} (?:bn|m|tn|trillion|%|kwspm|wspm|runs|weeks|months|years)\b\S*"
    r"|\S+"
)


def english_atoms(title: str) -> list[str]:
    """The pieces of an English title that a line may not break inside.

    >>> english_atoms("value added lost by country (GDP-like), USD bn")
    ['value', 'added', 'lost', 'by', 'country', '(GDP-like),', 'USD bn']
    >>> english_atoms("Chip demand, USD bn a year (2026–2030): 1,000 runs")
    ['Chip', 'demand,', 'USD bn', 'a', 'year', '(2026–2030):', '1,000 runs']
    """
    return _ENGLISH_ATOM.findall(title)


def wrap_title(title: str, width: int) -> str:
    """``title`` in lines of at most ``width`` terminal cells (an atom wider than that stands
    alone on its line): Japanese by `wrap_japanese`, English between `english_atoms`; a title
    that fits is returned as it is.

    >>> print(wrap_title("value added lost by country (GDP-like), USD bn", 42))
    value added lost by country (GDP-like),
    USD bn
    >>> print(wrap_title("loss by country, USD bn", 20))
    loss by country,
    USD bn
    >>> print(wrap_title("国別の失われる付加価値（GDPに近い指標、10億ドル）", 42))
    国別の失われる付加価値（GDPに近い指標、
    10億ドル）
    """
    if width <= 0 or all(cell_len(line) <= width for line in title.split("\n")):
        return title
    if has_wide(title):
        return wrap_japanese(title, width)
    lines: list[str] = []
    for paragraph in title.split("\n"):
        current = ""
        for atom in english_atoms(paragraph):
            joined = f"{current} {atom}" if current else atom
            if current and cell_len(joined) > width:
                lines.append(current)
                current = atom
            else:
                current = joined
        lines.append(current)
    return "\n".join(lines)
