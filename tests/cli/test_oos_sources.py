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
