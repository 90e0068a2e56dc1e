"""A tie (`chipshock.present.summary.better_side` is None) reads the same on every surface of
the report: its finding, its summary paragraph (the API's ``summary_text``, shown by the
dashboard) and its appendix say that neither side loses less, in the words of
`scenario compare` (``compare.no_better``), instead of orienting by the second side."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from tests.report.conftest import FakeComparison

from chipshock.present.finding import finding
from chipshock.present.summary import better_side, no_better_text, summary_text
from chipshock.report import render_report

A, B = "first side", "second side"


def _tie(comparison: FakeComparison) -> FakeComparison:
    """The fixture's first side against itself: every run-by-run difference is zero."""
    delta = comparison.a.kpis.copy()
    for col in ("mean", "p5", "p50", "p95"):
        delta[col] = 0.0
    return replace(comparison, b=comparison.a, delta=delta)


def _text(page: str) -> str:
    """The page's words, tags dropped and spaces joined."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_tie_is_said_the_same_in_the_finding_and_the_summary(
    comparison: FakeComparison, lang: str
) -> None:
    """The finding and the summary paragraph say the tie sentence; neither names a side that
    avoids a loss."""
    tie = _tie(comparison)
    assert better_side(tie) is None
    neither = no_better_text(lang)  # type: ignore[arg-type]
    lead = finding(tie, lang, label_a=A, label_b=B)
    assert lead.endswith(neither)
    paragraph = summary_text(tie, lang, label_a=A, label_b=B)
    assert neither in paragraph
    assert "avoids" not in lead + paragraph and "避けられます" not in lead + paragraph


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_of_a_tie_says_which_way_its_amounts_read(
    comparison: FakeComparison, lang: str
) -> None:
    """The report of a tie says, in its appendix, that neither side loses less and that the
    amounts shown are the second side's against the first; a comparison with a better side
    has no such line."""
    neither = no_better_text(lang)  # type: ignore[arg-type]
    page = _text(render_report(_tie(comparison), lang, label_a=A, label_b=B))
    way = (
        f"The chart and the table below give what “{B}” avoids compared with “{A}”."
        if lang == "en"
        else f"下の図と表には、「{A}」と比べて「{B}」で避けられる分を示します。"
    )
    assert neither + (" " if lang == "en" else "") + way in page
    assert page.count(neither) == 3  # the finding, the summary and the appendix
    other = _text(render_report(comparison, lang, label_a=A, label_b=B))
    assert neither not in other
