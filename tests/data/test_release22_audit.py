"""Data release 22 (audit): capacity rows far older than the model years they serve (review 16,
finding 11).

What the part changed and pins here (hand-checkable on the shipped files):
- model_assumptions.csv holds the audit's threshold, ``capacity_audit_max_age_years`` = 10,
  labelled as a judgement;
- every row `chipshock data audit` lists says in its note why its old figure is kept, and is
  labelled low (TI RFAB1's 2011 row was medium);
- ST Rousset 200mm gets a 2011 row: 8,000 200mm wafers a week x 52 / 12 x 0.444 = 15.4k.
"""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.data.capacity_age import MAX_AGE_PARAMETER, old_capacity_rows
from chipshock.data.release import DATA_RELEASE

from .coverage_helpers import curated_rows

NOTE = "Data release 22 (audit"


def _capacity() -> pd.DataFrame:
    rows = pd.DataFrame(curated_rows("fab_capacity.csv"))
    return rows.assign(
        year=rows["year"].astype(int), capacity_wspm=rows["capacity_wspm"].astype(float)
    )


def test_release_is_22_or_later() -> None:
    assert int(DATA_RELEASE) >= 22


def test_the_threshold_row_is_a_labelled_judgement() -> None:
    """10 years, unit years, confidence low, its note an ``assumption:`` naming the audit."""
    row = next(
        r for r in curated_rows("model_assumptions.csv") if r["parameter"] == MAX_AGE_PARAMETER
    )
    assert (float(row["value"]), row["unit"], row["confidence"]) == (10.0, "years", "low")
    assert row["note"].startswith("assumption:") and "chipshock data audit" in row["note"]
    assert row["source_url"].startswith("http")


def test_every_old_row_is_low_and_says_why_it_is_kept() -> None:
    """The rows older than 10 years at their first model year (2022-2040) carry the release-22
    note and confidence low; the new Rousset row is among them (11.0 years), its 2004 row not
    (it now serves no model year)."""
    cap = _capacity()
    fabs = {f: "X" for f in cap["fab_id"]}
    old = old_capacity_rows(cap, fabs, 10.0, 2022, 2040)
    assert len(old) == 24
    notes = cap.set_index(["fab_id", "node_class", "year"])["note"]
    for fab_id, node_class, year in zip(
        old["fab_id"], old["node_class"], old["row_year"], strict=True
    ):
        assert NOTE in notes[(fab_id, node_class, year)], fab_id
    assert set(old["confidence"]) == {"low"}
    rousset = old[old["fab_id"] == "st-rousset-200mm"]
    assert rousset[["row_year", "age_years"]].values.tolist() == [[2011, 11.0]]


def test_st_rousset_2011_row() -> None:
    """8,000 x 52 / 12 x 0.444 = 15,392 -> 15,400 from 2011, sourced, low."""
    cap = _capacity()
    row = cap[(cap["fab_id"] == "st-rousset-200mm") & (cap["year"] == 2011)].iloc[0]
    assert round(8000 * 52 / 12 * 0.444, -2) == row["capacity_wspm"] == 15400
    assert (row["as_of"], row["confidence"]) == ("2011", "low")
    assert row["source_url"].startswith("https://www.usine-digitale.fr/")
    assert NOTE in row["note"]


@pytest.mark.parametrize(
    ("fab_id", "year", "as_of"),
    [("intel-fab32-arizona", 2021, "2007-10"), ("intel-fab28-israel", 2021, "2008-07")],
)
def test_intel_rows_kept_with_their_reason(fab_id: str, year: int, as_of: str) -> None:
    """Intel's two old rows keep their figure (no per-site wafer figure found) and say so."""
    cap = _capacity()
    row = cap[(cap["fab_id"] == fab_id) & (cap["year"] == year)].iloc[0]
    assert row["as_of"] == as_of and row["confidence"] == "low"
    assert "clean-room area" in row["note"] and NOTE in row["note"]
