"""Rounding halves away from zero on the decimal value a float prints as, so that every table
and the text beside it round 162.05 alike (pandas' ``Series.round`` works on the binary value
and gives 162.0). The presentation layer re-exports `round_half_up`."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

__all__ = ["round_half_up", "round_series"]


def round_half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded to ``digits`` decimals, halves away from zero, with ``-0`` made ``0``.

    >>> round_half_up(2.5), round_half_up(-2.5), round_half_up(0.125, 2), round_half_up(-0.01, 1)
    (3.0, -3.0, 0.13, 0.0)
    >>> float(pd.Series([162.05]).round(1).iloc[0]), round_half_up(162.05, 1)
    (162.0, 162.1)
    """
    quantum = Decimal(1).scaleb(-digits)
    rounded = float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))
    return 0.0 if rounded == 0 else rounded


def round_series(values: pd.Series, digits: int) -> pd.Series:
    """`round_half_up` of every value of a float series (missing values stay missing).

    >>> round_series(pd.Series([91.45, None, 0.04]), 1).tolist()
    [91.5, nan, 0.0]
    """
    return values.astype(float).map(lambda v: v if pd.isna(v) else round_half_up(v, digits))
