"""`chipshock capacity --lang ja` on a terminal: the capacity table with Japanese headers,
regions and node classes (the same numbers as English).

Headers are ``cli.capacity_col_<column>``; regions by `chipshock.cli.fabs_view.region_name`,
node classes by `node_label`. The caption is the English one's in Japanese, part for part
(`chipshock.cli.scenario_cmd.capacity_caption_text`: the short caption or, with ``--notes``,
the full method and the fabs by name in `chipshock.present.coverage_notes`' Japanese texts).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.cli.fabs_view import region_name
from chipshock.present.labels import node_label
from chipshock.present.messages import message

__all__ = ["capacity_table_ja"]


def capacity_table_ja(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``columns`` of a `chipshock capacity` table for the Japanese terminal: headers
    ``cli.capacity_col_<column>``, regions and node classes by their Japanese names, the
    numbers and the source cells as they are."""
    out: dict[str, list[object]] = {}
    for column in columns:
        values = table[column].tolist()
        if column == "region":
            values = [region_name(str(v), "ja") for v in values]
        elif column == "node_class":
            values = [node_label(str(v), "ja") for v in values]
        out[message(f"cli.capacity_col_{column}", "ja")] = values
    return pd.DataFrame(out)
