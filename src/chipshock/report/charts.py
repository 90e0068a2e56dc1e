"""Charts as inline SVG strings, drawn from tidy tables (no plotting library).

Every chart has a ``<title>`` and ``<desc>`` (a text alternative) and is meant to sit next to
its data table.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["PALETTE", "TornadoRow", "band_chart", "bar_chart", "tornado_chart"]

#: Colour-blind-safe palette (Okabe–Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _nice_max(value: float) -> float:
    if value <= 0 or not math.isfinite(value):
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * exp:
            return float(step * exp)
    return float(10 * exp)


def band_chart(
    bands: pd.DataFrame,
    *,
    title: str,
    description: str,
    labels: dict[str, str] | None = None,
    x: str = "week",
    y_label: str = "%",
    width: int = 720,
    height: int = 300,
    y_max: float | None = None,
) -> str:
    """Median lines with shaded p5–p95 bands, one colour per ``key``.

    ``bands`` has columns ``key``, ``week``, ``p5``, ``p50``, ``p95`` (and ``date`` if
    ``x="date"``: the axis is then labelled by date).
    """
    ml, mr, mt, mb = 52, 150, 16, 36
    pw, ph = width - ml - mr, height - mt - mb
    df = bands.copy()
    xs = df["week"].astype(float)  # position by week; ``x`` picks the axis labels
    span = float(xs.max() - xs.min()) or 1.0
    df = df.assign(_x=(xs - float(xs.min())) / span)
    top = y_max if y_max is not None else _nice_max(float(df[["p95", "p50"]].max().max()))
    bottom = min(0.0, float(df["p5"].min()))

    def sx(v: float) -> float:
        return ml + v * pw

    def sy(v: float) -> float:
        return mt + ph - (v - bottom) / ((top - bottom) or 1) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-labelledby="t d"><title>{_esc(title)}</title>'
        f"<desc>{_esc(description)}</desc>",
        f'<rect x="{ml}" y="{mt}" width="{pw}" height="{ph}" fill="#fafafa" stroke="#ddd"/>',
    ]
    for i in range(5):
        v = bottom + (top - bottom) * i / 4
        y = sy(v)
        out.append(
            f'<line x1="{ml}" x2="{ml + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>'
            f'<text x="{ml - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{v:,.0f}</text>"
        )
    out.append(
        f'<text x="12" y="{mt + ph / 2}" font-size="11" transform="rotate(-90 12 {mt + ph / 2})"'
        f' text-anchor="middle">{_esc(y_label)}</text>'
    )
    ticks = df.drop_duplicates("week").sort_values("week")[x].astype(str).tolist()
    for i in range(6):
        frac = i / 5
        value = ticks[round(frac * (len(ticks) - 1))] if ticks else ""
        text = value[:7] if x == "date" else value
        out.append(
            f'<text x="{sx(frac):.1f}" y="{mt + ph + 16}" text-anchor="middle" font-size="11">'
            f"{_esc(text)}</text>"
        )
    keys = list(dict.fromkeys(df["key"].astype(str)))
    for i, key in enumerate(keys):
        colour = PALETTE[i % len(PALETTE)]
        g = df[df["key"].astype(str) == key].sort_values("_x")
        upper = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(g["_x"], g["p95"], strict=True))
        lower = " ".join(
            f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(g["_x"][::-1], g["p5"][::-1], strict=True)
        )
        line = " ".join(f"{sx(a):.1f},{sy(b):.1f}" for a, b in zip(g["_x"], g["p50"], strict=True))
        name = (labels or {}).get(key, key)
        out.append(
            f'<g class="series" data-key="{_esc(key)}"><title>{_esc(name)}</title>'
            f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.15"/>'
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/></g>'
        )
        ly = mt + 14 + i * 18
        out.append(
            f'<rect x="{ml + pw + 10}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{ml + pw + 27}" y="{ly + 1}" font-size="12">{_esc(name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: Sequence[tuple[str, float, float | None, float | None]],
    *,
    title: str,
    description: str,
    unit: str = "",
    width: int = 720,
    colour: str = PALETTE[0],
) -> str:
    """Horizontal bars ``(label, value, low, high)``; low/high draw a whisker (e.g. p5–p95)."""
    ml, mr, row = 200, 90, 26
    height = 24 + row * max(1, len(items))
    pw = width - ml - mr
    values = [float(v) for _, v0, lo, hi in items for v in (v0, lo, hi) if v is not None]
    hi_v = max([0.0, *values])
    lo_v = min([0.0, *values])
    span = (hi_v - lo_v) or 1.0

    def sx(v: float) -> float:
        return ml + (v - lo_v) / span * pw

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart"><title>{_esc(title)}</title><desc>{_esc(description)}</desc>',
        f'<line x1="{sx(0):.1f}" x2="{sx(0):.1f}" y1="8" y2="{height - 8}" stroke="#999"/>',
    ]
    for i, (label, value, low, high) in enumerate(items):
        y = 12 + i * row
        x0, x1 = sorted((sx(0), sx(value)))
        out.append(
            f'<text x="{ml - 8}" y="{y + 13}" text-anchor="end" font-size="12">{_esc(label)}</text>'
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1):.1f}" height="18" '
            f'fill="{colour}"><title>{_esc(label)}: {value:,.3g} {_esc(unit)}</title></rect>'
        )
        if low is not None and high is not None:
            out.append(
                f'<line x1="{sx(low):.1f}" x2="{sx(high):.1f}" y1="{y + 9}" y2="{y + 9}" '
                'stroke="#333" stroke-width="1.5"/>'
            )
        out.append(
            f'<text x="{max(x1, sx(high) if high is not None else x1) + 6:.1f}" y="{y + 13}" '
            f'font-size="12">{value:,.3g} {_esc(unit)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class TornadoRow:
    """One assumption of a tornado: its name, a line under it (values tried, confidence), the
    KPI at its low value, at base and at its high value, and those KPIs as text."""

    label: str
    note: str
    low: float
    base: float
    high: float
    low_text: str
    high_text: str


def tornado_chart(
    rows: Sequence[TornadoRow],
    *,
    title: str,
    description: str,
    base_text: str,
    low_name: str,
    high_name: str,
    width: int = 860,
) -> str:
    """A horizontal tornado: per row, a bar from the base to the KPI at the assumption's low
    value (upper bar) and one to the KPI at its high value (lower bar), labelled at the ends."""
    ml, pad, mr, top, row_h, bar = 300, 118, 12, 66, 50, 15
    colours = (PALETTE[5], PALETTE[1])
    height = top + row_h * len(rows) + 8
    values = [v for r in rows for v in (r.low, r.base, r.high) if math.isfinite(v)] or [0.0]
    lo, hi = min(values), max(values)
    x0, x1 = ml + pad, width - mr - pad

    def sx(v: float) -> float:
        return x0 + (v - lo) / ((hi - lo) or 1.0) * (x1 - x0)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart tornado"><title>{_esc(title)}</title><desc>{_esc(description)}</desc>',
    ]
    for i, name in enumerate((low_name, high_name)):
        x = ml + i * 190
        out.append(
            f'<rect x="{x}" y="24" width="14" height="12" fill="{colours[i]}"/>'
            f'<text x="{x + 19}" y="34" font-size="12">{_esc(name)}</text>'
        )
    base_x = sx(rows[0].base) if rows else x0
    out.append(
        f'<line x1="{base_x:.1f}" x2="{base_x:.1f}" y1="{top - 6}" y2="{height - 4}" '
        f'stroke="#222" stroke-width="1.5"/><text x="{base_x:.1f}" y="{top - 9}" '
        f'text-anchor="middle" font-size="12" font-weight="bold">{_esc(base_text)}</text>'
    )
    for i, r in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            out.append(
                f'<rect x="0" y="{y - 2}" width="{width}" height="{row_h - 2}" fill="#f6f8fa"/>'
            )
        out.append(
            f'<text x="6" y="{y + 18}" font-size="13" font-weight="bold">{_esc(r.label)}</text>'
            f'<text x="6" y="{y + 36}" font-size="12" fill="#555">{_esc(r.note)}</text>'
        )
        for j, (v, text, name) in enumerate(
            ((r.low, r.low_text, low_name), (r.high, r.high_text, high_name))
        ):
            yb = y + 5 + j * (bar + 4)
            a, b = sorted((sx(r.base), sx(v) if math.isfinite(v) else sx(r.base)))
            left = v < r.base
            tx, anchor = (a - 5, "end") if left else (b + 5, "start")
            out.append(
                f'<rect class="bar" x="{a:.1f}" y="{yb}" width="{max(b - a, 2):.1f}" '
                f'height="{bar}" fill="{colours[j]}"><title>{_esc(r.label)} — {_esc(name)}: '
                f'{_esc(text)}</title></rect><text x="{tx:.1f}" y="{yb + bar - 3}" '
                f'text-anchor="{anchor}" font-size="12">{_esc(text)}</text>'
            )
    out.append("</svg>")
    return "".join(out)
