"""`chipshock sourcing --lang ja` on a terminal: who makes each market's chips, with Japanese
headers, market, node-class, region and operator names, the title and caption in Japanese and
the numbers of the English table.

Words from the message catalogue (``cli.sourcing_title``, ``cli.sourcing_col_<column>``,
``report.util_other`` for a region's other fabs), names from `chipshock.present.labels`
(fabs by fab_names_ja.csv), the caption `chipshock.present.sourcing_notes.SOURCING_NOTE_JA`
with the sim's own Japanese notes on switched fabs and unplaced operators: the words of
``GET /api/sourcing``'s ``caption_ja``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.present.labels import (
    confidence_label,
    country_label,
    fab_names,
    market_label,
    node_label,
    operator_names,
)
from chipshock.present.messages import message

__all__ = ["SOURCING_COLUMNS_JA", "print_sourcing_ja"]

#: the Japanese table's columns (``key``: the operator, region or fab the rows are summed by;
#: the method, an English text, and the sources are in json and csv)
SOURCING_COLUMNS_JA = [
    "market",
    "node_class",
    "key",
    "regions",
    "sourced_pct",
    "served_pct",
    "served_kwspm",
    "confidence",
    "as_of",
]


def _key_names(table: pd.DataFrame, by: str, fabs: pd.DataFrame) -> list[str]:
    """The rows' operator, region or fab in Japanese; a region's other fabs as
    「その他の工場（台湾、28〜45nm）」."""
    operators = operator_names(fabs, "ja")
    names = fab_names(fabs, "ja")
    out = []
    for key, name, node in zip(table[by], table["name"], table["node_class"], strict=True):
        key = str(key)
        region = _other_fabs_region(key)
        if region:
            node_word = node_label(str(node), "ja")
            out.append(
                message(
                    "report.util_other", "ja", region=country_label(region, "ja"), node=node_word
                )
            )
        elif by == "region":
            out.append(country_label(key, "ja"))
        elif by == "producer":
            out.append(names.get(key) or str(name))
        else:  # an operator without a Japanese name by its English one
            out.append(operators.get(key) or str(name))
    return out


def _other_fabs_region(key: str) -> str:
    """The region of a row of a region's other fabs ("other fabs TWN"; by producer
    "other:TWN:n28_45"), else ""."""
    if key.startswith("other fabs "):
        return key.removeprefix("other fabs ")
    if key.startswith("other:"):
        return key.split(":")[1]
    return ""


def print_sourcing_ja(
    table: pd.DataFrame,
    by: str,
    year: int,
    fabs: pd.DataFrame,
    caption: str,
    narrow: Sequence[str],
) -> None:
    """The sourcing table (`chipshock.sim.network.sourcing_view.sourcing_table`'s, summed
    ``by`` operator, region or producer) in Japanese, ``caption`` wrapped below; ``narrow``:
    the English table's key columns, kept first on a narrow terminal."""
    words = {
        c: message(f"cli.sourcing_col_by_{by}" if c == "key" else f"cli.sourcing_col_{c}", "ja")
        for c in SOURCING_COLUMNS_JA
    }
    shown = pd.DataFrame(
        {
            words["market"]: [market_label(str(m), "ja") for m in table["market"]],
            words["node_class"]: [node_label(str(n), "ja") for n in table["node_class"]],
            words["key"]: _key_names(table, by, fabs),
            words["regions"]: [
                "、".join(country_label(r.strip(), "ja") for r in str(v).split(",") if r.strip())
                for v in table["regions"]
            ],
            words["sourced_pct"]: table["sourced_pct"],
            words["served_pct"]: table["served_pct"],
            words["served_kwspm"]: table["served_kwspm"],
            words["confidence"]: [
                confidence_label(str(c), "ja") if isinstance(c, str) and c else ""
                for c in table["confidence"]
            ],
            words["as_of"]: [str(a) if isinstance(a, str) else "" for a in table["as_of"]],
        }
    )
    keep = [words["key" if c == by else c] for c in narrow if (c if c != by else "key") in words]
    emit(
        shown,
        Format.table,
        title=message("cli.sourcing_title", "ja", year=year),
        narrow=keep,
        lang="ja",
    )
    print_wrapped(caption)
