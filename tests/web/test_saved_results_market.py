"""Saved results compared side by side give the indicators of the end market the user picks, as
the live comparison gives every market (a car stockpile's effect is in automotive, which all
markets together hardly show): the table follows the picker, the URL keeps the market, and
the table carries its source line with the data release and its date."""

from __future__ import annotations

import httpx
import pytest
from tests.web.conftest import Watched
from tests.web.test_views import _clean, _open

from chipshock.present.numbers import Lang, fmt_band, kpi_cell

pytestmark = pytest.mark.browser


def _cell(row: dict[str, object], lang: Lang) -> str:
    """A saved KPI row as the table writes it: median (p5–p95), each with its unit."""
    p50, p5, p95 = (kpi_cell(row, s, lang, unit=True) for s in ("p50", "p5", "p95"))
    return fmt_band(p50, p5, p95, lang)


@pytest.mark.parametrize(("lang", "automotive"), [("en", "Automotive"), ("ja", "自動車")])
def test_saved_comparison_shows_the_market_picked(
    browser_page: Watched, server: str, lang: Lang, automotive: str
) -> None:
    w, page = browser_page, browser_page.page
    ids = [r["result_id"] for r in httpx.get(f"{server}/api/results", timeout=60).json()["rows"]]
    assert len(ids) == 2
    _open(w, server, f"results?open={ids[0]},{ids[1]}", lang)
    page.wait_for_selector("#res-market")
    options = page.locator("#res-market option")
    assert options.evaluate_all("os => os.map((o) => o.value)")[0] == "all"  # the default first
    assert "automotive" in options.evaluate_all("os => os.map((o) => o.value)")
    page.select_option("#res-market", "automotive")
    saved = [httpx.get(f"{server}/api/results/{i}", timeout=60).json() for i in ids]
    rows = page.locator("#res-kpis tbody tr").all_inner_texts()
    assert len(rows) == 4 and all(automotive in r for r in rows), rows
    loss = next(r for r in rows if "USD" in r or "ドル" in r)
    for body in saved:
        car = next(
            k for k in body["kpis"] if k["kpi"] == "loss_usd_bn" and k["market"] == "automotive"
        )
        every = next(k for k in body["kpis"] if k["kpi"] == "loss_usd_bn" and k["market"] == "all")
        assert _cell(car, lang) in loss, (loss, car)
        assert car["p50"] < every["p50"]  # not the all-markets figure
    assert "market=automotive" in page.url
    # its source: the engine, the data release it was saved from and that release's date
    source = page.inner_text("#res-kpis-source")
    meta = saved[0]["meta"]
    assert meta["data_release"] and meta["as_of"] in source
    assert (meta["source_ja"] if lang == "ja" else meta["source"]).rstrip("。")[:20] in source
    # the link reopens the comparison on that market
    link = page.url
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("#res-kpis tbody tr")
    assert page.input_value("#res-market") == "automotive"
    assert automotive in page.inner_text("#res-kpis")
    _clean(w)
