"""The demand side: each end market's chip demand per node class, its value and priorities
(`markets`). Orders, inventories, lead times and demand shocks act in the weekly step
(`chipshock.sim.engine.allocation`)."""

from chipshock.sim.demand.markets import MarketArrays, market_arrays, market_country_output

__all__ = ["MarketArrays", "market_arrays", "market_country_output"]
