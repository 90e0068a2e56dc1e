"""`chipshock coalition|shapley|synergy|criticality --lang ja` on a terminal: the headline, titles,
column headers, captions and names in Japanese, the numbers as the English tables write them.

Words come from the message catalogue (``cli.analysis_col_<column>`` for headers, whose English
side is the English table's header; ``cli.coalition_*``, ``cli.shapley_*``, ``cli.synergy_*``,
``cli.criticality_*`` and ``cli.eto_source`` for titles and captions, the same keys the English
answer reads), the terms of the dashboard's coalition, synergy and criticality views (連携国の
シェア, シャープレイ値, 相乗効果, 重要度, 弱点). Countries are named by
`chipshock.present.labels.country_label` (米国, 日本 …), the ETO's inputs, processes and stages by
`chipshock.present.eto_names`; firms and the sources' citations stay as the data has them. The
scope notes are `coalition_scope` and `criticality_scope` in Japanese, and what a question asked
with groups leaves out is `chipshock.present.group_notes.asked_sentences`, as in the coalition
briefing. Every number cell is `chipshock.cli.table_cells.number_cells` of the English table's
column, so the two languages show the same figures; json and csv do not depend on ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

import pandas as pd
import typer

from chipshock.analysis.coalition import (
    STAGE_COVERAGE_COLUMNS,
    CoalitionResult,
    coalition_model,
)
from chipshock.analysis.shapley import ShapleyResult, SynergyResult
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_run_ja import print_wrapped
from chipshock.cli.table_cells import number_cells
from chipshock.model.chain import SupplyChain
from chipshock.model.groups import ResolvedCodes
from chipshock.present.coverage_notes import coalition_scope, criticality_scope
from chipshock.present.eto_names import input_name, listed_names, localised_names, stage_name
from chipshock.present.group_notes import asked_sentences, join_names
from chipshock.present.labels import country_label, eto_label
from chipshock.present.messages import check_lang, message
from chipshock.present.numbers import fmt_cell_number, fmt_pct
from chipshock.present.synergy_text import synergy_reading

__all__ = [
    "TableLangOpt",
    "column_word",
    "eto_source",
    "print_coalition_ja",
    "print_criticality_ja",
    "print_shapley_ja",
    "print_synergy_ja",
    "synergy_headline",
    "value_function",
]

TableLangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of the terminal answer: en or ja (titles, headers, captions, the names "
        "of countries, inputs and stages); json and csv are the same in both.",
    ),
]

#: the weak links' columns on a terminal (English and Japanese alike)
WEAK_COLUMNS = ("input_id", "input_name", "coalition_share_pct", "process_name", "year", "source")
#: the stages' columns on a Japanese terminal: the English table's, less the ETO's English chart
#: caption (json and csv carry it)
_STAGE_COLUMNS = tuple(c for c in STAGE_COVERAGE_COLUMNS if c != "caption")


def column_word(column: str, lang: str = "ja") -> str:
    """A column's header in ``lang`` (``cli.analysis_col_<column>``)."""
    return message(f"cli.analysis_col_{column}", lang)


def eto_source(release_label: str, lang: str = "en") -> str:
    """The caption's source sentence for the ETO data of ``release_label``."""
    label = eto_label(release_label, "ja") if lang == "ja" else release_label
    return message("cli.eto_source", lang, release=label)


def value_function(chain: SupplyChain, threshold: float, weight: str, lang: str) -> str:
    """v(S) in words, as `chipshock.analysis.shapley` states it in English (a test holds the
    two equal), in ``lang``."""
    n = int(coalition_model(chain).leaf.sum())
    key = "cli.coalition_value_function" + ("_market" if weight == "market" else "")
    return message(key, lang, n=n, t=f"{threshold:g}")


def _sentences(*parts: str) -> str:
    """Japanese sentences, each ending in 。, run together (empty parts dropped)."""
    return "".join(p if p.endswith("。") else p + "。" for p in (x.strip() for x in parts) if p)


def _names(codes: Sequence[str]) -> str:
    """Countries by their Japanese names: 米国・日本."""
    return join_names([country_label(str(c), "ja") for c in codes], "ja")


def _quoted(label: str, codes: Sequence[str]) -> str:
    """A group of several countries in 「」, so that the sentence tells the two groups apart
    (米国と「日本・オランダ」)."""
    return f"「{label}」" if len(codes) > 1 else label


def _asked(resolved: ResolvedCodes) -> list[str]:
    return asked_sentences(
        resolved.expanded, resolved.without_data, resolved.regions_left_out, "ja"
    )


def _show(
    frame: pd.DataFrame,
    columns: Sequence[str],
    texts: Mapping[str, Sequence[str]],
    *,
    title: str,
    caption: str,
    narrow: Sequence[str] | None = None,
) -> None:
    """``frame``'s ``columns`` headed by `column_word`: a column in ``texts`` shows those
    cells, a number column the English table's cells (`number_cells`), any other its values;
    the caption wrapped below the table."""
    cells: dict[str, object] = {}
    for column in columns:
        if column in texts:
            cells[column_word(column)] = list(texts[column])
        elif pd.api.types.is_numeric_dtype(frame[column]):
            cells[column_word(column)] = number_cells(frame, column)
        else:
            cells[column_word(column)] = frame[column].tolist()
    words = [column_word(c) for c in narrow] if narrow else None
    emit(pd.DataFrame(cells), Format.table, title=title, caption=caption, narrow=words, lang="ja")


def print_coalition_ja(
    chain: SupplyChain, result: CoalitionResult, resolved: ResolvedCodes, threshold: float
) -> None:
    """`chipshock coalition --lang ja`: the headline, the groups asked for, the weak links and
    the stages."""
    s = result.summary
    print_wrapped(
        message(
            "cli.coalition_headline",
            "ja",
            members=_names(resolved.codes),
            threshold=f"{threshold:g}",
            covered=s["n_covered"],
            total=s["n_inputs"],
            share=fmt_pct(100 * float(str(s["share_covered"]))),
            mean=fmt_pct(float(str(s["mean_coalition_share"])), 1),  # a nonzero never 0.0%
        )
    )
    if asked := _asked(resolved):
        print_wrapped("".join(asked))
    source = eto_source(chain.release.source_label, "ja")
    weak = result.weak_links
    processes = zip(weak["process_id"].tolist(), weak["process_name"].tolist(), strict=True)
    _show(
        weak,
        [c for c in WEAK_COLUMNS if c in weak.columns],
        {
            "input_name": localised_names(weak["input_id"], weak["input_name"], "ja"),
            "process_name": [
                input_name(str(i), str(n), "ja") if isinstance(n, str) else "" for i, n in processes
            ],
        },
        title=message("cli.coalition_weak_title", "ja"),
        caption=_sentences(coalition_scope("ja"), source),
    )
    stages = result.stages
    yes = message("cli.criticality_yes", "ja")
    _show(
        stages,
        _STAGE_COLUMNS,
        {
            "stage_name": [
                stage_name(str(i), str(n), "ja")
                for i, n in zip(stages["stage_id"], stages["stage_name"], strict=True)
            ],
            "members_breakdown": [_breakdown(v) for v in stages["members_breakdown"]],
            "below_threshold": [yes if v else "" for v in stages["below_threshold"]],
        },
        title=message("cli.coalition_stages_title", "ja"),
        caption=source,
    )


def _breakdown(cell: object) -> str:
    """``USA 51.0; JPN 9.0`` -> ``米国 51.0; 日本 9.0`` (the numbers as they are)."""
    if not isinstance(cell, str):
        return ""
    parts = (p.strip().partition(" ") for p in cell.split(";") if p.strip())
    return "; ".join(f"{country_label(code, 'ja')} {share}".strip() for code, _, share in parts)


def print_shapley_ja(
    chain: SupplyChain,
    result: ShapleyResult,
    resolved: ResolvedCodes,
    threshold: float,
    weight: str,
) -> None:
    """`chipshock shapley --lang ja`: each member's Shapley value, by its Japanese name."""
    table = result.table_pct()
    method = message(f"cli.shapley_method.{result.method}", "ja")
    _show(
        table,
        list(table.columns),
        {"member": [country_label(str(m), "ja") for m in table["member"]]},
        title=message("cli.shapley_title", "ja", method=method, v_all=fmt_pct(result.v_all_pct, 1)),
        caption=_sentences(
            value_function(chain, threshold, weight, "ja"),
            coalition_scope("ja"),
            *_asked(resolved),
            eto_source(chain.release.source_label, "ja"),
            message("cli.shapley_exact", "ja") if result.method == "exact" else "",
        ),
        narrow=_SHAPLEY_NARROW,
    )


#: the Shapley table's columns a narrow terminal keeps first (the standard error last: it is
#: "–" throughout when the values are exact)
_SHAPLEY_NARROW = (
    "member",
    "shapley_pct",
    "standalone_pct",
    "share_of_total_pct",
    "std_error_pct",
)


def synergy_headline(result: SynergyResult, labels: tuple[str, str], lang: str) -> str:
    """The sentence above the synergy table: the answer every surface gives
    (`chipshock.present.synergy_text.synergy_reading`), then the ratio of together to the sum
    (``labels``: the groups as the sentence names them) at two decimals, a nonzero one
    never "0.00" (`fmt_cell_number`: "<0.01")."""
    ratio = (
        message("cli.synergy_ratio_undefined", lang)
        if result.ratio is None
        else fmt_cell_number(result.ratio, 2, check_lang(lang))
    )
    return (
        synergy_reading(result, labels[0], labels[1], check_lang(lang))
        + ("" if lang == "ja" else " ")  # Japanese sentences join without a space
        + message("cli.synergy_ratio", lang, ratio=ratio)
    )


def print_synergy_ja(
    chain: SupplyChain,
    result: SynergyResult,
    table: pd.DataFrame,
    sides: tuple[ResolvedCodes, ResolvedCodes],
    threshold: float,
    weight: str,
) -> None:
    """`chipshock synergy --lang ja`: the headline and the table of the English answer
    (``table``: group, value_pct), the groups by their members' Japanese names."""
    a, b = _names(result.group_a), _names(result.group_b)
    print_wrapped(
        synergy_headline(result, (_quoted(a, result.group_a), _quoted(b, result.group_b)), "ja")
    )
    _show(
        table,
        ["group", "value_pct"],
        {
            "group": [
                a,
                b,
                _names([*result.group_a, *result.group_b]),
                message("cli.synergy_row", "ja"),
            ]
        },
        title=message("cli.synergy_title", "ja"),
        caption=_sentences(
            value_function(chain, threshold, weight, "ja"),
            coalition_scope("ja"),
            *_asked(sides[0]),
            *_asked(sides[1]),
            eto_source(chain.release.source_label, "ja"),
        ),
    )


def print_criticality_ja(
    chain: SupplyChain,
    table: pd.DataFrame,
    *,
    by: str,
    threshold: float,
    columns: Sequence[str],
    narrow: Sequence[str],
) -> None:
    """`chipshock criticality --lang ja`: countries by their Japanese names (firms as the data
    names them), each provider's hardest-hit inputs by their Japanese names."""
    ids = dict(zip(chain.inputs["name"], chain.inputs["input_id"], strict=True))
    providers = table["provider"].astype(str).tolist()
    _show(
        table,
        columns,
        {
            "provider": [country_label(p, "ja") for p in providers]
            if by == "country"
            else providers,
            "top_inputs": [listed_names(str(v), ids, "ja") for v in table["top_inputs"]],
        },
        title=message("cli.criticality_title", "ja", by=message(f"cli.criticality_by.{by}", "ja")),
        caption=_sentences(
            criticality_scope("ja"),
            message("cli.criticality_below", "ja", threshold=f"{threshold:g}"),
            message("cli.criticality_share_lost", "ja"),
            eto_source(chain.release.source_label, "ja"),
        ),
        narrow=narrow,
    )
