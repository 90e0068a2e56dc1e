"""Tests of `chipshock.analysis.shapley`."""

from __future__ import annotations

import itertools
from math import factorial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chipshock.analysis import (
    assessed_inputs,
    coalition_coverage,
    coalition_value,
    shapley,
    shapley_values,
    synergy,
)
from chipshock.analysis.shapley import SHAPLEY_COLUMNS, GroupOverlapError
from chipshock.errors import InputError
from chipshock.model.chain import SupplyChain

REAL = ["USA", "JPN", "NLD", "KOR", "TWN", "CHN", "DEU", "SGP", "AUT", "GBR", "ISR", "CHE"]


def _monotone_game(k: int, values: list[float]) -> dict[int, float]:
    """v(mask) = max of random values over its sub-masks: monotone, v(∅) = values[0]."""
    v: dict[int, float] = {}
    for mask in range(2**k):
        best = values[mask]
        for i in range(k):
            if mask >> i & 1:
                best = max(best, v[mask & ~(1 << i)])
        v[mask] = best
    return v


def _naive_shapley(v: dict[int, float], k: int) -> list[float]:
    """Shapley by averaging marginal contributions over all k! orders (the oracle)."""
    phi = [0.0] * k
    for order in itertools.permutations(range(k)):
        mask = 0
        for i in order:
            phi[i] += v[mask | 1 << i] - v[mask]
            mask |= 1 << i
    return [p / factorial(k) for p in phi]


def _as_callable(v: dict[int, float], names: list[str]):  # type: ignore[no-untyped-def]
    return lambda s: v[sum(1 << names.index(n) for n in s)]


def test_tiny_two_members_by_hand(tiny: SupplyChain) -> None:
    """At 95 %: v(JPN)=0, v(USA)=0.2 (EDA), v(both)=0.4 (+Resist) → φ_JPN 0.1, φ_USA 0.3."""
    r = shapley(tiny, ["JPN", "USA"], threshold=95.0)
    assert list(r.table.columns) == SHAPLEY_COLUMNS
    assert r.method == "exact"
    np.testing.assert_allclose(r.table["shapley"], [0.1, 0.3])
    np.testing.assert_allclose(r.table["standalone"], [0.0, 0.2])
    np.testing.assert_allclose(r.table["share_of_total"], [0.25, 0.75])
    assert (r.v_none, r.v_all) == (0.0, pytest.approx(0.4))


def test_tiny_three_members_by_hand(tiny: SupplyChain) -> None:
    """At 70 % Bonder (TWN 50, KOR 30, CHN 20) needs TWN plus one other: φ = 2/15, 1/30, 1/30."""
    r = shapley(tiny, ["TWN", "KOR", "CHN"], threshold=70.0)
    np.testing.assert_allclose(r.table["shapley"], [0.2 * 4 / 6, 0.2 / 6, 0.2 / 6])
    assert r.v_all == pytest.approx(0.2)


def test_market_weight_by_hand(tiny: SupplyChain) -> None:
    """Market-weighted v(JPN+USA) = (EDA $1bn + Resist $2bn) / $14.5bn of leaf inputs."""
    assert coalition_value(tiny, ["JPN", "USA"], weight="market") == pytest.approx(3 / 14.5)
    assert coalition_value(tiny, ["JPN", "USA"]) == pytest.approx(0.4)
    assert coalition_value(tiny, []) == 0.0


def test_value_matches_coverage(chain: SupplyChain) -> None:
    """v(S) with count weights equals the share of inputs covered in coalition_coverage."""
    members = ["USA", "JPN", "NLD"]
    cov = coalition_coverage(chain, members)
    assert coalition_value(chain, members) == pytest.approx(cov.summary["share_covered"])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(REAL), min_size=3, max_size=5, unique=True))
def test_exact_real_sums_to_v_all_minus_v_none(chain: SupplyChain, members: list[str]) -> None:
    """For 3–5 real countries, exact Shapley values sum to v(all) − v(none) and are ≥ 0."""
    r = shapley(chain, members)
    assert r.method == "exact"
    assert r.table["shapley"].sum() == pytest.approx(r.v_all - r.v_none)
    assert (r.table["shapley"] >= -1e-12).all()
    assert r.v_none == 0.0


def test_exact_twelve_members_matches_sum(chain: SupplyChain) -> None:
    """Twelve real members are enumerated exactly (4,096 coalitions) and sum to v(all)."""
    r = shapley(chain, REAL)
    assert r.method == "exact" and r.samples == 0
    assert r.table["shapley"].sum() == pytest.approx(r.v_all)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda k: st.tuples(st.just(k), st.lists(st.floats(0, 1), min_size=2**k, max_size=2**k))
    )
)
def test_exact_random_monotone_games(game: tuple[int, list[float]]) -> None:
    """On random monotone games exact values sum to v(N) − v(∅) and equal the k!-order oracle."""
    k, values = game
    names = [f"m{i}" for i in range(k)]
    v = _monotone_game(k, values)
    r = shapley_values(_as_callable(v, names), names)
    assert r.table["shapley"].sum() == pytest.approx(v[2**k - 1] - v[0])
    np.testing.assert_allclose(r.table["shapley"], _naive_shapley(v, k), atol=1e-12)
    assert (r.v_all, r.v_none) == (v[2**k - 1], v[0])


def _majority(s: frozenset[str]) -> float:
    """Weighted majority game on six members (quota 10 of 21)."""
    weights = {"a": 6, "b": 5, "c": 4, "d": 3, "e": 2, "f": 1}
    return float(sum(weights[m] for m in s) >= 10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampled_close_to_exact_on_six_members(seed: int) -> None:
    """Sampled estimates lie within 4 standard errors of the exact values on a 6-member game."""
    names = list("abcdef")
    exact = shapley_values(_majority, names)
    sampled = shapley_values(_majority, names, rng=seed, samples=3000, exact_max=0)
    assert sampled.method == "sampled" and sampled.samples == 3000
    diff = np.abs(sampled.table["shapley"] - exact.table["shapley"])
    assert (diff <= 4 * sampled.table["std_error"] + 1e-12).all()
    assert sampled.table["shapley"].sum() == pytest.approx(exact.v_all - exact.v_none)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32))
def test_same_seed_same_sampled_result(seed: int) -> None:
    """Two sampled runs with the same seed give identical tables and record that seed."""
    names = list("abcdef")
    a = shapley_values(_majority, names, rng=seed, samples=200, exact_max=3)
    b = shapley_values(_majority, names, rng=seed, samples=200, exact_max=3)
    assert a.table.equals(b.table) and a.seed == b.seed == seed


def test_generator_seed_is_recorded_and_reproducible(chain: SupplyChain) -> None:
    """A Generator is turned into a recorded seed that reproduces the run on real countries."""
    a = shapley(chain, REAL, rng=np.random.default_rng(7), samples=300, exact_max=4)
    b = shapley(chain, REAL, rng=a.seed, samples=300, exact_max=4)
    assert a.method == "sampled" and a.table.equals(b.table)
    assert a.table["shapley"].sum() == pytest.approx(a.v_all - a.v_none)


def test_synergy_usa_japan_real(chain: SupplyChain) -> None:
    """USA+JPN synergy equals v(A∪B) − v(A) − v(B) and lists inputs only the union covers."""
    s = synergy(chain, ["USA"], ["JPN"])
    assert s.synergy == pytest.approx(s.v_union - s.v_a - s.v_b)
    assert s.ratio == pytest.approx(s.v_union / (s.v_a + s.v_b))
    assert s.v_union >= max(s.v_a, s.v_b)
    only = s.union_only
    assert {"N13", "N53", "N62", "N86"} <= set(only["input_id"])
    assert (only["union_share_pct"] >= 50).all()
    assert ((only["share_a_pct"] < 50) & (only["share_b_pct"] < 50)).all()
    assert s.synergy == pytest.approx(len(only) / len(assessed_inputs(chain, "country")))


def test_synergy_tiny_by_hand(tiny: SupplyChain) -> None:
    """At 95 %: v(USA)=0.2, v(JPN)=0, v(both)=0.4 → synergy 0.2, ratio 2, union-only Resist."""
    s = synergy(tiny, ["USA"], ["JPN"], threshold=95.0)
    assert (s.v_a, s.v_b, s.v_union) == (0.2, 0.0, 0.4)
    assert s.synergy == pytest.approx(0.2) and s.ratio == pytest.approx(2.0)
    assert s.union_only["input_id"].tolist() == ["N13"]
    assert synergy(tiny, ["KOR"], ["USA"], threshold=100.0).ratio is not None
    assert synergy(tiny, ["KOR"], ["TWN"], threshold=100.0).ratio is None


def test_synergy_of_overlapping_groups_is_refused_tiny(tiny: SupplyChain) -> None:
    """Review 4, finding 3, by hand: at 95 % v(USA) = 0.2 and v(USA, JPN) = 0.4, so "USA" with
    "USA, JPN" used to give 0.4 − 0.2 − 0.4 = −0.2, minus USA's coverage counted twice. The
    shared country is named and the disjoint pair (USA with JPN: +0.2) offered instead."""
    with pytest.raises(GroupOverlapError) as caught:
        synergy(tiny, ["USA"], ["USA", "JPN"], threshold=95.0)
    e = caught.value
    assert (e.shared, e.a_only, e.b_only) == (("USA",), (), ("JPN",))
    assert isinstance(e, InputError) and isinstance(e, ValueError)
    text = str(e)
    assert text.startswith("group_b: USA and USA,JPN share USA:")
    assert "USA is in USA,JPN, so the two together cover what USA,JPN covers alone" in text
    assert "synergy(chain, ['USA'], ['JPN'])" in text
    assert synergy(tiny, ["USA"], ["JPN"], threshold=95.0).synergy == pytest.approx(0.2)
    with pytest.raises(GroupOverlapError, match="a group has no synergy with itself"):
        synergy(tiny, ["usa", "JPN"], ["JPN", "USA"])  # the same members, any case and order


def test_synergy_of_quad_and_chip4_is_refused_real(chain: SupplyChain) -> None:
    """The Quad's members with data (USA, JPN; IND and AUS have none) and Chip 4 share USA and
    JPN: once −66.7 points. Refused; the question offered instead, what KOR and TWN add to the
    Quad, is +4.0 points (50, 2 and 55 of the 75 inputs: 3 covered only together)."""
    quad, chip4 = ["USA", "JPN"], ["USA", "JPN", "KOR", "TWN"]
    with pytest.raises(GroupOverlapError) as caught:
        synergy(chain, quad, chip4)
    assert (caught.value.shared, caught.value.b_only) == (("USA", "JPN"), ("KOR", "TWN"))
    s = synergy(chain, quad, ["KOR", "TWN"])
    assert (s.v_a, s.v_b, s.v_union) == pytest.approx((50 / 75, 2 / 75, 55 / 75))
    assert s.synergy == pytest.approx(3 / 75) and len(s.union_only) == 3
    assert s.v_union == coalition_value(chain, chip4)


def test_shapley_bad_arguments(tiny: SupplyChain) -> None:
    """Duplicates, too few samples, a huge exact_max and an unknown weight are rejected."""
    with pytest.raises(InputError):
        shapley_values(_majority, ["a", "a"])
    with pytest.raises(InputError):
        shapley_values(_majority, ["a", "b"], samples=1)
    with pytest.raises(InputError):
        shapley_values(_majority, ["a", "b"], exact_max=40)
    with pytest.raises(InputError):
        shapley(tiny, ["USA"], weight="gdp")
    with pytest.raises(InputError):
        shapley(tiny, ["USA"], rng=-3)
