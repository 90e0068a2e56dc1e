"""Units of the engine: weeks per model year, monthly -> weekly wafer starts, and the
round-off tolerance of its balances."""

from __future__ import annotations

__all__ = ["ROUNDOFF", "WEEKLY_FACTOR", "WEEKS_PER_YEAR"]

WEEKS_PER_YEAR = 52
WEEKLY_FACTOR = 12.0 / 52.0  # monthly wafer starts -> weekly
#: relative round-off of a producer's balance: output minus sales within ROUNDOFF x capacity is
#: neither spare capacity nor a draw on the bank, and a producer is short only when its unserved
#: orders exceed ROUNDOFF x its orders. Without it, a producer whose orders equal its capacity
#: (utilisation 1) would drift by one unit in the last place every week and never settle.
ROUNDOFF = 1e-12
