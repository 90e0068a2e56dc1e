"""A scenario's own [[sourcing]] rows as lines of text: what `scenario run` and `scenario
compare` print under "sourcing" (English, the engine's words) or 「調達」 (Japanese, markets,
classes and operators by name)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from chipshock.present.labels import Lang, market_label, node_label, operator_names
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_cell_number

if TYPE_CHECKING:
    from chipshock.sim.run.results import SimResult

__all__ = ["result_sourcing_lines_ja", "scenario_sourcing_lines"]


def scenario_sourcing_lines(
    rows: pd.DataFrame, lang: Lang, operators: Mapping[str, str] | None = None
) -> list[str]:
    """One line per market and class of a scenario's own [[sourcing]] rows in the year of its
    first shock (`chipshock.sim.network.sourcing.shock_year_sourcing`'s rows): each operator's
    sourced and served share, the rest left to capacity, and how much of the sourced shares
    moved to the class's other fabs. In English the words of `scenario_sourcing_lines` (ids as
    the file writes them); in Japanese markets, classes and operators (``operators``: by
    operator id, `operator_names`) by name (``cli.sourcing_scenario_*``)."""
    lines = []
    for (market, node), group in rows.groupby(["market", "node_class"], sort=False):
        parts = message("cli.sourcing_scenario_sep", lang).join(
            message(
                "cli.sourcing_scenario_part",
                lang,
                operator=(operators or {}).get(str(r.operator), str(r.operator)),
                sourced=f"{r.sourced_pct:g}",
                served=fmt_cell_number(float(str(r.served_pct)), 1, lang),  # never "0.0"
            )
            for r in group.itertuples()
        )
        rest = max(0.0, 100.0 - float(group["sourced_pct"].sum()))
        moved = float((group["sourced_pct"] - group["served_pct"]).clip(lower=0).sum())
        named = lang == "ja"
        lines.append(
            message(
                "cli.sourcing_scenario_line",
                lang,
                market=market_label(str(market), lang) if named else market,
                node_class=node_label(str(node), lang) if named else node,
                year=int(group["year"].iloc[0]),
                parts=parts,
                rest=f"{rest:g}",
                moved=message("cli.sourcing_scenario_moved", lang, moved=f"{moved:.1f}")
                if moved >= 0.05
                else "",
            )
        )
    return lines


def result_sourcing_lines_ja(result: SimResult, fabs: pd.DataFrame) -> list[str]:
    """A run's own [[sourcing]] lines in Japanese (`scenario_sourcing_lines`), in the year of its
    first shock as the English lines (`chipshock.sim.network.sourcing.shock_year_sourcing`),
    operators by their Japanese names in ``fabs`` (the registry's, `operator_names`); none
    without [[sourcing]] rows."""
    from chipshock.sim.network.sourcing import shock_year_sourcing

    rows = shock_year_sourcing(result.scenario, result.sourcing)[0]
    return scenario_sourcing_lines(rows, "ja", operator_names(fabs, "ja"))
