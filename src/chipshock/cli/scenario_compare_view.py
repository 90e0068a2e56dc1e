"""What `scenario compare` prints on a terminal: the lines above its tables (heading, which side
loses less, the summary paragraph, each side's [[sourcing]] lines and settings; in Japanese
`scenario_compare_ja`), the two tables (side by side, and what the better side avoids), and the
capacity note of either side."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.markup import escape

from chipshock.cli.output import console, fits
from chipshock.cli.scenario_view import (
    NARROW_COMPARE,
    WIDE_COMPARE,
    compare_verdict,
    side_by_side,
    stacked_percentiles,
    wide_percentiles,
)
from chipshock.present.coverage_notes import result_capacity_note
from chipshock.present.messages import message
from chipshock.present.numbers import Lang
from chipshock.present.scenario_settings import run_settings
from chipshock.present.sourcing_lines import result_sourcing_lines
from chipshock.present.summary import avoided_by_better, better_side, shown_side, summary_text

__all__ = [
    "compare_tables",
    "either_side_note",
    "print_compare_lines",
    "side_settings",
    "side_sourcing_ja",
]


def print_compare_lines(result: Any, data: Any, labels: tuple[str, str], runs: int) -> None:
    """Print the English lines above `scenario compare`'s tables: the two sides (``labels``)
    and the ``runs`` each, which side loses less (`compare_verdict`), the summary paragraph,
    each side's own [[sourcing]] lines (``cli.sourcing_side``) and what the sides set beside
    their shocks (`side_settings`)."""
    label_a, label_b = labels
    console.print(  # the titles as their files write them: "[draft]" is not rich markup
        f"[bold]{escape(label_a)}[/bold] [dim]against[/dim] [bold]{escape(label_b)}[/bold] "
        f"[dim]({runs:,} simulated futures each, common random numbers)[/dim]"
    )
    verdict = compare_verdict(label_a, label_b, better_side(result), shown=shown_side(result))
    console.print(verdict, highlight=False, markup=False)
    summary = summary_text(result, "en", label_a=label_a, label_b=label_b)
    console.print(summary, highlight=False, markup=False)
    for side, label in ((result.a, label_a), (result.b, label_b)):
        for line in result_sourcing_lines(side, "en"):
            text = message("cli.sourcing_side", "en", label=label, line=line)
            console.print(text, highlight=False, markup=False)
    for line in side_settings(result, data, labels, "en"):
        console.print(line, highlight=False, markup=False)


def compare_tables(result: Any, label_a: str, label_b: str) -> dict[str, pd.DataFrame]:
    """The two tables `scenario compare` prints: side by side, and what the better side
    (`better_side`) avoids per market with one column per KPI, where they fit the terminal;
    else (80 columns) the medians only, then the avoided values stacked by market with p5, p50
    and p95 in columns (the same numbers, `stacked_percentiles`)."""
    avoided = avoided_by_better(result)
    per_market = wide_percentiles(avoided)
    both = side_by_side(result.a.kpis, result.b.kpis, avoided, label_a, label_b)
    if fits(both) and fits(per_market):
        return dict(zip(WIDE_COMPARE, (both, per_market), strict=True))
    medians = side_by_side(
        result.a.kpis, result.b.kpis, avoided, label_a, label_b, with_avoided=False
    )
    stacked = stacked_percentiles(avoided)
    return dict(zip(NARROW_COMPARE, (medians, stacked), strict=True))


def side_settings(result: Any, data: Any, labels: tuple[str, str], lang: Lang) -> list[str]:
    """What the two sides' scenarios set beside their shocks (`run_settings`): once when they
    agree, else each side's lines after its name."""
    a, b = (run_settings(side.scenario, data, lang) for side in (result.a, result.b))
    if a == b:
        return a
    sep = "：" if lang == "ja" else ": "
    return [
        f"{label}{sep}{line}" for label, lines in zip(labels, (a, b), strict=True) for line in lines
    ]


def side_sourcing_ja(result: Any, data: Any, labels: tuple[str, str]) -> list[str]:
    """Each side's [[sourcing]] lines in Japanese after its name, as the English prints them
    (``cli.sourcing_side``)."""
    return [
        message("cli.sourcing_side", "ja", label=label, line=line)
        for label, side in zip(labels, (result.a, result.b), strict=True)
        for line in result_sourcing_lines(side, "ja", data.fabs)
    ]


def either_side_note(result: Any, lang: str) -> str:
    """The capacity note of a comparison (`result_capacity_note` of each side, each wording
    once; "" when neither side's horizon passes the capacity data)."""
    notes = (result_capacity_note(side, lang) for side in (result.a, result.b))
    return " ".join(note for note in dict.fromkeys(notes) if note)
