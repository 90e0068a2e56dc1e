"""docs/scenarios.md's sensitivity factor table reads what the code does with the shipped data:
one row per default factor, each row's low ↔ high numbers those the tornado tries on the
flagship, and its base-row confidence that of the data row(s) behind the factor (review 4 #10:
the docs said "medium" for `complementarity`, model_assumptions.csv says low; #13: the docs said
a fixed shock field is not tested, while the flagship's fixed 26-week duration is run at the
cited row's 4 and 78 weeks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chipshock.scenarios import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.sensitivity import apply_target, default_factors

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
CONFIDENCE = re.compile(r"(low|medium|high)(/(low|medium|high))*")
ARROW = re.compile(r"(?:× )?(\d+(?:\.\d+)?) ↔ (?:× )?(\d+(?:\.\d+)?)")


def _table() -> dict[str, list[str]]:
    """The factor table of the Sensitivity section: factor id -> its cells."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Sensitivity", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells
    return rows


@pytest.fixture(scope="module")
def applied(real_data: ModelData) -> dict[str, object]:
    """Each default factor applied to the flagship (no simulation: the two sides and the base
    row they come from)."""
    flagship = load_scenario("taiwan-blockade-2027-6m")
    out: dict[str, object] = {}
    for _, f in default_factors().iterrows():
        out[str(f["factor"])] = apply_target(
            flagship, real_data, str(f["target"]), str(f["method"]), f["low"], f["high"]
        )
    return out


def test_the_table_lists_every_default_factor() -> None:
    """Every factor of sensitivity_factors.csv has a row, and no row names another."""
    assert set(_table()) == set(default_factors()["factor"])


def test_base_row_confidence_is_the_data_rows(applied: dict[str, object]) -> None:
    """Where the "base row" column gives a confidence, it is the confidence of the data row(s)
    the factor's base comes from (for `complementarity` and `utilisation`, model_assumptions.csv's
    row), low first as the tornado writes it."""
    checked = 0
    for factor, cells in _table().items():
        if CONFIDENCE.fullmatch(cells[3]):
            assert cells[3] == applied[factor].confidence, factor  # type: ignore[attr-defined]
            checked += 1
    assert checked >= 12
    assert _table()["complementarity"][3] == "low"


def test_low_and_high_are_the_values_tried(applied: dict[str, object]) -> None:
    """The numbers of the "low ↔ high" column are the values the tornado tries on the flagship
    (× a multiplier for a scaled factor), the fixed 26-week blockade duration included."""
    factors = default_factors().set_index("factor")
    checked = 0
    for factor, cells in _table().items():
        found = ARROW.search(cells[2])
        if found is None:
            continue
        low, high = float(found[1]), float(found[2])
        if factors.loc[factor, "method"] == "scale":
            assert (low, high) == (factors.loc[factor, "low"], factors.loc[factor, "high"])
        else:
            side = applied[factor]
            assert (low, high) == pytest.approx((side.low.value, side.high.value)), factor  # type: ignore[attr-defined]
        checked += 1
    assert checked >= 12
    assert "4 ↔ 78 weeks" in _table()["shock_duration"][2]


def test_fixed_duration_reads_as_the_docs_say(applied: dict[str, object]) -> None:
    """The flagship fixes its duration at 26 weeks; the tornado runs it at the cited row's low
    and high, and writes in ``how`` the words the docs quote."""
    duration = applied["shock_duration"]
    how = duration.how  # type: ignore[attr-defined]
    assert how == "fixed in the scenario; low / high of the cited range taiwan_blockade_duration"
    assert (duration.low.value, duration.high.value) == (4.0, 78.0)  # type: ignore[attr-defined]
    assert f'"{how}"' in " ".join(DOC.read_text(encoding="utf-8").split())
