"""What a question asked with country groups leaves out, in English and Japanese: the groups as
expanded, the members without supply-chain data and the rows of a region that no member owns
(the ETO's EUR, which EU27 does not count). The words of the coalition briefing's first page
(`chipshock.report.structure`) and of the API's ``note_ja`` (`chipshock.api.routes_groups`),
from the message catalogue (``report.coalition_*``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from chipshock.model.groups import RegionRows
from chipshock.present.eto_names import localised_names
from chipshock.present.labels import Lang, country_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int, fmt_pct

__all__ = ["asked_sentences", "join_names", "names_text"]


def join_names(names: Sequence[str], lang: Lang) -> str:
    """``a, b and c`` in English, ``a・b・c`` in Japanese.

    >>> join_names(["USA", "Japan", "Korea"], "en"), join_names(["米国", "日本"], "ja")
    ('USA, Japan and Korea', '米国・日本')
    """
    if lang == "ja":
        return "・".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def names_text(codes: Sequence[str], lang: Lang) -> str:
    """Countries by name (`chipshock.present.labels.country_label`), joined by `join_names`."""
    return join_names([country_label(c, lang) for c in codes], lang)


def asked_sentences(
    expanded: Mapping[str, Sequence[str]],
    without_data: Sequence[str],
    regions_left_out: Sequence[RegionRows],
    lang: Lang,
) -> list[str]:
    """One sentence each: the groups asked for and their members, the members left out for
    lack of data, and each region's rows that no member owns (its inputs by their names in
    ``lang``); empty when no group was expanded.

    >>> eur = RegionRows("EUR", "Europe", (("N6", "Logic chip design", 9.0),))
    >>> asked_sentences({"EU2": ["DEU", "BEL"]}, ["BEL"], [eur], "en")[2]
    "The ETO's Europe-level rows (EUR: Logic chip design 9%) are not attributable to a member \
and are left out; use EUR to count them."
    """
    out = []
    if expanded:
        groups = ("；" if lang == "ja" else "; ").join(
            f"{g} = {names_text(m, lang)}" for g, m in expanded.items()
        )
        out.append(message("report.coalition_groups", lang, groups=groups))
    if without_data:
        out.append(
            message(
                "report.coalition_without_data",
                lang,
                names=names_text(without_data, lang),
                n=fmt_int(len(without_data)),
            )
        )
    for region in regions_left_out:
        ids = pd.Series([r[0] for r in region.rows])
        names = localised_names(ids, pd.Series([r[1] for r in region.rows]), lang)
        rows = ("、" if lang == "ja" else ", ").join(
            f"{n} {fmt_pct(r[2])}" for n, r in zip(names, region.rows, strict=True)
        )
        out.append(
            message(
                "report.coalition_region_left_out",
                lang,
                region=country_label(region.code, lang),
                code=region.code,
                rows=rows,
            )
        )
    return out
