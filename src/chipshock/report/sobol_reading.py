"""Sobol indices for people: a tidy table and a plain-words reading, in English and Japanese.

For every surface (CLI, API, dashboard, report): `sobol_tidy` gives one row per factor with
plain column names and the indices in percent; `sobol_text` words the finding once, so that no
surface writes its own. The input is a `chipshock.sim.sobol.SobolResult` (typed loosely here, as
the presentation layer reads the tables the core returns).

Reading rules (stated so that the words can be checked against the numbers):
- the main driver is the factor with the largest total index ST;
- a factor "matters mostly through interactions" when ST - S1 >= 0.1 and ST - S1 > S1;
- "interactions matter" when the first-order indices add up to less than 0.8;
- a factor has "no visible effect" when ST < 0.01;
- the share of chance (the Monte Carlo draws no factor fixes: `SobolResult.chance_st`) is said
  when the result carries it;
- every reading ends with the convergence check in words: the largest change of a total index
  between N/2 and N base points, the widest 95% interval of a total index, and the verdict
  "converged at N" (every total index moved by at most the tolerance) or "not converged at N"
  (then: "Not yet stable", rerun with 2N, or with the N the result estimates for stable
  indices, `chipshock.sim.sobol.samples_needed`, when that is more);
- a factor whose first-order index exceeds its total one (S1 > ST + 0.005, or either above 1),
  impossible in theory, is named as sampling noise, saying which of the two holds (S1 above ST,
  an index above 100%) with the numbers and N: the indices have not converged, and the
  reading gives no "on its own" share or interaction claim for it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.present.censored_analysis import censoring_note
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_pct, machine_number
from chipshock.report.labels import Lang, check_lang, fmt_kpi, kpi_label, market_label

__all__ = ["sobol_chart", "sobol_text", "sobol_tidy"]

_INTERACTION = 0.1
_ADDITIVE = 0.8
_NONE = 0.01
#: S1 may exceed ST by this much (half a percentage point, the rounding shown) before it is noise
_NOISE = 0.005


def sobol_tidy(result: Any, lang: Lang = "en") -> pd.DataFrame:
    """One row per factor (largest total index first): rank, assumption (in ``lang``), its
    low and high value, first-order and total index in % with their 95% half-widths,
    interaction share in %, the total index from half the samples (convergence), confidence
    and source. Columns: rank, factor, assumption, low_value, high_value, first_order_pct,
    first_order_ci_pct, total_pct, total_ci_pct, interaction_pct, total_half_pct,
    confidence, source, source_url, unit (of low/high), range_source, range_as_of and
    range_source_url (where the low-high range comes from)."""
    lang = check_lang(lang)
    t = result.table
    label = "label_ja" if lang == "ja" else "label"
    return pd.DataFrame(
        {
            "rank": range(1, len(t) + 1),
            "factor": t["factor"].astype(str),
            "assumption": [str(r[label] or r["label"]) for _, r in t.iterrows()],
            "low_value": t["low_value"].astype(float),
            "high_value": t["high_value"].astype(float),
            "first_order_pct": _percent(t["S1"]),
            "first_order_ci_pct": _percent(t["S1_conf"]),
            "total_pct": _percent(t["ST"]),
            "total_ci_pct": _percent(t["ST_conf"]),
            "interaction_pct": _percent(t["interaction"]),
            "total_half_pct": _percent(t["ST_half"]),
            "confidence": t["confidence"].astype(str),
            "source": t["source"].astype(str),
            "source_url": t["source_url"].astype(str),
            "unit": t["unit"].astype(str),
            "range_source": t["range_source"].astype(str),
            "range_as_of": t["range_as_of"].astype(str),
            "range_source_url": t["range_source_url"].astype(str),
        }
    )


def _percent(shares: pd.Series) -> pd.Series:
    """Indices (shares of the variance) in percent, as a machine output keeps them
    (`machine_number`: no binary noise, not rounded to a display rule): each surface rounds
    them when it writes them, so that an index or half-width below 0.05 % reads "<0.1" (CLI)
    or "<1%" (report, dashboard) alike, not 0 where the table had rounded it to 0.0 first."""
    return (100 * shares.astype(float)).map(machine_number)


def _pct(v: float, lang: Lang = "en") -> str:
    """A share of the variance (0 to 1) in whole percent, a nonzero below the half "<1%"
    (`fmt_pct`), as the table's cells.

    >>> _pct(0.523), _pct(0.003), _pct(0.0)
    ('52%', '<1%', '0%')
    """
    return fmt_pct(100 * float(v), 0, lang)


def sobol_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """`_sobol_text`, then what censoring at the horizon does to a ranking of
    ``weeks_to_recover`` (`chipshock.present.censored_analysis.censoring_note`)."""
    text = _sobol_text(result, lang, title)
    note = censoring_note(result, lang)
    return text + ("" if lang == "ja" else " ") + note if note else text


def _t(key: str, lang: Lang, **fields: object) -> str:
    return message(f"sobol.{key}", lang, **fields)


def _sobol_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """A plain-language paragraph on a `SobolResult`: the main driver and its share of the
    variance, the next ones, interactions, factors without effect, and stability. The words
    are the catalogue's ``sobol.*`` messages; English writes the names in lower case inside
    its sentences."""
    lang = check_lang(lang)
    en = lang == "en"
    t = result.table
    head = "" if title is None else _t("reading_head", lang, title=title)
    what = kpi_label(result.kpi, lang)
    where = market_label(result.market, lang)
    if en:
        what, where = what.lower(), where.lower()
    mean = fmt_kpi(result.kpi, float(result.y_mean), lang)
    if t.empty or float(t["ST"].max()) <= 0:
        return head + _t("reading_flat", lang, what=what, where=where, mean=mean)

    def name(r: Any) -> str:
        return str(r["label"]).lower() if en else str(r["label_ja"] or r["label"])

    def names(rows: pd.DataFrame) -> str:
        return _t("list_sep", lang).join(name(r) for _, r in rows.iterrows())

    top = t.iloc[0]
    nxt = t.iloc[1:3][t.iloc[1:3]["ST"] >= _NONE]
    noisy_rows = (t["S1"] > t["ST"] + _NOISE) | (t["S1"] > 1) | (t["ST"] > 1)
    noisy = t[noisy_rows]
    via = t[(t["interaction"] >= _INTERACTION) & (t["interaction"] > t["S1"]) & ~noisy_rows]
    none = t[t["ST"] < _NONE]
    s1_sum = float(t["S1"].clip(lower=0).sum())
    top_noisy = bool(noisy_rows.iloc[0])
    text = head + _t(
        "reading_top",
        lang,
        evaluations=f"{result.evaluations:,}",
        total=f"{result.evaluations * result.runs:,}",
        runs=f"{result.runs:,}",
        name=name(top),
        what=what,
        where=where,
        st=_pct(top["ST"], lang),
    )
    text += (
        _t("reading_top_end", lang)
        if top_noisy
        else _t("reading_top_alone", lang, s1=_pct(top["S1"], lang))
    )
    if not noisy.empty:
        items = _t("noise_sep", lang).join(
            _t("noise_item", lang, name=name(r), facts=_noise(r, lang)) for _, r in noisy.iterrows()
        )
        text += _t("noise", lang, items=items, n=f"{result.samples:,}")
    if not nxt.empty:
        items = _t("list_sep", lang).join(
            _t("next_item", lang, name=name(r), st=_pct(r["ST"], lang)) for _, r in nxt.iterrows()
        )
        text += _t("next", lang, items=items)
    if s1_sum < _ADDITIVE:
        text += _t("together", lang, s1=_pct(s1_sum, lang))
    if not via.empty:
        text += _t("via", lang, items=names(via))
    if not none.empty:
        text += _t("no_effect", lang, items=names(none))
    chance = _num(getattr(result, "chance_st", None))
    if chance == chance:
        text += _t("chance", lang, share=_pct(max(chance, 0.0), lang))
    return text + _convergence(result, lang)


def _noise(r: Any, lang: Lang = "en") -> str:
    """What is impossible about one factor's indices, and only that (review 11, finding 7):
    S1 above ST, and/or an index above 100%.

    >>> _noise({"S1": 0.92, "ST": 1.11})
    'the share with interactions (total index) comes out at 111%, above 100%'
    >>> _noise({"S1": 0.40, "ST": 0.30})[:60]
    'the share alone (first-order index, 40%) comes out larger th'
    >>> _noise({"S1": 0.40, "ST": 0.30}, "ja")
    '単独の寄与（一次指数、40%）が相互作用を含む寄与（全効果指数、30%）を上回ります'
    """
    s1, st = float(r["S1"]), float(r["ST"])
    above = [
        _t("noise_above_100", lang, what=_t(what, lang), value=_pct(value, lang))
        for value, what in ((s1, "noise_first_order"), (st, "noise_total"))
        if value > 1
    ]
    facts = []
    if s1 > st + _NOISE:  # in Japanese a clause that another fact follows ends otherwise
        key = "noise_s1_above_st_then" if above else "noise_s1_above_st"
        facts.append(_t(key, lang, s1=_pct(s1, lang), st=_pct(st, lang)))
    return _t("noise_and", lang).join(facts + above)


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def _needed(result: Any, n: int) -> int:
    """The base points the result estimates for stable indices (at least 2N)."""
    needed = getattr(result, "samples_needed", 0)
    return (
        max(2 * n, int(needed)) if isinstance(needed, int | float) and needed == needed else 2 * n
    )


def _rerun_with(result: Any, n: int, lang: Lang) -> str:
    """The base points to rerun with: 2N, or with the runs it takes the estimate for stable
    indices when that is more."""
    m = _needed(result, n)
    if m <= 2 * n:
        return f"N = {2 * n}"
    runs = f"{result.evaluations // n * m:,}"
    return _t("rerun_with", lang, double=2 * n, m=f"{m:,}", runs=runs)


def _convergence(result: Any, lang: Lang) -> str:
    n, half = int(result.samples), int(result.samples) // 2
    change, conf = (
        _num(getattr(result, "max_st_change", None)),
        _num(getattr(result, "max_st_conf", None)),
    )
    tol = _pct(result.tolerance, lang)
    text = _t("check", lang, n=n)
    if change == change and conf == conf:  # both known (not NaN)
        text += _t(
            "check_moved",
            lang,
            half=half,
            n=n,
            change=_pct(change, lang),
            tol=tol,
            conf=_pct(conf, lang),
        )
    if result.converged:
        return text + _t("converged", lang, n=n)
    return text + _t("not_converged", lang, n=n, tol=tol, needed=_rerun_with(result, n, lang))


def sobol_chart(result: Any, lang: Lang = "en") -> dict[str, Any] | None:
    """First-order (alone) and total (with interactions) Sobol indices per assumption, in % of
    the variance, with their 95% bootstrap intervals as whiskers: one Vega-Lite spec for the
    report and the dashboard (None without rows)."""
    from chipshock.present.charts import bar_spec
    from chipshock.present.messages import message
    from chipshock.present.numbers import fmt_pct

    lang = check_lang(lang)
    tidy = sobol_tidy(result, lang)
    if tidy.empty:
        return None
    first, total = message("sobol.first_order", lang), message("sobol.total", lang)
    parts = []
    for name, col in ((first, "first_order"), (total, "total")):
        value = tidy[f"{col}_pct"].astype(float)
        half = tidy[f"{col}_ci_pct"].astype(float)
        parts.append(
            pd.DataFrame(
                {
                    "label": tidy["assumption"],
                    "series": name,
                    "value": value,
                    "low": (value - half).clip(lower=0),
                    "high": value + half,
                    "text": [fmt_pct(v, 0, lang) for v in value],
                }
            )
        )
    items = pd.concat(parts, ignore_index=True)
    what = f"{kpi_label(result.kpi, lang)} ({market_label(result.market, lang)})"
    desc = " ".join(
        message(
            "sobol.desc",
            lang,
            name=r["assumption"],
            total=fmt_pct(r["total_pct"], 0, lang),
            first=fmt_pct(r["first_order_pct"], 0, lang),
        )
        for _, r in tidy.iterrows()
    )
    return bar_spec(
        items,
        title=message("sobol.chart", lang, what=what),
        description=desc,
        x_title=message("sobol.axis", lang),
        series=[first, total],
    )
