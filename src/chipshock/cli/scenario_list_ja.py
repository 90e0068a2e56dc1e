"""`chipshock scenario list --lang ja` on a terminal: the built-in scenarios with Japanese
headers, titles, shocks and interventions (the same rows as English; json and csv unchanged).

A title is the scenario's ``title_ja`` where the data has one (else its English title); a shock
is its kind (``shock_kind.<kind>``) with its targets in brackets: countries by their Japanese
names (`country_label`), end markets by `market_label`, fabs, firms and inputs by their ids (the
ids a scenario file takes); an intervention is its kind (``intervention_kind.<kind>``) with how
many fabs or partnerships it names.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from chipshock.cli.scenario_view import shock_entries
from chipshock.present.labels import country_label, market_label
from chipshock.present.messages import count_message, message
from chipshock.scenarios.model import Intervention, Scenario, Shock

__all__ = [
    "LIST_COLUMNS",
    "intervention_text_ja",
    "list_headers_ja",
    "scenario_list_ja",
    "scenario_list_title",
    "shock_text_ja",
]

#: the terminal table's columns, in English as in Japanese (``cli.scenario_list_col_<column>``)
LIST_COLUMNS = ("id", "title", "shocks", "interventions")


def _target(shock: Shock, code: str) -> str:
    if shock.kind in ("country", "export_control"):
        return country_label(code, "ja")
    if shock.kind == "demand":
        return market_label(code, "ja")
    return code


def shock_text_ja(shock: Shock, with_inputs: bool = False) -> str:
    """ "輸出規制（中国）", "需要ショック（AI・データセンター・PC）"; with its inputs when they
    tell it apart from another (``with_inputs``): "輸出規制（中国：gallium）"."""
    targets = "・".join(_target(shock, code) for code in shock.targets)
    if with_inputs and shock.inputs:
        targets += "：" + "・".join(shock.inputs)
    kind = message(f"shock_kind.{shock.kind}", "ja")
    return f"{kind}（{targets}）" if targets else kind


def _shocks_ja(shocks: Iterable[Shock]) -> str:
    """The shocks, each once (`shock_entries`): a count after any that are alike (「×2」)."""
    entries = shock_entries(shocks, shock_text_ja)
    return "、".join(text + (f"×{n}" if n > 1 else "") for text, n in entries)


def intervention_text_ja(intervention: Intervention) -> str:
    """ "工場の停止（6件）": the kind and how many fabs or partnerships it names."""
    kind = message(f"intervention_kind.{intervention.kind}", "ja")
    n = len(intervention.fabs) or len(intervention.partnerships)
    return f"{kind}（{n}件）" if n else kind


def scenario_list_ja(scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """One row per scenario, the columns of `LIST_COLUMNS` under their Japanese headers."""
    rows = [
        (
            s.scenario_id,
            s.title_ja or s.title,
            _shocks_ja(s.shocks) or message("scenario_list.none", "ja"),
            "、".join(intervention_text_ja(x) for x in s.interventions),
        )
        for s in scenarios
    ]
    return pd.DataFrame(rows, columns=list(list_headers_ja().values()))


def list_headers_ja() -> dict[str, str]:
    """Each of `LIST_COLUMNS` with its Japanese header (``cli.scenario_list_col_<column>``)."""
    return {c: message(f"cli.scenario_list_col_{c}", "ja") for c in LIST_COLUMNS}


def scenario_list_title(n: int, lang: str) -> str:
    """The table's title: "9 built-in scenarios" / 「組み込みシナリオ（9件）」."""
    return message(
        "cli.scenario_list_title", lang, count=count_message("count.builtin_scenario", n, lang)
    )
