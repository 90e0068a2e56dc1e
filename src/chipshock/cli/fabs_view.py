"""`chipshock fabs --capacity-in YEAR --coverage|--reconcile`: the tables' titles, captions and,
in Japanese, their columns and names.

Words from the message catalogue: ``cli.coverage_*`` and ``cli.reconcile_*`` (title, caption),
``cli.fabs_col_<column>`` (headers; the English side is the English table's header), regions by
`country_label` (``WORLD``: ``cli.region_world``), node classes by `node_label`. Numbers stay
numbers: capacities in kwspm as the English table writes them, percentages with one decimal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from chipshock.analysis.registry import COVERAGE_TARGET_PCT
from chipshock.cli.alliance_view import value_word
from chipshock.cli.output import Format, emit
from chipshock.present.labels import (
    Lang,
    confidence_label,
    country_label,
    fab_names,
    fab_operators,
    in_language,
    node_label,
)
from chipshock.present.messages import message
from chipshock.present.numbers import MISSING, fmt_cell_number, fmt_usd_amount

__all__ = [
    "coverage_caption",
    "fab_list_header",
    "fab_list_ja",
    "fabs_table_ja",
    "region_name",
    "show_capacity",
    "show_fab_list",
]


def region_name(code: str, lang: Lang) -> str:
    """A capacity region in ``lang``: "TWN" / 「台湾」, ``WORLD``: "World" / 「世界」."""
    return message("cli.region_world", lang) if code == "WORLD" else country_label(code, lang)


def fabs_table_ja(table: pd.DataFrame) -> pd.DataFrame:
    """A coverage or reconciliation table (`chipshock.analysis.registry.coverage`,
    `reconcile`) for the Japanese terminal: headers ``cli.fabs_col_*``, regions and node classes
    by name, percentages with one decimal as the English table writes them ("<0.1" for a nonzero
    below the tenth, "–" where there is no total), flags as 「はい」."""
    out: dict[str, list[object]] = {}
    for column in table.columns:
        values = table[column].tolist()
        if column == "region":
            cells: list[object] = [region_name(str(v), "ja") for v in values]
        elif column == "node_class":
            cells = [node_label(str(v), "ja") for v in values]
        elif column.endswith("_pct"):
            cells = ["–" if pd.isna(v) else fmt_cell_number(float(v), 1, "ja") for v in values]
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
            # one decimal each, as the table's coverage %: "73.0%", "<0.1%" beside "63.9%"
            pct=fmt_cell_number(pct, 1, lang),
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
    emit(fabs_table_ja(frame), fmt, title=title, caption=caption, lang="ja")


#: a year's capacity column of `chipshock fabs --year YEAR` (``capacity_2027_300mm_wspm``)
_YEAR_CAPACITY = re.compile(r"capacity_(\d{4})_300mm_wspm")


def fab_list_header(column: str, lang: Lang, as_column: str | None = None) -> str:
    """A `chipshock fabs` column's header in ``lang``: ``cli.fab_list_col_<column>`` (a year's
    capacity column by ``cli.fab_list_col_capacity_year_300mm_wspm``; ``as_column``: the
    column whose words to use instead); the English side is the English table's header."""
    column = as_column or column
    year = _YEAR_CAPACITY.fullmatch(column)
    if year:
        return message("cli.fab_list_col_capacity_year_300mm_wspm", lang, year=year.group(1))
    return message(f"cli.fab_list_col_{column}", lang)


def fab_list_ja(
    frame: pd.DataFrame,
    columns: Sequence[str],
    registry: pd.DataFrame,
    headed_as: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A `chipshock fabs` table (the listing, ``--year``, ``--totals``, ``--capacity-in``) for
    the Japanese terminal: headers `fab_list_header`; ``name`` each fab's Japanese name and
    ``operator`` its operator's (fab_names_ja.csv through the ``registry``, the fabs table, by
    `fab_names` and `fab_operators`: the names the map and every Japanese text use; an
    operator of a ``--totals operator`` row by its fabs' name); countries, node classes,
    statuses (``fab_status.*``) and confidences in words; public funding in 億ドル; numbers,
    ids and dates as they are. ``headed_as``: columns headed by another column's words (the
    per-class ``capacity_wspm`` of ``--capacity-in``, which is 300mm-equivalent)."""
    names = fab_names(registry, "ja")
    operators = fab_operators(registry, "ja")
    by_operator = {
        str(o): in_language(o, j, "ja")
        for o, j in zip(
            registry["operator"],
            registry["operator_ja"] if "operator_ja" in registry else [None] * len(registry),
            strict=True,
        )
    }
    out: dict[str, list[object]] = {}
    for column in columns:
        values = frame[column].tolist() if column in frame else []
        cells: list[object]
        if column == "name":
            cells = [names.get(str(f), "") for f in frame["fab_id"]]
        elif column == "operator" and "fab_id" in frame:
            cells = [
                operators.get(str(f), str(o)) for f, o in zip(frame["fab_id"], values, strict=True)
            ]
        elif column == "operator":
            cells = [by_operator.get(str(o), str(o)) for o in values]
        elif column == "country":
            cells = [country_label(str(v), "ja") for v in values]
        elif column == "node_class":
            cells = [node_label(str(v), "ja") for v in values]
        elif column == "status":
            cells = [value_word("fab_status", v) for v in values]
        elif column == "confidence":
            cells = [confidence_label(str(v), "ja") for v in values]
        elif column.endswith("_usd"):
            cells = [MISSING if pd.isna(v) else fmt_usd_amount(float(v), "ja") for v in values]
        else:
            cells = values
        out[fab_list_header(column, "ja", (headed_as or {}).get(column))] = cells
    return pd.DataFrame(out)


def show_fab_list(
    frame: pd.DataFrame,
    fmt: Format,
    lang: Lang,
    *,
    registry: pd.DataFrame,
    title: str,
    caption: str,
    caption_ja: str = "",
    columns: list[str] | None = None,
    narrow: list[str] | None = None,
    headed_as: Mapping[str, str] | None = None,
) -> None:
    """A `chipshock fabs` table: as it is in English, json and csv (json and csv carry every
    column, ``name_ja`` and ``operator_ja`` among them, in either language); on a Japanese
    terminal `fab_list_ja` with the fab's Japanese name after its id (kept first on a narrow
    terminal), the title as given and ``caption_ja`` wrapped below."""
    if fmt is not Format.table or lang == "en":
        emit(frame, fmt, title=title, caption=caption, columns=columns, narrow=narrow)
        return
    shown = list(columns or frame.columns)
    if "fab_id" in shown and "name" not in shown:
        shown.insert(shown.index("fab_id") + 1, "name")
    # a narrow terminal keeps the fab's Japanese name first, then the English table's key
    # columns, then its id (what --fabs-off takes) and operator if there is room
    keep = (
        [
            c
            for c in (
                "name",
                *(n for n in narrow if n not in ("fab_id", "operator")),
                "fab_id",
                "operator",
            )
            if c in shown
        ]
        if narrow
        else []
    )
    keep = list(dict.fromkeys(keep))
    emit(
        fab_list_ja(frame, shown, registry, headed_as),
        fmt,
        title=title,
        narrow=[fab_list_header(c, "ja", (headed_as or {}).get(c)) for c in keep] or None,
        caption=caption_ja,
        lang="ja",
    )
