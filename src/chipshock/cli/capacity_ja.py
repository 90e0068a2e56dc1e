"""`chipshock capacity --lang ja` on a terminal: the capacity table with Japanese headers,
regions and node classes, its title and caption in Japanese (the same numbers as English).

Words from the message catalogue: ``cli.capacity_title``, ``cli.capacity_caption`` (with
``cli.capacity_switched_off`` / ``_on``), headers ``cli.capacity_col_<column>``; regions by
`chipshock.cli.fabs_view.region_name`, node classes by `node_label`; the notes on uncounted and
fallen fabs are `chipshock.present.coverage_notes`' own Japanese texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.cli.fabs_view import region_name
from chipshock.present.labels import node_label
from chipshock.present.messages import message

__all__ = ["capacity_caption_ja", "capacity_table_ja"]


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


def capacity_caption_ja(fabs_off: Sequence[str], fabs_on: Sequence[str]) -> str:
    """Where the capacity numbers come from and what was switched, in Japanese (the fabs by
    their ids, as ``--fabs-off`` takes them)."""
    text = message("cli.capacity_caption", "ja")
    if fabs_off:
        text += message("cli.capacity_switched_off", "ja", fabs="、".join(fabs_off))
    if fabs_on:
        text += message("cli.capacity_switched_on", "ja", fabs="、".join(fabs_on))
    return text
