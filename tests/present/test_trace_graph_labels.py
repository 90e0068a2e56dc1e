"""The trace graph's node labels are measured (`text_px`, the widest of the fonts at the graph's
12 px), not counted in characters (session 30): every line fits its box in both languages, and
a name is cut only where no two lines at its word or character breaks hold it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from chipshock.model.chain import SupplyChain
from chipshock.present.chart_text import FONT_PX
from chipshock.present.eto_names import input_name
from chipshock.present.text_width import text_px
from chipshock.present.trace_graph import (
    BOX_PADDING_PX,
    LABEL_LINES,
    LABEL_PX,
    box_label,
    trace_layout,
)

EXPLORER_JS = (
    Path(__file__).parents[2] / "src" / "chipshock" / "web" / "static" / "js" / "explorer.js"
)
#: characters no line starts or ends with where the oracle breaks between Japanese characters
NO_LINE_START = "、。）」ー…・ァィゥェォッャュョ"
NO_LINE_END = "（「"


def _names(chain: SupplyChain) -> list[str]:
    """Every input's name in English and Japanese."""
    names = []
    for input_id, name in zip(chain.inputs["input_id"], chain.inputs["name"], strict=True):
        names += [str(name), input_name(str(input_id), str(name), "ja")]
    return names


def _fits_two_lines(name: str, bold: bool) -> bool:
    """Slow on purpose: whether one break (at a space, or between two Japanese characters)
    leaves two parts that each fit a line."""

    def fits(part: str) -> bool:
        return text_px(part, FONT_PX, bold=bold) <= LABEL_PX

    if fits(name):
        return True
    for i in range(1, len(name)):
        wide = all(unicodedata.east_asian_width(c) in "WF" for c in name[i - 1 : i + 1])
        kinsoku = name[i] in NO_LINE_START or name[i - 1] in NO_LINE_END
        breaks = name[i] == " " or (wide and not kinsoku)
        if breaks and fits(name[:i].rstrip()) and fits(name[i:].lstrip()):
            return True
    return False


def test_box_label_width_is_the_box_the_dashboard_draws() -> None:
    """The label's width and its padding make up the rect explorer.js draws for a node."""
    rect = re.search(
        r'svgEl\("rect", \{ x: (-?\d+), y: -?\d+, width: (\d+)', EXPLORER_JS.read_text()
    )
    assert rect, "explorer.js draws a node's rect"
    assert int(rect.group(1)) == -int(rect.group(2)) // 2  # centred on the node
    assert int(rect.group(2)) == LABEL_PX + 2 * BOX_PADDING_PX


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Chemical mechanical planarization", "Chemical mechanical\nplanarization"),
        ("Photomask inspection and repair tools", "Photomask\ninspection and…"),
        ("化学機械研磨（CMP）", "化学機械研磨（CMP）"),
        ("ウェーハ・フォトマスクハンドラ", "ウェーハ・\nフォトマスクハンドラ"),
        ("レジスト処理装置（コータ・デベロッパ）", "レジスト処理装置\n（コータ・デベロッ…"),
    ],
)
def test_long_names_in_both_languages_fit_their_box(name: str, label: str) -> None:
    """A long English and a long Japanese name: each line measured fits `LABEL_PX` (about ten
    Japanese characters at 12 px, where a count of 20 Latin characters let
    "Photomask inspection" run over), broken at words and separators, "…" only past two
    lines."""
    assert box_label(name) == label
    assert all(text_px(line, FONT_PX) <= LABEL_PX for line in label.split("\n"))


@pytest.mark.parametrize("bold", [False, True], ids=["node", "input"])
def test_every_shipped_name_fits_and_is_cut_only_where_two_lines_cannot_hold_it(
    chain: SupplyChain, bold: bool
) -> None:
    """Every input's name, English and Japanese, regular (a traced node) and bold (the input
    itself): at most two lines, each within `LABEL_PX` as measured; whole, with nothing added
    but line breaks, whenever one break leaves two parts that fit (a name that fits one line
    stays on one)."""
    for name in _names(chain):
        label = box_label(name, bold=bold)
        lines = label.split("\n")
        assert len(lines) <= LABEL_LINES, label
        assert all(text_px(line, FONT_PX, bold=bold) <= LABEL_PX for line in lines), label
        if text_px(name, FONT_PX, bold=bold) <= LABEL_PX:
            assert label == name
        elif _fits_two_lines(name, bold):
            assert "…" not in label, label
            assert "".join(lines).replace(" ", "") == name.replace(" ", ""), label
        else:
            assert label.endswith("…"), label


def test_trace_layout_measures_the_input_bold() -> None:
    """The input's own node is drawn bold, so its label is measured bold: a name that fits a
    traced node's line goes on two lines in the input's node."""
    name = "Chemical mechanical planarization"
    frame = pd.DataFrame(
        {"depth": [1], "input_id": ["B"], "input_name": [name], "type": ["tool"]}
    ).assign(relation="goes_into", via_id="A")
    nodes = {n["id"]: n for n in trace_layout("A", name, frame, frame.iloc[:0])["nodes"]}
    assert nodes["B"]["label"] == "Chemical mechanical\nplanarization"
    assert nodes["A"]["label"] == box_label(name, bold=True) != nodes["B"]["label"]
    assert nodes["A"]["label_ja"] == box_label(nodes["A"]["name_ja"], bold=True)
