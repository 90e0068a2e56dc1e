"""The dashboard's alliance tables write committed amounts as the CLI and the report do
(`chipshock.present.amounts.amount_texts`: `fmt_usd_amount`'s millions below USD 1 bn and 万ドル
below 1億ドル; a yen pledge in yen with the dollars, the rate and its month beside it), in English
and in Japanese, and print the total the report prints."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from tests.web.conftest import Watched

from chipshock.analysis.alliance import filter_deliverables, filter_partnerships
from chipshock.api import create_app
from chipshock.data.store import load_alliance
from chipshock.present.amounts import amount_texts
from chipshock.present.charts_structure import tracker_total_text
from chipshock.present.labels import Lang
from chipshock.present.numbers import fmt_usd_amount


def _no_amount(lang: str) -> str:
    path = resources.files("chipshock") / "web" / "static" / "i18n" / f"{lang}.json"
    return str(json.loads(path.read_text(encoding="utf-8"))["trk_no_amount"])


def _expected(rows: pd.DataFrame, lang: Lang, original: bool) -> list[str]:
    """Each row's amount by the Python formatter; without one, the original text or 'none'."""
    out = []
    for r, text in zip(rows.itertuples(), amount_texts(rows, lang), strict=True):
        if text is not None:
            out.append(text)
        elif original and isinstance(r.amount_original, str) and r.amount_original:
            out.append(r.amount_original)
        else:
            out.append(_no_amount(lang))
    return out


def _column(page: Any, box: str, index: int) -> list[str]:
    cells: list[str] = page.eval_on_selector_all(
        f"#{box} tbody tr",
        f"trs => trs.map(tr => tr.cells[{index}].textContent.trim())",
    )
    return cells


def test_small_amounts_are_expected_in_millions(built_store: Path) -> None:
    """The oracle itself: the real rows hold amounts below USD 1 bn (USD 16m, 50m, 55.7m in the
    deliverables, USD 50m to 680m in the partnerships), which "USD 0.1 bn" would blur."""
    data = load_alliance(built_store)
    expected = _expected(filter_deliverables(data.deliverables), "en", True)
    assert {"USD 16 m", "USD 50 m", "USD 56 m", "USD 110 m"} <= set(expected)
    partnerships = _expected(filter_partnerships(data.partnerships), "en", False)
    assert any("(≈ USD 680 m at 136.6 JPY/USD, 2022-07)" in text for text in partnerships)


def test_api_writes_each_amount_in_both_languages(built_store: Path) -> None:
    """/api/deliverables and /api/partnerships give every row ``amount_text`` and
    ``amount_text_ja``: `fmt_usd_amount` of a dollar amount (None without an amount), a yen
    pledge in yen with the dollars beside it; the tables show them."""
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=60.0))
    try:
        for url in ("/api/deliverables", "/api/partnerships"):
            rows = client.get(url).json()["rows"]
            usd = [r["amount_usd"] for r in rows]
            for r in rows:
                if r["currency"] == "JPY":
                    assert r["amount_text_ja"].split("（")[0].endswith("円"), r
                    assert r["amount_text"].startswith("JPY "), r
                    if r["amount_usd"] is not None:
                        assert fmt_usd_amount(r["amount_usd"], "ja") in r["amount_text_ja"]
                        assert fmt_usd_amount(r["amount_usd"], "en") in r["amount_text"]
                else:
                    v = r["amount_usd"]
                    assert r["amount_text"] == (None if v is None else fmt_usd_amount(v, "en"))
                    assert r["amount_text_ja"] == (None if v is None else fmt_usd_amount(v, "ja"))
            assert any(v is None for v in usd) and any(v is not None and v < 1e9 for v in usd)
            assert any(r["currency"] == "JPY" for r in rows)
    finally:
        client.close()


@pytest.mark.browser
def test_dashboard_tables_write_amounts_as_python(
    browser_page: Watched, server: str, built_store: Path
) -> None:
    """Every amount cell of the deliverables and partnerships tables, in English and Japanese,
    is `amount_texts` of its row (USD 16 m, 1,600万ドル; 8,025億円（約54億ドル、…）), and the line
    under the chart is the report's total line."""
    data = load_alliance(built_store)
    deliverables = filter_deliverables(data.deliverables)
    partnerships = filter_partnerships(data.partnerships)
    page = browser_page.page
    langs: tuple[Lang, ...] = ("en", "ja")
    for lang in langs:
        page.goto(f"{server}/?lang={lang}#tracker")
        page.wait_for_selector("#trk-partnerships tbody tr", timeout=30_000)
        assert _column(page, "trk-deliverables", 4) == _expected(deliverables, lang, True)
        assert _column(page, "trk-partnerships", 4) == _expected(partnerships, lang, False)
        assert page.text_content("#trk-total") == tracker_total_text(deliverables, lang)
        shown = page.text_content("#trk-result") or ""
        assert "USD 0.1 bn" not in shown and not re.search(r"(?<![\d,.])0億ドル", shown)
        # boot.js fetches the other views' first answers in the background: let them finish
        # before leaving the page, or they are aborted (a "failed request" not the view's)
        page.wait_for_load_state("networkidle")
    assert browser_page.errors == []
