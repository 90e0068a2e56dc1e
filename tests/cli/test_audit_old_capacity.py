"""`chipshock data audit` lists the capacity rows whose figure is more than the threshold
(model_assumptions.csv capacity_audit_max_age_years, 10) older than the first model year they
serve, and what the flagship's year rests on them per region and class (review 16, finding
11): Intel's Fab 32 (as of 2007-10) and Fab 28 (2008-07) among them."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import pytest

from chipshock.data.capacity_age import MAX_AGE_PARAMETER
from chipshock.data.store import default_paths

from .conftest import Runner


def _threshold() -> float:
    with (default_paths().curated / "model_assumptions.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["parameter"] == MAX_AGE_PARAMETER)
    return float(row["value"])


def test_audit_lists_the_old_intel_rows(cli: Runner) -> None:
    """Fab 32 (36.8 kwspm, 2007-10: 14.2 years before 2022) and Fab 28 (43.0, 2008-07: 13.5)
    are listed; Fab 42's 2014-02 design figure is 7.9 years older than 2022, its first model
    year, and is not. Every listed row is older than the threshold and low-confidence."""
    code, out, _ = cli("data", "audit", "--format", "json")
    assert code == 0
    rows = json.loads(out)["old_capacity_rows"]
    by_fab = {(r["fab_id"], r["node_class"], r["row_year"]): r for r in rows}
    fab32 = by_fab[("intel-fab32-arizona", "n10_22", 2021)]
    assert (fab32["as_of"], fab32["first_year_served"], fab32["age_years"], fab32["kwspm"]) == (
        "2007-10",
        2022,
        14.2,
        36.8,
    )
    fab28 = by_fab[("intel-fab28-israel", "n10_22", 2021)]
    assert (fab28["as_of"], fab28["age_years"], fab28["kwspm"], fab28["region"]) == (
        "2008-07",
        13.5,
        43.0,
        "ROW",
    )
    assert not any(r["fab_id"] == "intel-fab42-arizona" for r in rows)
    assert _threshold() == 10.0
    assert all(r["age_years"] > 10.0 for r in rows)
    assert {r["confidence"] for r in rows} == {"low"}
    ages = [r["age_years"] for r in rows]
    assert ages == sorted(ages, reverse=True)


def test_audit_totals_add_up_the_old_rows_of_the_flagship_year(cli: Runner) -> None:
    """Each region x class total of 2027 is the sum of the listed rows that hold in 2027, and
    no more than the itemised fabs' capacity there (USA n10_22: Fab 32's 36.8 kwspm)."""
    code, out, _ = cli("data", "audit", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for r in payload["old_capacity_rows"]:
        if r["first_year_served"] <= 2027 <= r["last_year_served"]:
            expected[(r["region"], r["node_class"])] += r["kwspm"]
    totals = {(t["region"], t["node_class"]): t for t in payload["old_capacity_totals"]}
    assert set(totals) == set(expected)
    for key, t in totals.items():
        assert t["old_kwspm"] == pytest.approx(expected[key], abs=0.05)
        assert t["old_kwspm"] <= t["itemised_kwspm"]
    assert totals[("USA", "n10_22")]["old_kwspm"] == pytest.approx(36.8)


def test_audit_csv_has_both_old_capacity_sections(cli: Runner) -> None:
    """``--format csv`` carries the two sections under their ``# name`` lines."""
    code, out, _ = cli("data", "audit", "--format", "csv")
    assert code == 0
    block = out.split("# old_capacity_rows\n")[1].split("# old_capacity_totals\n")
    rows = list(csv.DictReader(io.StringIO(block[0])))
    assert any(r["fab_id"] == "intel-fab32-arizona" and r["as_of"] == "2007-10" for r in rows)
    totals = list(csv.DictReader(io.StringIO(block[1])))
    assert totals[0].keys() >= {"region", "node_class", "old_kwspm", "itemised_kwspm"}
