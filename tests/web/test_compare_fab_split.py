"""The Compare view splits the default comparison by fab on demand (POST /api/jobs/contributions,
the CLI's `scenario contributions`): a table of each alliance fab's avoided loss alone and added
to the others, with the summary sentence, in both languages, the numbers of the API's answer."""

from __future__ import annotations

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 10


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compare_view_splits_the_alliance_fabs(
    browser_page: Watched, server: str, lang: str
) -> None:
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-fabs-run", timeout=300_000)
    page.click("#cmp-fabs-run")
    page.wait_for_selector("#cmp-fabs-result table", timeout=300_000)
    body = {"scenario": FLAGSHIP, "runs": RUNS}
    api = httpx.post(f"{server}/api/scenarios/contributions", json=body, timeout=300).json()
    assert page.inner_text("#cmp-fabs-summary") == api["summary_text"][lang]
    rows = page.locator("#cmp-fabs-result > .tablewrap tbody tr").all_inner_texts()
    alone = [r for r in api["fabs"] if r["measure"] == "alone"]
    assert len(rows) == len(alone) >= 6
    for text, row in zip(rows, alone, strict=True):  # the largest 'alone' first, as the API
        assert row["name_ja" if lang == "ja" else "name"] in text
        assert row["p50_text"][lang] in text, (text, row)  # as the CLI's table writes it
        assert row["capacity_text"][lang] in text  # what it brings when the shock starts
    assert page.locator("#cmp-fabs-capped").count() == 0  # ran at the comparison's runs
    # its source: the engine, the data release and its date (session 30's audit: none shown)
    source = page.inner_text("#cmp-fabs-source")
    meta = api["meta"]
    assert (meta["source_ja"] if lang == "ja" else meta["source"]).rstrip("。") in source
    assert meta["data_release"] and meta["as_of"] and meta["as_of"] in source
    # Japanese texts name a fab by its Japanese name (fab_names_ja.csv: every fab has one)
    jasm = next(r for r in alone if r["fab_id"] == "jasm-kumamoto-fab1")
    assert jasm["name_ja"] == "JASM第1工場" and jasm["name"] == "JASM Kumamoto Fab 1"
    arizona = next(r for r in alone if r["fab_id"] == "tsmc-arizona-p1")
    assert arizona["name_ja"] == "TSMCアリゾナ Fab 21 第1期"  # a rendering (release 23)
    # the Japanese sentence names every fab so; the English one keeps the English names
    assert (
        jasm["name_ja"] in api["summary_text"]["ja"] and jasm["name"] in api["summary_text"]["en"]
    )
    assert "JASM Kumamoto" not in api["summary_text"]["ja"]
    # the split is in the URL, with the seed it ran on (review 15 #9)
    assert f"&split=1&split_seed={api['params']['seed']}" in page.url, page.url
    # the comparison against another scenario has no split (the sides differ by more than fabs)
    page.goto("about:blank")  # a new page load, not a hash change on the old one
    _open(w, server, f"compare?a={FLAGSHIP}&b=baseline&runs={RUNS}&run=1", lang)
    page.wait_for_selector("#cmp-totals", timeout=300_000)
    assert page.locator("#cmp-fabs").count() == 0
    assert w.errors == [], w.errors


def test_a_capped_split_says_so(browser_page: Watched, server: str) -> None:
    """Review 15 #2: when the server's run cap lowers the split's runs below the comparison's,
    the section says how many runs it used and that its totals differ from the comparison's
    (the test server allows 1,000 runs: 14 sides of 80 runs are lowered to 71)."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs=80&run=1", "en")
    page.wait_for_selector("#cmp-fabs-run", timeout=300_000)
    page.click("#cmp-fabs-run")
    page.wait_for_selector("#cmp-fabs-result table", timeout=600_000)
    note = page.inner_text("#cmp-fabs-capped")
    assert "Split with 71 simulated futures per side, not 80" in note and "differ" in note
    assert "p5–p95 of 71 simulated futures" in page.inner_text("#cmp-fabs-summary")
    assert w.errors == [], w.errors


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_shared_link_shows_the_split(browser_page: Watched, server: str, lang: str) -> None:
    """Review 15 #9: a link with the split (split=1, split_seed) restores the comparison and
    offers the split on that seed, naming it, without starting it (it costs 2 + 2 x fabs runs
    per run; the URL keeps it); pressing the button runs it on that seed: the table shows the
    API's numbers for the same request and seed, not those of the scenario's own seed."""
    w, page = browser_page, browser_page.page
    seed = 7
    started: list[str] = []
    page.on(
        "request",
        lambda r: started.append(r.url) if "/api/" in r.url and "contributions" in r.url else None,
    )
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1&split=1&split_seed={seed}", lang)
    page.wait_for_selector("#cmp-fabs-offer", timeout=600_000)
    assert f"{seed}" in page.inner_text("#cmp-fabs-offer")
    page.wait_for_timeout(1000)  # a split that started by itself would have asked by now
    assert started == [] and page.locator("#cmp-fabs-result table").count() == 0
    assert f"split=1&split_seed={seed}" in page.url, page.url
    page.click("#cmp-fabs-run")
    page.wait_for_selector("#cmp-fabs-result table", timeout=600_000)
    assert page.locator("#cmp-fabs-offer").count() == 0 and len(started) >= 1
    body = {"scenario": FLAGSHIP, "runs": RUNS}
    api = httpx.post(
        f"{server}/api/scenarios/contributions", json={**body, "seed": seed}, timeout=300
    ).json()
    own = httpx.post(f"{server}/api/scenarios/contributions", json=body, timeout=300).json()
    assert api["params"]["seed"] == seed != own["params"]["seed"]
    alone = [r for r in api["fabs"] if r["measure"] == "alone"]
    shown = [r["p50_text"][lang] for r in alone]
    # another seed gives other numbers: the check below tells the two apart
    assert shown != [r["p50_text"][lang] for r in own["fabs"] if r["measure"] == "alone"]
    assert page.inner_text("#cmp-fabs-summary") == api["summary_text"][lang]
    rows = page.locator("#cmp-fabs-result > .tablewrap tbody tr").all_inner_texts()
    assert len(rows) == len(alone) >= 6
    for text, row, p50 in zip(rows, alone, shown, strict=True):
        assert row["name_ja" if lang == "ja" else "name"] in text and p50 in text, (text, row)
        assert row["band_text"][lang] in text
    assert f"split=1&split_seed={seed}" in page.url, page.url
    assert w.errors == [], w.errors


def test_a_changed_comparison_drops_the_split_from_the_url(
    browser_page: Watched, server: str
) -> None:
    """A link whose split was asked keeps it only while the form is that comparison's: editing
    the run count marks the results stale and takes the split (and run) out of the URL."""
    w, page = browser_page, browser_page.page
    _open(w, server, f"compare?a={FLAGSHIP}&runs={RUNS}&run=1&split=1", "en")
    page.wait_for_selector("#cmp-fabs-offer", timeout=600_000)
    assert "the scenario's own seed" in page.inner_text("#cmp-fabs-offer")
    assert "split=1" in page.url and "split_seed" not in page.url, page.url
    page.fill("#cmp-runs", str(2 * RUNS))
    page.wait_for_function("!location.hash.includes('split')")
    assert "run=1" not in page.url
    assert w.errors == [], w.errors
