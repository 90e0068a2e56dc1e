"""Japanese names of the ETO inputs, stages and input types, for every surface in ``lang="ja"``.

The ETO dataset names its 125 inputs in English only. ``messages/eto_inputs.ja.json`` gives each
input id (``N0``…), stage id (``S1``–``S3``) and input type a Japanese name in the usual terms of
the Japanese semiconductor industry (露光装置, フォトレジスト, ウェーハ …), written for chipshock;
established Latin acronyms (EUV, EDA, CMP …) stay as they are. In English the ETO name is used
unchanged. An id the file does not know keeps its English name (the tests check that every id
of the shipped data has a Japanese name).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from chipshock.present.numbers import Lang

__all__ = [
    "eto_names",
    "eto_names_path",
    "input_name",
    "listed_names",
    "localised_names",
    "stage_name",
    "type_label",
]


def eto_names_path() -> Path:
    """The packaged JSON file of the Japanese names."""
    return Path(str(resources.files("chipshock.present") / "messages" / "eto_inputs.ja.json"))


@cache
def eto_names() -> dict[str, dict[str, str]]:
    """``{"inputs": {id: name}, "stages": {id: name}, "types": {type: label}}`` in Japanese
    (a cached dict: do not modify it)."""
    data = json.loads(eto_names_path().read_text(encoding="utf-8"))
    return {k: dict(v) for k, v in data.items() if not k.startswith("_")}


def input_name(input_id: str, english: str, lang: Lang = "en") -> str:
    """The name of input ``input_id`` in ``lang`` (``english`` is the ETO's name).

    >>> input_name("N20", "EUV lithography tools", "ja"), input_name("N20", "EUV tools", "en")
    ('EUV露光装置', 'EUV tools')
    """
    return eto_names()["inputs"].get(str(input_id), english) if lang == "ja" else english


def stage_name(stage_id: str, english: str, lang: Lang = "en") -> str:
    """The name of stage ``stage_id`` (S1 design, S2 fabrication, S3 ATP) in ``lang``."""
    return eto_names()["stages"].get(str(stage_id), english) if lang == "ja" else english


def type_label(type_: str, lang: Lang = "en") -> str:
    """The input type (``process``, ``tool_resource`` …) as a word: Japanese, or the ETO code
    with spaces in English."""
    if lang == "ja":
        return eto_names()["types"].get(str(type_), str(type_))
    return str(type_).replace("_", " ")


def listed_names(joined: str, ids_by_name: Mapping[str, str], lang: Lang, sep: str = "; ") -> str:
    """A ``sep``-joined list of ETO input names (e.g. criticality's ``top_inputs``) in ``lang``;
    ``ids_by_name`` maps each English name to its input id (a name not in it stays as it is).

    >>> listed_names("EUV lithography tools; Other", {"EUV lithography tools": "N20"}, "ja")
    'EUV露光装置; Other'
    """
    if not joined:
        return joined
    return sep.join(input_name(ids_by_name.get(n, ""), n, lang) for n in joined.split(sep))


def localised_names(ids: pd.Series, names: pd.Series, lang: Lang) -> list[str]:
    """``names`` (ETO English names of the inputs in ``ids``, row by row) in ``lang``."""
    return [
        input_name(str(i), str(n), lang) for i, n in zip(ids.tolist(), names.tolist(), strict=True)
    ]
