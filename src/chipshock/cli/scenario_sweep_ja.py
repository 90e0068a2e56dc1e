"""`chipshock scenario sweep --lang ja` on a terminal: the sweep's sentence, its table and caption
in Japanese.

The helpers of `scenario run --lang ja` (`chipshock.cli.scenario_run_ja`) do the work: KPI names
from the message catalogue, the parameter's name from `chipshock.present.summary_sweep.SWEPT`
(the words of the sentence), the swept values by `scenario_view.swept_value` and the numbers by
the shared formatter with ``lang="ja"`` (億ドル, 兆ドル). The table holds the cells of the English
one: one row per value and one column per KPI where that fits the terminal, else stacked by
value with p5, p50 and p95 in columns.
"""

from __future__ import annotations

import pandas as pd

from chipshock.cli.output import Format, emit, fits
from chipshock.cli.scenario_run_ja import (
    print_wrapped,
    stacked_percentiles_ja,
    swept_name_ja,
    wide_percentiles_ja,
)
from chipshock.present.messages import message
from chipshock.present.summary import sweep_text
from chipshock.scenarios import Scenario

__all__ = ["print_sweep_ja", "sweep_table_ja"]


def sweep_table_ja(table: pd.DataFrame, parameter: str) -> pd.DataFrame:
    """The all-markets rows of a sweep (`chipshock.sim.sweep`) for the terminal, in Japanese:
    wide (`wide_percentiles_ja` by swept value) where it fits, else stacked."""
    rows = table[table["market"] == "all"]
    wide = wide_percentiles_ja(rows, parameter)
    return wide if fits(wide) else stacked_percentiles_ja(rows, parameter)


def print_sweep_ja(scenario: Scenario, parameter: str, table: pd.DataFrame) -> None:
    """Print `scenario sweep`'s terminal answer in Japanese: the sentence wrapped to the terminal
    (`wrap_japanese`), the table with its title, and its caption."""
    title = scenario.title_ja or scenario.title
    print_wrapped(sweep_text(title, parameter, table, "ja"))
    heading = message("cli.sweep_title", "ja", parameter=swept_name_ja(parameter))
    emit(sweep_table_ja(table, parameter), Format.table, title=heading, lang="ja")
    print_wrapped(message("cli.sweep_caption", "ja") + message("kpi.censored_note", "ja"))
