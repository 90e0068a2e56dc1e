"""The supply network: producers (itemised fabs and explicit regional remainders), the
sourcing of each market's demand from them, and the substitution between them (qualification
delays, `chipshock.sim.network.substitution`)."""

from chipshock.sim.network.fab_steps import fab_capacity_rows
from chipshock.sim.network.producers import (
    OTHER_OPERATOR,
    Network,
    Producer,
    build_network,
)
from chipshock.sim.network.sourcing import (
    fit_to_capacity,
    sourcing_overflow,
    sourcing_shares,
    sourcing_table,
)

__all__ = [
    "OTHER_OPERATOR",
    "Network",
    "Producer",
    "build_network",
    "fab_capacity_rows",
    "fit_to_capacity",
    "sourcing_overflow",
    "sourcing_shares",
    "sourcing_table",
]
