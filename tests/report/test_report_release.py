"""The report states the data release and its date on page 1, under every chart and in its
sources (review finding 6): the store's release when given, else the package's."""

from __future__ import annotations

import re

import pytest

from chipshock.analysis.registry import DataRelease
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.report import render_report

sim = pytest.importorskip("chipshock.sim")

from .test_utilisation_report import TWN_CUT, _tiny_run  # noqa: E402


@pytest.fixture(scope="module")
def tiny_result() -> object:
    """The tiny model, Taiwan cut for 20 weeks (`test_utilisation_report`)."""
    return _tiny_run((TWN_CUT,))


@pytest.mark.parametrize(
    ("lang", "page_one", "under_chart"),
    [
        (
            "en",
            "Data: chipshock curated data release 7 (2026-10-01)",
            "data release 7 as of 2026-10-01",
        ),
        (
            "ja",
            "データ：chipshock 整備データ リリース7（2026-10-01）",
            "データリリース7（2026-10-01時点）",
        ),
    ],
)
def test_release_on_page_one_under_every_chart_and_in_sources(
    tiny_result: object, lang: str, page_one: str, under_chart: str
) -> None:
    """Given the store's release (7, 2026-10-01): page 1 states it before the first chart,
    each figure's source line names it, and the sources list opens with it."""
    page = render_report(tiny_result, lang, release=DataRelease("7", "2026-10-01"))
    first_figure = page.index("<figure>")
    assert page.index(page_one) < first_figure
    figures = re.findall(r"<figure>.*?</figure>", page, flags=re.S)
    assert len(figures) >= 3
    for figure in figures:
        assert "class='muted source'" in figure and under_chart in figure
    sources = page.split("<ul>")[-1]
    assert page_one in sources


def test_release_defaults_to_the_packages(tiny_result: object) -> None:
    """Without a release the report names the release of the shipped files."""
    page = render_report(tiny_result, "en")
    assert f"data release {DATA_RELEASE} ({DATA_RELEASE_DATE})" in page
