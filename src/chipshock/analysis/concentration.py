"""Market concentration per input: Herfindahl-Hirschman index and how much of the market is named.

Definitions (percent shares sᵢ as published, 0..100):

- ``hhi`` = Σ sᵢ² over the *named* providers with a known share, on the 0..10,000 scale.
  Aggregate buckets ("Various countries", "Various companies") are EXCLUDED: a residual of many
  small players is not one firm. Providers listed without a share are left out too, so where
  ``unknown_share_pct > 0`` the HHI is a lower bound. NaN when no named share is known.
- ``known_share_pct`` = Σ sᵢ over named providers with a known share (can exceed 100 slightly,
  as published sums run to 102).
- ``unknown_share_pct`` = max(0, 100 − known_share_pct): what the published numbers leave
  unattributed to a named provider. It includes the aggregate buckets' share and the share of
  providers listed without a number.
- ``n_providers`` counts named providers listed (aggregates excluded); ``n_unknown_share`` those
  among them without a share.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from chipshock.analysis._common import check_by, kind_rows, natural_key
from chipshock.model.chain import SupplyChain

__all__ = ["CONCENTRATION_COLUMNS", "concentration", "hhi"]

#: Columns of `concentration`.
CONCENTRATION_COLUMNS = [
    "input_id",
    "input_name",
    "input_type",
    "hhi",
    "known_share_pct",
    "unknown_share_pct",
    "n_providers",
    "n_unknown_share",
    "top_provider",
    "top_share_pct",
    "year",
]


def hhi(shares_pct: Iterable[float]) -> float:
    """Herfindahl-Hirschman index HHI = Σ sᵢ² of the known percent shares (NaN ignored).

    Returns NaN if no share is known.

    >>> hhi([80.0, 20.0])
    6800.0
    >>> hhi([50.0, float("nan")])
    2500.0
    """
    arr = np.asarray(list(shares_pct), dtype=float)
    known = arr[np.isfinite(arr)]
    if known.size == 0:
        return float("nan")
    return float(np.sum(known * known))


def concentration(chain: SupplyChain, by: str = "country") -> pd.DataFrame:
    """HHI, named vs unattributed share and top provider of every input with rows of kind `by`.

    See the module docstring for the exact definitions. Aggregates are excluded from the HHI,
    from ``n_providers`` and from ``top_provider``; their share counts as unknown.

    >>> from chipshock.examples import tiny_chain
    >>> df = concentration(tiny_chain(), by="country").set_index("input_id")
    >>> print(df.at["N11", "hhi"], df.at["N11", "top_provider"])
    6800.0 NLD
    >>> print(df.at["N14", "known_share_pct"], df.at["N14", "unknown_share_pct"])
    90.0 10.0
    """
    by = check_by(by)
    rows = kind_rows(chain, by)
    # plain Python over the rows (one pass), not pandas per input: ~100x faster on 125 inputs
    years = rows["year"].astype(object).where(rows["year"].notna(), None)
    groups: dict[str, list[tuple[str, str, str, float, bool, object]]] = {}
    for iid, name, type_, provider, share, agg, year in zip(
        rows["input_id"].astype(str),
        rows["input_name"].astype(str),
        rows["input_type"].astype(str),
        rows["provider"].astype(str),
        rows["share_pct"].to_numpy(dtype=float).tolist(),
        rows["is_aggregate"].astype(bool),
        years,
        strict=True,
    ):
        groups.setdefault(iid, []).append((name, type_, provider, share, bool(agg), year))
    records: list[dict[str, object]] = []
    for input_id, group in groups.items():
        named = [(share, provider) for _n, _t, provider, share, agg, _y in group if not agg]
        known = [(share, provider) for share, provider in named if math.isfinite(share)]
        known_sum = float(np.sum([share for share, _ in known])) if known else 0.0
        top = min(known, key=lambda sp: (-sp[0], sp[1])) if known else None
        listed_years = [y for *_, y in group if y is not None]
        records.append(
            {
                "input_id": input_id,
                "input_name": group[0][0],
                "input_type": group[0][1],
                "hhi": hhi(share for share, _ in named),
                "known_share_pct": round(known_sum, 6),
                "unknown_share_pct": round(max(0.0, 100.0 - known_sum), 6),
                "n_providers": len(named),
                "n_unknown_share": len(named) - len(known),
                "top_provider": None if top is None else top[1],
                "top_share_pct": float("nan") if top is None else top[0],
                "year": max(listed_years) if listed_years else None,  # type: ignore[type-var]
            }
        )
    df = pd.DataFrame.from_records(records, columns=CONCENTRATION_COLUMNS)
    if df.empty:
        return df
    df["year"] = df["year"].astype("Int64")
    order = df["input_id"].map(lambda i: natural_key(str(i))).rank(method="dense")
    return df.assign(_k=order).sort_values("_k").drop(columns="_k").reset_index(drop=True)
