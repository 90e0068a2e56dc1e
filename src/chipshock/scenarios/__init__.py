"""Scenarios: the TOML file format, its validation, the built-in library and overrides.

>>> from chipshock.scenarios import builtin_ids, load_scenario, scenario_to_toml
>>> s = load_scenario("taiwan-blockade-2027-6m-no-alliance-fabs")
>>> s.interventions[0].kind, len(s.interventions[0].fabs)
('fabs_off', 6)
"""

from chipshock.errors import ScenarioValidationFailed
from chipshock.model.market_schema import MARKETS
from chipshock.scenarios._fields import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_RUNS,
    REGISTRY_FIRST_YEAR,
    REGISTRY_LAST_YEAR,
    check_model_year,
    check_registry_year,
)
from chipshock.scenarios.model import Distribution, Intervention, Scenario, Shock
from chipshock.scenarios.overrides import apply_overrides
from chipshock.scenarios.parser import (
    builtin_ids,
    builtin_scenarios,
    builtin_text,
    load_scenario,
    parse_scenario,
    parse_sourcing,
)
from chipshock.scenarios.serialize import scenario_to_dict, scenario_to_toml

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MARKETS",
    "MAX_RUNS",
    "REGISTRY_FIRST_YEAR",
    "REGISTRY_LAST_YEAR",
    "Distribution",
    "Intervention",
    "Scenario",
    "ScenarioValidationFailed",
    "Shock",
    "apply_overrides",
    "builtin_ids",
    "builtin_scenarios",
    "builtin_text",
    "check_model_year",
    "check_registry_year",
    "load_scenario",
    "parse_scenario",
    "parse_sourcing",
    "scenario_to_dict",
    "scenario_to_toml",
]
