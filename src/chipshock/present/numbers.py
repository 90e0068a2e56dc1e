"""The one number formatter of every surface (report, CLI, API, dashboard), in English and Japanese.

Rules, each applied in one place so that a figure reads the same everywhere:

- **No scientific notation** and thousands separators in English (``12,345``); years are written
  as whole numbers without separators (``2027``).
- **No negative zero**: a value that rounds to zero is written ``0`` (never ``-0`` or ``-0.0``).
- **A table cell never shows a nonzero figure as 0**: one that rounds to zero at its column's
  decimals reads ``<0.1`` (``>-0.1`` below zero; `fmt_cell_number`, which the KPI cells
  `fmt_kpi_number` and `fmt_kpi` and the week rule use too); an exact zero reads ``0.0``.
- **Weeks**: one decimal below 10 weeks (``3.5 weeks``), whole weeks from 10 up (``39 weeks``);
  the same value always gives the same text (`round_weeks` is the rule, `fmt_weeks` writes it,
  a nonzero below the tenth as ``<0.1`` by `fmt_cell_number`).
- **Figures compared across sources** (`chipshock validate`'s observed and modelled bands,
  `chipshock calibrate`'s fitted rows): three significant figures (``25.8``, ``0.0925``,
  ``34.0``), a number that is exactly a shorter one as written (``36``), more when two
  figures of one band would otherwise read the same (``12.9 (12.7–13.1)``, never
  ``13 (13–13)``: `fmt_figures_band`).
- **Percent**: whole percent (``52%``) unless ``digits`` asks for more; a nonzero share that
  rounds to zero reads ``<0.1%`` (``<1%`` whole), by the cell rule (`fmt_pct`); a change in
  percentage points has "+" before a rise (``+2.5``), but not before ``<0.1`` (`fmt_points`).
- **An assumption's value** (a sensitivity factor, `fmt_factor_value`) is written in the unit of
  its factor row: weeks by the week rule (``1.0 week``, ``26 weeks``), shares in whole percent,
  multipliers and indices as written (at most two decimals, trailing zeros dropped: ``×1.5``).
- **US dollars**: English ``USD 12.3 bn`` below USD 1,000 bn and ``USD 3.38 trillion`` from
  there (three significant figures); Japanese in 億ドル (1 億 = 10⁸, so USD 1 bn = 10 億ドル)
  below 1 兆ドル (10¹² USD) and in 兆ドル from there, e.g. ``1,480億ドル``, ``33.8兆ドル``.

Machine outputs (``--format json|csv``) are not rounded to a display rule: they carry the model's
values for people who recompute from them, but without binary noise (`machine_number`): twelve
significant digits (float64 holds about sixteen; the last ones are round-off of subtractions
and interpolation, e.g. ``167.39999999999998``, while a Monte Carlo result is uncertain from its
second or third digit, so twelve keep every sum, difference and ratio far below any shown
precision), values below `ROUND_OFF` in size written ``0.0``, and never ``-0.0``.

Rounding is half away from zero on the decimal value (``2.5 -> 3``, ``-2.5 -> -3``), not
Python's banker's rounding, so a table and a sentence never disagree by one in the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

from chipshock.model.rounding import round_half_up

__all__ = [
    "AT_LEAST",
    "Lang",
    "bracketed",
    "fmt_as_written",
    "fmt_band",
    "fmt_cell_number",
    "fmt_factor_value",
    "fmt_figures",
    "fmt_figures_band",
    "fmt_int",
    "fmt_kpi",
    "fmt_kpi_number",
    "fmt_number",
    "fmt_pct",
    "fmt_plain",
    "fmt_points",
    "fmt_range",
    "fmt_span",
    "fmt_swept",
    "fmt_usd",
    "fmt_usd_amount",
    "fmt_usd_bn",
    "fmt_usd_column",
    "fmt_vehicles_m",
    "fmt_weeks",
    "fmt_year",
    "is_censored",
    "kpi_cell",
    "machine_frame",
    "machine_number",
    "plain_digits",
    "round_half_up",
    "round_weeks",
    "usd_scale",
]

Lang = Literal["en", "ja"]

#: what is shown for a missing value
MISSING = "–"


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(float(value))


def fmt_number(value: float | None, digits: int = 0, lang: Lang = "en") -> str:
    """A plain decimal number with thousands separators, never in scientific notation.

    >>> fmt_number(1480.04, 1), fmt_number(-0.04, 1), fmt_number(2.02e3), fmt_number(None)
    ('1,480.0', '0.0', '2,020', '–')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    return f"{round_half_up(float(value), digits):,.{digits}f}"


#: below this a table value is round-off (e.g. ``1.137e-13`` left by a subtraction) and reads 0
ROUND_OFF = 1e-9


#: significant digits a machine output (JSON, CSV) keeps: see the module's docstring
MACHINE_DIGITS = 12


def machine_number(value: float) -> float:
    """A model value for a machine output: `MACHINE_DIGITS` significant digits, round-off
    (below `ROUND_OFF`) and ``-0.0`` as ``0.0``; NaN and infinities unchanged.

    >>> machine_number(167.39999999999998), machine_number(93.10000000000001)
    (167.4, 93.1)
    >>> machine_number(1.1368683772161603e-13), machine_number(-0.0)
    (0.0, 0.0)
    >>> machine_number(5.930876477638097)
    5.93087647764
    """
    v = float(value)
    if not math.isfinite(v):
        return v
    if abs(v) < ROUND_OFF:
        return 0.0
    return float(f"{v:.{MACHINE_DIGITS}g}")


def machine_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every float column by `machine_number` (other columns as they
    are): what ``--format json|csv`` writes.

    >>> import pandas as pd
    >>> machine_frame(pd.DataFrame({"x": [0.1 + 0.2, -5.7e-14], "n": [1, 2]})).values.tolist()
    [[0.3, 1.0], [0.0, 2.0]]
    """
    from pandas.api.types import is_float_dtype

    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if is_float_dtype(column.dtype):
            out[name] = column.map(machine_number, na_action="ignore")
    return out


def plain_digits(values: Iterable[float | None]) -> int:
    """Decimals for a column of `fmt_plain` numbers, so that a column reads evenly: one when its
    largest value is 1 or more, else three significant figures of the largest (at most six).

    >>> plain_digits([742.4, 0.232]), plain_digits([0.36, 0.005556]), plain_digits([1e-13, None])
    (1, 3, 1)
    """
    largest = 0.0
    for value in values:
        try:
            size = abs(float(value))  # type: ignore[arg-type]  # None, pd.NA: not a number
        except (TypeError, ValueError):
            continue
        if math.isfinite(size) and size >= ROUND_OFF:
            largest = max(largest, size)
    if largest == 0.0 or largest >= 1:
        return 1
    return min(6, 2 - math.floor(math.log10(largest)))


def fmt_plain(value: float | None, digits: int | None = None, lang: Lang = "en") -> str:
    """A number in a table column without a unit rule: whole from 1,000, else ``digits``
    decimals (by default `plain_digits` of the value alone), by `fmt_cell_number`: a nonzero
    value that rounds to zero reads "<" the smallest step (``<0.1`` among one-decimal values,
    ``>-0.1`` below zero), never ``0.0``. Round-off (below `ROUND_OFF`) is ``0`` alone, and
    with the column's decimals in a column (``0.0`` among one-decimal values, never ``-0.0``;
    review 24, finding 2: it read ``0`` there).

    >>> fmt_plain(12345.6), fmt_plain(91.45), fmt_plain(0.05333), fmt_plain(1.137e-13)
    ('12,346', '91.5', '0.0533', '0')
    >>> fmt_plain(0.232, 1), fmt_plain(0.005556, 3), fmt_plain(0.0454, 1), fmt_plain(-1e-14, 1)
    ('0.2', '0.006', '<0.1', '0.0')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    v = float(value)
    if abs(v) < ROUND_OFF:
        return "0" if not digits else "0." + "0" * digits
    if abs(v) >= 1000:
        return fmt_number(v, 0, lang)
    return fmt_cell_number(v, plain_digits([v]) if digits is None else digits, lang)


def fmt_cell_number(
    value: float | None, digits: int, lang: Lang = "en", *, zero_below: float = ROUND_OFF
) -> str:
    """A figure in a table cell at ``digits`` decimals (`fmt_number`), never a nonzero one
    written as 0 (the rule `fmt_usd` keeps in sentences): one that rounds to zero there reads
    "<" the smallest step those decimals write (``<0.1``; ``<0.01`` at two), a negative one
    ">-" it (``>-0.1``). A value below ``zero_below`` in size is round-off and reads 0 at
    those decimals (``0.0``, never ``-0.0``), as an exact zero does.

    >>> fmt_cell_number(0.0454, 1), fmt_cell_number(-0.012, 1), fmt_cell_number(0.004, 2)
    ('<0.1', '>-0.1', '<0.01')
    >>> fmt_cell_number(0.0, 1), fmt_cell_number(-1e-14, 1), fmt_cell_number(0.05, 1)
    ('0.0', '0.0', '0.1')
    >>> fmt_cell_number(0.3, 0), fmt_cell_number(2e-7, 1, zero_below=1e-6)
    ('<1', '0.0')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    v = float(value)
    if abs(v) < zero_below or round_half_up(v, digits) != 0:
        return fmt_number(v, digits, lang)
    step = fmt_number(10.0**-digits, digits, lang)
    return f"<{step}" if v > 0 else f">-{step}"


#: significant figures `fmt_figures` keeps by default, and the most `fmt_figures_band` gives
FIGURES = 3
MOST_FIGURES = 6

#: the most decimals `fmt_figures` writes; a nonzero figure below their step reads "<" it
_FIGURES_DECIMALS = 6


def fmt_figures(value: float | None, figures: int = FIGURES, lang: Lang = "en") -> str:
    """``value`` to ``figures`` significant figures, in fixed notation with thousands
    separators (``25.8``, ``0.0925``, ``34.0`` for 33.98); a number that is exactly a shorter
    one is written as its source writes it (``36``, ``4.1``, not ``36.0``, ``4.10``), while a
    zero that rounding made stays (it is a figure); a number with more whole digits than
    ``figures`` is written whole (``92,000``, never rounded to hundreds). At most six
    decimals: a nonzero below their step reads ``<0.000001`` (`fmt_cell_number`); round-off
    (below `ROUND_OFF`) reads ``0``.

    >>> fmt_figures(25.8), fmt_figures(36.0), fmt_figures(0.092524), fmt_figures(33.979983)
    ('25.8', '36', '0.0925', '34.0')
    >>> fmt_figures(92000.0), fmt_figures(9.996), fmt_figures(-12.87), fmt_figures(1.3e-13)
    ('92,000', '10.0', '-12.9', '0')
    >>> fmt_figures(12.653206, 4), fmt_figures(0.1 + 0.2), fmt_figures(4e-8), fmt_figures(None)
    ('12.65', '0.3', '<0.000001', '–')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    v = float(value)
    if abs(v) < ROUND_OFF:
        return "0"
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(v))))
    rounded = abs(round_half_up(v, decimals))
    if decimals > 0 and rounded >= 10.0 ** (figures - decimals):  # 9.996 -> 10.0: one less
        decimals -= 1
    decimals = min(decimals, _FIGURES_DECIMALS)
    while decimals > 0 and abs(v - round_half_up(v, decimals - 1)) <= ROUND_OFF * max(1, abs(v)):
        decimals -= 1  # the number is exactly a shorter one: 36.0 -> 36, 0.1 + 0.2 -> 0.3
    return fmt_cell_number(v, decimals, lang)


def fmt_figures_band(
    middle: float | None, low: float | None, high: float | None, lang: Lang = "en"
) -> tuple[str, str, str]:
    """A median and the ends of its band (or any three figures read together) by
    `fmt_figures`, all at one number of significant figures: the fewest, from `FIGURES` up to
    `MOST_FIGURES`, at which every two of them that differ at `MOST_FIGURES` read differently,
    so that a band's ends never print equal to each other or to its median when the numbers
    are not (``12.9 (12.7–13.1)`` where whole weeks read ``13 (13–13)``); equal numbers read
    equal. A missing figure is ``–``.

    >>> fmt_figures_band(12.870653, 12.653206, 13.142535)
    ('12.9', '12.7', '13.1')
    >>> fmt_figures_band(0.713486, 0.092524, 3.977836)
    ('0.713', '0.0925', '3.98')
    >>> fmt_figures_band(41.2, 41.23, 41.29), fmt_figures_band(5.71, 5.71, 5.71)
    (('41.2', '41.23', '41.29'), ('5.71', '5.71', '5.71'))
    """
    values = (middle, low, high)
    finest = [fmt_figures(v, MOST_FIGURES, lang) for v in values]
    pairs = [(i, j) for i in range(3) for j in range(i + 1, 3) if finest[i] != finest[j]]
    for figures in range(FIGURES, MOST_FIGURES):
        texts = [fmt_figures(v, figures, lang) for v in values]
        if all(texts[i] != texts[j] for i, j in pairs):
            return texts[0], texts[1], texts[2]
    return finest[0], finest[1], finest[2]


def fmt_points(value: float | None, digits: int = 1, lang: Lang = "en") -> str:
    """A change in percentage points in a cell, `fmt_cell_number` with "+" before a rise; a
    rise below the step reads ``<0.1`` (the mark says its sign: never ``+0.0`` or ``+<0.1``).

    >>> fmt_points(2.54), fmt_points(-1.2), fmt_points(0.02), fmt_points(-0.02), fmt_points(0.0)
    ('+2.5', '-1.2', '<0.1', '>-0.1', '0.0')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    text = fmt_cell_number(value, digits, lang)
    return f"+{text}" if float(value) > 0 and text[0].isdigit() else text


def fmt_int(value: float | None, lang: Lang = "en") -> str:
    """A whole number with thousands separators (``12,000``)."""
    return fmt_number(value, 0, lang)


def fmt_year(value: float | None) -> str:
    """A calendar year as written (``2027``; never ``2.03e+03`` or ``2,027``)."""
    if _missing(value):
        return MISSING
    assert value is not None
    return str(int(round_half_up(float(value))))


def round_weeks(value: float) -> float:
    """The week rule: one decimal below 10 weeks, whole weeks from 10 (on the rounded value).

    >>> round_weeks(9.94), round_weeks(38.5), round_weeks(-0.04)
    (9.9, 39.0, 0.0)
    """
    one = round_half_up(value, 1)
    return one if abs(one) < 10 else round_half_up(value, 0)


def fmt_weeks(value: float | None, lang: Lang = "en", *, unit: bool = False) -> str:
    """Weeks by `round_weeks`; with ``unit`` followed by ``weeks`` / ``週``. A nonzero value
    that the tenth rounds to zero reads ``<0.1`` (``>-0.1`` below zero: `fmt_cell_number`);
    zero and round-off read ``0.0``.

    >>> fmt_weeks(38.6), fmt_weeks(3.25, unit=True), fmt_weeks(1, unit=True)
    ('39', '3.3 weeks', '1.0 week')
    >>> fmt_weeks(12, "ja", unit=True), fmt_weeks(0.3), fmt_weeks(0.04, unit=True)
    ('12週', '0.3', '<0.1 weeks')
    >>> fmt_weeks(-0.01, "ja", unit=True), fmt_weeks(0.0, unit=True), fmt_weeks(-1e-12)
    ('>-0.1週', '0.0 weeks', '0.0')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    v = float(value)
    w = round_weeks(v)
    text = fmt_cell_number(v, 1, lang) if abs(w) < 10 else fmt_number(v, 0, lang)
    if not unit:
        return text
    if lang == "ja":
        return f"{text}週"
    return f"{text} week" if w == 1 else f"{text} weeks"


def fmt_vehicles_m(millions: float | None, lang: Lang = "en") -> str:
    """A number of vehicles given in millions: ``10.1 million`` / ``1,010万`` (Japanese counts
    in 万, ten thousands: 約1,010万台, not 約10.1百万台), at the precision given.

    >>> fmt_vehicles_m(10.1), fmt_vehicles_m(10.1, "ja"), fmt_vehicles_m(0.86, "ja")
    ('10.1 million', '1,010万', '86万')
    """
    if _missing(millions):
        return MISSING
    v = float(millions)  # type: ignore[arg-type]
    if lang == "ja":
        return f"{fmt_number(v * 100.0, 0, lang)}万"
    return f"{v:g} million"


def fmt_pct(value: float | None, digits: int = 0, lang: Lang = "en") -> str:
    """A percentage (``52%``) at ``digits`` decimals, by `fmt_cell_number`: a nonzero share
    that those decimals round to zero reads "<" their step (``<0.1%``, a small Shapley value;
    ``<1%`` in a whole-percent sentence; ``>-1%`` below zero), never ``0.0%``; an exact zero
    (and round-off below `ROUND_OFF`) still reads ``0%``, so only a nonzero gets the mark.

    >>> fmt_pct(52.4), fmt_pct(36.0, 1), fmt_pct(0.0222, 1), fmt_pct(0.0, 1)
    ('52%', '36.0%', '<0.1%', '0.0%')
    >>> fmt_pct(0.3), fmt_pct(0.0), fmt_pct(1e-13), fmt_pct(-0.4), fmt_pct(0.5)
    ('<1%', '0%', '0%', '>-1%', '1%')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    return f"{fmt_cell_number(value, digits, lang)}%"


def _sig3(value: float) -> str:
    """Three significant figures in fixed notation (``3.38``, ``33.8``, ``338``)."""
    a = abs(value)
    digits = 2 if a < 10 else 1 if a < 100 else 0
    return fmt_number(value, digits)


#: USD amounts (bn) smaller than this are the engine's round-off where nothing moved (a
#: baseline run's sums leave about 1e-14 bn) and read as 0, like `charts_results.EPS_BN`
USD_RESIDUE_BN = 1e-6


def _small_usd(value: float, digits: int, floor_digits: int) -> str | None:
    """``value`` (in the unit written) with one significant figure, when it is not round-off
    but rounds to 0 at ``digits`` decimals; at most ``floor_digits`` decimals, below which it
    reads "<" the smallest step (the amount's size, its sign told by its label). None for an
    amount that `fmt_usd` writes as usual.

    >>> _small_usd(0.3474, 0, 2), _small_usd(-0.0347, 1, 3), _small_usd(0.0004, 1, 3)
    ('0.3', '-0.03', '<0.001')
    """
    if round_half_up(value, digits) != 0:
        return None
    size = abs(value)
    decimals = min(floor_digits, max(digits + 1, -math.floor(math.log10(size))))
    if round_half_up(size, floor_digits) == 0:
        return f"<{fmt_number(10.0**-floor_digits, floor_digits)}"
    return fmt_number(value, decimals)


def fmt_usd(value_usd: float | None, lang: Lang = "en") -> str:
    """An amount in US dollars, by the module's rule (bn/trillion; 億ドル/兆ドル).

    >>> fmt_usd(12.34e9), fmt_usd(3376.6e9), fmt_usd(148e9, "ja"), fmt_usd(3.38e12, "ja")
    ('USD 12.3 bn', 'USD 3.38 trillion', '1,480億ドル', '3.38兆ドル')

    A nonzero amount is never written as 0: one that rounds to 0 at the usual precision (below
    USD 0.05 bn, 0.5億ドル) keeps one significant figure, down to USD 1 m (0.001 bn, 0.01億ドル),
    and reads "<" that below it; round-off below `USD_RESIDUE_BN` reads 0.

    >>> fmt_usd(0.0347e9), fmt_usd(0.0347e9, "ja"), fmt_usd(-0.02e9), fmt_usd(0.2e6, "ja")
    ('USD 0.03 bn', '0.3億ドル', 'USD -0.02 bn', '<0.01億ドル')
    >>> fmt_usd(-1e-5), fmt_usd(1e-5, "ja")
    ('USD 0.0 bn', '0億ドル')
    """
    if _missing(value_usd):
        return MISSING
    assert value_usd is not None
    bn = float(value_usd) / 1e9
    unit = bn if lang == "en" else bn * 10
    small = None if abs(bn) < USD_RESIDUE_BN else _small_usd(unit, *_SMALL_DIGITS[lang])
    if lang == "en":
        if small is not None:
            return f"USD {small} bn"
        if abs(round_half_up(bn, 1)) < 1000:
            return f"USD {fmt_number(bn, 1)} bn"
        return f"USD {_sig3(bn / 1000)} trillion"
    if small is not None:
        return f"{small}億ドル"
    if abs(round_half_up(unit)) < 10000:
        return f"{fmt_number(unit, 0)}億ドル"
    return f"{_sig3(unit / 10000)}兆ドル"


#: per language, the decimals `fmt_usd` writes and the most it gives a small amount (both
#: down to USD 1 m: 0.001 bn, 0.01億ドル)
_SMALL_DIGITS: dict[str, tuple[int, int]] = {"en": (1, 3), "ja": (0, 2)}


def fmt_usd_amount(value_usd: float | None, lang: Lang = "en") -> str:
    """A committed amount (deliverables, partnerships): `fmt_usd`, except that amounts below
    USD 1 bn are in millions (en) and below 1億ドル in 万ドル (ja), so that USD 16m, 50m and
    110m do not all read "USD 0.1 bn".

    >>> fmt_usd_amount(16e6), fmt_usd_amount(55.7e6), fmt_usd_amount(110e6), fmt_usd_amount(2.9e9)
    ('USD 16 m', 'USD 56 m', 'USD 110 m', 'USD 2.9 bn')
    >>> fmt_usd_amount(16e6, "ja"), fmt_usd_amount(110e6, "ja"), fmt_usd_amount(2.9e9, "ja")
    ('1,600万ドル', '1.1億ドル', '29億ドル')

    Between 1億 and 10億ドル (USD 100 m to 1 bn) the Japanese keeps one decimal, as the
    English keeps whole millions: USD 510 m and 640 m are 5.1億 and 6.4億ドル, not 5億 and 6億.
    """
    if _missing(value_usd):
        return MISSING
    assert value_usd is not None
    value = float(value_usd)
    if lang == "en" and abs(value) < 1e9:
        return f"USD {fmt_number(value / 1e6, 0)} m"
    if lang == "ja" and abs(value) < 1e8:
        return f"{fmt_number(value / 1e4, 0)}万ドル"
    if lang == "ja" and abs(value) < 1e9:
        return f"{fmt_number(value / 1e8, 1)}億ドル"
    return fmt_usd(value, lang)


def fmt_usd_column(values_usd: Iterable[float | None], lang: Lang = "en") -> list[str]:
    """Amounts that stand together (one chart's bars) by one rule: the unit and decimals
    `fmt_usd` gives the largest, for every amount. Round-off (below `USD_RESIDUE_BN`) is a
    true zero and reads ``0``; a nonzero amount that those decimals round to zero reads "<"
    their smallest step (as `fmt_usd`, its sign told by its label), never ``0.0``. When even
    the largest rounds to zero, the decimals give it one significant figure (down to USD 1 m,
    0.01億ドル, as `fmt_usd`).

    >>> fmt_usd_column([22.4e9, 0.02e9, 0.009e9, 0.0])
    ['USD 22.4 bn', 'USD <0.1 bn', 'USD <0.1 bn', 'USD 0 bn']
    >>> fmt_usd_column([22.4e9, 0.02e9, 0.009e9, 0.0], "ja")
    ['224億ドル', '<1億ドル', '<1億ドル', '0億ドル']
    >>> fmt_usd_column([0.02e9, 0.009e9, 1e-7]), fmt_usd_column([1480e9, 12e9])
    (['USD 0.02 bn', 'USD 0.01 bn', 'USD 0 bn'], ['USD 1.48 trillion', 'USD 0.01 trillion'])
    """
    amounts = [None if v is None or _missing(v) else float(v) / 1e9 for v in values_usd]
    scale = 1.0 if lang == "en" else 10.0  # USD bn or 億ドル
    sizes = [abs(v) * scale for v in amounts if v is not None and abs(v) >= USD_RESIDUE_BN]
    largest = max(sizes, default=0.0)
    big = 1000.0 if lang == "en" else 10000.0  # trillion / 兆ドル from here
    digits, floor_digits = _SMALL_DIGITS[lang]
    trillions = abs(round_half_up(largest, digits)) >= big
    if trillions:
        scale /= big
        largest /= big
        digits = 2 if largest < 10 else 1 if largest < 100 else 0  # three significant figures
    elif largest > 0 and round_half_up(largest, digits) == 0:
        digits = min(floor_digits, -math.floor(math.log10(largest)))
    texts = []
    for value in amounts:
        if value is None:
            texts.append(MISSING)
            continue
        unit = value * scale
        if abs(value) < USD_RESIDUE_BN:
            number = "0"
        elif round_half_up(unit, digits) == 0:
            number = f"<{fmt_number(10.0**-digits, digits)}"
        else:
            number = fmt_number(unit, digits)
        texts.append(_usd_unit(number, lang, trillions=trillions))
    return texts


def _usd_unit(number: str, lang: Lang, *, trillions: bool) -> str:
    """A written number with its US-dollar unit, as `fmt_usd` writes it."""
    if lang == "en":
        return f"USD {number} {'trillion' if trillions else 'bn'}"
    return f"{number}{'兆ドル' if trillions else '億ドル'}"


def fmt_usd_bn(value_usd: float | None, lang: Lang = "en") -> str:
    """Alias of `fmt_usd` (the argument is in US dollars, not billions); kept for old callers."""
    return fmt_usd(value_usd, lang)


def usd_scale(kpi: str) -> float:
    """Multiplier from a KPI's unit to USD: 1e9 for ``..._usd_bn``, else 1."""
    return 1e9 if "usd_bn" in kpi.lower() else 1.0


def fmt_kpi(kpi: str, value: float | None, lang: Lang = "en") -> str:
    """A KPI value with its unit, read from the KPI's name (``_usd``, ``_pct``, ``weeks``).

    >>> fmt_kpi("loss_usd_bn", 1.5), fmt_kpi("output_lost_weeks", 38.5, "ja")
    ('USD 1.5 bn', '39週')
    >>> fmt_kpi("peak_output_lost_pct", 0.0068), fmt_kpi("peak_output_lost_pct", -0.0)
    ('<0.1%', '0.0%')

    A nonzero value never reads 0 (`fmt_cell_number`; `fmt_usd` and `fmt_weeks` keep the same
    rule), as `fmt_kpi_number` writes it without the unit.
    """
    if _missing(value):
        return MISSING
    assert value is not None
    k = kpi.lower()
    if "usd" in k:
        return fmt_usd(float(value) * usd_scale(kpi), lang)
    if "pct" in k or "share" in k:
        return f"{fmt_cell_number(value, 1, lang)}%"
    if "week" in k:
        return fmt_weeks(value, lang, unit=True)
    return fmt_cell_number(value, 2 if abs(float(value)) < 100 else 0, lang)


def fmt_kpi_number(kpi: str, value: float | None, lang: Lang = "en") -> str:
    """A KPI value in its own unit without the unit's name (for table cells whose header names
    it): USD bn with one decimal, percent with one, weeks by the week rule; a nonzero value
    that those decimals round to zero reads "<" their step (">-" below zero), never ``0.0``
    (`fmt_cell_number`).

    >>> fmt_kpi_number("loss_usd_bn", 3376.64), fmt_kpi_number("output_lost_weeks", 38.5)
    ('3,376.6', '39')
    >>> fmt_kpi_number("inventory_drawdown_peak_pct", 0.0068), fmt_kpi_number("x_pct", 0.0)
    ('<0.1', '0.0')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    k = kpi.lower()
    if "week" in k and "usd" not in k and "pct" not in k:
        return fmt_weeks(value, lang)
    if "usd" in k or "pct" in k or "share" in k:
        return fmt_cell_number(value, 1, lang)
    return fmt_cell_number(value, 2 if abs(float(value)) < 100 else 0, lang)


#: before a censored value (a lower bound): "≥ 208"
AT_LEAST = "≥ "


def is_censored(row: Any, stat: str) -> bool:
    """Whether ``row[stat]`` of a KPI table row is censored: the row has a ``censored_at``
    value (the ``weeks_to_recover`` rows of a result, `chipshock.sim.run.economics.kpi_summary`)
    and the value reaches it, i.e. output is not back to normal by the horizon end.

    >>> is_censored({"kpi": "weeks_to_recover", "p50": 208.0, "censored_at": 208.0}, "p50")
    True
    >>> is_censored({"kpi": "weeks_to_recover", "p50": 30.0, "censored_at": 208.0}, "p50")
    False
    >>> is_censored({"kpi": "loss_usd_bn", "p50": 208.0}, "p50")
    False
    """
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    at, value = get("censored_at", None), get(stat, None)
    if _missing(at) or _missing(value) or not float(at) > 0:
        return False
    return float(value) >= float(at) - 1e-9


def kpi_cell(row: Any, stat: str, lang: Lang = "en", *, unit: bool = False) -> str:
    """One percentile of a KPI table row as a table cell: `fmt_kpi_number` (US dollars always
    with their unit, `fmt_kpi`; every value with its unit when ``unit``), after `AT_LEAST` when
    censored (`is_censored`: "≥ 208", not back to normal by the horizon end).

    >>> kpi_cell({"kpi": "weeks_to_recover", "p95": 208.0, "censored_at": 208.0}, "p95")
    '≥ 208'
    >>> kpi_cell({"kpi": "loss_usd_bn", "p5": 1.5}, "p5")
    'USD 1.5 bn'
    """
    kpi = str(row["kpi"])
    write = fmt_kpi if unit or "usd" in kpi.lower() else fmt_kpi_number
    text = write(kpi, float(row[stat]), lang)
    return AT_LEAST + text if is_censored(row, stat) else text


def fmt_as_written(value: float | None, digits: int = 2, lang: Lang = "en") -> str:
    """An input as written in its data row: at most ``digits`` decimals, trailing zeros dropped.

    >>> fmt_as_written(1.5), fmt_as_written(26.0), fmt_as_written(0.125), fmt_as_written(-0.001)
    ('1.5', '26', '0.13', '0')
    """
    text = fmt_number(value, digits, lang)
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_factor_value(unit: str, value: float | None, lang: Lang = "en") -> str:
    """A value tried for an assumption, in the unit of its factor row (sensitivity_factors.csv
    ``unit``, `chipshock.data.factor_ranges.UNITS`): ``×1.5`` (multiplier), ``90%`` (share),
    ``10%/week`` / ``週10%`` (share/week), weeks by the week rule, else as written (index, slope).

    >>> fmt_factor_value("weeks", 1), fmt_factor_value("weeks", 26, "ja")
    ('1.0 week', '26週')
    >>> fmt_factor_value("multiplier", 1.5), fmt_factor_value("share/week", 0.1, "ja")
    ('×1.5', '週10%')
    """
    if _missing(value):
        return MISSING
    assert value is not None
    v = float(value)
    if unit == "multiplier":
        return f"×{fmt_as_written(v, 2, lang)}"
    if unit == "share":
        return fmt_pct(v * 100, 0, lang)
    if unit == "share/week":
        pct = fmt_pct(v * 100, 0, lang)
        return f"{pct}/week" if lang == "en" else f"週{pct}"
    if unit == "weeks":
        return fmt_weeks(v, lang, unit=True)
    return fmt_as_written(v, 2, lang)


def fmt_range(low: str, high: str, lang: Lang = "en") -> str:
    """Two formatted values as a range: ``a to b`` / ``a〜b``."""
    return f"{low} to {high}" if lang == "en" else f"{low}〜{high}"


def fmt_span(low: str, high: str, lang: Lang = "en") -> str:
    """Two formatted values as the ends of a range in a cell: ``93.9% – 97.8%`` /
    ``93.9%〜97.8%`` (Japanese writes its ranges with 〜, as "p5〜p95" in the catalogue)."""
    return f"{low} – {high}" if lang == "en" else f"{low}〜{high}"


def bracketed(text: str, lang: Lang = "en") -> str:
    """``text`` in brackets after what it qualifies: `` (2028)`` / ``（2028）`` (full-width
    brackets in Japanese, without the space)."""
    return f" ({text})" if lang == "en" else f"（{text}）"


def fmt_band(middle: str, low: str, high: str, lang: Lang = "en") -> str:
    """A median with the range of 90 % of runs in brackets, as every table cell writes it.

    >>> fmt_band("96.3%", "93.9%", "97.8%"), fmt_band("0.5週", "0.4週", "0.7週", "ja")
    ('96.3% (93.9% – 97.8%)', '0.5週（0.4週〜0.7週）')
    """
    return middle + bracketed(fmt_span(low, high, lang), lang)


def fmt_swept(parameter: str, value: float, lang: Lang = "en") -> str:
    """A value of a swept parameter (`scenario sweep`, its table and its sentence): a value the
    user gave, so as written: a year as a year (``2029``), anything else with at most two
    decimals and no trailing zeros, so weeks given as whole numbers read ``4``, ``52`` (review
    24, finding 4: the week rule wrote ``4.0`` beside ``52``); the parameter's name says weeks.

    >>> [fmt_swept("duration_weeks", v) for v in (4, 52, 6.5)], fmt_swept("start_year", 2029)
    (['4', '52', '6.5'], '2029')
    """
    if parameter.endswith("year"):
        return fmt_year(value)
    return fmt_as_written(value, 2, lang)
