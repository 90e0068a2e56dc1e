"""The lead chart of a comparison: economic output at risk avoided, run by run.

A comparison runs both sides on common random numbers (`chipshock.sim.compare`), so run *i* of
one side meets the same shock as run *i* of the other and their difference is the change, not
chance. The avoided loss of one run is, over all end markets (USD bn),

    avoided_i = loss_i(worse side) − loss_i(better side)

and the chart draws the distribution of these differences (a histogram of the runs,
`avoided_bins`: bins of one round width, 1, 2 or 5 × 10^k USD bn, at most 30 over the runs'
range) with its p5, p50 and p95 marked. The per-run values are those of `sim.compare`'s headline
``loss_avoided_usd_bn`` (``−(b − a)`` per run; ``b − a`` when the first side is the better
one, `chipshock.present.summary.first_is_better`), and their percentiles come from the same
`percentile_stats`: the p50 the chart marks is the number `chipshock scenario compare` prints.

`avoided_payload` gives the same bins and percentiles as plain JSON values (the API's
comparison answer, ``avoided``), so that every surface reads one computation.

`fab_bars_spec` draws what each alliance fab avoids on its own (the ``alone`` rows of
`chipshock.sim.run.contributions`), when the report was asked for them (``--by-fab``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from chipshock.present.chart_text import wrap_label
from chipshock.present.charts import (
    FONT_PX,
    PALETTE,
    STATIC_WIDTH,
    VALUE_AXIS,
    Spec,
    Width,
    styled,
    usd_axis_scale,
    usd_items,
)
from chipshock.present.contributions import amount_cell, amount_text, contribution_rows
from chipshock.present.finding import quoter
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int, fmt_range, fmt_usd
from chipshock.present.summary import first_is_better
from chipshock.present.text_width import text_px
from chipshock.sim.run.economics import percentile_stats

__all__ = [
    "AvoidedLoss",
    "avoided_bins",
    "avoided_description",
    "avoided_loss",
    "avoided_payload",
    "avoided_spec",
    "count_ticks",
    "count_title",
    "fab_bar_labels",
    "fab_bars_spec",
    "no_capacity_label",
]

#: the percentiles the chart marks, in the order drawn
MARKS = ("p5", "p50", "p95")
#: at most this many bins over the runs' range (as Vega-Lite's ``maxbins``)
MAX_BINS = 30
#: one fab's row in `fab_bars_spec`, px: its label line (12 px text) over its bar
FAB_ROW_PX = 25
#: the height of one fab's bar in `fab_bars_spec`, px
FAB_BAR_PX = 7
#: the room a label line of `fab_bars_spec` leaves at the plot's right edge, px
LABEL_MARGIN_PX = 8
#: the longest label line of `fab_bars_spec`, px (`text_px`): the chart's width, 640 px, less
#: `LABEL_MARGIN_PX` (the line starts at the plot's left edge; the plot is the chart's width)
FAB_LABEL_PX = STATIC_WIDTH - LABEL_MARGIN_PX
#: the narrowest bin, USD bn (a thousand dollars: runs closer than that are one amount)
MIN_BIN_WIDTH = 1e-6


@dataclass(frozen=True)
class AvoidedLoss:
    """What the better side of a comparison avoids, per run (USD bn, all end markets)."""

    per_run_usd_bn: np.ndarray
    #: ``mean, p5, p50, p95`` of ``per_run_usd_bn`` (`percentile_stats`)
    stats: dict[str, float]
    #: whether the first side (``a``) is the better one
    first_is_better: bool


def avoided_loss(cmp: Any) -> AvoidedLoss | None:
    """The per-run avoided loss of a comparison, oriented as the report's finding (positive =
    less lost on the better side); None when a side has no per-run table (a result loaded
    without one). The two per-run tables are paired row by row, as `sim.compare` pairs them."""
    by_run_a = getattr(cmp.a, "kpis_by_run", None)
    by_run_b = getattr(cmp.b, "kpis_by_run", None)
    frames = (by_run_a, by_run_b)
    if not all(isinstance(f, pd.DataFrame) and not f.empty for f in frames):
        return None
    assert isinstance(by_run_a, pd.DataFrame) and isinstance(by_run_b, pd.DataFrame)
    if len(by_run_a) != len(by_run_b):
        return None
    total = (by_run_a["market"] == "all").to_numpy()
    loss_a = by_run_a["loss_usd_bn"].to_numpy(dtype=np.float64)
    loss_b = by_run_b["loss_usd_bn"].to_numpy(dtype=np.float64)
    diff = (loss_b - loss_a)[total]  # as `sim.compare`: b − a per run
    flip = first_is_better(cmp)
    values = diff if flip else -diff
    return AvoidedLoss(values, percentile_stats(values), flip)


def _bin_width(span: float) -> float:
    """The smallest of 1, 2, 5 × 10^k (USD bn) that covers ``span`` in `MAX_BINS` bins, at least
    `MIN_BIN_WIDTH`; 1 for a span of zero (every run avoids the same amount)."""
    if not span > 0:
        return 1.0
    raw = max(span / MAX_BINS, MIN_BIN_WIDTH)
    power = 10.0 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw))


def avoided_bins(avoided: AvoidedLoss) -> pd.DataFrame:
    """The histogram of the runs' avoided loss: one row per bin, ``start`` and ``end`` (USD bn,
    the bin holds ``start <= x < end``) and ``count`` (runs), from
    the first bin holding a run to the last, bins of one round width (`_bin_width`)."""
    values = avoided.per_run_usd_bn
    low, high = float(values.min()), float(values.max())
    width = _bin_width(high - low)
    # runs just past the edges of the span's bins (-1e-62 and 0.6 in bins 0.02 wide) need two
    # bins more than the span: then bins one round width wider
    while np.floor(high / width) - np.floor(low / width) + 1 > MAX_BINS + 1:
        width = _bin_width(width * 1.01 * MAX_BINS)
    first = np.floor(low / width)
    count = int(np.floor(high / width) - first) + 1
    # edges without float noise (0.6000000000000001): multiples of the width, to its digits
    digits = int(2 - np.floor(np.log10(width)))
    edges = np.round((first + np.arange(count + 1)) * width, digits) + 0.0
    # every run in a bin, whatever the rounding of a value that sits on an edge
    index = np.clip(np.floor(values / width) - first, 0, count - 1).astype(int)
    counts = np.bincount(index, minlength=count)
    return pd.DataFrame({"start": edges[:-1], "end": edges[1:], "count": counts.astype(int)})


def avoided_payload(avoided: AvoidedLoss) -> dict[str, Any]:
    """The chart's numbers as plain JSON values (USD bn): ``runs``, ``first_is_better``,
    ``mean``, ``p5``, ``p50``, ``p95`` (`percentile_stats` of the runs, the floats the chart
    marks), ``runs_other_way`` (runs below zero) and ``bins`` (`avoided_bins`)."""
    stats = {k: float(v) + 0.0 for k, v in avoided.stats.items()}
    return {
        "runs": len(avoided.per_run_usd_bn),
        "first_is_better": avoided.first_is_better,
        **stats,
        "runs_other_way": int((avoided.per_run_usd_bn < 0).sum()),
        "bins": to_jsonable(avoided_bins(avoided)),
    }


def avoided_spec(
    avoided: AvoidedLoss,
    names: tuple[str, str],
    lang: Lang = "en",
    *,
    width: Width = "container",
) -> Spec:
    """A histogram of the runs' avoided loss with rules at p5, p50 and p95 (labelled with
    their amounts); ``names``: the comparison's side labels (first, second)."""
    better, worse = names if avoided.first_is_better else names[::-1]
    scale = usd_axis_scale(lang)
    bins = avoided_bins(avoided)
    for edge in ("start", "end"):
        bins[edge] = (bins[edge] * scale).round(6) + 0.0
    stats = avoided.stats
    marks = pd.DataFrame(
        {
            "stat": list(MARKS),
            "value": [round(stats[k] * scale, 4) + 0.0 for k in MARKS],
            "text": [f"{k} {fmt_usd(stats[k] * 1e9, lang)}" for k in MARKS],
        }
    )
    unit = message("report.axis_usd_bn", lang)
    x_title = message("report.avoided_axis", lang, unit=unit)
    x = {"field": "value", "type": "quantitative", "title": x_title, "axis": VALUE_AXIS}
    step = float(bins["end"].iloc[0] - bins["start"].iloc[0])
    ticks = count_ticks(int(bins["count"].max()))
    histogram: Spec = {
        "data": {"values": to_jsonable(bins)},
        "mark": {"type": "bar", "color": PALETTE[2], "opacity": 0.75},
        "encoding": {
            "x": {**x, "field": "start", "bin": {"binned": True, "step": step}},
            "x2": {"field": "end"},
            "y": {
                "field": "count",
                "type": "quantitative",
                # on lines no longer than the plot is high: the Japanese title, one line of
                # 168 px, stood out of the report's 100 px plot at both ends
                "title": count_title(message("report.avoided_count", lang)),
                # a count of runs: whole numbers only (at 8 runs the axis drew 0.5, 1.5); the
                # ticks given, since vl-convert ignores tickMinStep (the 8-run briefing drew
                # 0, 1, 1, 2, 2: ticks at 0.5 in whole-number format); the axis up to the last
                # tick, so that its top is labelled (9 runs in the fullest bin drew 0 and 5)
                "axis": {"values": ticks, "format": "d"},
                "scale": {"domain": [0, ticks[-1]]},
            },
        },
    }
    rule: Spec = {
        "data": {"values": to_jsonable(marks)},
        "mark": {"type": "rule", "color": "#222222"},
        "encoding": {
            "x": x,
            "strokeDash": {
                "field": "stat",
                "type": "nominal",
                "sort": list(MARKS),
                "scale": {"domain": list(MARKS), "range": [[4, 3], [1, 0], [4, 3]]},
                "legend": None,
            },
            "strokeWidth": {
                "field": "stat",
                "type": "nominal",
                "sort": list(
                    MARKS
                ),  # a sorted field: Vega-Lite warns of a width by an unsorted one
                "scale": {"domain": list(MARKS), "range": [1.5, 2.5, 1.5]},
                "legend": None,
            },
        },
    }
    # a label right of its rule, unless its rule stands in the right half of the axis: there
    # it goes left of it, so that no label runs past the plot's right edge (the report cut
    # "p95 USD 67.4 bn" there)
    middle = (float(bins["start"].iloc[0]) + float(bins["end"].iloc[-1])) / 2
    named = _shared_labels(marks, stats, lang)
    right_half = named["value"] > middle
    labels = [
        _label(named.iloc[[row]], x, "right" if right else "left", row)
        for row, right in enumerate(right_half)
    ]
    q = quoter(lang)
    title = message("report.chart_avoided", lang, better=q(better), worse=q(worse))
    spec: Spec = {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
        "layer": [histogram, rule, *(_halo(label) for label in labels), *labels],
        "description": avoided_description(avoided, names, lang),
        "height": AVOIDED_PLOT_PX,
        "title": title,
    }
    return styled(spec, width)


#: the histogram's plot height, px (the report's lead chart; the dashboard draws it taller)
AVOIDED_PLOT_PX = 100


def count_title(text: str) -> str | list[str]:
    """The count axis' title, on lines of at most the plot's height (`AVOIDED_PLOT_PX`, bold:
    `wrap_label`) when it is longer, so that it stands beside the plot, not past its ends.

    >>> count_title("Simulated futures"), count_title("Runs")
    (['Simulated', 'futures'], 'Runs')
    >>> count_title("シミュレーションした未来の数")
    ['シミュレーション', 'した未来の数']
    """
    lines = wrap_label(text, AVOIDED_PLOT_PX, FONT_PX, bold=True, between_cjk=True).split("\n")
    return lines[0] if len(lines) == 1 else lines


def _shared_labels(marks: pd.DataFrame, stats: Any, lang: Lang) -> pd.DataFrame:
    """One label per amount: percentiles that print the same amount share a label ("p5, p50
    USD 0.0 bn"; a delayed fab that changes nothing in most runs drew "p5 USD 0.0 bn" and "p50
    USD 0.0 bn" one over the other at the axis' start, audit31 finding 17).

    >>> m = pd.DataFrame({"stat": list(MARKS), "value": [0.0, 0.0, 4.0], "text": ["", "", ""]})
    >>> _shared_labels(m, {"p5": 0.0, "p50": 0.0, "p95": 0.4}, "en")["text"].tolist()
    ['p5, p50 USD 0.0 bn', 'p95 USD 0.4 bn']
    """
    amounts = {k: fmt_usd(stats[k] * 1e9, lang) for k in MARKS}
    sep = ", " if lang == "en" else "・"
    rows: list[dict[str, Any]] = []
    for stat, value in zip(marks["stat"], marks["value"], strict=True):
        if rows and amounts[rows[-1]["last"]] == amounts[stat]:
            rows[-1]["stats"].append(stat)
            rows[-1]["last"] = stat
            continue
        rows.append({"stats": [stat], "last": stat, "value": value})
    return pd.DataFrame(
        {
            "stat": [r["stats"][0] for r in rows],
            "value": [r["value"] for r in rows],
            "text": [f"{sep.join(r['stats'])} {amounts[r['last']]}" for r in rows],
        }
    )


#: at most this many steps between the count axis' ticks (`count_ticks`)
COUNT_STEPS = 4


def count_ticks(most: int) -> list[int]:
    """The count axis' ticks: whole numbers from 0 past ``most`` (the fullest bin's runs), one
    step apart, at most `COUNT_STEPS` steps of a round size (1, 2 or 5 × 10^k).

    >>> count_ticks(2), count_ticks(7), count_ticks(23), count_ticks(0)
    ([0, 1, 2], [0, 2, 4, 6, 8], [0, 10, 20, 30], [0, 1])
    """
    top = max(1, most)
    step = next(m * 10**k for k in range(12) for m in (1, 2, 5) if m * 10**k * COUNT_STEPS >= top)
    return list(range(0, -(-top // step) * step + 1, step))


def _label(mark: pd.DataFrame, x: Spec, align: str, row: int) -> Spec:
    """The label of one percentile's rule (``mark``, one row), on text row ``row`` from the
    plot's top (so that labels of close percentiles do not overlap), right (``align`` left) or
    left (right) of its rule. The row is the mark's pixel ``yOffset``: an encoded offset by
    the stat's name went through a band scale that used only the first two of the three rows
    (the report drew "p5 USD 23.9 bn" and "p50 USD 45.7 bn" 5 px apart, one over the other)."""
    return {
        "data": {"values": to_jsonable(mark)},
        "mark": {
            "type": "text",
            "align": align,
            "baseline": "top",
            "dx": 3 if align == "left" else -3,
            "yOffset": 2 + row * (FONT_PX + 4),
            "fontSize": FONT_PX,
            "color": "#222222",
        },
        "encoding": {
            "x": x,
            "y": {"value": 0},
            "text": {"field": "text", "type": "nominal"},
        },
    }


#: the white outline under a percentile's label, px: it reads where it crosses a bar or a rule
HALO_PX = 3


def _halo(label: Spec) -> Spec:
    """A white copy of a percentile's ``label``, outlined `HALO_PX` wide, to draw beneath it:
    a label crosses the bars of the bins beside its rule (the 8-run briefing drew "p95 USD
    68.1 bn" over the 60–65 bar)."""
    mark = {**label["mark"], "color": "#ffffff", "stroke": "#ffffff"}
    return {**label, "mark": {**mark, "strokeWidth": HALO_PX, "strokeJoin": "round"}}


def avoided_description(avoided: AvoidedLoss, names: tuple[str, str], lang: Lang) -> str:
    """The chart in words (its text alternative and caption): the median, the p5–p95 range,
    the number of runs, and in how many runs the difference goes the other way."""
    better, worse = names if avoided.first_is_better else names[::-1]
    stats = avoided.stats
    n = len(avoided.per_run_usd_bn)
    other_way = int((avoided.per_run_usd_bn < 0).sum())
    text = message(
        "report.avoided_desc",
        lang,
        better=better,
        worse=worse,
        p50=fmt_usd(stats["p50"] * 1e9, lang),
        p5=fmt_usd(stats["p5"] * 1e9, lang),
        p95=fmt_usd(stats["p95"] * 1e9, lang),
        runs=fmt_int(n, lang),
    )
    if other_way:
        text += (" " if lang == "en" else "") + message(
            "report.avoided_other_way", lang, count=fmt_int(other_way, lang), runs=fmt_int(n, lang)
        )
    return text


def no_capacity_label(text: str, row: Mapping[str, Any], lang: Lang = "en") -> str:
    """A fab bar's label (``text``, its median) with, for a fab without capacity when the shock
    starts, the reason its bar is (near) zero, from the contribution row's ``capacity_wspm``
    (in the shock year) and ``first_year`` (the appendix's capacity column, `capacity_words`,
    reads the same cells: "none in 2027 (from 2028)"); ``text`` as it is for a fab with
    capacity or a row without them.

    >>> no_capacity_label("USD 0.0 bn", {"capacity_wspm": 0.0, "first_year": 2028,
    ...     "shock_year": 2027})
    'USD 0.0 bn — capacity from 2028'
    >>> no_capacity_label("0億ドル", {"capacity_wspm": 0.0, "first_year": None,
    ...     "shock_year": 2027}, "ja")
    '0億ドル：期間内に生産能力なし'
    >>> no_capacity_label("USD 9.1 bn", {"capacity_wspm": 20000.0, "shock_year": 2027})
    'USD 9.1 bn'
    """
    cap = row.get("capacity_wspm")
    if cap is None or pd.isna(cap) or float(cap) > 0:
        return text
    first = row.get("first_year")
    if first is None or pd.isna(first):
        return message("report.fab_bar_no_capacity_horizon", lang, value=text)
    return message("report.fab_bar_no_capacity", lang, value=text, first=int(first))


def fab_bars_spec(
    contributions: Any, names: Mapping[str, str], lang: Lang = "en", *, width: Width = "container"
) -> Spec | None:
    """What each alliance fab avoids on its own (median, p5–p95 whisker), largest first, a fab
    without capacity when the shock starts labelled with the reason (`no_capacity_label`);
    None without ``alone`` rows.

    Each fab's name and median are written above its bar, from the plot's left edge
    (`fab_bar_labels`), not in a label column beside the axis: the bars use the chart's whole
    width (review, session 25: a 170 px label column and the values written past the bars left
    the plot about a third of it)."""
    rows = contribution_rows(contributions, names)  # largest median "alone" first
    alone = rows[rows["measure"] == "alone"]
    if alone.empty:
        return None
    items = usd_items(alone, [str(n) for n in alone["fab_id"]], lang)
    # a label reads as its table cell (`amount_text`, review of session 33): in English a
    # median the table writes "<0.1" reads "USD <0.1 bn", not "USD 0.01 bn" (the chart's
    # decimals go finer when every median is that small); in Japanese every median as its cell
    # ("0.1億ドル", not the chart's whole-億 "<1億ドル" beside the table's 0.1億ドル)
    items["text"] = [
        amount_text(p50, lang) if lang == "ja" or amount_cell(p50).startswith(("<", ">-")) else text
        for text, p50 in zip(items["text"], alone["p50"], strict=True)
    ]
    values = [
        no_capacity_label(text, {str(k): v for k, v in row.items()}, lang)
        for text, row in zip(items["text"], alone.to_dict("records"), strict=True)
    ]
    # a chart drawn narrower (the report's compact figure) fits its lines to its own width
    limit = FAB_LABEL_PX
    if isinstance(width, int) and width < STATIC_WIDTH:
        limit = width - LABEL_MARGIN_PX
    items["text"] = fab_bar_labels([str(n) for n in alone["name"]], values, lang, limit)
    # a screen reader names each mark by the fab's name, its id in brackets (not the id alone)
    items["aria"] = [
        message(
            "report.fab_bar_aria",
            lang,
            name=row["name"],
            fab_id=row["fab_id"],
            value=value,
            # the ends as the table's band cell writes them, with their unit (not `fmt_usd`'s
            # "USD 0.02 bn" where the label and the table read "<0.1")
            band=fmt_range(amount_text(row["p5"], lang), amount_text(row["p95"], lang), lang),
        )
        for value, row in zip(values, alone.to_dict("records"), strict=True)
    ]
    title = message("report.chart_fabs_alone", lang)
    bars = (
        message("report.fab_bar_label", lang, name=name, value=value)
        for name, value in zip(alone["name"], values, strict=True)
    )  # in the language's punctuation, as `charts_structure` describes its bars
    desc = f"{title}：" + "、".join(bars) if lang == "ja" else f"{title}: " + ", ".join(bars)
    y = {
        "field": "label",
        "type": "nominal",
        "sort": list(items["label"]),
        "axis": None,
        "scale": {"paddingInner": 0, "paddingOuter": 0},
    }
    aria = {"field": "aria", "type": "nominal"}  # each mark's aria-label
    # the bar (and its whisker) in the row's lower part, its label line in the upper part
    lower = FAB_ROW_PX / 2 - FAB_BAR_PX / 2 - 1
    x = {"field": "value", "type": "quantitative", "title": message("report.axis_usd_bn", lang)}
    layers: list[Spec] = [
        {
            "mark": {"type": "bar", "color": PALETTE[2], "height": FAB_BAR_PX, "yOffset": lower},
            "encoding": {"x": x, "y": y, "description": aria},
        },
        {
            "mark": {"type": "rule", "color": "#333333", "yOffset": lower},
            "encoding": {
                "x": {"field": "low", "type": "quantitative"},
                "x2": {"field": "high"},
                "y": y,
                "description": aria,
            },
        },
        {
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "bottom",
                "dy": lower - FAB_BAR_PX / 2 - 1,
                "fontSize": FONT_PX,
                "color": "#222222",
            },
            "encoding": {
                "x": {"value": 0},
                "y": y,
                "text": {"field": "text", "type": "nominal"},
                "description": aria,
            },
        },
    ]
    spec: Spec = {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
        "data": {"values": to_jsonable(items)},
        "layer": layers,
        "description": desc,
        "title": title,
        "height": FAB_ROW_PX * len(items),
    }
    return styled(spec, width)


def fab_bar_labels(
    names: list[str], values: list[str], lang: Lang, limit: float = FAB_LABEL_PX
) -> list[str]:
    """Each fab's label line above its bar, name and median ("JASM Kumamoto Fab 1: USD 27.1
    bn"), at most ``limit`` px wide as the charts' fonts draw it (`text_px`; `FAB_LABEL_PX` in
    a chart of `STATIC_WIDTH`). A longer line loses the name's part in brackets (the
    appendix's table gives the full name), then the name's last words, an ellipsis in their
    place, so that the median and the reason its bar is empty stay whole; only a line too long
    with the name's first word alone is cut, at a word, with an ellipsis.

    >>> name = "Rapidus IIM-1 (Innovative Integration for Manufacturing)"
    >>> late = "USD 0 bn — no capacity until 2028"
    >>> fab_bar_labels([name, "JASM Kumamoto Fab 1"], [late, "USD 27.1 bn"], "en", 462)
    ['Rapidus IIM-1: USD 0 bn — no capacity until 2028', 'JASM Kumamoto Fab 1: USD 27.1 bn']
    >>> fab_bar_labels(["TSMC Arizona Fab 21 Phase 2"], [late], "en", 320)
    ['TSMC Arizona…: USD 0 bn — no capacity until 2028']
    >>> fab_bar_labels(["TSMC Arizona Fab 21 Phase 2"], [late], "en", 150)
    ['TSMC…: USD 0 bn…']
    """
    lines = []
    for name, value in zip(names, values, strict=True):
        line = message("report.fab_bar_label", lang, name=name, value=value)
        if text_px(line, FONT_PX) > limit:
            name = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", name) or name
            line = message("report.fab_bar_label", lang, name=name, value=value)
        for short in _word_prefixes(name):
            if text_px(line, FONT_PX) <= limit:
                break
            line = message("report.fab_bar_label", lang, name=short + "…", value=value)
        lines.append(_cut_at_word(line, limit))
    return lines


def _word_prefixes(text: str) -> list[str]:
    """The beginnings of ``text`` that end at a word, longest first: before a space, and
    between two characters of which one is full-width (Japanese has no spaces), without the
    spaces and separators they end with.

    >>> _word_prefixes("TSMC Arizona Fab 21"), _word_prefixes("JASM第1工場")
    (['TSMC Arizona Fab', 'TSMC Arizona', 'TSMC'], ['JASM第1工', 'JASM第1', 'JASM第', 'JASM'])
    """

    def wide(char: str) -> bool:
        return unicodedata.east_asian_width(char) in "WF"

    ends = [
        i
        for i in range(1, len(text))
        if text[i] == " " or (text[i - 1] != " " and (wide(text[i - 1]) or wide(text[i])))
    ]
    prefixes = [text[:i].rstrip(" ,:;、・：—–-（(") for i in reversed(ends)]
    return [p for p in dict.fromkeys(prefixes) if p]


def _cut_at_word(line: str, limit: float) -> str:
    """``line`` if it fits ``limit`` px (`text_px`), else its longest beginning that ends at a
    word (`_word_prefixes`) and fits with an ellipsis; a first word wider than the line is cut
    between characters."""
    if text_px(line, FONT_PX) <= limit:
        return line
    for short in _word_prefixes(line):
        if text_px(short + "…", FONT_PX) <= limit:
            return short + "…"
    while line and text_px(line + "…", FONT_PX) > limit:
        line = line[:-1]
    return line + "…"
