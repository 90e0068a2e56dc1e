"""`validate`'s history table names its source file and the as-of of the rows it shows, in
English and Japanese (the English caption named no file)."""

from __future__ import annotations

import pytest

from chipshock.data.history import read_history_observations
from chipshock.present.provenance import row_dating

from .conftest import Runner


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_history_caption_names_file_and_dates(cli: Runner, lang: str) -> None:
    """One case's table: the caption names history_observations.csv and its rows' as-of and
    confidence (`row_dating` of the case's rows: tohoku-2011's are of 2011)."""
    code, out, _ = cli("validate", "--case", "tohoku-2011", "--runs", "5", "--lang", lang)
    rows = read_history_observations()
    dating = row_dating(rows[rows["case_id"] == "tohoku-2011"], lang)
    join = " ".join if lang == "en" else "".join
    flat = join(out.split())
    assert code == 0 and "history_observations.csv" in flat
    assert join(dating.split()) in flat and "2011" in dating
