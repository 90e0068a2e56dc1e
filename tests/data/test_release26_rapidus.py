"""Release 26: one Japanese spelling of Rapidus.

Japanese texts named the company both ラピダス (the alliance tracker's titles, the dashboard's
scenario introduction) and Rapidus (the fab's and operator's Japanese names, and so the report's
and the CLI's fab tables). Every Japanese text now writes ラピダス.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd

import chipshock
from chipshock.data.release import DATA_RELEASE
from chipshock.data.store import default_paths

_PACKAGE = Path(chipshock.__file__).parent


def _japanese_texts() -> dict[str, str]:
    """Every Japanese text the product ships, by where it is: the curated files' ``*_ja``
    columns, both Japanese catalogues and the built-in scenarios' Japanese fields."""
    texts: dict[str, str] = {}
    for path in sorted(default_paths().curated.glob("*.csv")):
        table = pd.read_csv(path, dtype=str)
        for column in (c for c in table.columns if c.endswith("_ja")):
            for row, value in table[column].dropna().items():
                texts[f"{path.name}:{row + 2}:{column}"] = value
    for catalogue in (_PACKAGE / "present/messages/ja.json", _PACKAGE / "web/static/i18n/ja.json"):
        for key, value in json.loads(catalogue.read_text(encoding="utf-8")).items():
            texts[f"{catalogue.name}:{key}"] = str(value)
    for path in sorted((_PACKAGE / "scenarios/library").glob("*.toml")):
        scenario = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, value in _ja_fields(scenario):
            texts[f"{path.name}:{key}"] = value
    return texts


def _ja_fields(node: object, at: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        found = [
            (f"{at}{k}", v) for k, v in node.items() if k.endswith("_ja") and isinstance(v, str)
        ]
        for key, value in node.items():
            found += _ja_fields(value, f"{at}{key}.")
        return found
    if isinstance(node, list):
        return [pair for i, item in enumerate(node) for pair in _ja_fields(item, f"{at}{i}.")]
    return []


def test_release() -> None:
    assert int(DATA_RELEASE) >= 26


def test_every_japanese_text_writes_rapidus_one_way() -> None:
    texts = _japanese_texts()
    assert len(texts) > 1000  # the walk reads the files (tracker titles, catalogues, scenarios)
    latin = {where: text for where, text in texts.items() if "Rapidus" in text}
    assert latin == {}
    katakana = {where for where, text in texts.items() if "ラピダス" in text}
    assert {"fab_names_ja.csv:2:name_ja", "fab_names_ja.csv:2:operator_ja"} <= katakana
    assert "ja.json:glossary.alliance_fabs.meaning" in katakana


def test_the_fab_and_its_operator_in_japanese() -> None:
    names = pd.read_csv(default_paths().curated / "fab_names_ja.csv", dtype=str).set_index("fab_id")
    assert names.loc["rapidus-iim1", "name_ja"] == "ラピダス IIM-1（千歳）"
    assert names.loc["rapidus-iim1", "operator_ja"] == "ラピダス"
