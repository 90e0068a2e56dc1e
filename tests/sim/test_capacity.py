"""Capacity by region and node class: SIA/BCG shares and the fab-registry adjustment."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock.sim import capacity_table
from chipshock.sim.capacity import fab_cells
from chipshock.sim.data import ModelData


def _cell(t, year: int, region: str, cls: str, col: str = "capacity_kwspm") -> float:
    row = t[(t.year == year) & (t.region == region) & (t.node_class == cls)]
    return float(row[col].iloc[0])


def test_2022_shares_reproduce_sia_bcg(real_data: ModelData) -> None:
    """In 2022 Taiwan holds 69 % and Korea 31 % of <10nm logic capacity (SIA/BCG)."""
    t = capacity_table(real_data, years=[2022])
    lt10 = t[t.node_class == "lt10"]
    total = lt10["capacity_kwspm"].sum()
    assert _cell(t, 2022, "TWN", "lt10") / total == pytest.approx(0.69)
    assert _cell(t, 2022, "KOR", "lt10") / total == pytest.approx(0.31)
    assert total == pytest.approx(650.0)  # global_capacity.csv lt10 2022


def test_shares_sum_to_global_capacity(real_data: ModelData) -> None:
    """Every class's regional capacities add up to the interpolated world capacity."""
    t = capacity_table(real_data, years=[2022, 2026, 2032, 2035])
    sums = t.groupby(["year", "node_class"])["capacity_kwspm"].sum()
    assert sums[(2026, "lt10")] == pytest.approx(850 + (1400 - 850) * 2 / 4)
    assert sums[(2035, "gt45")] == pytest.approx(6900.0)


def test_rapidus_off_removes_its_ramped_capacity(real_data: ModelData) -> None:
    """Switching rapidus-iim1 off lowers JPN lt10 by its ramped capacity (clamped at 0)."""
    years = list(range(2023, 2036))
    base = capacity_table(real_data, years=years)
    off = capacity_table(real_data, years=years, fabs_off=["rapidus-iim1"])
    [cell] = fab_cells(real_data, ["rapidus-iim1"], years)
    assert (cell.region, cell.node_class, cell.start_year) == ("JPN", "lt10", 2025.0)
    for y, ramped in zip(years, cell.ramped_kwspm, strict=True):
        b, o = _cell(base, y, "JPN", "lt10"), _cell(off, y, "JPN", "lt10")
        assert o == pytest.approx(max(0.0, b - ramped))
        if y < 2025:
            assert ramped == 0.0 and o == b
        if y >= 2028:  # base JPN lt10 exceeds the fab from 2028: exact subtraction
            assert b - o == pytest.approx(ramped) and ramped == pytest.approx(30.0)
    assert _cell(off, 2030, "TWN", "lt10") == _cell(base, 2030, "TWN", "lt10")


def test_cancelled_fab_only_counts_when_forced_on(real_data: ModelData) -> None:
    """A cancelled fab never counts unless forced on; forcing on an existing fab is a no-op."""
    years = [2030]
    base = capacity_table(real_data, years=years)
    off = capacity_table(real_data, years=years, fabs_off=["intel-magdeburg"])
    on = capacity_table(real_data, years=years, fabs_on=["intel-magdeburg", "rapidus-iim1"])
    assert np.allclose(off["capacity_kwspm"], base["capacity_kwspm"])
    assert _cell(on, 2030, "EUR", "lt10") == pytest.approx(_cell(base, 2030, "EUR", "lt10") + 30.0)
    assert _cell(on, 2030, "JPN", "lt10") == _cell(base, 2030, "JPN", "lt10")


def test_tiny_capacity_by_hand(tiny_data: ModelData) -> None:
    """Tiny model: lt10 100 kwspm split 60/40, the planned fab ramps over two years."""
    t = capacity_table(tiny_data, years=[2026, 2027, 2028], fabs_off=["tiny-fab1"])
    assert _cell(t, 2026, "TWN", "lt10") == pytest.approx(60.0)
    assert _cell(t, 2027, "JPN", "lt10") == pytest.approx(40.0 - 5.0)
    assert _cell(t, 2028, "JPN", "lt10") == pytest.approx(40.0 - 10.0)
    assert (
        "listed 2022" in t["share_source"].iloc[0]
        and "global_capacity" in t["capacity_source"].iloc[0]
    )
