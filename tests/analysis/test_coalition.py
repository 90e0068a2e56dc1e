"""Tests of `chipshock.analysis.coalition`."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chipshock.analysis import (
    CoalitionModel,
    assessed_inputs,
    coalition_coverage,
    coalition_model,
    share_matrix,
)
from chipshock.analysis.coalition import (
    COVERAGE_COLUMNS,
    STAGE_COVERAGE_COLUMNS,
    WEAK_LINK_COLUMNS,
)
from chipshock.errors import InputError, UnknownCodeError
from chipshock.model.chain import SupplyChain

REAL = ["USA", "JPN", "NLD", "KOR", "TWN", "CHN", "DEU", "SGP", "AUT", "GBR", "ISR", "CHE"]


def test_tiny_japan_usa_by_hand(tiny: SupplyChain) -> None:
    """{JPN, USA}: EDA 100, EUV 0, Resist 90+10, Gas 30, Bonder 0 → 2 of 5 covered at 50 %."""
    r = coalition_coverage(tiny, ["jpn", "USA"])
    assert list(r.coverage.columns) == COVERAGE_COLUMNS
    cov = r.coverage.set_index("input_id")
    assert cov["coalition_share_pct"].to_dict() == {
        "N10": 100.0,
        "N12": 0.0,
        "N13": 100.0,
        "N14": 30.0,
        "N15": 0.0,
    }
    assert cov.at["N13", "members_breakdown"] == "JPN 90.0; USA 10.0"
    assert cov.at["N14", "unknown"] == 10.0
    assert r.summary["n_inputs"] == 5 and r.summary["n_covered"] == 2
    assert r.summary["share_covered"] == 0.4
    assert r.summary["mean_coalition_share"] == pytest.approx((100 + 0 + 100 + 30 + 0) / 5)
    assert r.summary["weakest_input"] == "N12"


def test_tiny_weak_links_and_stages(tiny: SupplyChain) -> None:
    """Weak links are EUV (Fabrication), Bonder (Assembly), Gas; stages S1 60, S2 0, S3 30."""
    r = coalition_coverage(tiny, ["JPN", "USA"])
    assert list(r.weak_links.columns) == WEAK_LINK_COLUMNS
    assert r.weak_links[["input_id", "process_name", "stage_id"]].values.tolist() == [
        ["N12", "Fabrication", "S2"],
        ["N15", "Assembly", "S3"],
        ["N14", "Fabrication", "S2"],
    ]
    assert list(r.stages.columns) == STAGE_COVERAGE_COLUMNS
    assert r.stages["coalition_share_pct"].tolist() == [60.0, 0.0, 30.0]
    assert r.stages["below_threshold"].tolist() == [False, True, True]


def test_tiny_top_level_uses_parent(tiny: SupplyChain) -> None:
    """At top level Scanner (NLD 80, JPN 20) replaces EUV: JPN+USA hold 20 % of it."""
    cov = coalition_coverage(tiny, ["JPN", "USA"], level="top").coverage.set_index("input_id")
    assert "N12" not in cov.index
    assert cov.at["N11", "coalition_share_pct"] == 20.0


def test_share_matrix_tiny(tiny: SupplyChain) -> None:
    """share_matrix gives fractions, 0 for unlisted providers, and accepts stage ids."""
    m, rows, cols = share_matrix(tiny, ["Scanner", "S2"], ["NLD", "TWN"])
    assert rows == ["N11", "S2"] and cols == ["NLD", "TWN"]
    np.testing.assert_allclose(m, [[0.8, 0.0], [0.0, 0.7]])


def test_share_matrix_keeps_blank_as_nan(chain: SupplyChain) -> None:
    """A country listed without a share (CHN on N33 Photomasks) is NaN in the matrix."""
    m, _, cols = share_matrix(chain, ["N33"], ["CHN", "JPN", "FRA"])
    assert math.isnan(m[0, 0]) and m[0, 1] == pytest.approx(0.53) and m[0, 2] == 0.0
    assert cols == ["CHN", "JPN", "FRA"]


def test_usa_japan_netherlands_real(chain: SupplyChain) -> None:
    """USA+JPN+NLD hold all of EUV, cover most leaf inputs, and stage S2 stays below 50 %."""
    r = coalition_coverage(chain, ["USA", "JPN", "NLD"])
    cov = r.coverage.set_index("input_id")
    assert len(cov) == len(assessed_inputs(chain, "country", "leaf"))
    assert cov.at["N20", "coalition_share_pct"] == 100.0
    assert cov.at["N20", "members_breakdown"] == "NLD 100.0"
    assert "N20" not in set(r.weak_links["input_id"])
    assert (cov["coalition_share_pct"] <= 102.0).all()
    assert r.summary["n_covered"] == int((~cov["below_threshold"]).sum())
    assert 0.5 < r.summary["share_covered"] < 1.0
    s2 = r.stages.set_index("stage_id").loc["S2"]
    assert s2["below_threshold"] and s2["year"] == 2022
    assert r.weak_links["coalition_share_pct"].is_monotonic_increasing


def test_model_is_cached_per_chain_and_reusable(chain: SupplyChain) -> None:
    """coalition_model returns the same object for the same chain; results equal the chain path."""
    model = coalition_model(chain)
    assert coalition_model(chain) is model
    assert not model.shares.flags.writeable
    a = coalition_coverage(model, ["USA", "JPN"]).coverage
    b = coalition_coverage(chain, ["USA", "JPN"]).coverage
    assert a.equals(b)
    assert isinstance(CoalitionModel.from_chain(chain), CoalitionModel)


def test_bad_members_and_threshold(tiny: SupplyChain) -> None:
    """Aggregates and unknown codes cannot join; threshold must be 0..100."""
    with pytest.raises(InputError):
        coalition_coverage(tiny, ["Various countries"])
    with pytest.raises(InputError):
        coalition_coverage(tiny, ["XXX"])
    with pytest.raises(InputError) as info:
        coalition_coverage(tiny, ["USA"], threshold=150)
    assert info.value.problem.field == "threshold"
    with pytest.raises(UnknownCodeError):
        share_matrix(tiny, ["N11"], ["ZZZ"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(REAL), max_size=6, unique=True),
    st.sampled_from(REAL),
    st.sampled_from([10.0, 50.0, 90.0]),
)
def test_coverage_never_falls_when_a_member_joins(
    chain: SupplyChain, members: list[str], joiner: str, threshold: float
) -> None:
    """Adding a country never lowers any coalition share nor the number of covered inputs."""
    before = coalition_coverage(chain, members, threshold)
    after = coalition_coverage(chain, [*members, joiner], threshold)
    diff = after.coverage["coalition_share_pct"] - before.coverage["coalition_share_pct"]
    assert (diff >= -1e-9).all()
    assert after.summary["n_covered"] >= before.summary["n_covered"]  # type: ignore[operator]
