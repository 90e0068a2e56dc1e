"""`chipshock chokepoints|concentration --lang ja` and `chipshock trace INPUT --lang ja` on a
terminal: the
ETO tables with Japanese headers, input names (`chipshock.present.eto_names`), countries and
input types, titles and captions in Japanese (the ETO's source and licence kept), and the
numbers of the English tables.

Words from the message catalogue: ``cli.choke_*``, ``cli.conc_*``, ``cli.trace_*``,
``cli.eto_source``.
"""

from __future__ import annotations

import pandas as pd

from chipshock.cli.analysis_ja import eto_source
from chipshock.cli.output import Format, console, emit
from chipshock.cli.table_cells import number_cells
from chipshock.present.eto_names import input_name, type_label
from chipshock.present.labels import country_label
from chipshock.present.messages import message

__all__ = ["eto_source_ja", "print_chokepoints_ja", "print_concentration_ja", "print_trace_ja"]


def eto_source_ja(release_label: str) -> str:
    """The source line of an ETO table in Japanese (``cli.eto_source``, as `eto_source`)."""
    return eto_source(release_label, "ja")


def _names(table: pd.DataFrame) -> list[str]:
    """The rows' inputs by their Japanese names (the table breaks a long one between
    characters, so that it leaves room for the numbers on an 80-column terminal)."""
    return [
        input_name(str(i), str(n), "ja")
        for i, n in zip(table["input_id"], table["input_name"], strict=True)
    ]


def print_chokepoints_ja(
    table: pd.DataFrame, by: str, min_share: float, release_label: str
) -> None:
    """The ETO chokepoints (`chipshock.analysis.chokepoints.chokepoints`) in Japanese: inputs
    by their Japanese names, countries by name (firms as the ETO names them)."""
    provider = message(f"cli.choke_col_provider_{by}", "ja")
    shown = pd.DataFrame(
        {
            message("cli.choke_col_input_id", "ja"): table["input_id"],
            message("cli.choke_col_input_name", "ja"): _names(table),
            provider: [
                country_label(str(p), "ja") if by == "country" else str(p)
                for p in table["provider"]
            ],
            message("cli.choke_col_share_pct", "ja"): table["share_pct"],
            message("cli.choke_col_hhi", "ja"): table["hhi"],
            message("cli.choke_col_year", "ja"): table["year"],
            message("cli.choke_col_n_alternatives", "ja"): table["n_alternatives"],
        }
    )
    title = message(
        "cli.choke_title",
        "ja",
        n=len(table),
        who=message(f"cli.choke_who_{by}", "ja"),
        share=f"{min_share:g}",
    )
    caption = message("cli.choke_caption", "ja") + eto_source_ja(release_label)
    emit(shown, Format.table, title=title, caption=caption, narrow=list(shown.columns), lang="ja")


#: the concentration table's columns on a terminal, most important first (English and Japanese)
CONCENTRATION_SHOWN = (
    "input_id",
    "input_name",
    "hhi",
    "top_provider",
    "top_share_pct",
    "unknown_share_pct",
    "year",
    "n_providers",
)


def print_concentration_ja(table: pd.DataFrame, by: str, release_label: str) -> None:
    """The concentration per input (`chipshock.analysis.concentration.concentration`) in
    Japanese: inputs by their Japanese names, the top country by name (a firm as the ETO names
    it), the numbers as the English table writes them."""
    words = {
        "input_id": message("cli.choke_col_input_id", "ja"),
        "input_name": message("cli.choke_col_input_name", "ja"),
        "hhi": message("cli.choke_col_hhi", "ja"),
        "top_provider": message(f"cli.conc_col_top_provider_{by}", "ja"),
        "top_share_pct": message("cli.conc_col_top_share_pct", "ja"),
        "unknown_share_pct": message("cli.conc_col_unknown_share_pct", "ja"),
        "year": message("cli.choke_col_year", "ja"),
        "n_providers": message("cli.conc_col_n_providers", "ja"),
    }
    cells: dict[str, list[object]] = {}
    for column in [c for c in table.columns if c in CONCENTRATION_SHOWN]:  # the English order
        if column == "input_name":
            cells[words[column]] = list(_names(table))
        elif column == "top_provider":
            cells[words[column]] = [
                "–" if pd.isna(p) else country_label(str(p), "ja") if by == "country" else str(p)
                for p in table["top_provider"]
            ]
        elif column == "input_id":
            cells[words[column]] = table[column].tolist()
        else:
            cells[words[column]] = list(number_cells(table, column))
    title = message("cli.conc_title", "ja", who=message(f"cli.choke_who_{by}", "ja"))
    caption = message("cli.conc_caption", "ja") + eto_source_ja(release_label)
    shown = pd.DataFrame(cells)
    narrow = [words[c] for c in CONCENTRATION_SHOWN]
    emit(shown, Format.table, title=title, caption=caption, narrow=narrow, lang="ja")


def _trace_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A trace section in Japanese: names, types and relations in words."""
    return pd.DataFrame(
        {
            message("cli.trace_col_depth", "ja"): frame["depth"],
            message("cli.trace_col_input_id", "ja"): frame["input_id"],
            message("cli.trace_col_input_name", "ja"): _names(frame),
            message("cli.trace_col_type", "ja"): [type_label(str(t), "ja") for t in frame["type"]],
            message("cli.trace_col_relation", "ja"): [
                message(f"cli.trace_relation_{r}", "ja") for r in frame["relation"]
            ],
            message("cli.trace_col_via_id", "ja"): frame["via_id"],
        }
    )


def print_trace_ja(
    input_id: str,
    english_name: str,
    stage_id: str | None,
    sections: dict[str, pd.DataFrame],
    release_label: str,
) -> None:
    """The downstream and upstream of an ETO input in Japanese, each with its caption (an
    empty one as a sentence, as in English)."""
    name = input_name(input_id, english_name, "ja")
    source = eto_source_ja(release_label)
    for section, frame in sections.items():
        title = message(f"cli.trace_{section}", "ja")
        if frame.empty:
            console.print(
                f"{title}：" + message(f"cli.trace_{section}_none", "ja", name=name),
                highlight=False,
                markup=False,
            )
            continue
        caption = message(f"cli.trace_{section}_caption", "ja", name=name, stage=stage_id or "–")
        emit(_trace_table(frame), Format.table, title=title, caption=caption + source, lang="ja")
