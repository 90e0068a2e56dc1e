"""The Python examples in docs/python-api.md run as written, in order, on a fresh store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "python-api.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_doc_has_examples() -> None:
    """The Python API page has runnable examples for every layer."""
    assert len(_blocks()) >= 5


def test_doc_examples_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ```python block of docs/python-api.md executes without error."""
    namespace: dict[str, object] = {"DB": tmp_path / "docs.duckdb", "OUT": tmp_path}
    for block in _blocks():
        exec(compile(block, str(DOC), "exec"), namespace)
    assert (tmp_path / "flagship.html").exists()
    out = capsys.readouterr().out
    assert "inputs covered" in out and "台湾" in out  # the printed summaries reached stdout
