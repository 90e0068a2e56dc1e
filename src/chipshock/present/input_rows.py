"""The list of every ETO input as every surface gives it: `chipshock inputs` and
``GET /api/inputs`` (the same rows, the same meta).

Rows are `chipshock.analysis.input_list.input_list`'s with the Japanese words beside the
English ones (``name_ja``, ``type_ja``, ``stage_name``/``stage_name_ja``, ``top_country_ja``),
so that a client in Japanese never shows the English; the meta is the ETO's source line,
citation, licence, release and as-of date (`eto_meta`), as every ETO table carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.analysis.input_list import input_list
from chipshock.model.chain import Release, SupplyChain
from chipshock.present.eto_names import input_name, stage_name, type_label
from chipshock.present.labels import Lang, country_label, eto_label
from chipshock.present.messages import message

__all__ = ["ETO_NOTE", "eto_meta", "input_rows", "inputs_caption"]

#: what the ETO's share columns are (every ETO table's ``meta.note``)
ETO_NOTE = (
    "Shares in percent as published; years per row; blank share = listed without a published share."
)


def eto_meta(release: Release) -> dict[str, Any]:
    """The ``meta`` of a table of the ETO ``release``: source, citation, licence, release id,
    as-of date and `ETO_NOTE`."""
    return {
        "source": release.source_label,
        "source_ja": eto_label(release.source_label, "ja"),
        "citation": release.citation,
        "licence": release.licence,
        "release": release.release_id,
        "as_of": release.as_of,
        "note": ETO_NOTE,
    }


def input_rows(
    chain: SupplyChain,
    stage: str | None = None,
    type_: str | None = None,
    fields: Sequence[str] = ("stage", "type"),
) -> pd.DataFrame:
    """`input_list` of ``chain`` (``stage``, ``type_`` and ``fields`` as it takes them) with
    ``name_ja``, ``type_ja``, ``stage_name``, ``stage_name_ja`` and ``top_country_ja``."""
    table = input_list(chain, stage, type_, fields)
    stages = dict(
        zip(chain.stages["stage_id"].astype(str), chain.stages["name"].astype(str), strict=True)
    )
    names = pd.Series(
        [stages.get(str(s), "") if isinstance(s, str) else None for s in table["stage"]],
        index=table.index,
        dtype=object,
    )
    japanese = pd.Series(
        [
            None if n is None else stage_name(str(s), n, "ja")
            for s, n in zip(table["stage"], names, strict=True)
        ],
        index=table.index,
        dtype=object,
    )
    countries = pd.Series(
        [country_label(str(c), "ja") if isinstance(c, str) else None for c in table["top_country"]],
        index=table.index,
        dtype=object,
    )
    return table.assign(
        name_ja=[
            input_name(str(i), str(n), "ja")
            for i, n in zip(table["input_id"], table["name"], strict=True)
        ],
        type_ja=[type_label(str(t), "ja") for t in table["type"]],
        stage_name=names,
        stage_name_ja=japanese,
        top_country_ja=countries,
    )


def inputs_caption(release: Release, lang: Lang = "en") -> str:
    """What the list's columns are, with the ETO's source, licence and as-of date."""
    source = eto_label(release.source_label, lang)
    return message("cli.inputs_caption", lang, source=source, as_of=release.as_of)
