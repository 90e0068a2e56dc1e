"""Compatibility path: `chipshock.sim.run.economics` holds this module since the engine was arranged
in parts (network, shocks, demand, engine, run); callers written against the v1 path
(validation, Sobol) keep working. New code imports `chipshock.sim.run.economics`."""

from chipshock.sim.run.economics import *  # noqa: F403
from chipshock.sim.run.economics import __all__ as __all__
