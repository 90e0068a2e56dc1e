"""`chipshock data info --lang ja`: the store's files under Japanese headers, the title with the
release and its date, the caption (what the short release and licence cells stand for, where
the changes are, how to cite the ETO) in Japanese; json unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Runner
from .terminal import chipshock_at


def test_data_info_in_japanese(store_path: Path) -> None:
    """At 80 columns: Japanese title with release and as-of date, headers, caption; the same
    files and row counts as the English table."""
    out = chipshock_at(80, "data", "info", "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    assert "chipshockのデータストア：整備データのリリース" in flat and "時点）" in flat
    assert "データセット" in out and "ファイル" in out and "行数" in out
    assert "版：current＝" in flat and "ライセンス：CCBY-NC4.0＝" in flat
    assert "Observatoryを出典として明記してください（NOTICE参照）。" in flat
    assert "curated data release" not in out and "What changed" not in out
    english = chipshock_at(80, "data", "info", "--db", str(store_path))
    assert out.count("│ eto_inputs ") == english.count("│ eto_inputs ") == 2


def test_data_info_json_is_the_same_in_either_language(cli: Runner) -> None:
    """--lang ja changes the terminal table only."""
    _, english, _ = cli("data", "info", "-f", "json")
    code, japanese, _ = cli("data", "info", "-f", "json", "--lang", "ja")
    assert code == 0 and json.loads(japanese) == json.loads(english)
