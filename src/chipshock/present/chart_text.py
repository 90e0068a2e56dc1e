"""The text of a chart measured and laid out: how wide a label is drawn, where it breaks onto
lines, how a legend or an axis makes room for it.

Every width is measured with `chipshock.present.text_width.text_px`, the widest of the charts'
fonts (`FONT`) for each character, so that a label laid out here fits whichever of them the
machine that draws the chart has (headless Chromium printing the briefing, a browser showing
the dashboard). Vega measures with the font it finds, which need not be the one that draws the
text; the helpers here give it sizes and lines instead:

- `wrap_label`: a text on lines of at most a width, broken at spaces, Japanese separators and
  brackets (never before a character a Japanese line may not start with);
- `bar_label_lines` and `label_margin`: a vertical axis' labels on lines and the margin that
  holds them;
- `upright_or_turned` and `turned_extent`: a band axis' labels level or turned upright, and
  the room turned labels take; `turned_axis`: both, with the labels' alignment;
- `legend_names`: legend labels that a cut would make the same, told apart;
- `label_expr`: a Vega ``labelExpr`` drawing chosen labels as given.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from chipshock.present.text_width import text_px

__all__ = [
    "AXIS_TICK_PX",
    "BAR_LABEL_PX",
    "FONT",
    "FONT_PX",
    "LABEL_GAP_PX",
    "LABEL_LINE_PX",
    "LEGEND_LABEL_PX",
    "LEGEND_WIDE_LABEL_PX",
    "TORNADO_LABEL_PX",
    "bar_label_lines",
    "label_expr",
    "label_margin",
    "legend_names",
    "turned_axis",
    "turned_extent",
    "upright_or_turned",
    "wrap_label",
]

#: smallest text size of any chart, in CSS pixels at the chart's natural width
FONT_PX = 12
#: the charts' fonts, in the order a browser tries them (`text_px` measures the widest)
FONT = "Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif"


#: longest legend label drawn in a legend of two columns, px (`text_px`): two columns of it
#: fit a 390 px phone beside their swatches
LEGEND_LABEL_PX = 150
#: longest legend label drawn in a legend of one column (up to three entries), px: one such
#: entry and its swatch (about 30 px) fit the chart of a 390 px phone (about 330 px wide)
LEGEND_WIDE_LABEL_PX = 280


def _cut(text: str, limit: float = LEGEND_LABEL_PX) -> str:
    """``text`` as a legend cuts it at ``limit`` px (`text_px`; the ellipsis included)."""
    if text_px(text, FONT_PX) <= limit:
        return text
    while text and text_px(text + "…", FONT_PX) > limit:
        text = text[:-1]
    return text + "…"


#: room between two neighbouring level labels of a band axis, px (`upright_or_turned`)
LABEL_GAP_PX = 8


def upright_or_turned(labels: Sequence[str]) -> dict[str, Any]:
    """The ``labelAngle`` of a band axis with one column per label: level while every column
    is as wide as the longest label (`text_px`, the widest of the charts' fonts) and
    `LABEL_GAP_PX`, else turned upright (-90°), one label a column's width apart, so that no
    two labels overlap on any screen (a 390 px phone drew 8 markets' labels at -40° over each
    other)."""
    return {"expr": f"width >= {len(labels)} * {_column_px(labels)} ? 0 : -90"}


def turned_extent(labels: Sequence[str]) -> dict[str, Any]:
    """The ``minExtent`` of a band axis whose labels `upright_or_turned` turns: where they are
    turned, room below the plot for the longest label (`text_px`) and `AXIS_TICK_PX`, so that
    it fits whichever of the fonts draws it (Vega makes room for it as the font it measures
    with draws it); level, none asked (Vega's own, one line of text). With ``labelLimit`` 0:
    Vega cuts a label at 180 px by default.

    >>> turned_extent(["Automotive", "Consumer electronics"])
    {'expr': 'width >= 2 * 139 ? 0 : 138'}
    """
    turned = math.ceil(max((text_px(t, FONT_PX) for t in labels), default=0.0)) + AXIS_TICK_PX
    return {"expr": f"width >= {len(labels)} * {_column_px(labels)} ? 0 : {turned}"}


def turned_axis(labels: Sequence[str]) -> dict[str, Any]:
    """A band axis' label settings, level or turned upright (`upright_or_turned`, with the room
    `turned_extent` asks): the angle and the alignment that goes with it, level labels centred
    under their column and turned ones ending at their tick. Vega-Lite derives an alignment
    from an angle given as an expression to null, which Vega draws from the label's start: the
    dashboard's heat map wrote each level market name from the middle of its column on,
    "Consumer electronics" past the plot's right edge.

    >>> turned_axis(["PCs"])["labelAlign"]
    {'expr': "width >= 1 * 31 ? 'center' : 'right'"}
    """
    level = f"width >= {len(labels)} * {_column_px(labels)}"
    return {
        "labelAngle": upright_or_turned(labels),
        "labelAlign": {"expr": f"{level} ? 'center' : 'right'"},
        "labelBaseline": {"expr": f"{level} ? 'top' : 'middle'"},
        "minExtent": turned_extent(labels),
    }


def _column_px(labels: Sequence[str]) -> int:
    """How wide a column must be for its label to stay level: the longest label and
    `LABEL_GAP_PX`."""
    return math.ceil(max((text_px(t, FONT_PX) for t in labels), default=0.0)) + LABEL_GAP_PX


#: where a shared prefix may end: after a space, a comma or a Japanese separator
_BREAKS = " ,、・（(—"


def legend_names(labels: Sequence[str], limit: float = LEGEND_LABEL_PX) -> dict[str, str]:
    """Shorter legend texts for labels that a legend would cut to the same text (review12 #2:
    "Taiwan blockade, 2027, …" twice): each such label loses the words it shares with the
    others (up to a space, comma or separator), an ellipsis in their place, so that what tells
    them apart is what the legend shows. Labels that stay apart are left out (kept as they are).

    >>> list(legend_names(["Blockade 2027, six months", "Blockade 2027, 12 months"], 80).values())
    ['…six months', '…12 months']
    >>> list(legend_names(["Blockade 2027 — no fabs", "Blockade 2027"], 60).values())
    ['…no fabs', 'Blockade 2027']
    >>> legend_names(["without the alliance fabs", "with the alliance fabs"])
    {}
    """
    cuts = [_cut(x, limit) for x in labels]
    clashing = [x for x, c in zip(labels, cuts, strict=True) if cuts.count(c) > 1]
    if not clashing:
        return {}
    shared = clashing[0]
    for x in clashing[1:]:  # the characters all of them start with
        n = min(len(shared), len(x))
        n = next((i for i in range(n) if shared[i] != x[i]), n)
        shared = shared[:n]
    while shared not in clashing and shared and shared[-1] not in _BREAKS:
        shared = shared[:-1]  # a label that is the others' start stays whole
    if not shared:
        return {}
    out: dict[str, str] = {}
    for x in dict.fromkeys(clashing):
        tail = x[len(shared) :].strip(" ,、・—")
        out[x] = "…" + tail if tail else x
    return out


#: a vertical axis' tick and the room between it and its labels, px (Vega's ``tickSize`` 5 and
#: ``labelPadding`` 2)
AXIS_TICK_PX = 7


def label_margin(labels: Sequence[str]) -> int:
    """The room a vertical axis takes beside the plot for ``labels`` (lines split at "\\n"),
    px: the widest line as the charts' fonts draw it (`text_px`) and `AXIS_TICK_PX`, for the
    axis' ``minExtent``. Vega sizes the margin by the font it measures with, which need not be
    the one that draws the labels (a PDF printed with DejaVu Sans, Noto Sans CJK JP measured):
    so every label fits its margin whichever of the fonts draws it.

    >>> label_margin(["Japan", "United States\\nof America"])
    89
    """
    lines = [line for label in labels for line in str(label).split("\n")]
    return math.ceil(max((text_px(line, FONT_PX) for line in lines), default=0.0)) + AXIS_TICK_PX


#: widest line of a bar's label, px (`text_px`): every country, region and end market of the
#: shipped data on one line, in either language; a longer label (an assumption's name, a
#: firm's) goes on lines (`bar_label_lines`)
BAR_LABEL_PX = 200
#: one line of a label on lines (an axis label in `FONT_PX` text), px
LABEL_LINE_PX = 15


def bar_label_lines(labels: Sequence[str], limit: float = BAR_LABEL_PX) -> dict[str, list[str]]:
    """The labels wider than ``limit`` px (`text_px`), each on its lines (`wrap_label`).

    >>> bar_label_lines(["Japan", "Porting a leading-edge design to another foundry"])
    {'Porting a leading-edge design to another foundry': ['Porting a leading-edge design to', \
'another foundry']}
    """
    out: dict[str, list[str]] = {}
    for label in dict.fromkeys(labels):
        wrapped = wrap_label(label, limit).split("\n")
        if len(wrapped) > 1:
            out[label] = wrapped
    return out


def label_expr(drawn: Mapping[str, str | list[str]]) -> str:
    """A Vega expression (an axis' or legend's ``labelExpr``) drawing a label as ``drawn``
    gives it (a text, or lines), else as it is: a chain of tests on the label (JSON strings
    and arrays are valid Vega expression literals)."""
    expr = "datum.label"
    for label, parts in reversed(list(drawn.items())):
        test, then = (json.dumps(v, ensure_ascii=False) for v in (label, parts))
        expr = f"datum.label === {test} ? {then} : {expr}"
    return expr


#: widest line of a tornado's assumption label, px (`text_px`): the longest assumption name
#: of the shipped factors fits one line, in either language
TORNADO_LABEL_PX = 300

#: where a label's line may end in `wrap_label`, besides before a space: after these
#: characters (Japanese separators, colon and closing brackets) ...
_BREAK_AFTER = "、。・：）」』】"
#: ... and before these
_BREAK_BEFORE = "（「『【"
#: characters no Japanese line starts with (kinsoku): no line ends before them
_NO_LINE_START = "、。，．・：；？！）」』】％%ー…"
#: ... nor, where it breaks between any two full-width characters, with a small kana
_NO_CJK_LINE_START = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"


def _breaks(text: str, between_cjk: bool = False) -> list[int]:
    """Where a line of ``text`` may end: before a space (the space is dropped), after a
    Japanese separator, colon or closing bracket, before an opening full-width bracket; with
    ``between_cjk`` also between any two full-width characters but after an opening bracket
    or before a small kana; never before a character a Japanese line may not start with
    (「：」 after 「）」).

    >>> _breaks("生産（通常比%）：日本"), _breaks("先端パッケージ", between_cjk=True)
    ([2, 9], [1, 2, 4, 6])
    """
    out = []
    for i in range(1, len(text)):
        if text[i] in _NO_LINE_START:
            continue
        separated = text[i] == " " or text[i - 1] in _BREAK_AFTER or text[i] in _BREAK_BEFORE
        within_cjk = (
            between_cjk
            and _full_width(text[i - 1])
            and _full_width(text[i])
            and text[i - 1] not in _BREAK_BEFORE
            and text[i] not in _NO_CJK_LINE_START
        )
        if separated or within_cjk:
            out.append(i)
    return out


def _full_width(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def wrap_label(
    text: str,
    limit: float,
    font_px: float = FONT_PX,
    *,
    bold: bool = False,
    between_cjk: bool = False,
) -> str:
    r"""``text`` on lines of at most ``limit`` px at ``font_px`` (`text_px`, the widest of the
    charts' fonts, bold with ``bold``), joined by "\n": each line as long as fits, broken at a
    space (dropped), after a separator or closing bracket or before an opening one
    (`_breaks`); a part wider than a line without such a place is broken between characters.
    A line ends before an opening bracket where one fits in its second half, unless that takes
    more lines: a name and its bracket stay apart. No character is lost or added but the
    spaces broken at. ``between_cjk``: a line may also end between two Japanese characters
    (`_breaks`), for a label that must hold on few lines (a trace graph's node).

    >>> wrap_label("Shock duration (4.0 weeks – 78 weeks (base 26 weeks))", 300)
    'Shock duration (4.0 weeks – 78 weeks\n(base 26 weeks))'
    >>> wrap_label("AIチップの先端パッケージ依存度（20%～100%（基準70%））", 250)
    'AIチップの先端パッケージ依存度\n（20%～100%（基準70%））'
    """
    greedy = _wrapped(text, limit, font_px, bold, False, between_cjk)
    at_brackets = _wrapped(text, limit, font_px, bold, True, between_cjk)
    return "\n".join(at_brackets if len(at_brackets) <= len(greedy) else greedy)


def _wrapped(
    text: str, limit: float, font_px: float, bold: bool, brackets: bool, between_cjk: bool
) -> list[str]:
    """The lines of `wrap_label`; ``brackets``: a line ends before an opening bracket where
    one fits at least half ``limit`` into it."""

    def width(line: str) -> float:
        return text_px(line, font_px, bold=bold)

    lines: list[str] = []
    rest = text.strip(" ")
    while width(rest) > limit:
        fits = [i for i in _breaks(rest, between_cjk) if width(rest[:i].rstrip(" ")) <= limit]
        before = [
            i for i in fits if rest[i:].lstrip(" ")[:1] in "(（" and width(rest[:i]) >= limit / 2
        ]
        if brackets and before:
            fits = before
        if not fits:  # no place to break at fits: the most characters that do (at least one)
            fits = [i for i in range(1, len(rest)) if width(rest[:i]) <= limit] or [1]
        cut = max(fits)
        lines.append(rest[:cut].rstrip(" "))
        rest = rest[cut:].lstrip(" ")
    if rest or not lines:
        lines.append(rest)
    return lines
