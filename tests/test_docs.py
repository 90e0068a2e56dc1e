"""The Python examples in docs/python-api.md, docs/scenarios.md and README.md run as written, in
order, on a fresh store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DOC = DOCS / "python-api.md"
SCENARIOS = DOCS / "scenarios.md"


def _blocks(doc: Path = DOC) -> list[str]:
    return re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.DOTALL)


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


@pytest.mark.slow
def test_scenarios_doc_examples_run(
    built_store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every ```python block of docs/scenarios.md executes on the default store, with its Monte
    Carlo runs lowered to 2 (the text's 300 and 500 only say how many a real answer takes); the
    factor table of your own is run beside the defaults."""
    monkeypatch.setenv("CHIPSHOCK_DB", str(built_store))
    blocks = _blocks(SCENARIOS)
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(re.sub(r"runs=\d+", "runs=2", block), str(SCENARIOS), "exec"), namespace)
    assert 'id = "taiwan-blockade-2027-6m"' in capsys.readouterr().out
    table = namespace["res"].table  # type: ignore[attr-defined]
    assert "duration" in set(table["factor"]) and "complementarity" in set(table["factor"])


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's Python API block builds its store in the working folder and answers each call."""
    monkeypatch.chdir(tmp_path)
    (block,) = _blocks(ROOT / "README.md")
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert (tmp_path / "chipshock.duckdb").exists()
    assert len(namespace["chain"].inputs) > 100  # type: ignore[attr-defined]
