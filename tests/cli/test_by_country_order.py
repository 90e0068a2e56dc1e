"""The by-country tables on the terminal show the median they are ordered by first (review 9a,
finding 4: TWN mean 49.0 above EUR mean 49.3 looked mis-sorted under a mean-first header)."""

from __future__ import annotations

import pandas as pd

from chipshock.cli.scenario_view import RUN_CAPTIONS, VALUE_ADDED_TITLE, value_added_rows
from chipshock.present.messages import message

#: the reviewer's two rows: the higher mean has the lower median
ROWS = {"country": ["EUR", "TWN"], "mean": [49.3, 49.0], "p5": [1.0, 2.0], "p50": [46.4, 48.8]}


def test_value_added_rows_are_ordered_by_the_column_shown_first() -> None:
    frame = pd.DataFrame({**ROWS, "p95": [90.0, 80.0], "measure": "value_added_lost"})
    shown = value_added_rows(frame)
    assert list(shown.columns) == ["country", "p50", "p5", "p95", "mean"]
    assert list(shown["country"]) == ["TWN", "EUR"]
    assert shown[shown.columns[1]].is_monotonic_decreasing


def test_captions_say_the_sort_key() -> None:
    for title in ("loss by country, USD bn", VALUE_ADDED_TITLE):
        assert "Ordered by the median (p50, shown first)" in RUN_CAPTIONS[title]
    assert "中央値" in message("cli.median_first", "ja")
