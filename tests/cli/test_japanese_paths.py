"""A path or file name in wrapped Japanese text stays whole, as an English line keeps it (which
breaks at spaces only): never after its "/" (「/」「api/groups」), its "#" or inside a name that
starts with a digit (「2027_」「taiwan.toml」)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.terminal import chipshock_at

from chipshock.cli.japanese_atoms import wrap_japanese

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
