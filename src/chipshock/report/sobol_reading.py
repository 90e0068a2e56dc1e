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
            "first_order_pct": (100 * t["S1"]).round(1),
            "first_order_ci_pct": (100 * t["S1_conf"]).round(1),
            "total_pct": (100 * t["ST"]).round(1),
            "total_ci_pct": (100 * t["ST_conf"]).round(1),
            "interaction_pct": (100 * t["interaction"]).round(1),
            "total_half_pct": (100 * t["ST_half"]).round(1),
            "confidence": t["confidence"].astype(str),
            "source": t["source"].astype(str),
            "source_url": t["source_url"].astype(str),
            "unit": t["unit"].astype(str),
            "range_source": t["range_source"].astype(str),
            "range_as_of": t["range_as_of"].astype(str),
            "range_source_url": t["range_source_url"].astype(str),
        }
    )


def _pct(v: float) -> str:
    return f"{100 * v:.0f}%"


def sobol_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """`_sobol_text`, then what censoring at the horizon does to a ranking of
    ``weeks_to_recover`` (`chipshock.present.censored_analysis.censoring_note`)."""
    text = _sobol_text(result, lang, title)
    note = censoring_note(result, lang)
    return text + ("" if lang == "ja" else " ") + note if note else text


def _sobol_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """A plain-language paragraph on a `SobolResult`: the main driver and its share of the
    variance, the next ones, interactions, factors without effect, and stability."""
    lang = check_lang(lang)
    en = lang == "en"
    t = result.table
    head = "" if title is None else (f"{title}: " if en else f"{title}：")
    what = kpi_label(result.kpi, lang)
    where = market_label(result.market, lang)
    mean = fmt_kpi(result.kpi, float(result.y_mean), lang)
    if t.empty or float(t["ST"].max()) <= 0:
        return head + (
            f"The {what.lower()} ({where.lower()}, mean {mean}) does not change across the "
            "tested assumptions."
            if en
            else f"{what}（{where}、平均{mean}）は、検討した仮定を動かしても変わりません。"
        )

    def name(r: Any) -> str:
        return str(r["label"]).lower() if en else str(r["label_ja"] or r["label"])

    top = t.iloc[0]
    nxt = t.iloc[1:3][t.iloc[1:3]["ST"] >= _NONE]
    noisy_rows = (t["S1"] > t["ST"] + _NOISE) | (t["S1"] > 1) | (t["ST"] > 1)
    noisy = t[noisy_rows]
    via = t[(t["interaction"] >= _INTERACTION) & (t["interaction"] > t["S1"]) & ~noisy_rows]
    none = t[t["ST"] < _NONE]
    s1_sum = float(t["S1"].clip(lower=0).sum())
    top_noisy = bool(noisy_rows.iloc[0])
    if en:
        text = (
            head + f"Across {result.evaluations:,} combinations of the assumptions "
            f"({result.evaluations * result.runs:,} simulated futures, {result.runs:,} per "
            f"combination), "
            f"{name(top)} explains the most of the spread in the "
            f"{what.lower()} ({where.lower()}): {_pct(top['ST'])} of its variance including "
            "interactions" + ("." if top_noisy else f", {_pct(top['S1'])} on its own.")
        )
        if not noisy.empty:
            text += (
                " Sampling noise: "
                + "; ".join(f"for {name(r)} {_noise_en(r)}" for _, r in noisy.iterrows())
                + f" (at N = {result.samples:,} base points), which cannot be true of the real "
                "indices; the estimates have not converged, so read them as rough and rerun "
                "with more samples."
            )
        if not nxt.empty:
            text += (
                " Next: "
                + ", ".join(f"{name(r)} ({_pct(r['ST'])})" for _, r in nxt.iterrows())
                + "."
            )
        if s1_sum < _ADDITIVE:
            text += (
                f" The assumptions act together: alone they explain only {_pct(s1_sum)}; "
                "the rest shows only when several move at once (e.g. a threshold)."
            )
        if not via.empty:
            text += (
                " Mostly through interactions: "
                + ", ".join(name(r) for _, r in via.iterrows())
                + "."
            )
        if not none.empty:
            text += " No visible effect: " + ", ".join(name(r) for _, r in none.iterrows()) + "."
        chance = _num(getattr(result, "chance_st", None))
        if chance == chance:
            text += (
                f" Chance within the scenario (the random draws no assumption above fixes) "
                f"accounts for {_pct(max(chance, 0.0))} of the variance including interactions."
            )
        return text + _convergence_en(result)
    text = (
        head + f"仮定の組み合わせ{result.evaluations:,}通り"
        f"（各シミュレーションした未来{result.runs:,}通り、計"
        f"{result.evaluations * result.runs:,}通り）で見ると、"
        f"{what}（{where}）のばらつきを最も多く説明するのは{name(top)}です（相互作用を含めて分散の{_pct(top['ST'])}"
        + ("）。" if top_noisy else f"、単独で{_pct(top['S1'])}）。")
    )
    if not noisy.empty:
        text += (
            "標本誤差："
            + "。".join(f"{name(r)}では{_noise_ja(r)}" for _, r in noisy.iterrows())
            + f"（基準点N = {result.samples:,}）。本来の指数ではあり得ません。推定はまだ収束して"
            "いないので目安として読み、標本を増やして再計算してください。"
        )
    if not nxt.empty:
        text += (
            "次いで" + "、".join(f"{name(r)}（{_pct(r['ST'])}）" for _, r in nxt.iterrows()) + "。"
        )
    if s1_sum < _ADDITIVE:
        text += (
            f"仮定は組み合わさって効きます。単独では{_pct(s1_sum)}しか説明できず、残りは複数の仮定が"
            "同時に動いたときにだけ現れます（しきい値など）。"
        )
    if not via.empty:
        text += (
            "主に相互作用を通じて効く仮定：" + "、".join(name(r) for _, r in via.iterrows()) + "。"
        )
    if not none.empty:
        text += "目に見える効果のない仮定：" + "、".join(name(r) for _, r in none.iterrows()) + "。"
    chance = _num(getattr(result, "chance_st", None))
    if chance == chance:
        text += (
            "シナリオ内の偶然（上の仮定が固定しない乱数）は、相互作用を含めて分散の"
            f"{_pct(max(chance, 0.0))}を占めます。"
        )
    return text + _convergence_ja(result)


def _noise_en(r: Any) -> str:
    """What is impossible about one factor's indices, and only that (review 11, finding 7):
    S1 above ST, and/or an index above 100%.

    >>> _noise_en({"S1": 0.92, "ST": 1.11})
    'the share with interactions (total index) comes out at 111%, above 100%'
    >>> _noise_en({"S1": 0.40, "ST": 0.30})[:60]
    'the share alone (first-order index, 40%) comes out larger th'
    """
    s1, st = float(r["S1"]), float(r["ST"])
    facts = []
    if s1 > st + _NOISE:
        facts.append(
            f"the share alone (first-order index, {_pct(s1)}) comes out larger than the share "
            f"with interactions (total index, {_pct(st)})"
        )
    for value, what in ((s1, "the share alone (first-order index)"),
                        (st, "the share with interactions (total index)")):  # fmt: skip
        if value > 1:
            facts.append(f"{what} comes out at {_pct(value)}, above 100%")
    return " and ".join(facts)


def _noise_ja(r: Any) -> str:
    """`_noise_en` in Japanese."""
    s1, st = float(r["S1"]), float(r["ST"])
    facts = []
    if s1 > st + _NOISE:
        facts.append(
            f"単独の寄与（一次指数、{_pct(s1)}）が相互作用を含む寄与（全効果指数、{_pct(st)}）を上回り"
        )
    for value, what in ((s1, "単独の寄与（一次指数）"), (st, "相互作用を含む寄与（全効果指数）")):
        if value > 1:
            facts.append(f"{what}が{_pct(value)}と100%を超えています")
    text = "、".join(facts)
    return text if text.endswith("ます") else text + "ます"


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


def _needed_en(result: Any, n: int) -> str:
    m = _needed(result, n)
    if m <= 2 * n:
        return f"N = {2 * n}"
    return (
        f"N = {2 * n} at least; errors shrinking as 1/sqrt(N), stable indices need about "
        f"N = {m:,}, {result.evaluations // n * m:,} simulated futures"
    )


def _needed_ja(result: Any, n: int) -> str:
    m = _needed(result, n)
    if m <= 2 * n:
        return f"N = {2 * n}"
    return (
        f"少なくともN = {2 * n}。誤差が1/√Nで減るとすると、安定した指数にはN = {m:,}程度"
        f"（シミュレーションした未来{result.evaluations // n * m:,}通り）が必要"
    )


def _convergence_en(result: Any) -> str:
    n, half = int(result.samples), int(result.samples) // 2
    change, conf = (
        _num(getattr(result, "max_st_change", None)),
        _num(getattr(result, "max_st_conf", None)),
    )
    text = f" Convergence check at N = {n}:"
    if change == change and conf == conf:  # both known (not NaN)
        text += (
            f" between N/2 = {half} and N = {n} base points the total indices moved by at most "
            f"{_pct(change)} (tolerance {_pct(result.tolerance)}); the widest 95% interval of a "
            f"total index is ±{_pct(conf)}."
        )
    if result.converged:
        text += f" Converged at N = {n}."
    else:
        text += (
            f" Not converged at N = {n}. Not yet stable: with half the samples some total index "
            f"moved by more than {_pct(result.tolerance)}; rerun with more samples "
            f"({_needed_en(result, n)}) before relying on the order."
        )
    return text


def _convergence_ja(result: Any) -> str:
    n, half = int(result.samples), int(result.samples) // 2
    change, conf = (
        _num(getattr(result, "max_st_change", None)),
        _num(getattr(result, "max_st_conf", None)),
    )
    text = f"収束の確認（N = {n}）："
    if change == change and conf == conf:
        text += (
            f"基点をN/2 = {half}からN = {n}に増やしたとき、全効果指数の変化は最大{_pct(change)}"
            f"（許容{_pct(result.tolerance)}）、全効果指数の95％区間の最大幅は±{_pct(conf)}です。"
        )
    if result.converged:
        text += f"N = {n}で収束しています。"
    else:
        text += (
            f"N = {n}では収束していません。まだ安定していません。標本を半分にすると全効果指数が"
            f"{_pct(result.tolerance)}を超えて動くものがあります。順位に頼る前に標本を増やして"
            f"（{_needed_ja(result, n)}）再計算してください。"
        )
    return text


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
