"""The summary paragraph writes the run count with the project's number format (``1,000``,
``1,000通り``), as the table above it does, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from chipshock.present.summary import summary_text

KPI_COLUMNS = ["kpi", "market", "mean", "p5", "p50", "p95"]


@dataclass
class FakeResult:
    """A result with a run count and no KPIs: the summary says only how many futures ran."""

    runs: int
    kpis: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_COLUMNS))

    def summary(self) -> dict[str, Any]:
        return {"runs": self.runs, "title": "Test", "title_ja": "テスト"}


@dataclass
class FakeComparison:
    a: FakeResult
    b: FakeResult
    delta: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KPI_COLUMNS))


def test_result_summary_writes_runs_with_thousands_separators() -> None:
    """12000 runs read ``12,000`` in English and ``12,000通り`` in Japanese."""
    assert "we ran 12,000 simulated futures" in summary_text(FakeResult(12000), "en")
    assert "シミュレーションした未来12,000通り" in summary_text(FakeResult(12000), "ja")


def test_comparison_summary_writes_runs_with_thousands_separators() -> None:
    """A comparison on 1000 runs says ``the same 1,000 simulated futures`` /
    ``同じシミュレーションした未来1,000通り``."""
    cmp = FakeComparison(FakeResult(1000), FakeResult(1000))
    assert "the same 1,000 simulated futures" in summary_text(cmp, "en", label_a="A", label_b="B")
    assert "同じシミュレーションした未来1,000通り" in summary_text(
        cmp, "ja", label_a="A", label_b="B"
    )
