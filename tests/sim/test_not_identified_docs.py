"""What history cannot pin down is said once: `chipshock calibrate`'s caption and its JSON
(`calibrate.NOT_IDENTIFIED`) list the same parameters with the same reasons as the table
"What history cannot pin down" of docs/validation.md (the caption listed 6, the docs 8)."""

from __future__ import annotations

from pathlib import Path

from chipshock.sim.validation.calibrate import NOT_IDENTIFIED

DOC = Path(__file__).resolve().parents[2] / "docs" / "validation.md"


def _doc_rows() -> list[tuple[str, str]]:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("### What history cannot pin down")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not line.startswith(("| parameter", "| ---")):
            cells = [c.strip().replace("`", "") for c in line.strip("|").split(" | ")]
            rows.append((cells[0], cells[1]))
    return rows


def test_the_docs_table_and_the_calibrate_list_agree() -> None:
    rows = _doc_rows()
    assert len(rows) == 8
    assert rows == [(p, why) for p, why in NOT_IDENTIFIED]
