"""The summary paragraph when the middle estimate loses nothing: it still gives the tail (review 3
#15), in English and Japanese, from the run's own all-market KPIs."""

from __future__ import annotations

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
