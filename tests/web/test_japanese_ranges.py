"""Every low-high range the dashboard writes goes through its one range writer (i18n.js's
``fmtSpan`` and ``bracketed``): 「4.0週〜78週（基準 26週）」 in Japanese, "4.0 weeks – 78 weeks
(base 26 weeks)" in English, in the tornado's lines and table, the Sobol view's ranges and the
fab split's 90% bands (the server writes those as the CLI does, by the same rule:
`chipshock.present.contributions.band_cell`). Tiny hand-made answers stand in for the server's
(a real tornado or fab split takes minutes): the test is about how the page writes the numbers
it is given."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.web.conftest import Watched

from chipshock.present.contributions import cell_texts

#: two factor rows as the sensitivity API gives them: weeks and a multiplier
FACTORS = [
    {
        "factor": "shock_duration", "label": "Shock duration", "label_ja": "ショックの期間",
        "unit": "weeks", "low_value": 4.0, "high_value": 78.0, "base_value": 26.0,
        "kpi_low": 4.0, "kpi_base": 500.0, "kpi_high": 2100.0, "swing": 2096.0,
        "confidence": "low", "source": "shock_assumptions.csv: taiwan_blockade_duration",
        "source_url": "https://example.org/a", "range_source": "shock_assumptions.csv",
        "range_source_ja": "shock_assumptions.csv", "range_source_url": "", "range_as_of": "",
    },
    {
        "factor": "utilisation", "label": "Fab utilisation", "label_ja": "工場の稼働率",
        "unit": "multiplier", "low_value": 0.92, "high_value": 1.06, "base_value": 1.0,
        "kpi_low": 450.0, "kpi_base": 500.0, "kpi_high": 520.0, "swing": 70.0,
        "confidence": "medium", "source": "sensitivity_factors.csv: utilisation",
        "source_url": "https://example.org/b", "range_source": "sensitivity_factors.csv",
        "range_source_ja": "sensitivity_factors.csv", "range_source_url": "",
        "range_as_of": "2024-10",
    },
]  # fmt: skip

SENSITIVITY = {
    "meta": {"source": "chipshock scenario engine", "as_of": "2026-12-06"},
    "params": {"runs": 10, "runs_requested": 10, "total_runs": 50},
    "scenario": {"title": "Blockade", "title_ja": "封鎖"},
    "kpi": "loss_usd_bn",
    "rows": FACTORS,
    "reading_text": {"en": "It depends most on the shock's duration.", "ja": "期間で決まる。"},
    "charts": {"en": None, "ja": None},
}

#: one fab's split: USD 1.5 bn to 3.25 bn, written 15億ドル〜33億ドル (halves away from zero),
#: its texts as the server gives them (`cell_texts`)
FAB_ROW = {
    "fab_id": "fab-a", "name": "Fab A", "name_ja": "工場A", "measure": "alone",
    "p5": 1.5, "p50": 2.0, "p95": 3.25, "capacity_text": {"en": "10k", "ja": "1万枚"},
    "capacity_as_of": "2025", "capacity_confidence": "low",
}  # fmt: skip
TOGETHER_ROW = {
    "measure": "together", "label": "together (all fabs of the set)", "p5": 1.5, "p50": 2.0,
    "p95": 3.25, "mean": 2.1, "label_text": {"en": "together", "ja": "合わせて"},
}  # fmt: skip
SPLIT = {
    "fabs": [{**FAB_ROW, **cell_texts(FAB_ROW)}],
    "together": [{**TOGETHER_ROW, **cell_texts(TOGETHER_ROW)}],
    "params": {"runs": 10, "total_runs": 40, "seed": 1},
    "summary_text": {"en": "Fab A avoids most.", "ja": "工場Aが最も多く防ぐ。"},
    "meta": None,
}  # fmt: skip

EXPECTED = {
    "en": {
        "line": "Shock duration 4.0 weeks – 78 weeks (base 26 weeks)",
        "span": "×0.92 – ×1.06",
        "multiplier": "×0.92 – ×1.06 (base ×1)",
        "cell": "4.0 weeks – 78 weeks (26 weeks)",
        "band": "1.5 – 3.3",
        "as_of": "2025, low",
    },
    "ja": {
        "line": "ショックの期間 4.0週〜78週（基準 26週）",
        "span": "×0.92〜×1.06",
        "multiplier": "×0.92〜×1.06（基準 ×1）",
        "cell": "4.0週〜78週（26週）",
        "band": "15億ドル〜33億ドル",
        "as_of": "2025、低",
    },
}


def _fulfil(page: Any, pattern: str, body: Any) -> None:
    page.route(
        pattern,
        lambda r: r.fulfill(status=200, content_type="application/json", body=json.dumps(body)),
    )


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tornado_and_sobol_ranges_use_the_range_writer(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The tornado's lines and table and the Sobol view's list write each factor's range, its
    base value and its range's date as the page's language writes a range and a bracket (no
    " – " and no " (" in Japanese)."""
    w, page = browser_page, browser_page.page
    _fulfil(page, "**/api/scenarios/sensitivity", SENSITIVITY)
    page.goto(f"{server}/?lang={lang}#scenario")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.click("#sens-run")
    page.wait_for_selector("#sens-ranges li")
    expected = EXPECTED[lang]
    lines = page.locator("#sens-ranges li").all_inner_texts()
    assert lines[0].startswith(expected["line"])
    assert expected["multiplier"] in lines[1]
    cells = page.eval_on_selector_all(  # the table sits in a closed <details>
        "#sens-result table tbody tr:first-child td", "tds => tds.map((td) => td.textContent)"
    )
    assert expected["cell"] in cells
    sobol = page.evaluate(
        """async (rows) => {
          const { rangeList } = await import('/static/js/factors.js');
          return rangeList(rows, (r) => r.label, 'x').innerText;
        }""",
        FACTORS,
    )
    assert expected["span"] in sobol
    if lang == "ja":
        for text in (*lines, *cells, sobol):
            assert " – " not in text and " (" not in text, text
    assert w.errors == [] and w.outside == []


#: each number cell of the section's table: how many lines its text takes
CELL_LINES_JS = """() => [...document.querySelectorAll('#cmp-fabs-result td.n')].map((td) => {
  const range = document.createRange();
  range.selectNodeContents(td);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [td.textContent, tops.size];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("browser_page", [(1280, 900), (390, 844)], indirect=True,
                         ids=["desktop", "phone"])  # fmt: skip
def test_fab_split_bands_use_the_range_writer(
    browser_page: Watched, server: str, lang: str
) -> None:
    """The fab split's 90% band cells are written as the page's language writes a range; the
    capacity's date and confidence in the page's words (「2025、低」); on a phone too every
    amount and band stays on one line (「291億」 over 「ドル」 before: the table scrolls)."""
    w, page = browser_page, browser_page.page
    _fulfil(page, "**/api/jobs/contributions", {"job_id": "j1", "status": "done"})
    _fulfil(page, "**/api/jobs/j1/result", SPLIT)
    page.goto(f"{server}/?lang={lang}#compare")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.evaluate(
        """async () => {
          const { contributionsSection } = await import('/static/js/contributions.js');
          document.querySelector('main').append(contributionsSection('s', 10));
        }"""
    )
    page.click("#cmp-fabs-run")
    page.wait_for_selector("#cmp-fabs-result table tbody tr")
    cells = page.locator("#cmp-fabs-result table tbody td").all_inner_texts()
    assert EXPECTED[lang]["band"] in cells and EXPECTED[lang]["as_of"] in cells
    lines = [cell for cell in page.evaluate(CELL_LINES_JS) if cell[0]]  # "added": none given
    # the fab's median and band, then the together row's
    assert len(lines) == 4 and all(n == 1 for _, n in lines), lines
    assert w.errors == [] and w.outside == []


#: the tornado's SVG on the page: its width, the widest assumption name and the value axis'
#: title's right edge (each relative to the chart's left edge), px
TORNADO_JS = """() => {
  const svg = document.querySelector('#sens-result figure.tornado svg').getBoundingClientRect();
  const right = (sel) => Math.max(...[...document.querySelectorAll(sel)]
    .map((e) => e.getBoundingClientRect().right - svg.left));
  const widths = [...document.querySelectorAll('#sens-result .role-axis-label text')]
    .map((e) => e.getBoundingClientRect().width);
  const names = [...document.querySelectorAll('#sens-result [aria-label^="Y-axis"] text')]
    .map((e) => e.textContent);
  return { width: svg.width, widest: Math.max(...widths),
    title: right('#sens-result .role-axis-title text'), names };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("browser_page", [(390, 844)], indirect=True, ids=["phone"])
def test_tornado_on_a_phone_leaves_the_bars_room(browser_page: Watched, server: str) -> None:
    """At 390 px the server's tornado (its names wrapped for the report's 300 px) shows each
    assumption's name on lines within 45% of the chart, so the bars keep the rest, and the value
    axis' title ends inside the chart (it ran off the screen)."""
    pytest.importorskip("chipshock.sim")
    from types import SimpleNamespace

    import pandas as pd

    from chipshock.report.sensitivity import tornado_chart

    fake = SimpleNamespace(kpi="loss_usd_bn", market="all", table=pd.DataFrame(FACTORS))
    body = {
        **SENSITIVITY,
        "charts": {"en": tornado_chart(fake, "en"), "ja": tornado_chart(fake, "ja")},
    }
    w, page = browser_page, browser_page.page
    _fulfil(page, "**/api/scenarios/sensitivity", body)
    page.goto(f"{server}/?lang=ja#scenario")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.click("#sens-run")
    page.wait_for_selector("#sens-result figure.tornado .vl[data-rendered] svg", timeout=30_000)
    drawn = page.evaluate(TORNADO_JS)
    assert drawn["widest"] <= 0.45 * drawn["width"], drawn
    assert drawn["title"] <= drawn["width"] + 1, drawn
    assert "ショックの期間" in "".join(drawn["names"])
    assert w.errors == [] and w.outside == []
