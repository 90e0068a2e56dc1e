"""`chipshock groups` in either language: the caption (``cli.groups_caption``, with each
region's rows that no member owns, ``cli.groups_region_rows``) and, for ``--lang ja`` on a
terminal, the table with Japanese headers and the members by their Japanese names (the same
rows; json and csv keep the codes)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from chipshock.model.groups import RegionRows
from chipshock.present.eto_names import localised_names
from chipshock.present.group_notes import names_text
from chipshock.present.labels import Lang, country_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_pct

__all__ = ["GROUP_COLUMNS", "groups_caption", "groups_table_ja"]

#: the terminal table's columns (``cli.groups_col_<column>``)
GROUP_COLUMNS = (
    "group_code",
    "n_members",
    "members",
    "members_without_data",
    "as_of",
    "source_url",
)


def _rows_text(region: RegionRows, lang: Lang) -> str:
    """A region's own rows: "Logic chip design 9%, DAO chip design 17%" (the inputs by their
    names in ``lang``)."""
    if lang == "en":
        return region.rows_text()
    ids = pd.Series([r[0] for r in region.rows])
    names = localised_names(ids, pd.Series([r[1] for r in region.rows]), lang)
    return "、".join(f"{n} {fmt_pct(r[2])}" for n, r in zip(names, region.rows, strict=True))


def groups_caption(regions: Mapping[str, RegionRows], lang: Lang) -> str:
    """The caption of `chipshock groups`: the sources, what EU27, EUR and ROW mean, and the
    rows of the ETO that EUR counts and no member owns."""
    own = "".join(
        message(
            "cli.groups_region_rows",
            lang,
            code=r.code,
            name=r.name if lang == "en" else country_label(r.code, lang),
            rows=_rows_text(r, lang),
        )
        for r in regions.values()
    )
    return message("cli.groups_caption", lang, own=own)


def groups_table_ja(table: pd.DataFrame) -> pd.DataFrame:
    """The `GROUP_COLUMNS` of `chipshock.analysis.groups.group_table` under Japanese headers,
    the members (lists of codes) by their Japanese names joined with ・."""
    out: dict[str, list[object]] = {}
    for column in GROUP_COLUMNS:
        values = table[column].tolist()
        if column.startswith("members"):
            values = [names_text(list(v), "ja") if len(v) else "" for v in values]
        out[message(f"cli.groups_col_{column}", "ja")] = values
    return pd.DataFrame(out)
