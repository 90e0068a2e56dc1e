"""Review 14 #1: a market whose output loss the history check shows far from what happened
(automotive: about a tenth of 2021's vehicles) carries a caveat wherever its loss is printed,
in the message catalogue's words, with only history_observations.csv's observed values."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.present.history_caveats import CAVEATS, market_caveats
from chipshock.present.summary import summary_text

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "src/chipshock/data/files/curated/history_observations.csv"


@dataclass
class _Result:
    markets: tuple[str, ...]

    @property
    def kpis(self) -> pd.DataFrame:
        # a KPI the summary does not read: only the markets matter here
        frame = pd.DataFrame({"kpi": "none", "market": list(self.markets)})
        return frame.assign(mean=0.0, p5=0.0, p50=0.0, p95=0.0)

    def summary(self) -> dict[str, Any]:
        return {"runs": 10, "title": "T", "title_ja": "T"}


@dataclass
class _Comparison:
    a: _Result
    b: _Result
    delta: pd.DataFrame


def _observed(case: str, quantity: str) -> str:
    with HISTORY.open(encoding="utf-8") as fh:
        row = next(
            r for r in csv.DictReader(fh) if (r["case_id"], r["quantity"]) == (case, quantity)
        )
    return f"{float(row['observed']):g}"


def test_automotive_carries_the_history_check_with_the_observed_values() -> None:
    """Automotive's caveat quotes 2021's vehicles not built and the Naka fire's weeks as
    history_observations.csv records them (10.1 m, 0.91 weeks), says lower bound and where to
    look, in both languages; the summary paragraph ends with it."""
    cars = _Result(("automotive", "all"))
    (en,) = market_caveats(cars, "en")
    (ja,) = market_caveats(cars, "ja")
    vehicles = _observed("shortage-2021", "vehicles_not_built_m")
    naka = _observed("naka-fire-2021", "automotive_output_lost_weeks")
    assert (vehicles, naka) == ("10.1", "0.91")
    for text in (en, ja):
        assert vehicles in text and naka in text and "chipshock validate" in text
    assert "lower bound" in en and "下限" in ja
    assert summary_text(cars, "en").endswith(en)
    assert summary_text(cars, "ja").endswith(ja)


def test_markets_without_a_history_gap_carry_none() -> None:
    """A result without automotive has no caveat, and its summary is unchanged."""
    other = _Result(("smartphones", "all"))
    assert market_caveats(other, "en") == [] and market_caveats(other, "ja") == []
    assert "History check" not in summary_text(other, "en")
    assert set(CAVEATS) == {"automotive"}


def test_a_comparison_says_it_once() -> None:
    """Both sides print automotive: the comparison carries the caveat once."""
    cmp = _Comparison(_Result(("automotive",)), _Result(("automotive",)), pd.DataFrame())
    assert len(market_caveats(cmp, "en")) == 1


def test_the_short_wording_of_the_reports_first_page() -> None:
    """The report's first page has one line for it (its key figures stay on two A4 pages):
    the short wording still says lower bound and where to look, in both languages."""
    cars = _Result(("automotive",))
    (en,) = market_caveats(cars, "en", short=True)
    (ja,) = market_caveats(cars, "ja", short=True)
    assert "lower bound" in en and "chipshock validate" in en and len(en) <= 125
    assert "下限" in ja and "chipshock validate" in ja


def test_readme_quotes_validations_current_cars_lost() -> None:
    """README's "loses far fewer cars than happened (N million" is docs/validation.md's p50 of
    shortage-2021 vehicles_not_built_m (it quoted 0.4 million, release 15's, against 0.86)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r"loses far fewer cars than happened \(([\d.]+) million", readme)
    row = next(
        line
        for line in (ROOT / "docs/validation.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| shortage-2021 | vehicles_not_built_m |")
    )
    model = re.match(r"\s*([\d.]+) \(", row.split("|")[5])
    assert quoted is not None and model is not None
    assert quoted.group(1) == model.group(1)
