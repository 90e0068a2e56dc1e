"""A market's chip demand by year (demand20): market_demand_path.csv's rows replace end_markets'
level and growth in their own years, geometric between them, growth after the last; a market
without rows is bit-identical to the pre-path formula."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from chipshock.errors import ScenarioError, UnknownCodeError
from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import market_arrays, market_demand_usd_bn

YEARS = [2023, 2024, 2025, 2026, 2027, 2028, 2029]
CALM = Scenario("calm", "calm", start_year=2023, end_year=2029)


def _path(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "market_id": [m for m, _, _ in rows],
            "year": pd.array([y for _, y, _ in rows], dtype="Int64"),
            "chip_demand_usd_bn": [v for _, _, v in rows],
            "source_url": "https://example.org/path",
            "as_of": "2026",
            "confidence": "low",
            "note": "tiny",
        }
    )


def _tiny_with_path(tiny_data: ModelData, rows: list[tuple[str, int, float]]) -> ModelData:
    """The tiny model with automotive growing 10 %/yr from 50 bn in 2024, and path rows."""
    em = tiny_data.end_markets.copy()
    em.loc[em["market_id"] == "automotive", "growth_pct_per_year"] = 10.0
    em.loc[em["market_id"] == "smartphones", "growth_pct_per_year"] = 7.0
    return replace(tiny_data, end_markets=em, market_demand_path=_path(rows))


def _arrays(data: ModelData, years: list[int] = YEARS) -> tuple[list[str], object]:
    markets = [str(m) for m in data.end_markets["market_id"]]
    classes = sorted(set(data.wafer_value["node_class"].astype(str)))
    world = np.full((len(classes), len(years)), 100.0)
    return markets, market_arrays(CALM, data, classes, markets, years, world)


def test_path_between_two_years_after_the_last_and_before_the_first(
    tiny_data: ModelData,
) -> None:
    """Automotive: 50 bn in 2024 at 10 %/yr, rows 100 (2025) and 400 (2027): 2023 = 50 / 1.1
    (end_markets before the first row), 2025 = 100, 2026 = sqrt(100 x 400) = 200, 2027 = 400,
    then 10 %/yr from 400: 440, 484."""
    data = _tiny_with_path(tiny_data, [("automotive", 2025, 100.0), ("automotive", 2027, 400.0)])
    d = market_demand_usd_bn(data, ["automotive"], YEARS)[0]
    np.testing.assert_allclose(d, [50 / 1.1, 50, 100, 200, 400, 440, 484], rtol=1e-12)


def test_a_market_without_rows_is_bit_identical(tiny_data: ModelData) -> None:
    """Smartphones has no rows: its demand, its wafer demand share and its output value equal
    the pre-path formula level x (1 + g) ^ (y - demand_year) bit for bit, and adding rows for
    automotive changes nothing of it; with no rows at all every array is unchanged."""
    plain = _tiny_with_path(tiny_data, [])
    pathed = _tiny_with_path(tiny_data, [("automotive", 2025, 100.0), ("automotive", 2027, 400)])
    grow = (1 + 7.0 / 100.0) ** (np.asarray(YEARS, float) - 2024.0)
    d = market_demand_usd_bn(pathed, ["smartphones"], YEARS)[0]
    assert np.array_equal(d, 50.0 * grow)
    markets, before = _arrays(plain)
    _, after = _arrays(pathed)
    phones = markets.index("smartphones")
    assert np.array_equal(
        before.output_value_usd[phones],  # type: ignore[attr-defined]
        50.0
        * 1e9
        * grow
        * float(plain.end_markets.set_index("market_id").loc["smartphones", "value_multiplier"])
        / 52,
    )
    assert np.array_equal(
        before.output_value_usd[phones],  # type: ignore[attr-defined]
        after.output_value_usd[phones],  # type: ignore[attr-defined]
    )
    _, empty = _arrays(replace(plain, market_demand_path=tiny_data.market_demand_path))
    for name in ("demand", "output_value_usd", "usd_per_wafer"):
        assert np.array_equal(getattr(before, name), getattr(empty, name)), name


def test_engine_reads_the_path(tiny_data: ModelData) -> None:
    """The engine's output value is D x 1e9 x multiplier / 52 in every year, and the market's
    share of a class's wafers follows D (automotive's 2026 share: 200 / (200 + 50 x 1.07^2))."""
    data = _tiny_with_path(tiny_data, [("automotive", 2025, 100.0), ("automotive", 2027, 400)])
    markets, arrays = _arrays(data)
    em = data.end_markets.set_index("market_id")
    d = market_demand_usd_bn(data, markets, YEARS)
    for i, m in enumerate(markets):
        np.testing.assert_allclose(
            arrays.output_value_usd[i],  # type: ignore[attr-defined]
            d[i] * 1e9 * float(em.loc[m, "value_multiplier"]) / 52,
            rtol=1e-12,
        )
    mnd = data.market_node_demand.set_index(["market_id", "node_class"])["share_pct"]
    demand = arrays.demand  # type: ignore[attr-defined]
    auto, phones, y2026 = markets.index("automotive"), markets.index("smartphones"), 3
    classes = sorted(set(data.wafer_value["node_class"].astype(str)))
    both = [
        c for c in classes if mnd.get(("automotive", c), 0) > 0 < mnd.get(("smartphones", c), 0)
    ]
    assert both, "the tiny model has a class both markets use"
    c = classes.index(both[0])
    ratio = demand[auto, c, y2026] / demand[phones, c, y2026]
    expected = (200 * mnd[("automotive", both[0])]) / (50 * 1.07**2 * mnd[("smartphones", both[0])])
    np.testing.assert_allclose(ratio, expected, rtol=1e-12)


def test_shipped_ai_rows_reach_the_engine(real_data: ModelData) -> None:
    """ai_datacenter: 2024 = 207 (end_markets), 2025 = 291, 2026 = 406, 2030 = 1,047 (rows),
    2027 = 406 x (1047 / 406) ^ (1 / 4) = 514.5, 2031 = 1,047 x 1.15; the engine's V is
    D x 1e9 x 2.5 / 52."""
    years = list(range(2024, 2032))
    markets, arrays = _arrays(real_data, years)
    ai = markets.index("ai_datacenter")
    d = market_demand_usd_bn(real_data, ["ai_datacenter"], years)[0]
    step = (1047 / 406) ** 0.25
    expected = [207, 291, 406, 406 * step, 406 * step**2, 406 * step**3, 1047, 1047 * 1.15]
    np.testing.assert_allclose(d, expected, rtol=1e-12)
    assert round(d[3], 1) == 514.5 and round(d[4], 1) == 652.0
    v = arrays.output_value_usd[ai]  # type: ignore[attr-defined]
    np.testing.assert_allclose(v[1:4], np.array([291, 406, 406 * step]) * 1e9 * 2.5 / 52)


@pytest.mark.parametrize(
    ("rows", "error", "field"),
    [
        ([("pcs", 2025, 10.0)], UnknownCodeError, "market_demand_path.pcs.2025.market_id"),
        (
            [("automotive", 2025, 10.0), ("automotive", 2025, 12.0)],
            ScenarioError,
            "market_demand_path.automotive.2025",
        ),
        (
            [("automotive", 2025, 0.0)],
            ScenarioError,
            "market_demand_path.automotive.2025.chip_demand_usd_bn",
        ),
    ],
)
def test_bad_rows_are_errors_in_the_engine(
    tiny_data: ModelData, rows: list[tuple[str, int, float]], error: type, field: str
) -> None:
    """Data that bypassed the curated checks: a market end_markets lacks, a second row for a
    market and year, a level not above zero: an error naming the field, no silent default."""
    data = _tiny_with_path(tiny_data, rows)
    with pytest.raises(error) as caught:
        market_demand_usd_bn(data, ["automotive"], YEARS)
    assert caught.value.problem.field == field
