"""Anchor rows of regional_capacity.csv: one per category, region and year whatever the source
name, so that a user's own file cannot make the regional totals depend on its row order."""

from __future__ import annotations

from pathlib import Path

from chipshock.data.curated import load_curated
from chipshock.model.share_anchors import is_anchor_row

SIA = "SIA/BCG 'Emerging Resilience in the Semiconductor Supply Chain' (May 2024)"
TWN_LT10_2022 = f"{SIA},logic <10nm,Taiwan,TWN,2022,69,"


def _line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(prefix))


def _append(path: Path, line: str) -> int:
    """Append one CSV line; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def test_a_second_anchor_row_under_another_source_name_is_refused(curated_dir: Path) -> None:
    """A derived row repeating Taiwan's 2022 <10nm share is refused at its own row, naming
    the first row and its value; the shipped file passes."""
    path = curated_dir / "regional_capacity.csv"
    assert not [p for p in load_curated(curated_dir).errors if p.file and "regional" in p.file]
    first = _line_of(path, TWN_LT10_2022)
    second = _append(
        path,
        f'"{SIA}, share derived by chipshock",logic <10nm,Taiwan,TWN,2022,60,'
        "https://example.org/x,2024-05,low,assumption: a second Taiwan row",
    )
    errors = [str(p) for p in load_curated(curated_dir).errors]
    hits = [e for e in errors if "regional_capacity.csv" in e and f"row {second}" in e]
    assert len(hits) == 1, errors
    assert "logic <10nm / TWN / 2022" in hits[0]
    assert f"row {first}" in hits[0] and "69" in hits[0]


def test_reference_rows_of_another_scope_may_repeat_a_cell(curated_dir: Path) -> None:
    """A TrendForce-style reference row for the same cell is not an anchor: no error."""
    path = curated_dir / "regional_capacity.csv"
    _append(
        path,
        '"TrendForce (press release 2023-12-14)",logic <10nm,Taiwan,TWN,2022,66,'
        "https://example.org/x,2023-12,medium,foundry only",
    )
    assert not [p for p in load_curated(curated_dir).errors if p.file and "regional" in p.file]


def test_a_misspelt_category_is_not_an_anchor() -> None:
    assert is_anchor_row(SIA, "logic <10nm")
    assert is_anchor_row(SIA, "total")
    assert not is_anchor_row(SIA, "logic <10 nm")
    assert not is_anchor_row("Knometa, share derived by chipshock ", "foundry total")
    assert is_anchor_row("Knometa 2025, share derived by chipshock", "DRAM")
