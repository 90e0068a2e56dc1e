"""Tests of `chipshock.analysis.concentration`."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from chipshock.analysis import concentration, hhi
from chipshock.analysis.concentration import CONCENTRATION_COLUMNS
from chipshock.model.chain import SupplyChain


def test_tiny_hhi_by_hand(tiny: SupplyChain) -> None:
    """HHI: Scanner 80²+20² = 6800, Resist 90²+10² = 8200, Gas 60²+30² = 4500 (no Various)."""
    df = concentration(tiny, "country").set_index("input_id")
    assert df.at["N11", "hhi"] == 6800.0
    assert df.at["N13", "hhi"] == 8200.0
    assert df.at["N14", "hhi"] == 4500.0
    assert df.at["N15", "hhi"] == 50**2 + 30**2 + 20**2


def test_tiny_unknown_share_includes_aggregate(tiny: SupplyChain) -> None:
    """Gas: named known 90, unknown 10 (the Various bucket), top provider CHN 60."""
    row = concentration(tiny, "country").set_index("input_id").loc["N14"]
    assert (row["known_share_pct"], row["unknown_share_pct"]) == (90.0, 10.0)
    assert (row["top_provider"], row["top_share_pct"], row["n_providers"]) == ("CHN", 60.0, 2)


def test_tiny_firm_view_blank_and_aggregate_only(tiny: SupplyChain) -> None:
    """Firm view: Resist has a listed firm without share; Bonder only 'Various companies'."""
    df = concentration(tiny, "firm").set_index("input_id")
    assert list(df.reset_index().columns) == CONCENTRATION_COLUMNS
    assert math.isnan(df.at["N13", "hhi"]) and df.at["N13", "n_unknown_share"] == 1
    assert df.at["N13", "unknown_share_pct"] == 100.0
    assert df.at["N15", "n_providers"] == 0 and df.at["N15", "unknown_share_pct"] == 100.0


def test_euv_hhi_is_monopoly(chain: SupplyChain) -> None:
    """N20 EUV lithography tools has HHI 10,000 in both country and firm views."""
    for by in ("country", "firm"):
        row = concentration(chain, by).set_index("input_id").loc["N20"]
        assert row["hhi"] == 10_000.0
        assert row["top_share_pct"] == 100.0


def test_ion_milling_fully_unattributed(chain: SupplyChain) -> None:
    """N52 Ion milling tools (100 % Various) has unknown share 100 and no HHI."""
    for by in ("country", "firm"):
        row = concentration(chain, by).set_index("input_id").loc["N52"]
        assert row["unknown_share_pct"] == 100.0
        assert row["known_share_pct"] == 0.0
        assert math.isnan(row["hhi"])
        assert row["top_provider"] is None or pd.isna(row["top_provider"])


def test_blank_shares_not_zero_in_concentration(chain: SupplyChain) -> None:
    """N1 firms (no shares) give NaN HHI and six unknown-share providers, not an HHI of 0."""
    row = concentration(chain, "firm").set_index("input_id").loc["N1"]
    assert math.isnan(row["hhi"])
    assert row["n_unknown_share"] == 6 and row["unknown_share_pct"] == 100.0


def test_only_inputs_with_rows_of_that_kind(chain: SupplyChain) -> None:
    """Inputs without rows of the kind (processes, N99, firm view of N13) are not listed."""
    country = set(concentration(chain, "country")["input_id"])
    firm = set(concentration(chain, "firm")["input_id"])
    assert "N99" not in country and "N25" not in country
    assert "N13" in country and "N13" not in firm


def test_real_hhi_in_range(chain: SupplyChain) -> None:
    """All real HHIs lie in 0..10,000 (plus rounding slack for sums up to 102)."""
    for by in ("country", "firm"):
        h = concentration(chain, by)["hhi"].dropna()
        assert ((h >= 0) & (h <= 10_404)).all()


@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=12))
def test_hhi_helper_bounds(weights: list[float]) -> None:
    """For any share vector summing to at most 100, 0 ≤ HHI ≤ 10,000 and HHI ≥ max share²."""
    total = sum(weights)
    shares = [100.0 * w / total for w in weights] if total > 1 else [100.0 * w for w in weights]
    value = hhi(shares)
    assert -1e-9 <= value <= 10_000 + 1e-6
    assert value >= max(shares) ** 2 - 1e-6


def test_hhi_helper_ignores_nan() -> None:
    """NaN shares are skipped; an all-unknown vector has NaN HHI."""
    assert hhi([60.0, float("nan"), 40.0]) == 5200.0
    assert math.isnan(hhi([float("nan")]))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=2))
def test_concentration_on_random_tiny_shares(tiny: SupplyChain, pair: list[float]) -> None:
    """Replacing Scanner's country shares by random ones gives HHI = Σ s² within 0..20,000."""
    pv = tiny.provision.copy()
    rows = (pv["provided_id"] == "N11") & pv["provider_id"].isin(["P2", "P3"])
    pv.loc[rows, "share_pct"] = np.array(pair)
    chain = replace(tiny, provision=pv)
    row = concentration(chain, "country").set_index("input_id").loc["N11"]
    assert math.isclose(row["hhi"], pair[0] ** 2 + pair[1] ** 2, abs_tol=1e-6)
    assert row["unknown_share_pct"] == max(0.0, round(100.0 - sum(pair), 6))
