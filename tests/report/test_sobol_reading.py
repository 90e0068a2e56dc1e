"""The plain-words Sobol reading (`sobol_text`) on hand-made index tables: a first-order index
above the total one is called sampling noise, never read as a share of the variance."""

from __future__ import annotations

import pandas as pd

from chipshock.report.sobol_reading import sobol_text
from chipshock.sim.sobol import SOBOL_COLUMNS, SobolResult


def _result(rows: list[tuple[str, str, str, float, float]], converged: bool) -> SobolResult:
    """A result with one row per (factor, label, label_ja, S1, ST), ranked by ST as given."""
    table = pd.DataFrame(
        [
            {
                "factor": factor, "label": label, "low_value": 0.0, "high_value": 1.0,
                "S1": s1, "S1_conf": 0.1, "ST": st, "ST_conf": 0.1, "interaction": st - s1,
                "S1_half": s1, "ST_half": st, "ST_change": 0.0, "label_ja": label_ja,
                "source": "test", "confidence": "low", "source_url": "", "how": "",
            }
            for factor, label, label_ja, s1, st in rows
        ]
    )  # fmt: skip
    table = table.reindex(columns=list(SOBOL_COLUMNS))
    return SobolResult(
        table=table, design=pd.DataFrame(), kpi="output_lost_weeks", market="all", samples=4,
        runs=2, seed=1, evaluations=44, converged=converged, tolerance=0.1, y_mean=10.0,
        y_sd=2.0,
    )  # fmt: skip


NOISY = [
    ("shock_duration", "Shock duration", "ショックの期間", 1.50, 1.34),
    ("utilisation", "Utilisation", "稼働率", 0.05, 0.30),
]


def test_first_order_above_total_is_called_sampling_noise() -> None:
    """S1 150% > ST 134% for the leader: the reading says sampling noise and not converged,
    gives no "on its own" share for it, and does not list it as acting through interactions."""
    text = sobol_text(_result(NOISY, converged=False))
    assert "Sampling noise: for shock duration the share alone" in text
    assert "not converged" in text
    assert "on its own" not in text
    assert "150%" not in text.split("Sampling noise")[0]  # never read as a share
    assert "134% of its variance including interactions." in text
    assert "Mostly through interactions: utilisation." in text
    ja = sobol_text(_result(NOISY, converged=False), "ja")
    assert "標本誤差：ショックの期間では" in ja and "収束していない" in ja
    assert "単独で150%" not in ja


def test_the_noise_sentence_says_only_what_holds() -> None:
    """Review 11, finding 7: S1 92% < ST 111% is an index above 100%, not S1 above ST: the
    reading says the first and not the second; S1 40% > ST 30% says the second and not the
    first; S1 150% > ST 134% says both, with the numbers and N."""
    over = [("shock_duration", "Shock duration", "ショックの期間", 0.92, 1.11),
            ("utilisation", "Utilisation", "稼働率", 0.05, 0.30)]  # fmt: skip
    text = " ".join(sobol_text(_result(over, converged=False)).split())
    assert (
        "Sampling noise: for shock duration the share with interactions (total index) comes "
        "out at 111%, above 100% (at N = 4 base points)" in text
    )
    assert "larger than" not in text and "first-order index, 92%" not in text
    ja = sobol_text(_result(over, converged=False), "ja")
    assert "相互作用を含む寄与（全効果指数）が111%と100%を超えています" in ja
    assert "上回" not in ja
    below = [("utilisation", "Utilisation", "稼働率", 0.05, 0.50),
             ("shock_duration", "Shock duration", "ショックの期間", 0.40, 0.30)]  # fmt: skip
    text = " ".join(sobol_text(_result(below, converged=False)).split())
    assert (
        "for shock duration the share alone (first-order index, 40%) comes out larger than "
        "the share with interactions (total index, 30%) (at N = 4" in text
    )
    assert "above 100%" not in text
    ja = sobol_text(_result(below, converged=False), "ja")
    assert "単独の寄与（一次指数、40%）が相互作用を含む寄与（全効果指数、30%）を上回ります" in ja
    both = " ".join(sobol_text(_result(NOISY, converged=False)).split())
    assert "(first-order index, 150%) comes out larger than" in both
    assert "and the share alone (first-order index) comes out at 150%, above 100% and the " in both


def test_consistent_indices_keep_the_plain_reading() -> None:
    """S1 <= ST everywhere: no noise sentence, the leader's share alone is given."""
    rows = [("shock_duration", "Shock duration", "ショックの期間", 0.60, 0.70),
            ("utilisation", "Utilisation", "稼働率", 0.20, 0.25)]  # fmt: skip
    text = sobol_text(_result(rows, converged=True))
    assert "Sampling noise" not in text
    assert "70% of its variance including interactions, 60% on its own." in text
    assert "標本誤差" not in sobol_text(_result(rows, converged=True), "ja")


def test_rounding_sized_excess_is_not_noise() -> None:
    """S1 above ST by less than half a percentage point (the shown rounding) is not flagged."""
    rows = [("shock_duration", "Shock duration", "ショックの期間", 0.702, 0.70),
            ("utilisation", "Utilisation", "稼働率", 0.20, 0.25)]  # fmt: skip
    assert "Sampling noise" not in sobol_text(_result(rows, converged=True))


def test_the_reading_counts_combinations_and_runs_apart() -> None:
    """44 combinations of 2 runs each are 88 runs (review 7, finding 7: the reading called the
    44 combinations runs)."""
    rows = [("shock_duration", "Shock duration", "ショックの期間", 0.60, 0.70)]
    text = sobol_text(_result(rows, converged=True))
    assert (
        "Across 44 combinations of the assumptions (88 simulated futures, 2 per combination)"
        in text
    )
    assert "仮定の組み合わせ44通り（各シミュレーションした未来2通り、計88通り）" in sobol_text(
        _result(rows, True), "ja"
    )
