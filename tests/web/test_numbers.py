"""The dashboard's number formatter (`static/js/i18n.js`) in a real Chromium writes every value
exactly as `chipshock.present.numbers`, the formatter of the CLI, the API and the report: the
same values go to both, in English and Japanese, and the strings must be equal."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from tests.web.conftest import Watched

from chipshock.present import numbers

pytestmark = pytest.mark.browser

# each case: [function, args...]; the page calls its own formatter, in the language it is set to
FORMAT_JS = """async ([cases, lang]) => {
  const m = await import('/static/js/i18n.js');
  await m.setLang(lang);
  const call = {
    number: (v, d) => m.fmtNum(v, d),
    cell: (v, d) => m.fmtCellNumber(v, d),
    pct: (v, d) => m.fmtPct(v, d),
    points: (v, d) => m.fmtPoints(v, d),
    weeks: (v, unit) => m.fmtWeeks(v, unit),
    usd: (v) => m.fmtUsd(v),
    usd_amount: (v) => m.fmtUsdAmount(v),
    kpi: (k, v) => m.fmtKpi(k, v),
    kpi_number: (k, v) => m.fmtKpiNumber(k, v),
    kpi_cell: (row, stat) => m.fmtKpiCell(row, stat),
  };
  return cases.map(([name, ...args]) => call[name](...args));
}"""

Case = list[object]


def _python(lang: numbers.Lang) -> dict[str, Callable[..., str]]:
    """The Python formatter of each case name, in ``lang``."""
    return {
        "number": lambda v, d: numbers.fmt_number(v, d, lang),
        "cell": lambda v, d: numbers.fmt_cell_number(v, d, lang),
        "pct": lambda v, d: numbers.fmt_pct(v, d, lang),
        "points": lambda v, d: numbers.fmt_points(v, d, lang),
        "weeks": lambda v, unit: numbers.fmt_weeks(v, lang, unit=unit),
        "usd": lambda v: numbers.fmt_usd(v, lang),
        "usd_amount": lambda v: numbers.fmt_usd_amount(v, lang),
        "kpi": lambda k, v: numbers.fmt_kpi(k, v, lang),
        "kpi_number": lambda k, v: numbers.fmt_kpi_number(k, v, lang),
        "kpi_cell": lambda row, stat: numbers.kpi_cell(row, stat, lang, unit=True),
    }


# the values of review finding 3 and the edges of each rule
EDGES: list[Case] = [
    ["kpi", "loss_usd_bn", 1000.5],  # USD 1.00 trillion, not "USD 1,000.5 bn"
    ["kpi", "loss_usd_bn", 54.0],  # USD 54.0 bn, not "USD 54 bn"
    ["kpi", "loss_usd_bn", 34.0],
    ["kpi", "loss_usd_bn", 616.8],
    ["kpi", "loss_usd_bn", 999.94],
    ["kpi", "loss_usd_bn", 999.95],  # rounds to 1,000.0 bn: trillion
    ["kpi", "loss_usd_bn", 3376.64],
    ["kpi", "loss_usd_bn", 99949.0],
    ["kpi", "loss_usd_bn", -0.01],
    ["kpi", "output_lost_weeks", 2.0],  # 2.0 weeks, not "2 weeks"
    ["kpi", "output_lost_weeks", 12.3],  # 12 weeks, not "12.3 weeks"
    ["kpi", "output_lost_weeks", 9.94],
    ["kpi", "output_lost_weeks", 9.95],  # rounds to 10.0: whole weeks
    ["kpi", "output_lost_weeks", 1.0],  # "1.0 week"
    ["kpi", "output_lost_weeks", 0.96],
    ["kpi", "weeks_to_recover", 38.5],
    ["kpi", "weeks_to_recover", -0.04],
    ["kpi", "peak_output_lost_pct", 36.0],  # 36.0%, not "36%"
    ["kpi", "peak_output_lost_pct", 20.45],
    ["kpi", "peak_output_lost_pct", -0.01],
    ["kpi", "coalition_share", 99.95],
    ["kpi", "ratio", 0.125],
    ["kpi", "ratio", 99.995],
    ["kpi", "ratio", 162.5],
    ["kpi", "ratio", None],
    # a weeks to recover that reaches censored_at: not back to normal by the end (review 4 #4)
    ["kpi_cell", {"kpi": "weeks_to_recover", "p50": 208.0, "censored_at": 208.0}, "p50"],
    ["kpi_cell", {"kpi": "weeks_to_recover", "p5": 30.4, "censored_at": 208.0}, "p5"],
    ["kpi_cell", {"kpi": "weeks_to_recover", "p95": 208.0, "censored_at": None}, "p95"],
    ["kpi_cell", {"kpi": "loss_usd_bn", "p50": 616.8, "censored_at": None}, "p50"],
    ["kpi_number", "loss_usd_bn", 3376.64],
    ["kpi_number", "output_lost_weeks", 38.5],
    ["kpi_number", "output_lost_weeks", 2.0],
    ["kpi_number", "peak_output_lost_pct", 36.0],
    ["kpi_number", "ratio", 0.125],
    # a nonzero never reads 0.0 in a KPI cell (num33): "<0.1", ">-0.1", "<0.01"; zero stays
    ["kpi_number", "inventory_drawdown_peak_pct", 0.0068],  # a gallium run's p50
    ["kpi_number", "inventory_drawdown_peak_pct", -0.02],
    ["kpi_number", "inventory_drawdown_peak_pct", 0.0],
    ["kpi_number", "inventory_drawdown_peak_pct", 1e-13],
    ["kpi_number", "inventory_drawdown_peak_pct", None],
    ["kpi_number", "coalition_share", 0.049],
    ["kpi_number", "loss_usd_bn", 0.03],
    ["kpi_number", "output_lost_weeks", 0.04],
    ["kpi_number", "output_lost_weeks", 0.3],
    ["kpi_number", "ratio", 0.004],
    ["kpi", "peak_weekly_shortfall_pct", 0.0068],
    ["kpi", "peak_weekly_shortfall_pct", -0.049],
    ["kpi", "peak_weekly_shortfall_pct", 0.05],
    ["kpi", "output_lost_weeks", 0.04],
    ["kpi", "output_lost_weeks", -0.01],
    ["kpi", "ratio", -0.004],
    ["kpi_cell", {"kpi": "peak_output_lost_pct", "p50": 0.0068, "censored_at": None}, "p50"],
    ["weeks", 0.04, True],
    ["weeks", 0.04, False],
    ["weeks", 0.0, True],
    ["cell", 0.0454, 1],
    ["cell", -0.012, 1],
    ["cell", 0.004, 2],
    ["cell", 0.3, 0],
    ["cell", 0.0, 1],
    ["cell", -1e-14, 1],
    ["cell", 0.05, 1],
    ["cell", None, 1],
    ["weeks", 2.0, False],
    ["weeks", 12.3, False],
    ["weeks", 12.3, True],
    ["weeks", 1234.5, True],
    ["weeks", None, True],
    ["pct", 36.0, 1],
    ["pct", 36.0, 0],
    ["pct", 2.5, 0],
    ["pct", -0.4, 0],
    # a share that rounds to zero but is not (pct33): "<0.1%" (Italy's Shapley share 0.022%
    # in USA JPN NLD KOR TWN CHN ITA FRA), "<1%" whole; an exact zero and round-off "0%"
    ["pct", 0.0222, 1],
    ["pct", -0.02, 1],
    ["pct", 0.3, 0],
    ["pct", 0.0, 0],
    ["pct", 1e-13, 1],
    ["pct", 0.05, 1],
    ["pct", None, 1],
    ["points", 2.54, 1],
    ["points", -1.2, 1],
    ["points", 0.02, 1],
    ["points", -0.02, 1],
    ["points", 0.0, 1],
    ["points", None, 1],
    ["usd", 1000.5e9],
    ["usd", 54.0e9],
    ["usd", 148e9],
    ["usd", 999.96e9],
    ["usd", 3.38e12],
    ["usd", 33.8e12],
    ["usd", 999.95e12],
    ["usd", -0.01e9],
    ["usd", 12.34e9],
    # a small amount keeps a significant figure (Thailand's value added lost, USD 0.035 bn)
    ["usd", 0.0347e9],
    ["usd", -0.0347e9],
    ["usd", 0.0096e9],
    ["usd", 0.049e9],
    ["usd", 0.045e9],
    ["usd", 0.2e6],
    ["usd", -0.2e6],
    ["usd", 1e-5],
    ["usd_amount", 16e6],
    ["usd_amount", 55.7e6],
    ["usd_amount", 110e6],
    ["usd_amount", 0.5e6],
    ["usd_amount", 2.9e9],
    ["usd_amount", 52e9],
    ["number", 1480.04, 1],
    ["number", -0.04, 1],
    ["number", -0.0, 1],
    ["number", -0.4, 0],
    ["number", -0.6, 0],
    ["number", -2.5, 0],
    ["number", 2.5, 0],
    ["number", 0.125, 2],
    ["number", 162.05, 1],  # half up on the decimal value (the binary value is below)
    ["number", 1.005, 2],
    ["number", 0.05, 1],
    ["number", 1e-7, 1],
    ["number", 5e-7, 6],
    ["number", 1234567, 0],
    ["number", -1234.5, 1],
    ["number", 2.02e3, 0],
    ["number", 123456789012.5, 0],
    ["number", 0.000123456, 3],
    ["number", None, 1],
    ["number", float("nan"), 1],
]


def _drawn(count: int) -> list[Case]:
    """Values of every size, many of them halves in their last digit (the rounding edge)."""
    rng = np.random.default_rng(20261203)
    cases: list[Case] = []
    for _ in range(count):
        decimals = int(rng.integers(0, 5))
        value = float(rng.integers(-(10**9), 10**9)) / 10 ** int(rng.integers(0, 9))
        if rng.random() < 0.5:  # a half at the rounding position of `decimals`: 12.345 for 2
            n = int(rng.integers(-(10**7), 10**7))
            digits = str(abs(n)).rjust(decimals + 1, "0") + "5"
            cut = len(digits) - decimals - 1
            value = float(f"{'-' if n < 0 else ''}{digits[:cut]}.{digits[cut:]}")
        cases.append(["number", value, decimals])
        cases.append(["kpi", str(rng.choice(["loss_usd_bn", "weeks_lost", "x_pct", "n"])), value])
        cases.append(["usd", value * 1e6])
        tiny = value / 10 ** int(rng.integers(3, 12))  # often rounds to zero at `decimals`
        cases.append(["cell", tiny, decimals])
        cases.append(["pct", tiny, decimals])
        cases.append(["kpi_number", str(rng.choice(["x_pct", "weeks_lost", "n"])), tiny])
    return cases


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_js_formatter_writes_what_python_writes(
    browser_page: Watched, server: str, lang: numbers.Lang
) -> None:
    """Every edge case of review finding 3 and 600 drawn values read the same from the page's
    formatter as from chipshock.present.numbers (USD 1.00 trillion, USD 54.0 bn, 2.0 weeks,
    12 weeks, 36.0%; 1兆ドル and 億ドル in Japanese), with no error on the page."""
    page = browser_page.page
    page.goto(server + "/")
    cases = EDGES + _drawn(200)
    got = page.evaluate(FORMAT_JS, [cases, lang])
    python = _python(lang)
    want = [python[str(name)](*args) for name, *args in cases]
    wrong = [(case, js, py) for case, js, py in zip(cases, got, want, strict=True) if js != py]
    assert not wrong, f"{len(wrong)} of {len(cases)} differ (case, JS, Python): {wrong[:10]}"
    assert browser_page.errors == []


def test_the_finding_values_read_as_the_cli_writes_them(browser_page: Watched, server: str) -> None:
    """The strings the reviewer saw in the dashboard now read as the CLI and the report write
    them (pinned literally, so that a change to both formatters at once is seen too)."""
    page = browser_page.page
    page.goto(server + "/")
    cases: list[Case] = [
        ["kpi", "loss_usd_bn", 1000.5],
        ["kpi", "loss_usd_bn", 54.0],
        ["kpi", "output_lost_weeks", 2.0],
        ["kpi", "output_lost_weeks", 12.3],
        ["kpi", "peak_output_lost_pct", 36.0],
    ]
    assert page.evaluate(FORMAT_JS, [cases, "en"]) == [
        "USD 1.00 trillion",
        "USD 54.0 bn",
        "2.0 weeks",
        "12 weeks",
        "36.0%",
    ]
    assert page.evaluate(FORMAT_JS, [cases, "ja"]) == [
        "1.00兆ドル",
        "540億ドル",
        "2.0週",
        "12週",
        "36.0%",
    ]


#: the indicators of the scenario view's two tables (scenario.js OUTPUT_KPIS, CHIP_KPIS)
SHOWN = {
    "output_lost_weeks",
    "output_lost_pct_annual",
    "peak_output_lost_pct",
    "weeks_to_recover",
    "loss_usd_bn",
    "cumulative_shortfall_weeks",
    "cumulative_shortfall_pct_annual",
    "peak_weekly_shortfall_pct",
}


def test_scenario_kpi_table_reads_as_python_writes(browser_page: Watched, server: str) -> None:
    """A scenario run in the page (20 runs, the scenario's own seed) shows in its table of
    indicators, for all markets, each KPI as `kpi_cell` writes the same request's answer from
    ``POST /api/scenarios/run``: "median (p5 – p95)"."""
    pytest.importorskip("chipshock.sim")
    page = browser_page.page
    page.goto(server + "/?lang=en#scenario")
    page.wait_for_selector("body[data-ready=true]")
    page.select_option("#scen-id", "korea-conflict")
    page.fill("#scen-runs", "20")
    page.click("#scen-run")
    page.wait_for_selector("#scen-summary", timeout=600_000)
    answer = page.evaluate(
        """() => fetch('/api/scenarios/run', {method: 'POST',
             headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({scenario: 'korea-conflict', runs: 20})}).then((r) => r.json())"""
    )
    cells = page.locator("#scen-result table td").evaluate_all(
        "tds => tds.map((td) => td.textContent.trim())"
    )
    rows = [r for r in answer["kpis"] if r["market"] in ("all", "total") and r["kpi"] in SHOWN]
    assert len(rows) >= 5
    for r in rows:  # `kpi_cell`: `fmt_kpi`, after "≥ " where a weeks to recover is censored
        k = r["kpi"]
        p5, p50, p95 = (numbers.kpi_cell(r, p, unit=True) for p in ("p5", "p50", "p95"))
        assert f"{p50} ({p5} – {p95})" in cells, (k, p50)
    # review 16 #10: the country shock's note under loss by country, the API's words
    note = answer["meta"]["loss_by_country_note"]
    assert "South Korea" in note
    assert page.inner_text("#scen-country-scope").strip() == note
    assert browser_page.errors == []


FACTOR_JS = """async ([cases, lang]) => {
  const m = await import('/static/js/i18n.js');
  await m.setLang(lang);
  const f = await import('/static/js/factors.js');
  return cases.map(([unit, v]) => f.unitValue(unit, v));
}"""

#: a value of each unit of sensitivity_factors.csv, with the week rule's and the as-written edges
FACTOR_CASES: list[list[object]] = [
    ["weeks", 1.0], ["weeks", 4.0], ["weeks", 13.0], ["weeks", 1.95], ["weeks", 3.75],
    ["weeks", 104.0], ["share", 0.925], ["share", 0.6], ["share/week", 0.02],
    ["share/week", 0.1], ["multiplier", 0.5], ["multiplier", 1.25], ["multiplier", 1.0],
    ["index", 0.125], ["slope", 0.9], ["weeks", None],
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_factor_values_read_as_the_report_and_cli_write_them(
    browser_page: Watched, server: str, lang: numbers.Lang
) -> None:
    """The tornado and Sobol views (factors.js unitValue) write an assumption's value as
    chipshock.present.numbers.fmt_factor_value does for the CLI and the report: "1.0 week",
    "13 weeks", not "1 weeks"."""
    page = browser_page.page
    page.goto(server + "/")
    got = page.evaluate(FACTOR_JS, [FACTOR_CASES, lang])
    want = [numbers.fmt_factor_value(str(u), v, lang) for u, v in FACTOR_CASES]  # type: ignore[arg-type]
    assert got == want
    assert browser_page.errors == []
