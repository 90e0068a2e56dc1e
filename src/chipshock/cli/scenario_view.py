"""Tables for `chipshock scenario ...`: KPI percentiles laid out for a terminal or a file.

Pure functions from DataFrames (and scenarios) to DataFrames; nothing here prints or runs the
engine. ``p5 · p50 · p95`` cells give the 5th percentile, median and 95th percentile of the
simulated futures.
The tornado of `scenario sensitivity` is `chipshock.cli.scenario_sensitivity_view`'s, the
producer utilisation tables `chipshock.cli.scenario_utilisation_view`'s.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd
from rich.text import Text

from chipshock.cli.table_cells import heading_cell
from chipshock.present.labels import Lang, check_lang, market_label
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import fmt_swept, kpi_cell
from chipshock.present.provenance import engine_source, package_release
from chipshock.present.summary import no_better_text
from chipshock.scenarios import Scenario, scenario_to_dict
from chipshock.scenarios.model import Shock

__all__ = [
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
    "VALUE_ADDED_TITLE",
    "WIDE_COMPARE",
    "capacity_caption",
    "compare_captions",
    "compare_sides",
    "compare_verdict",
    "counted_fabs",
    "dates_as_text",
    "kpi_columns",
    "median_first",
    "no_country_loss",
    "ordered_kpis",
    "percentile_band",
    "scenario_list_table",
    "shock_table",
    "side_by_side",
    "stacked_percentiles",
    "swept_value",
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
    "per market: p5 · p50 · p95 across the simulated futures",
    "by market: p5 · p50 · p95 across the simulated futures",
)
_PER_MARKET_CAPTION = (
    message("cli.per_market_caption", "en")
    + " "
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
        "delta": f"“{label_b}” minus “{label_a}” in each simulated future, then p5–p50–p95: "
        f"negative = “{label_b}” loses less.",
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


def _shock_text(shock: Shock, with_inputs: bool) -> str:
    """ "country:TWN"; "export_control:CHN(gallium)" when the inputs tell it apart."""
    text = f"{shock.kind}:{'+'.join(shock.targets)}"
    return text + (f"({'+'.join(shock.inputs)})" if with_inputs and shock.inputs else "")


def shock_entries(
    shocks: Iterable[Shock], text: Callable[[Shock, bool], str]
) -> list[tuple[str, int]]:
    """Each shock's short ``text``, once, with how many shocks read so: two shocks that read
    the same (China's export controls on gallium and on germanium) are told apart by their
    inputs (``text(shock, True)``), and any still alike are counted, never listed twice."""
    shocks = list(shocks)
    plain = Counter(text(x, False) for x in shocks)
    texts = [text(x, plain[text(x, False)] > 1) for x in shocks]
    return list(Counter(texts).items())


def scenario_list_table(scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """One row per scenario: id, titles, horizon, shocks, interventions, runs and seed."""
    return pd.DataFrame(
        [
            {
                "id": s.scenario_id,
                "title": s.title,
                "title_ja": s.title_ja,
                "horizon": f"{s.start_year}–{s.end_year}",
                "shocks": ", ".join(
                    text + (f" ×{n}" if n > 1 else "")
                    for text, n in shock_entries(s.shocks, _shock_text)
                )
                or "none",
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
    >>> [[str(cell) for cell in row] for row in stacked_percentiles(k).values.tolist()]
    [['All markets', '', '', ''], ['output lost, weeks', '0.3', '0.4', '0.5']]
    """
    ordered = ordered_kpis(kpis, full=full)
    blocks: dict[str, list[dict[str, str]]] = {}  # per market, in `wide_percentiles`' order
    for _, r in ordered.iterrows():
        kpi = str(r["kpi"])
        blocks.setdefault(market_label(str(r["market"])), []).append(
            {STACKED_INDEX: _kpi_label(kpi)} | {p: kpi_cell(r, p) for p in ("p5", "p50", "p95")}
        )
    rows: list[Mapping[str, str | Text]] = []  # a heading_cell above each block
    for market, block in blocks.items():
        rows.append({STACKED_INDEX: heading_cell(market), "p5": "", "p50": "", "p95": ""})
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
