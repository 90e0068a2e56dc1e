"""Tests of `chipshock.analysis.chokepoints`."""

from __future__ import annotations

import pytest

from chipshock.analysis import chokepoints
from chipshock.analysis.chokepoints import CHOKEPOINT_COLUMNS
from chipshock.errors import InputError
from chipshock.model.chain import AGGREGATE_PROVIDER_NAMES, SupplyChain


def test_tiny_chokepoints_at_50_by_country(tiny: SupplyChain) -> None:
    """50 %: EDA USA 100, EUV NLD 100, Resist JPN 90, Scanner NLD 80, Gas CHN 60, Bonder TWN 50"""
    df = chokepoints(tiny, 50.0, by="country")
    assert list(df.columns) == CHOKEPOINT_COLUMNS
    assert list(zip(df["input_name"], df["provider"], df["share_pct"], strict=True)) == [
        ("EDA software", "USA", 100.0),
        ("EUV scanner", "NLD", 100.0),
        ("Resist", "JPN", 90.0),
        ("Scanner", "NLD", 80.0),
        ("Gas", "CHN", 60.0),
        ("Bonder", "TWN", 50.0),
    ]
    assert df["hhi"].tolist() == [10_000.0, 10_000.0, 8200.0, 6800.0, 4500.0, 3800.0]
    assert df["n_alternatives"].tolist() == [0, 0, 1, 1, 1, 2]


def test_tiny_threshold_is_inclusive_and_firms_skip_various(tiny: SupplyChain) -> None:
    """min_share 80 keeps Scanner NLD 80; by firm, 'Various companies' 100 on Bonder is out."""
    assert "N11" in set(chokepoints(tiny, 80.0)["input_id"])
    firms = chokepoints(tiny, 50.0, by="firm")
    assert firms["provider"].tolist() == ["SoftCo", "LithoCo", "LithoCo"]


def test_euv_chokepoint_real(chain: SupplyChain) -> None:
    """N20 EUV lithography tools is a chokepoint of NLD (100 %) and of ASML (100 %)."""
    country = chokepoints(chain, 50.0, by="country").set_index("input_id")
    firm = chokepoints(chain, 50.0, by="firm").set_index("input_id")
    assert (country.at["N20", "provider"], country.at["N20", "share_pct"]) == ("NLD", 100.0)
    assert (firm.at["N20", "provider"], firm.at["N20", "share_pct"]) == ("ASML", 100.0)
    assert firm.at["N20", "hhi"] == 10_000.0
    assert firm.at["N20", "n_alternatives"] == 0
    assert firm.at["N20", "year"] == 2025 and "TechInsights" in firm.at["N20", "source"]


def test_aggregates_never_chokepoints(chain: SupplyChain) -> None:
    """Even at min_share 0, no aggregate bucket appears as a chokepoint provider."""
    for by in ("country", "firm"):
        providers = set(chokepoints(chain, 0.0, by=by)["provider"])
        assert not providers & AGGREGATE_PROVIDER_NAMES


def test_fully_unattributed_inputs_have_no_chokepoint(chain: SupplyChain) -> None:
    """N52 Ion milling and N112 Spin-on deposition (100 % Various) give no chokepoint row."""
    for by in ("country", "firm"):
        ids = set(chokepoints(chain, 0.0, by=by)["input_id"])
        assert "N52" not in ids and "N112" not in ids


def test_sorted_by_share_descending(chain: SupplyChain) -> None:
    """Real chokepoints are sorted by share, largest first, all at or above the threshold."""
    df = chokepoints(chain, 60.0, by="firm")
    assert df["share_pct"].is_monotonic_decreasing
    assert (df["share_pct"] >= 60.0).all()


@pytest.mark.parametrize("bad", [-1.0, 100.5, float("nan"), "half"])
def test_min_share_outside_0_100_raises(tiny: SupplyChain, bad: object) -> None:
    """A threshold outside 0..100 raises InputError naming the min_share field."""
    with pytest.raises(InputError) as info:
        chokepoints(tiny, bad)  # type: ignore[arg-type]
    assert info.value.problem.field == "min_share"
