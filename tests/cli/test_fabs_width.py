"""`chipshock fabs` on a 130-column terminal names each fab's operator in English as the
Japanese table names the fab (session 30's audit: the English table kept four columns and
dropped the operator); an 80-column terminal keeps its four key columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from .terminal import chipshock_at


def _header(out: str) -> str:
    """The table's header rows (between the top border and the rule under them)."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    return " ".join(lines[top + 1 : rule])


@pytest.mark.parametrize("year", [(), ("--year", "2027")])
def test_english_keeps_the_operator_at_130_columns(store_path: Path, year: tuple[str, ...]) -> None:
    """Operator among the headers, Kioxia's name in a cell, and not among the columns the
    caption says are left out."""
    out = chipshock_at(130, "fabs", "--country", "JPN", *year, "--db", str(store_path))
    assert "operator" in _header(out)
    assert "Kioxia" in out
    caption = " ".join(out.split())  # the caption wraps anywhere
    left_out = caption.split("Left out at this terminal width:")[-1]
    assert "operator" not in left_out.split("(a wider terminal")[0]


def test_english_keeps_four_key_columns_at_80(store_path: Path) -> None:
    """A narrow terminal still keeps fab id, country, capacity and status (the session's
    store: never the user's default one, which may be of an older data release)."""
    header = _header(chipshock_at(80, "fabs", "--country", "JPN", "--db", str(store_path)))
    for word in ("fab id", "country", "capacity", "status"):
        assert word in header
