"""`scenario compare --lang ja` prints each side's own [[sourcing]] lines in Japanese, with the
numbers of the English lines (the words: tests/present/test_sourcing_lines.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

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
    JSON's line gives them, as the JSON's ``sourcing_ja`` gives them; the side without rows has
    none."""
    plain, sourced = tmp_path / "plain.toml", tmp_path / "sourced.toml"
    plain.write_text(SOURCED.replace('"sourced"', '"plain"').replace("Sourced", "Plain"), "utf-8")
    sourced.write_text(SOURCED + ROWS, encoding="utf-8")
    argv = ("scenario", "compare", str(plain), str(sourced), "--runs", "3")
    code, out, _ = cli(*argv, "-f", "json")
    english, japanese = json.loads(out)["sourcing"], json.loads(out)["sourcing_ja"]
    assert code == 0 and english["a"] == [] and len(english["b"]) == 1
    assert japanese["a"] == [] and len(japanese["b"]) == 1
    numbers = re.findall(r"[\d.]+(?= %)", english["b"][0])  # sourced, served, rest, moved
    code, out, _ = cli(*argv, "--lang", "ja")
    flat = "".join(out.split())
    assert (
        code == 0 and "調達（Sourced）：自動車・28〜45nm（シナリオの[[sourcing]]、2027年）" in flat
    )
    assert f"調達{numbers[0]}%・供給{numbers[1]}%" in flat
    assert f"残りの{numbers[2]}%は生産能力に応じて配分" in flat
    assert "調達（Plain）" not in flat and "sourced" not in out
    assert "".join(japanese["b"][0].split()) in flat
