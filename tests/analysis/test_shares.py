"""Tests of `chipshock.analysis.shares`."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock.analysis import input_shares, stage_shares
from chipshock.analysis.shares import INPUT_SHARE_COLUMNS, STAGE_SHARE_COLUMNS
from chipshock.errors import InputError, UnknownCodeError
from chipshock.model.chain import SupplyChain


def test_input_shares_columns_and_tiny_scanner(tiny: SupplyChain) -> None:
    """Scanner rows come with the documented columns, countries first, share descending."""
    df = input_shares(tiny, "N11")
    assert list(df.columns) == INPUT_SHARE_COLUMNS
    assert df[["provider", "share_pct"]].values.tolist() == [
        ["NLD", 80.0],
        ["JPN", 20.0],
        ["LithoCo", 80.0],
        ["ScanJapan", 20.0],
    ]
    assert set(df["year"]) == {2025} and set(df["source"]) == {"tiny"}


def test_input_shares_accepts_names_and_filters_kind(tiny: SupplyChain) -> None:
    """An input can be given by name; by="firm" keeps only organisations."""
    df = input_shares(tiny, "resist", by="firm")
    assert df["provider"].tolist() == ["ResistCo"]
    assert np.isnan(df["share_pct"].iloc[0])


def test_blank_firm_shares_stay_nan_on_real_data(chain: SupplyChain) -> None:
    """N1 Advanced CPUs lists six firms without shares: they stay NaN, never 0."""
    df = input_shares(chain, "N1", by="firm")
    assert len(df) == 6
    assert df["share_pct"].isna().all()
    assert (df["year"] == 2019).all()


def test_all_rows_sorted_share_desc_nan_last(chain: SupplyChain) -> None:
    """Within each input and provider kind, shares are non-increasing and NaN comes last."""
    df = input_shares(chain)
    for _, g in df.groupby(["input_id", "provider_type"], sort=False):
        s = g["share_pct"].to_numpy()
        known = s[~np.isnan(s)]
        assert np.all(np.diff(known) <= 0)
        assert not np.isnan(s[: len(known)]).any()


def test_every_share_row_is_traceable(chain: SupplyChain) -> None:
    """Every input and stage share row carries a year and a non-empty source."""
    for df in (input_shares(chain), stage_shares(chain)):
        assert df["year"].notna().all()
        assert (df["source"].str.len() > 0).all()


def test_stage_shares_real(chain: SupplyChain) -> None:
    """Stage shares hold the 21 country rows of S1..S3 with their captions."""
    df = stage_shares(chain)
    assert list(df.columns) == STAGE_SHARE_COLUMNS
    assert len(df) == 21
    assert df["stage_id"].unique().tolist() == ["S1", "S2", "S3"]
    assert df["caption"].str.contains("site").any()


def test_stage_shares_tiny(tiny: SupplyChain) -> None:
    """Tiny S3 shares are CHN 40, then TWN and USA 30 (ties by name)."""
    df = stage_shares(tiny)
    s3 = df[df["stage_id"] == "S3"]
    assert s3[["provider", "share_pct"]].values.tolist() == [
        ["CHN", 40.0],
        ["TWN", 30.0],
        ["USA", 30.0],
    ]


def test_input_shares_bad_arguments(tiny: SupplyChain) -> None:
    """An unknown input raises UnknownCodeError; an unknown view raises InputError on `by`."""
    with pytest.raises(UnknownCodeError):
        input_shares(tiny, "N999")
    with pytest.raises(InputError) as info:
        input_shares(tiny, by="region")
    assert info.value.problem.field == "by"
