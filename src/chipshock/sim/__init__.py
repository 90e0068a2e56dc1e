"""chipshock.sim: the Monte Carlo scenario engine, in parts that show the model:

- `chipshock.sim.network`: producers (itemised fabs and "other fabs" remainders), sourcing,
  substitution groups and qualification delays, capacity and producer tables;
- `chipshock.sim.shocks`: what shocks hit; the inputs each node class needs;
- `chipshock.sim.demand`: end-market demand, value and priorities;
- `chipshock.sim.engine`: the weekly step (supply, allocation with substitution, inventories
  and lead times, KPIs), vectorised over runs, with a compiled kernel;
- `chipshock.sim.run`: run / compare / sweep, executors (local, Dask), results, the store edge;
- `chipshock.sim.reference`: the plain-loop oracle; `chipshock.sim.sensitivity`: tornado.

>>> from chipshock import sim
>>> from chipshock.scenarios.model import Scenario, Shock
>>> s = Scenario("t", "TWN out", start_year=2026, end_year=2027, runs=10,
...              shocks=(Shock("country", ("TWN",), 2026),))
>>> result = sim.run(s, sim.ModelData.tiny())
>>> {"chips_not_delivered_usd_bn", "backlog_end_weeks"} <= set(result.kpis["kpi"])
True
"""

from chipshock.sim import data
from chipshock.sim.data import ModelData, load_model_data
from chipshock.sim.network.sourcing_check import (
    SOURCING_CHECK_NOTE,
    SourcingCheck,
    sourcing_check,
)
from chipshock.sim.network.sourcing_view import (
    SOURCING_BY,
    SOURCING_NOTE,
    SOURCING_SOURCE,
    SourcingView,
    sourcing_table,
)
from chipshock.sim.network.tables import capacity_table, fallen_fabs, producer_table
from chipshock.sim.run.api import compare, run, sweep
from chipshock.sim.run.results import Comparison, SimResult
from chipshock.sim.sensitivity import SensitivityResult, sensitivity

__all__ = [
    "SOURCING_BY",
    "SOURCING_CHECK_NOTE",
    "SOURCING_NOTE",
    "SOURCING_SOURCE",
    "Comparison",
    "ModelData",
    "SensitivityResult",
    "SimResult",
    "SourcingCheck",
    "SourcingView",
    "capacity_table",
    "compare",
    "data",
    "fallen_fabs",
    "load_model_data",
    "producer_table",
    "run",
    "sensitivity",
    "sourcing_check",
    "sourcing_table",
    "sweep",
]
