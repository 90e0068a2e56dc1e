"""The tornado of `chipshock scenario sensitivity` for a terminal: one row per assumption (the
values tried, the median KPI at the low and the high value, the swing, a text bar, confidence),
its caption and the plain-language paragraph above it.

Pure functions from a `chipshock.sim.sensitivity` result to a DataFrame or text; nothing here
prints or runs the engine.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.labels import (
    Lang,
    check_lang,
    confidence_label,
    kpi_label,
    kpi_unit,
    market_label,
)
from chipshock.present.messages import message
from chipshock.present.numbers import AT_LEAST, fmt_kpi, fmt_kpi_number, is_censored
from chipshock.present.summary import sensitivity_text as _sensitivity_text

__all__ = [
    "TORNADO_HALF",
    "sensitivity_caption",
    "sensitivity_table",
    "sensitivity_text",
    "tornado_bar",
]


# --- sensitivity (tornado) --------------------------------------------------------------------

#: half-width of a text tornado bar, in characters (each side of the base)
TORNADO_HALF = 8


def tornado_bar(
    low: float, base: float, high: float, scale: float, half: int = TORNADO_HALF
) -> str:
    """A text tornado bar centred on the base (``│``): ``░`` reaches the KPI at the factor's low
    value, ``█`` at its high value; ``scale`` (the largest distance from base) fills ``half``."""

    def cells(v: float) -> int:
        d = abs(v - base)
        return 0 if scale <= 0 or d <= 0 else max(1, round(half * min(d / scale, 1.0)))

    left, right = ["·"] * half, ["·"] * half
    for value, mark in ((low, "░"), (high, "█")):  # high drawn last: it wins where both reach
        for i in range(cells(value)):
            if value < base:
                left[half - 1 - i] = mark
            else:
                right[i] = mark
    return "".join(left) + "│" + "".join(right)


def _value(v: float, unit: str, lang: Lang) -> str:
    """A factor's value in the unit of its row (sensitivity_factors.csv), as in the report."""
    from chipshock.report.sensitivity import factor_value

    return factor_value(unit, v, lang)


def _in_unit(header: str, kpi: str, lang: Lang) -> str:
    """A column header with the unit of ``kpi`` in brackets (none for a KPI without one)."""
    unit = kpi_unit(kpi, lang)
    if not unit:
        return header
    return f"{header}（{unit}）" if lang == "ja" else f"{header} ({unit})"


def _confidence(value: str, lang: Lang) -> str:
    """A factor's confidence in ``lang`` (`confidence_label`); a blank one stays blank."""
    return confidence_label(value, lang) if value else ""


def _signed(kpi: str, value: float, lang: Lang) -> str:
    """A change in the KPI's unit, ``+`` before a rise (never before a value that reads 0)."""
    text = fmt_kpi_number(kpi, value, lang)
    return "+" + text if value > 0 and text.strip("0.,") else text


def _median(result: Any, value: float, lang: Lang) -> str:
    """A tornado median as a cell, after `AT_LEAST` where it is censored (``weeks_to_recover``
    at the horizon's value, `result.censored_at`: not back to normal by the horizon end)."""
    at = getattr(result, "censored_at", None) if result.kpi == "weeks_to_recover" else None
    row = {"kpi": result.kpi, "v": value, "censored_at": at}
    text = fmt_kpi_number(str(result.kpi), value, lang)
    return AT_LEAST.replace(" ", "\u00a0") + text if is_censored(row, "v") else text  # one cell


def sensitivity_table(result: Any, lang: Lang = "en") -> pd.DataFrame:
    """For the terminal: one row per factor (the one that moves the median furthest first,
    `chipshock.sim.sensitivity.ranked`): the values tried (base in brackets), the median KPI at
    low and at high, the swing (both in the KPI's unit, named in the header), a text tornado
    bar, confidence."""
    t = result.table
    if t.empty:
        return pd.DataFrame()
    kpi = str(result.kpi)
    dev = pd.concat([(t["kpi_low"] - t["kpi_base"]).abs(), (t["kpi_high"] - t["kpi_base"]).abs()])
    scale = float(dev.max())
    label = "label_ja" if lang == "ja" else "label"
    rows = [r for _, r in t.iterrows()]

    def header(name: str) -> str:
        return message(f"cli.sens_col_{name}", lang)

    return pd.DataFrame(
        {
            header("assumption"): [str(r[label] or r["label"]) for r in rows],
            header("range"): [
                f"{_value(r['low_value'], r['unit'], lang)} – "
                f"{_value(r['high_value'], r['unit'], lang)} "
                f"({_value(r['base_value'], r['unit'], lang)})"
                for r in rows
            ],
            _in_unit(header("at"), kpi, lang): [
                f"{_median(result, r['kpi_low'], lang)} → {_median(result, r['kpi_high'], lang)}"
                for r in rows
            ],
            _in_unit(header("swing"), kpi, lang): [_signed(kpi, r["swing"], lang) for r in rows],
            header("tornado"): [
                tornado_bar(r["kpi_low"], r["kpi_base"], r["kpi_high"], scale) for r in rows
            ],
            header("confidence"): [_confidence(str(r["confidence"]), lang) for r in rows],
        }
    )


def sensitivity_caption(result: Any, lang: Lang = "en", *, sources: bool = True) -> str:
    """What the tornado table shows, in which unit, with the base median (``sources``: and
    that --format json or csv lists each row's sources; English only)."""
    kpi = str(result.kpi)
    what = kpi_label(kpi, lang)
    where = market_label(result.market, lang)
    unit = kpi_unit(kpi, lang)
    base = fmt_kpi(kpi, float(result.table["kpi_base"].iloc[0]), lang) if len(result.table) else "–"
    if (
        len(result.table)
        and _median(result, float(result.table["kpi_base"].iloc[0]), lang)[0] == "≥"
    ):
        base = AT_LEAST + base
    if lang == "ja":
        in_unit = f"低い値・高い値のときの値と振れ幅の単位は{unit}。" if unit else ""
        return (
            f"{what}（{where}）のシミュレーションした未来{result.runs:,}通りの中央値。基準（シナリオのまま）：{base}。"
            f"{in_unit}各仮定を一つずつ低い値と高い値に動かし、他は基準のまま（共通乱数）。"
            "░ = 低い値、█ = 高い値、│ = 基準。×はデータの値に対する倍率。"
        )
    in_unit = f" At low, at high and swing (high − low) are in {unit}." if unit else ""
    return (
        f"{what}, {where.lower()}: medians of {result.runs:,} simulated futures (seed "
        f"{result.seed}); base "
        f"(the scenario as it is) {base}.{in_unit} Each assumption is moved alone to its low "
        "and its high value, everything else at base, on common random numbers. Tornado: ░ = "
        "at the low value, █ = at the high value, │ = base; × = times the data's value."
        + (" Sources: --format json or csv." if sources else "")
    )


def sensitivity_text(result: Any, title: str, lang: Lang = "en") -> str:
    """A plain-language paragraph: which assumption moves the answer most, and how far (the
    shared wording of `chipshock.present.summary.sensitivity_text`, headed by ``title``)."""
    return _sensitivity_text(result, check_lang(lang), title=title)
