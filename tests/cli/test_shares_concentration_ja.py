"""`chipshock concentration|shares --lang ja`: the ETO tables (and a raw material's shares) in
Japanese on a terminal, with the English table's numbers; json is the same in either language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import Runner
from .terminal import chipshock_at

#: a concentration row: its input id and its HHI, in either language
HHI_ROW = re.compile(r"│ (N\d+) +│[^│]*│ +([\d,]+) │")


@pytest.mark.parametrize("columns", [80, 120])
def test_concentration_in_japanese(store_path: Path, columns: int) -> None:
    """Title, headers, inputs and countries in Japanese, the caption with the ETO source; each
    input's HHI as the English table gives it; no line wider than the terminal."""
    args = ("concentration", "--db", str(store_path))
    out = chipshock_at(columns, *args, "--lang", "ja")
    flat = "".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "市場集中度（国別）" in out and "首位の国" in out and "不明" in out
    assert "EUV露光装置" in out and "オランダ" in out and "NLD" not in out
    assert "HHI＝ハーフィンダール・ハーシュマン指数" in flat and "出典：ETOChipExplorer" in flat
    english = chipshock_at(columns, *args)
    assert HHI_ROW.findall(out)[:20] == HHI_ROW.findall(english)[:20]
    assert ("N20", "10,000") in HHI_ROW.findall(out)


def test_concentration_by_firm_names_firms_as_the_eto_does(cli: Runner) -> None:
    """--by firm: the top provider is a firm as the ETO names it (ASML), under a firm header."""
    code, out, _ = cli("concentration", "--by", "firm", "--lang", "ja")
    assert code == 0 and "市場集中度（企業別）" in out and "首位の企業" in out
    assert "ASML" in out and "concentration by" not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("shares", "N20"), ["EUV露光装置（N20）のシェア", "オランダ", "ASML", "企業", "100.0"]),
        (("shares", "--stages"), ["段階ごとのシェア", "設計", "米国", "51.0", "2022"]),
        (("shares", "gallium"), ["ガリウム（gallium）のシェア", "精製", "中国", "99.0", "高"]),
        # the ETO's pooled providers in Japanese ("Various countries" stayed English)
        (("shares", "N9"), ["複数の国（ETOの集計）", "複数の企業（ETOの集計）"]),
    ],
)
def test_shares_in_japanese(cli: Runner, args: tuple[str, ...], expected: list[str]) -> None:
    """An ETO input's, the stages' and a raw material's shares: Japanese title, names, kinds
    and stages, the English table's numbers, a Japanese source line."""
    code, out, _ = cli(*args, "--lang", "ja")
    flat = "".join(out.split())
    assert code == 0
    for text in expected:
        assert text in out, text
    assert "出典" in flat or "chipshockが整備" in flat
    assert "shares of" not in out and "Source:" not in out and "Various" not in out


@pytest.mark.parametrize("command", [("concentration",), ("shares", "N20"), ("shares", "gallium")])
def test_json_is_the_same_in_either_language(cli: Runner, command: tuple[str, ...]) -> None:
    """--lang ja changes the terminal table only."""
    _, english, _ = cli(*command, "-f", "json")
    code, japanese, _ = cli(*command, "-f", "json", "--lang", "ja")
    assert code == 0 and json.loads(japanese) == json.loads(english)
