"""Shocks: what a scenario's shocks hit (producers, countries, firms, inputs, demand) and the
inputs each node class needs (`inputs`: supply weights and requirement terms)."""

from chipshock.sim.shocks.compile import ShockArrays, compile_shocks

__all__ = ["ShockArrays", "compile_shocks"]
