"""Substitution between producers: who can take over a failed producer's customers, and when.

When producer p cannot serve its customers, their unserved demand U[m, p] waits for
qualification at another producer of the same node class:

    tier 1 (same operator, another of its fabs): after d_same weeks of p's shortfall
    tier 2 (any producer of the class):          after d_cross weeks (d_lead for lt10, the
                                                 leading edge, where porting takes longest)

and only up to the alternatives' spare capacity (capacity available minus what they serve
their own customers). The delays are drawn per run from triangular distributions given by
model_assumptions.csv rows ``qualification_weeks_<tier>`` (mode) with ``_low``/``_high``
(named parameters ``qualification_weeks.same_operator``, ``.cross_foundry`` and
``.leading_edge``, overridable in a scenario's ``[parameters]``). "Other fabs" remainders are
many operators: they are never "the same operator" as anyone, except a remainder that
``remainder_operators.csv`` counts as one operator's (``Producer.counted_as``: Taiwan's <10nm
remainder is TSMC's), which joins that operator's group in its class.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chipshock.scenarios.model import Distribution
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network

__all__ = ["LEADING_EDGE", "TIERS", "delay_distribution", "operator_groups"]

I64 = npt.NDArray[np.int64]
TIERS = ("same_operator", "cross_foundry", "leading_edge")
LEADING_EDGE = ("lt10",)


def delay_distribution(data: ModelData, tier: str) -> Distribution:
    """The triangular distribution of a tier's qualification delay, in weeks (data rows)."""
    base = f"qualification_weeks_{tier}"
    mode = data.assumption(base)
    low, high = data.assumption(base + "_low"), data.assumption(base + "_high")
    return Distribution("triangular", low=min(low, mode), mode=mode, high=max(high, mode))


def operator_groups(network: Network) -> tuple[I64, int]:
    """Group index of each producer (same operator and class, a counted remainder with its
    operator's fabs; each remainder of no operator alone) and the number of groups."""
    keys: dict[tuple[str, str], int] = {}
    out = np.zeros(len(network.producers), dtype=np.int64)
    for i, p in enumerate(network.producers):
        key = (p.group_operator, p.node_class) if p.group_operator else (p.producer_id, "")
        out[i] = keys.setdefault(key, len(keys))
    return out, len(keys)
