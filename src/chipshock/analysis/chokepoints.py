"""Chokepoints: inputs where one named country or firm holds at least `min_share` of the market.

Aggregate buckets ("Various countries", "Various companies") are never chokepoint providers.
Parents and children of the input hierarchy (e.g. N19 Lithography tools and N20 EUV tools) are
listed separately, never summed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chipshock.analysis._common import check_by, check_pct, kind_rows, natural_key
from chipshock.analysis.concentration import concentration
from chipshock.model.chain import SupplyChain

__all__ = ["CHOKEPOINT_COLUMNS", "chokepoints"]

#: Columns of `chokepoints`.
CHOKEPOINT_COLUMNS = [
    "input_id",
    "input_name",
    "input_type",
    "provider",
    "share_pct",
    "hhi",
    "year",
    "source",
    "n_alternatives",
]


def chokepoints(chain: SupplyChain, min_share: float = 50.0, by: str = "country") -> pd.DataFrame:
    """Rows (input, provider) where a named provider's share sᵢ ≥ `min_share` percent.

    ``hhi`` is the input's HHI (see `concentration`); ``n_alternatives`` counts the *other*
    named providers listed for the input whose share is not an explicit 0 (a blank share counts
    as a possible alternative). Sorted by share descending, then input id.
    Columns: `CHOKEPOINT_COLUMNS`.

    >>> from chipshock.examples import tiny_chain
    >>> df = chokepoints(tiny_chain(), 50.0, by="country")
    >>> for row in df[["input_name", "provider", "share_pct"]].itertuples(index=False):
    ...     print(*row)
    EDA software USA 100.0
    EUV scanner NLD 100.0
    Resist JPN 90.0
    Scanner NLD 80.0
    Gas CHN 60.0
    Bonder TWN 50.0
    """
    by = check_by(by)
    min_share = check_pct(min_share, "min_share")
    rows = kind_rows(chain, by)
    named = rows[~rows["is_aggregate"]]
    hits = named[named["share_pct"] >= min_share - 1e-9]
    if hits.empty:
        return pd.DataFrame(columns=CHOKEPOINT_COLUMNS)
    possible = named[~(named["share_pct"] == 0.0)]
    listed: dict[str, set[str]] = {}
    for i, p in zip(possible["input_id"], possible["provider_id"], strict=True):
        listed.setdefault(str(i), set()).add(str(p))
    hits = hits.assign(
        n_alternatives=[
            len(listed.get(str(i), set()) - {str(p)})
            for i, p in zip(hits["input_id"], hits["provider_id"], strict=True)
        ]
    )
    conc = concentration(chain, by=by).set_index("input_id")["hhi"]
    hits = hits.assign(hhi=hits["input_id"].map(conc).astype(float))
    key = hits["input_id"].map(lambda i: natural_key(str(i))).rank(method="dense")
    out = (
        hits.assign(_neg=-hits["share_pct"], _k=key)
        .sort_values(["_neg", "_k", "provider"], kind="stable")
        .reset_index(drop=True)
    )
    out["n_alternatives"] = out["n_alternatives"].astype(np.int64)
    return out[CHOKEPOINT_COLUMNS]
