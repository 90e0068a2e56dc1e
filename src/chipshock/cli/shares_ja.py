"""`chipshock shares --lang ja` on a terminal: the ETO's input and stage shares, and a raw
material's country shares, with Japanese headers, titles and captions, inputs, stages and
countries by their Japanese names, a material by its ``name_ja``; firms and the sources'
citations as the data has them, the numbers as the English tables write them.

Words from the message catalogue: ``cli.shares_*``, ``cli.analysis_col_*``, ``cli.eto_source``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.cli.analysis_ja import column_word, eto_source
from chipshock.cli.output import Format, emit
from chipshock.cli.table_cells import number_cells
from chipshock.model.chain import AGGREGATE_PROVIDER_NAMES
from chipshock.present.eto_names import input_name, stage_name
from chipshock.present.labels import confidence_label, country_label
from chipshock.present.messages import has_message, message

__all__ = [
    "INPUT_SHARE_COLUMNS",
    "print_input_shares_ja",
    "print_material_shares_ja",
    "print_stage_shares_ja",
]

#: the ETO input shares' columns on a terminal (English and Japanese alike)
INPUT_SHARE_COLUMNS = (
    "input_id",
    "input_name",
    "provider",
    "provider_type",
    "share_pct",
    "year",
    "source",
)


def _provider(code: object, kind: object) -> str:
    """A country by its Japanese name; the ETO's pooled providers ("Various countries") in
    Japanese words (`_pooled`); a firm as the ETO names it."""
    if str(code) in AGGREGATE_PROVIDER_NAMES:
        return _pooled(code)
    return country_label(str(code), "ja") if kind == "country" else str(code)


def _pooled(name: object) -> str:
    """An ETO pooled provider in Japanese (「複数の国（ETOの集計）」); any other name as
    `country_label` gives it.

    >>> _pooled("Various countries"), _pooled("TWN")
    ('複数の国（ETOの集計）', '台湾')
    """
    text = str(name)
    if text in AGGREGATE_PROVIDER_NAMES:
        return message("cli.pooled_" + text.lower().replace(" ", "_"), "ja")
    return country_label(text, "ja")


def _show(cells: dict[str, Sequence[object]], title: str, caption: str) -> None:
    shown = pd.DataFrame(cells)
    emit(shown, Format.table, title=title, caption=caption, narrow=list(shown.columns), lang="ja")


def print_input_shares_ja(table: pd.DataFrame, title: str, release_label: str) -> None:
    """The rows of `chipshock.analysis.shares.input_shares` in Japanese, under ``title``."""
    names = [
        input_name(str(i), str(n), "ja")
        for i, n in zip(table["input_id"], table["input_name"], strict=True)
    ]
    kinds = table["provider_type"].tolist()
    cells: dict[str, Sequence[object]] = {
        column_word("input_id"): table["input_id"].tolist(),
        column_word("input_name"): names,
        column_word("provider"): [
            _provider(p, k) for p, k in zip(table["provider"], kinds, strict=True)
        ],
        message("cli.shares_col_provider_type", "ja"): [
            message(f"cli.shares_type_{k}", "ja") if has_message(f"cli.shares_type_{k}") else k
            for k in kinds
        ],
        message("cli.shares_col_share_pct", "ja"): list(number_cells(table, "share_pct")),
        column_word("year"): list(number_cells(table, "year")),
        column_word("source"): table["source"].tolist(),
    }
    _show(cells, title, eto_source(release_label, "ja"))


def print_stage_shares_ja(table: pd.DataFrame, release_label: str) -> None:
    """The ETO's shares per stage (`chipshock.analysis.shares.stage_shares`) in Japanese; the
    ETO's English chart caption is left to csv and json."""
    cells: dict[str, Sequence[object]] = {
        column_word("stage_id"): table["stage_id"].tolist(),
        column_word("stage_name"): [
            stage_name(str(i), str(n), "ja")
            for i, n in zip(table["stage_id"], table["stage_name"], strict=True)
        ],
        column_word("provider"): [_pooled(p) for p in table["provider"]],
        message("cli.shares_col_share_pct", "ja"): list(number_cells(table, "share_pct")),
        column_word("year"): list(number_cells(table, "year")),
        column_word("source"): table["source"].tolist(),
    }
    caption = message("cli.shares_stages_caption", "ja") + eto_source(release_label, "ja")
    _show(cells, message("cli.shares_title_stages", "ja"), caption)


def material_stage(value: object) -> str:
    """A raw material's supply stage (mining, refining, capacity) in Japanese, else as the
    data has it."""
    key = f"cli.shares_material_stage_{value}"
    return message(key, "ja") if has_message(key) else str(value)


def material_share_cells(frame: pd.DataFrame) -> dict[str, Sequence[object]]:
    """A raw material's country-share rows (material_country_shares.csv) in Japanese words:
    stage, country, share, year and confidence, as `shares`, `chokepoints --materials` and
    `trace MATERIAL` print them."""
    return {
        message("cli.shares_col_stage", "ja"): [material_stage(s) for s in frame["stage"]],
        message("cli.shares_col_country", "ja"): [
            country_label(str(c), "ja") for c in frame["country"]
        ],
        message("cli.shares_col_share_pct", "ja"): list(number_cells(frame, "share_pct")),
        column_word("year"): list(number_cells(frame, "year")),
        message("cli.shares_col_confidence", "ja"): [
            confidence_label(str(c), "ja") for c in frame["confidence"]
        ],
    }


def print_material_shares_ja(rows: pd.DataFrame, name_ja: str, material_id: str) -> None:
    """A raw material's (or advanced packaging's) country shares in Japanese."""
    cells: dict[str, Sequence[object]] = {
        message("cli.shares_col_material_id", "ja"): rows["material_id"].tolist(),
        **material_share_cells(rows),
    }
    title = message("cli.shares_title_input", "ja", name=name_ja, id=material_id)
    _show(cells, title, message("cli.shares_material_caption", "ja", id=material_id))
