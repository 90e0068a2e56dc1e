"""Session 30 audit of the Japanese briefing: a range cell is written with full-width brackets
and 〜 (「0.5週（0.4週〜0.7週）」) as the catalogue's other Japanese ranges ("p5〜p95"), the note
under the value-added chart has no half-width space after 。 and names the regions as the rest
of the Japanese report does (欧州, その他の地域), not by their codes."""

from __future__ import annotations

from dataclasses import replace
from html import escape

import pandas as pd
import pytest
from tests.report.conftest import FakeComparison, FakeResult

from chipshock.present.messages import message
from chipshock.present.numbers import fmt_band, kpi_cell
from chipshock.report import render_report


def _appendix(html: str) -> str:
    return html.split("<section class='appendix'>")[1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_kpi_and_avoided_cells_write_ranges_in_the_language(
    comparison: FakeComparison, lang: str
) -> None:
    """Each side's KPI cells and the avoided table's read "p50 (p5 – p95)" in English and
    "p50（p5〜p95）" in Japanese; no Japanese cell keeps the half-width form."""
    html = render_report(comparison, lang)
    appendix = _appendix(html)
    row = comparison.a.kpis.iloc[0].to_dict()
    cells = [kpi_cell(row, k, lang, unit=True) for k in ("p50", "p5", "p95")]
    assert escape(fmt_band(*cells, lang), quote=True) in appendix
    if lang == "ja":
        assert "（" in fmt_band(*cells, lang)
        assert escape(f"{cells[0]} ({cells[1]} – {cells[2]})", quote=True) not in appendix
        assert " – " not in "".join(appendix.split("<td")[1:]).split("<svg")[0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_value_added_note_reads_as_japanese(result: FakeResult, lang: str) -> None:
    """The note under the value-added chart: in Japanese its two sentences join without a
    space after 。 and the regions are 欧州 and その他の地域, not EUR and ROW; in English the
    sentences stay apart by one space."""
    va = pd.DataFrame(
        {"country": ["TWN", "EUR"], "measure": ["value_added_lost"] * 2,
         "mean": [9.0, 2.0], "p5": [5.0, 1.0], "p50": [8.0, 2.0], "p95": [12.0, 3.0]}
    )  # fmt: skip
    html = render_report(replace(result, value_added_by_country=va), lang)
    measures, geography = (
        escape(message(f"report.{k}", lang), quote=True) for k in ("measures", "va_geography")
    )
    joined = f"{measures}{geography}" if lang == "ja" else f"{measures} {geography}"
    assert joined in html
    if lang == "ja":
        assert "。 " not in html.split("<svg")[0] + joined
        assert "EURは" not in geography and "ROWは" not in geography
        assert "欧州はEU27か国" in geography and "その他の地域は" in geography
        assert message("country.EUR", "ja") == "欧州"
