"""Tests of `chipshock.analysis.criticality`."""

from __future__ import annotations

import pytest

from chipshock.analysis import criticality
from chipshock.analysis.criticality import CRITICALITY_COLUMNS
from chipshock.errors import InputError
from chipshock.model.chain import AGGREGATE_PROVIDER_NAMES, SupplyChain


def test_tiny_country_criticality_by_hand(tiny: SupplyChain) -> None:
    """USA loses 1.0+0.1+0.3 = 1.4 inputs-worth; CHN 0.6+0.2; TWN's 50 % on Bonder leaves 50."""
    df = criticality(tiny, "country")
    assert list(df.columns) == CRITICALITY_COLUMNS
    t = df.set_index("provider")
    assert t.at["USA", "share_lost_sum"] == pytest.approx(1.4)
    assert t.at["USA", "inputs_supplied"] == 3 and t.at["USA", "sole_source_inputs"] == 1
    assert t.at["CHN", "share_lost_sum"] == pytest.approx(0.8)
    assert t.at["CHN", "inputs_left_below_threshold"] == 1
    assert t.at["TWN", "dominant_inputs"] == 1 and t.at["TWN", "inputs_left_below_threshold"] == 0
    assert t.at["USA", "top_inputs"] == "EDA software; Gas; Resist"
    assert df["provider"].tolist() == ["USA", "NLD", "JPN", "CHN", "TWN", "KOR"]
    assert df["rank"].tolist() == [1, 2, 3, 4, 5, 6]


def test_tiny_threshold_changes_loss_count(tiny: SupplyChain) -> None:
    """At threshold 80 cutting TWN (50 % of Bonder) leaves 50 < 80: one input below threshold."""
    t = criticality(tiny, "country", threshold=80.0).set_index("provider")
    assert t.at["TWN", "inputs_left_below_threshold"] == 1
    assert t.at["TWN", "dominant_inputs"] == 0


def test_real_ranking_order_and_no_aggregates(chain: SupplyChain) -> None:
    """Real ranking is sorted as documented, excludes aggregates, and ranks ASML top-3 of firms."""
    for by in ("country", "firm"):
        df = criticality(chain, by)
        assert not set(df["provider"]) & AGGREGATE_PROVIDER_NAMES
        keys = list(zip(-df["inputs_left_below_threshold"], -df["share_lost_sum"], strict=True))
        assert keys == sorted(keys)
    firms = criticality(chain, "firm")
    assert "ASML" in firms["provider"].head(3).tolist()
    assert firms.set_index("provider").at["ASML", "sole_source_inputs"] >= 1


def test_bad_threshold(tiny: SupplyChain) -> None:
    """A threshold above 100 raises InputError naming the field."""
    with pytest.raises(InputError) as info:
        criticality(tiny, "country", threshold=101)
    assert info.value.problem.field == "threshold"
