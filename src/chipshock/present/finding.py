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
    better_side,
    first_is_better,
    is_comparison,
    key_figures,
    oriented,
    scenario_title,
    side_labels,
    tie_text,
)
from chipshock.present.summary_figures import fmt_when, nil_usd, usd_about

__all__ = ["finding", "quoter"]


def _result(result: Any, lang: Lang) -> str:
    f = key_figures(result)
    title = scenario_title(result, lang)
    usd = fmt_usd(f["loss"]["p50"], lang) if "loss" in f else fmt_usd(0.0, lang)
    peak = f.get("peak_output")
    if peak is None or peak["p50"] <= 0.05:
        return _result_none(f, title, usd, lang)
    market = market_label(f["worst_market"], lang)
    if peak["p50"] < 0.5:  # the worst week keeps 99.5 % of normal: no "falls to 100%"
        at_risk = usd_about(f["loss"]["p50"] if "loss" in f else 0.0, lang)
        return message(
            "report.finding_result_barely", lang, title=title, market=market, at_risk=at_risk
        )
    pct = fmt_pct(100 - peak["p50"])
    when = fmt_when(f.get("worst_date"), lang)
    key = "report.finding_result_when" if when else "report.finding_result"
    return message(key, lang, title=title, market=market, pct=pct, usd=usd, when=when)


def _result_none(figures: dict[str, Any], title: str, usd: str, lang: Lang) -> str:
    """The finding when no market loses output in the middle estimate: the p95 output at risk
    when only the tail loses (`chipshock.present.summary` says the same), "less than USD 0.1
    bn" when even that rounds to nothing."""
    loss = figures.get("loss")
    if loss is None or not nil_usd(loss["p50"]):
        return message("report.finding_result_none", lang, title=title, usd=usd)
    if nil_usd(loss["p95"]):
        return message("report.finding_result_nothing", lang, title=title)
    tail = fmt_usd(loss["p95"], lang)
    return message("report.finding_result_none_tail", lang, title=title, usd=tail)


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
    if weeks is not None and better_side(cmp) is None:  # a tie, as every surface says it
        return scene + tie_text(cmp, lang, label_a, label_b)
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
