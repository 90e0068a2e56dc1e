"""Units of the engine: weeks per model year, monthly -> weekly wafer starts, and the
round-off tolerance of its balances."""

from __future__ import annotations

__all__ = ["RESTOCK_LOT", "ROUNDOFF", "WEEKLY_FACTOR", "WEEKS_PER_YEAR"]

WEEKS_PER_YEAR = 52
WEEKLY_FACTOR = 12.0 / 52.0  # monthly wafer starts -> weekly
#: relative round-off of a producer's balance: output minus sales within ROUNDOFF x capacity is
#: neither spare capacity nor a draw on the bank; a producer is short only when its unserved
#: orders exceed ROUNDOFF x its orders; its normal orders minus its orders within ROUNDOFF x
#: normal orders are no change in its sales. Without it, a producer whose orders equal its
#: capacity (utilisation 1), or whose normal orders are summed over its markets in another
#: order than its orders, would drift by one unit in the last place every week and never settle.
ROUNDOFF = 1e-12
#: smallest restocking order, as a share of the cover: a stock gap of at most RESTOCK_LOT x
#: cover is ordered whole, not a 1/tau part of it. Restocking orders a share of the gap each
#: week, so the gap shrinks geometrically and would never close; with this lot the last 0.1%
#: of the cover arrives at once (within about 23 weeks of a full drawdown at tau = 3.8 weeks),
#: after which the run can settle. It moves stocks by at most 0.1% of the cover in that tail.
RESTOCK_LOT = 1e-3
#: a sourcing link counts in the weeks of cover left (``inventory_cover_min_weeks``) where its
#: share of the market's class demand exceeds this (a share left by round-off has no stock)
COVER_LINK_SHARE = 1e-9
