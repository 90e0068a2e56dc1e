"""A scenario's own [[sourcing]] rows in words, said once for every surface: what `scenario run`
and `scenario compare` print under "sourcing" (「調達」 in Japanese) and give under ``sourcing`` /
``sourcing_ja`` in --format json, and what the API answers under the same names. The engine
gives the rows (`chipshock.sim.network.sourcing.shock_year_sourcing`); the words, the numbers'
format and the language are chosen here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.present.labels import Lang, market_label, node_label, operator_names
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_cell_number, machine_number

__all__ = ["MOVED_SHOWN_FROM", "result_sourcing_lines", "scenario_sourcing_lines"]

#: a market and class says how much of its sourced shares moved to other fabs from this many
#: percentage points (below it the line says nothing of a move)
MOVED_SHOWN_FROM = 0.05


def _as_written(share_pct: float) -> str:
    """A share the scenario file gives (or what 100 minus its shares leaves), as written:
    ``60``, ``12.5``, float noise of a sum dropped (``machine_number``)."""
    return f"{machine_number(share_pct):g}"


def scenario_sourcing_lines(
    rows: pd.DataFrame, lang: Lang, operators: Mapping[str, str] | None = None
) -> list[str]:
    """One line per market and class of a scenario's own [[sourcing]] rows in one year (``rows``:
    `shock_year_sourcing`'s): each operator's sourced share as the file writes it and its served
    share at one decimal (a nonzero one that rounds to zero reads ``<0.1``, `fmt_cell_number`),
    the rest left to capacity, and how much of the sourced shares moved to the class's other fabs
    (from `MOVED_SHOWN_FROM`) (``cli.sourcing_scenario_*``). In English markets, classes and
    operators by id, as the file writes them; in Japanese by name (``operators``: by operator id,
    `operator_names`; an id without a name as it is).

    >>> rows = pd.DataFrame({"market": ["automotive"], "node_class": ["n28_45"],
    ...     "operator": ["tsmc"], "year": [2027], "sourced_pct": [10.0], "served_pct": [0.03]})
    >>> (line,) = scenario_sourcing_lines(rows, "en")
    >>> line.split("; ")[0]
    'automotive n28_45 (scenario [[sourcing]], 2027): tsmc 10 % sourced, <0.1 % served'
    >>> line.split("; ")[1]
    'the rest (90 %) by capacity'
    >>> line.split("; ")[2].split(" (")[0]
    "10.0 % of the sourced shares moved to the class's other fabs"
    """
    named = lang == "ja"
    lines = []
    for (market, node), group in rows.groupby(["market", "node_class"], sort=False):
        parts = message("cli.sourcing_scenario_sep", lang).join(
            message(
                "cli.sourcing_scenario_part",
                lang,
                operator=(operators or {}).get(str(operator), str(operator)),
                sourced=_as_written(sourced),
                served=fmt_cell_number(served, 1, lang),
            )
            for operator, sourced, served in zip(
                group["operator"],
                group["sourced_pct"].to_numpy(float).tolist(),
                group["served_pct"].to_numpy(float).tolist(),
                strict=True,
            )
        )
        rest = max(0.0, 100.0 - float(group["sourced_pct"].sum()))
        moved = float((group["sourced_pct"] - group["served_pct"]).clip(lower=0).sum())
        lines.append(
            message(
                "cli.sourcing_scenario_line",
                lang,
                market=market_label(str(market), lang) if named else market,
                node_class=node_label(str(node), lang) if named else node,
                year=int(group["year"].iloc[0]),
                parts=parts,
                rest=_as_written(rest),
                moved=message(
                    "cli.sourcing_scenario_moved", lang, moved=fmt_cell_number(moved, 1, lang)
                )
                if moved >= MOVED_SHOWN_FROM
                else "",
            )
        )
    return lines


def result_sourcing_lines(result: Any, lang: Lang, fabs: pd.DataFrame | None = None) -> list[str]:
    """A result's (`chipshock.sim.SimResult`) own [[sourcing]] lines in ``lang``
    (`scenario_sourcing_lines`) in the year of its scenario's first shock (its first year
    without shocks; `shock_year_sourcing`), in Japanese operators by their names in ``fabs``
    (the registry, `operator_names`; by id without it); none without [[sourcing]] rows. The
    engine is imported when used: the API starts without it."""
    from chipshock.sim.network.sourcing import shock_year_sourcing

    rows = shock_year_sourcing(result.scenario, result.sourcing)
    operators = operator_names(fabs, "ja") if lang == "ja" else None
    return scenario_sourcing_lines(rows, lang, operators)
