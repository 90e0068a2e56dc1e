"""Charts as Vega-Lite specs written as plain dicts from tidy tables: one spec for every surface.

The report and its PDF render a spec to inline SVG with vl-convert (`render_svg`); the dashboard
renders the very same spec with vega-embed (`chart_specs` gives the specs of a result or a
comparison as plain JSON-able dicts). Every chart has axis titles with units, a title, a text
alternative (``description``), the shock period shaded where there is one, and text of at least
11 px (`FONT_PX`) at its natural size.

Charts:

- `band_spec`: median line (p50) with a shaded band from p5 to p95 per ``key`` over time (rows
  ``key, week, date, p5, p50, p95`` of a result's ``bands`` table);
- `bar_spec`: one bar per label with an optional p5–p95 whisker (rows ``label, value, low,
  high``);
- `tornado_spec`: a sensitivity tornado (rows ``label, low, base, high``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from chipshock.present.chart_text import (
    FONT,
    FONT_PX,
    LABEL_GAP_PX,
    LABEL_LINE_PX,
    LEGEND_LABEL_PX,
    LEGEND_WIDE_LABEL_PX,
    TORNADO_LABEL_PX,
    bar_label_lines,
    label_expr,
    label_margin,
    legend_names,
    wrap_label,
)
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang, market_label, node_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd_column
from chipshock.present.text_width import text_px

__all__ = [
    "BAR_ROW_PX",
    "FONT_PX",
    "LINE_PALETTE",
    "OTHER_LINE",
    "PALETTE",
    "VALUE_AXIS",
    "Horizon",
    "band_spec",
    "bands_horizon",
    "bands_spec",
    "bar_spec",
    "day_label",
    "horizon_axis",
    "horizon_ticks",
    "labelled",
    "line_spec",
    "listed",
    "render_svg",
    "shock_windows",
    "styled",
    "tornado_spec",
    "usd_axis_scale",
    "usd_items",
]

#: Colour-blind-safe palette (Okabe–Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: colours of the lines of a line chart: the palette less black, which reads as the dark grey
#: of a dash legend's swatches and of the axes (the capacity chart drew the United States in
#: it), and less yellow, too light on white (1.3:1); `OTHER_LINE` for a group of the rest
LINE_PALETTE = tuple(c for c in PALETTE if c not in ("#000000", "#F0E442"))
#: a line of "the rest" (rest of the world): neutral grey, 4.5:1 on white
OTHER_LINE = "#767676"

Spec = dict[str, Any]


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as Vega-Lite inline data: one dict per row, NaN as null (`to_jsonable`)."""
    rows: list[dict[str, Any]] = to_jsonable(frame)
    return rows


def _field(name: str, kind: str, **options: Any) -> dict[str, Any]:
    """An encoding channel ``{"field": name, "type": kind, ...}``; ``kind`` is a Vega-Lite
    type (quantitative, nominal, ordinal, temporal) or "" for a secondary channel (x2, y2),
    which takes its type from the primary one."""
    channel: dict[str, Any] = {"field": name}
    if kind:
        channel["type"] = kind
    channel.update(options)
    return channel


def _chart(**body: Any) -> Spec:
    """A spec with the default view size of a Vega-Lite chart (300 x 300 px, the width
    replaced by `styled`)."""
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, **body}


#: the Vega-Lite major version the specs are written for: the dashboard's packaged vega-lite is
#: 5.23 (`web/static/vendor/VERSIONS.md`); `render_svg` uses vl-convert's newest 5.x (5.21), so
#: that both surfaces read a spec with the same grammar (Altair itself writes v6 specs)
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.21"
#: width of a chart drawn outside a page layout (report, PDF): a spec laid out at its
#: container's width ("container") gets this width in `render_svg`
STATIC_WIDTH = 640

Width = int | str
#: size of a chart's title (bold), px: `render_svg` wraps a title wider than the chart (the
#: dashboard sets the title as page text, which wraps by itself)
TITLE_PX = FONT_PX + 2


def styled(spec: Spec, width: Width) -> Spec:
    """The shared look: fonts, sizes (>= FONT_PX), no border, the schema, set on ``spec``.

    ``width="container"`` lays the chart out at the width of the element it is drawn in (the
    dashboard: text stays at its size on a phone instead of being scaled down); `render_svg`
    gives such a spec `STATIC_WIDTH` for the report. Specs are plain dicts written here, not
    built with Altair: Altair's encoding inference and data hashing cost about a second per
    result and language."""
    if width == "container":
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["width"] = width
    config = spec.setdefault("config", {})
    config["font"] = FONT
    config["axis"] = {
        **config.get("axis", {}),
        "labelFontSize": FONT_PX,
        "titleFontSize": FONT_PX,
        "gridColor": "#e5e5e5",
    }
    config["legend"] = {
        **config.get("legend", {}),
        "labelFontSize": FONT_PX,
        "titleFontSize": FONT_PX,
        "orient": "bottom",
        # several legends (colour and dash) one under the other, not side by side off a phone
        "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
    }
    config["title"] = {
        **config.get("title", {}),
        "fontSize": TITLE_PX,
        "anchor": "start",
        "subtitleFontSize": FONT_PX,
    }
    config["text"] = {**config.get("text", {}), "fontSize": FONT_PX}
    config["view"] = {**config.get("view", {}), "stroke": None}
    spec["$schema"] = SCHEMA
    _name_datasets(spec)
    return spec


def _name_datasets(spec: Spec) -> None:
    """Move each inline ``{"values": rows}`` (top level and layers) to ``spec["datasets"]``
    under a name made from a hash of its rows, as Vega-Lite's named data (and Altair) do:
    layers with the same rows share one copy, and readers find every table in one place."""
    datasets: dict[str, Any] = spec.setdefault("datasets", {})
    for part in [spec, *spec.get("layer", [])]:
        data = part.get("data")
        if isinstance(data, dict) and set(data) == {"values"}:
            text = json.dumps(data["values"], sort_keys=True, default=str)
            name = "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]
            datasets[name] = data["values"]
            part["data"] = {"name": name}


def shock_windows(scenario: Any) -> list[tuple[dt.date, dt.date]]:
    """Start and most likely end of each shock of a scenario, as dates.

    Start: ``start_year`` plus ``start_week - 1`` weeks; length: the central value of
    ``duration_weeks`` (its mode, mean or midpoint: `Distribution.central`).
    """
    out: list[tuple[dt.date, dt.date]] = []
    for shock in getattr(scenario, "shocks", ()):
        start = dt.date(int(shock.start_year), 1, 1) + dt.timedelta(weeks=int(shock.start_week) - 1)
        weeks = shock.duration_weeks.central
        out.append((start, start + dt.timedelta(weeks=float(weeks))))
    return out


def _shock_layer(windows: Sequence[tuple[dt.date, dt.date]], lang: Lang, height: int) -> list[Spec]:
    """The shock periods as grey bands from start to most likely end, labelled at the bottom."""
    start = _field("start", "temporal")
    if not windows:
        return []

    rows = [
        {"start": a.isoformat(), "end": b.isoformat(), "what": message("report.shock_period", lang)}
        for a, b in windows
    ]
    rect = {
        "data": {"values": rows},
        "mark": {"type": "rect", "color": "#999999", "opacity": 0.18},
        "transform": [
            {
                "calculate": f"{day_label('start', lang)} + ' – ' + {day_label('end', lang)}",
                "as": "span",
            }
        ],
        "encoding": {
            "tooltip": [_field("span", "nominal", title=message("report.shock_period", lang))],
            "x": start,
            "x2": _field("end", ""),
        },
    }
    text = {
        "data": {"values": rows},
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "bottom",
            "color": "#444444",
            "dx": 3,
            "dy": -3,
            "fontSize": FONT_PX,
        },
        "encoding": {
            "text": _field("what", "nominal"),
            "x": start,
            "y": {"value": height},
        },
    }
    return [rect, text]


def _legend(entries: int, labels: Sequence[str] = ()) -> dict[str, Any]:
    """A legend below the plot that wraps: one column for up to three entries (long side
    labels), each label at most `LEGEND_WIDE_LABEL_PX`, else two, each at most
    `LEGEND_LABEL_PX`; swatches are short lines in the line's own colour at full opacity (not
    the pale band colour of an area layer). Labels that the limit would cut to the same text
    show what tells them apart (`legend_names`)."""
    one_column = entries <= 3
    limit = LEGEND_WIDE_LABEL_PX if one_column else LEGEND_LABEL_PX
    legend: dict[str, Any] = {
        "columns": 1 if one_column else 2,
        "labelLimit": limit,
        "symbolOpacity": 1,
        "symbolStrokeWidth": 3,
        "symbolType": "stroke",
    }
    short = legend_names(labels, limit)
    if short:
        legend["labelExpr"] = label_expr(short)
    return legend


#: the first and last day of a time axis
Horizon = tuple[dt.date, dt.date]
#: most ticks on a horizon's time axis: years of a longer horizon are labelled every other one
HORIZON_TICKS = 6
#: least room between two labels of a time axis, px: closer ones are thinned (Vega's
#: ``labelOverlap``), so that on a 390 px phone "2026年" and "2027年" do not touch
TIME_LABEL_GAP_PX = 8


def bands_horizon(*tables: pd.DataFrame) -> Horizon | None:
    """The scenario's horizon as its bands tables give it: the first model week's date (1
    January of the first year) to 31 December of the last year (a model year is 52 weeks from
    1 January, its last week running to 31 December: `chipshock.sim.run.results.week_starts`);
    over several tables (a comparison's sides), from the earliest to the latest. None when a
    table has no dates.

    >>> rows = pd.DataFrame({"date": ["2026-01-01", "2030-12-24"]})
    >>> bands_horizon(rows)
    (datetime.date(2026, 1, 1), datetime.date(2030, 12, 31))
    """
    if not tables or any("date" not in t.columns or t["date"].isna().any() for t in tables):
        return None
    dates = pd.to_datetime(pd.concat([t["date"] for t in tables], ignore_index=True))
    if dates.empty:
        return None
    first, last = dates.min(), dates.max()
    return first.date(), dt.date(last.year, 12, 31)


def _utc_day(day: dt.date) -> dict[str, Any]:
    """Midnight UTC of ``day`` as a Vega-Lite DateTime."""
    return {"date": day.day, "month": day.month, "utc": True, "year": day.year}


def horizon_ticks(horizon: Horizon) -> list[dt.date]:
    """Where the time axis of a ``horizon`` has its ticks: 1 January of every year (every
    other year, or more, above `HORIZON_TICKS` years); a horizon of one or two years every
    three or six months from its start.

    >>> [d.isoformat() for d in horizon_ticks((dt.date(2026, 1, 1), dt.date(2030, 12, 31)))]
    ['2026-01-01', '2027-01-01', '2028-01-01', '2029-01-01', '2030-01-01']
    >>> [d.isoformat()[:7] for d in horizon_ticks((dt.date(2024, 1, 1), dt.date(2024, 12, 31)))]
    ['2024-01', '2024-04', '2024-07', '2024-10']
    """
    first, last = horizon
    years = last.year - first.year + 1
    if years <= 2:
        months = 3 * years
        out: list[dt.date] = []
        month = first.year * 12 + first.month - 1
        while (day := dt.date(month // 12, month % 12 + 1, 1)) <= last:
            out.append(day)
            month += months
        return out
    step = -(-years // HORIZON_TICKS)  # ceiling
    return [dt.date(y, 1, 1) for y in range(first.year, last.year + 1, step)]


def day_label(field: str, lang: Lang) -> str:
    """A Vega expression writing the day in ``field`` (an ISO date, a UTC midnight) in UTC, in
    the time axis's style with the day added ("%b %Y" -> "6 Jan 2027", "%Y年%-m月" ->
    "2027年1月6日"): a tooltip's temporal field is written in local time, which shows a reader
    west of Greenwich the day before (Vega-Lite reads a tooltip's format in UTC only on a
    "utc" scale, and a tooltip has none)."""
    fmt = "%-d %b %Y" if lang == "en" else "%Y年%-m月%-d日"
    return f"utcFormat(toDate(datum.{field}), '{fmt}')"


def horizon_axis(horizon: Horizon, lang: Lang) -> tuple[dict[str, Any], dict[str, Any]]:
    """The x scale and axis of a time chart over ``horizon``: the domain from the first day
    to the end of the last, ticks at `horizon_ticks`, all in UTC (the dates of the rows are
    read as UTC midnights, so a reader east or west of Greenwich sees the same labels)."""
    ticks = horizon_ticks(horizon)
    yearly = all(d.month == 1 for d in ticks) and len({d.year for d in ticks}) == len(ticks)
    if yearly and len(ticks) > 1:
        fmt = "%Y" if lang == "en" else "%Y年"
    else:
        fmt = "%b %Y" if lang == "en" else "%Y年%-m月"
    end = horizon[1] + dt.timedelta(days=1)  # the end of the last day
    scale = {"domain": [_utc_day(horizon[0]), _utc_day(end)], "type": "utc"}
    axis = {
        "format": fmt,  # read in UTC on a "utc" scale
        "labelAngle": 0,
        "labelOverlap": True,
        "labelSeparation": TIME_LABEL_GAP_PX,
        "values": [_utc_day(d) for d in ticks],
    }
    return scale, axis


def band_spec(
    bands: pd.DataFrame,
    *,
    title: str,
    description: str,
    y_title: str,
    lang: Lang = "en",
    labels: Mapping[str, str] | None = None,
    shocks: Sequence[tuple[dt.date, dt.date]] = (),
    width: Width = "container",
    height: int = 260,
    legend_title: str | None = None,
    horizon: Horizon | None = None,
) -> Spec:
    """Median lines and p5–p95 bands per ``key`` over ``date`` (or ``week`` without dates).

    ``horizon``: the first and last day of the time axis (`bands_horizon`, a scenario's
    horizon), with ticks at fixed dates (`horizon_axis`): charts of one result or comparison
    given the same horizon share their start, end and ticks, whatever weeks their own rows
    cover. Without it the axis follows the rows."""
    df = bands.copy()
    names = dict(labels or {})
    df["name"] = [names.get(str(k), str(k)) for k in df["key"]]
    use_date = "date" in df.columns and df["date"].notna().all()
    scale: dict[str, Any] = {}
    if use_date:
        df["date"] = pd.to_datetime(df["date"]).dt.strftime("%Y-%m-%d")
        fmt = "%b %Y" if lang == "en" else "%Y年%-m月"
        axis: dict[str, Any] = {
            "format": fmt,
            "labelAngle": 0,
            "labelOverlap": True,
            "labelSeparation": TIME_LABEL_GAP_PX,
            "tickCount": 6,
        }
        if horizon is not None:
            scale, axis = horizon_axis(horizon, lang)
        x = _field("date", "temporal", axis=axis, title=message("report.axis_date", lang))
    else:
        x = _field("week", "quantitative", title=message("report.axis_week", lang))
    order = list(dict.fromkeys(df["name"]))
    colour = _field(
        "name",
        "nominal",
        legend=_legend(len(order), order),
        scale={"domain": order, "range": list(PALETTE[: len(order)])},
        sort=order,
        title=legend_title or "",
    )
    time_field = "date" if use_date else "week"
    df = df[["name", time_field, "p5", "p50", "p95"]]
    df[["p5", "p50", "p95"]] = df[["p5", "p50", "p95"]].astype(float).round(2)  # % to 0.01
    band: Spec = {
        "mark": {"type": "area", "opacity": 0.18},
        "encoding": {
            "color": colour,
            # the horizon's scale on this layer only: Vega-Lite 5.23 (the dashboard's) takes
            # the same explicit time domain on two layers for a conflict and loses the axis
            "x": {**x, "scale": scale} if scale else x,
            "y": _field("p5", "quantitative", title=y_title),
            "y2": _field("p95", ""),
        },
    }
    line: Spec = {
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            "color": colour,
            # every row titled in the chart's language, the median with the axis's unit
            "tooltip": [
                _field(
                    "name", "nominal", title=legend_title or message("report.axis_series", lang)
                ),
                _field("day", "nominal", title=x["title"])
                if use_date
                else _field("week", "quantitative", title=x["title"]),
                _field(
                    "p50",
                    "quantitative",
                    format=",.1f",
                    title=f"p50 ({y_title})" if lang == "en" else f"p50（{y_title}）",
                ),
                _field("p5", "quantitative", format=",.1f"),
                _field("p95", "quantitative", format=",.1f"),
            ],
            "x": x,
            "y": _field("p50", "quantitative", title=y_title),
        },
    }
    if use_date:  # the day in UTC, as the axis reads it (`day_label`)
        line["transform"] = [{"calculate": day_label("date", lang), "as": "day"}]
    hit = _hit_line(line, _field("name", "nominal"))
    data = {"values": _rows(df)}
    shocks_drawn = _shock_layer(shocks, lang, height) if use_date else []
    if shocks_drawn:  # layers with data of their own
        spec = _chart(
            layer=[
                *shocks_drawn,
                {"data": data, **band},
                {"data": data, **line},
                {"data": data, **hit},
            ]
        )
    else:
        spec = _chart(layer=[band, line, hit], data=data)
    spec.update(description=description, height=height, title=title)
    return styled(spec, width)


#: width of a line's invisible hit area, px (`_hit_line`)
HIT_LINE_PX = 16


def _hit_line(line: Spec, detail: dict[str, Any]) -> Spec:
    """An invisible copy of ``line`` (a line layer), `HIT_LINE_PX` wide, on top, with its
    tooltip: Vega gives a line's tooltip only within its stroke width of a data point (2 px),
    so that a 2 px line drawn through weeks a pixel apart (a phone) or years 20 px apart gave
    none under a pointer or a finger; within 16 px of a point it does. ``detail``: the field
    that splits the lines (the visible layer's colour)."""
    encoding = {k: v for k, v in line["encoding"].items() if k not in ("color", "strokeDash")}
    hit: Spec = {
        "mark": {"type": "line", "stroke": "transparent", "strokeWidth": HIT_LINE_PX},
        "encoding": {**encoding, "detail": detail},
    }
    if "transform" in line:
        hit["transform"] = line["transform"]
    return hit


#: a value axis' labels at least `LABEL_GAP_PX` apart, every other one dropped until they are
#: (Vega's ``labelOverlap``): the Japanese briefing's loss by country wrote 18 labels of 億ドル,
#: "1,0001,2001,400" with no room between them
VALUE_AXIS = {"labelOverlap": True, "labelSeparation": LABEL_GAP_PX}

#: a bar with a whisker: its row's height (the value label above the row's middle, the bar
#: below it; as high as the rows of bars without whiskers), the bar's thickness and how far
#: its middle sits below the row's middle, px
BAR_ROW_PX = 26
BAR_PX = 10
BAR_SHIFT_PX = 1 + BAR_PX // 2


def bar_spec(
    items: pd.DataFrame,
    *,
    title: str,
    description: str,
    x_title: str,
    colour: str = PALETTE[0],
    width: Width = "container",
    series: Sequence[str] | None = None,
    limit: float | None = None,
) -> Spec:
    """Horizontal bars (``label``, ``value``) in the given order, with p5–p95 whiskers where
    ``low``/``high`` exist and the formatted value where ``text`` exists: beside a bar that
    ends in the left half of the axis, inside the end of a longer one (white), so that no
    label runs past the plot on a narrow screen. A bar with a whisker carries its value above
    it, from the zero line (`BAR_ROW_PX` a row: the label, then a thinner bar with its whisker
    through its middle), so that no whisker crosses a label, whatever its length or language.
    The axis holds every whisker. Each bar's label is drawn whole, one wider than
    `BAR_LABEL_PX` on lines (`bar_label_lines`, its row tall enough for them), in a margin as
    wide as its widest line in any of the charts' fonts (`label_margin`).

    With ``series`` (the names, in order) the rows also carry a ``series`` column: one bar per
    series side by side for each label, one colour per series. ``limit``: the largest value
    the quantity can take (100 for a share in %), where the axis stops."""
    df = items.copy()
    order = list(dict.fromkeys(df["label"]))
    whiskers = {"low", "high"} <= set(df.columns) and df[["low", "high"]].notna().all().all()
    above = bool(whiskers) and "text" in df.columns and not series
    # every label whole (no limit), a long one on lines of `BAR_LABEL_PX` (`bar_label_lines`)
    lines = bar_label_lines(order)
    drawn = [("\n".join(lines[x]) if x in lines else x) for x in order]
    y_axis: dict[str, Any] = {"labelLimit": 0, "minExtent": label_margin(drawn)}
    if lines:
        y_axis["labelExpr"] = label_expr(lines)
    if above:  # the name level with its bar, below the row's middle
        y_axis["labelOffset"] = BAR_SHIFT_PX
    y = _field("label", "nominal", axis=y_axis, sort=order, title=None)
    extra: dict[str, Any] = {}
    fill: dict[str, Any] = {}
    if series:
        extra["yOffset"] = _field("series", "nominal", sort=list(series))
        fill["color"] = _field(
            "series",
            "nominal",
            # one entry a line: a side-by-side legend wider than a phone leaves no room to draw
            legend={"direction": "vertical", "labelLimit": 300, "orient": "bottom"},
            scale={"domain": list(series), "range": list(PALETTE[: len(series)])},
            sort=list(series),
            title=None,
        )
    values = df["value"].astype(float)
    if whiskers:  # whiskers inside the plot (one past its edge left it no width at all)
        values = pd.concat([values, df["low"].astype(float), df["high"].astype(float)])
    high = max(0.0, float(values.max()) if len(df) else 0.0)
    low = min(0.0, float(values.min()) if len(df) else 0.0)
    room = 0.3 if "text" in df.columns and not above else 0.05  # space for a value beside a bar
    domain = [low, high + (high - low) * room or 1.0]
    if limit is not None:
        domain[1] = min(domain[1], max(limit, high))
    mark: Spec = {"type": "bar"} if series else {"type": "bar", "color": colour}
    if above:
        mark.update(size=BAR_PX, yOffset=BAR_SHIFT_PX)
    bars: Spec = {
        "mark": mark,
        "encoding": {
            **fill,
            "tooltip": [
                _field("label", "nominal"),
                _field("value", "quantitative", format=",.1f"),
            ],
            # nice=False: the axis ends at the domain (the largest bar and room for its value),
            # not rounded up a whole step beyond (review 24, finding 8: 27 drew an axis to 40)
            "x": _field(
                "value",
                "quantitative",
                axis=VALUE_AXIS,
                scale={"domain": domain, "nice": False},
                title=x_title,
            ),
            "y": y,
            **extra,
        },
    }
    layers = [bars]
    if whiskers:
        layers.append(
            {
                "mark": {"type": "rule", "color": "#333333"}
                | ({"yOffset": BAR_SHIFT_PX} if above else {}),
                "encoding": {
                    "x": _field("low", "quantitative"),
                    "x2": _field("high", ""),
                    "y": y,
                    **extra,
                },
            }
        )
    if above:  # from the zero line towards the longer side of the axis, above the bar
        layers.append(
            {
                "mark": {
                    "type": "text",
                    "align": "left" if domain[1] >= -domain[0] else "right",
                    "baseline": "bottom",
                    "color": "#222222",
                    "dx": 2 if domain[1] >= -domain[0] else -2,
                    "dy": BAR_SHIFT_PX - BAR_PX // 2 - 1,
                    "fontSize": FONT_PX,
                },
                "encoding": {
                    "text": _field("text", "nominal"),
                    "x": {"datum": 0, "type": "quantitative"},
                    "y": y,
                },
            }
        )
    elif "text" in df.columns:
        middle = domain[1] / 2  # bars ending right of it carry their label inside
        for inside in (False, True):
            layers.append(
                {
                    "mark": {
                        "type": "text",
                        "align": "right" if inside else "left",
                        "color": "#ffffff" if inside else "#222222",
                        "dx": -4 if inside else 4,
                        "fontSize": FONT_PX,
                    },
                    "transform": [{"filter": f"datum.value {'>' if inside else '<='} {middle:g}"}],
                    "encoding": {
                        "text": _field("text", "nominal"),
                        "x": _field("value", "quantitative"),
                        "y": y,
                        **extra,
                    },
                }
            )
    per_label = 26 if not series else 14 + 16 * len(series)
    if above:
        per_label = BAR_ROW_PX
    most = max((len(x) for x in lines.values()), default=1)
    per_label = max(per_label, LABEL_LINE_PX * most + 8)  # a wrapped label's lines in its row
    spec = _chart(
        layer=layers,
        data={"values": _rows(df)},
        description=description,
        height=max(60, per_label * len(order)),
        title=title,
    )
    return styled(spec, width)


def line_spec(
    rows: pd.DataFrame,
    *,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    variants: Sequence[str],
    colours: Mapping[str, str] | None = None,
    width: Width = "container",
    group_title: str | None = None,
    variant_title: str | None = None,
) -> Spec:
    """Lines over ``year``, one colour per ``group``, solid and dashed for the two ``variant``
    values (rows ``year, group, variant, value``). ``colours``: each group's colour, in the
    legend's order (default: `LINE_PALETTE` in the order the groups come), so that a group
    keeps its colour whatever its name sorts to in a language. The tooltip titles the year and
    the value as the axes do, the group and variant ``group_title`` and ``variant_title``."""
    if colours is None:
        groups = list(dict.fromkeys(rows["group"]))
        colours = dict(
            zip(groups, LINE_PALETTE * (1 + len(groups) // len(LINE_PALETTE)), strict=False)
        )
    group, variant = _field("group", "nominal"), _field("variant", "nominal")
    spec = _chart(
        data={"values": _rows(rows)},
        # the lines with their points, then each line's invisible hit area (`_hit_line`): the
        # layers share the encoding, the hit area without colour or dashes
        layer=[
            {"mark": {"type": "line", "point": True, "strokeWidth": 2}},
            {
                "mark": {"type": "line", "strokeWidth": HIT_LINE_PX},
                "encoding": {
                    "color": {"value": "transparent"},
                    "detail": [group, variant],
                    "strokeDash": {"value": [1, 0]},
                },
            },
        ],
        encoding={
            "color": _field(
                "group",
                "nominal",
                # three columns: four of the seven regions' names are wider than a 390 px
                # phone, which cut the fourth (South Korea) off
                legend={"columns": 3, "symbolStrokeWidth": 3, "symbolType": "stroke"},
                scale={"domain": list(colours), "range": list(colours.values())},
                sort=list(colours),
                title=None,
            ),
            "strokeDash": _field(
                "variant",
                "nominal",
                # one entry a line: the two long labels side by side are wider than a phone
                legend={
                    "direction": "vertical",
                    "symbolSize": 400,
                    "symbolStrokeColor": "#333333",  # a dash has no colour of its own
                    "symbolStrokeWidth": 2,
                    "symbolType": "stroke",
                    # with the line's points the legend draws filled symbols and drops the
                    # stroke colour above: a line sample without a stroke is blank (review12
                    # #7), so the symbols' stroke is set here
                    "encode": {"symbols": {"update": {"stroke": {"value": "#333333"}}}},
                },
                scale={"domain": list(variants), "range": [[1, 0], [5, 4]]},
                sort=list(variants),
                title=None,
            ),
            "tooltip": [
                _field("group", "nominal", title=group_title or "group"),
                _field("year", "ordinal", title=x_title),
                _field("value", "quantitative", format=",.0f", title=y_title),
                _field("variant", "nominal", title=variant_title or "variant"),
            ],
            "x": _field(
                "year",
                "ordinal",
                axis={"labelAngle": 0, "labelOverlap": True, "labelSeparation": TIME_LABEL_GAP_PX},
                title=x_title,
            ),
            "y": _field("value", "quantitative", title=y_title),
        },
        description=description,
        height=240,
        title=title,
    )
    return styled(spec, width)


def tornado_spec(
    rows: pd.DataFrame,
    *,
    title: str,
    description: str,
    x_title: str,
    low_name: str,
    high_name: str,
    width: Width = "container",
) -> Spec:
    """Bars from the base value to the KPI at each assumption's low and high end (``label,
    low, base, high``), the factor that moves the median furthest on top
    (`chipshock.sim.sensitivity.factor_reach`, the order of the tables)."""
    from chipshock.sim.sensitivity import factor_reach

    df = rows.copy()
    df["reach"] = factor_reach(df["low"], df["base"], df["high"])
    df["swing"] = (df["high"] - df["low"]).abs()
    df = df.sort_values(["reach", "swing"], ascending=False, kind="stable").drop(columns="reach")
    # each label on as many lines as it needs, broken between words (review12 #8: a name and
    # its range cut mid-word at 300 px); the axis splits the lines at "\n"
    df["label"] = [wrap_label(str(x), TORNADO_LABEL_PX) for x in df["label"]]
    lines = max((str(x).count("\n") + 1 for x in df["label"]), default=1)
    order = list(df["label"])
    long = pd.concat(
        [
            df.assign(end=df["low"], side=low_name)[["label", "base", "end", "side"]],
            df.assign(end=df["high"], side=high_name)[["label", "base", "end", "side"]],
        ]
    )
    bars: Spec = {
        "data": {"values": _rows(long)},
        "mark": {"type": "bar", "opacity": 0.85},
        "encoding": {
            "color": _field(
                "side",
                "nominal",
                scale={"domain": [low_name, high_name], "range": [PALETTE[0], PALETTE[1]]},
                title=None,
            ),
            "tooltip": [
                _field("label", "nominal"),
                _field("side", "nominal"),
                _field("end", "quantitative", format=",.2f"),
            ],
            "x": _field("base", "quantitative", title=x_title),
            "x2": _field("end", ""),
            "y": _field(
                "label",
                "nominal",
                axis={
                    "labelExpr": "split(datum.label, '\\n')",
                    "labelLimit": 0,
                    "minExtent": label_margin(order),
                },
                sort=order,
                title=None,
            ),
        },
    }
    rule: Spec = {
        "data": {"values": _rows(df.head(1))},
        "mark": {"type": "rule", "color": "#000000"},
        "encoding": {"x": _field("base", "quantitative")},
    }
    spec = _chart(
        layer=[bars, rule],
        description=description,
        height=max(60, max(28, 15 * lines + 8) * len(df)),
        title=title,
    )
    return styled(spec, width)


def render_svg(spec: Spec) -> str:
    """The spec drawn as one SVG string (vl-convert), with its title and description for screen
    readers (``role="img"``, ``<title>``, ``<desc>``), scaled to its container."""
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover
        from chipshock.errors import ChipshockError

        raise ChipshockError(
            "charts need 'vl-convert-python': pip install chipshock[charts]"
        ) from exc
    import html

    title = spec.get("title")
    name = title.get("text") if isinstance(title, dict) else title
    drawn = dict(spec)
    if drawn.get("width") == "container":
        drawn["width"] = STATIC_WIDTH
    # wrapped at the chart's width as its bold title font draws it (a chart drawn narrower than
    # STATIC_WIDTH, the report's compact figures, wraps sooner)
    drawn_px = drawn.get("width")
    limit = min(drawn_px, STATIC_WIDTH) if isinstance(drawn_px, int) else STATIC_WIDTH
    if isinstance(name, str) and text_px(name, TITLE_PX, bold=True) > limit:
        lines = wrap_label(name, limit, TITLE_PX, bold=True).split("\n")
        drawn["title"] = {**title, "text": lines} if isinstance(title, dict) else lines
    svg = str(vlc.vegalite_to_svg(drawn, vl_version=VL_VERSION))
    desc = str(spec.get("description") or "")
    head = svg.index(">", svg.index("<svg")) + 1
    opening = svg[:head].replace("<svg", '<svg role="img" class="chart"', 1)
    return (
        f"{opening}<title>{html.escape(str(name or ''))}</title>"
        f"<desc>{html.escape(desc)}</desc>{svg[head:]}"
    )


def _window(df: pd.DataFrame) -> pd.DataFrame:
    """Weeks where something happens: a quarter before the first dip to two years after the last."""
    hit = df.loc[(df["p5"] < 99.0) | (df["p50"] < 99.5), "week"]
    if hit.empty:
        return df
    out: pd.DataFrame = df[(df["week"] >= hit.min() - 13) & (df["week"] <= hit.max() + 104)]
    return out


def listed(parts: Sequence[str], lang: Lang, title: str = "") -> str:
    """A chart's text alternative in the language's punctuation: ``parts`` after ``title``
    ("Title: a, b"; 「題：a、b」); a part "label: value" is `labelled`.

    >>> listed(["Taiwan USD 3.0 bn", "Japan USD 1.0 bn"], "en", "Loss")
    'Loss: Taiwan USD 3.0 bn, Japan USD 1.0 bn'
    >>> listed([labelled("台湾", "30億ドル", "ja"), labelled("日本", "10億ドル", "ja")], "ja")
    '台湾：30億ドル、日本：10億ドル'
    """
    text = ("、" if lang == "ja" else ", ").join(parts)
    return labelled(title, text, lang) if title else text


def labelled(label: str, value: str, lang: Lang) -> str:
    """ "label: value", 「ラベル：値」."""
    return f"{label}：{value}" if lang == "ja" else f"{label}: {value}"


#: a middle line at or above this (% of normal or of demand) has lost nothing: 99.95 shows as
#: 100.0 at one decimal
NORMAL_PCT = 99.95


def _lowest(df: pd.DataFrame, names: Mapping[str, str], lang: Lang, *, sides: bool = False) -> str:
    """Where the lowest middle line bottoms out; ``sides``: the keys are a comparison's side
    labels ("without the alliance fabs"), named as the line's label, not as a market.

    When no middle line falls below `NORMAL_PCT` the note says so and gives no date (session
    31's audit, finding 1: a flat line's "lowest" point was the first week of the horizon, a
    year before the shock)."""
    if df.empty or float(df["p50"].min()) >= NORMAL_PCT:
        key = "report.chart_desc_side_flat" if sides else "report.chart_desc_flat"
        return message(key, lang)
    low = df.sort_values(["p50", "week"]).iloc[0]
    date = low.get("date")
    if date is not None and not pd.isna(date):
        day = pd.Timestamp(date)
        when = f"{day:%B %Y}" if lang == "en" else f"{day.year}年{day.month}月"
    else:
        when = f"{message('report.axis_week', lang)} {int(low['week'])}"
    key = "report.chart_desc_side" if sides else "report.chart_desc"
    return message(key, lang, name=names[str(low["key"])], when=when)


def series_spec(
    result: Any,
    series: str,
    lang: Lang = "en",
    *,
    width: Width = "container",
    title: str | None = None,
    horizon: Horizon | None = None,
) -> Spec | None:
    """The band chart of one series of a result (``output_pct_of_normal``,
    ``delivered_pct_of_demand`` or ``supply_pct_of_demand``) over ``horizon`` (default: the
    result's own, `bands_horizon`)."""
    shocks = shock_windows(getattr(result, "scenario", None))
    return bands_spec(
        result.bands, series, lang, shocks=shocks, width=width, title=title, horizon=horizon
    )


def bands_spec(
    bands: pd.DataFrame,
    series: str,
    lang: Lang = "en",
    *,
    shocks: Sequence[tuple[dt.date, dt.date]] = (),
    width: Width = "container",
    title: str | None = None,
    horizon: Horizon | None = None,
) -> Spec | None:
    """`series_spec` from a bands table (``series, key, week, date, p5, p50, p95``), e.g. of a
    saved result, with the given shock windows, over ``horizon`` (default: the table's own,
    `bands_horizon`): every week of it, so that the output, chips and node-class charts of one
    result share one time axis (without dates: the weeks that move, `_window`)."""
    horizon = horizon or bands_horizon(bands)
    df = bands[bands["series"] == series]
    if horizon is None:
        df = _window(df)
    if df.empty:
        return None
    node = series == "supply_pct_of_demand"
    label = node_label if node else market_label
    names = {k: label(k, lang) for k in dict.fromkeys(df["key"].astype(str))}
    key = {
        "output_pct_of_normal": ("chart_output", "axis_pct_normal"),
        "delivered_pct_of_demand": ("chart_delivered", "axis_pct_demand"),
        "supply_pct_of_demand": ("chart_supply", "axis_pct_demand"),
    }[series]
    return band_spec(
        df,
        title=title or message(f"report.{key[0]}", lang),
        # above 100 % is spare capacity, not a glut (review12 #10)
        description=_lowest(df, names, lang)
        # no space after a Japanese sentence's 。
        + (
            ("" if lang == "ja" else " ") + message("report.chart_supply_note", lang)
            if node
            else ""
        ),
        y_title=message(f"report.{key[1]}", lang),
        lang=lang,
        labels=names,
        shocks=shocks,
        width=width,
        horizon=horizon,
    )


def comparison_spec(
    cmp: Any,
    market: str,
    names: tuple[str, str],
    lang: Lang = "en",
    *,
    width: Width = "container",
    height: int = 260,
    horizon: Horizon | None = None,
) -> Spec | None:
    """Output of one end market on both sides of a comparison (keys: the side names);
    ``height`` of the plot in px (the report's body draws it lower, under its lead chart);
    ``horizon``: the time axis (default: both sides' horizons together, `bands_horizon`)."""
    frames = []
    for name, side in zip(names, (cmp.a, cmp.b), strict=True):
        bands: pd.DataFrame = side.bands
        rows = bands[(bands["series"] == "output_pct_of_normal") & (bands["key"] == market)]
        frames.append(rows.assign(key=name))
    df = pd.concat(frames, ignore_index=True)
    if df.empty:
        return None
    horizon = horizon or bands_horizon(cmp.a.bands, cmp.b.bands)
    if horizon is None:
        weeks = _window(df)["week"]
        df = df[df["week"].isin(set(weeks))]
    m = market_label(market, lang)
    return band_spec(
        df,
        title=message("report.chart_compare", lang, market=m, a=names[0], b=names[1]),
        description=_lowest(df, {n: n for n in names}, lang, sides=True),
        y_title=message("report.axis_pct_normal", lang),
        lang=lang,
        shocks=shock_windows(getattr(cmp.a, "scenario", None)),
        width=width,
        height=height,
        horizon=horizon,
    )


def usd_axis_scale(lang: Lang) -> float:
    """USD bn to the axis unit: USD bn (en) or 億ドル (ja)."""
    return 1.0 if lang == "en" else 10.0


def usd_items(frame: pd.DataFrame, labels: list[str], lang: Lang) -> pd.DataFrame:
    """Bar rows (``label, value, low, high, text``) from rows with ``p5, p50, p95`` in USD bn;
    the medians' texts by one rule for the chart (`fmt_usd_column`: one unit and number of
    decimals, a true zero ``0``, a tiny amount "<" the step, never ``0.0``)."""
    scale = usd_axis_scale(lang)
    return pd.DataFrame(
        {
            "label": labels,
            "value": (frame["p50"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "low": (frame["p5"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "high": (frame["p95"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "text": fmt_usd_column([float(v) * 1e9 for v in frame["p50"]], lang),
        }
    )  # rounded to USD 0.1 m (10万ドル): no rounding residue reaches a label as 1e-14
