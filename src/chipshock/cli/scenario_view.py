"""Tables for `chipshock scenario ...`: KPI percentiles laid out for a terminal or a file.

Pure functions from DataFrames (and scenarios) to DataFrames; nothing here prints or runs the
engine. ``p5 · p50 · p95`` cells give the 5th percentile, median and 95th percentile of the runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from chipshock.present.capacity_age import OLD_MARKER
from chipshock.present.labels import (
    Lang,
    check_lang,
    confidence_label,
    kpi_label,
    kpi_unit,
    market_label,
)
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import (
    AT_LEAST,
    fmt_kpi,
    fmt_kpi_number,
    fmt_number,
    fmt_swept,
    is_censored,
    kpi_cell,
)
from chipshock.present.provenance import engine_source, package_release
from chipshock.present.summary import avoided_frame, no_better_text
from chipshock.present.summary import sensitivity_text as _sensitivity_text
from chipshock.present.utilisation import (
    exemption_names,
    exemption_note,
    reached_requirements,
    shock_year,
    shock_year_rows,
)
from chipshock.scenarios import Scenario, scenario_to_dict
from chipshock.sim.run.utilisation import counted_operator

__all__ = [
    "CAPACITY_AS_OF_COLUMN",
    "ENGINE_SOURCE",
    "KPI_LABELS",
    "LEFT_OUT_NOTE",
    "NARROW_COMPARE",
    "NARROW_LEFT_OUT",
    "PER_MARKET_TITLES",
    "REPEATS",
    "RUN_CAPTIONS",
    "STACKED_INDEX",
    "SWEEP_KEY_KPIS",
    "UTILISATION_KEY_COLUMNS",
    "UTILISATION_LATER_TITLE",
    "UTILISATION_TITLE",
    "VALUE_ADDED_TITLE",
    "WIDE_COMPARE",
    "avoided_frame",
    "capacity_caption",
    "compare_captions",
    "compare_sides",
    "compare_verdict",
    "counted_fabs",
    "dates_as_text",
    "exemption_names",
    "exemption_note",
    "kpi_columns",
    "median_first",
    "no_country_loss",
    "ordered_kpis",
    "percentile_band",
    "reached_requirements",
    "scenario_list_table",
    "sensitivity_caption",
    "sensitivity_table",
    "sensitivity_text",
    "shock_table",
    "side_by_side",
    "stacked_percentiles",
    "swept_value",
    "tornado_bar",
    "utilisation_caption",
    "utilisation_captions",
    "utilisation_later_table",
    "utilisation_narrow",
    "utilisation_sections",
    "utilisation_table",
    "value_added_rows",
    "wide_percentiles",
]

#: plain-English labels of the KPIs, for the terminal: output (end products) first, then chips
KPI_LABELS = {
    "output_lost_weeks": "output lost, weeks",
    "output_lost_pct_annual": "output lost, % of a year",
    "peak_output_lost_pct": "worst week, % output lost",
    "weeks_to_recover": "weeks until output recovers",
    "loss_usd_bn": "output at risk, USD",
    "cumulative_shortfall_weeks": "chips short, weeks of demand",
    "cumulative_shortfall_pct_annual": "chips short, % of a year's demand",
    "peak_weekly_shortfall_pct": "worst week, % chips short",
    "chips_not_delivered_usd_bn": "chips not delivered, USD",
    "lead_time_weeks_peak": "longest lead time, weeks",
    "inventory_drawdown_peak_pct": "worst week, % of inventory cover missing",
    "inventory_cover_min_weeks": "fewest weeks of cover left, scarcest class",
    "backlog_end_weeks": "orders still open at the end, weeks of demand",
}
#: the indicators a sweep's table keeps, after the swept values, on a terminal too narrow for
#: all of them (most important first); keys of `KPI_LABELS`, so a renamed label stays in
SWEEP_KEY_KPIS = ("output_lost_weeks", "loss_usd_bn", "weeks_to_recover", "peak_output_lost_pct")
#: KPIs no terminal table shows (they stay in JSON/CSV): the share-of-a-year KPIs repeat a
#: weeks KPI divided by 52
REPEATS = ("output_lost_pct_annual", "cumulative_shortfall_pct_annual")
#: what a table without `NARROW_LEFT_OUT` says about them (review 14 #3)
LEFT_OUT_NOTE = message("cli.left_out", "en")
#: KPIs a table too narrow for them leaves out (a sweep's, a comparison's avoided values); the
#: per-market table of `scenario run` / `results show` keeps them, wide where the terminal
#: fits them, else stacked (review 14 #3: a carmaker's lead time and inventory per market)
NARROW_LEFT_OUT = (
    "chips_not_delivered_usd_bn",
    "lead_time_weeks_peak",
    "inventory_drawdown_peak_pct",
    "inventory_cover_min_weeks",
    "backlog_end_weeks",
)

#: the source and as-of line of every engine table (`scenario run` and `scenario compare`) on a
#: terminal: the wording of `chipshock.present.provenance.engine_source` (JSON and CSV give the
#: store's release; the store is built from these files)
ENGINE_SOURCE = "Source: " + engine_source(package_release())

#: the title of the per-market table of `scenario run` and `results show`: wide (one column
#: per KPI) and, where that would wrap, stacked (`stacked_percentiles`)
PER_MARKET_TITLES = (
    "per market: p5 · p50 · p95 across runs",
    "by market: p5 · p50 · p95 across runs",
)
_PER_MARKET_CAPTION = (
    "5th percentile · median · 95th "
    "percentile of the runs. Output lost = end products not made, in weeks of that market's "
    "normal output (a product missing any one chip is not made); output at risk = its value; "
    "chips short = chip demand not delivered, in weeks of demand. "
    + message("kpi.censored_note", "en")
    + " "
    + ENGINE_SOURCE
)

#: captions of the sections that `scenario run` prints (terminal) or writes (json, csv)
#: the terminal's value-added table (`value_added_rows`), and its caption: the measure, how it
#: is made and from which files, and the geography of its rows
VALUE_ADDED_TITLE = message("cli.value_added_by_country", "en")
_VALUE_ADDED_CAPTION = (
    message("cli.value_added_caption", "en") + " " + message("report.va_geography", "en")
)


#: the by-country tables' columns on the terminal: the median they are ordered by first
#: (review 9a, finding 4: the mean shown first above a p50 order looked mis-sorted)
MEDIAN_FIRST = ("country", "p50", "p5", "p95", "mean")


def median_first(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with `MEDIAN_FIRST`'s columns first (those it has), the others after."""
    first = [c for c in MEDIAN_FIRST if c in frame.columns]
    return frame[[*first, *(c for c in frame.columns if c not in first)]]


def value_added_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The terminal's value-added table: measure ``value_added_lost`` of
    `SimResult.value_added_by_country`, the rows with a loss or gain in some percentile, by
    median (largest loss first, net gains last), without the measure column."""
    if frame.empty or "measure" not in frame.columns:
        return frame
    rows = frame[frame["measure"] == "value_added_lost"].drop(columns="measure")
    moved = rows[["p5", "p50", "p95"]].abs().max(axis=1) > 0
    return median_first(rows[moved].sort_values("p50", ascending=False, ignore_index=True))


RUN_CAPTIONS = {
    PER_MARKET_TITLES[0]: _PER_MARKET_CAPTION,
    PER_MARKET_TITLES[1]: _PER_MARKET_CAPTION,
    "loss by country, USD bn": "Output at risk, by the country where the "
    "end products are made (market_country_output.csv). " + message("cli.median_first", "en"),
    "value_added_by_country_market": "Value added lost (USD bn), by the country where it is "
    "lost and the end market whose chip shortfall causes it (downstream: where the end products "
    "are made; chip makers: split by their normal customer mix).",
    "loss_by_country": "Output at risk (USD bn), by the country where the "
    "end products are made (market_country_output.csv).",
    VALUE_ADDED_TITLE: _VALUE_ADDED_CAPTION + " " + message("cli.median_first", "en"),
    "value_added_by_country": "USD bn, by measure: " + _VALUE_ADDED_CAPTION,
}


def no_country_loss(losses: Any, lang: str = "en") -> str:
    """The sentence that stands for an empty loss-by-country table (no country loses output in
    any run: the rows `country_sections` keeps, those with a p95 above 0, are none), else "".
    """
    if "p95" in losses and bool((losses["p95"] > 0).any()):
        return ""
    return message("cli.loss_by_country_none", lang)


def compare_sides(label_a: str, label_b: str, better: str | None) -> dict[str, str]:
    """The fields of the ``cli.compare_*`` captions: the two sides' labels (``a``, ``b``) and,
    by `chipshock.present.summary.better_side`, the one whose avoided amounts the tables show
    (``better``) and the other (``worse``); in a tie the second side's, as before."""
    better_label, worse_label = (label_a, label_b) if better == "a" else (label_b, label_a)
    return {"a": label_a, "b": label_b, "better": better_label, "worse": worse_label}


def compare_verdict(
    label_a: str, label_b: str, better: str | None, lang: str = "en", *, shown: str | None = None
) -> str:
    """The line under `scenario compare`'s heading: which side loses less output, and that
    the tables give what it avoids (``cli.compare_better``), or that neither does, the tables
    then giving what the ``shown`` side avoids (`chipshock.present.summary.shown_side`)."""
    language = check_lang(lang)
    sides = compare_sides(label_a, label_b, shown or better)
    if better is None:  # the tie in the words of every surface (`no_better_text`)
        return message("cli.compare_no_better", language, neither=no_better_text(language), **sides)
    return message("cli.compare_better", language, **sides)


def compare_captions(label_a: str, label_b: str, better: str | None = "b") -> dict[str, str]:
    """Captions of the sections that `scenario compare` prints or writes; the avoided amounts
    are the ``better`` side's (`compare_sides`)."""
    sides = compare_sides(label_a, label_b, better)
    avoided = message("cli.compare_caption_avoided", "en", **sides)
    # two tables that show each side's median beside (or above) what is avoided
    not_the_gap = message("compare.median_of_differences", "en")
    band = message("cli.compare_band_note", "en")
    left_out = LEFT_OUT_NOTE + " "
    return {
        "delta": f"“{label_b}” minus “{label_a}” per run, then p5–p50–p95: negative = less "
        f"lost with “{label_b}”.",
        "all markets": message("cli.compare_caption_all", "en", **sides)
        + f"{band} {not_the_gap} "
        + ENGINE_SOURCE,
        "per market, avoided: p5 · p50 · p95": avoided + left_out + ENGINE_SOURCE,
        # the same two tables on a narrow terminal (`NARROW_COMPARE`)
        "all markets, medians": message("cli.compare_caption_medians", "en", **sides)
        + f" {band} {not_the_gap}",
        "avoided, by market: p5 · p50 · p95": avoided + left_out + ENGINE_SOURCE,
        "a": label_a,
        "b": label_b,
    }


#: the titles of `scenario compare`'s two tables: wide (each fits a wide terminal) and narrow
WIDE_COMPARE = ("all markets", "per market, avoided: p5 · p50 · p95")
NARROW_COMPARE = ("all markets, medians", "avoided, by market: p5 · p50 · p95")


def capacity_caption(
    fabs_off: Iterable[str], fabs_on: Iterable[str], full: bool = True, lang: str = "en"
) -> str:
    """Where `chipshock capacity`'s numbers come from and what was switched, in ``lang``: with
    ``full`` (``--notes``) what each column means (``cli.capacity_caption``), else the short
    caption (``cli.capacity_caption_short``: the unit, every source file, what a negative
    residual means, what ``--notes`` adds); the fabs switched by their ids, as the options
    take them."""
    language = check_lang(lang)
    text = message("cli.capacity_caption" if full else "cli.capacity_caption_short", language)
    separator = "、" if language == "ja" else ", "
    off, on = list(fabs_off), list(fabs_on)
    if off:
        text += message("cli.capacity_switched_off", language, fabs=separator.join(off))
    if on:
        text += message("cli.capacity_switched_on", language, fabs=separator.join(on))
    return text


def counted_fabs(uncounted: int, fallen: pd.DataFrame, lang: str = "en") -> str:
    """`chipshock capacity`'s short caption on the fabs ``--notes`` names, in ``lang``: how many
    registry fabs count as zero, and how many itemised fabs' capacity fell in the years shown
    (``fallen``: `chipshock.sim.network.tables.fallen_fabs`); ``""`` for neither."""
    language = check_lang(lang)
    parts = []
    if uncounted:
        parts.append(count_message("cli.capacity_counted_zero", uncounted, language))
    n = int(fallen["fab_id"].nunique()) if not fallen.empty else 0
    if n:
        parts.append(count_message("cli.capacity_counted_fallen", n, language))
    if not parts:
        return ""
    joined = message("cli.capacity_counted_join", language).join(parts)
    return joined + message("cli.capacity_counted_end", language)


def _kpi_label(kpi: Any) -> str:
    return KPI_LABELS.get(str(kpi), str(kpi))


def scenario_list_table(scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """One row per scenario: id, titles, horizon, shocks, interventions, runs and seed."""
    return pd.DataFrame(
        [
            {
                "id": s.scenario_id,
                "title": s.title,
                "title_ja": s.title_ja,
                "horizon": f"{s.start_year}–{s.end_year}",
                "shocks": ", ".join(f"{x.kind}:{'+'.join(x.targets)}" for x in s.shocks) or "none",
                "interventions": ", ".join(
                    f"{x.kind}({len(x.fabs) or len(x.partnerships)})" for x in s.interventions
                ),
                "runs": s.runs,
                "seed": s.seed,
            }
            for s in scenarios
        ]
    )


def shock_table(scenario: Scenario) -> pd.DataFrame:
    """The scenario's shocks, one row each; distributions and lists as JSON text (for CSV)."""
    return pd.DataFrame(
        [
            {
                k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                for k, v in r.items()
            }
            for r in scenario_to_dict(scenario)["shock"]
        ]
    )


def dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO strings, for JSON."""
    dated = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    return frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dated})


def kpi_columns(kpis: pd.DataFrame) -> pd.DataFrame:
    """The market, KPI and percentile columns of a KPI table (those it has), and on the
    ``weeks_to_recover`` rows ``censored_at`` / ``not_recovered_pct`` (`kpi_summary`)."""
    names = ("market", "kpi", "mean", "p5", "p50", "p95", "censored_at", "not_recovered_pct")
    cols = [c for c in names if c in kpis.columns]
    return kpis[cols]


def swept_value(parameter: str, value: float, lang: Lang = "en") -> str:
    """A value of a swept parameter (`scenario sweep`): `chipshock.present.numbers.fmt_swept`,
    the rule the sweep's sentence uses too."""
    return fmt_swept(parameter, value, lang)


def percentile_band(row: Any, lang: Lang = "en") -> str:
    """``p5 · p50 · p95`` of one KPI row, rounded by the shared formatter: in the KPI's unit
    (named by the column header), except US dollars, written as the report writes them
    (``USD 12.3 bn``, ``USD 3.38 trillion``) so that no surface shows another form; a censored
    weeks to recover reads ``≥ 208`` (not back to normal by the horizon end, `kpi_cell`)."""
    return " · ".join(kpi_cell(row, p, lang) for p in ("p5", "p50", "p95"))


def ordered_kpis(kpis: pd.DataFrame, *, full: bool = False) -> pd.DataFrame:
    """Rows in reading order (output KPIs first), without the share-of-a-year repeats, and
    without `NARROW_LEFT_OUT` unless ``full``."""
    order = {k: i for i, k in enumerate(KPI_LABELS)}
    dropped = REPEATS if full else (*REPEATS, *NARROW_LEFT_OUT)
    kept = kpis[~kpis["kpi"].isin(dropped)]
    rank = kept["kpi"].map(lambda k: order.get(str(k), len(order)))
    return kept.iloc[rank.argsort(kind="stable")]


def wide_percentiles(
    kpis: pd.DataFrame, index: str = "market", parameter: str = "", *, full: bool = False
) -> pd.DataFrame:
    """For the terminal: one row per ``index``, one column per KPI (output first), cells
    ``p5 · p50 · p95`` (the share-of-a-year KPIs are left out: they repeat weeks / 52). With
    ``index="value"`` (a sweep) the values are written by `swept_value` of ``parameter``."""
    rows: dict[Any, dict[str, Any]] = {}
    for _, r in ordered_kpis(kpis, full=full).iterrows():
        key = swept_value(parameter, float(r[index])) if index == "value" else r[index]
        if index == "market":
            key = market_label(str(key))
        rows.setdefault(key, {index: key})[_kpi_label(r["kpi"])] = percentile_band(r)
    return pd.DataFrame(list(rows.values()))


#: the first column of `stacked_percentiles`: a market's name, then its indicators
STACKED_INDEX = "market, indicator"


def stacked_percentiles(kpis: pd.DataFrame, *, full: bool = False) -> pd.DataFrame:
    """`wide_percentiles` for a narrow terminal: the same cells stacked, one row per market
    (its name in bold, as a heading) followed by one row per KPI, with ``p5``, ``p50`` and
    ``p95`` in columns of their own (80 columns suffice where seven KPI columns do not).

    >>> k = pd.DataFrame({"market": ["all"], "kpi": ["output_lost_weeks"],
    ...     "p5": [0.3], "p50": [0.4], "p95": [0.5]})
    >>> stacked_percentiles(k).values.tolist()
    [['[bold]All markets[/bold]', '', '', ''], ['output lost, weeks', '0.3', '0.4', '0.5']]
    """
    ordered = ordered_kpis(kpis, full=full)
    blocks: dict[str, list[dict[str, str]]] = {}  # per market, in `wide_percentiles`' order
    for _, r in ordered.iterrows():
        kpi = str(r["kpi"])
        blocks.setdefault(market_label(str(r["market"])), []).append(
            {STACKED_INDEX: _kpi_label(kpi)} | {p: kpi_cell(r, p) for p in ("p5", "p50", "p95")}
        )
    rows: list[dict[str, str]] = []
    for market, block in blocks.items():
        rows.append({STACKED_INDEX: f"[bold]{market}[/bold]", "p5": "", "p50": "", "p95": ""})
        rows += block
    return pd.DataFrame(rows, columns=[STACKED_INDEX, "p5", "p50", "p95"])


def side_by_side(
    a: pd.DataFrame,
    b: pd.DataFrame,
    avoided: pd.DataFrame,
    label_a: str,
    label_b: str,
    *,
    with_avoided: bool = True,
    lang: Lang = "en",
) -> pd.DataFrame:
    """All markets together: each side's median and what is avoided (``avoided``: the
    better side's, `chipshock.present.summary.avoided_by_better`), per KPI
    (``with_avoided=False``: the medians only, for a narrow terminal, where the avoided values
    follow in `stacked_percentiles`' "All markets" rows); column and KPI names in ``lang``
    (the ``cli.col_*`` and ``cli.kpi.*`` catalogue keys, the same cells in both languages)."""

    def median(t: pd.DataFrame, kpi: str) -> str:
        rows = t.loc[(t["market"] == "all") & (t["kpi"] == kpi)]
        return kpi_cell(rows.iloc[0], "p50", lang) if not rows.empty else ""

    def end_of(t: pd.DataFrame, kpi: str, stat: str) -> str:  # p5 or p95 of one side
        rows = t.loc[(t["market"] == "all") & (t["kpi"] == kpi)]
        return kpi_cell(rows.iloc[0], stat, lang) if not rows.empty else ""

    indicator = message("cli.col_indicator", lang)
    column_a = message("cli.col_median", lang, label=label_a)
    column_b = message("cli.col_median", lang, label=label_b)
    band = message("cli.col_avoided", lang)
    rows: list[dict[str, str]] = []
    for _, d in ordered_kpis(avoided[avoided["market"] == "all"]).iterrows():
        kpi = str(d["kpi"])
        rows.append(
            {
                indicator: _kpi_label(kpi) if lang == "en" else message(f"cli.kpi.{kpi}", lang),
                column_a: median(a, kpi),
                column_b: median(b, kpi),
                band: percentile_band(d, lang),
            }
        )
        if kpi == "loss_usd_bn":  # the total's band under its median: the first number quoted
            # (review12 #1), one end a row so that a cell is no wider than a median's
            rows += [
                {
                    indicator: message(f"cli.kpi_loss_{stat}", lang),
                    column_a: end_of(a, kpi, stat),
                    column_b: end_of(b, kpi, stat),
                    band: "",
                }
                for stat in ("p5", "p95")
            ]
    table = pd.DataFrame(rows, columns=[indicator, column_a, column_b, band])
    return table if with_avoided else table.drop(columns=band)


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
            f"{what}（{where}）の{result.runs:,}回の中央値。基準（シナリオのまま）：{base}。"
            f"{in_unit}各仮定を一つずつ低い値と高い値に動かし、他は基準のまま（共通乱数）。"
            "░ = 低い値、█ = 高い値、│ = 基準。×はデータの値に対する倍率。"
        )
    in_unit = f" At low, at high and swing (high − low) are in {unit}." if unit else ""
    return (
        f"{what}, {where.lower()}: medians of {result.runs:,} runs (seed {result.seed}); base "
        f"(the scenario as it is) {base}.{in_unit} Each assumption is moved alone to its low "
        "and its high value, everything else at base, on common random numbers. Tornado: ░ = "
        "at the low value, █ = at the high value, │ = base; × = times the data's value."
        + (" Sources: --format json or csv." if sources else "")
    )


def sensitivity_text(result: Any, title: str, lang: Lang = "en") -> str:
    """A plain-language paragraph: which assumption moves the answer most, and how far (the
    shared wording of `chipshock.present.summary.sensitivity_text`, headed by ``title``)."""
    return _sensitivity_text(result, check_lang(lang), title=title)


# --- producer utilisation ---------------------------------------------------------------------

#: titles of the `scenario run --utilisation` sections on a terminal (json and csv: one section
#: ``utilisation``, its rows flagged by ``in_shock_year``): the shock year's producers, ranked, and
#: apart the fabs without capacity in the shock year, measured in a later year over fewer runs
UTILISATION_TITLE = "producer utilisation, % of capacity (most stretched first)"
UTILISATION_LATER_TITLE = (
    "fabs that start during the shock: measured in their first year with capacity, over the "
    "runs whose shock reaches it (not ranked with the above)"
)


def _cell(value: Any, digits: int = 1) -> str:
    return fmt_number(float(value), digits) if pd.notna(value) else "–"


#: the column of the capacity figure's date, with its age when old (`present.capacity_age`)
CAPACITY_AS_OF_COLUMN = "capacity as of"


def _utilisation_cells(rows: pd.DataFrame, capacity_header: str) -> dict[str, list[str]]:
    """The columns both utilisation tables share, formatted; given the age columns of
    `chipshock.present.capacity_age.capacity_age_columns`, a producer whose capacity figure is
    old has the marker before its name (kept on a narrow terminal) and the last column gives
    each figure's date, an old one with its age."""
    names = [  # a remainder counted as an operator's says so (remainder_operators.csv)
        f"{n}, counted as {counted_operator(str(o))}'s" if counted_operator(str(o)) else str(n)
        for n, o in zip(rows["name"], rows["operator"], strict=True)
    ]
    aged = "capacity_age_old" in rows
    if aged:
        names = [
            f"{OLD_MARKER} {n}" if old else n
            for n, old in zip(names, rows["capacity_age_old"], strict=True)
        ]
    cells = _shared_cells(rows, capacity_header)
    if aged:
        cells[CAPACITY_AS_OF_COLUMN] = [str(v) for v in rows["capacity_as_of_label"]]
    return {"producer": names, **cells}


def _shared_cells(rows: pd.DataFrame, capacity_header: str) -> dict[str, list[str]]:
    return {
        "region": [str(v) for v in rows["region"]],
        "class": [str(v) for v in rows["node_class"]],
        capacity_header: [_cell(v) for v in rows["capacity_kwspm"]],
        "normal %": [_cell(v) for v in rows["baseline_pct"]],
        "shock %": [_cell(v) for v in rows["shock_p50_pct"]],
        "p5 – p95": [  # no-break spaces: a band never splits over two lines on a narrow
            # terminal (the table leaves out a lower-priority column instead)
            f"{_cell(lo)}\u00a0–\u00a0{_cell(hi)}" if pd.notna(lo) else "–"
            for lo, hi in zip(rows["shock_p5_pct"], rows["shock_p95_pct"], strict=True)
        ],
        "change pp": [
            ("+" if v > 0 else "") + _cell(v) if pd.notna(v) else "–" for v in rows["change_pp"]
        ],
    }


def utilisation_table(summary: pd.DataFrame) -> pd.DataFrame:
    """For the terminal: one row per producer of the shock year in `SimResult.utilisation`
    (its order: the most stretched in the shock weeks first): producer, region, node class,
    capacity in the shock year, normal utilisation, shock-week utilisation (median, and
    p5 – p95) and the change. Fabs measured in a later year are in `utilisation_later_table`;
    operators, countries and sources are in the json and csv output."""
    year = shock_year(summary)
    if year is None:
        return pd.DataFrame()
    rows, _ = shock_year_rows(summary)
    return pd.DataFrame(_utilisation_cells(rows, f"kwspm {year}"))


def utilisation_later_table(summary: pd.DataFrame) -> pd.DataFrame:
    """For the terminal: the fabs without capacity in the shock year, measured in their first
    year with capacity over the runs whose shock weeks reach it (empty without any): the
    columns of `utilisation_table` with the capacity in that year, the year in brackets, and
    the number of runs instead of the change (as wide as the shock year's table)."""
    _, later = shock_year_rows(summary)
    if later.empty:
        return pd.DataFrame()
    cells = _utilisation_cells(later, "kwspm (year)")
    cells["kwspm (year)"] = [
        f"{v} ({int(y)})" for v, y in zip(cells["kwspm (year)"], later["year"], strict=True)
    ]
    del cells["change pp"]
    return pd.DataFrame({**cells, "runs": [f"{int(n):,}" for n in later["shock_runs"]]})


#: the utilisation tables' columns a narrow terminal keeps, most important first
UTILISATION_KEY_COLUMNS = (
    "producer",
    "shock %",
    "p5 – p95",
    "change pp",
    "normal %",
    "runs",
    "region",
    "class",
)


def utilisation_narrow(summary: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """`UTILISATION_KEY_COLUMNS` for each table of `utilisation_sections` (emit_many's
    ``narrow``), the same on `scenario run` and `results show`."""
    return dict.fromkeys(utilisation_captions(summary), UTILISATION_KEY_COLUMNS)


def utilisation_sections(summary: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The terminal's utilisation tables by title: the shock year's producers and, if any,
    apart, the fabs measured in a later year."""
    later = utilisation_later_table(summary)
    tables = {UTILISATION_TITLE: utilisation_table(summary)}
    if not later.empty:
        tables[UTILISATION_LATER_TITLE] = later
    return tables


def utilisation_captions(
    summary: pd.DataFrame, note: str = "", age_note: str = ""
) -> dict[str, str]:
    """The captions of `utilisation_sections`, ``note`` (the run's exemption note, if any)
    after the main table's, and ``age_note`` (`present.capacity_age.capacity_age_note`, the
    old capacity figures) after that."""
    rows, later = shock_year_rows(summary)
    runs = int(rows["shock_runs"].max()) if not rows.empty else 0
    return {
        UTILISATION_TITLE: " ".join(x for x in (utilisation_caption(summary), note, age_note) if x),
        UTILISATION_LATER_TITLE: (
            f"These {len(later)} fabs have no capacity in {shock_year(summary)}: each is measured "
            f"in its first year with capacity, only in the runs whose shock weeks reach that year "
            f"(runs, of {runs:,} with shock weeks), so they are listed apart, not ranked with the "
            "producers above. Normal % and kwspm are those of that year."
        ),
    }


def utilisation_caption(summary: pd.DataFrame) -> str:
    """What the utilisation table shows and where its numbers come from."""
    year = shock_year(summary) or "–"
    return (
        "Utilisation = chips sold (own customers, and orders taken over from cut-off producers) "
        "/ capacity, averaged over each run's shock weeks (shock and recovery): shock % = the "
        "median run, p5 – p95 = 90% of runs; above 100 while a wafer bank is drawn. Normal = "
        f"normal orders (end-market demand x sourcing share) / capacity in {year}; change = "
        "shock % - normal %, percentage points (> 0 takes over orders, < 0 cut off). kwspm = "
        f"thousand wafer starts per month in {year}; the producers of {year} only (fabs that "
        "start later, during the shock weeks, are listed apart). Capacity: "
        "fab_capacity.csv (fabs) or the "
        "regional total minus the itemised fabs (other fabs); each row's source and as-of, and "
        "in_shock_year and shock_runs (runs measured): --format json or csv."
    )
