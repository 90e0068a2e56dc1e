"""`scenario compare --lang ja` prints each side's own [[sourcing]] lines in Japanese, with the
numbers of the English lines; the English words of the lines are the catalogue's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from chipshock.cli.scenario_sourcing_ja import scenario_sourcing_lines
from chipshock.sim.network.sourcing import scenario_sourcing_lines as engine_lines

from .conftest import Runner

SOURCED = """
[scenario]
id = "sourced"
title = "Sourced"
start_year = 2026
end_year = 2027
runs = 3

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = 8
"""
ROWS = """
[[sourcing]]
market = "automotive"
node_class = "n28_45"
operator = "tsmc"
share_pct = 60
"""


def test_japanese_compare_prints_each_sides_sourcing(cli: Runner, tmp_path: Path) -> None:
    """A side with [[sourcing]] rows against one without: the Japanese answer names the side,
    the market and class by name, TSMC's sourced and served shares and the rest as the English
    JSON's line gives them; the side without rows has none."""
    plain, sourced = tmp_path / "plain.toml", tmp_path / "sourced.toml"
    plain.write_text(SOURCED.replace('"sourced"', '"plain"').replace("Sourced", "Plain"), "utf-8")
    sourced.write_text(SOURCED + ROWS, encoding="utf-8")
    argv = ("scenario", "compare", str(plain), str(sourced), "--runs", "3")
    code, out, _ = cli(*argv, "-f", "json")
    english = json.loads(out)["sourcing"]
    assert code == 0 and english["a"] == [] and len(english["b"]) == 1
    numbers = re.findall(r"[\d.]+(?= %)", english["b"][0])  # sourced, served, rest, moved
    code, out, _ = cli(*argv, "--lang", "ja")
    flat = "".join(out.split())
    assert (
        code == 0 and "調達（Sourced）：自動車・28〜45nm（シナリオの[[sourcing]]、2027年）" in flat
    )
    assert f"調達{numbers[0]}%・供給{numbers[1]}%" in flat
    assert f"残りの{numbers[2]}%は生産能力に応じて配分" in flat
    assert "調達（Plain）" not in flat and "sourced" not in out


def test_english_words_are_the_engines_line() -> None:
    """The catalogue's English line is the engine's `scenario_sourcing_lines` word for word
    (two operators, one share moved to other fabs), so the two languages say the same."""
    rows = pd.DataFrame(
        {
            "market": ["automotive", "automotive"],
            "node_class": ["n28_45", "n28_45"],
            "operator": ["tsmc", "umc"],
            "year": [2027, 2027],
            "sourced_pct": [60.0, 20.0],
            "served_pct": [31.14, 20.0],
        }
    )
    assert scenario_sourcing_lines(rows, "en") == engine_lines(rows, 2027)
    japanese = scenario_sourcing_lines(rows, "ja", {"tsmc": "TSMC", "umc": "UMC"})
    assert japanese == [
        "自動車・28〜45nm（シナリオの[[sourcing]]、2027年）：TSMCは調達60%・供給31.1%、"
        "UMCは調達20%・供給20.0%。残りの20%は生産能力に応じて配分。調達シェアのうち28.9%は"
        "同じ区分のほかの工場に移ります（これらの事業者の登録工場は、この区分の稼働率では"
        "これ以上作れません：chipshock sourcing --check）。"
    ]


def test_a_served_share_below_a_tenth_reads_below_a_tenth() -> None:
    """An operator that serves 0.03 % of what it sources reads 供給<0.1% (the cell rule, as the
    briefing's assumptions and the dashboard's sourcing table write it), never 供給0.0%."""
    rows = pd.DataFrame(
        {
            "market": ["automotive"],
            "node_class": ["n28_45"],
            "operator": ["tsmc"],
            "year": [2027],
            "sourced_pct": [10.0],
            "served_pct": [0.03],
        }
    )
    (line,) = scenario_sourcing_lines(rows, "ja", {"tsmc": "TSMC"})
    assert "TSMCは調達10%・供給<0.1%" in line
