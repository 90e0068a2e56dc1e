"""The producer utilisation section of a scenario run in a real Chromium, in English and in
Japanese: the numbers the API sends for the same request, the most stretched first, a chart
with a text alternative, legible at desktop and phone size, axe clean."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from tests.web.conftest import SCREENSHOTS, Watched
from tests.web.test_views import DESKTOP, PHONE, SMALLEST_TEXT_JS, _axe, _clean, _open

pytestmark = pytest.mark.browser

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 20
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _pct(v: float | None, lang: str) -> str:
    """What the page writes for a percentage (`fmtNum(v, 1)`: at most one decimal, none if it
    is 0, thousands separators in both locales)."""
    if v is None:
        return "–"
    text = f"{v:,.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _rows(page: Any, selector: str) -> list[list[str]]:
    return list(
        page.locator(f"{selector} tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
        )
    )


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_utilisation_table_in_both_languages(browser_page: Watched, server: str) -> None:
    """Run the flagship as the form stands (only scenario and runs are sent): the section lists
    the 8 most and the 5 least stretched producers, exactly the API's rows for that request,
    with their shock-week median and range; in Japanese the headers, the node classes and the
    "other fabs" remainders are in Japanese and the numbers stay the same. No sideways scroll,
    chart text at least 11 px, no serious axe violation."""
    pytest.importorskip("chipshock.sim")
    w, page = browser_page, browser_page.page
    width = page.viewport_size["width"]
    size = "phone" if width < 600 else "desktop"
    _open(w, server, "scenario")
    page.select_option("#scen-id", FLAGSHIP)
    page.fill("#scen-runs", str(RUNS))
    page.click("#scen-run")
    page.wait_for_selector("#scen-utilisation .util-top table", timeout=600_000)
    page.wait_for_selector("#scen-utilisation figure[data-chart] .vl[data-rendered] svg")

    api = httpx.post(
        f"{server}/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS}, timeout=600
    ).json()  # the same request: answered from the server's cache
    rows = api["utilisation"]
    valued = [r for r in rows if r["shock_runs"] > 0]
    shown = valued[:8] + valued[-5:]
    english = _rows(page, "#scen-utilisation .util-top")
    assert len(english) == len(shown) == 13
    for cells, row in zip(english, shown, strict=True):
        if row["kind"] == "fab":
            assert cells[0] == row["name"] and cells[1] == row["operator"]
        else:
            assert cells[0].startswith("other fabs (") and cells[1] == "other fabs"
        assert cells[2] == row["region"]
        assert cells[5] == _pct(row["baseline_pct"], "en")
        p5, p50, p95 = (
            _pct(row[k], "en") for k in ("shock_p5_pct", "shock_p50_pct", "shock_p95_pct")
        )
        assert cells[6] == f"{p50} ({p5} – {p95})"
    assert float(english[0][6].split("%")[0]) > 100 > float(english[-1][6].split("%")[0])
    section = page.inner_text("#scen-utilisation")
    assert "Which producers run flat out" in section and "Capacity 2027" in section
    assert api["utilisation_meta"]["as_of"] in section  # the source line
    label = page.locator("#scen-utilisation svg").get_attribute("aria-label") or ""
    assert label.startswith("Utilisation in the shock weeks") and english[0][0] in label
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(SMALLEST_TEXT_JS) >= 11
    assert _axe(page) == []
    page.locator("#scen-utilisation").screenshot(path=str(_shot_path(f"utilisation-{size}-en")))

    page.click("#lang")
    page.locator("html[lang='ja']").wait_for(state="attached")
    page.wait_for_selector("#scen-utilisation figure[data-chart] .vl[data-rendered] svg")
    japanese = _rows(page, "#scen-utilisation .util-top")
    heads = page.locator("#scen-utilisation .util-top th").all_inner_texts()
    assert heads[0] == "生産者" and "2027年の生産能力" in heads[4]
    assert page.inner_text("#scen-utilisation h3") == "ショックでフル稼働する生産者、止まる生産者"
    for en_cells, ja_cells, row in zip(english, japanese, shown, strict=True):
        assert ja_cells[5:7] == en_cells[5:7]  # the same numbers
        assert ja_cells[3] != en_cells[3]  # node class in Japanese
        if row["kind"] != "fab":
            assert ja_cells[0].startswith("その他の工場（") and ja_cells[1] == "その他の工場"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe(page) == []
    page.locator("#scen-utilisation").screenshot(path=str(_shot_path(f"utilisation-{size}-ja")))
    _clean(w)


def _shot_path(name: str) -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
