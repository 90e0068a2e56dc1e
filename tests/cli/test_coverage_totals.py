"""`fabs --coverage` and `capacity` show the same cells: the coverage total is the capacity
table's base (regional total before fab adjustments), and its caption says so."""

from __future__ import annotations

import csv
import io

import pytest

from chipshock.present.numbers import fmt_number

from .conftest import Runner

Cells = dict[tuple[str, str], dict[str, str]]


def _rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture
def cells(cli: Runner) -> tuple[Cells, Cells]:
    code, cov, _ = cli("fabs", "--capacity-in", "2027", "--coverage", "--format", "csv")
    assert code == 0
    code, cap, _ = cli("capacity", "--year", "2027", "--format", "csv")
    assert code == 0
    coverage = {(r["region"], r["node_class"]): r for r in _rows(cov) if r["region"] != "WORLD"}
    capacity = {(r["region"], r["node_class"]): r for r in _rows(cap)}
    return coverage, capacity


def test_coverage_total_is_the_capacity_tables_base(cells: tuple[Cells, Cells]) -> None:
    """CHN lt10: total 12.8 in both (base), though the engine holds the itemised 15.0."""
    coverage, capacity = cells
    for key, row in coverage.items():
        base = float(capacity[key]["base_kwspm"])
        assert abs(float(row["total_kwspm"]) - base) <= 0.05 + 1e-9, key


def test_coverage_caption_names_the_total_it_uses(cli: Runner) -> None:
    """The caption says the total is base_kwspm and where capacity_kwspm differs."""
    code, out, _ = cli("fabs", "--capacity-in", "2027", "--coverage")
    assert code == 0
    flat = " ".join(out.split())
    assert "base_kwspm of `chipshock capacity`" in flat and "capacity_kwspm" in flat


def test_coverage_itemised_agrees_with_capacity_itemised(cells: tuple[Cells, Cells]) -> None:
    """TWN n10_22 itemised 162.05 kwspm: both tables print 162.1."""
    coverage, capacity = cells
    for key, row in coverage.items():
        want = fmt_number(float(capacity[key]["itemised_kwspm"]), 1)
        assert fmt_number(float(row["itemised_kwspm"]), 1) == want, key
