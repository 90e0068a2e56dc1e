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

from chipshock.present.eto_names import input_name as localised_name

__all__ = ["COLUMN_PX", "ROW_PX", "trace_layout"]

#: width of one node's column and height of one row, CSS pixels
COLUMN_PX = 150
ROW_PX = 64
#: longest line of a label drawn, characters; a label has up to `LABEL_LINES` lines (the full
#: name is in the node's title and accessible name)
LABEL_CHARS = 20
LABEL_LINES = 2


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    r"""``name`` on up to `LABEL_LINES` lines of at most ``limit`` characters joined by "\n",
    broken at spaces (between characters in a word longer than a line, as Japanese), "…" at
    the end only when the lines cannot hold it all (review12 #12: "Chemical mechanical…").

    >>> _short("Chemical mechanical planarization"), _short("Assembly and packaging")
    ('Chemical mechanical\nplanarization', 'Assembly and\npackaging')
    >>> _short("a b " * 12, 8)
    'a b a b\na b a b…'
    """
    words = name.split()
    lines: list[str] = []
    line = ""
    while words:
        word = words[0]
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= limit:
            line, words = candidate, words[1:]
            continue
        if not line:  # one word longer than a line: break it
            line, words[0] = word[:limit], word[limit:]
        lines.append(line)
        line = ""
        if len(lines) == LABEL_LINES:
            break
    if line and len(lines) < LABEL_LINES:
        lines.append(line)
    if words:  # more than the lines hold
        last = lines[-1]
        lines[-1] = (last if len(last) < limit else last[: limit - 1]).rstrip() + "…"
    return "\n".join(lines)


def trace_layout(
    input_id: str, input_name: str, upstream: pd.DataFrame, downstream: pd.DataFrame
) -> dict[str, Any]:
    """Nodes (``id, name, label, name_ja, label_ja, type, row, x, y, side``; a Japanese
    label holds half the characters, as a CJK character is about two wide), edges (``source, target,
    relation``: source goes into target) and the drawing's ``width`` and ``height``.

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
            out.append(
                {
                    "id": n["id"],
                    "name": n["name"],
                    "label": _short(n["name"]),
                    "name_ja": (ja := localised_name(n["id"], n["name"], "ja")),
                    "label_ja": _short(ja, LABEL_CHARS // 2),
                    "type": n["type"],
                    "row": row,
                    "side": n["side"],
                    "x": offset + (i + 0.5) * COLUMN_PX,
                    "y": (row - top + 0.5) * ROW_PX,
                }
            )
    height = (max(rows) - top + 1) * ROW_PX
    return {"nodes": out, "edges": edges, "width": width, "height": height}
