"""`chipshock scenario compare --lang ja` on a terminal: heading, summary paragraph, tables and
captions in Japanese.

The helpers of `scenario run --lang ja` (`chipshock.cli.scenario_run_ja`) do the work: words from
the message catalogue (``cli.*`` titles, column names and captions, ``market.*`` names), numbers
from the shared formatter with ``lang="ja"`` (億ドル, 兆ドル), paragraphs and captions wrapped by
`wrap_japanese`. The tables hold the cells of the English ones
(`chipshock.cli.scenario_compare_view.compare_tables`) and are laid out by the same rule: side
by side with what the second side avoids and one column per KPI where both fit the terminal,
else the medians only and the avoided values stacked by market.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.cli.output import Format, emit, fits
from chipshock.cli.scenario_run_ja import (
    print_wrapped,
    stacked_percentiles_ja,
    wide_percentiles_ja,
)
from chipshock.cli.scenario_view import compare_sides, compare_verdict, side_by_side
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int
from chipshock.present.provenance import engine_source, package_release
from chipshock.present.summary import avoided_by_better, better_side, shown_side, summary_text

__all__ = ["compare_tables_ja", "print_compare_ja"]


def compare_tables_ja(
    result: Any, label_a: str, label_b: str
) -> dict[str, tuple[pd.DataFrame, str]]:
    """The two tables of `scenario compare --lang ja` by Japanese title, each with its caption:
    side by side and the better side's avoided values (`better_side`) per market with one
    column per KPI where both fit the terminal, else the medians only and the avoided values
    stacked by market (the rule of `scenario_compare_view.compare_tables`)."""
    labels = compare_sides(label_a, label_b, shown_side(result))
    source = message("cli.source", "ja", source=engine_source(package_release(), "ja"))
    not_the_gap = message("compare.median_of_differences", "ja")  # beside each side's medians
    avoided = avoided_by_better(result)
    per_market = wide_percentiles_ja(avoided)
    both = side_by_side(result.a.kpis, result.b.kpis, avoided, label_a, label_b, lang="ja")
    if fits(both) and fits(per_market):
        return {
            message("cli.compare_all_markets", "ja"): (
                both,
                message("cli.compare_caption_all", "ja", **labels)
                + message("cli.compare_band_note", "ja")
                + not_the_gap
                + source,
            ),
            message("cli.compare_per_market", "ja"): (
                per_market,
                message("cli.compare_caption_avoided", "ja", **labels) + source,
            ),
        }
    medians = side_by_side(
        result.a.kpis, result.b.kpis, avoided, label_a, label_b, with_avoided=False, lang="ja"
    )
    return {
        message("cli.compare_medians", "ja"): (
            medians,
            message("cli.compare_caption_medians", "ja", **labels)
            + message("cli.compare_band_note", "ja")
            + not_the_gap,
        ),
        message("cli.compare_avoided_stacked", "ja"): (
            stacked_percentiles_ja(avoided),
            message("cli.compare_caption_avoided", "ja", **labels) + source,
        ),
    }


def print_compare_ja(
    result: Any,
    label_a: str,
    label_b: str,
    runs: int,
    settings: Sequence[str] = (),
    sourcing: Sequence[str] = (),
) -> None:
    """Print `scenario compare`'s terminal answer in Japanese: heading, which side loses less
    (`compare_verdict`, by `better_side`), the summary paragraph wrapped to the terminal
    (`wrap_japanese`), the ``sourcing`` lines (each side's own [[sourcing]] rows) and the
    ``settings`` lines (what the sides set beside their shocks), before the tables as in
    English, then `compare_tables_ja`, each table followed by its caption."""
    heading = message("cli.compare_heading", "ja", a=label_a, b=label_b, runs=fmt_int(runs, "ja"))
    print_wrapped(heading, "bold")
    print_wrapped(
        compare_verdict(label_a, label_b, better_side(result), "ja", shown=shown_side(result))
    )
    # the paragraph names the sides as the heading and the tables do (review 4 #7)
    print_wrapped(summary_text(result, "ja", label_a=label_a, label_b=label_b))
    for line in [*sourcing, *settings]:
        print_wrapped(line)
    for title, (frame, caption) in compare_tables_ja(result, label_a, label_b).items():
        emit(frame, Format.table, title=title, lang="ja")
        print_wrapped(caption)
