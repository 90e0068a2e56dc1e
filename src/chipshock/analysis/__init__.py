"""Pure analysis functions over a `SupplyChain`: shares, concentration, chokepoints, dependency
tracing, coalition coverage, criticality and cooperative-game (Shapley) values.

Every function returns new tidy pandas tables or frozen result objects; none does I/O.

>>> from chipshock.examples import tiny_chain
>>> from chipshock.analysis import chokepoints
>>> chokepoints(tiny_chain(), 90.0)["provider"].tolist()
['USA', 'NLD', 'JPN']
"""

from chipshock.analysis.alliance import (
    deliverable_totals,
    fab_node_class,
    fab_totals,
    filter_deliverables,
    filter_fabs,
    filter_partnerships,
    partnership_totals,
)
from chipshock.analysis.chokepoints import chokepoints
from chipshock.analysis.coalition import (
    CoalitionModel,
    CoalitionResult,
    coalition_coverage,
    coalition_model,
    share_matrix,
)
from chipshock.analysis.concentration import concentration, hhi
from chipshock.analysis.criticality import criticality
from chipshock.analysis.graph import (
    TraceResult,
    ancestors,
    assessed_inputs,
    descendants,
    first_process,
    trace,
)
from chipshock.analysis.shapley import (
    ShapleyResult,
    SynergyResult,
    coalition_value,
    shapley,
    shapley_values,
    synergy,
)
from chipshock.analysis.shares import input_shares, stage_shares

__all__ = [
    "CoalitionModel",
    "CoalitionResult",
    "ShapleyResult",
    "SynergyResult",
    "TraceResult",
    "ancestors",
    "assessed_inputs",
    "chokepoints",
    "coalition_coverage",
    "coalition_model",
    "coalition_value",
    "concentration",
    "criticality",
    "deliverable_totals",
    "descendants",
    "fab_node_class",
    "fab_totals",
    "filter_deliverables",
    "filter_fabs",
    "filter_partnerships",
    "first_process",
    "hhi",
    "input_shares",
    "partnership_totals",
    "shapley",
    "shapley_values",
    "share_matrix",
    "stage_shares",
    "synergy",
    "trace",
]
