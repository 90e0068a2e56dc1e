"""Criticality: what the world loses if one country or firm is cut off, over the assessed inputs.

Only assessed inputs at leaf level count (see `assessed_inputs`), so no input is counted with its
parent or child; aggregates are never ranked. With sᵢⱼ the published percent share of provider i
in input j (unknown shares count as 0):

- ``share_lost_sum`` = Σⱼ sᵢⱼ / 100: the inputs-worth of world supply lost;
- ``inputs_left_below_threshold`` = #{j : 100 − sᵢⱼ < threshold}: inputs where everyone else
  together would supply less than `threshold` percent of the pre-cut-off market;
- ``dominant_inputs`` = #{j : sᵢⱼ ≥ threshold}; ``sole_source_inputs`` = #{j : sᵢⱼ ≥ 99.5}.

Ranking: ``inputs_left_below_threshold`` descending, then ``share_lost_sum`` descending, then
provider name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chipshock.analysis._common import SOLE_SOURCE_PCT, check_by, check_pct, kind_rows
from chipshock.analysis.graph import assessed_inputs
from chipshock.model.chain import SupplyChain

__all__ = ["CRITICALITY_COLUMNS", "criticality"]

#: Columns of `criticality`.
CRITICALITY_COLUMNS = [
    "rank",
    "provider",
    "provider_type",
    "hq_country",
    "inputs_supplied",
    "sole_source_inputs",
    "dominant_inputs",
    "share_lost_sum",
    "inputs_left_below_threshold",
    "top_inputs",
]


def criticality(chain: SupplyChain, by: str = "country", threshold: float = 50.0) -> pd.DataFrame:
    """Rank named providers by what is lost if each is cut off (see the module docstring).

    ``inputs_supplied`` counts assessed inputs where the provider is listed (any share);
    ``top_inputs`` names its three largest-share inputs. Columns: `CRITICALITY_COLUMNS`.

    >>> from chipshock.examples import tiny_chain
    >>> df = criticality(tiny_chain(), "country")
    >>> df[["provider", "inputs_left_below_threshold", "share_lost_sum"]].values.tolist()[:3]
    [['USA', 1, 1.4], ['NLD', 1, 1.0], ['JPN', 1, 0.9]]
    """
    by = check_by(by)
    threshold = check_pct(threshold, "threshold")
    assessed = set(assessed_inputs(chain, by=by, level="leaf"))
    rows = kind_rows(chain, by)
    rows = rows[~rows["is_aggregate"] & rows["input_id"].isin(assessed)]
    records: list[dict[str, object]] = []
    for _, g in rows.groupby("provider_id", sort=False):
        s = g["share_pct"].to_numpy(dtype=float)
        known = np.nan_to_num(s)
        top = g.assign(_s=known).sort_values(["_s", "input_name"], ascending=[False, True])
        records.append(
            {
                "provider": str(g["provider"].iloc[0]),
                "provider_type": str(g["provider_type"].iloc[0]),
                "hq_country": g["hq_country"].iloc[0],
                "inputs_supplied": len(g),
                "sole_source_inputs": int((known >= SOLE_SOURCE_PCT).sum()),
                "dominant_inputs": int((known >= threshold - 1e-9).sum()),
                "share_lost_sum": round(float(known.sum()) / 100.0, 6),
                "inputs_left_below_threshold": int((100.0 - known < threshold - 1e-9).sum()),
                "top_inputs": "; ".join(top["input_name"].astype(str).head(3)),
            }
        )
    df = pd.DataFrame.from_records(records, columns=CRITICALITY_COLUMNS[1:])
    if df.empty:
        return pd.DataFrame(columns=CRITICALITY_COLUMNS)
    df = df.sort_values(
        ["inputs_left_below_threshold", "share_lost_sum", "provider"],
        ascending=[False, False, True],
        kind="stable",
    ).reset_index(drop=True)
    df.insert(0, "rank", np.arange(1, len(df) + 1, dtype=np.int64))
    return df[CRITICALITY_COLUMNS]
