"""The one synergy sentence (audit31, finding 10): counts that add up, in both languages."""

from __future__ import annotations

from pathlib import Path

from chipshock.analysis.shapley import synergy
from chipshock.data.store import load_chain
from chipshock.examples import tiny_chain
from chipshock.present.synergy_text import synergy_reading


def test_tiny_chain_by_hand() -> None:
    """USA holds >= 95 % of one of the five inputs, JPN of none, both together of two: one
    more than the sum, 20 points, the one input only both together cover."""
    s = synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0)
    en = " ".join(synergy_reading(s, "USA", "JPN", "en").split())
    assert en.startswith("Alone, USA covers 1 of the 5 inputs and JPN 0; together they cover 2")
    assert "20.0 percentage points more" in en and "1 input is covered only" in en
    ja = synergy_reading(s, "米国", "日本", "ja")
    assert ja.startswith("単独では米国が5品目の投入物のうち1品目、日本が0品目をカバーし")
    assert "20.0ポイント多く（1＋1＞2）、1品目は" in ja


def test_shipped_counts_add_up(built_store: Path) -> None:
    """USA and JPN on the shipped data: 27 and 19 of 75 alone, 50 together; the sentence's
    counts are the API's `counts`, and 50 - 27 - 19 is the number of union-only inputs."""
    s = synergy(load_chain(built_store), ["USA"], ["JPN"])
    c = s.counts()
    assert c is not None and c["union"] - c["a"] - c["b"] == c["only"] == len(s.union_only)
    said = " ".join(synergy_reading(s, "USA", "JPN", "en").split())
    assert f"covers {c['a']} of the {c['inputs']} inputs and JPN {c['b']}" in said
    assert f"together they cover {c['union']}" in said
    assert f"{100 * s.synergy:.1f} percentage points more" in said


def test_market_weight_gives_shares_not_counts(built_store: Path) -> None:
    """Weighted by market size, v is a share of market value: no counts, percentages named
    as the inputs' market value."""
    s = synergy(load_chain(built_store), ["USA"], ["JPN"], weight="market")
    assert s.counts() is None
    said = " ".join(synergy_reading(s, "USA", "JPN", "en").split())
    assert "of the inputs' market value" in said and " of the 75 inputs" not in said


def test_overlapping_strengths_read_less(built_store: Path) -> None:
    """At a 20 % threshold USA and JPN each hold some of the same inputs alone: together they
    cover 60 of 75, less than 40 + 29 (1+1 < 2), and the sentence says so in both languages."""
    s = synergy(load_chain(built_store), ["USA"], ["JPN"], threshold=20.0)
    assert s.counts() == {"a": 40, "b": 29, "union": 60, "only": 1, "inputs": 75}
    said = " ".join(synergy_reading(s, "USA", "JPN", "en").split())
    assert "together they cover 60, 12.0 percentage points less than the sum" in said
    assert "(1+1 < 2: their strengths overlap)" in said
    assert "12.0ポイント少なくなります（1＋1＜2" in synergy_reading(s, "米国", "日本", "ja")
