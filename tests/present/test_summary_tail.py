"""The summary paragraph when the middle estimate loses nothing: it still gives the tail (review 3
#15), in English and Japanese, from the run's own all-market KPIs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from chipshock.present.summary import summary_text

#: (kpi, market) -> (p5, p50, p95); the shape of the NLD litho stop at 60 runs
QUIET_MEDIAN_WIDE_TAIL = {
    ("peak_output_lost_pct", "automotive"): (0.0, 0.0, 12.6),
    ("weeks_to_recover", "automotive"): (0.0, 0.0, 111.0),
    ("output_lost_weeks", "all"): (0.0, 0.0, 2.5),
    ("weeks_to_recover", "all"): (0.0, 0.0, 111.1),
    ("loss_usd_bn", "all"): (0.0, 0.0, 297.2),
}


@dataclass
class KpiResult:
    """A result that is only its KPI table (p5/p50/p95 per kpi and market)."""

    kpis: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        return {"runs": 60, "title": "Litho stop", "title_ja": "露光装置の停止"}


def result_of(table: dict[tuple[str, str], tuple[float, float, float]]) -> KpiResult:
    rows = [
        {"kpi": kpi, "market": market, "mean": p50, "p5": p5, "p50": p50, "p95": p95}
        for (kpi, market), (p5, p50, p95) in table.items()
    ]
    return KpiResult(pd.DataFrame(rows))


def test_quiet_median_with_a_wide_tail_gives_the_tail_in_english() -> None:
    """p50 loses nothing but p95 loses USD 297 bn: the text says both, with the recovery p95."""
    text = summary_text(result_of(QUIET_MEDIAN_WIDE_TAIL), "en")
    assert "In the middle estimate, no end market loses output." in text
    assert "in 1 of 20 simulated futures (95th percentile)" in text
    assert "USD 297.2 bn" in text and "111 weeks" in text


def test_quiet_median_with_a_wide_tail_gives_the_tail_in_japanese() -> None:
    """The same in Japanese: 20回に1回, 2,972億ドル, 111週間."""
    text = summary_text(result_of(QUIET_MEDIAN_WIDE_TAIL), "ja")
    assert "中央値では、どの最終市場でも生産は減りません。" in text
    assert "20回に1回" in text and "2,972億ドル" in text and "111週間" in text


def test_no_tail_sentence_when_p95_loses_nothing() -> None:
    """When even the p95 loses nothing the summary adds no tail sentence."""
    calm = {key: (0.0, 0.0, 0.0) for key in QUIET_MEDIAN_WIDE_TAIL}
    assert "1 of 20" not in summary_text(result_of(calm), "en")
    assert "20回に1回" not in summary_text(result_of(calm), "ja")


def test_tail_without_recovery_leaves_the_recovery_out() -> None:
    """A p95 loss with no recovery time (p95 weeks_to_recover 0) says only the loss."""
    table = dict(QUIET_MEDIAN_WIDE_TAIL)
    table[("weeks_to_recover", "all")] = (0.0, 0.0, 0.0)
    text = summary_text(result_of(table), "en")
    assert "USD 297.2 bn" in text and "recover" not in text


#: a Naka-style fab fire: the worst week loses 0.2 % of automotive output, 0.02 weeks in all
BARELY_MOVES = {
    ("peak_output_lost_pct", "automotive"): (0.0, 0.2, 0.8),
    ("output_lost_weeks", "all"): (0.0, 0.02, 0.1),
    ("weeks_to_recover", "automotive"): (0.0, 0.02, 3.0),
    ("loss_usd_bn", "all"): (0.0, 1.4, 6.3),
}


def test_a_tiny_fall_is_not_worded_as_a_fall_in_english() -> None:
    """Worst week >= 99.5 % of normal: "barely moves", "less than 0.1 weeks", "up to USD 6.3
    bn", never "falls to 100%", "0.0 weeks" or "USD 0.0 bn" (review 3 #13)."""
    text = summary_text(result_of(BARELY_MOVES), "en")
    assert "falls to 100%" not in text
    assert "output barely moves (less than 1% at the worst point" in text
    assert "the equivalent of less than 0.1 weeks of normal output (up to 0.1 weeks)" in text
    assert "takes less than 0.1 weeks" in text
    assert "about USD 1.4 bn (up to USD 6.3 bn)" in text
    assert "0.0 weeks" not in text and "USD 0.0 bn" not in text


def test_a_tiny_fall_is_not_worded_as_a_fall_in_japanese() -> None:
    """The same in Japanese: ほとんど変わりません, 0.1週間分未満, 最大63億ドル; no 0億ドル."""
    text = summary_text(result_of(BARELY_MOVES), "ja")
    assert "100%まで落ち込み" not in text and "生産はほとんど変わりません" in text
    assert "通常の生産の0.1週間分未満が失われます（9割の未来で最大0.1週間分）" in text
    assert "約14億ドルです（9割の未来で最大63億ドル）" in text
    assert "0.0週間" not in text and not re.search(r"(?<![\d,.])0億ドル", text)


def test_an_amount_that_rounds_to_nothing_reads_under_a_tenth() -> None:
    """A middle loss of USD 0.01 bn reads "under USD 0.1 bn" / "1億ドル未満", not 0.0 / 0億."""
    table = dict(BARELY_MOVES)
    table[("loss_usd_bn", "all")] = (0.0, 0.01, 0.02)
    en, ja = (summary_text(result_of(table), lang) for lang in ("en", "ja"))
    assert "is under USD 0.1 bn." in en and "USD 0.0 bn" not in en
    assert "は1億ドル未満です。" in ja and not re.search(r"(?<![\d,.])0億ドル", ja)


def test_a_real_fall_keeps_its_wording() -> None:
    """A worst week at 45 % of normal still "falls to 55% of normal" with its range."""
    table = dict(BARELY_MOVES)
    table[("peak_output_lost_pct", "automotive")] = (30.0, 45.0, 60.0)
    table[("output_lost_weeks", "all")] = (3.0, 4.0, 5.0)
    text = summary_text(result_of(table), "en")
    assert "its output falls to 55% of normal (middle estimate; 40% to 70%" in text
    assert "the equivalent of 4.0 weeks of normal output (3.0 to 5.0 weeks)" in text


@dataclass
class KpiComparison:
    """Two sides and their per-run differences (second − first), as percentiles."""

    a: KpiResult
    b: KpiResult
    delta: pd.DataFrame


def test_compare_summary_says_avoided_is_the_median_of_differences() -> None:
    """710 without, 653 with, 52.8 avoided: the text says the avoided figure is the median of
    the difference in each simulated future, not 710 − 653 (review 3 #3), in English and
    Japanese."""
    side_a = result_of({("loss_usd_bn", "all"): (500.0, 710.2, 900.0)})
    side_b = result_of({("loss_usd_bn", "all"): (450.0, 653.5, 850.0)})
    delta = result_of({("loss_usd_bn", "all"): (-81.8, -52.8, -36.0)}).kpis
    cmp = KpiComparison(side_a, side_b, delta)
    en = summary_text(cmp, "en", label_a="without", label_b="with")
    ja = summary_text(cmp, "ja", label_a="なし", label_b="あり")
    assert "USD 52.8 bn of economic output saved" in en
    assert "median of the difference in each simulated future, not the difference between" in en
    assert "run-by-run" not in en
    assert "528億ドル少なくなります" in ja and "未来ごとの差の中央値" in ja


def test_finding_gives_the_tail_when_the_median_loses_nothing() -> None:
    """The report's one-line finding of a quiet median with a USD 297 bn p95 says the p95,
    not "about USD 0.0 bn"; with no tail either, "less than USD 0.1 bn" (review 3 #13, #15)."""
    from chipshock.present.finding import finding

    en, ja = (finding(result_of(QUIET_MEDIAN_WIDE_TAIL), lang) for lang in ("en", "ja"))
    assert "1 of 20 simulated futures (95th percentile)" in en and "USD 297.2 bn" in en
    assert "USD 0.0 bn" not in en
    assert "20回に1回" in ja and "2,972億ドル" in ja
    calm = {key: (0.0, 0.0, 0.0) for key in QUIET_MEDIAN_WIDE_TAIL}
    assert "less than USD 0.1 bn" in finding(result_of(calm), "en")
    assert "1億ドル未満" in finding(result_of(calm), "ja")


def test_finding_of_a_tiny_fall_says_it_barely_moves() -> None:
    """The fab fire's finding: "barely moves", never "falls to 100% of normal"."""
    from chipshock.present.finding import finding

    en, ja = (finding(result_of(BARELY_MOVES), lang) for lang in ("en", "ja"))
    assert "barely moves" in en and "falls to 100%" not in en and "about USD 1.4 bn" in en
    assert "ほとんど変わりません" in ja and "100%まで落ち込み" not in ja
