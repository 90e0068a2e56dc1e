"""The split by fab's machine numbers and Japanese text (session 30's audit, findings 8 and 9):
a fab with no capacity in the shock year avoided ``-1.1368683772161603e-13`` in the API's and the
CLI's JSON (a run's JSON has no such noise), and the Japanese paragraph wrote "p5–p95: …" and
"名前: …" with ASCII colons."""

from __future__ import annotations

import types

import pandas as pd

from chipshock.present.contributions import (
    contribution_rows,
    contribution_text,
    contribution_totals,
)

NOISE = 1.1368683772161603e-13


def _result() -> types.SimpleNamespace:
    table = pd.DataFrame(
        {
            "fab_id": ["a", "a", "b", "b"],
            "measure": ["alone", "added"] * 2,
            "mean": [4.0, 3.0, NOISE, -NOISE],
            "p5": [1.0, 1.0, -NOISE, 0.0],
            "p50": [4.0, 3.0 + 4e-16, NOISE, -NOISE],
            "p95": [8.0, 6.0, 0.1 + 0.2, 0.0],
        }
    )

    def stats(v: float) -> dict[str, float]:
        return {"mean": v, "p5": v / 2, "p50": v, "p95": 2 * v}

    totals = {
        "together": stats(4.0 + NOISE),
        "sum_alone": stats(4.0),
        "sum_added": stats(3.0),
        "interaction": stats(-NOISE),
    }
    return types.SimpleNamespace(fabs=("a", "b"), runs=10, table=table, totals=totals)


def test_rows_and_totals_carry_no_float_noise() -> None:
    rows = contribution_rows(_result(), {"a": "Fab A", "b": "Fab B"})
    b = rows[rows["fab_id"] == "b"]
    assert b[["mean", "p5", "p50"]].to_numpy().tolist() == [[0.0, 0.0, 0.0]] * 2
    assert b["p95"].tolist() == [0.3, 0.0]
    assert rows[rows["fab_id"] == "a"]["p50"].tolist() == [4.0, 3.0]
    totals = contribution_totals(_result()).set_index("measure")
    assert totals.loc["together", "p50"] == 4.0 and totals.loc["interaction", "p50"] == 0.0


def test_the_japanese_paragraph_uses_japanese_colons() -> None:
    text = contribution_text(_result(), {"a": "Fab A", "b": "Fab B"}, "ja")
    assert "p5〜p95：" in text and "p5–p95" not in text and "（Fab B：" in text
    assert ": " not in text
