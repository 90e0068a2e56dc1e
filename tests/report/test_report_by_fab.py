"""`chipshock report --by-fab`: the report's "What each alliance fab avoids" section gives the
numbers of `chipshock scenario contributions` for the same scenario, runs and seed, in English
and Japanese, in the appendix (the first two pages keep the key figures)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.numbers import fmt_usd

pytest.importorskip("chipshock.sim")

TWIN, FLAGSHIP = "taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m"
RUNS = "4"


def _cli_json(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout[result.stdout.index("{") :]))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_by_fab_matches_the_cli(built_store: Path, tmp_path: Path, lang: str) -> None:
    db = ["--db", str(built_store)]
    out = tmp_path / "r.html"
    args = ["report", TWIN, "--compare", FLAGSHIP, "--runs", RUNS, "--by-fab", "--lang", lang]
    result = CliRunner().invoke(cli_app, [*args, *db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    section = re.search(r"<section class='by-fab'>(.*?)</section>", page, re.S)
    assert section, "no by-fab section"
    # the twin and the flagship are the same scenario with the alliance fabs off / on: the
    # contributions of either are the same numbers
    cli = _cli_json(["scenario", "contributions", FLAGSHIP, "--runs", RUNS, *db])
    for row in cli["fabs"]:
        tr = re.search(rf"<tr data-fab='{re.escape(row['fab_id'])}'>(.*?)</tr>", section[1], re.S)
        assert tr, row["fab_id"]
        for stat in ("p50", "p5", "p95"):
            assert fmt_usd(row[stat] * 1e9, lang) in tr[1], (row, stat)
    together = next(r for r in cli["together"] if r["measure"] == "together")
    assert fmt_usd(together["p50"] * 1e9, lang) in section[1]
    # in the appendix, after the body's last section
    assert page.index("class='appendix'") < page.index("class='by-fab'")


def test_without_the_flag_no_section(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", FLAGSHIP, "--runs", "2", "--db", str(built_store), "-o", str(out)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert "by-fab" not in out.read_text(encoding="utf-8")
