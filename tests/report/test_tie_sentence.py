"""A tie (`chipshock.present.summary.better_side` is None) reads the same on every surface of
the report: its finding, its summary paragraph (the API's ``summary_text``, shown by the
dashboard) and its appendix say that neither side loses less, in the words of
`scenario compare` (``compare.no_better``), instead of orienting by the second side."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pandas as pd
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


def _tail_tie(comparison: FakeComparison) -> FakeComparison:
    """A median tie whose runs differ one way: of 20 paired runs, the second side loses USD
    0.1, 0.2, 0.3, 0.4 and 0.4 bn more in five (a later fab ramp that matters only when the
    blockade lasts), the same in the rest; the median difference is 0, the mean and p95 not."""
    extra = [0.0] * 15 + [0.1, 0.2, 0.3, 0.4, 0.4]
    run_a = pd.DataFrame({"run": range(20), "market": "all", "loss_usd_bn": 10.0})
    run_b = run_a.assign(loss_usd_bn=[10.0 + e for e in extra])
    delta = comparison.a.kpis.copy()
    for col in ("p5", "p50"):
        delta[col] = 0.0
    delta["mean"], delta["p95"] = 0.07, 0.4  # second − first: the second loses more
    a = replace(comparison.a, kpis_by_run=run_a)
    return replace(comparison, a=a, b=replace(a, kpis_by_run=run_b), delta=delta)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_median_tie_whose_runs_differ_says_how_and_reads_from_the_side_that_loses_less(
    comparison: FakeComparison, lang: str
) -> None:
    """Session 31's audit, finding 4: the tie sentence claims no more than the median, then
    says in how many runs which side loses more and up to how much, none the other way; the
    tables and the appendix read from the first side (less lost on average), and the CLI's
    verdict says so."""
    from chipshock.cli.scenario_view import compare_verdict
    from chipshock.present.summary import avoided_by_better, first_is_better, shown_side

    tie = _tail_tie(comparison)
    assert better_side(tie) is None and first_is_better(tie) and shown_side(tie) == "a"
    paragraph = summary_text(tie, lang, label_a=A, label_b=B)
    lead = finding(tie, lang, label_a=A, label_b=B)
    if lang == "en":
        said = (
            f"in 5 of the 20 simulated futures “{B}” loses more economic output than “{A}”, "
            "up to USD 0.4 bn more, and in none does it lose less (USD 0.1 bn more on average"
        )
        way = f"The tables give what “{A}” avoids compared with “{B}”."
    else:
        said = (
            f"シミュレーションした未来20通りのうち5通りでは「{B}」の失われる生産額が「{A}」より多く"
            "（最大4億ドル多い）、少なくなるものはありません"
        )
        way = f"表には「{A}」で「{B}」と比べて避けられる分を示します。"
        assert "中央値では" in paragraph and "変わりません" not in paragraph + lead
    assert said in paragraph and said in lead
    assert compare_verdict(A, B, None, lang, shown=shown_side(tie)).endswith(way)
    table = avoided_by_better(tie)  # the first side's view: second − first, positive
    assert float(table.loc[table["market"] == "all", "mean"].iloc[0]) > 0
    page = _text(render_report(tie, lang, label_a=A, label_b=B))
    appendix = (
        f"give what “{A}” avoids compared with “{B}”"
        if lang == "en"
        else f"「{B}」と比べて「{A}」で避けられる分"
    )
    assert appendix in page
