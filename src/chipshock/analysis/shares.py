"""Who supplies what: published market shares per input and per stage, as tidy tables.

Shares are percentages (0..100) exactly as published: a blank share stays NaN ("listed, share
unknown"), never 0, and nothing is renormalised (SCHEMA quirks 2 and 8).
"""

from __future__ import annotations

import pandas as pd

from chipshock.analysis._common import VIEW_COLUMNS, check_by, natural_key, provision_view
from chipshock.model.chain import SupplyChain

__all__ = ["INPUT_SHARE_COLUMNS", "STAGE_SHARE_COLUMNS", "input_shares", "stage_shares"]

#: Columns of `input_shares`.
INPUT_SHARE_COLUMNS = list(VIEW_COLUMNS)

#: Columns of `stage_shares`.
STAGE_SHARE_COLUMNS = [
    "stage_id",
    "stage_name",
    "provider",
    "share_pct",
    "year",
    "source",
    "caption",
]


def input_shares(chain: SupplyChain, input_id: str | None = None, by: str = "both") -> pd.DataFrame:
    """Provision rows of one input (id or name) or of all inputs, for countries, firms or both.

    Rows are sorted by input id, then country rows before firm rows (``by="both"``), then share
    descending with unknown (NaN) shares last. Columns: `INPUT_SHARE_COLUMNS`.

    >>> from chipshock.examples import tiny_chain
    >>> df = input_shares(tiny_chain(), "Scanner", by="country")
    >>> df[["provider", "share_pct", "year"]].values.tolist()
    [['NLD', 80.0, 2025], ['JPN', 20.0, 2025]]
    """
    by = check_by(by, allow_both=True)
    df = provision_view(chain)
    if input_id is not None:
        iid = chain.resolve_input(input_id, argument="input_id")
        df = df[df["input_id"] == iid]
    if by != "both":
        df = df[df["provider_type"] == ("country" if by == "country" else "organization")]
    return _sorted(df)[INPUT_SHARE_COLUMNS]


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    """Sort by input id, country rows first, share descending with NaN last, then provider."""
    if df.empty:
        return df.reset_index(drop=True)
    key = df["input_id"].map(lambda i: natural_key(str(i))).rank(method="dense")
    kind = (df["provider_type"] != "country").astype(int)
    return (
        df.assign(_k=key, _t=kind, _na=df["share_pct"].isna(), _neg=-df["share_pct"])
        .sort_values(["_k", "_t", "_na", "_neg", "provider"], kind="stable")
        .drop(columns=["_k", "_t", "_na", "_neg"])
        .reset_index(drop=True)
    )


def stage_shares(chain: SupplyChain) -> pd.DataFrame:
    """Country shares of the three stages (S1 design, S2 fabrication, S3 ATP) with their captions.

    The caption says what each stage share measures (e.g. S2 is fab capacity by site location),
    which differs between releases. Columns: `STAGE_SHARE_COLUMNS`.

    >>> from chipshock.examples import tiny_chain
    >>> df = stage_shares(tiny_chain())
    >>> df.loc[df["stage_id"] == "S2", ["provider", "share_pct"]].values.tolist()
    [['TWN', 70.0], ['KOR', 30.0]]
    """
    df = provision_view(chain, kind="stage")
    captions = chain.stages.set_index("stage_id")["caption"]
    df = df.assign(
        stage_id=df["input_id"],
        stage_name=df["input_name"],
        caption=df["input_id"].map(captions).astype(str),
    )
    if df.empty:
        return pd.DataFrame(columns=STAGE_SHARE_COLUMNS)
    key = df["stage_id"].map(lambda i: natural_key(str(i))).rank(method="dense")
    out = (
        df.assign(_k=key, _na=df["share_pct"].isna(), _neg=-df["share_pct"])
        .sort_values(["_k", "_na", "_neg", "provider"], kind="stable")
        .reset_index(drop=True)
    )
    return out[STAGE_SHARE_COLUMNS]
