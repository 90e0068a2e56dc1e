"""Where a line of Japanese text may break on a terminal: between any two characters, but never
inside a number with its unit (``2,245億ドル``, ``54%〜78%``, ``9割``) or an ASCII word, never
before closing punctuation (、。）) and never after opening punctuation (（「).

Used by the paragraphs and captions the CLI wraps itself (`scenario_run_ja.wrap_japanese`) and
by the terminal tables (`chipshock.cli.output`), which break a Japanese cell there without
putting a space into it (「津軽」, not 「津 軽」).
"""

from __future__ import annotations

import re

from rich.cells import cell_len

__all__ = ["has_wide", "japanese_atoms", "wrap_japanese"]

_NUMBER = r"[+\-−]?\d[\d,]*(?:\.\d+)?"
#: what stays glued to a number: magnitudes (2,245億, 1.04兆), then one unit
_UNIT = r"(?:%|％|ドル|円|週間分|週間|週|か国|か月|年|月|日|回|件|割|通り|ポイント|倍)"
_QUANTITY = rf"{_NUMBER}(?:[万億兆]{_NUMBER}?)*(?:[万億兆])?{_UNIT}?"
#: an atom never broken: a quantity or a range of two ("54%〜78%", "2.4〜9.2週間分") not followed
#: by a letter, else an ASCII word ("AI", "taiwan-blockade-2027-6m", "2nm") or a command-line
#: option ("--format"), else one character
_ATOM = re.compile(
    rf"{_QUANTITY}(?:〜{_QUANTITY})?(?![A-Za-z0-9])|-{{0,2}}[A-Za-z0-9][A-Za-z0-9_\-./:+,]*|\s+|."
)
#: characters a line may not start with (they join the atom before) or end with (the atom after)
_NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》’”ー〜々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%"
)
_NO_LINE_END = frozenset("（「『【〔〈《‘“([{")


def japanese_atoms(text: str) -> list[str]:
    """``text`` cut where a line may break; the pieces joined give ``text`` back.

    >>> japanese_atoms("約2,245億ドル（9割のケースで54%〜78%）。")
    ['約', '2,245億ドル', '（9割', 'の', 'ケー', 'ス', 'で', '54%〜78%）。']
    >>> japanese_atoms("--format csv")
    ['--format', ' ', 'csv']
    """
    atoms: list[str] = []
    glue = False  # the previous piece may not end a line
    for piece in _ATOM.findall(text):
        if atoms and (glue or piece[0] in _NO_LINE_START):
            atoms[-1] += piece
        else:
            atoms.append(piece)
        glue = piece[-1] in _NO_LINE_END
    return atoms


def has_wide(text: str) -> bool:
    """Whether ``text`` holds a character two cells wide (kanji, kana, full-width forms).

    >>> has_wide("Rapidus IIM-1（千歳）"), has_wide("TSMC Fab 18")
    (True, False)
    """
    return cell_len(text) > len(text)


def wrap_japanese(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` terminal cells (a kanji takes two), broken only
    between atoms (`japanese_atoms`); a line's leading and trailing spaces are dropped, existing
    line breaks kept. An atom wider than ``width`` stands on a line of its own.

    >>> print(wrap_japanese("全市場で約2,245億ドルが失われます。", 20))
    全市場で約
    2,245億ドルが失われ
    ます。
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for atom in japanese_atoms(paragraph):
            if line and cell_len(line.rstrip() + atom) > width:
                out.append(line.rstrip())
                line = atom.lstrip()
            else:
                line += atom
        out.append(line.rstrip())
    return "\n".join(out)
