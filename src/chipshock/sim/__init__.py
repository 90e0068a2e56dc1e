"""chipshock.sim: the Monte Carlo scenario engine (capacity, shocks, inputs, inventories,
allocation, KPIs) with local and Dask executors.

>>> from chipshock import sim
>>> from chipshock.scenarios.model import Scenario, Shock
>>> s = Scenario("t", "TWN out", start_year=2026, end_year=2027, runs=10,
...              shocks=(Shock("country", ("TWN",), 2026),))
>>> result = sim.run(s, sim.ModelData.tiny())
>>> sorted(result.kpis["kpi"].unique())[0]
'cumulative_shortfall_pct_annual'
"""

from chipshock.sim import data
from chipshock.sim.api import compare, run, sweep
from chipshock.sim.data import ModelData, load_model_data
from chipshock.sim.network.tables import capacity_table, producer_table
from chipshock.sim.results import Comparison, SimResult
from chipshock.sim.sensitivity import SensitivityResult, sensitivity

__all__ = [
    "Comparison",
    "ModelData",
    "SensitivityResult",
    "SimResult",
    "capacity_table",
    "compare",
    "data",
    "load_model_data",
    "producer_table",
    "run",
    "sensitivity",
    "sweep",
]
