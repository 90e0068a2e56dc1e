"""The briefing names, beside its assumptions, the registry fabs that count as zero (no row in
fab_capacity.csv), when it has the model's data; the same words as the dashboard's."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from chipshock import sim
from chipshock.present.coverage_notes import uncounted_fabs_note
from chipshock.report import render_report

from .conftest import FakeResult


@pytest.fixture(scope="module")
def data(built_store: Path) -> sim.ModelData:
    return sim.load_model_data(built_store)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_names_the_fabs_counted_as_zero(
    result: FakeResult, data: sim.ModelData, lang: str
) -> None:
    """9 wafer fabs (11 before release 12, 10 before release 15: Micron Manassas got its row) of
    fabs.csv have no capacity row (Kioxia Kitakami K2 among them): the
    main body says so, before the appendix; without data it cannot, and says nothing."""
    page = html.unescape(render_report(result, lang, data=data))
    note = uncounted_fabs_note(data.fabs, data.fab_capacity, lang)
    assert note.startswith("9 fabs in the registry" if lang == "en" else "登録簿の9工場")
    name = "Kioxia Kitakami Fab 2 (K2)" if lang == "en" else "キオクシア 北上工場 第2製造棟（K2棟）"
    assert name in note and "kioxia-kitakami-k2" not in note  # by name, not id (review 16, #8)
    assert note in page and page.index(note) < page.index("class='appendix'")
    assert "kioxia-kitakami-k2" not in html.unescape(render_report(result, lang))
