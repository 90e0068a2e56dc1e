"""Session 28: every figure of the coalition and alliance-tracker briefings carries its own
source line with an as-of date (the Shapley chart and the tracker's sector chart had none; their
tables did), and the English coalition briefing without its appendix prints on one page (its
closing note ran onto page 2)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.present.labels import eto_label
from chipshock.present.messages import message
from chipshock.report.alliance import alliance_report
from chipshock.report.structure import coalition_report

MEMBERS = ["USA", "JPN", "NLD"]


def _figure_sources(page: str) -> list[str]:
    """Each figure's source line (its text), "" for a figure without one."""
    sources = []
    for figure in re.findall(r"<figure.*?</figure>", page, re.S):
        line = re.search(r"<p class='muted source'>(.*?)</p>", figure, re.S)
        sources.append(unescape(line[1]) if line else "")
    return sources


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_shapley_chart_names_its_source(built_store: Path, lang: str) -> None:
    """The Shapley chart's source: the ETO release its shares come from (with its date), as the
    briefing's rule line names it."""
    from chipshock.analysis.coalition import coalition_coverage
    from chipshock.data.store import load_chain

    page = coalition_report(built_store, MEMBERS, lang)
    (source,) = _figure_sources(page)
    release = coalition_coverage(load_chain(built_store), MEMBERS, threshold=50.0).summary
    assert source == message(
        "report.shapley_chart_source", lang, release=eto_label(str(release["release"]), lang)
    )
    assert source.startswith("Source: " if lang == "en" else "出典：")
    assert re.search(r"20\d\d", source) and "CC BY-NC 4.0" in source


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tracker_chart_names_its_source(built_store: Path, lang: str) -> None:
    """The tracker's sector chart's source: the curated deliverables file, the data release and
    its date, and the latest as-of date of the rows it counts."""
    from chipshock.analysis.alliance import counted_in_totals, filter_deliverables
    from chipshock.analysis.registry import DataRelease
    from chipshock.data.store import load_alliance, load_table

    page = alliance_report(built_store, lang)
    sources = _figure_sources(page)
    assert sources and all(sources), sources
    deliverables = filter_deliverables(load_alliance(built_store).deliverables)
    latest = max(deliverables[counted_in_totals(deliverables)]["as_of"].dropna().astype(str))
    release = DataRelease.from_meta(load_table(built_store, "meta"))
    expected = message(
        "report.tracker_chart_source", lang, number=release.number, date=release.date, as_of=latest
    )
    assert sources[0] == expected and "alliance_deliverables.csv" in expected


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_coalition_without_appendix_prints_on_one_page(
    built_store: Path, tmp_path: Path, lang: str
) -> None:
    """`report --coalition USA JPN NLD --no-appendix --pdf`: one A4 page, ending with the note
    that gives the full briefing's command (in English the body filled page 1 and the note
    stood alone on page 2), with the Shapley chart's source on it."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the pages back")
    out = tmp_path / "c.html"
    args = ["report", "--coalition", *MEMBERS, "--no-appendix", "--pdf", "--lang", lang]
    assert main([*args, "--db", str(built_store), "-o", str(out)]) == 0
    done = subprocess.run(
        [pdftotext, str(out.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
    )
    pages = done.stdout.split("\f")[:-1]
    assert len(pages) == 1, [p[-200:] for p in pages]
    words = "".join(pages[0].split())
    note = message("report.appendix_left_out", lang, command="").strip()
    assert "".join(note.split()) in words
    from chipshock.analysis.coalition import coalition_coverage
    from chipshock.data.store import load_chain

    release = coalition_coverage(load_chain(built_store), MEMBERS, threshold=50.0).summary
    source = message(
        "report.shapley_chart_source", lang, release=eto_label(str(release["release"]), lang)
    )
    assert "".join(source.split()) in words
