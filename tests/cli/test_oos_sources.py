"""`validate --out-of-sample`'s caption names the sources of both kinds of figure, with their
as-of: published_estimates.csv and its rows' dates, and the engine over the store's data
release; in English and Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.cli.scenario_shared import store_release
from chipshock.data.history import read_published_estimates
from chipshock.present.provenance import row_dating

from .conftest import Runner


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_out_of_sample_caption_names_sources_and_dates(
    cli: Runner, store_path: Path, lang: str
) -> None:
    """The caption names published_estimates.csv, its rows' as-of span (2022-12 to 2024-10-15
    in the shipped file, `row_dating`) and the data release the model ran on, with its date."""
    code, out, _ = cli("validate", "--out-of-sample", "--runs", "5", "--lang", lang)
    release = store_release(store_path)
    join = " ".join if lang == "en" else "".join
    flat = join(out.split())
    dating = join(row_dating(read_published_estimates(), lang).split())
    assert code == 0 and "published_estimates.csv" in flat
    assert dating in flat and "2022-12" in dating
    if lang == "en":
        assert f"data release {release.number} as of {release.date}" in flat
    else:
        assert f"データリリース{release.number}（{release.date}時点）" in flat


@pytest.mark.slow
def test_each_published_figure_shows_its_source_and_date(store_path: Path) -> None:
    """Each row of the terminal table gives its published figure's source (the page's host)
    and as-of date, and the caption says that the model's figure is summed over the scenario's
    horizon where most published ones are GDP in one year (the rows showed the publisher alone
    and one span of dates; nothing said the two figures cover different lengths of time)."""
    from .terminal import chipshock_at

    out = chipshock_at(240, "validate", "--out-of-sample", "--runs", "5", "--db", str(store_path))
    rhodium = next(line for line in out.splitlines() if "Rhodium Group" in line)
    usgs = next(line for line in out.splitlines() if "U.S. Geological Survey" in line)
    assert "rhg.com, 2022-12" in rhodium and "usgs.gov, 2024-10-15" in usgs
    flat = " ".join(out.split())
    assert "summed over the scenario's whole horizon" in flat and "GDP in one year" in flat
