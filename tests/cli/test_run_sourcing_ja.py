"""`scenario run --lang ja` prints the scenario's own [[sourcing]] lines in Japanese, with the
numbers of the English lines, as `scenario compare --lang ja` prints each side's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import Runner
from .test_compare_sourcing_ja import ROWS, SOURCED


def test_japanese_run_prints_its_sourcing(cli: Runner, tmp_path: Path) -> None:
    """A scenario with [[sourcing]] rows: the Japanese answer names the market and class by
    name, the operator's sourced and served shares and the rest as the English JSON's line
    gives them, after 「調達：」 (the English "sourcing "), before the tables: the line the
    JSON gives as ``sourcing_ja``."""
    sourced = tmp_path / "sourced.toml"
    sourced.write_text(SOURCED + ROWS, encoding="utf-8")
    argv = ("scenario", "run", str(sourced), "--runs", "3")
    code, out, _ = cli(*argv, "-f", "json")
    english, japanese = json.loads(out)["sourcing"], json.loads(out)["sourcing_ja"]
    assert code == 0 and len(english) == 1 and len(japanese) == 1
    numbers = re.findall(r"[\d.]+(?= %)", english[0])  # sourced, served, rest
    code, out, _ = cli(*argv, "--lang", "ja")
    flat = "".join(out.split())
    line = "調達：自動車・28〜45nm（シナリオの[[sourcing]]、2027年）："
    assert code == 0 and line in flat
    assert f"調達{numbers[0]}%・供給{numbers[1]}%" in flat
    assert f"残りの{numbers[2]}%は生産能力に応じて配分" in flat
    assert flat.index(line) < flat.index("┏")  # before the first table
    assert "調達：" + "".join(japanese[0].split()) in flat


def test_japanese_run_without_sourcing_has_no_line(cli: Runner, tmp_path: Path) -> None:
    """Without [[sourcing]] rows there is no sourcing line."""
    plain = tmp_path / "plain.toml"
    plain.write_text(SOURCED, encoding="utf-8")
    code, out, _ = cli("scenario", "run", str(plain), "--runs", "3", "--lang", "ja")
    assert code == 0 and "調達：" not in "".join(out.split())
