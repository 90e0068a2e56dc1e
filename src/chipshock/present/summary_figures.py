"""The numbers behind the plain-language summaries, and how they are written.

`key_figures` reads a result's tidy KPI and band tables (the hardest-hit market, its worst
week, output lost, weeks to recover, USD at risk); `fmt_pct`, `fmt_weeks` and `fmt_when` write
them; `CAVEAT` closes every summary. Shared by `chipshock.present.summary` (scenario and
comparison text) and `chipshock.present.summary_sweep` (sweep and sensitivity text).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_pct, fmt_usd, fmt_weeks, round_half_up, round_weeks

__all__ = [
    "ALLIANCE_SIDES",
    "CAVEAT",
    "TOTAL_MARKETS",
    "Range",
    "fmt_pct",
    "fmt_weeks",
    "fmt_when",
    "is_comparison",
    "key_figures",
    "kpi_row",
    "nil_usd",
    "nil_weeks",
    "not_recovered",
    "scenario_title",
    "side_labels",
    "twin_sides",
    "usd_about",
    "usd_span",
    "weeks_about",
    "weeks_span",
]

#: the ``market`` values of a row over all end markets
TOTAL_MARKETS = ("all", "total", "world")
Range = dict[str, float]

CAVEAT = {"en": message("caveat", "en"), "ja": message("caveat", "ja")}


def is_comparison(obj: Any) -> bool:
    return hasattr(obj, "delta") and hasattr(obj, "a") and hasattr(obj, "b")


def _summary(result: Any) -> dict[str, Any]:
    try:
        return dict(result.summary())
    except Exception:  # a result without a summary still gets a text
        return {}


def scenario_title(result: Any, lang: Lang = "en") -> str:
    """The scenario's title in ``lang`` (falls back to English, then the id)."""
    sc = getattr(result, "scenario", None)
    summary = _summary(result)
    title_en = getattr(sc, "title", None) or summary.get("title")
    title_ja = getattr(sc, "title_ja", None) or summary.get("title_ja")
    sid = getattr(sc, "scenario_id", None) or summary.get("scenario_id") or "scenario"
    if lang == "ja" and title_ja:
        return str(title_ja)
    return str(title_en or sid)


def kpi_row(kpis: pd.DataFrame, kpi: str, market: str | None = None) -> pd.Series | None:
    rows = kpis[kpis["kpi"] == kpi]
    if market is None:
        rows = rows[rows["market"].astype(str).isin(TOTAL_MARKETS)]
    else:
        rows = rows[rows["market"].astype(str) == market]
    return None if rows.empty else rows.iloc[0]


def _range(row: pd.Series | None, scale: float = 1.0) -> Range | None:
    if row is None:
        return None
    return {k: float(row[k]) * scale for k in ("p5", "p50", "p95")}


def _worst_market(result: Any) -> str | None:
    named = _summary(result).get("worst_market")
    if named:
        return str(named)
    kpis: pd.DataFrame = result.kpis
    for kpi in ("output_lost_weeks", "peak_output_lost_pct", "peak_weekly_shortfall_pct"):
        rows = kpis[(kpis["kpi"] == kpi) & ~kpis["market"].astype(str).isin(TOTAL_MARKETS)]
        if not rows.empty:
            return str(rows.sort_values(["p50", "mean"], ascending=False)["market"].iloc[0])
    return None


def _worst_date(result: Any, market: str) -> pd.Timestamp | None:
    bands = getattr(result, "bands", None)
    if bands is None or "date" not in bands.columns:
        return None
    rows = bands[(bands["series"] == "output_pct_of_normal") & (bands["key"] == market)]
    if rows.empty or float(rows["p50"].min()) >= 99.5:
        return None
    return pd.Timestamp(rows.sort_values(["p50", "week"]).iloc[0]["date"])


def key_figures(result: Any) -> dict[str, Any]:
    """The numbers the summary is built from (also the report's and dashboard's key figures).

    ``peak_output`` / ``peak_chips``: worst-week loss in % (of normal output / of chips needed)
    of the hardest-hit market; ``output_weeks``: weeks of normal output lost, all markets;
    ``recover``: weeks until the hardest-hit market's output recovers, and ``not_recovered``
    (`not_recovered`) where some runs do not recover within the horizon; ``loss``: USD at risk;
    ``lead_time``: the longest lead time, weeks, and ``drawdown``: the worst week's inventory
    cover missing, %, both all markets; ``normal_lead_time``: the run's normal lead time in
    weeks (model_assumptions.csv), where its assumptions list it; ``restocking``: (the
    inventory regime buyers start in, the one they restock toward) when the two differ, so
    that part of the stock gap and of the lead time is there from the first week;
    ``no_market_loses``: True when the engine's summary names no hardest-hit market (no market
    loses output in any run), and ``peak_output``, ``peak_chips`` and ``recover`` are then those
    of all markets together."""
    kpis: pd.DataFrame = result.kpis
    summary = _summary(result)
    runs = summary.get("runs", getattr(result, "runs", None))
    sc = getattr(result, "scenario", None)
    out: dict[str, Any] = {"runs": None if runs is None else int(runs)}
    if sc is not None and hasattr(sc, "start_year") and hasattr(sc, "end_year"):
        out["horizon"] = (int(sc.start_year), int(sc.end_year))
    market = _worst_market(result)
    # the engine's summary names no market when none loses output in any run (review 4 #8):
    # the worst point and recovery are then those of all markets together, and the cards say so
    no_loss = "worst_market" in summary and not summary["worst_market"]
    if no_loss:
        out["no_market_loses"] = True
    if market is not None:
        out["worst_market"] = market
        out["worst_date"] = _worst_date(result, market)
        for key, kpi in (
            ("peak_output", "peak_output_lost_pct"),
            ("peak_chips", "peak_weekly_shortfall_pct"),
            ("recover", "weeks_to_recover"),
        ):
            value = _range(kpi_row(kpis, kpi, None if no_loss else market))
            if value is not None:
                out[key] = value
        censored = not_recovered(result, market)
        if censored is not None:
            out["not_recovered"] = censored
    for key, kpi, scale in (
        ("output_weeks", "output_lost_weeks", 1.0),
        ("loss", "loss_usd_bn", 1e9),
        ("lead_time", "lead_time_weeks_peak", 1.0),
        ("drawdown", "inventory_drawdown_peak_pct", 1.0),
    ):
        value = _range(kpi_row(kpis, kpi), scale)
        if value is not None:
            out[key] = value
    normal = _assumption(result, "normal_lead_time_weeks")
    if normal is not None:
        out["normal_lead_time"] = normal
    start = str(getattr(sc, "inventory_regime", "") or "2019")
    target = str(getattr(sc, "inventory_target_regime", "") or start)
    if target != start:
        out["restocking"] = (start, target)
    return out


def not_recovered(result: Any, market: str | None = None) -> dict[str, Any] | None:
    """How many runs of ``market`` (None: all markets) are not back to normal by the horizon
    end, from the ``weeks_to_recover`` row's ``censored_at`` / ``not_recovered_pct``
    (`chipshock.sim.run.economics.kpi_summary`): ``runs`` (of ``of``), ``pct``, ``weeks`` (the
    censored value: horizon end minus shock start), ``year`` (the horizon's last year) and
    ``median`` (whether the median run is one of them); None when none is, or the table does
    not say."""
    row = kpi_row(result.kpis, "weeks_to_recover", market)
    if row is None or "censored_at" not in row or "not_recovered_pct" not in row:
        return None
    at, pct = row["censored_at"], row["not_recovered_pct"]
    if pd.isna(at) or pd.isna(pct) or not float(pct) > 0 or not float(at) > 0:
        return None
    total = _summary(result).get("runs", getattr(result, "runs", None))
    n = int(total) if total else 0
    sc = getattr(result, "scenario", None)
    horizon = _summary(result).get("horizon")
    year = getattr(sc, "end_year", None) or (horizon[1] if horizon else None)
    return {
        "runs": max(1, round(float(pct) * n / 100.0)) if n else None,
        "of": n or None,
        "pct": float(pct),
        "weeks": float(at),
        "year": None if year is None else int(year),
        "median": float(row["p50"]) >= float(at) - 1e-9,
    }


def _assumption(result: Any, row_id: str) -> float | None:
    """The value of one assumption row the run used (its ``assumptions`` table), if listed."""
    table = getattr(result, "assumptions", None)
    if not isinstance(table, pd.DataFrame) or table.empty or "id" not in table:
        return None
    hit = table.loc[table["id"].astype(str) == row_id, "value"]
    try:
        return float(hit.iloc[0]) if len(hit) else None
    except (TypeError, ValueError):
        return None


def fmt_when(date: pd.Timestamp | None, lang: Lang) -> str:
    if date is None:
        return ""
    return f"around {date:%B %Y}" if lang == "en" else f"{date.year}年{date.month}月ごろ"


# Small figures in sentences. A value that the display rounds to nothing is not written "0.0
# weeks" or "USD 0.0 bn" / "0億ドル" (which read as "nothing" or as a typo) but as "less than 0.1
# weeks" / "under USD 0.1 bn"; a 90% range whose low end rounds to nothing reads "up to <high>".


def nil_weeks(value: float) -> bool:
    """Whether ``value`` weeks is written 0.0 by the week rule (below 0.05 weeks)."""
    return round_weeks(value) == 0


def nil_usd(value_usd: float) -> bool:
    """Whether ``value_usd`` is written USD 0.0 bn / 0億ドル (below USD 0.05 bn)."""
    return round_half_up(value_usd / 1e9, 1) == 0


def weeks_about(value: float, lang: Lang, unit_ja: str = "週間", *, about: bool = True) -> str:
    """``about 3.5 weeks`` (``3.5 weeks`` without ``about``) / ``less than 0.1 weeks``; ja
    ``約3.5週間`` / ``0.1週間未満`` (``unit_ja`` e.g. ``週間分``).

    >>> weeks_about(3.46, "en"), weeks_about(0.02, "en"), weeks_about(0.02, "ja", "週間分")
    ('about 3.5 weeks', 'less than 0.1 weeks', '0.1週間分未満')
    """
    if nil_weeks(value):
        return "less than 0.1 weeks" if lang == "en" else f"0.1{unit_ja}未満"
    text = fmt_weeks(value, lang)
    if lang == "en":
        return f"about {text} weeks" if about else f"{text} weeks"
    return f"約{text}{unit_ja}"


def weeks_span(low: float, high: float, lang: Lang, unit_ja: str = "週間") -> str:
    """A 90% range of weeks: ``3.0 to 5.0 weeks`` / ``up to 0.1 weeks`` (low end nil) / ``""``
    (both nil); ja ``3.0〜5.0週間`` / ``最大0.1週間``."""
    if nil_weeks(high):
        return ""
    top = fmt_weeks(high, lang)
    if nil_weeks(low):
        return f"up to {top} weeks" if lang == "en" else f"最大{top}{unit_ja}"
    bottom = fmt_weeks(low, lang)
    return f"{bottom} to {top} weeks" if lang == "en" else f"{bottom}〜{top}{unit_ja}"


def usd_about(value_usd: float, lang: Lang) -> str:
    """``about USD 1.4 bn`` / ``under USD 0.1 bn``; ja ``約14億ドル`` / ``1億ドル未満``."""
    if nil_usd(value_usd):
        return "under USD 0.1 bn" if lang == "en" else "1億ドル未満"
    return f"about {fmt_usd(value_usd, lang)}" if lang == "en" else f"約{fmt_usd(value_usd, lang)}"


def usd_span(low_usd: float, high_usd: float, lang: Lang) -> str:
    """A 90% range of US dollars: ``USD 0.5 bn to USD 6.3 bn`` / ``up to USD 6.3 bn`` (low end
    nil) / ``""`` (both nil); ja ``5億ドル〜63億ドル`` / ``最大63億ドル``."""
    if nil_usd(high_usd):
        return ""
    top = fmt_usd(high_usd, lang)
    if nil_usd(low_usd):
        return f"up to {top}" if lang == "en" else f"最大{top}"
    bottom = fmt_usd(low_usd, lang)
    return f"{bottom} to {top}" if lang == "en" else f"{bottom}〜{top}"


ALLIANCE_SIDES = {
    lang: (message("side.with_alliance_fabs", lang), message("side.without_alliance_fabs", lang))
    for lang in ("en", "ja")
}


def twin_sides(ida: str, idb: str, lang: Lang = "en") -> tuple[str, str] | None:
    """ "with/without the alliance fabs" in the order of the sides when one scenario is the
    other's ``-no-alliance-fabs`` twin (the CLI's, the report's and the API's names of such a
    pair), else None."""
    with_, without = ALLIANCE_SIDES[lang]
    if ida and idb == f"{ida}-no-alliance-fabs":
        return with_, without
    if idb and ida == f"{idb}-no-alliance-fabs":
        return without, with_
    return None


def side_labels(
    cmp: Any,
    lang: Lang = "en",
    label_a: str | None = None,
    label_b: str | None = None,
    names: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """Words naming the two sides of a comparison (never bare A/B).

    Given labels win; a scenario against its ``-no-alliance-fabs`` twin is "with/without the
    alliance fabs"; otherwise the scenario titles. Two equal labels are told apart by
    ``names`` (the CLI's file names; default the scenario ids): "Title (a.toml)"; only when
    those are equal too by "(first)" and "(second)"."""
    ida = str(getattr(getattr(cmp.a, "scenario", None), "scenario_id", ""))
    idb = str(getattr(getattr(cmp.b, "scenario", None), "scenario_id", ""))
    default_a, default_b = twin_sides(ida, idb, lang) or (
        scenario_title(cmp.a, lang),
        scenario_title(cmp.b, lang),
    )
    ta, tb = label_a or default_a, label_b or default_b
    if ta != tb:
        return ta, tb
    name_a, name_b = names or (ida, idb)
    if name_a and name_b and name_a != name_b:
        return (
            message("side.named", lang, label=ta, name=name_a),
            message("side.named", lang, label=tb, name=name_b),
        )
    return message("side.first", lang, label=ta), message("side.second", lang, label=tb)
