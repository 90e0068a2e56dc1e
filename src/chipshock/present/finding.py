"""The finding in one sentence: what a briefing leads with, in English or Japanese.

For a scenario: how far the hardest-hit end market's output falls at the worst point (middle
estimate, % of normal) and the economic output at risk. For a comparison: what the better side
avoids, in weeks of normal output across all end markets and in USD (sign rule of
`chipshock.present.summary.avoided`: positive = less lost on the better side).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chipshock.present.labels import Lang, market_label
from chipshock.present.messages import check_lang, message
from chipshock.present.numbers import fmt_pct, fmt_usd, fmt_weeks
from chipshock.present.summary import (
    avoided,
    first_is_better,
    is_comparison,
    key_figures,
    oriented,
    scenario_title,
    side_labels,
)
from chipshock.present.summary_figures import fmt_when

__all__ = ["finding", "quoter"]


def _result(result: Any, lang: Lang) -> str:
    f = key_figures(result)
    title = scenario_title(result, lang)
    usd = fmt_usd(f["loss"]["p50"], lang) if "loss" in f else fmt_usd(0.0, lang)
    peak = f.get("peak_output")
    if peak is None or peak["p50"] <= 0.05:
        return message("report.finding_result_none", lang, title=title, usd=usd)
    market = market_label(f["worst_market"], lang)
    pct = fmt_pct(100 - peak["p50"])
    when = fmt_when(f.get("worst_date"), lang)
    key = "report.finding_result_when" if when else "report.finding_result"
    return message(key, lang, title=title, market=market, pct=pct, usd=usd, when=when)


def _comparison(cmp: Any, lang: Lang, label_a: str | None, label_b: str | None) -> str:
    ta, tb = side_labels(cmp, lang, label_a, label_b)
    ida = str(getattr(getattr(cmp.a, "scenario", None), "scenario_id", ""))
    base = cmp.b if ida.endswith("-no-alliance-fabs") else cmp.a
    title = scenario_title(base, lang)
    scene = "" if title in (ta, tb) else (f"{title}: " if lang == "en" else f"{title}：")
    quote = _quoter(lang)
    flip = first_is_better(cmp)
    better, worse = (ta, tb) if flip else (tb, ta)
    weeks = avoided(cmp, "output_lost_weeks")
    if weeks is None or abs(oriented(weeks, flip)["p50"]) < 0.05:
        return message(
            "report.finding_comparison_same", lang, scene=scene, a=quote(ta), b=quote(tb)
        )
    w = oriented(weeks, flip)["p50"]
    usd_range = avoided(cmp, "loss_usd_bn")
    usd = oriented(usd_range, flip)["p50"] * 1e9 if usd_range is not None else 0.0
    text = message(
        "report.finding_comparison",
        lang,
        scene=scene,
        better=quote(better),
        worse=quote(worse),
        weeks=fmt_weeks(w, lang),
        usd=fmt_usd(usd, lang),
    )
    if lang == "en" and not scene:
        text = text[0].upper() + text[1:]
    return text


def finding(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
) -> str:
    """The one-sentence finding of a scenario result or a comparison."""
    language = check_lang(lang)
    if is_comparison(result_or_comparison):
        return _comparison(result_or_comparison, language, label_a, label_b)
    return _result(result_or_comparison, language)


def quoter(lang: Lang) -> Callable[[str], str]:
    """How a side's name is quoted in running text: “…” in English, 「…」 in Japanese."""

    def quote(text: str) -> str:
        return f"“{text}”" if lang == "en" else f"「{text}」"

    return quote


_quoter = quoter
