"""`chipshock scenario sensitivity --method sobol` on a terminal: the table of Sobol indices and
its caption, in English or Japanese.

The rows are `chipshock.report.sobol_reading.sobol_tidy`'s (largest total index first). English:
the tidy columns, headed by `chipshock.cli.output.emit`'s rule (``total_pct`` -> "total %"), the
low and high values with their unit (`fmt_factor_value`: "2%/week", not "0 – 0.2"). Japanese:
the same rows and numbers under the ``cli.sobol_col_*`` words of the message catalogue (whose
English side is the English header), the low and high values with their unit
(`fmt_factor_value`, as the report and the tornado write them), confidences in words
(`confidence_label`), the caption ``cli.sobol_caption`` with the KPI and market named.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.labels import Lang, confidence_label, kpi_label, market_label
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import fmt_cell_number, fmt_factor_value, fmt_number

__all__ = ["SOBOL_COLUMNS", "sobol_caption", "sobol_table"]

#: the tidy columns the terminal shows, in order, with the catalogue word that heads each
#: (``cli.sobol_col_<word>``); the Japanese table writes the unit into the low and high cells
SOBOL_COLUMNS: dict[str, str] = {
    "rank": "rank",
    "assumption": "assumption",
    "low_value": "low",
    "high_value": "high",
    "unit": "",
    "first_order_pct": "first",
    "first_order_ci_pct": "first_ci",
    "total_pct": "total",
    "total_ci_pct": "total_ci",
    "total_half_pct": "total_half",
    "confidence": "confidence",
}


def sobol_table(tidy: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    """The terminal's table of ``tidy`` (`sobol_tidy` in ``lang``): in English the shown
    columns of ``tidy`` unchanged (`emit` formats them); in Japanese one text column per
    catalogue word, percentages with one decimal as the English table writes them."""
    rows = [r for _, r in tidy.iterrows()]
    if lang == "en":  # the low and high values with their unit, as the tornado writes them
        table = tidy[list(SOBOL_COLUMNS)].copy()
        for col in ("low_value", "high_value"):
            table[col] = [fmt_factor_value(str(r["unit"]), float(r[col]), lang) for r in rows]
        return table

    def pct(column: str) -> list[str]:
        return [fmt_cell_number(float(r[column]), 1, lang) for r in rows]

    def value(column: str) -> list[str]:
        return [fmt_factor_value(str(r["unit"]), float(r[column]), lang) for r in rows]

    cells: dict[str, list[Any]] = {
        "rank": [int(r["rank"]) for r in rows],
        "assumption": [str(r["assumption"]) for r in rows],
        "low_value": value("low_value"),
        "high_value": value("high_value"),
        **{c: pct(c) for c in SOBOL_COLUMNS if c.endswith("_pct")},
        "confidence": [confidence_label(str(r["confidence"]), lang) for r in rows],
    }
    return pd.DataFrame(
        {message(f"cli.sobol_col_{SOBOL_COLUMNS[c]}", lang): cells[c] for c in cells}
    )


def sobol_caption(result: Any, kpi: str, market: str, lang: Lang = "en") -> str:
    """What the table shows: the indices' unit, the design's size, the seed (``kpi`` and
    ``market`` as given in English, named in Japanese)."""
    what = kpi if lang == "en" else kpi_label(kpi, lang)
    where = market if lang == "en" else market_label(market, lang)
    return count_message(
        "cli.sobol_caption",
        result.runs,
        lang,
        kpi=what,
        market=where,
        evaluations=result.evaluations if lang == "en" else fmt_number(result.evaluations, 0, lang),
        runs=result.runs,
        seed=result.seed,
    )
