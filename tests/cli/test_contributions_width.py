"""`scenario contributions` on an 80-column terminal in English: the fab table keeps what each
fab avoids, as the Japanese table does, and lets its capacity, date and id give way."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from .terminal import chipshock_at

ONE_FAB = ("scenario", "contributions", "taiwan-blockade-2027-6m", "--fab", "jasm-kumamoto-fab1")


def test_english_fab_table_keeps_the_amounts_at_80_columns(store_path: Path) -> None:
    """At 80 columns the English fab table shows each fab's name and what it avoids alone
    (median and p5–p95); the columns left out, named in the caption, are capacity, date, id."""
    out = chipshock_at(80, *ONE_FAB, "--runs", "3", "--db", str(store_path))
    table = out.split("USD bn of gross output at risk avoided")[0]
    flat = " ".join(out.split())
    assert "alone:" in table and "median" in table and "JASM Kumamoto" in table
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    left_out = flat.split("Left out at this terminal width:")[1].split("shows them")[0]
    assert "fab id" in left_out and "alone" not in left_out and "median" not in left_out
