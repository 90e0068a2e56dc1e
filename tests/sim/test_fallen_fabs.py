"""`fallen_fabs`: the itemised fabs whose capacity fell after their cell's observed year, which
the regional total does not fall with (review 11, finding 1), on the shipped data."""

from __future__ import annotations

import pytest

from chipshock.sim import capacity_table, fallen_fabs
from chipshock.sim.data import ModelData


def test_psmc_tongluo_closure_is_listed_and_held_by_the_remainder(real_data: ModelData) -> None:
    """PSMC Tongluo (TWN n28_45) runs 25 kwspm in 2025 and closes in 2026: it is listed for
    2026 (peak 25 in 2025, now 0) and not for 2025; and Taiwan's n28_45 cell loses 25 kwspm
    of itemised capacity from 2025 to 2026 while its "other fabs" remainder gains at least as
    much, which is what the note says."""
    f = fallen_fabs(real_data, [2025, 2026])
    tongluo = f[f["fab_id"] == "psmc-tongluo"]
    assert tongluo[["year", "region", "node_class", "peak_year"]].values.tolist() == [
        [2026, "TWN", "n28_45", 2025]
    ]
    assert float(tongluo["peak_kwspm"].iloc[0]) == pytest.approx(25.0)
    assert float(tongluo["kwspm"].iloc[0]) == 0.0
    t = capacity_table(real_data, years=[2025, 2026])
    cell = t[(t["region"] == "TWN") & (t["node_class"] == "n28_45")].set_index("year")
    assert cell.at[2025, "itemised_kwspm"] - cell.at[2026, "itemised_kwspm"] == pytest.approx(25.0)
    grew = cell.at[2026, "other_fabs_kwspm"] - cell.at[2025, "other_fabs_kwspm"]
    assert grew >= 25.0
    assert cell.at[2026, "capacity_kwspm"] >= cell.at[2025, "capacity_kwspm"]
    # with Hsinchu's 25 down from 2022, the cell's fabs leave 50, all held by the remainder
    assert tongluo[["cell_fell_kwspm", "cell_held_kwspm"]].values.tolist() == [[50.0, 50.0]]


def test_where_the_fabs_exceed_the_total_the_remainder_cannot_hold_the_fall(
    real_data: ModelData,
) -> None:
    """Japan's NAND fabs exceed their regional total in 2026: Kioxia's falls (104.2 kwspm) are
    lost, none of it held, and the note says so rather than claiming the remainder holds it."""
    f = fallen_fabs(real_data, [2026])
    jpn = f[(f["region"] == "JPN") & (f["node_class"] == "nand")]
    assert set(jpn["fab_id"]) == {"kioxia-kitakami-k1", "kioxia-yokkaichi"}
    assert float(jpn["cell_fell_kwspm"].iloc[0]) == pytest.approx(104.2)
    assert float(jpn["cell_held_kwspm"].iloc[0]) == 0.0


def test_no_year_at_or_before_the_observed_year_is_listed(real_data: ModelData) -> None:
    """The observed year (2022) and earlier: the regional total is the observation itself."""
    assert fallen_fabs(real_data, [2021, 2022]).empty
