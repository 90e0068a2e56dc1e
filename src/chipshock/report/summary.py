"""Plain-language summaries of a scenario result or a comparison, in English and Japanese.

The text is written for a reader with two minutes: what happens, to whom, how badly, how sure we
are, and where the numbers come from. It reads only the tidy KPI tables of the result.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.report.labels import (
    Lang,
    check_lang,
    fmt_kpi,
    fmt_usd_bn,
    kpi_kind,
    market_label,
    usd_scale,
)

__all__ = ["is_comparison", "key_figures", "kpi_names", "scenario_title", "summary_text"]


def is_comparison(obj: Any) -> bool:
    return hasattr(obj, "delta") and hasattr(obj, "a") and hasattr(obj, "b")


def scenario_title(result: Any, lang: Lang = "en") -> str:
    """The scenario's title in ``lang`` (falls back to English, then the id)."""
    sc = getattr(result, "scenario", None)
    summary: dict[str, Any] = {}
    try:
        summary = dict(result.summary())
    except Exception:  # a result without a summary still gets a title
        summary = {}
    title_en = getattr(sc, "title", None) or summary.get("title")
    title_ja = getattr(sc, "title_ja", None) or summary.get("title_ja")
    sid = getattr(sc, "scenario_id", None) or summary.get("scenario_id") or "scenario"
    if lang == "ja" and title_ja:
        return str(title_ja)
    return str(title_en or sid)


def _runs(result: Any) -> int | None:
    try:
        value = result.summary().get("runs")
    except Exception:
        value = None
    if value is None:
        value = getattr(result, "runs", None)
    return int(value) if value is not None else None


def kpi_names(kpis: pd.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in dict.fromkeys(kpis["kpi"].astype(str)):
        kind = kpi_kind(name)
        if kind and kind not in out:
            out[kind] = name
    return out


def _market_rows(kpis: pd.DataFrame, kpi: str) -> pd.DataFrame:
    rows = kpis[kpis["kpi"] == kpi]
    return rows[~rows["market"].astype(str).isin(["all", "total", "world"])]


def _total(kpis: pd.DataFrame, kpi: str, col: str) -> float:
    rows = kpis[kpis["kpi"] == kpi]
    agg = rows[rows["market"].astype(str).isin(["all", "total", "world"])]
    if not agg.empty:
        return float(agg[col].iloc[0])
    return float(rows[col].sum())


def key_figures(result: Any) -> dict[str, Any]:
    """The handful of numbers the summary is built from (also shown as 'key figures')."""
    kpis: pd.DataFrame = result.kpis
    names = kpi_names(kpis)
    out: dict[str, Any] = {"kpi_names": names, "runs": _runs(result)}
    if "peak" in names:
        rows = _market_rows(kpis, names["peak"]).sort_values("p50", ascending=False)
        if not rows.empty:
            top = rows.iloc[0]
            out["worst_market"] = str(top["market"])
            out["peak"] = {k: float(top[k]) for k in ("p5", "p50", "p95")}
            out["n_markets_hit"] = int((rows["p50"] > 1e-9).sum())
    if "loss" in names:
        scale = usd_scale(names["loss"])
        out["loss"] = {k: _total(kpis, names["loss"], k) * scale for k in ("p5", "p50", "p95")}
    if "recover" in names and "worst_market" in out:
        rows = kpis[(kpis["kpi"] == names["recover"]) & (kpis["market"] == out["worst_market"])]
        if not rows.empty:
            out["recover"] = float(rows["p50"].iloc[0])
    return out


def _result_text(result: Any, lang: Lang) -> str:
    f = key_figures(result)
    title = scenario_title(result, lang)
    runs = f.get("runs")
    names = f["kpi_names"]
    parts: list[str] = []
    if lang == "en":
        parts.append(f"{title}.")
        if "peak" in f:
            market = market_label(f["worst_market"], "en")
            p = f["peak"]
            k = names["peak"]
            if p["p50"] <= 1e-9:
                parts.append("In the middle estimate no end market runs short of chips.")
            else:
                parts.append(
                    f"In the middle of {runs or 'the'} simulated futures, the hardest-hit end "
                    f"market is {market}: "
                    f"at the worst point it is short of {fmt_kpi(k, p['p50'], 'en')} of the chips "
                    f"it needs (90% of runs: {fmt_kpi(k, p['p5'], 'en')} to "
                    f"{fmt_kpi(k, p['p95'], 'en')})."
                )
        if "loss" in f:
            loss = f["loss"]
            parts.append(
                f"The value of goods that cannot be made for lack of chips is about "
                f"{fmt_usd_bn(loss['p50'], 'en')} (between {fmt_usd_bn(loss['p5'], 'en')} and "
                f"{fmt_usd_bn(loss['p95'], 'en')} in 90% of runs)."
            )
        if "recover" in f:
            parts.append(f"Supply takes about {f['recover']:.0f} weeks to recover.")
        parts.append(
            "These are model estimates from public data, not forecasts; the assumptions and "
            "their sources are listed with the results."
        )
        return " ".join(parts)
    parts.append(f"{title}。")
    if "peak" in f:
        market = market_label(f["worst_market"], "ja")
        p = f["peak"]
        k = names["peak"]
        if p["p50"] <= 1e-9:
            parts.append("中央値では、どの最終市場でも半導体は不足しません。")
        else:
            parts.append(
                f"{runs or ''}通りのシミュレーションの中央値では、最も大きな打撃を受けるのは"
                f"{market}で、最も厳しい時期には必要な半導体の{fmt_kpi(k, p['p50'], 'ja')}が"
                f"不足します（9割のケースで{fmt_kpi(k, p['p5'], 'ja')}〜"
                f"{fmt_kpi(k, p['p95'], 'ja')}）。"
            )
    if "loss" in f:
        loss = f["loss"]
        parts.append(
            f"半導体が足りないために作れなくなる製品の価値は約{fmt_usd_bn(loss['p50'], 'ja')}"
            f"（9割のケースで{fmt_usd_bn(loss['p5'], 'ja')}〜{fmt_usd_bn(loss['p95'], 'ja')}）"
            "と見込まれます。"
        )
    if "recover" in f:
        parts.append(f"供給の回復には約{f['recover']:.0f}週間かかります。")
    parts.append(
        "これらは公開データに基づくモデルの推計であり、予測ではありません。"
        "前提条件とその出典は結果とあわせて掲載しています。"
    )
    return "".join(parts)


def _comparison_text(cmp: Any, lang: Lang, label_a: str | None, label_b: str | None) -> str:
    fa, fb = key_figures(cmp.a), key_figures(cmp.b)
    ta = label_a or scenario_title(cmp.a, lang)
    tb = label_b or scenario_title(cmp.b, lang)
    if ta == tb:
        ta, tb = ("A", "B") if lang == "en" else ("A案", "B案")
    out: list[str] = []
    if lang == "en":
        out.append(f"Comparing “{ta}” (A) with “{tb}” (B), run on the same random draws.")
        if "loss" in fa and "loss" in fb:
            d = fb["loss"]["p50"] - fa["loss"]["p50"]
            if abs(d) < 5e7:
                out.append("The economic loss is about the same in both.")
            else:
                more = "more" if d > 0 else "less"
                out.append(
                    f"In B, about {fmt_usd_bn(abs(d), 'en')} {more} output is lost than in A "
                    f"({fmt_usd_bn(fb['loss']['p50'], 'en')} against "
                    f"{fmt_usd_bn(fa['loss']['p50'], 'en')}, middle estimates)."
                )
        if "peak" in fa and "peak" in fb:
            k = fa["kpi_names"]["peak"]
            out.append(
                f"The worst shortfall is {fmt_kpi(k, fb['peak']['p50'], 'en')} "
                f"({market_label(fb['worst_market'], 'en')}) in B against "
                f"{fmt_kpi(k, fa['peak']['p50'], 'en')} "
                f"({market_label(fa['worst_market'], 'en')}) in A."
            )
        out.append(
            "The difference is what the change between A and B is worth in this scenario; "
            "it is a model estimate from public data, with the assumptions listed below."
        )
        return " ".join(out)
    out.append(f"「{ta}」（A）と「{tb}」（B）を、同じ乱数で比べました。")
    if "loss" in fa and "loss" in fb:
        d = fb["loss"]["p50"] - fa["loss"]["p50"]
        if abs(d) < 5e7:
            out.append("経済的損失は両者でほぼ同じです。")
        else:
            more = "多く" if d > 0 else "少なく"
            out.append(
                f"Bでは、Aより約{fmt_usd_bn(abs(d), 'ja')}{more}の生産が失われます"
                f"（中央値でBが{fmt_usd_bn(fb['loss']['p50'], 'ja')}、"
                f"Aが{fmt_usd_bn(fa['loss']['p50'], 'ja')}）。"
            )
    if "peak" in fa and "peak" in fb:
        k = fa["kpi_names"]["peak"]
        out.append(
            f"最も深刻な不足は、Bでは{market_label(fb['worst_market'], 'ja')}の"
            f"{fmt_kpi(k, fb['peak']['p50'], 'ja')}、Aでは"
            f"{market_label(fa['worst_market'], 'ja')}の{fmt_kpi(k, fa['peak']['p50'], 'ja')}です。"
        )
    out.append(
        "この差が、このシナリオにおけるAとBの違いの価値です。公開データに基づくモデルの推計であり、"
        "前提条件は下に掲載しています。"
    )
    return "".join(out)


def summary_text(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
) -> str:
    """A few sentences saying what a scenario result or a comparison means, in ``en`` or ``ja``.

    For a comparison, ``label_a``/``label_b`` name the two sides (default: their titles).
    """
    language = check_lang(lang)
    if is_comparison(result_or_comparison):
        return _comparison_text(result_or_comparison, language, label_a, label_b)
    return _result_text(result_or_comparison, language)
