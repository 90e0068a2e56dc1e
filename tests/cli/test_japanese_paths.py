"""A path or file name in wrapped Japanese text stays whole, as an English line keeps it (which
breaks at spaces only): never after its "/" (「/」「api/groups」), its "#" or inside a name that
starts with a digit (「2027_」「taiwan.toml」). So do a date (「2024〜2024」「-10」 broke the as-of
range of `row_dating`) and the unit 千枚/月 (「千枚」「/月」)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.cli.terminal import chipshock_at

from chipshock.cli.japanese_atoms import wrap_japanese
from chipshock.present.messages import message
from chipshock.present.provenance import row_dating

PATHS = (
    "src/chipshock/data/files/curated/fab_capacity.csv",
    "scenarios/taiwan.toml",
    "/api/groups",
    "~/chipshock/2027_taiwan.toml",
    "./scenarios/2027.toml",
    "docs/validation.md#calibration",
)
#: a description that names each path amid Japanese text, without spaces around most of them
DESCRIPTION = (
    "生産能力はsrc/chipshock/data/files/curated/fab_capacity.csvの行を使い、"
    "設定はscenarios/taiwan.tomlと同じです。一覧はGET /api/groupsで見られ、"
    "写しは~/chipshock/2027_taiwan.tomlと./scenarios/2027.tomlに置きました"
    "（手順はdocs/validation.md#calibration）。"
)


def _whole_on_a_line(text: str, width: int) -> list[str]:
    """The paths of `PATHS` that fit ``width`` cells but are not whole on one of the lines of
    ``text``."""
    lines = text.splitlines()
    return [p for p in PATHS if len(p) <= width and not any(p in line for line in lines)]


@pytest.mark.parametrize("width", range(20, 81))
def test_wrapped_japanese_keeps_paths_whole(width: int) -> None:
    """At every width from 20 to 80 cells each path that fits a line stands whole on one."""
    assert _whole_on_a_line(wrap_japanese(DESCRIPTION, width), width) == []


def test_japanese_run_keeps_paths_whole_at_narrow_widths(tmp_path: Path) -> None:
    """`scenario run FILE --lang ja` at 34, 41 and 57 columns prints the scenario's Japanese
    description with each path whole on a line."""
    scenario = tmp_path / "paths.toml"
    scenario.write_text(
        f"""
[scenario]
id = "paths"
title = "Paths"
description_ja = "{DESCRIPTION}"
start_year = 2026
end_year = 2027
runs = 3

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = 8
""",
        encoding="utf-8",
    )
    for width in (34, 41, 57):
        out = chipshock_at(width, "scenario", "run", str(scenario), "--lang", "ja")
        assert "生産能力はsrc/" in out.replace("\n", "")
        assert _whole_on_a_line(out, width) == []


#: what must never break across lines: a date, a range of dates, the unit of wafers a month
WHOLE = ("2024〜2024-10", "2025-03-31", "千枚/月")


def _broken(text: str) -> list[str]:
    """The words of `WHOLE` that ``text`` holds only across a line break (its lines stripped:
    a caption's lines, or a table's)."""
    lines = text.splitlines()
    joined = "".join(line.strip() for line in lines)
    return [w for w in WHOLE if joined.count(w) != sum(line.count(w) for line in lines)]


def _japanese_texts() -> list[str]:
    """`row_dating` in Japanese for rows as of 2024 and 2024-10, a date of a day in a sentence,
    and the captions that write 千枚/月 (`cli.util_caption`, and the old capacity rows')."""
    rows = pd.DataFrame({"as_of": ["2024-10", "2024"], "confidence": ["low", "medium"]})
    fields = {"first": 2022, "max_age": "10", "parameter": "capacity_audit_max_age_years"}
    return [
        "出力を失う国はありません。" + row_dating(rows, "ja"),
        "出典の値は2025-03-31時点の公表値を使います（年次報告書）。",
        message("cli.util_caption", "ja", year=2027),
        message("cli.audit_caption_old_capacity_rows", "ja", **fields),
    ]


@pytest.mark.parametrize("width", range(20, 81))
def test_wrapped_japanese_keeps_dates_and_units_whole(width: int) -> None:
    """At every width from 20 to 80 cells a date, a date range and 千枚/月 stand on one line
    (before, 18 of these widths broke one: 「2024〜2024」「-10」, 「千枚」「/月」)."""
    texts = _japanese_texts()
    assert sum(any(w in t for t in texts) for w in WHOLE) == len(WHOLE)
    assert [_broken(wrap_japanese(t, width)) for t in texts] == [[]] * len(texts)


def test_japanese_run_keeps_dates_and_units_whole(built_store: Path) -> None:
    """`scenario run china-gallium-germanium-controls --utilisation --lang ja` at 54 and 63
    columns: the as-of range of the country table's caption (2024〜2024-10) and the
    utilisation caption's 千枚/月 stand whole on a line (at 54 both broke, at 63 the unit)."""
    args = ("scenario", "run", "china-gallium-germanium-controls", "--runs", "3")
    for width in (54, 63):
        out = chipshock_at(width, *args, "--utilisation", "--lang", "ja", "--db", str(built_store))
        assert "2024〜2024-10" in out and "千枚/月＝" in out
        assert _broken(out) == [], width


def test_japanese_audit_keeps_the_unit_whole(built_store: Path) -> None:
    """`data audit --lang ja` at 50 and 57 columns: 千枚/月 in the old capacity rows' caption
    (the columns left out, 「…、千枚/」「月、…」) stands whole on a line."""
    for width in (50, 57):
        out = chipshock_at(width, "data", "audit", "--lang", "ja", "--db", str(built_store))
        assert out.count("千枚/月") >= 3
        assert _broken(out) == [], width
