"""The engine's demand-side and wafer-bank assumptions as sensitivity factors: the backlog's
cancel share, the double-ordering slope and cap (scenario parameters, model_assumptions.csv)
and producers' wafer/die banks (inventory_buffers.csv ``chips:producer``)."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock.errors import InputError
from chipshock.scenarios import load_scenario
from chipshock.sim import ModelData
from chipshock.sim.sensitivity import apply_target, default_factors, sensitivity
from chipshock.sim.sobol import _Factor
from chipshock.sim.sobol_batch import compiled_factors

NEW = (
    "backlog_cancel_share",
    "double_order_sensitivity",
    "double_order_cap",
    "producer_wafer_bank",
    "restock_adjust_weeks",
)
FLAGSHIP = "taiwan-blockade-2027-6m"


def test_default_table_has_the_demand_side_factors() -> None:
    """The demand-side factors are default rows (so both the tornado and Sobol vary them)."""
    t = default_factors().set_index("factor")
    assert set(NEW) <= set(t.index)
    assert t.loc["backlog_cancel_share", "target"] == "parameters.backlog_cancel_share_per_week"
    assert t.loc["producer_wafer_bank", "target"] == "inventory_buffers.chips:producer"
    assert t.loc["restock_adjust_weeks", "target"] == "parameters.restock_adjust_weeks"


def test_parameter_factor_sets_the_scenario_parameter(model_data: ModelData) -> None:
    """low/high become fixed scenario parameters; the base is the model_assumptions.csv row."""
    s = load_scenario(FLAGSHIP)
    a = apply_target(s, model_data, "parameters.double_order_cap", "set", 0.25, 1.0)
    assert a.base_value == model_data.assumption("double_order_cap")
    assert dict(a.low.scenario.parameters)["double_order_cap"].central == 0.25
    assert dict(a.high.scenario.parameters)["double_order_cap"].central == 1.0
    assert a.confidence == "low" and a.source_url.startswith("http")


def test_unknown_parameter_names_the_target(model_data: ModelData) -> None:
    """A parameters.<name> that is not a demand-side parameter is an error naming the target."""
    with pytest.raises(InputError) as info:
        apply_target(load_scenario(FLAGSHIP), model_data, "parameters.warp", "set", 0, 1)
    assert "factors.target" in str(info.value) and "backlog_cancel_share_per_week" in str(
        info.value
    )


def test_new_factors_are_draw_factors(model_data: ModelData) -> None:
    """They change only per-run draws, never the compiled arrays, so the Sobol batch stacks
    them as runs of one engine job (no compile per point)."""
    s = load_scenario(FLAGSHIP).with_changes(runs=2)
    table = default_factors().set_index("factor").loc[list(NEW)].reset_index()
    built = [
        _Factor(
            dict(row),
            apply_target(s, model_data, row["target"], row["method"], row["low"], row["high"]),
        )
        for row in table.to_dict("records")
    ]
    assert compiled_factors(built, s, model_data) == []


@pytest.fixture(scope="module")
def flagship_tornado(model_data: ModelData) -> dict[str, dict[str, float]]:
    """Tornado of the flagship blockade on the four factors, loss and peak lead time."""
    s = load_scenario(FLAGSHIP)
    out: dict[str, dict[str, float]] = {}
    for kpi in ("loss_usd_bn", "lead_time_weeks_peak"):
        t = sensitivity(s, model_data, runs=16, kpi=kpi, factors=list(NEW)).table
        for _, r in t.iterrows():
            out.setdefault(str(r["factor"]), {})[kpi] = float(r["swing"])
            out[str(r["factor"])][f"{kpi}_low"] = float(r["kpi_low"])
    return out


def test_cancelling_more_orders_loses_more(flagship_tornado: dict[str, dict[str, float]]) -> None:
    """Cancelled orders are output lost; waiting orders are delivered later: a higher weekly
    cancel share raises the flagship's loss (it must move it, not only not lower it)."""
    assert flagship_tornado["backlog_cancel_share"]["loss_usd_bn"] > 0


def test_bigger_wafer_banks_never_lose_more(flagship_tornado: dict[str, dict[str, float]]) -> None:
    """Producers' banks cover a shortfall before the customers see it."""
    assert flagship_tornado["producer_wafer_bank"]["loss_usd_bn"] <= 1e-9


def test_double_ordering_lengthens_lead_times(
    flagship_tornado: dict[str, dict[str, float]],
) -> None:
    """Phantom orders inflate the order book and so the quoted lead time: the slope and the cap
    never shorten the peak lead time, and the slope lengthens it; their loss swing is reported
    (finite), whatever its sign."""
    slope, cap = flagship_tornado["double_order_sensitivity"], flagship_tornado["double_order_cap"]
    assert slope["lead_time_weeks_peak"] > 0 and cap["lead_time_weeks_peak"] >= 0
    assert np.isfinite(slope["loss_usd_bn"]) and np.isfinite(cap["loss_usd_bn"])
