"""`scenario contributions --lang ja`: the sentence, fabs, totals, caption and source line in
Japanese, amounts in 億ドル; a problem of the scenario in Japanese; json unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from rich.cells import cell_len

from .conftest import Runner
from .terminal import chipshock_at

ONE_FAB = ("scenario", "contributions", "taiwan-blockade-2027-6m", "--fab", "jasm-kumamoto-fab1")


def test_contributions_in_japanese(cli: Runner) -> None:
    """One fab, three runs: Japanese titles, the fab by its Japanese name, the totals by their
    Japanese labels, amounts in 億ドル, the engine's source line; json as in English."""
    code, out, err = cli(*ONE_FAB, "--runs", "3", "--lang", "ja")
    flat = "".join(out.split())
    assert code == 0, err
    assert "工場ごとに避ける損失" in out and "組として避ける損失" in out
    assert "JASM" in out and "相互作用（合わせて－「単独」の合計）" in flat
    assert "億ドル" in out and "出典：chipshockシナリオエンジン" in flat
    assert "避けられる生産額の損失（全市場）" in flat
    assert "together" not in out and "USD bn" not in out
    _, english, _ = cli(*ONE_FAB, "--runs", "3", "-f", "json")
    _, japanese, _ = cli(*ONE_FAB, "--runs", "3", "-f", "json", "--lang", "ja")
    assert json.loads(japanese) == json.loads(english)


def test_contributions_report_an_unknown_scenario_in_japanese(cli: Runner) -> None:
    """An unknown scenario id on the command's error line in Japanese."""
    code, _, err = cli("scenario", "contributions", "no-such-id", "--lang", "ja")
    assert code == 2 and err.startswith("error: chipshock scenario contributions: SCENARIO：")
    assert "入力値：no-such-id" in err


def test_japanese_fab_table_keeps_the_amounts_at_80_columns(store_path: Path) -> None:
    """At 80 columns the fab table keeps each fab's name and what it avoids (median and range
    alone); its capacity, date and id are what give way, named in the caption."""
    out = chipshock_at(80, *ONE_FAB, "--runs", "3", "--lang", "ja", "--db", str(store_path))
    table = out.split("工場ごとに避ける損失")[1].split("避けられる生産額の損失")[0]
    assert "単独" in table and "中央値" in table and "JASM第1工場" in table
    assert "億ドル" in table and max(cell_len(line) for line in out.splitlines()) <= 80
    assert "この端末幅では省略：ID" in "".join(out.split())
