"""The vectorised weekly engine: layout and state (`layout`), supply (`supply`: inputs and
producers' capacity), the network allocation (`allocation`: orders, own customers first,
substitution after qualification, inventories, lead times), measures (`kpis`) and the loop
(`loop`). `chipshock.sim.reference` is its plain-loop oracle."""

from chipshock.sim.engine.allocation import waterfill
from chipshock.sim.engine.kpis import output_lost
from chipshock.sim.engine.layout import NBINS, SUPPLY_RANGE, ChunkResult
from chipshock.sim.engine.loop import run_chunk

__all__ = ["NBINS", "SUPPLY_RANGE", "ChunkResult", "output_lost", "run_chunk", "waterfill"]
