"""History cases: the scenario of each past disruption and how each observed quantity is read
off the model.

A history case is a scenario file in ``chipshock/scenarios/history/<case_id>.toml`` (the event
replayed on the model's world) plus rows of ``history_observations.csv`` (what was observed).
A `Measure` says how one observed quantity is computed from the model, per Monte Carlo run, so
that it has a band (p5, p50, p95) to compare with:

- ``shock_draws``: a shock's drawn ``duration`` (weeks to restart) or ``duration+recovery``
  (weeks to full capacity) - the same streams as the engine (`chipshock.sim.params.draw`); from
  the case's scenario or, with ``scenario``, from a forward built-in scenario (a prior check);
- ``kpi``: an engine KPI of one market (``<market>:<kpi>``), optionally times an input row of
  the case (``scale_by``) x ``factor`` (e.g. weeks of car output x vehicles per year / 52)
  and divided by another (``divide_by``: e.g. USD bn of car output lost / USD k of revenue per
  vehicle = million vehicles);
- ``inventory_days``: the customer inventory of a market (end_markets.csv triangular
  low/mode/high, drawn as the engine draws it) x the inventory regime factor (``<market>@<regime>``
  or the case's regime) x 7 days;
- ``not_modelled``: the model has no counterpart yet; ``reason`` says why.

``fitted_to`` names what was fitted to the observation itself (a calibrated row, a regime set
from the same figure), so that `validate` labels its status "(in-sample)": such a row shows only
that the fitted value is read, and tests nothing; empty for an out-of-sample observation.

``tolerance`` is the agreed slack (in the quantity's unit) by which the regression tests widen
the model band of a case that passes today; it is not used by `validate` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

from chipshock.scenarios import Scenario, load_scenario, parse_scenario

__all__ = ["MEASURES", "Measure", "MeasureKind", "history_case_ids", "load_history_case"]

MeasureKind = Literal["shock_draws", "kpi", "inventory_days", "not_modelled"]


@dataclass(frozen=True)
class Measure:
    """How one observed quantity of a history case is read off the model (see module)."""

    case_id: str
    quantity: str
    kind: MeasureKind
    what: str = ""
    explains: str = ""
    scenario: str = ""
    scale_by: str = ""
    factor: float = 1.0
    divide_by: str = ""
    tolerance: float = 0.0
    reason: str = ""
    fitted_to: str = ""


MEASURES: tuple[Measure, ...] = (
    Measure("naka-fire-2021", "restart_weeks", "shock_draws", "duration",
            "drawn weeks before the fab restarts (the case's prior)", tolerance=0.5,
            fitted_to="calibrated row fab_fire_downtime (chipshock calibrate)"),
    Measure("naka-fire-2021", "full_capacity_weeks", "shock_draws", "duration+recovery",
            "drawn weeks to restart plus weeks of ramp (the case's prior)", tolerance=1.0,
            fitted_to="calibrated rows fab_fire_downtime, fab_fire_recovery_ramp "
            "(chipshock calibrate)"),
    Measure("naka-fire-2021", "automotive_output_lost_weeks", "kpi", "automotive:output_lost_weeks",
            "weeks of world automotive output lost (engine KPI)", tolerance=0.2),
    Measure("tohoku-2011", "naka_restart_weeks", "shock_draws", "duration",
            "drawn weeks before Japanese fabs restart (japan_quake_downtime prior)", tolerance=1.0),
    Measure("tohoku-2011", "japan_vehicle_output_drop_pct", "not_modelled",
            reason="the model has one world automotive market, not Japan's output, and no "
            "non-chip parts, power cuts or tsunami damage"),
    Measure("shortage-2021", "customer_inventory_days_2019", "inventory_days", "automotive@2019",
            "automotive customer chip inventory, 2019 regime (end_markets.csv) x 7",
            tolerance=5.0),
    Measure("shortage-2021", "customer_inventory_days_2021", "inventory_days", "automotive",
            "automotive customer chip inventory in the case's regime (2021_lean: end_markets.csv "
            "x inventory_regime_2021_lean) x 7; a consistency check, as the regime row is set "
            "from the same RFI figure", tolerance=1.0,
            fitted_to="model_assumptions.csv inventory_regime_2021_lean (chipshock calibrate)"),
    Measure("shortage-2021", "lead_time_weeks_dec_2021", "kpi", "all:lead_time_weeks_peak",
            "peak lead time, all markets: normal lead time + orders outstanding / demand "
            "(engine KPI)", tolerance=2.0),
    Measure("shortage-2021", "vehicles_not_built_m", "kpi", "automotive:output_lost_weeks",
            "weeks of world automotive output lost x 2019 light-vehicle production / 52",
            scale_by="world_light_vehicle_production_2019_m", factor=1 / 52, tolerance=0.5),
    Measure("shortage-2021", "vehicles_not_built_alixpartners_m", "kpi", "automotive:loss_usd_bn",
            "automotive output lost (USD bn, engine KPI) / AlixPartners' revenue lost per "
            "vehicle not built (USD k; input row revenue_lost_per_vehicle_usd_k)",
            divide_by="revenue_lost_per_vehicle_usd_k", tolerance=0.5),
    Measure("shortage-2021", "automotive_mcu_lead_time_weeks_q4_2021", "kpi",
            "automotive:lead_time_weeks_peak",
            "peak lead time of the automotive market (engine KPI), the closest counterpart of "
            "microcontroller lead times (the model has no product lines)", tolerance=2.0),
    Measure("shortage-2020-21", "lead_time_weeks_dec_2021", "kpi", "all:lead_time_weeks_peak",
            "peak lead time, all markets: normal lead time + orders outstanding / demand "
            "(engine KPI)", tolerance=2.0),
    Measure("shortage-2020-21", "automotive_mcu_lead_time_weeks_q4_2021", "kpi",
            "automotive:lead_time_weeks_peak",
            "peak lead time of the automotive market (engine KPI), the closest counterpart of "
            "microcontroller lead times (the model has no product lines)", tolerance=2.0),
    Measure("shortage-2020-21", "vehicles_not_built_m", "kpi", "automotive:output_lost_weeks",
            "weeks of world automotive output lost x 2019 light-vehicle production / 52",
            scale_by="world_light_vehicle_production_2019_m", factor=1 / 52, tolerance=0.5),
    Measure("hualien-2024", "full_recovery_weeks", "shock_draws", "duration+recovery",
            "weeks of downtime plus ramp drawn from the forward japan-earthquake priors",
            scenario="japan-earthquake", tolerance=0.2),
    Measure("hualien-2024", "all_output_lost_weeks", "kpi", "all:output_lost_weeks",
            "weeks of output lost, all markets (engine KPI)", tolerance=0.05),
    Measure("hualien-2024", "tsmc_loss_usd_m", "not_modelled",
            reason="the model has no wafer scrap, insurance or company accounts"),
)  # fmt: skip


def _history_dir() -> resources.abc.Traversable:
    return resources.files("chipshock") / "scenarios" / "history"


def history_case_ids() -> list[str]:
    """Ids of the shipped history cases (file stems), sorted."""
    return sorted(
        p.name.removesuffix(".toml") for p in _history_dir().iterdir() if p.name.endswith(".toml")
    )


def load_history_case(case_id: str) -> Scenario:
    """The scenario of a shipped history case (`UnknownCodeError` names the valid ids)."""
    ids = history_case_ids()
    if case_id not in ids:
        from chipshock.errors import Problem, UnknownCodeError

        raise UnknownCodeError(
            Problem("unknown history case", field="case", value=case_id,
                    expected="one of " + ", ".join(ids))
        )  # fmt: skip
    text = (_history_dir() / f"{case_id}.toml").read_text(encoding="utf-8")
    return parse_scenario(text, f"history:{case_id}", default_id=case_id)


def forward_scenario(scenario_id: str) -> Scenario:
    """A built-in forward scenario, for prior checks."""
    return load_scenario(scenario_id)
