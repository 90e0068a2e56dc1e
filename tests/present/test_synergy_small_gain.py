"""A partnership's synergy below a tenth of a percentage point reads "<0.1" points in the
reading of `chipshock synergy`, the briefing and the API (one writer, `synergy_reading`; the
dashboard's twin in structure.js), never "0.0 percentage points more" beside its verdict."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.analysis.shapley import SynergyResult
from chipshock.present.synergy_text import synergy_reading


def _result(synergy: float) -> SynergyResult:
    """Market-weighted sides (v in shares of the market): USA 40 %, JPN 20 %, together 60 %
    plus ``synergy``."""
    return SynergyResult(
        group_a=("USA",), group_b=("JPN",), v_a=0.4, v_b=0.2, v_union=0.6 + synergy,
        synergy=synergy, ratio=(0.6 + synergy) / 0.6, union_only=pd.DataFrame(),
        value_function="share", weight="market",
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_tiny_synergy_reads_below_a_tenth_of_a_point(lang: str) -> None:
    """A gain of 0.0004 (0.04 points) reads "<0.1" points (it read "0.0" with "more"); a gain
    of 0.025 reads "2.5"."""
    text = synergy_reading(_result(0.0004), "USA", "JPN", lang)  # type: ignore[arg-type]
    points = "ポイント" if lang == "ja" else " percentage points"
    assert f"<0.1{points}" in text and f" 0.0{points}" not in text and f"り0.0{points}" not in text
    assert "2.5" in synergy_reading(_result(0.025), "USA", "JPN", lang)  # type: ignore[arg-type]
