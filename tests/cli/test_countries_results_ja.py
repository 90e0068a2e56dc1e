"""`chipshock countries --lang ja` and `results list --lang ja`: Japanese headers, names,
titles and captions on a terminal; json is the same in either language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rich.cells import cell_len

from .conftest import Runner
from .terminal import chipshock_at


def test_countries_in_japanese(store_path: Path) -> None:
    """Each code beside its Japanese name, where it is accepted marked ○, the caption with the
    ETO release in Japanese; no line wider than 80 cells."""
    out = chipshock_at(80, "countries", "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "国コードと、それぞれを指定できる場所" in flat
    assert "│ JPN    │ 日本" in out and "○" in out and "yes" not in out
    assert "ETOデータ＝ETOChipExplorerデータセット2026年8月更新版に載っている国" in flat
    assert "country codes and where" not in out


def test_countries_json_is_the_same_in_either_language(cli: Runner) -> None:
    """--lang ja changes the terminal table only."""
    _, english, _ = cli("countries", "-f", "json")
    code, japanese, _ = cli("countries", "-f", "json", "--lang", "ja")
    assert code == 0 and json.loads(japanese) == json.loads(english)


def test_results_list_in_japanese(cli: Runner, store_path: Path, tmp_path: Path) -> None:
    """No result yet: how to save one, in Japanese; one saved: the Japanese title and headers,
    the scenario's Japanese title as run, the horizon in years."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(store_path, db)  # this test writes: its own copy of the store
    code, out, _ = cli("results", "list", "--lang", "ja", "--db", str(db), db=False)
    assert code == 0 and "保存された結果はまだありません" in out
    saved = ("scenario", "run", "japan-earthquake", "--runs", "3", "--save", "quake", "-f", "json")
    assert cli(*saved, "--db", str(db), db=False)[0] == 0
    out = chipshock_at(140, "results", "list", "--lang", "ja", "--db", str(db))
    assert "保存された結果（1件）" in out and "シナリオ名" in out and "quake" in out
    assert "南海トラフ級の巨大地震" in out
    assert "年" in out and "〜" in out and "saved result" not in out
    code, english, _ = cli("results", "list", "-f", "json", "--db", str(db), db=False)
    _, japanese, _ = cli("results", "list", "-f", "json", "--lang", "ja", "--db", str(db), db=False)
    assert code == 0 and json.loads(japanese) == json.loads(english)
