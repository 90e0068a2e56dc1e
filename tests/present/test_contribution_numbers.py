"""The split by fab's machine numbers and Japanese text (session 30's audit, findings 8 and 9):
a fab with no capacity in the shock year avoided ``-1.1368683772161603e-13`` in the API's and the
CLI's JSON (a run's JSON has no such noise), and the Japanese paragraph wrote "p5–p95: …" and
"名前: …" with ASCII colons."""

from __future__ import annotations

import types

import pandas as pd

from chipshock.present.contributions import (
    cell_texts,
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


def test_split_cells_never_write_a_nonzero_amount_as_zero() -> None:
    """USD 0.02 bn avoided reads "<0.1" in the split's cells (the sentence "less than USD 0.1
    bn"),
    a small negative ">-0.1", in Japanese ">-0.01億ドル" below a hundredth of 億ドル; an exact 0
    and round-off read 0."""
    small = cell_texts({"p50": 0.02, "p5": -0.01, "p95": 0.12})
    assert small["p50_text"] == {"en": "<0.1", "ja": "0.2億ドル"}
    assert small["band_text"] == {"en": ">-0.1 – 0.1", "ja": "-0.1億ドル〜1億ドル"}
    tiny = cell_texts({"p50": -0.0004, "p5": 0.0, "p95": 1e-8})
    assert tiny["p50_text"] == {"en": ">-0.1", "ja": ">-0.01億ドル"}
    assert tiny["band_text"] == {"en": "0.0 – 0.0", "ja": "0億ドル〜0億ドル"}


def test_the_paragraph_says_a_small_amount_as_the_table_does() -> None:
    """A fab that avoids USD 0.02 bn alone, which its cell writes "<0.1": the English paragraph
    says "less than USD 0.1 bn", never a figure the table does not show ("USD 0.02 bn") nor
    "USD 0.0 bn"; a fab that avoids nothing keeps "USD 0.0 bn" (its cell: 0.0); the Japanese
    paragraph writes 0.2億ドル, as its cell (fin33)."""
    result = _result()
    result.table = pd.concat(
        [
            result.table,
            pd.DataFrame(
                {
                    "fab_id": ["c", "c"],
                    "measure": ["alone", "added"],
                    **{stat: [0.02, 0.0] for stat in ("mean", "p5", "p50", "p95")},
                }
            ),
        ],
        ignore_index=True,
    )
    result.fabs = ("a", "b", "c")
    names = {"a": "Fab A", "b": "Fab B", "c": "Fab C"}
    text = contribution_text(result, names)
    assert "(Fab C: less than USD 0.1 bn, Fab B: USD 0.0 bn)" in text, text
    assert "0.02" not in text
    assert cell_texts({"p50": 0.02, "p5": 0.0, "p95": 0.0})["p50_text"]["en"] == "<0.1"
    assert "（Fab C：0.2億ドル、Fab B：0億ドル）" in contribution_text(result, names, "ja")
    result.totals["together"] = {"mean": 0.02, "p5": 0.01, "p50": 0.02, "p95": 0.5}
    assert contribution_text(result, names).startswith(
        "Together the 3 fabs avoid less than USD 0.1 bn (less than USD 0.1 bn to USD 0.5 bn, "
        "p5–p95 of 10 simulated futures)."
    )
