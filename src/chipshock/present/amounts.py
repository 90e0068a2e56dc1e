"""A committed amount in the currency it was pledged in, with US dollars beside it.

Partnerships and deliverables (partnerships.csv, alliance_deliverables.csv) carry
``amount_usd`` and, when the pledge was in another currency, ``amount_original`` and
``currency``. A yen pledge is written in yen first, then the dollars, the rate and its date:

- Japanese: ``8,025億円（約54億ドル、1ドル≈149.4円、2025年3月）`` (1 億 = 10⁸; 1 兆 = 10¹²);
- English: ``JPY 802.5 bn (≈ USD 5.4 bn at 149.4 JPY/USD, 2025-03)``.

The rate is no constant of the code: it is the row's own ``amount_original / amount_usd`` (the
conversion its source made), at the month of the row's ``usd_rate_as_of``; ``mixed`` there
means the dollars add up tranches converted at different dates (the rate is then their average),
blank that the source did not say when. Every other amount is `fmt_usd_amount`'s.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from chipshock.model.rounding import round_half_up
from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_number, fmt_usd_amount

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["amount_texts", "fmt_committed_amount", "fmt_jpy", "yen_rate"]

#: ``usd_rate_as_of`` of a row whose dollars sum conversions made at different dates
MIXED_RATES = "mixed"


def _number(value: object) -> float | None:
    """A cell as a number: None when blank, missing (None, NaN) or not a number."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return None if math.isnan(value) else float(value)


def _short(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, a trailing ``.0`` dropped (``136``, ``149.4``)."""
    text = fmt_number(value, digits)
    return text[: -digits - 1] if digits and text.endswith("." + "0" * digits) else text


def fmt_jpy(value_jpy: float, lang: Lang = "en") -> str:
    """An amount in yen: ``JPY 802.5 bn`` (English, bn below, m under JPY 1 bn); in Japanese
    whole 億円, with 兆 from 1 兆円 (``1兆7,225億円``) and 万円 under 1 億円.

    >>> fmt_jpy(802.5e9), fmt_jpy(1722.5e9), fmt_jpy(45e9), fmt_jpy(250e6)
    ('JPY 802.5 bn', 'JPY 1,722.5 bn', 'JPY 45 bn', 'JPY 250 m')
    >>> fmt_jpy(802.5e9, "ja"), fmt_jpy(1722.5e9, "ja"), fmt_jpy(1e12, "ja"), fmt_jpy(5e6, "ja")
    ('8,025億円', '1兆7,225億円', '1兆円', '500万円')
    """
    value = float(value_jpy)
    if lang == "en":
        if abs(value) < 1e9:
            return f"JPY {_short(value / 1e6, 1)} m"
        return f"JPY {_short(value / 1e9, 1)} bn"
    if abs(value) < 1e8:
        return f"{fmt_number(value / 1e4, 0)}万円"
    oku = int(round_half_up(value / 1e8, 0))
    cho, rest = divmod(oku, 10_000)
    if not cho:
        return f"{fmt_number(rest, 0)}億円"
    return f"{cho}兆" + (f"{fmt_number(rest, 0)}億円" if rest else "円")


def yen_rate(amount_jpy: float, amount_usd: float) -> str:
    """The yen per dollar a row's conversion used, one decimal (``.0`` dropped).

    >>> yen_rate(802.5e9, 5.37e9), yen_rate(476e9, 3.5e9)
    ('149.4', '136')
    """
    return _short(float(amount_jpy) / float(amount_usd), 1)


def _month(when: str, lang: Lang) -> str:
    """``2025-03`` as the page writes a month: itself in English, ``2025年3月`` in Japanese."""
    if lang == "en":
        return when
    parts = when.split("-")
    return f"{parts[0]}年" + (f"{int(parts[1])}月" if len(parts) > 1 else "")


def fmt_committed_amount(
    amount_usd: object,
    amount_original: object = None,
    currency: object = None,
    usd_rate_as_of: object = None,
    lang: Lang = "en",
) -> str | None:
    """A row's amount: in yen with the dollars, rate and date beside it when it was pledged in
    yen, else `fmt_usd_amount`; None when the row has no amount.

    >>> fmt_committed_amount(5.37e9, 802.5e9, "JPY", "2025-03", "ja")
    '8,025億円（約54億ドル、1ドル≈149.4円、2025年3月）'
    >>> fmt_committed_amount(5.37e9, 802.5e9, "JPY", "2025-03")
    'JPY 802.5 bn (≈ USD 5.4 bn at 149.4 JPY/USD, 2025-03)'
    >>> fmt_committed_amount(110e6), fmt_committed_amount(None)
    ('USD 110 m', None)
    """
    usd, jpy = _number(amount_usd), _number(amount_original)
    if jpy is None or str(currency).strip() != "JPY":
        return None if usd is None else fmt_usd_amount(usd, lang)
    if not usd:
        return message("amount.yen_only", lang, yen=fmt_jpy(jpy, lang))
    fields = {
        "yen": fmt_jpy(jpy, lang),
        "usd": fmt_usd_amount(usd, lang),
        "rate": yen_rate(jpy, usd),
    }
    when = "" if not isinstance(usd_rate_as_of, str) else usd_rate_as_of.strip()
    if when == MIXED_RATES:
        return message("amount.yen_mixed", lang, **fields)
    if not when:
        return message("amount.yen_undated", lang, **fields)
    return message("amount.yen_converted", lang, when=_month(when, lang), **fields)


def amount_texts(frame: pd.DataFrame, lang: Lang = "en") -> list[str | None]:
    """`fmt_committed_amount` of each row of ``frame`` (a partnerships or deliverables table;
    a table without the currency columns, such as a totals table, is in dollars)."""

    def column(name: str) -> list[object]:
        return frame[name].tolist() if name in frame.columns else [None] * len(frame)

    return [
        fmt_committed_amount(usd, original, currency, when, lang)
        for usd, original, currency, when in zip(
            column("amount_usd"),
            column("amount_original"),
            column("currency"),
            column("usd_rate_as_of"),
            strict=True,
        )
    ]
