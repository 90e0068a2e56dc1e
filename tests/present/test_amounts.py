"""A yen pledge reads in yen with the dollars, the rate and its month beside it, in both
languages; the rate is the row's own (amount_original / amount_usd), never a constant."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.analysis.alliance import filter_partnerships
from chipshock.data.store import load_alliance
from chipshock.present.amounts import amount_texts, fmt_committed_amount, fmt_jpy


def test_hand_checked_yen_amount() -> None:
    """JPY 300 bn converted to USD 2 bn is 150 yen to the dollar: 3,000億円, 20億ドル."""
    ja = fmt_committed_amount(2e9, 300e9, "JPY", "2024-07", "ja")
    en = fmt_committed_amount(2e9, 300e9, "JPY", "2024-07", "en")
    assert ja == "3,000億円（約20億ドル、1ドル≈150円、2024年7月）"
    assert en == "JPY 300 bn (≈ USD 2.0 bn at 150 JPY/USD, 2024-07)"


def test_the_rate_follows_the_row_not_a_constant() -> None:
    """The same yen at a different dollar amount states a different rate (JPY 100 bn = USD
    800 m: 125 yen), and a rate of 137.25 is written 137.3 (half away from zero)."""
    assert "1ドル≈125円" in str(fmt_committed_amount(800e6, 100e9, "JPY", "2020-01", "ja"))
    assert "at 137.3 JPY/USD" in str(fmt_committed_amount(1e9, 137.25e9, "JPY", "2020", "en"))
    assert "2020年）" in str(fmt_committed_amount(1e9, 137.25e9, "JPY", "2020", "ja"))


def test_yen_without_dollars_mixed_and_undated() -> None:
    """No dollar figure: the yen alone, said so; ``mixed``: the sum of tranches; blank month:
    the source gives none; a dollar row and a row with nothing keep the dollar rule."""
    assert fmt_committed_amount(None, 7.3e9, "JPY", None, "ja") == "73億円（ドル換算なし）"
    assert fmt_committed_amount(float("nan"), 7.3e9, "JPY", "", "en") == (
        "JPY 7.3 bn (not converted to USD)"
    )
    assert "平均1ドル≈150円" in str(fmt_committed_amount(2e9, 300e9, "JPY", "mixed", "ja"))
    assert "does not date the rate" in str(fmt_committed_amount(2e9, 300e9, "JPY", None, "en"))
    assert fmt_committed_amount(110e6, None, "USD", None, "ja") == "1.1億ドル"
    assert fmt_committed_amount(None, None, None, None) is None


@pytest.mark.parametrize(
    ("value", "en", "ja"),
    [
        (1722.5e9, "JPY 1,722.5 bn", "1兆7,225億円"),
        (2e12, "JPY 2,000 bn", "2兆円"),
        (46.5e9, "JPY 46.5 bn", "465億円"),
        (50e6, "JPY 50 m", "5,000万円"),
    ],
)
def test_yen_words(value: float, en: str, ja: str) -> None:
    """億 and 兆 in Japanese (1 兆 = 10,000 億), bn (m below 1 bn) in English."""
    assert (fmt_jpy(value, "en"), fmt_jpy(value, "ja")) == (en, ja)


@pytest.mark.slow
def test_the_fy2025_rapidus_subsidy_in_both_languages(built_store: Path) -> None:
    """The shipped METI FY2025 row: JPY 802.5 bn = USD 5.37 bn, converted end-March 2025."""
    rows = filter_partnerships(load_alliance(built_store).partnerships)
    row = rows[rows["partnership_id"] == "rapidus-subsidy-fy2025"]
    assert amount_texts(row, "ja") == ["8,025億円（約54億ドル、1ドル≈149.4円、2025年3月）"]
    assert amount_texts(row, "en") == ["JPY 802.5 bn (≈ USD 5.4 bn at 149.4 JPY/USD, 2025-03)"]
    equity = rows[rows["partnership_id"] == "rapidus-state-equity-2025"]
    assert equity["kind"].tolist() == ["equity"]
    assert amount_texts(equity, "ja") == ["1,000億円（約6.4億ドル、1ドル≈156.3円、2025年11月）"]
    # a totals table has no currency: dollars, as before
    assert amount_texts(pd.DataFrame({"amount_usd": [5.37e9]}), "en") == ["USD 5.4 bn"]
