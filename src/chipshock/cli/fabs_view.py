"""`chipshock fabs --capacity-in YEAR --coverage|--reconcile`: the tables' titles, captions and,
in Japanese, their columns and names.

Words from the message catalogue: ``cli.coverage_*`` and ``cli.reconcile_*`` (title, caption),
``cli.fabs_col_<column>`` (headers; the English side is the English table's header), regions by
`country_label` (``WORLD``: ``cli.region_world``), node classes by `node_label`. Numbers stay
numbers: capacities in kwspm as the English table writes them, percentages with one decimal.
"""

from __future__ import annotations

import pandas as pd

from chipshock.analysis.registry import COVERAGE_TARGET_PCT
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.present.labels import Lang, country_label, node_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_number

__all__ = ["coverage_caption", "fabs_table_ja", "region_name", "show_capacity"]


def region_name(code: str, lang: Lang) -> str:
    """A capacity region in ``lang``: "TWN" / 「台湾」, ``WORLD``: "World" / 「世界」."""
    return message("cli.region_world", lang) if code == "WORLD" else country_label(code, lang)


def fabs_table_ja(table: pd.DataFrame) -> pd.DataFrame:
    """A coverage or reconciliation table (`chipshock.analysis.registry.coverage`,
    `reconcile`) for the Japanese terminal: headers ``cli.fabs_col_*``, regions and node classes
    by name, percentages with one decimal ("–" where there is no total), flags as 「はい」."""
    out: dict[str, list[object]] = {}
    for column in table.columns:
        values = table[column].tolist()
        if column == "region":
            cells: list[object] = [region_name(str(v), "ja") for v in values]
        elif column == "node_class":
            cells = [node_label(str(v), "ja") for v in values]
        elif column.endswith("_pct"):
            cells = ["–" if pd.isna(v) else fmt_number(float(v), 1, "ja") for v in values]
        elif table[column].dtype == bool:
            cells = [message("cli.alliance_yes", "ja") if v else "" for v in values]
        else:
            out[message(f"cli.fabs_col_{column}", "ja")] = values
            continue
        out[message(f"cli.fabs_col_{column}", "ja")] = cells
    return pd.DataFrame(out)


def coverage_caption(table: pd.DataFrame, lang: Lang) -> str:
    """How many region x class cells with capacity reach the registry's aim, which fall below
    it, and what the columns are (``cli.coverage_caption``)."""
    cells = table[(table["region"] != "WORLD") & (table["total_kwspm"] > 0)]
    short = cells[~cells["meets_target"]]
    below = [
        message(
            "cli.coverage_below",
            lang,
            region=r.region if lang == "en" else region_name(str(r.region), lang),
            node_class=r.node_class if lang == "en" else node_label(str(r.node_class), lang),
            # one decimal each, as the table's coverage %: "73.0%", "0.0%" beside "63.9%"
            pct=fmt_number(pct, 1, lang),
        )
        for r, pct in zip(
            short.itertuples(), short["coverage_pct"].astype(float).tolist(), strict=True
        )
    ]
    return message(
        "cli.coverage_caption",
        lang,
        met=len(cells) - len(short),
        cells=len(cells),
        target=f"{COVERAGE_TARGET_PCT:g}",
        below=(", " if lang == "en" else "、").join(below),
    )


def show_capacity(frame: pd.DataFrame, fmt: Format, lang: Lang, title: str, caption: str) -> None:
    """A coverage or reconciliation table: as it is in English, json and csv; on a Japanese
    terminal `fabs_table_ja`, the caption wrapped below."""
    if fmt is not Format.table or lang == "en":
        emit(frame, fmt, title=title, caption=caption)
        return
    emit(fabs_table_ja(frame), fmt, title=title, lang="ja")
    print_wrapped(caption)
