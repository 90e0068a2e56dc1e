"""`chipshock results show --lang ja` on a terminal: a saved result's heading, tables and
captions in Japanese, with the numbers the English table shows.

The tables are `scenario run --lang ja`'s (`chipshock.cli.scenario_run_ja`): the per-market
KPIs by market name, the losses and value added by country name, the producers' utilisation;
the words come from the message catalogue (``cli.results_*`` for what only a saved result says,
``cli.*`` of the run for the rest), the source line names the data release the result was
computed from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.analysis.registry import DataRelease
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_run_ja import (
    print_countries_ja,
    print_per_market_ja,
    print_wrapped,
    utilisation_sections_ja,
)
from chipshock.present.labels import operator_names
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int
from chipshock.present.scenario_settings import saved_title_ja as saved_title

__all__ = ["print_saved_ja", "saved_title_ja"]


def saved_title_ja(info: Mapping[str, Any]) -> str:
    """A saved result's title in Japanese: the ``title_ja`` of the scenario as run (kept with
    the result as ``scenario_toml``, `chipshock.present.scenario_settings.saved_title_ja`),
    else its English title."""
    return saved_title(info.get("scenario_toml")) or str(info["title"])


def print_saved_ja(
    info: Mapping[str, Any],
    kpis: pd.DataFrame,
    by_country: Mapping[str, pd.DataFrame] | None,
    release: DataRelease,
    *,
    changed: str = "",
    utilisation: pd.DataFrame | None = None,
    fabs: pd.DataFrame | None = None,
    age_note: str = "",
    settings: list[str] | None = None,
) -> None:
    """Print `results show`'s terminal answer in Japanese: the heading (name, title, scenario
    id, runs, seed, when saved), ``changed`` (the scenario file changed since), the per-market
    table with its caption and the ``release``'s source line, the by-country tables (or what
    an older save did not keep), where the scenario as run is kept and, with ``utilisation``
    (its rows, `chipshock.present.utilisation.utilisation_rows`; empty: saved without them),
    the producers' tables with their captions, the run's exemption note and ``age_note``;
    ``settings``: what its scenario set beside its shocks (`saved_settings`)."""
    print_wrapped(
        message(
            "cli.results_heading",
            "ja",
            name=info["name"],
            title=saved_title_ja(info),
            id=info["scenario_id"],
            runs=fmt_int(int(info["runs"]), "ja"),
            seed=info["seed"],
            saved=str(info["created_at"])[:19],
        ),
        "bold",
    )
    if changed:
        print_wrapped(changed, "yellow")
    for line in settings or ():  # what its scenario set beside its shocks
        print_wrapped(line)
    print_per_market_ja(kpis, release)
    if by_country is not None:
        print_countries_ja(by_country["loss_by_country"], by_country["value_added_by_country"])
    else:
        print_wrapped(message("cli.results_not_kept", "ja"))
    sha = info.get("scenario_sha256")
    if sha is None or pd.isna(sha):
        print_wrapped(message("cli.results_as_run_unknown", "ja"))
    else:
        print_wrapped(message("cli.results_as_run", "ja", sha=str(sha)[:12]))
    if utilisation is None:
        return
    if utilisation.empty:
        print_wrapped(message("cli.results_no_utilisation", "ja"))
        return
    _print_utilisation_ja(info, utilisation, fabs, age_note)


def _print_utilisation_ja(
    info: Mapping[str, Any], rows: pd.DataFrame, fabs: pd.DataFrame | None, age_note: str
) -> None:
    """The saved producers' tables in Japanese (fabs by their Japanese names), each with its
    caption; the first with the run's exemption note and the note on old capacity figures."""
    if "name_ja" in rows:
        rows = rows.assign(
            name=[
                str(j) if isinstance(j, str) and j else str(n)
                for n, j in zip(rows["name"], rows["name_ja"], strict=True)
            ]
        )
    operators = operator_names(fabs, "ja") if fabs is not None else {}
    exemption = str(info.get("exemption_note_ja") or "")
    for k, (title, (frame, caption)) in enumerate(utilisation_sections_ja(rows, operators).items()):
        emit(frame, Format.table, title=title, lang="ja")
        print_wrapped(caption + (exemption + age_note if k == 0 else ""))
