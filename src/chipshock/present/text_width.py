"""How wide a chart's text is drawn, in px: the advance widths of the charts' fonts.

A chart's text is set in `chipshock.present.chart_text.FONT` ("Noto Sans, Noto Sans CJK JP,
DejaVu Sans, sans-serif"): which of them draws it depends on the fonts of the machine that
prints the briefing (headless Chromium) or shows the dashboard. A line that must fit a width
(a fab bar's label) is measured with the widest of the three for each character, so that it
fits whichever draws it:

    width_px = font_px × Σ_c advance(c) / 1000

``advance(c)``: `ASCII_ADVANCE` and `OTHER_ADVANCE`, the largest advance width of ``c``
(thousandths of an em) in Noto Sans 2.015, Noto Sans CJK JP 2.004 and DejaVu Sans 2.37
(fontTools, ``hmtx``); a full-width character (Japanese, `unicodedata.east_asian_width` W or F)
is one em, as the CJK fonts draw it; any other character `UNKNOWN_ADVANCE`, wider than every
Latin letter but M, W and m. The old rule of thumb, 0.6 em a character, was too narrow for
capitals and digits and too wide for spaces and punctuation: it cut "… no capacity until 20…"
where the whole line fits.

Bold text (a chart's title) is measured with `BOLD_ASCII_ADVANCE` and `BOLD_OTHER_ADVANCE`:
for each character the larger of its regular advance above and its advance in DejaVu Sans
Bold 2.37 and Noto Sans CJK JP Bold 2.004 (a character in neither table `BOLD_UNKNOWN_ADVANCE`,
wider than every bold Latin letter but M, W, m and w; full-width one em).
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "ASCII_ADVANCE",
    "BOLD_ASCII_ADVANCE",
    "BOLD_OTHER_ADVANCE",
    "BOLD_UNKNOWN_ADVANCE",
    "OTHER_ADVANCE",
    "UNKNOWN_ADVANCE",
    "text_px",
]

#: advance widths (1/1000 em) of the characters U+0020 (space) to U+007E (~), in order
ASCII_ADVANCE: tuple[int, ...] = (
    318,
    401,
    474,
    838,
    636,
    950,
    780,
    278,
    390,
    390,
    551,
    838,
    318,
    361,
    318,
    392,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    684,
    686,
    698,
    770,
    632,
    575,
    775,
    752,
    339,
    535,
    656,
    557,
    907,
    760,
    787,
    633,
    787,
    695,
    635,
    611,
    732,
    684,
    989,
    685,
    611,
    685,
    390,
    392,
    390,
    838,
    559,
    606,
    613,
    635,
    550,
    635,
    615,
    352,
    635,
    634,
    278,
    278,
    579,
    284,
    974,
    634,
    612,
    635,
    635,
    413,
    521,
    392,
    634,
    592,
    818,
    592,
    592,
    525,
    636,
    551,
    636,
    838,
)
#: advance widths (1/1000 em) of other characters the charts write
OTHER_ADVANCE: dict[str, int] = {
    "–": 536,
    "—": 1000,
    "‘": 318,
    "’": 318,
    "“": 518,
    "”": 518,
    "…": 1000,
    "·": 561,
    "•": 590,
    "×": 1000,
    "−": 838,
    "→": 1000,
    "↔": 1000,
    "≥": 1000,
    "≤": 1000,
    "°": 500,
    "±": 1000,
    "€": 636,
    "£": 636,
    "¥": 636,
    "²": 411,
    "³": 411,
    "µ": 636,
}
#: the advance (1/1000 em) of a character in neither table, unless full-width
UNKNOWN_ADVANCE = 800
#: bold advance widths (1/1000 em) of the characters U+0020 (space) to U+007E (~), in order
BOLD_ASCII_ADVANCE: tuple[int, ...] = (
    348,
    456,
    574,
    838,
    696,
    1002,
    872,
    325,
    457,
    457,
    551,
    838,
    380,
    415,
    380,
    392,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    400,
    400,
    838,
    838,
    838,
    580,
    1007,
    774,
    762,
    734,
    830,
    683,
    683,
    821,
    837,
    372,
    568,
    775,
    637,
    995,
    837,
    850,
    733,
    850,
    770,
    720,
    682,
    812,
    774,
    1103,
    771,
    724,
    725,
    457,
    392,
    457,
    838,
    567,
    626,
    675,
    716,
    593,
    716,
    678,
    435,
    716,
    712,
    343,
    343,
    665,
    343,
    1042,
    712,
    687,
    716,
    716,
    493,
    595,
    478,
    712,
    652,
    924,
    645,
    652,
    582,
    712,
    551,
    712,
    838,
)
#: bold advance widths (1/1000 em) of the other characters of `OTHER_ADVANCE`
BOLD_OTHER_ADVANCE: dict[str, int] = {
    "–": 544,
    "—": 1000,
    "‘": 380,
    "’": 380,
    "“": 657,
    "”": 657,
    "…": 1000,
    "·": 592,
    "•": 639,
    "×": 1000,
    "−": 838,
    "→": 1000,
    "↔": 1000,
    "≥": 1000,
    "≤": 1000,
    "°": 500,
    "±": 1000,
    "€": 696,
    "£": 696,
    "¥": 696,
    "²": 438,
    "³": 438,
    "µ": 736,
}
#: the bold advance (1/1000 em) of a character in neither bold table, unless full-width
BOLD_UNKNOWN_ADVANCE = 880


def _advance(char: str, bold: bool) -> int:
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return (BOLD_ASCII_ADVANCE if bold else ASCII_ADVANCE)[code - 0x20]
    other = BOLD_OTHER_ADVANCE if bold else OTHER_ADVANCE
    if char in other:
        return other[char]
    if unicodedata.east_asian_width(char) in "WF":
        return 1000
    return BOLD_UNKNOWN_ADVANCE if bold else UNKNOWN_ADVANCE


def text_px(text: str, font_px: float, *, bold: bool = False) -> float:
    """The width of ``text`` in px at ``font_px`` in the widest of the charts' fonts, of their
    bold faces with ``bold`` (a chart's title).

    >>> round(text_px("USD 27.1 bn", 12), 1), round(text_px("224億ドル", 12), 1)
    (75.2, 58.9)
    >>> round(text_px("USD 27.1 bn", 14, bold=True), 1)
    97.4
    """
    return font_px * sum(_advance(c, bold) for c in text) / 1000
