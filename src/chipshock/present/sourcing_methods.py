"""Where a sourcing table's sourced share comes from, in words (the ``method`` of `chipshock
sourcing` and GET /api/sourcing; ``method_ja`` in Japanese): the engine gives the kind
(``method_kind``, `chipshock.sim.network.sourcing_view.METHOD_KINDS`) and the share of the
operator's sourcing row (``row_share_pct``); the words are the catalogue's
(``cli.sourcing_method_<kind>``), said once for every surface. The dashboard words the same
fields from its own catalogue (``src_method_<kind>``)."""

from __future__ import annotations

import pandas as pd

from chipshock.present.labels import Lang, market_label
from chipshock.present.messages import message
from chipshock.present.numbers import machine_number

__all__ = ["method_text", "with_method_text"]


def method_text(kind: str, market: str, year: int, row_share_pct: float, lang: Lang) -> str:
    """One row's method in ``lang``: the market's own sourcing_shares.csv rows (in English
    named by the id the file writes, in Japanese by the market's name), the class's ``all``
    rows, the rest by capacity, by capacity, or a row's share (as written: ``2``, ``35.5``)
    that no fab with capacity in ``year`` takes.

    >>> method_text("market_rows", "automotive", 2027, float("nan"), "en")
    'sourcing_shares.csv: automotive rows, the rest by capacity'
    >>> method_text("unplaced", "automotive", 2027, 2.0, "en").split(";")[0]
    'sourcing_shares.csv gives 2 %'
    >>> method_text("unplaced", "automotive", 2024, 35.5, "ja").split("。")[0]
    'sourcing_shares.csv の割当は35.5%'
    """
    fields: dict[str, object] = {}
    if kind == "market_rows":
        fields["market"] = market_label(market, lang) if lang == "ja" else market
    elif kind == "unplaced":
        fields.update(share=f"{machine_number(row_share_pct):g}", year=int(year))
    return message(f"cli.sourcing_method_{kind}", lang, **fields)


def with_method_text(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (`chipshock.sim.network.sourcing_view.sourcing_table`'s) with each row's
    method in words, ``method`` (English) and ``method_ja``, after ``served_kwspm`` (where
    ``method`` stood when the engine wrote it), the kind and the row's share after them."""
    if table.empty:
        return table.assign(method=pd.Series(dtype=str), method_ja=pd.Series(dtype=str))
    words = {
        lang: [
            method_text(str(kind), str(market), int(year), float(share), lang)
            for kind, market, year, share in zip(
                table["method_kind"],
                table["market"],
                table["year"],
                table["row_share_pct"],
                strict=True,
            )
        ]
        for lang in ("en", "ja")
    }
    at = list(table.columns).index("served_kwspm") + 1
    out = table.copy()
    out.insert(at, "method", words["en"])
    out.insert(at + 1, "method_ja", words["ja"])
    return out
