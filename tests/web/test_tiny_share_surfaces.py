"""A Shapley value below a twentieth of a percent reads ``<0.1`` on every surface (the cell rule,
`fmt_cell_number`, through `fmt_pct` and the dashboard's `fmtPct`): on the shipped data,
Italy's share in USA JPN NLD KOR TWN CHN ITA FRA (exact, threshold 50%) is 0.022%, which the CLI
wrote ``<0.1`` while the briefing and the dashboard wrote ``0.0%``. Every member's Shapley and
standalone cells now read the same on the CLI (its ``%`` in the header), in the briefing and on
the dashboard, in English and Japanese."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.labels import country_label
from chipshock.report.structure import coalition_report

pytestmark = pytest.mark.browser

MEMBERS = ["USA", "JPN", "NLD", "KOR", "TWN", "CHN", "ITA", "FRA"]
#: the URL of the page's last request to a route (the view builds its own query)
ASKED_JS = """(route) => performance.getEntriesByType('resource').map((e) => e.name)
  .filter((n) => n.includes(route)).pop()"""
ROWS_JS = """(table) => [...table.querySelectorAll('tbody tr')]
  .map((r) => [...r.cells].map((c) => c.textContent.trim()))"""


def _cli_cells(built_store: Path, lang: str) -> dict[str, list[str]]:
    """`chipshock shapley MEMBERS` on a terminal: each member's Shapley and standalone cells."""
    argv = ["shapley", *MEMBERS, "--db", str(built_store), "--lang", lang]
    result = CliRunner().invoke(cli_app, argv, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    cells = {}
    for line in result.stdout.splitlines():
        row = [c.strip() for c in line.strip().strip("│").split("│")]
        for code in MEMBERS:
            if row[0] in (code, country_label(code, "ja")):
                cells[code] = [row[1], row[4]]  # shapley %, standalone %
    return cells


def _report_cells(built_store: Path, lang: str) -> dict[str, list[str]]:
    """The briefing's Shapley table: each member's Shapley and standalone cells as read."""
    page = coalition_report(built_store, MEMBERS, lang)  # type: ignore[arg-type]
    table = page.split("<table>")[1]  # the first table: the Shapley values
    cells = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("</table>")[0]):
        texts = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td.*?</td>", row)]
        if texts:
            code = next(c for c in MEMBERS if texts[0] == country_label(c, lang))  # type: ignore[arg-type]
            cells[code] = texts[1:3]
    return cells


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_tiny_shapley_share_reads_the_same_on_cli_report_and_dashboard(
    browser_page: Watched, server: str, built_store: Path, lang: str
) -> None:
    """Italy's Shapley share (0.022%) reads "<0.1" on the CLI and "<0.1%" in the briefing and
    on the dashboard (not "0.0%"), its standalone share of exactly 0 "0.0%"; every member's
    cells agree across the three surfaces."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"coalition?countries={','.join(MEMBERS)}&threshold=50", lang)
    page.wait_for_function(  # the table sits in a closed <details>: attached, not visible
        "document.querySelectorAll('#coal-result details table tbody tr').length === "
        + str(len(MEMBERS))
    )
    asked = page.evaluate(ASKED_JS, "/api/shapley")  # the answer the table was drawn from
    answer = page.evaluate("(u) => fetch(u).then((r) => r.json())", asked)
    italy = next(r for r in answer["rows"] if r["member"] == "ITA")
    assert 0 < italy["shapley_pct"] < 0.05 and italy["standalone_pct"] == 0  # the real case
    shown = page.locator("#coal-result details table").first.evaluate(ROWS_JS)
    dashboard = {r["member"]: row[1:3] for r, row in zip(answer["rows"], shown, strict=True)}

    cli = _cli_cells(built_store, lang)
    report = _report_cells(built_store, lang)
    assert cli["ITA"] == ["<0.1", "0.0"]
    assert report["ITA"] == dashboard["ITA"] == ["<0.1%", "0.0%"]
    assert set(cli) == set(report) == set(dashboard) == set(MEMBERS)
    for code in MEMBERS:
        assert [f"{c}%" for c in cli[code]] == report[code] == dashboard[code], code
    assert w.errors == []


def test_the_briefing_keeps_a_tiny_share_on_one_line(built_store: Path) -> None:
    """The briefing's "<0.1%" cell is a number as written (class "whole": never broken over two
    lines in print), as its neighbours "0.1%" and "39.2%" are."""
    page = coalition_report(built_store, MEMBERS, "en")
    assert '<td class="whole">&lt;0.1%</td>' in page
    assert '<td class="whole">0.0%</td>' in page
