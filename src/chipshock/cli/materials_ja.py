"""`chipshock chokepoints --materials --lang ja` and `chipshock trace MATERIAL --lang ja` on a
terminal: raw materials (and advanced packaging) with Japanese headers, titles and captions, a
material by its ``name_ja``, stages, countries, node classes, markets and confidence in
Japanese words, the numbers as the English tables write them (audit 31, finding 8).

The data's free text (materials.csv ``use`` and ``substitutes``) is shown in materials_ja.csv's
Japanese; a material without a translation shows the data's English, under a header and
caption that say so (`chipshock.present.material_texts`). Words from the message catalogue:
``cli.mat_*``, ``cli.shares_*``, ``cli.analysis_col_*``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from chipshock.cli.analysis_ja import column_word
from chipshock.cli.output import Format, console, emit
from chipshock.cli.shares_ja import material_share_cells
from chipshock.cli.table_cells import number_cells
from chipshock.present.eto_names import input_name
from chipshock.present.labels import confidence_label, market_label, node_label
from chipshock.present.material_texts import material_text, use_header
from chipshock.present.messages import message

__all__ = ["print_material_chokepoints_ja", "print_material_trace_ja"]


def _classes(value: object) -> str:
    """``lt10;gt45`` -> 「最先端（10nm未満）、成熟（45nm超）」."""
    return "、".join(node_label(c.strip(), "ja") for c in str(value).split(";") if c.strip())


def _show(cells: Mapping[str, Sequence[object]], title: str, caption: str) -> None:
    shown = pd.DataFrame(cells)
    emit(shown, Format.table, title=title, caption=caption, narrow=list(shown.columns), lang="ja")


def print_material_chokepoints_ja(
    table: pd.DataFrame, names_ja: Mapping[str, str], min_share: float, dated: str
) -> None:
    """The rows of `chipshock.analysis.materials.material_chokepoints` in Japanese: each
    material by its Japanese name (``names_ja``, by id; the id where it has none) then its id;
    ``dated``: `dated_share_note` in Japanese, or ""."""
    ids = [str(m) for m in table["material_id"]]
    shared = material_share_cells(table)
    confidence = message("cli.shares_col_confidence", "ja")
    cells: dict[str, Sequence[object]] = {
        message("cli.mat_col_material", "ja"): [names_ja.get(m) or m for m in ids],
        **{k: v for k, v in shared.items() if k != confidence},
        message("cli.mat_col_input_ids", "ja"): [
            "、".join(str(i).split(";")) for i in table["input_ids"]
        ],
        message("cli.mat_col_stockpile_weeks", "ja"): list(number_cells(table, "stockpile_weeks")),
        confidence: shared[confidence],
        message("cli.shares_col_material_id", "ja"): ids,
    }
    title = message("cli.mat_choke_title", "ja", n=len(table), share=f"{min_share:g}")
    _show(cells, title, message("cli.mat_choke_caption", "ja") + dated)


def _downstream(frame: pd.DataFrame, model_input: bool) -> dict[str, Sequence[object]]:
    """A material's downstream rows in Japanese words: the ETO inputs it feeds (a raw
    material) or the node_requirements.csv rows that need it (a model input)."""
    if model_input:
        return {
            message("cli.mat_col_node_classes", "ja"): [_classes(c) for c in frame["node_class"]],
            message("cli.mat_col_market", "ja"): [
                market_label(str(m) or "all", "ja") for m in frame["market_id"]
            ],
            # the English table's digits (its column's, `number_cells`), not always three
            message("cli.mat_col_criticality", "ja"): number_cells(frame, "criticality"),
            message("cli.mat_col_exempt", "ja"): [
                "、".join(e for e in str(x).split(";") if e) or "–"
                for x in frame["exempt_operator_ids"]
            ],
            message("cli.shares_col_confidence", "ja"): [
                confidence_label(str(c), "ja") for c in frame["confidence"]
            ],
        }
    uses = [
        material_text({"use": en, "use_ja": ja}, "use", "ja")
        for en, ja in zip(frame["use"], frame["use_ja"], strict=True)
    ]
    return {
        column_word("input_id"): frame["input_id"].tolist(),
        column_word("input_name"): [
            input_name(str(i), str(n), "ja")
            for i, n in zip(frame["input_id"], frame["input_name"], strict=True)
        ],
        message("cli.mat_col_node_classes", "ja"): [_classes(c) for c in frame["node_classes"]],
        use_header(uses, "ja"): [u.text for u in uses],
    }


def _upstream(frame: pd.DataFrame) -> dict[str, Sequence[object]]:
    """Who mines, refines or holds capacity of it, in Japanese words."""
    return {
        **material_share_cells(frame),
        message("cli.mat_col_as_of", "ja"): frame["as_of"].tolist(),
        message("cli.mat_col_source_url", "ja"): frame["source_url"].tolist(),
    }


def print_material_trace_ja(
    material_id: str,
    name_ja: str,
    sections: Mapping[str, pd.DataFrame],
    attributes: Mapping[str, object],
    *,
    model_input: bool,
    stage: str,
    dated: str,
) -> None:
    """A material's trace (`chipshock.analysis.materials.material_trace`) in Japanese:
    ``sections`` its ``downstream`` and ``upstream`` rows; ``model_input``: a model input of
    raw_materials.csv (advanced packaging), whose downstream is node_requirements.csv's rows;
    ``stage``: the ETO stage it is part of; ``dated``: `dated_share_note` in Japanese, or ""."""
    name = f"{name_ja}（{material_id}）"
    weeks = f"{float(str(attributes['stockpile_weeks'])):g}"
    as_of = attributes["stockpile_as_of"]  # the stock's row, not the shares'
    if model_input:
        down = message(
            "cli.mat_trace_down_caption_model",
            "ja",
            name=name,
            stage=stage,
            weeks=weeks,
            as_of=as_of,
        )
        up = message("cli.mat_trace_up_caption_model", "ja", name=name)
    else:
        substitutes = material_text(attributes, "substitutes", "ja")
        down = message(
            "cli.mat_trace_down_caption"
            if substitutes.english_kept
            else "cli.mat_trace_down_caption_translated",
            "ja",
            name=name,
            weeks=weeks,
            as_of=as_of,
            id=material_id,
            substitutes=substitutes.text,
        )
        up = message("cli.mat_trace_up_caption", "ja", name=name)
    parts = {
        "downstream": (_downstream(sections["downstream"], model_input), down),
        "upstream": (_upstream(sections["upstream"]), up + dated),
    }
    for section, (cells, caption) in parts.items():
        title = message(f"cli.mat_trace_{section}", "ja")
        if sections[section].empty:
            short = "down" if section == "downstream" else "up"
            none = message(f"cli.mat_trace_{short}_none", "ja", name=name)
            console.print(f"{title}：{none}", highlight=False, markup=False)
            continue
        _show(cells, title, caption)
