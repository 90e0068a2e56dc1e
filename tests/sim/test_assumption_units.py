"""The assumptions table gives every value its unit: a share of 69, a capacity of 650 and a
week count of 8 no longer read as the same kind of bare number."""

from __future__ import annotations

from chipshock.sim.assumptions import (
    ASSUMPTION_COLUMNS,
    DEMAND_FILE,
    VALUE_UNITS,
    assumption_rows,
)
from chipshock.sim.data import ModelData
from chipshock.sim.network.regional import node_classes
from chipshock.sim.shocks.inputs import used_requirements


def _rows(data: ModelData) -> dict[tuple[str, str], tuple[object, str]]:
    classes = node_classes(data)
    inputs = sorted(set(used_requirements(data, classes)["input_id"].astype(str)))
    markets = list(data.end_markets["market_id"].astype(str))
    table = assumption_rows(data, classes, markets, inputs, year=2027)
    assert tuple(table.columns) == ASSUMPTION_COLUMNS
    return {
        (str(f), str(i)): (v, str(u))
        for f, i, v, u in zip(
            table["file"], table["id"], table["value"], table["unit"], strict=True
        )
    }


def test_each_file_s_value_has_its_unit(real_data: ModelData) -> None:
    """The SIA/BCG share, the world capacity, a buffer, a wafer price and the demand carry the
    unit of their file's value column; every row of the shipped data has one."""
    rows = _rows(real_data)
    assert rows["regional_capacity.csv", "logic <10nm/TWN/2022"] == (69.0, "% of world capacity")
    assert rows["global_capacity.csv", "lt10/2022"] == (650.0, "k wafers/month")
    assert rows["wafer_value.csv", "lt10"][1] == "USD per wafer"
    assert rows["inventory_buffers.csv", "gases_stock"] == (8.0, "weeks")
    assert rows["end_markets.csv", "ai_datacenter"][1] == "USD bn a year"
    assert rows["market_demand_path.csv", "ai_datacenter/2026"] == (406.0, "USD bn a year")
    assert rows["market_node_demand.csv", "ai_datacenter/lt10"][1] == "% of the market's wafers"
    # D[m, y] as the run uses it, in the scenario's year (session 21): AI's 2027 lies between
    # the 2026 (406) and 2030 (1,047) rows, geometric: 406 x (1047/406)^(1/4) = 514.5
    assert rows[DEMAND_FILE, "ai_datacenter/2027"] == (514.5, "USD bn a year")
    assert rows[DEMAND_FILE, "automotive/2027"] == (94.5, "USD bn a year")  # 75 x 1.08^3
    assert {f for f, _ in rows} == set(VALUE_UNITS)
    assert all(unit for _, unit in rows.values())


def test_model_assumptions_take_each_row_s_own_unit(real_data: ModelData) -> None:
    """model_assumptions.csv mixes fractions, years and weeks: each row shows its unit cell."""
    rows = _rows(real_data)
    assert rows["model_assumptions.csv", "utilisation_lt10"] == (0.86, "fraction")  # release 19
    assert rows["model_assumptions.csv", "horizon_min_year"] == (2022.0, "year")
    assert rows["model_assumptions.csv", "normal_lead_time_weeks"] == (12.0, "weeks")
    # no capacity or start year is defaulted (data release 24 removed v1's unread default rows)
    assert not {
        p for f, p in rows if p.startswith(("default_capacity", "default_start", "fab_ramp"))
    }
