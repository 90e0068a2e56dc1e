"""Data release 10 (dataL): Intel's <10nm capacity outside Taiwan and Korea.

Intel Fab 34 (Leixlip, Intel 4/3) and D1X Mod 3 (Oregon, Intel 4/3 and 18A development) get
lt10 rows next to the older n10_22 rows of their campuses (Intel 7 and 14nm stay 10-22nm, as
SIA/BCG class them); Fab 52's fully ramped 18A row follows CNBC's ~40k wafer starts a month.
"""

from __future__ import annotations

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import PENDING_TOTALS, cell, shipped_network
from .coverage_helpers import coverage_pct as _coverage_pct
from .coverage_helpers import curated_rows as _rows
from .coverage_helpers import fab_kwspm as _fab_kwspm

RELEASE_NOTE = "Data release 10 (dataL)"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2028."""
    return shipped_network(chain, tuple(range(2022, 2029)))


def test_fab34_adds_intel_4_and_3_to_the_leixlip_campus(network: Network) -> None:
    """Fab 34 ramps to 45 kwspm of lt10 (half in 2024, full from 2025) while the campus keeps
    its 45 kwspm of 14nm (n10_22): Intel's 'doubling' of its Irish capacity."""
    lt10 = [_fab_kwspm(network, "intel-fab34-ireland", "lt10", y) for y in (2023, 2024, 2025)]
    assert lt10 == pytest.approx([0.0, 22.5, 45.0])
    assert _fab_kwspm(network, "intel-fab34-ireland", "n10_22", 2025) == pytest.approx(45.0)


def test_d1x_mod3_is_lt10_and_the_older_modules_stay_n10_22(network: Network) -> None:
    """D1X Mod 3 (25,000 m2 x 2.15 wpm/m2) holds 26.9 kwspm of lt10 in 2023 and 53.8 from
    2024; the Dec-2020 site row (67 kwspm, Intel 7 and older) stays in n10_22."""
    assert _fab_kwspm(network, "intel-d1x-oregon", "lt10", 2023) == pytest.approx(26.9)
    assert _fab_kwspm(network, "intel-d1x-oregon", "lt10", 2025) == pytest.approx(53.8)
    assert _fab_kwspm(network, "intel-d1x-oregon", "n10_22", 2025) == pytest.approx(67.0)


def test_fab52_reaches_cnbc_design_capacity_in_2028(network: Network) -> None:
    """Fab 52's 18A ramp: 3 at the end of 2025 (held from 2026 under the year rule of data
    release 12), 12.5 "in 2026" (held from 2027), then ~40 kwspm once fully ramped (2028)."""
    ramp = [_fab_kwspm(network, "intel-fab52-arizona", "lt10", y) for y in (2025, 2026, 2027, 2028)]
    assert ramp == pytest.approx([0.0, 3.0, 12.5, 40.0])


def test_no_intel_lt10_before_2023(network: Network) -> None:
    """SIA/BCG's 0% of sub-10nm capacity in the U.S. and Europe in 2022 still holds: Intel's
    first <10nm volume (Intel 4) starts in 2023."""
    for region in ("USA", "EUR"):
        assert cell(network, region, "lt10", 2022)[0] == 0.0


def test_us_and_europe_lt10_coverage(network: Network) -> None:
    """The U.S. <10nm cell is all itemised in 2025 and 2027 (21.8% in release 9; 87.0% and 83.9%
    against the straight-line total before coverage counted what the engine holds, session
    12: the rest runs ahead of the registry); Europe's holds Fab 34 and exceeds its
    interpolated total in 2025-26 (the pending cells)."""
    assert _coverage_pct(network, "USA", "lt10", 2025) == pytest.approx(100.0, abs=0.1)
    assert _coverage_pct(network, "USA", "lt10", 2027) == pytest.approx(100.0, abs=0.1)
    itemised, total = cell(network, "EUR", "lt10", 2025)
    assert itemised == pytest.approx(45.0) and total < itemised
    assert {("EUR", "lt10", 2025), ("EUR", "lt10", 2026)} == PENDING_TOTALS


def test_new_rows_are_sourced_low_estimates() -> None:
    """Every release-10 row has a source, an as-of date, an `estimate:` method and confidence
    low, and its note says which part is an assumption."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["year"]) for r in new} == {
        ("intel-fab34-ireland", "2024"),
        ("intel-fab34-ireland", "2025"),
        ("intel-d1x-oregon", "2023"),
        ("intel-d1x-oregon", "2024"),
        ("intel-fab52-arizona", "2028"),
    }
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r
