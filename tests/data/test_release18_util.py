"""Data release 18 (util): normal utilisation per node class.

The single `utilisation` row (0.85 for every class) is replaced by one row per node class of
wafer_value.csv, each from the most recent (2024-25) figures the sources give and held for every
year of the horizon (said in each note):
- lt10 0.92: 3/5nm full (taken as 0.97) and 7nm at 0.80, blended by wafers 71 % / 29 %;
- n10_22 0.80 (no separate figure: between the ~84 % all-foundry average and the mature 75-80 %);
- n28_45 0.80 and gt45 0.78 (TrendForce's mature-node 75-80 % in 2025);
- dram 0.92 (80-90 % in mid-2024, tighter since); nand 0.85 (about 90 % in 2024, cut in 2025).
A check names a class without its row, or a value outside 0 < u <= 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.data.curated import load_curated
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE

from .conftest import edit
from .coverage_helpers import curated_rows

SHIPPED = {
    "lt10": "0.92",
    "n10_22": "0.80",
    "n28_45": "0.80",
    "gt45": "0.78",
    "dram": "0.92",
    "nand": "0.85",
}


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def test_release_is_18() -> None:
    assert int(DATA_RELEASE) >= 18 and DATA_RELEASE_DATE >= "2026-12-05"


def test_one_row_per_class_of_wafer_value() -> None:
    """Six rows, one per class of wafer_value.csv, each a fraction below 1 with a source, a
    2024-25 date and a note saying the value is held for every year; no single row is left."""
    rows = {r["parameter"]: r for r in curated_rows("model_assumptions.csv")}
    classes = [r["node_class"] for r in curated_rows("wafer_value.csv")]
    assert sorted(classes) == sorted(SHIPPED)
    assert "utilisation" not in rows
    for c, value in SHIPPED.items():
        r = rows[f"utilisation_{c}"]
        assert (r["value"], r["unit"], r["confidence"]) == (value, "fraction", "low"), c
        assert 0 < float(r["value"]) < 1 and r["source_url"].startswith("https://"), c
        assert r["as_of"][:4] in ("2024", "2025"), c
        assert "every year of the horizon" in r["note"], c
    # the arithmetic of the lt10 blend: wafer weights from revenue mix / price
    w3, w5, w7 = 26 / 20, 34 / 16, 14 / 10
    lead = (w3 + w5) / (w3 + w5 + w7)
    assert round(lead, 2) == 0.71 and round(lead * 0.97 + (1 - lead) * 0.80, 2) == 0.92
    assert "0.71 x 0.97 + 0.29 x 0.80 = 0.92" in rows["utilisation_lt10"]["note"]
    assert (
        "75-80%" in rows["utilisation_n28_45"]["note"]
        and "75-80%" in rows["utilisation_gt45"]["note"]
    )


def test_leading_edge_has_less_slack_than_mature_nodes() -> None:
    """The doubt release 17 wrote down: lt10 had 15 % slack where the sources report almost
    none, mature nodes less than they have."""
    rows = {r["parameter"]: float(r["value"]) for r in curated_rows("model_assumptions.csv")
            if r["parameter"].startswith("utilisation_")}  # fmt: skip
    assert rows["utilisation_lt10"] > 0.85 > rows["utilisation_gt45"]
    assert rows["utilisation_lt10"] > rows["utilisation_n28_45"]


def test_missing_class_row_is_an_error(curated_dir: Path) -> None:
    """A class of wafer_value.csv without its row: an error naming the file, the column and
    the row expected."""
    path = curated_dir / "model_assumptions.csv"
    edit(path, "utilisation_nand,", "utilisation_nand_old,")
    errors = _errors(curated_dir)
    hit = [e for e in errors if "no utilisation row for node class nand" in e]
    assert hit and "model_assumptions.csv" in hit[0] and "a row utilisation_nand" in hit[0]
    assert "column 'parameter'" in hit[0] and "got 'missing'" in hit[0]


@pytest.mark.parametrize(("bad", "needle"), [("0", "0 < value <= 1"), ("1.2", "between 0 and 1")])
def test_out_of_range_value_is_an_error(curated_dir: Path, bad: str, needle: str) -> None:
    """0 (no demand) and above 1 (a shortfall with no shock) are errors naming file, row,
    column and value."""
    edit(
        curated_dir / "model_assumptions.csv", "utilisation_gt45,0.78,", f"utilisation_gt45,{bad},"
    )
    errors = _errors(curated_dir)
    hit = [e for e in errors if needle in e and "model_assumptions.csv" in e]
    assert hit, errors
    assert "row 5" in hit[0] and "column 'value'" in hit[0] and f"got '{bad}'" in hit[0]


def test_exactly_one_is_accepted(curated_dir: Path) -> None:
    """u = 1 (no slack) is allowed by the check: the engine copes (no shock, no loss:
    tests/sim/test_utilisation_per_class.py)."""
    edit(curated_dir / "model_assumptions.csv", "utilisation_lt10,0.92,", "utilisation_lt10,1,")
    assert not [e for e in _errors(curated_dir) if "utilisation" in e]


def test_changelog_and_sources_have_the_part() -> None:
    """The CHANGELOG entry of release 18 has this part's sub-heading; SOURCES.md its section."""
    from .coverage_helpers import CURATED

    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 18 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### Utilisation per node class (util)" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 18: utilisation per node class (util)" in sources
