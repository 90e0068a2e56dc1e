"""`fabs --coverage` and `capacity` show the same cells: the coverage total is the capacity
table's base (regional total before fab adjustments) less the part that runs ahead of the
registry, which both tables show, and the caption says so (review 2, finding 3)."""

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


def test_coverage_total_is_the_capacity_tables_base_less_ahead(cells: tuple[Cells, Cells]) -> None:
    """Every cell: total = base - ahead of registry, and remainder = the engine's other fabs
    where the fabs do not exceed the total (JPN lt10 2027: total 0.0 and 32.0 ahead, shown in
    its own column, no coverage to give; 2.0 and 30.0 while Rapidus' pilot line counted as
    supply, until data release 23; 6.0 and 26.0 before data release 12's year
    rule moved Rapidus' end-2027 level to 2028; before session 12, 32.0 and a remainder the
    engine does not hold). CHN lt10: total 12.8 (base), though the engine holds the itemised
    15.0."""
    coverage, capacity = cells
    for key, row in coverage.items():
        cap = capacity[key]
        ahead = float(cap["ahead_of_registry_kwspm"])
        assert abs(float(row["ahead_of_registry_kwspm"]) - ahead) <= 0.05 + 1e-9, key
        base = float(cap["base_kwspm"])
        assert abs(float(row["total_kwspm"]) - (base - ahead)) <= 0.1 + 1e-9, key
        if float(row["remainder_kwspm"]) >= 0:
            other = float(cap["other_fabs_kwspm"])
            assert abs(float(row["remainder_kwspm"]) - other) <= 0.1 + 1e-9, key
    jpn = coverage[("JPN", "lt10")]
    assert (jpn["total_kwspm"], jpn["ahead_of_registry_kwspm"]) == ("0.0", "32.0")
    assert (jpn["remainder_kwspm"], jpn["coverage_pct"]) == ("0.0", "")


def test_coverage_caption_names_the_total_it_uses(cli: Runner) -> None:
    """The caption says the total is base_kwspm and where capacity_kwspm differs."""
    code, out, _ = cli("fabs", "--capacity-in", "2027", "--coverage")
    assert code == 0
    flat = " ".join(out.split())
    assert "base_kwspm of `chipshock capacity`" in flat and "capacity_kwspm" in flat
    assert "less ahead_of_registry_kwspm" in flat


def test_coverage_itemised_agrees_with_capacity_itemised(cells: tuple[Cells, Cells]) -> None:
    """TWN n10_22 itemised 162.05 kwspm: both tables print 162.1."""
    coverage, capacity = cells
    for key, row in coverage.items():
        want = fmt_number(float(capacity[key]["itemised_kwspm"]), 1)
        assert fmt_number(float(row["itemised_kwspm"]), 1) == want, key
