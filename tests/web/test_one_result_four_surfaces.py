"""One result on all four surfaces at once: for the same request (scenario, runs and the
scenario's own seed, the only seed the dashboard sends), the headline numbers that
`chipshock ... --format json` prints are the numbers the API answers, the dashboard shows and
the briefing writes, after the shared formatter's rounding; for the flagship comparison
(without, then with the alliance fabs) and for one built-in scenario, in English and Japanese.
The CLI's JSON is the reference: a surface that changes its number fails here.
(Two or three surfaces at a time: tests/report/test_surfaces.py,
tests/api/test_compare_surfaces.py, tests/web/test_compare_view_totals.py.)"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.numbers import fmt_band, fmt_kpi, kpi_cell
from chipshock.report.body import card_band

pytestmark = pytest.mark.browser
pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"
TWIN = "taiwan-blockade-2027-6m-no-alliance-fabs"
SCENARIO = "korea-conflict"
RUNS = 8  # few runs: the surfaces must agree at any count
SEED = 2027  # the flagship's own; the Korea scenario's own is read from its answer
PERCENTILES = ("p5", "p50", "p95")


def _cli(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    return dict(json.loads(text[text.index("{") :]))


def _total(rows: list[dict[str, Any]], kpi: str = "loss_usd_bn") -> dict[str, Any]:
    """The all-markets row of one KPI."""
    return next(r for r in rows if r["kpi"] == kpi and r["market"] in ("all", "total"))


def _report_text(built_store: Path, out: Path, args: list[str], lang: str) -> str:
    """The briefing's body as a reader sees it: tags dropped, entities decoded, one space."""
    cmd = ["report", *args, "--runs", str(RUNS), "--no-appendix", "--lang", lang]
    result = CliRunner().invoke(cli_app, [*cmd, "--db", str(built_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _same(cli: dict[str, Any], api: dict[str, Any], where: str) -> None:
    for p in ("mean", *PERCENTILES):
        assert api[p] == pytest.approx(cli[p], rel=1e-12, abs=1e-12), (where, p)


def _written(row: dict[str, Any], lang: str) -> Callable[[str], str]:
    return lambda p: fmt_kpi(str(row["kpi"]), float(row[p]), lang)


@pytest.fixture(scope="module")
def cli_compare(built_store: Path) -> dict[str, Any]:
    """`chipshock scenario compare FLAGSHIP`: without, then with the alliance fabs."""
    return _cli(["scenario", "compare", FLAGSHIP, "--runs", str(RUNS), "--db", str(built_store)])


@pytest.fixture(scope="module")
def cli_run(built_store: Path) -> dict[str, Any]:
    return _cli(["scenario", "run", SCENARIO, "--runs", str(RUNS), "--db", str(built_store)])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_flagship_comparison_reads_the_same_on_cli_api_dashboard_and_report(
    browser_page: Watched,
    server: str,
    built_store: Path,
    tmp_path: Path,
    cli_compare: dict[str, Any],
    lang: str,
) -> None:
    """The loss the alliance fabs avoid (median of the difference in each simulated future, p5
    and p95) and each side's total output at risk with its band: the CLI's JSON, the API's
    answer to the same request, the comparison view's cards and the briefing's text give the
    same amounts."""
    cli = cli_compare
    assert (cli["runs"], cli["seed"]) == (RUNS, SEED)
    avoided = cli["headline"]["loss_avoided_usd_bn"]
    totals = [_total(cli["a"]), _total(cli["b"])]
    assert avoided["p50"] > 0 and totals[0]["p50"] > totals[1]["p50"]

    # the API: the same request, the same numbers to the last digit
    request = {"scenario": FLAGSHIP, "runs": RUNS}
    api = httpx.post(f"{server}/api/scenarios/compare", json=request, timeout=900).json()
    assert api["params"]["seed"] == SEED and api["params"]["runs"] == RUNS
    _same(avoided, api["headline"]["loss_avoided_usd_bn"], "avoided")
    for cli_side, api_side, name in zip(totals, (api["a"], api["b"]), "ab", strict=True):
        _same(cli_side, _total(api_side["kpis"]), f"total {name}")
    assert api["labels"] == cli["labels"] and api["summary_text"] == cli["summary_text"]

    # the dashboard: the comparison a shared link asks for (the scenario's own seed)
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-totals", timeout=900_000)
    assert page.inner_text("#cmp-summary").strip() == cli["summary_text"][lang]
    usd_card = page.locator("#cmp-avoided .card").last.inner_text()
    for p in PERCENTILES:
        assert _written(avoided | {"kpi": "loss_usd_bn"}, lang)(p) in usd_card, (p, usd_card)
    cards = page.locator("#cmp-totals .card").all_inner_texts()
    assert len(cards) == 2
    for card, row, name in zip(cards, totals, cli["labels"][lang], strict=True):
        assert name in card
        for p in PERCENTILES:
            assert _written(row, lang)(p) in card, (name, p, card)
    assert w.errors == [], w.errors

    # the briefing, as the README writes it: the flagship first, its twin second
    text = _report_text(built_store, tmp_path / "compare.html", [FLAGSHIP, "--compare", TWIN], lang)
    for p in PERCENTILES:
        assert _written(avoided | {"kpi": "loss_usd_bn"}, lang)(p) in text, p
    for row in totals:  # each side's card: its median, and its band as the card writes it
        written = _written(row, lang)
        band = card_band(written("p5"), written("p95"), lang)
        assert written("p50") in text and band in text, (row["p50"], band)
    if lang == "en":  # the briefing says which request it answers
        assert f"{RUNS} simulated futures · seed {SEED}" in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_scenario_reads_the_same_on_cli_api_dashboard_and_report(
    browser_page: Watched,
    server: str,
    built_store: Path,
    tmp_path: Path,
    cli_run: dict[str, Any],
    lang: str,
) -> None:
    """A built-in scenario's total output at risk (p5, p50, p95) and output lost in weeks: the
    CLI's JSON, the API's answer, the scenario view's table and the briefing's key figures."""
    cli = cli_run
    rows = [_total(cli["kpis"]), _total(cli["kpis"], "output_lost_weeks")]
    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": SCENARIO, "runs": RUNS}, timeout=900
    ).json()
    assert (api["params"]["runs"], api["params"]["seed"]) == (cli["runs"], cli["seed"])
    for row in rows:
        _same(row, _total(api["kpis"], row["kpi"]), row["kpi"])
    assert api["summary_text"] == cli["summary_text"]

    w, page = browser_page, browser_page.page
    _open(w, server, f"scenario?id={SCENARIO}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#scen-summary", timeout=900_000)
    assert page.inner_text("#scen-summary").strip() == cli["summary_text"][lang]
    cells = page.locator("#scen-result table td").evaluate_all(
        "tds => tds.map((td) => td.textContent.trim())"
    )
    for row in rows:
        p5, p50, p95 = (kpi_cell(row, p, lang, unit=True) for p in PERCENTILES)
        assert fmt_band(p50, p5, p95, lang) in cells, (row["kpi"], p50)  # （p5〜p95） in ja
    # the run's source line (audit28): its date once (the engine's source already says "data
    # release N as of D"; it read "… as of D · as of D"), and in Japanese the licence too
    engine_line = page.locator("#scen-result .assumption-rows p.source").inner_text()
    assert api["meta"]["as_of"] and engine_line.count(api["meta"]["as_of"]) == 1, engine_line
    if lang == "ja":
        assert api["meta"]["licence_ja"] in engine_line, engine_line
        assert "ETO data" not in engine_line and "curated data" not in engine_line, engine_line
    assert w.errors == [], w.errors

    text = _report_text(built_store, tmp_path / "run.html", [SCENARIO], lang)
    for p in PERCENTILES:
        assert _written(rows[0], lang)(p) in text, p
    assert fmt_kpi("output_lost_weeks", rows[1]["p50"], lang) in text
