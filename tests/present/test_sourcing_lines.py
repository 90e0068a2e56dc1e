"""A scenario's own [[sourcing]] lines (`chipshock.present.sourcing_lines`): one wording per
language for the terminal, --format json and the API, the served share by the cell rule."""

from __future__ import annotations

import pandas as pd

from chipshock.present.sourcing_lines import scenario_sourcing_lines


def _rows(operators: list[str], sourced: list[float], served: list[float]) -> pd.DataFrame:
    """Rows of one market and class (automotive n28_45) in 2027, as `shock_year_sourcing` gives."""
    n = len(operators)
    return pd.DataFrame(
        {
            "market": ["automotive"] * n,
            "node_class": ["n28_45"] * n,
            "operator": operators,
            "year": [2027] * n,
            "sourced_pct": sourced,
            "served_pct": served,
        }
    )


def test_two_operators_one_moved_in_both_languages() -> None:
    """TSMC 60 % sourced, 31.14 % served, UMC 20 % and 20 %: the rest 20 %, 28.86 moved; English
    by ids as the file writes them, Japanese by names."""
    rows = _rows(["tsmc", "umc"], [60.0, 20.0], [31.14, 20.0])
    assert scenario_sourcing_lines(rows, "en") == [
        "automotive n28_45 (scenario [[sourcing]], 2027): tsmc 60 % sourced, 31.1 % served; "
        "umc 20 % sourced, 20.0 % served; the rest (20 %) by capacity; 28.9 % of the sourced "
        "shares moved to the class's other fabs (the registry's fabs of these operators cannot "
        "make more at the class's utilisation: chipshock sourcing --check)"
    ]
    japanese = scenario_sourcing_lines(rows, "ja", {"tsmc": "TSMC", "umc": "UMC"})
    assert japanese == [
        "自動車・28〜45nm（シナリオの[[sourcing]]、2027年）：TSMCは調達60%・供給31.1%、"
        "UMCは調達20%・供給20.0%。残りの20%は生産能力に応じて配分。調達シェアのうち28.9%は"
        "同じ区分のほかの工場に移ります（これらの事業者の登録工場は、この区分の稼働率では"
        "これ以上作れません：chipshock sourcing --check）。"
    ]


def test_a_served_share_below_a_tenth_reads_below_a_tenth_in_both_languages() -> None:
    """An operator that serves 0.03 % of what it sources reads "<0.1 % served" / 供給<0.1% (the
    cell rule, as the briefing's assumptions and the dashboard's sourcing table write it), never
    "0.0 % served" (the engine's English line wrote that until session 34)."""
    rows = _rows(["tsmc"], [10.0], [0.03])
    (english,) = scenario_sourcing_lines(rows, "en")
    (japanese,) = scenario_sourcing_lines(rows, "ja", {"tsmc": "TSMC"})
    assert "tsmc 10 % sourced, <0.1 % served" in english and " 0.0 % served" not in english
    assert "TSMCは調達10%・供給<0.1%" in japanese


def test_shares_summing_to_100_leave_no_float_noise_and_no_move_below_the_threshold() -> None:
    """Shares of 56.8, 18.4 and 24.8 % (whose float sum falls 1.4e-14 short of 100) leave "the
    rest (0 %)", not "(1.42109e-14 %)"; served as sourced within 0.05 points says nothing of a
    move."""
    rows = _rows(["tsmc", "umc", "gf"], [56.8, 18.4, 24.8], [56.8, 18.36, 24.8])
    assert 0 < 100 - rows["sourced_pct"].sum() < 1e-12
    (line,) = scenario_sourcing_lines(rows, "en")
    assert line.endswith("gf 24.8 % sourced, 24.8 % served; the rest (0 %) by capacity")
    rows = _rows(["tsmc", "umc"], [10.1, 20.2], [10.1, 20.2])
    (line,) = scenario_sourcing_lines(rows, "en")
    assert line.endswith("the rest (69.7 %) by capacity")
