"""`chipshock report --by-fab`: the report's "What each alliance fab avoids" section gives the
numbers of `chipshock scenario contributions` for the same scenario, runs and seed, in English
and Japanese, in the appendix (the first two pages keep the key figures)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.messages import message
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
    # review 16 leftover 2: in the body's bars, a fab without capacity when the shock starts
    # says why its bar is at zero, from the cells the appendix's capacity column reads
    start = page.index("data-chart='fabs-alone'")
    bars = html.unescape(page[start : page.index("</figure>", start)])
    late = {r["fab_id"]: r for r in cli["fabs"] if r["measure"] == "alone"}
    late = {f: r for f, r in late.items() if r["capacity_wspm"] == 0}
    # the shipped flagship: JASM Fab 2, TSMC Arizona P2 and Rapidus (its pilot line holds no
    # supply since data release 23) from 2028, P3 from 2029
    assert {f: r["first_year"] for f, r in late.items()} == {
        "jasm-kumamoto-fab2": 2028,
        "rapidus-iim1": 2028,
        "tsmc-arizona-p2": 2028,
        "tsmc-arizona-p3": 2029,
    }
    for row in late.values():
        reason = message("report.fab_bar_no_capacity", lang, value=fmt_usd(row["p50"] * 1e9, lang),
                         first=row["first_year"])  # fmt: skip
        assert reason in bars, (row["fab_id"], reason)
        # the appendix's table gives the same year in its capacity column
        tr = re.search(rf"<tr data-fab='{row['fab_id']}'>(.*?)</tr>", section[1], re.S)
        assert tr and str(row["first_year"]) in tr[1]


def test_without_the_flag_no_section(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", FLAGSHIP, "--runs", "2", "--db", str(built_store), "-o", str(out)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert "by-fab" not in out.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_by_fab_body_pages(built_store: Path, tmp_path: Path, lang: str) -> None:
    """Review 16 leftover 3, the rule README states: with --by-fab the lead chart, the fab
    bars and the key figures stay on the first two A4 pages; in English the whole body does and
    the appendix starts on page 3; in Japanese, whose text runs longer, the last lines of the
    summary paragraph may run onto page 3, and the appendix then starts on page 4."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the pages back")
    out = tmp_path / "r.html"
    args = ["report", FLAGSHIP, "--compare", TWIN, "--runs", "8", "--by-fab", "--pdf"]
    args += ["--lang", lang, "--db", str(built_store), "-o", str(out)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output

    def page(n: int) -> str:
        done = subprocess.run(
            [pdftotext, "-f", str(n), "-l", str(n), "-layout", str(out.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    first_two = page(1) + page(2)
    assert message("report.key", lang) in first_two
    assert "".join(message("report.chart_fabs_alone", lang).split())[:12] in "".join(
        page(1).split()
    )
    appendix = message("report.appendix", lang)
    assert appendix not in first_two
    if lang == "en":
        assert page(3).lstrip().startswith(appendix)
        return
    if not page(3).lstrip().startswith(appendix):  # only the summary's last lines spill over
        spill = [line for line in page(3).splitlines() if line.strip()]
        assert len(spill) <= 8, spill
        assert page(4).lstrip().startswith(appendix)
