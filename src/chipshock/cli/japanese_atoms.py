"""Where a line of Japanese text may break on a terminal: between any two characters, but never
inside a number with its unit (``2,245億ドル``, ``10億ドル/年``, ``54%〜78%``, ``9割``,
``12.5千枚/月``), a date (``2024-10``, ``2024〜2024-10``), the unit ``千枚/月`` alone, an ASCII
word or a path (``/api/groups``, ``scenarios/taiwan.toml``: an English line breaks them at
spaces only), never before closing punctuation (、。）」) and never after opening punctuation
(（「); never inside a short bracket pair (（千歳）, 「…」) in running text, nor inside one that
fits a table cell; and a character is not left alone on a line when the line before can give
it company (a simple kinsoku: `line_spans`).

Used by the paragraphs and captions the CLI wraps itself (`scenario_run_ja.wrap_japanese`), by
the titles of tables (`chipshock.cli.table_titles`) and by the terminal tables
(`chipshock.cli.narrow_tables`), which break a Japanese cell there without putting a space into
it (「津軽」, not 「津 軽」).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len

__all__ = ["bracket_groups", "has_wide", "japanese_atoms", "line_spans", "wrap_japanese"]

_NUMBER = r"[+\-−]?\d[\d,]*(?:\.\d+)?"
#: a unit of wafers a month, whole ("千枚/月": never 「千枚/」「月」 nor 「千枚」「/月」)
_PER_MONTH = r"千?枚/月"
#: what stays glued to a number: magnitudes (2,245億, 1.04兆), then one unit
_UNIT = (
    rf"(?:%|％|ドル|円|週間分|週間|週|か国|か月|{_PER_MONTH}|年|月|日|回|件|割|通り|ポイント|倍)"
)
#: a rate after the unit stays with it ("10億ドル/年": never 「10億」「ドル/年」)
_PER_TIME = r"(?:/(?:年|月|週))"
_QUANTITY = rf"{_NUMBER}(?:[万億兆]{_NUMBER}?)*(?:[万億兆])?(?:{_UNIT}{_PER_TIME}?)?"
#: a date as the data files write it (an as-of "2024-10", "2025-03-31"), whole
_DATE = r"\d{4}-\d{2}(?:-\d{2})?(?!\d)"
#: a quantity or a date: one end of a range
_END = rf"(?:{_DATE}|{_QUANTITY})"
#: an ASCII word ("AI", "taiwan-blockade-2027-6m", "2nm"), a command-line option ("--format")
#: or a path as an English line keeps it, whole: relative or from "/", "~/", "./" or "../", with
#: its anchor ("docs/validation.md#calibration", "/api/jobs/run", "2027_taiwan.toml")
_WORD = r"(?:-{0,2}|~?/|\.{1,2}/)[A-Za-z0-9][A-Za-z0-9_\-./:+,#~]*"
#: an atom never broken: a quantity or a date, or a range of two ("54%〜78%", "2.4〜9.2週間分",
#: "2024〜2024-10") not followed by a letter or the rest of a word or file name ("2024/10",
#: "2027.toml"), else a `_WORD`, else a unit of wafers a month alone, else one character
_ATOM = re.compile(rf"{_END}(?:〜{_END})?(?![A-Za-z0-9_/#~]|\.[A-Za-z])|{_WORD}|{_PER_MONTH}|\s+|.")
#: characters a line may not start with (they join the atom before) or end with (the atom after)
_NO_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》’”ー〜々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%"
)
_NO_LINE_END = frozenset("（「『【〔〈《‘“([{")
#: Japanese brackets: a pair that fits a line stands on one line (ASCII parentheses are words')
_OPENING = frozenset("（「『【〔〈《")
_CLOSING = frozenset("）」』】〕〉》")
#: a paragraph keeps a bracket pair whole up to this many cells (a name or a qualifier:
#: （千歳）, （2nm）, 「…」); a longer one is a clause, broken like the text around it as Japanese
#: typesetting allows, so that the lines before it stay full (a table cell keeps any pair that
#: fits its column whole)
_SHORT_PAIR = 16


def japanese_atoms(text: str) -> list[str]:
    """``text`` cut where a line may break; the pieces joined give ``text`` back.

    >>> japanese_atoms("約2,245億ドル（9割の未来で54%〜78%）。")
    ['約', '2,245億ドル', '（9割', 'の', '未', '来', 'で', '54%〜78%）。']
    >>> japanese_atoms("需要（10億ドル/年、2026〜2030年）")
    ['需', '要', '（10億ドル/年、', '2026〜2030年）']
    >>> japanese_atoms("--format csv")
    ['--format', ' ', 'csv']
    >>> japanese_atoms("（POST /api/jobs/run、~/chipshock/2027_taiwan.toml）")
    ['（POST', ' ', '/api/jobs/run、', '~/chipshock/2027_taiwan.toml）']
    >>> japanese_atoms("時点は2024〜2024-10、2025-03-31。千枚/月＝12.5千枚/月")
    ['時', '点', 'は', '2024〜2024-10、', '2025-03-31。', '千枚/月', '＝', '12.5千枚/月']
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


def bracket_groups(
    text: str, spans: Sequence[tuple[int, int]], width: int
) -> list[tuple[int, int]]:
    """``spans`` (the pieces of ``text`` a line may break between: start and end, in order) with
    the pieces inside each Japanese bracket pair joined into one where the pair, from its first
    piece to its last, fits ``width`` cells; a pair wider than that keeps its breaks, and a pair
    inside it is joined where it fits (the outer pair first).

    >>> text = "北上工場（K1棟）"
    >>> spans = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 7), (7, 9)]  # 北 上 工 場 （K1 棟）
    >>> [text[s:e] for s, e in bracket_groups(text, spans, 8)]
    ['北', '上', '工', '場', '（K1棟）']
    >>> [text[s:e] for s, e in bracket_groups(text, spans, 7)][4:]
    ['（K1', '棟）']
    """
    depths: list[int] = []  # the bracket depth after each piece: a break there at that depth
    depth = 0
    position = spans[0][0] if spans else 0
    for _, end in spans:
        for character in text[position:end]:
            if character in _OPENING:
                depth += 1
            elif character in _CLOSING:
                depth = max(0, depth - 1)
        position = end
        depths.append(depth)
    return _join_pairs(text, list(spans), depths, 1, width)


def _join_pairs(
    text: str, spans: list[tuple[int, int]], depths: list[int], level: int, width: int
) -> list[tuple[int, int]]:
    """`bracket_groups` at one nesting ``level``: each run of pieces broken between only at
    ``level`` or deeper is one piece if it fits ``width``, else its runs one level deeper."""
    if level > max(depths, default=0):
        return spans
    joined: list[tuple[int, int]] = []
    first = 0
    while first < len(spans):
        last = first
        while last < len(spans) - 1 and depths[last] >= level:
            last += 1
        start, end = spans[first][0], spans[last][1]
        if last == first or cell_len(text[start:end]) <= width:
            joined.append((start, end))
        else:
            inner = slice(first, last + 1)
            joined += _join_pairs(text, spans[inner], depths[inner], level + 1, width)
        first = last + 1
    return joined


def line_spans(
    text: str, spans: Sequence[tuple[int, int]], width: int
) -> list[list[tuple[int, int]]]:
    """``spans`` (pieces of ``text`` that never break, in order) filled into lines of at most
    ``width`` cells, each line the text from its first piece's start to its last piece's end
    (what stands between two lines is dropped): a piece goes on the line if it fits, else it
    starts a new one (a piece wider than ``width`` stands alone). Then a line of one character
    takes the last piece of the line before when the two fit and that line keeps more than one
    character (so 「北」 does not stand alone).

    >>> text = "東京 大阪 北"
    >>> [[text[s:e] for s, e in line] for line in line_spans(text, [(0, 2), (3, 5), (6, 7)], 10)]
    [['東京'], ['大阪', '北']]
    """
    lines: list[list[tuple[int, int]]] = []
    for start, end in spans:
        if lines and cell_len(text[lines[-1][0][0] : end]) <= width:
            lines[-1].append((start, end))
        else:
            lines.append([(start, end)])
    for before, line in pairwise(lines):
        alone = len(text[line[0][0] : line[-1][1]].strip()) == 1
        if not alone or len(before) < 2:
            continue
        rest = text[before[0][0] : before[-2][1]].strip()  # what the line before keeps
        if len(rest) > 1 and cell_len(text[before[-1][0] : line[-1][1]]) <= width:
            line.insert(0, before.pop())
    return lines


def wrap_japanese(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` terminal cells (a kanji takes two), broken only
    between atoms (`japanese_atoms`), never inside a short bracket pair (`_SHORT_PAIR`), no
    character alone on a line when the line before can give it company (`line_spans`); a line's
    leading and trailing spaces are dropped, existing line breaks kept. An atom wider than
    ``width`` stands on a line of its own.

    >>> print(wrap_japanese("全市場で約2,245億ドルが失われます。", 20))
    全市場で約
    2,245億ドルが失われ
    ます。
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        spans: list[tuple[int, int]] = []
        position = 0
        for atom in japanese_atoms(paragraph):
            if not atom.isspace():
                spans.append((position, position + len(atom)))
            position += len(atom)
        pairs = bracket_groups(paragraph, spans, min(width, _SHORT_PAIR))
        lines = line_spans(paragraph, pairs, width)
        out += [paragraph[line[0][0] : line[-1][1]] for line in lines] or [""]
    return "\n".join(out)
