"""`chipshock groups --lang ja`: the built-in country groups in Japanese on a terminal of 80
and 120 columns (members by their Japanese names, headers, title, caption); json unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Runner
from .terminal import chipshock_at
from .test_alliance_ja import _column_cells


@pytest.mark.parametrize("columns", [80, 120])
def test_groups_in_japanese(store_path: Path, columns: int) -> None:
    """The groups with their members by Japanese names, the caption in Japanese with EUR's own
    ETO rows by their Japanese input names; no line wider than the terminal."""
    out = chipshock_at(columns, "groups", "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "国のグループ：国コードを指定できる場所ならどこでも使えます" in flat
    assert "グループ" in out and "加盟国" in out and "CHIP4" in out
    assert "米国・日本・韓国・台湾" in _column_cells(out, "加盟国")  # may wrap in its cell
    assert "出典：グループごとにcountry_groups.csv（`source_url`、`as_of`）。" in flat
    assert "EURはどの加盟国のものでもないETOの欧州単位の行（ロジックチップ設計9%" in flat
    assert "Source per group" not in out and "USA JPN" not in out


def test_groups_json_is_the_same_in_either_language(cli: Runner) -> None:
    """--lang ja changes the terminal table only: JSON keeps the codes and the English keys."""
    _, english, _ = cli("groups", "-f", "json")
    code, japanese, _ = cli("groups", "-f", "json", "--lang", "ja")
    assert code == 0 and json.loads(japanese) == json.loads(english)
    rows = {r["group_code"]: r for r in json.loads(english)["rows"]}
    assert rows["CHIP4"]["members"] == ["USA", "JPN", "KOR", "TWN"]
