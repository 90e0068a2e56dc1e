"""Japanese terminal tables stand their numbers right-aligned, as the English ones do: every
cell of a number column ends at the column's right edge (the Shapley table's standard error,
"–" throughout when the values are exact, stood left before)."""

from __future__ import annotations

import re

import pytest

from .conftest import Runner

#: a number as the tables write it (a nonzero below the column's last digit as "<0.1" or
#: ">-0.1"), or the missing number
NUMBER = re.compile(r"^(?:(?:<|>-)?[-+−]?\d[\d,]*(?:\.\d+)?|–)$")


def _number_columns(out: str) -> dict[int, list[str]]:
    """The first table's body cells, unstripped, of each column whose cells are all numbers
    (or "–"), by the column's index."""
    body = out.split("┡", 1)[1].split("└", 1)[0]
    rows = [line[1:-1].split("│") for line in body.splitlines() if line.startswith("│")]
    columns: dict[int, list[str]] = {}
    for index in range(len(rows[0])):
        cells = [row[index] for row in rows]
        filled = [c.strip() for c in cells if c.strip()]
        if filled and all(NUMBER.match(c) for c in filled):
            columns[index] = [c for c in cells if c.strip()]
    return columns


@pytest.mark.parametrize(
    "argv",
    [
        ("shapley", "USA", "JPN", "NLD", "KOR", "TWN"),
        ("coalition", "USA", "JPN", "NLD"),
        ("synergy", "USA", "JPN"),
        ("criticality",),
        ("capacity", "--by", "region"),
        ("chokepoints",),
        ("sourcing", "--market", "automotive"),
    ],
)
def test_japanese_number_columns_are_right_aligned(cli: Runner, argv: tuple[str, ...]) -> None:
    """Each number column's cells end one space before the column's bar, in Japanese as in
    English."""
    for lang in ("en", "ja"):
        code, out, _ = cli(*argv, "--lang", lang)
        assert code == 0
        columns = _number_columns(out)
        assert columns, (lang, argv)
        for index, cells in columns.items():
            assert all(c.endswith(c.strip() + " ") for c in cells), (lang, argv, index, cells)


def test_shapley_standard_error_stands_right_in_japanese(cli: Runner) -> None:
    """Exact Shapley values: the standard-error column is "–" in every row, right-aligned
    under its header in both languages."""
    for lang, header in (("en", "std error %"), ("ja", "標準誤差（%）")):
        _, out, _ = cli("shapley", "USA", "JPN", "NLD", "KOR", "TWN", "--lang", lang)
        head = next(line for line in out.splitlines() if header in line)
        index = head[1:-1].split("┃").index(f" {header} ")
        cells = _number_columns(out)[index]
        assert [c.strip() for c in cells] == ["–"] * 5
        assert all(c.endswith("– ") for c in cells)
