"""A Japanese terminal table keeps the columns the English one keeps at the same width (its
Japanese text wraps onto more lines first): `results list` at 80 columns, `fabs` at 130; a
header's label and its bracketed qualifier take no space between them and a narrow column
breaks the header before the bracket."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from rich.cells import cell_len

from chipshock.cli import output
from chipshock.cli.table_cells import _header
from chipshock.present.messages import message

from .conftest import Runner
from .terminal import chipshock_at


def _header_cells(out: str) -> list[str]:
    """The table's column headers, each header's lines joined (no space inside Japanese)."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    rows = [[c.strip() for c in line[1:-1].split("┃")] for line in lines[top + 1 : rule]]
    return ["".join(parts) for parts in zip(*rows, strict=True)]


def _left_out(out: str, lead: str, tail: str) -> str:
    flat = "".join(out.split())
    return flat.split(lead)[1].split(tail)[0] if lead in flat else ""


def test_results_list_keeps_the_english_columns_at_80(
    cli: Runner, store_path: Path, tmp_path: Path
) -> None:
    """One saved result: at 80 columns the Japanese list has the English list's columns
    (期間 among them), names the same ones as left out, and no line is wider than 80."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(store_path, db)  # this test writes: its own copy of the store
    saved = ("scenario", "run", "japan-earthquake", "--runs", "3", "--save", "quake", "-f", "json")
    assert cli(*saved, "--db", str(db), db=False)[0] == 0
    english = chipshock_at(80, "results", "list", "--db", str(db))
    japanese = chipshock_at(80, "results", "list", "--lang", "ja", "--db", str(db))
    assert max(cell_len(line) for line in japanese.splitlines()) <= 80
    words = {
        _header(c): message(f"cli.results_col_{c}", "ja")
        for c in ("result_id", "name", "title", "scenario_id", "horizon", "runs", "seed")
    } | {"created at": message("cli.results_col_created_at", "ja")}
    kept = _header_cells(english)
    assert "horizon" in kept
    assert _header_cells(japanese) == [words[c] for c in kept]
    dropped = _left_out(english, "terminalwidth:", "(awider")
    assert _left_out(japanese, "この端末幅では省略：", "（広い") == "、".join(
        words[c] for c in [_header(c) for c in ("runs", "seed", "created_at")]
    )
    assert dropped == "runs,seed,createdat"


@pytest.mark.slow
def test_fabs_keeps_the_operator_at_130(store_path: Path) -> None:
    """Every fab at 130 columns: the Japanese table keeps 事業者 as the English keeps operator,
    and does not name it among the columns left out."""
    db = ("--db", str(store_path))
    assert "operator" in _header_cells(chipshock_at(130, "fabs", *db))
    japanese = chipshock_at(130, "fabs", "--lang", "ja", *db)
    assert "事業者" in _header_cells(japanese)
    assert "事業者" not in _left_out(japanese, "この端末幅では省略：", "（広い")
    assert max(cell_len(line) for line in japanese.splitlines()) <= 130


def test_a_japanese_header_has_no_space_before_its_bracket() -> None:
    """The headers 「…（中央値）」 and 「生産能力（枚/月、…）」 have no half-width space before
    the bracket."""
    for text in (
        message("cli.col_median", "ja", label="日米連携の新工場なし"),
        message("cli.fab_list_col_capacity_wspm", "ja"),
        message("cli.fab_list_col_capacity_300mm_wspm", "ja"),
        message("cli.fab_list_col_capacity_year_300mm_wspm", "ja", year=2027),
    ):
        assert " （" not in text and "（" in text, text


def test_a_narrow_column_breaks_its_header_before_the_bracket(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A column of short numbers under 「日米連携の新工場なし（中央値）」 (30 cells) on a terminal
    of 46: the column is kept, its header on two lines, the label, then the qualifier."""
    header = message("cli.col_median", "ja", label="日米連携の新工場なし")
    frame = pd.DataFrame({"指標": ["失われた生産（週）"], header: ["5,104"]})
    monkeypatch.setattr(output.console, "width", 46)
    output.emit(frame, output.Format.table, lang="ja")
    lines = capsys.readouterr().out.splitlines()
    heading = [line for line in lines if line.startswith("┃")]
    cells = [line[1:-1].split("┃")[-1].strip() for line in heading]
    assert [c for c in cells if c] == ["日米連携の新工場なし", "（中央値）"]
    assert max(cell_len(line) for line in lines) <= 46
