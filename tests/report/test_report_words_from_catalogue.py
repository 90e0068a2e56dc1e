"""The report writes its words from the message catalogue (session 33): no module of
`chipshock.report` holds Japanese words of its own (the sensitivity section kept a TEXT table;
the Sobol reading, its stability note, the utilisation table's remainder note and the
assumptions' start month wrote theirs inline), so that the English and Japanese stay in one
place with equal keys. A list mark or bracket of the text's own script (「、」「；」「（」) is no
word and may stay in the code."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

from tests.report.test_sobol_reading import NOISY, _result

from chipshock.report.assumptions import _start
from chipshock.report.sobol_section import convergence_text

REPORT = Path(str(resources.files("chipshock"))) / "report"
#: kana or kanji: a word, not a punctuation mark (the middle dot 「・」 is one)
WORD = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u4e00-\u9fff]")
#: a comment of the page's style sheet (page.py quotes printed Japanese there): no reader sees it
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _japanese_literals(path: Path) -> list[str]:
    """The string literals of ``path`` that hold a Japanese word, docstrings and style-sheet
    comments left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and WORD.search(CSS_COMMENT.sub("", node.value))
    ]


def test_no_report_module_writes_japanese_words_of_its_own() -> None:
    """Every module of the report takes its Japanese from the catalogue (before session 33:
    sensitivity, sobol_reading, sobol_section, utilisation and assumptions wrote their own)."""
    inline = {path.name: _japanese_literals(path) for path in REPORT.glob("*.py")}
    assert {name: found for name, found in inline.items() if found} == {}


def test_sobol_stability_note_reads_as_before() -> None:
    """The base points estimated for stable indices, now a catalogue message, read as the
    inline text did in both languages."""
    result = replace(_result(NOISY, converged=False), samples_needed=1024)
    assert convergence_text(result, "en").endswith(
        " Estimated for stable indices (errors shrinking as 1/sqrt(N)): N = 1,024 base points."
    )
    assert convergence_text(result, "ja").endswith(
        "再計算してください。安定した指数の目安（誤差が1/√Nで減るとして）：基点N = 1,024。"
    )


def test_a_shock_s_start_month_reads_as_before() -> None:
    """The month a shock starts in, now a catalogue message: "March 2027", 「2027年3月」."""
    shock = SimpleNamespace(start_year=2027, start_week=10)
    assert (_start(shock, "en"), _start(shock, "ja")) == ("March 2027", "2027年3月")
