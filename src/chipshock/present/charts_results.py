"""Charts of a scenario result's economic tables, each measure named for what it is.

- ``loss_country``: gross output at risk (downstream revenue of end products not made) by the
  country where the end products are made (`SimResult.loss_by_country`, USD bn);
- ``value_added``: value added lost by country (GDP-like: downstream value added plus the chip
  makers' own), from `SimResult.value_added_by_country` (measure ``value_added_lost``, USD bn);
- ``loss_market``: gross output at risk per end market on both sides of a comparison;
- ``country_market``: value added lost by country and end market (a heat map), from
  `SimResult.value_added_by_country_market` (measure ``value_added_lost``, USD bn); the chip
  makers' part is spread over markets by their normal customer mix.

Values are medians (p50) with the p5–p95 range as a whisker; in Japanese the axis is in 億ドル
(USD bn × 10), as in the report's tables.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.chart_text import label_margin, turned_axis
from chipshock.present.charts import (
    PALETTE,
    Spec,
    Width,
    bands_horizon,
    bar_spec,
    comparison_spec,
    labelled,
    listed,
    series_spec,
    styled,
    usd_axis_scale,
    usd_items,
)
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang, country_label, market_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_usd

__all__ = [
    "chart_specs",
    "country_loss_spec",
    "country_market_spec",
    "market_loss_spec",
    "usd_axis_scale",
    "usd_items",
    "value_added_spec",
]

#: most countries drawn in one chart (the tables list all)
TOP = 12
#: smallest median drawn, USD bn (USD 1,000): the engine's sums leave rounding residues of about
#: 1e-14 bn where nothing is lost (a baseline run), which are not losses
EPS_BN = 1e-6
_ALL = ("all", "total")


def _describe(title: str, items: pd.DataFrame, lang: Lang) -> str:
    """The bars' text alternative: the title, each bar's label and value (`listed`)."""
    parts = [f"{a} {b}" for a, b in zip(items["label"], items["text"], strict=True)]
    return listed(parts, lang, title)


#: how many net gainers a value-added chart shows after the countries that lose
GAINERS = 5


def _country_bars(
    frame: pd.DataFrame, key: str, lang: Lang, colour: str, width: Width, gains: bool = False
) -> Spec | None:
    """The `TOP` countries by median, largest first; with ``gains`` the countries whose median
    is a net gain (below zero: value added the shock moves to them) follow, the `GAINERS`
    largest, as bars to the left, labelled as gains, instead of being left out."""
    p50 = frame["p50"].astype(float)
    lost = frame[p50 > EPS_BN]
    gained = frame[p50 < -EPS_BN] if gains else frame.iloc[0:0]
    if lost.empty and gained.empty:
        return None
    top = pd.concat(
        [
            lost.sort_values("p50", ascending=False).head(TOP),
            gained.nsmallest(GAINERS, "p50").sort_values("p50", ascending=False),
        ]
    )
    labels = [
        country_label(str(c), lang)
        + (message("report.net_gain_suffix", lang) if float(v) < 0 else "")
        for c, v in zip(top["country"], top["p50"], strict=True)
    ]
    items = usd_items(top, labels, lang)
    title = message(f"report.chart_{key}", lang)
    return bar_spec(
        items,
        title=title,
        description=_describe(title, items, lang),
        x_title=message("report.axis_usd_bn", lang),
        colour=colour,
        width=width,
    )


def country_loss_spec(result: Any, lang: Lang = "en", *, width: Width = "container") -> Spec | None:
    """Gross output at risk by country (median, p5–p95), largest first; None without rows."""
    frame: pd.DataFrame = getattr(result, "loss_by_country", pd.DataFrame())
    if frame.empty:
        return None
    return _country_bars(frame, "country_loss", lang, PALETTE[1], width)


def value_added_spec(result: Any, lang: Lang = "en", *, width: Width = "container") -> Spec | None:
    """Value added lost by country (measure ``value_added_lost``), largest first; net gainers
    (a country whose chip makers sell more when others cannot) last, as bars below zero."""
    frame: pd.DataFrame = getattr(result, "value_added_by_country", pd.DataFrame())
    if frame.empty or "measure" not in frame.columns:
        return None
    rows = frame[frame["measure"] == "value_added_lost"]
    if rows.empty:
        return None
    return _country_bars(rows, "value_added", lang, PALETTE[2], width, gains=True)


def country_market_spec(
    result: Any, lang: Lang = "en", *, width: Width = "container"
) -> Spec | None:
    """Value added lost by country x end market (median, USD bn) as a heat map: the `TOP`
    countries by their total, markets in the engine's order; p5-p95 in the tooltip. None when
    the result has no such table or nothing is lost."""
    frame: pd.DataFrame = getattr(result, "value_added_by_country_market", pd.DataFrame())
    if frame.empty or "measure" not in frame.columns:
        return None
    rows = frame[(frame["measure"] == "value_added_lost") & ~frame["market"].isin(_ALL)]
    rows = rows[rows["p50"].astype(float) > EPS_BN]
    if rows.empty:
        return None
    totals = rows.groupby("country", sort=False)["p50"].sum().sort_values(ascending=False)
    keep = list(totals.index[:TOP])
    rows = rows[rows["country"].isin(keep)]
    scale = usd_axis_scale(lang)
    data = pd.DataFrame(
        {
            "country": [country_label(str(c), lang) for c in rows["country"]],
            "market": [market_label(str(m), lang) for m in rows["market"]],
            "value": (rows["p50"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "low": (rows["p5"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "high": (rows["p95"].astype(float).to_numpy() * scale).round(4) + 0.0,
            "text": [fmt_usd(float(v) * 1e9, lang) for v in rows["p50"]],
        }
    )
    countries = [country_label(str(c), lang) for c in keep]
    markets = list(dict.fromkeys(data["market"]))
    title = message("report.chart_country_market", lang)
    unit = message("report.axis_usd_bn", lang)
    top_cells = data.sort_values("value", ascending=False).head(5)
    description = listed(
        [
            f"{c} × {m} {t}"
            for c, m, t in zip(
                top_cells["country"], top_cells["market"], top_cells["text"], strict=True
            )
        ],
        lang,
        title,
    )
    spec: Spec = {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
        "data": {"values": to_jsonable(data)},
        "mark": {"type": "rect"},
        "encoding": {
            "color": {
                "field": "value",
                "scale": {"scheme": "blues"},
                "title": unit,
                "type": "quantitative",
            },
            "tooltip": [
                {"field": "country", "type": "nominal"},
                {"field": "market", "type": "nominal"},
                {"field": "text", "title": "p50", "type": "nominal"},
                {"field": "low", "format": ",.1f", "title": "p5", "type": "quantitative"},
                {"field": "high", "format": ",.1f", "title": "p95", "type": "quantitative"},
            ],
            "x": {
                # turned upright where the columns are too narrow for them level, each whole
                # below the plot in room for the longest as the widest of the fonts draws it
                "axis": {"labelLimit": 0, **turned_axis(markets)},
                "field": "market",
                "sort": markets,
                "title": None,
                "type": "nominal",
            },
            # every country's name whole (Vega cuts at 180 px by default; the longest,
            # "Europe, Middle East and Africa", takes up to 185 px: `text_px`), in a margin
            # as wide as the widest name drawn in any of the charts' fonts
            "y": {
                "axis": {"labelLimit": 0, "minExtent": label_margin(countries)},
                "field": "country",
                "sort": countries,
                "title": None,
                "type": "nominal",
            },
        },
        "description": description,
        "height": max(120, 24 * len(countries)),
        "title": title,
    }
    return styled(spec, width)


def market_loss_spec(
    cmp: Any, names: tuple[str, str], lang: Lang = "en", *, width: Width = "container"
) -> Spec | None:
    """Gross output at risk per end market, both sides of a comparison side by side."""
    parts = []
    for name, side in zip(names, (cmp.a, cmp.b), strict=True):
        kpis: pd.DataFrame = side.kpis
        rows = kpis[(kpis["kpi"] == "loss_usd_bn") & ~kpis["market"].isin(_ALL)]
        labels = [market_label(str(m), lang) for m in rows["market"]]
        parts.append(usd_items(rows, labels, lang).assign(series=name))
    items = pd.concat(parts, ignore_index=True)
    if items.empty:
        return None
    title = message("report.chart_loss", lang)
    desc = ("。" if lang == "ja" else "; ").join(
        labelled(
            str(label),
            listed([f"{s} {t}" for s, t in zip(grp["series"], grp["text"], strict=True)], lang),
            lang,
        )
        for label, grp in items.groupby("label", sort=False)
    )
    return bar_spec(
        items.drop(columns=["low", "high"]),
        title=title,
        description=desc,
        x_title=message("report.axis_usd_bn", lang),
        series=list(names),
        width=width,
    )


def chart_specs(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    width: Width = "container",
    label_a: str | None = None,
    label_b: str | None = None,
    compare_height: int = 260,
) -> dict[str, Spec]:
    """Every chart of a scenario result or a comparison, by name, as Vega-Lite dicts.

    For a result: ``output``, ``delivered``, ``supply``, ``loss_country`` (gross output at
    risk by country), ``value_added`` (value added lost by country) and ``country_market``
    (value added lost by country x market), where the result has them. For a comparison:
    ``avoided`` (the run-by-run avoided loss, `chipshock.present.avoided_chart`, where both
    sides have per-run tables), ``compare`` (the hardest-hit market on both sides),
    ``loss_market`` (gross output at risk per market, both sides), then ``a.output`` ...
    ``b.country_market``. Every time chart (``output``, ``delivered``, ``supply``, ``compare``,
    both sides' in a comparison) runs over one horizon (`bands_horizon`): same start, end and
    ticks, one chart above the other. ``compare_height``: the plot height of ``compare`` in
    px (the report draws it lower, after its lead chart).
    The report draws these with `render_svg`; the API sends them to the dashboard, which
    embeds them unchanged (`chipshock.api.routes_scenarios.chart_payload`)."""
    from chipshock.present.avoided_chart import avoided_loss, avoided_spec
    from chipshock.present.messages import check_lang
    from chipshock.present.summary import is_comparison, key_figures, side_labels

    language = check_lang(lang)
    out: dict[str, Spec] = {}
    sides: list[tuple[str, Any]]
    if is_comparison(result_or_comparison):
        cmp = result_or_comparison
        # every time chart of a comparison over both scenarios' horizons together
        horizon = bands_horizon(cmp.a.bands, cmp.b.bands)
        names = side_labels(cmp, language, label_a, label_b)
        avoided = avoided_loss(cmp)  # the lead: the run-by-run avoided loss, as the report's
        if avoided is not None:
            out["avoided"] = avoided_spec(avoided, names, language, width=width)
        market = key_figures(cmp.b).get("worst_market") or key_figures(cmp.a).get("worst_market")
        if market:
            spec = comparison_spec(
                cmp,
                str(market),
                names,
                language,
                width=width,
                height=compare_height,
                horizon=horizon,
            )
            if spec is not None:
                out["compare"] = spec
        loss = market_loss_spec(cmp, names, language, width=width)
        if loss is not None:
            out["loss_market"] = loss
        sides = [("a.", cmp.a), ("b.", cmp.b)]
    else:
        sides = [("", result_or_comparison)]
        horizon = bands_horizon(result_or_comparison.bands)
    for prefix, result in sides:
        for name, series in (
            ("output", "output_pct_of_normal"),
            ("delivered", "delivered_pct_of_demand"),
            ("supply", "supply_pct_of_demand"),
        ):
            spec = series_spec(result, series, language, width=width, horizon=horizon)
            if spec is not None:
                out[prefix + name] = spec
        for name, build in (
            ("loss_country", country_loss_spec),
            ("value_added", value_added_spec),
            ("country_market", country_market_spec),
        ):
            spec = build(result, language, width=width)
            if spec is not None:
                out[prefix + name] = spec
    return out
