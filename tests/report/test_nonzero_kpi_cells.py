"""The report's KPI tables never print a nonzero value as 0.0%: on the shipped data, a gallium
run's median worst week of inventory cover missing (a few thousandths of a percent in most
markets) reads "<0.1%" in English and Japanese."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.labels import kpi_label, market_label
from chipshock.present.numbers import ROUND_OFF, round_half_up

GALLIUM = ["china-gallium-germanium-controls", "--runs", "20"]
KPI = "inventory_drawdown_peak_pct"


def _table_column(page: str, header: str) -> dict[str, str]:
    """Each row's first cell -> its cell under ``header``, in the report's table that has it."""
    table = next(t for t in re.findall(r"<table>.*?</table>", page, re.S) if header in t)
    rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in re.findall(r"<tr>.*?</tr>", table)]
    at = rows[0].index(header)
    return {html.unescape(r[0]): html.unescape(r[at]) for r in rows[1:]}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tiny_inventory_drawdown_reads_less_than_a_tenth(
    built_store: Path, tmp_path: Path, lang: str
) -> None:
    """Each market whose median is nonzero but below 0.05 % reads "<0.1%" before its range
    (it read "0.0%"), and a median of exactly 0 would read "0.0%"."""
    db = ["--db", str(built_store)]
    run = CliRunner().invoke(cli_app, ["scenario", "run", *GALLIUM, *db, "--format", "json"])
    assert run.exit_code == 0, run.output
    kpis = [r for r in json.loads(run.stdout[run.stdout.index("{") :])["kpis"] if r["kpi"] == KPI]
    tiny = {
        market_label(r["market"], lang): r["p50"]  # type: ignore[arg-type]
        for r in kpis
        if abs(r["p50"]) >= ROUND_OFF and round_half_up(r["p50"], 1) == 0
    }
    assert len(tiny) >= 3  # the shape the fix is about
    out = tmp_path / f"gallium-{lang}.html"
    report = CliRunner().invoke(cli_app, ["report", *GALLIUM, *db, "--lang", lang, "-o", str(out)])
    assert report.exit_code == 0, report.output
    cells = _table_column(out.read_text(encoding="utf-8"), html.escape(kpi_label(KPI, lang)))  # type: ignore[arg-type]
    opening = " (" if lang == "en" else "（"
    assert {m: cells[m].split(opening)[0] for m in tiny} == dict.fromkeys(tiny, "<0.1%")
