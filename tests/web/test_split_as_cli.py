"""One result on every surface: the dashboard's split by fab shows its figures as `chipshock
scenario contributions` prints them for the same request (scenario, runs, seed): each fab's
medians and p5–p95 bands, and the 'together' table (together, the sums of 'alone' and 'added',
the interaction) with the CLI's labels. In English the numbers in USD bn with one decimal under
headers naming USD bn (the CLI's "0.1", not "USD 0.05 bn"; a smaller nonzero amount "<0.1",
never "0.0"), in Japanese with their unit (「0.5億ドル」), as the CLI writes each language."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from tests.cli.terminal import chipshock_at
from tests.web.conftest import Watched
from tests.web.test_views import _axe, _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 10  # the dashboard's own default request (the scenario's seed, every alliance fab)


@pytest.fixture(scope="module")
def cli_out(built_store: Path) -> dict[str, str]:
    """The CLI's terminal answer to the dashboard's request, each language, wide enough that no
    cell wraps."""
    args = ("scenario", "contributions", FLAGSHIP, "--runs", str(RUNS), "--db", str(built_store))
    return {lang: chipshock_at(400, *args, "--lang", lang) for lang in ("en", "ja")}


def _row(out: str, cell: str) -> list[str]:
    """The cells of the one table row of the CLI's answer with a cell reading ``cell`` (the
    sentence above the tables names the fabs too, and a label may hold another)."""
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if "│" in line]
    found = [r for r in rows if cell in r]
    assert len(found) == 1, (cell, found)
    return found[0]


def _cells(page: object, selector: str) -> list[list[str]]:
    rows = page.locator(f"{selector} tbody tr")  # type: ignore[attr-defined]
    return [r.locator("td").all_inner_texts() for r in rows.all()]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_split_figures_read_as_the_cli_prints_them(
    browser_page: Watched, server: str, cli_out: dict[str, str], lang: str
) -> None:
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-fabs-run", timeout=600_000)
    page.click("#cmp-fabs-run")
    page.wait_for_selector("#cmp-fabs-together table", timeout=600_000)
    out = cli_out[lang]
    # together, sum of 'alone', sum of 'added', interaction: label, median, p5–p95
    totals = _cells(page, "#cmp-fabs-together")
    assert len(totals) == 4, totals
    for label, median, band in totals:
        row = _row(out, label)
        assert median in row and band in row, (row, median, band)
    words = {
        "en": "interaction (together - sum of 'alone')",
        "ja": "相互作用（合わせて－「単独」の合計）",
    }
    assert totals[3][0] == words[lang]
    # each fab: its medians and bands alone and added, as the CLI's row for that fab (found by
    # its id: the CLI's terminal wraps a long name)
    body = {"scenario": FLAGSHIP, "runs": RUNS}
    api = httpx.post(f"{server}/api/scenarios/contributions", json=body, timeout=600).json()
    ids = {r["name_ja" if lang == "ja" else "name"]: r["fab_id"] for r in api["fabs"]}
    fabs = _cells(page, "#cmp-fabs-result > .tablewrap")
    assert len(fabs) == len(ids) >= 6
    for name, _capacity, _as_of, alone, alone_band, added, added_band in fabs:
        row = _row(out, ids[name])
        for text in (alone, alone_band, added, added_band):
            assert text in row, (row, text)
    figures = [c for row in totals for c in row[1:]] + [c for row in fabs for c in row[3:]]
    if lang == "ja":
        assert all("億ドル" in c or "兆ドル" in c for c in figures), figures
    else:  # the unit in the headers, as the CLI's caption and header give it
        assert not any("USD" in c for c in figures), figures
        # JASM Kumamoto Fab 2's median alone (none before 2028) and the interaction's are
        # nonzero below USD 0.05 bn at these runs: "<0.1" on the page as in the CLI, not "0.0"
        assert "<0.1" in figures, figures
        heads = page.locator("#cmp-fabs-result th").all_inner_texts()
        assert sum("USD bn" in x for x in heads) == 6, heads
    assert _axe(page) == []  # the new table too: headers, names, contrast
    assert w.errors == [], w.errors
