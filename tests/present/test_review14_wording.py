"""Review 14, finding 8: stale words where a carmaker looks first (the Naka fab's names, a
one-year horizon, a comparison's headline naming both sides with one id)."""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from chipshock.present.summary import headline_named, summary_text

ROOT = Path(__file__).resolve().parents[2]
CURATED = ROOT / "src/chipshock/data/files/curated"
NAKA = ROOT / "src/chipshock/scenarios/history/naka-fire-2021.toml"


def _fabs() -> dict[str, dict[str, str]]:
    with (CURATED / "fabs.csv").open(encoding="utf-8") as fh:
        return {row["fab_id"]: row for row in csv.DictReader(fh)}


def test_validation_doc_names_the_fab_the_naka_case_shocks() -> None:
    """docs/validation.md's case table names the fab the history file shocks, and every
    ``renesas-…`` id it names is a fab of fabs.csv (it said ``renesas-naka-n3``: no such fab)."""
    shocked = tomllib.loads(NAKA.read_text(encoding="utf-8"))["shock"][0]["targets"]
    row = next(
        line
        for line in (ROOT / "docs/validation.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `naka-fire-2021`")
    )
    named = set(re.findall(r"`(renesas-[a-z0-9-]+)`", row))
    assert set(shocked) <= named
    assert named <= set(_fabs())


def test_renesas_naka_is_the_n3_line_only_in_its_name_and_the_case() -> None:
    """The 200 mm lines are the fab renesas-naka-200mm (release 8): neither renesas-naka's
    name nor the history case's description says renesas-naka holds them."""
    fabs = _fabs()
    assert "renesas-naka-200mm" in fabs
    assert "200mm" not in fabs["renesas-naka"]["name"]
    text = " ".join(
        tomllib.loads(NAKA.read_text(encoding="utf-8"))["scenario"]["description"].split()
    )
    assert "holds the N3 line and the 200 mm lines" not in text
    assert "renesas-naka-200mm" in text


KPI_COLUMNS = ["kpi", "market", "mean", "p5", "p50", "p95"]


@dataclass
class _Result:
    start_year: int
    end_year: int
    kpis: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_COLUMNS))

    @property
    def scenario(self) -> Any:
        return SimpleNamespace(start_year=self.start_year, end_year=self.end_year)

    def summary(self) -> dict[str, Any]:
        return {"runs": 10, "title": "T", "title_ja": "T"}


def test_a_one_year_horizon_reads_in_that_year() -> None:
    """start_year = end_year = 2027 reads "in 2027" (it read "over 2027–2027"); two years keep
    the span."""
    one = summary_text(_Result(2027, 2027), "en")
    assert "simulated futures of this scenario in 2027." in one and "2027–2027" not in one
    assert "2027〜2027" not in summary_text(_Result(2027, 2027), "ja")
    assert "over 2027–2029" in summary_text(_Result(2027, 2029), "en")


def test_the_headline_names_its_sides() -> None:
    """One scenario run twice has one id on both sides: the headline carries the sides' names."""
    named = headline_named({"a": "x", "b": "x", "runs": 5}, ("without", "with"))
    assert named == {"a": "x", "b": "x", "runs": 5, "a_label": "without", "b_label": "with"}
