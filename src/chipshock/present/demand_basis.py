"""Where a market's chip demand D[m, y] comes from, in words (``basis_text``, ``basis_text_ja``
of `chipshock markets` and GET /api/markets): the engine gives the basis and its terms
(`chipshock.sim.demand.markets.market_demand_rows`: ``basis``, ``basis_year``,
``basis_year_to``, ``basis_growth_pct``, ``basis_usd_bn``); the words are the catalogue's
(``cli.markets_basis_<basis>``). A path row is market_demand_path.csv's (「推移表」 in
Japanese, as the caption of `chipshock markets --lang ja` says); the Japanese amount is in
億ドル (`fmt_usd`)."""

from __future__ import annotations

import math

import pandas as pd

from chipshock.present.labels import Lang
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd, machine_number

__all__ = ["basis_text", "with_basis_text"]


def _as_written(value: float) -> str:
    """A rate or level as end_markets.csv writes it: ``8``, ``12.5``."""
    return f"{machine_number(value):g}"


def basis_text(
    basis: str,
    year: int,
    year_to: int | None,
    growth_pct: float,
    level_usd_bn: float,
    lang: Lang,
) -> str:
    """One basis in words in ``lang``.

    >>> nan = float("nan")
    >>> basis_text("between_path_rows", 2026, 2030, nan, nan, "en")
    'between path rows 2026 and 2030'
    >>> basis_text("growth", 2024, None, 8.0, 75.0, "en")
    '75 bn in 2024 + 8 %/yr'
    >>> basis_text("between_path_rows", 2026, 2030, nan, nan, "ja")
    '推移表の2026年と2030年の行の間'
    >>> basis_text("growth", 2024, None, 8.0, 75.0, "ja")
    '2024年の750億ドルから年8%増'
    """
    fields: dict[str, object] = {"year": int(year)}
    if year_to is not None:
        fields["year_to"] = int(year_to)
    if not math.isnan(growth_pct):
        fields["rate"] = _as_written(growth_pct)
    if not math.isnan(level_usd_bn):
        fields["level"] = (
            _as_written(level_usd_bn) if lang == "en" else fmt_usd(level_usd_bn * 1e9, lang)
        )
    return message(f"cli.markets_basis_{basis}", lang, **fields)


def with_basis_text(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (`market_demand_rows`') with the basis in words after ``basis``:
    ``basis_text`` (English) and ``basis_text_ja``, where the engine used to write them."""
    words = {
        lang: [
            basis_text(
                str(basis),
                int(year),
                None if year_to is None or pd.isna(year_to) else int(year_to),
                float(rate),
                float(level),
                lang,
            )
            for basis, year, year_to, rate, level in zip(
                table["basis"],
                table["basis_year"],
                table["basis_year_to"],
                table["basis_growth_pct"],
                table["basis_usd_bn"],
                strict=True,
            )
        ]
        for lang in ("en", "ja")
    }
    at = list(table.columns).index("basis") + 1
    out = table.copy()
    out.insert(at, "basis_text", words["en"])
    out.insert(at + 1, "basis_text_ja", words["ja"])
    return out
