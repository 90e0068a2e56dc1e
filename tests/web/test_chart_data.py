"""The run and comparison views rebuild the charts' tables that the API sends once
(`chart_data`) into exactly the specs the API's own decoder rebuilds, which are the report's
specs (tests/api/test_chart_data.py), and draw them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.api.chart_data import restore_chart_data

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"

#: the view's decoder (`withData` in vl.js) over every spec of every language of an answer
WITH_DATA_JS = """async (body) => {
  const { withData } = await import('/static/js/vl.js');
  const specs = (charts) => Object.fromEntries(
    Object.entries(charts).map(([name, spec]) => [name, withData(spec, body.chart_data)]));
  return Object.fromEntries(Object.entries(body.charts).map(([lang, c]) => [lang, specs(c)]));
}"""


def test_comparison_charts_are_rebuilt_as_the_api_rebuilds_them(
    browser_page: Watched, server: str
) -> None:
    """The flagship with and without the alliance fabs: the page's decoder gives, for every
    chart in English and Japanese, the same spec and rows, value for value, as
    `restore_chart_data`; the comparison view then draws its charts from that answer."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    request = {"scenario": FLAGSHIP, "other": None, "runs": 20}
    body = httpx.post(f"{server}/api/scenarios/compare", json=request, timeout=600).json()
    assert all(isinstance(s["datasets"], list) for s in body["charts"]["en"].values())
    _open(w, server, "compare")
    rebuilt: dict[str, Any] = page.evaluate(WITH_DATA_JS, body)
    assert rebuilt == restore_chart_data(body["charts"], body["chart_data"])
    page.select_option("#cmp-a", FLAGSHIP)
    page.fill("#cmp-runs", "20")
    page.click("#cmp-run")  # the same request: answered from the server's cache
    page.wait_for_selector("#cmp-main .vl[data-rendered] svg", timeout=120_000)
    page.wait_for_selector("#cmp-result figure[data-chart='supply'] .vl[data-rendered] svg")
    _clean(w)


def test_run_charts_are_rebuilt_as_the_api_rebuilds_them(
    browser_page: Watched, server: str
) -> None:
    """The flagship run: its specs name their tables (sent once, in `chart_data`), the page's
    decoder rebuilds every chart in English and Japanese as `restore_chart_data` does, and the
    run view draws its band and per-country charts from such an answer."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    request = {"scenario": FLAGSHIP, "runs": 20}
    body = httpx.post(f"{server}/api/scenarios/run", json=request, timeout=600).json()
    for lang in ("en", "ja"):
        assert all(isinstance(s["datasets"], list) for s in body["charts"][lang].values())
    _open(w, server, "scenario")
    rebuilt: dict[str, Any] = page.evaluate(WITH_DATA_JS, body)
    assert rebuilt == restore_chart_data(body["charts"], body["chart_data"])
    page.select_option("#scen-id", FLAGSHIP)
    page.fill("#scen-runs", "20")
    page.click("#scen-run")
    for chart in ("output", "delivered", "supply"):
        page.wait_for_selector(
            f"#scen-result figure[data-chart='{chart}'] .vl[data-rendered] svg", timeout=300_000
        )
    for box in ("scen-country-loss", "scen-value-added", "scen-country-market"):
        page.wait_for_selector(f"#{box} .vl[data-rendered] svg")
    _clean(w)


def test_run_view_asks_for_the_bands_as_a_table_and_shows_their_rows(
    browser_page: Watched, server: str
) -> None:
    """The page's `tableRows` gives the rows of ``"bands": "table"`` value for value, the run
    view asks for that form, and its table under the band charts lists the weeks."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    request = {"scenario": FLAGSHIP, "runs": 20}
    rows = httpx.post(f"{server}/api/scenarios/run", json=request, timeout=600).json()["bands"]
    table = httpx.post(
        f"{server}/api/scenarios/run", json={**request, "bands": "table"}, timeout=600
    ).json()["bands"]
    _open(w, server, "scenario")
    decoded = page.evaluate("async (t) => (await import('/static/js/vl.js')).tableRows(t)", table)
    assert decoded == rows
    sent: list[Any] = []
    page.on(
        "request",
        lambda r: sent.append(r.post_data_json) if r.url.endswith("/api/jobs/run") else None,
    )
    page.select_option("#scen-id", FLAGSHIP)
    page.fill("#scen-runs", "20")
    page.click("#scen-run")
    page.wait_for_selector(
        "#scen-result figure[data-chart='output'] .vl[data-rendered] svg", timeout=300_000
    )
    assert sent and sent[0]["bands"] == "table"
    band_table = page.locator("#scen-result details table").filter(has_text="Date (week starting)")
    assert band_table.locator("tbody tr").count() > 0
    first_cell = band_table.locator("tbody tr td").first.text_content()  # the table is closed
    assert (first_cell or "").startswith("20")  # a week's date
    _clean(w)
