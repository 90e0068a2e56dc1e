"""Charts as Vega-Lite specs built with Altair from tidy tables: one spec for every surface.

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
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from chipshock.present.labels import Lang, market_label, node_label
from chipshock.present.messages import message

__all__ = [
    "FONT_PX",
    "PALETTE",
    "altair_api",
    "band_spec",
    "bands_spec",
    "bar_spec",
    "line_spec",
    "render_svg",
    "shock_windows",
    "styled",
    "tornado_spec",
]

#: Colour-blind-safe palette (Okabe–Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: smallest text size of any chart, in CSS pixels at the chart's natural width
FONT_PX = 12
FONT = "Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif"

Spec = dict[str, Any]


def altair_api() -> Any:
    try:
        import altair as alt
    except ImportError as exc:  # pragma: no cover - the [charts] extra is missing
        from chipshock.errors import ChipshockError

        raise ChipshockError("charts need 'altair': pip install chipshock[charts]") from exc
    return alt


#: the Vega-Lite major version the specs are written for: the dashboard's packaged vega-lite is
#: 5.23 (`web/static/vendor/VERSIONS.md`); `render_svg` uses vl-convert's newest 5.x (5.21), so
#: that both surfaces read a spec with the same grammar (Altair itself writes v6 specs)
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.21"
#: width of a chart drawn outside a page layout (report, PDF): a spec laid out at its
#: container's width ("container") gets this width in `render_svg`
STATIC_WIDTH = 640

Width = int | str
#: longest title line drawn by `render_svg` (longer titles wrap; the dashboard sets the title
#: as page text, which wraps by itself)
TITLE_CHARS = 72


def styled(chart: Any, width: Width) -> Spec:
    """The shared look: fonts, sizes (>= FONT_PX), no border; returned as a plain dict.

    ``width="container"`` lays the chart out at the width of the element it is drawn in (the
    dashboard: text stays at its size on a phone instead of being scaled down); `render_svg`
    gives such a spec `STATIC_WIDTH` for the report. The chart is turned into a dict once and
    the look is set on the dict: each Altair ``.properties``/``.configure_*`` call deep-copies
    the chart with its inline data, which cost about a second per result."""
    spec: Spec = chart.to_dict(validate=False)
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
    }
    config["title"] = {
        **config.get("title", {}),
        "fontSize": FONT_PX + 2,
        "anchor": "start",
        "subtitleFontSize": FONT_PX,
    }
    config["text"] = {**config.get("text", {}), "fontSize": FONT_PX}
    config["view"] = {**config.get("view", {}), "stroke": None}
    spec["$schema"] = SCHEMA
    return spec


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


def _shock_layer(
    alt: Any, windows: Sequence[tuple[dt.date, dt.date]], lang: Lang, height: int
) -> list[Any]:
    if not windows:
        return []
    frame = pd.DataFrame(
        [
            {
                "start": a.isoformat(),
                "end": b.isoformat(),
                "what": message("report.shock_period", lang),
            }
            for a, b in windows
        ]
    )
    rect = (
        alt.Chart(frame)
        .mark_rect(color="#999999", opacity=0.18)
        .encode(x="start:T", x2="end:T", tooltip=["what:N", "start:T", "end:T"])
    )
    text = (
        alt.Chart(frame)
        .mark_text(align="left", baseline="bottom", dx=3, dy=-3, color="#444444", fontSize=FONT_PX)
        .encode(x="start:T", y=alt.value(height), text="what:N")
    )
    return [rect, text]


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
) -> Spec:
    """Median lines and p5–p95 bands per ``key`` over ``date`` (or ``week`` without dates)."""
    alt = altair_api()
    df = bands.copy()
    names = dict(labels or {})
    df["name"] = [names.get(str(k), str(k)) for k in df["key"]]
    use_date = "date" in df.columns and df["date"].notna().all()
    if use_date:
        df["date"] = pd.to_datetime(df["date"]).dt.strftime("%Y-%m-%d")
        fmt = "%b %Y" if lang == "en" else "%Y年%-m月"
        x = alt.X(
            "date:T",
            title=message("report.axis_date", lang),
            axis=alt.Axis(format=fmt, tickCount=6, labelAngle=0, labelOverlap=True),
        )
    else:
        x = alt.X("week:Q", title=message("report.axis_week", lang))
    order = list(dict.fromkeys(df["name"]))
    colour = alt.Color(
        "name:N",
        title=legend_title or "",
        scale=alt.Scale(domain=order, range=list(PALETTE[: len(order)])),
        sort=order,
    )
    df = df[["name", "date" if use_date else "week", "p5", "p50", "p95"]]
    df[["p5", "p50", "p95"]] = df[["p5", "p50", "p95"]].astype(float).round(2)  # % to 0.01
    base = alt.Chart(df)
    band = base.mark_area(opacity=0.18).encode(
        x=x, y=alt.Y("p5:Q", title=y_title), y2="p95:Q", color=colour
    )
    line = base.mark_line(strokeWidth=2).encode(
        x=x,
        y=alt.Y("p50:Q", title=y_title),
        color=colour,
        tooltip=[
            alt.Tooltip("name:N", title=legend_title or ""),
            alt.Tooltip("date:T" if use_date else "week:Q"),
            alt.Tooltip("p50:Q", format=",.1f"),
            alt.Tooltip("p5:Q", format=",.1f"),
            alt.Tooltip("p95:Q", format=",.1f"),
        ],
    )
    layers = (_shock_layer(alt, shocks, lang, height) if use_date else []) + [band, line]
    chart = alt.layer(*layers).properties(title=title, description=description, height=height)
    return styled(chart, width)


def bar_spec(
    items: pd.DataFrame,
    *,
    title: str,
    description: str,
    x_title: str,
    colour: str = PALETTE[0],
    width: Width = "container",
    series: Sequence[str] | None = None,
) -> Spec:
    """Horizontal bars (``label``, ``value``) in the given order, with p5–p95 whiskers where
    ``low``/``high`` exist and the formatted value beside each bar where ``text`` exists.

    With ``series`` (the names, in order) the rows also carry a ``series`` column: one bar per
    series side by side for each label, one colour per series."""
    alt = altair_api()
    df = items.copy()
    order = list(dict.fromkeys(df["label"]))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=170))
    extra: dict[str, Any] = {}
    if series:
        extra["yOffset"] = alt.YOffset("series:N", sort=list(series))
        fill = alt.Color(
            "series:N",
            title=None,
            sort=list(series),
            scale=alt.Scale(domain=list(series), range=list(PALETTE[: len(series)])),
            # one entry a line: a side-by-side legend wider than a phone leaves no room to draw
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=300),
        )
    values = df["value"].astype(float)
    high = max(0.0, float(values.max()) if len(df) else 0.0)
    low = min(0.0, float(values.min()) if len(df) else 0.0)
    room = 0.3 if "text" in df.columns else 0.05  # space for the value written beside a bar
    domain = [low, high + (high - low) * room or 1.0]
    x = alt.X("value:Q", title=x_title, scale=alt.Scale(domain=domain))
    bars = (
        alt.Chart(df)
        .mark_bar(**({} if series else {"color": colour}))
        .encode(
            x=x,
            y=y,
            **({"color": fill} if series else {}),
            **extra,
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("value:Q", format=",.1f")],
        )
    )
    layers = [bars]
    if {"low", "high"} <= set(df.columns) and df[["low", "high"]].notna().all().all():
        layers.append(
            alt.Chart(df).mark_rule(color="#333333").encode(x="low:Q", x2="high:Q", y=y, **extra)
        )
    if "text" in df.columns:
        layers.append(
            alt.Chart(df)
            .mark_text(align="left", dx=4, fontSize=FONT_PX, color="#222222")
            .encode(x="value:Q", y=y, text="text:N", **extra)
        )
    per_label = 26 if not series else 14 + 16 * len(series)
    chart = alt.layer(*layers).properties(
        title=title, description=description, height=max(60, per_label * len(order))
    )
    return styled(chart, width)


def line_spec(
    rows: pd.DataFrame,
    *,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    variants: Sequence[str],
    width: Width = "container",
) -> Spec:
    """Lines over ``year``, one colour per ``group``, solid and dashed for the two ``variant``
    values (rows ``year, group, variant, value``)."""
    alt = altair_api()
    chart = (
        alt.Chart(rows)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(
                "group:N",
                title=None,
                scale=alt.Scale(range=list(PALETTE)),
                legend=alt.Legend(columns=4, symbolType="stroke", symbolStrokeWidth=3),
            ),
            strokeDash=alt.StrokeDash(
                "variant:N",
                title=None,
                sort=list(variants),
                scale=alt.Scale(domain=list(variants), range=[[1, 0], [5, 4]]),
                legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, symbolSize=400),
            ),
            tooltip=["group:N", "variant:N", "year:O", alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(title=title, description=description, height=240)
    )
    return styled(chart, width)


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
    low, base, high``), longest swing on top."""
    alt = altair_api()
    df = rows.copy()
    df["swing"] = (df["high"] - df["low"]).abs()
    df = df.sort_values("swing", ascending=False)
    order = list(df["label"])
    long = pd.concat(
        [
            df.assign(end=df["low"], side=low_name)[["label", "base", "end", "side"]],
            df.assign(end=df["high"], side=high_name)[["label", "base", "end", "side"]],
        ]
    )
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=300))
    bars = (
        alt.Chart(long)
        .mark_bar(opacity=0.85)
        .encode(
            x=alt.X("base:Q", title=x_title),
            x2="end:Q",
            y=y,
            color=alt.Color(
                "side:N",
                title=None,
                scale=alt.Scale(domain=[low_name, high_name], range=[PALETTE[0], PALETTE[1]]),
            ),
            tooltip=["label:N", "side:N", alt.Tooltip("end:Q", format=",.2f")],
        )
    )
    rule = alt.Chart(df.head(1)).mark_rule(color="#000000").encode(x="base:Q")
    chart = alt.layer(bars, rule).properties(
        title=title, description=description, height=max(60, 28 * len(df))
    )
    return styled(chart, width)


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
    import textwrap

    title = spec.get("title")
    name = title.get("text") if isinstance(title, dict) else title
    drawn = dict(spec)
    if drawn.get("width") == "container":
        drawn["width"] = STATIC_WIDTH
    wide = isinstance(name, str) and any(ord(c) >= 0x3000 for c in name)
    limit = TITLE_CHARS // 2 if wide else TITLE_CHARS  # a CJK character is about two wide
    if isinstance(name, str) and len(name) > limit:  # wrapped, not wider than the chart
        lines = textwrap.wrap(name, limit)
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


def _lowest(df: pd.DataFrame, names: Mapping[str, str], lang: Lang) -> str:
    low = df.sort_values(["p50", "week"]).iloc[0]
    date = low.get("date")
    if date is not None and not pd.isna(date):
        day = pd.Timestamp(date)
        when = f"{day:%B %Y}" if lang == "en" else f"{day.year}年{day.month}月"
    else:
        when = f"{message('report.axis_week', lang)} {int(low['week'])}"
    return message("report.chart_desc", lang, name=names[str(low["key"])], when=when)


def series_spec(
    result: Any,
    series: str,
    lang: Lang = "en",
    *,
    width: Width = "container",
    title: str | None = None,
) -> Spec | None:
    """The band chart of one series of a result (``output_pct_of_normal``,
    ``delivered_pct_of_demand`` or ``supply_pct_of_demand``), trimmed to the weeks that move."""
    shocks = shock_windows(getattr(result, "scenario", None))
    return bands_spec(result.bands, series, lang, shocks=shocks, width=width, title=title)


def bands_spec(
    bands: pd.DataFrame,
    series: str,
    lang: Lang = "en",
    *,
    shocks: Sequence[tuple[dt.date, dt.date]] = (),
    width: Width = "container",
    title: str | None = None,
) -> Spec | None:
    """`series_spec` from a bands table (``series, key, week, date, p5, p50, p95``), e.g. of a
    saved result, with the given shock windows."""
    df = _window(bands[bands["series"] == series])
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
        description=_lowest(df, names, lang),
        y_title=message(f"report.{key[1]}", lang),
        lang=lang,
        labels=names,
        shocks=shocks,
        width=width,
    )


def comparison_spec(
    cmp: Any, market: str, names: tuple[str, str], lang: Lang = "en", *, width: Width = "container"
) -> Spec | None:
    """Output of one end market on both sides of a comparison (keys: the side names)."""
    frames = []
    for name, side in zip(names, (cmp.a, cmp.b), strict=True):
        bands: pd.DataFrame = side.bands
        rows = bands[(bands["series"] == "output_pct_of_normal") & (bands["key"] == market)]
        frames.append(rows.assign(key=name))
    df = pd.concat(frames, ignore_index=True)
    if df.empty:
        return None
    weeks = _window(df)["week"]
    df = df[df["week"].isin(set(weeks))]
    m = market_label(market, lang)
    return band_spec(
        df,
        title=message("report.chart_compare", lang, market=m, a=names[0], b=names[1]),
        description=_lowest(df, {n: n for n in names}, lang),
        y_title=message("report.axis_pct_normal", lang),
        lang=lang,
        shocks=shock_windows(getattr(cmp.a, "scenario", None)),
        width=width,
    )
