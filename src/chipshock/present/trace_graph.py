"""A layered node-link layout of an input's trace, for drawing as a small SVG.

Rows are steps along the sequence graph: what the input needs sits above it (row ``-depth``,
farthest on top), what it feeds below it (row ``+depth``, down to the finished chip). The trace is
a breadth-first tree, so every node but the input has one parent (``via_id``): the node it goes
into (upstream) or comes out of (downstream). Within a row, nodes are ordered by their parent's
position, then by name, so that edges rarely cross; coordinates are in CSS pixels at the size the
graph is drawn (``COLUMN_PX`` per node, ``ROW_PX`` per row), so text keeps its size on any
screen and a wide row scrolls inside its box instead of shrinking.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.chart_text import FONT_PX, wrap_label
from chipshock.present.eto_names import input_name as localised_name
from chipshock.present.text_width import text_px

__all__ = ["COLUMN_PX", "LABEL_PX", "ROW_PX", "box_label", "trace_layout"]

#: width of one node's column and height of one row, CSS pixels
COLUMN_PX = 150
ROW_PX = 64
#: a node's box as the dashboard draws it (``web/static/js/explorer.js``: a rect 136 px wide,
#: 38 high, its corners rounded 6 px, which two lines of text centred in it stay clear of), and
#: the room kept free inside it on either side of a label (its border is 1.2 px), px
BOX_PX = 136
BOX_PADDING_PX = 3
#: widest line of a label, px (`text_px` at `FONT_PX`, the graph's 12 px text; the input's own
#: label is bold); a label has up to `LABEL_LINES` lines (the full name is in the node's title
#: and accessible name)
LABEL_PX = BOX_PX - 2 * BOX_PADDING_PX
LABEL_LINES = 2
#: what a cut line ends with
ELLIPSIS = "…"


def box_label(name: str, *, bold: bool = False) -> str:
    r"""``name`` on up to `LABEL_LINES` lines of at most `LABEL_PX` px joined by "\n"
    (`wrap_label`: broken at spaces and after Japanese separators; where that takes more lines,
    between any two Japanese characters too), "…" at the end only when the lines cannot hold it
    all (review12 #12: "Chemical mechanical…"); the last line then keeps what fits beside it,
    whole words where it can (the full name is the node's title). ``bold``: measured as the
    bold text of the input's own node.

    >>> box_label("Chemical mechanical planarization")
    'Chemical mechanical\nplanarization'
    >>> box_label("ウェーハ・フォトマスクハンドラ"), box_label("検査装置（先端パッケージング）")
    ('ウェーハ・\nフォトマスクハンドラ', '検査装置（先端パッ\nケージング）')
    >>> box_label("Single wafer spin & spray systems (adv. pkg.)")
    'Single wafer spin &\nspray systems…'
    """
    at_separators = _lines(name, LABEL_PX, bold, between_cjk=False)
    for lines in (at_separators, _lines(name, LABEL_PX, bold, between_cjk=True)):
        if len(lines) <= LABEL_LINES:
            return "\n".join(lines)
    kept = at_separators[: LABEL_LINES - 1]  # cut anyway: its first lines at separators
    end = 0
    for line in kept:  # each line is a piece of the name, in order (spaces broken at dropped)
        end = name.index(line, end) + len(line)
    room = LABEL_PX - text_px(ELLIPSIS, FONT_PX, bold=bold)
    last = _lines(name[end:], room, bold, between_cjk=True)[0]
    return "\n".join([*kept, last.rstrip(" ,、・（(") + ELLIPSIS])


def _lines(text: str, limit: float, bold: bool, between_cjk: bool) -> list[str]:
    return wrap_label(text, limit, FONT_PX, bold=bold, between_cjk=between_cjk).split("\n")


def trace_layout(
    input_id: str, input_name: str, upstream: pd.DataFrame, downstream: pd.DataFrame
) -> dict[str, Any]:
    """Nodes (``id, name, label, name_ja, label_ja, type, row, x, y, side``; each label the
    name on lines that fit its box, `box_label`), edges (``source, target, relation``: source
    goes into target) and the drawing's ``width`` and ``height``.

    >>> up = pd.DataFrame({"depth": [1, 1, 2], "input_id": ["A", "B", "C"],
    ...     "input_name": ["a", "b", "c"], "type": ["tool"] * 3,
    ...     "relation": ["goes_into"] * 3, "via_id": ["X", "X", "B"]})
    >>> down = up.iloc[:0]
    >>> g = trace_layout("X", "x", up, down)
    >>> [(n["id"], n["row"]) for n in g["nodes"]]
    [('C', -2), ('A', -1), ('B', -1), ('X', 0)]
    >>> g["edges"][0]
    {'source': 'A', 'target': 'X', 'relation': 'goes_into'}
    """
    rows: dict[int, list[dict[str, Any]]] = {0: []}
    center = {
        "id": input_id,
        "name": input_name,
        "type": "",
        "row": 0,
        "side": "input",
        "via": None,
    }
    rows[0].append(center)
    edges: list[dict[str, str]] = []
    for side, frame, sign in (("up", upstream, -1), ("down", downstream, 1)):
        for r in frame.to_dict("records"):
            node_id, via = str(r["input_id"]), str(r["via_id"])
            row = sign * int(str(r["depth"]))
            node: dict[str, Any] = {
                "id": node_id,
                "name": str(r["input_name"]),
                "type": str(r["type"]),
                "row": row,
                "side": side,
                "via": via,
            }
            rows.setdefault(row, []).append(node)
            source, target = (node_id, via) if side == "up" else (via, node_id)
            edges.append({"source": source, "target": target, "relation": str(r["relation"])})
    position: dict[str, float] = {input_id: 0.0}
    order = sorted(rows, key=abs)  # parents are placed before their children
    for row in order:
        nodes = rows[row]
        nodes.sort(key=lambda n: (position.get(str(n["via"]), 0.0), n["name"]))
        for i, n in enumerate(nodes):
            position[n["id"]] = float(i)
    widest = max(len(v) for v in rows.values())
    width = widest * COLUMN_PX
    top = min(rows)
    out = []
    for row in sorted(rows):
        nodes = rows[row]
        offset = (width - len(nodes) * COLUMN_PX) / 2  # centre each row
        for i, n in enumerate(nodes):
            bold = n["side"] == "input"  # the dashboard draws the input's own label bold
            out.append(
                {
                    "id": n["id"],
                    "name": n["name"],
                    "label": box_label(n["name"], bold=bold),
                    "name_ja": (ja := localised_name(n["id"], n["name"], "ja")),
                    "label_ja": box_label(ja, bold=bold),
                    "type": n["type"],
                    "row": row,
                    "side": n["side"],
                    "x": offset + (i + 0.5) * COLUMN_PX,
                    "y": (row - top + 0.5) * ROW_PX,
                }
            )
    height = (max(rows) - top + 1) * ROW_PX
    return {"nodes": out, "edges": edges, "width": width, "height": height}
