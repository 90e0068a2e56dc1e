"""Plain-language summaries of a result, a comparison or a sweep, in English and Japanese.

The one source of the summary paragraphs shown by the report, the dashboard and the CLI. The text
is written for a reader with two minutes: what was simulated, which end market is hit hardest and
when, how far its output falls (middle estimate and the range of 90% of simulated futures), how
long until output recovers (or in how many futures it is not back to normal by the horizon's
end), the economic output at risk, a horizon past the capacity data (world capacity held flat,
USD values still growing), and where the numbers come from. Output
(end products made) comes first; chip deliveries follow as detail. It reads only the tidy KPI and
band tables of the result, and drops a sentence whose KPI is missing.

This module writes the scenario and comparison text; the numbers and their formatting are in
`chipshock.present.summary_figures`, the sweep and sensitivity text in
`chipshock.present.summary_sweep` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.present.coverage_notes import result_capacity_note
from chipshock.present.history_caveats import market_caveats
from chipshock.present.labels import Lang, check_lang, fmt_usd_bn, market_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int
from chipshock.present.scenario_settings import regime_name
from chipshock.present.summary_figures import (
    ALLIANCE_SIDES,
    CAVEAT,
    TOTAL_MARKETS,
    Range,
    fmt_pct,
    fmt_weeks,
    fmt_when,
    is_comparison,
    key_figures,
    kpi_row,
    not_recovered,
    scenario_title,
    side_labels,
    twin_sides,
    usd_about,
    usd_span,
    weeks_about,
    weeks_span,
)
from chipshock.present.summary_sweep import sensitivity_text, sweep_text

__all__ = [
    "ALLIANCE_SIDES",
    "avoided",
    "avoided_by_better",
    "avoided_frame",
    "better_side",
    "first_is_better",
    "headline_named",
    "is_comparison",
    "key_figures",
    "no_better_text",
    "oriented",
    "scenario_title",
    "sensitivity_text",
    "shown_side",
    "side_labels",
    "summary_text",
    "sweep_text",
    "tie_runs",
    "tie_text",
    "twin_sides",
]


def alliance_sides(changed: Any, lang: Lang = "en") -> tuple[str, str]:
    """ "without/with the alliance fabs" for the one-scenario comparison (first without, then with
    them), the second side saying which other fabs the request switched off or on (review 13,
    finding 2: with ``--fabs-off rapidus-iim1`` it is "with the alliance fabs (without
    rapidus-iim1)", not all of them). ``changed`` is the second side's scenario as run.

    >>> from chipshock.scenarios import load_scenario
    >>> from chipshock.scenarios.overrides import apply_overrides
    >>> s = apply_overrides(load_scenario("taiwan-blockade-2027-6m"), fabs_off=["rapidus-iim1"])
    >>> alliance_sides(s)
    ('without the alliance fabs', 'with the alliance fabs (without rapidus-iim1)')
    >>> alliance_sides(load_scenario("taiwan-blockade-2027-6m"))[1]
    'with the alliance fabs'
    """
    from chipshock.scenarios.overrides import TIMING_NOTE, fab_note

    with_, without = ALLIANCE_SIDES[lang]
    words = TIMING_NOTE[lang]
    whole = (words["alliance_on"], words["alliance_off"])
    extra = [p for p in fab_note(changed, lang) if p not in whole]
    if extra:
        note = words["join"].join(extra)
        with_ = f"{with_} ({note})" if lang == "en" else f"{with_}（{note}）"
    return without, with_


def headline_named(headline: dict[str, Any], labels: Sequence[str]) -> dict[str, Any]:
    """A comparison's headline with its sides' names (``a_label``, ``b_label``) beside their
    scenario ids: one scenario run with and without the alliance fabs has the same id on both
    sides, and only the names tell them apart (review 14 #8)."""
    return {**headline, "a_label": str(labels[0]), "b_label": str(labels[1])}


def _result_text(result: Any, lang: Lang) -> str:
    f = key_figures(result)
    title = scenario_title(result, lang)
    runs = f["runs"]
    years = f.get("horizon")
    en = lang == "en"
    parts: list[str] = []
    count = fmt_int(runs, lang) if runs else ""
    if en:
        if years and years[0] == years[1]:  # a one-year horizon: "in 2027", not "2027–2027"
            span = f" in {years[0]}"
        else:
            span = f" over {years[0]}–{years[1]}" if years else ""
        parts.append(f"{title}: we ran {count or 'many'} simulated futures of this scenario{span}.")
    else:
        if years and years[0] == years[1]:
            span = f"{years[0]}年について、"
        else:
            span = f"{years[0]}〜{years[1]}年について、" if years else ""
        futures = (
            f"シミュレーションした未来{count}通り" if count else "多数のシミュレーションした未来"
        )
        parts.append(f"{title}：{span}このシナリオの{futures}を計算しました。")
    market = f.get("worst_market")
    name = market_label(market, lang) if market else ""
    peak = f.get("peak_output")
    hit = peak is not None and peak["p50"] > 0.05
    if peak is not None and not hit:
        parts.append(
            "In the middle estimate, no end market loses output."
            if en
            else "中央値では、どの最終市場でも生産は減りません。"
        )
        tail = _tail_text(result, lang)
        if tail:
            parts.append(tail)
        parts += _input_cut_sentences(result, f, lang)
    if hit and peak is not None:
        parts.append(_worst_market_sentence(peak, name, fmt_when(f.get("worst_date"), lang), lang))
    w = f.get("output_weeks")
    if hit and w is not None:
        span = weeks_span(w["p5"], w["p95"], lang, "週間分")
        if en:
            lost = weeks_about(w["p50"], lang, about=False)
            parts.append(
                f"Over the whole period, all end markets together lose the equivalent of {lost} "
                f"of normal output{f' ({span})' if span else ''}."
            )
        else:
            lost = weeks_about(w["p50"], lang, "週間分")
            parts.append(
                f"期間全体では、全市場をあわせて通常の生産の{lost}が失われます"
                f"{f'（9割の未来で{span}）' if span else ''}。"
            )
    r = f.get("recover")
    if hit and r is not None and r["p50"] > 0:
        parts += _recovery_sentences(r, f.get("not_recovered"), name, lang)
    loss = f.get("loss")
    if loss is not None and (hit or loss["p50"] > 5e7):
        at_risk, span = usd_about(loss["p50"], lang), usd_span(loss["p5"], loss["p95"], lang)
        parts.append(
            f"The economic output at risk — the value of goods that cannot be made for lack of "
            f"chips — is {at_risk}{f' ({span})' if span else ''}."
            if en
            else f"半導体が足りないために作れなくなる製品の価値（失われる生産額）は{at_risk}です"
            f"{f'（9割の未来で{span}）' if span else ''}。"
        )
    lead, normal = f.get("lead_time"), f.get("normal_lead_time")
    if lead is not None and normal is not None and lead["p50"] >= 1.5 * normal:
        # a shortage that shows in lead times and stocks rather than lost output (2021-like)
        a, b, c = (fmt_weeks(lead[k], lang) for k in ("p50", "p5", "p95"))
        usual = fmt_weeks(normal, lang)
        cover = f.get("drawdown")
        gone = fmt_pct(cover["p50"]) if cover is not None else ""
        stock_en = f", and in the worst week buyers lack {gone} of the chip stocks they aim to hold"
        stock_ja = f"。最も厳しい週には、買い手が目標とする半導体在庫の{gone}が不足します"
        parts.append(
            f"Lead times from order to delivery, all markets together, peak at about {a} weeks "
            f"({b} to {c}), against "
            f"{usual} in normal times{stock_en if gone else ''}."
            if en
            else f"発注から納品までのリードタイムは、全市場で最長約{a}週間に延びます（9割の未来で"
            f"{b}〜{c}週間。平時は{usual}週間）{stock_ja if gone else ''}。"
        )
        restock = f.get("restocking")
        if restock is not None:
            # the regimes by name (「2021年型の薄い在庫」, not the id 2021_lean; set31)
            parts.append(
                message(
                    "summary.restocking",
                    lang,
                    start=regime_name(restock[0], lang),
                    target=regime_name(restock[1], lang),
                )
            )
    chips = f.get("peak_chips")
    if hit and chips is not None:
        got = fmt_pct(100 - chips["p50"])
        parts.append(
            f"Counted in chips rather than finished products, {name} receives {got} of the chips "
            "it needs in the worst week; a product that lacks any one of its chips cannot be "
            "built, so output can fall further than chip deliveries."
            if en
            else f"半導体の量で見ると、最も厳しい週に{name}が受け取るのは必要な半導体の{got}です。"
            "製品は一つでも半導体が欠けると作れないため、生産は半導体の供給以上に落ち込むことが"
            "あります。"
        )
    note = result_capacity_note(result, lang)
    if note:  # years after the capacity data: the USD loss there is valuation, say so
        parts.append(note)
    parts.append(CAVEAT[lang])
    return (" " if en else "").join(parts)


def _recovery_sentences(
    r: Range, censored: dict[str, Any] | None, name: str, lang: Lang
) -> list[str]:
    """How long the hardest-hit market takes to get back to normal (``r``: weeks to recover).

    A run not back to normal by the horizon end reads horizon end minus shock start, a lower
    bound (``censored``: `summary_figures.not_recovered`): where the median run is one, the
    sentence says that output is not back to normal by the end of the horizon's last year in
    k of n futures, not a recovery time; where only the upper end is, the range ends "at least"
    and the count follows."""
    en = lang == "en"
    weeks = fmt_weeks(censored["weeks"], lang) if censored is not None else ""
    if censored is not None and censored["runs"] is not None:
        fields = {"futures": _futures(censored, lang), "year": censored["year"], "weeks": weeks}
        if censored["median"]:
            return [message("summary.not_recovered", lang, name=name, **fields)]
    takes = weeks_about(r["p50"], lang)
    if censored is not None and r["p95"] >= censored["weeks"] - 1e-9:
        low = fmt_weeks(r["p5"], lang)
        span = f"{low} to at least {weeks} weeks" if en else f"{low}〜{weeks}週間以上"
    else:
        span = weeks_span(r["p5"], r["p95"], lang)
    out = [
        f"{name} output takes {takes} from the start of the shock to get back to "
        f"normal{f' ({span})' if span else ''}."
        if en
        else f"{name}の生産が通常に戻るまでには、ショックの開始から{takes}かかります"
        f"{f'（9割の未来で{span}）' if span else ''}。"
    ]
    if censored is not None and censored["runs"] is not None:
        out.append(message("summary.not_recovered_some", lang, **fields))
    return out


def _futures(censored: dict[str, Any], lang: Lang) -> str:
    """ "6 of the 60 simulated futures" / "all 8 simulated futures" (ja
    "シミュレーションした未来60通りのうち6通り" / "シミュレーションした未来8通りのすべて"): the
    runs not back to normal by the horizon end."""
    k, n = int(censored["runs"]), int(censored["of"])
    key = "summary.futures_all" if k >= n else "summary.futures_some"
    return message(key, lang, k=fmt_int(k, lang), n=fmt_int(n, lang))


def _worst_market_sentence(peak: Range, name: str, when: str, lang: Lang) -> str:
    """How far the hardest-hit market's output falls in its worst week (``peak``: % lost).

    Below half a percent lost in the middle estimate it "barely moves", not "falls to 100%"."""
    low, mid, high = 100 - peak["p95"], 100 - peak["p50"], 100 - peak["p5"]
    if peak["p50"] < 0.5:
        if peak["p95"] < 0.5:
            return message("summary.barely_moves_all", lang, name=name)
        return message(
            "summary.barely_moves", lang, name=name, low=fmt_pct(low), high=fmt_pct(high)
        )
    if lang == "en":
        return (
            f"The hardest-hit end market is {name}: at the worst point"
            f"{', ' + when if when else ''}, its output falls to {fmt_pct(mid)} of normal "
            f"(middle estimate; {fmt_pct(low)} to {fmt_pct(high)} in 90% of the simulated "
            "futures)."
        )
    return (
        f"最も大きな打撃を受けるのは{name}で、最も厳しい時期（{when or '期間中'}）には"
        f"生産が通常の{fmt_pct(mid)}まで落ち込みます（中央値。9割の未来で"
        f"{fmt_pct(low)}〜{fmt_pct(high)}）。"
    )


def _tail_text(result: Any, lang: Lang) -> str:
    """The tail when the middle estimate loses nothing: the all-market output at risk at p95
    and, if any, the p95 weeks to recover ("" when the p95 loss rounds to nothing).

    A median of 0 can hide a tail that is the answer for a risk team (an export stop that, in
    1 future of 20, costs hundreds of billions and takes two years to recover)."""
    loss = kpi_row(result.kpis, "loss_usd_bn")
    if loss is None or not float(loss["p95"]) * 1e9 >= 5e7:  # rounds to at least USD 0.1 bn
        return ""
    usd = fmt_usd_bn(float(loss["p95"]) * 1e9, lang)
    recover = kpi_row(result.kpis, "weeks_to_recover")
    if recover is None or not float(recover["p95"]) >= 0.05:
        return message("summary.tail_loss", lang, usd=usd)
    censored = not_recovered(result)
    if censored is not None and censored["runs"] is not None:
        # the p95 run may be one not back to normal by the horizon end: say how many are
        return message(
            "summary.tail_loss_not_recovered",
            lang,
            usd=usd,
            futures=_futures(censored, lang),
            year=censored["year"],
            weeks=fmt_weeks(censored["weeks"], lang),
        )
    weeks = fmt_weeks(float(recover["p95"]), lang)
    return message("summary.tail_loss_recover", lang, usd=usd, weeks=weeks)


#: shock kinds that cut a material or a tool (an ETO input or a raw material), not a fab
INPUT_SHOCKS = frozenset({"input", "export_control"})


def _input_cut_sentences(result: Any, figures: dict[str, Any], lang: Lang) -> list[str]:
    """For a run that cuts a material or tool (`INPUT_SHOCKS`) and loses no output in the
    middle estimate: what did move (the p95 lead time against the normal one, the p95 share
    of inventory cover drawn) and what the model cannot see (session 31's audit, finding 2:
    "no end market loses output" alone read as "the gallium ban is harmless"). The figures are
    the run's own, and only those that moved are said (``summary.input_cut_moved``, ``_lead``,
    ``_stocks``); the sentence is left out when the paragraph already gives the lead time (a
    median at least 1.5 times the normal one), or when neither figure moved."""
    shocks = getattr(getattr(result, "scenario", None), "shocks", ()) or ()
    if not any(getattr(shock, "kind", "") in INPUT_SHOCKS for shock in shocks):
        return []
    out: list[str] = []
    lead, normal = figures.get("lead_time"), figures.get("normal_lead_time")
    cover = figures.get("drawdown")
    said = lead is not None and normal is not None and lead["p50"] >= 1.5 * normal
    if lead is not None and normal is not None and cover is not None and not said:
        longer, drawn = lead["p95"] >= normal + 0.05, cover["p95"] >= 0.05
        # both moved, or only the lead time, or only the stocks
        key = {(True, True): "moved", (True, False): "lead", (False, True): "stocks"}.get(
            (longer, drawn)
        )
        if key is not None:
            out.append(
                message(
                    f"summary.input_cut_{key}",
                    lang,
                    lead=fmt_weeks(lead["p95"], lang),
                    normal=fmt_weeks(normal, lang),
                    cover=fmt_pct(cover["p95"], 1 if cover["p95"] < 10 else 0, lang),
                )
            )
    out.append(message("summary.input_cut_unseen", lang))
    return out


def avoided(cmp: Any, kpi: str, market: str = "all") -> Range | None:
    """What the second side avoids (first − second, per run): p5, p50, p95; positive = better."""
    row = kpi_row(cmp.delta, kpi, None if market in TOTAL_MARKETS else market)
    if row is None:
        return None
    return {"p5": -float(row["p95"]), "p50": -float(row["p50"]), "p95": -float(row["p5"])}


def avoided_frame(delta: pd.DataFrame) -> pd.DataFrame:
    """The sign rule of every surface for "avoided": ``delta`` (second − first, per run, as
    percentiles) turned into what the second side avoids (first − second), values negated and
    p5/p95 swapped, so that positive = less lost on the second side."""
    out = delta.copy()
    for col in ("mean", "p50"):
        if col in out.columns:
            out[col] = -delta[col]
    out["p5"], out["p95"] = -delta["p95"], -delta["p5"]
    return out


def _avoided_mean(cmp: Any, kpi: str) -> float | None:
    """The mean of what the second side avoids (first − second, per run), all end markets."""
    row = kpi_row(cmp.delta, kpi)
    if row is None or "mean" not in row or pd.isna(row["mean"]):
        return None
    return -float(row["mean"])


def first_is_better(cmp: Any) -> bool:
    """Whether the first side loses less output than the second: by the median of the per-run
    gap (output lost, weeks; USD without it), or, when that median is zero, by the mean (weeks,
    then USD), so that a median tie whose runs differ one way (a later Rapidus that loses more
    only in the runs whose blockade reaches 2028: session 31's audit, finding 4) still reads
    its avoided amounts from the side that loses less on average. Every surface orients
    "avoided" by this (`shown_side`)."""
    weeks = avoided(cmp, "output_lost_weeks") or avoided(cmp, "loss_usd_bn")
    if weeks is None:
        return False
    if weeks["p50"] != 0:
        return weeks["p50"] < 0
    for kpi in ("output_lost_weeks", "loss_usd_bn"):
        mean = _avoided_mean(cmp, kpi)
        if mean:
            return mean < 0
    return False


def shown_side(cmp: Any) -> str:
    """The side whose avoided amounts the tables and charts show: ``"a"`` when
    `first_is_better`, else ``"b"`` (the second side also in an exact tie)."""
    return "a" if first_is_better(cmp) else "b"


def better_side(cmp: Any) -> str | None:
    """Which side loses less output: ``"a"`` (`first_is_better`), ``"b"``, or None when the
    median of the run-by-run differences in output lost (weeks, all end markets) is zero (a
    scenario against itself, or runs that differ only in the tail: `tie_text` says how). The
    amounts every surface shows are `shown_side`'s."""
    weeks = avoided(cmp, "output_lost_weeks") or avoided(cmp, "loss_usd_bn")
    if weeks is None or weeks["p50"] == 0:
        return None
    return "a" if first_is_better(cmp) else "b"


def no_better_text(lang: Lang = "en") -> str:
    """A tie (`better_side` is None), said once for every surface that writes a comparison:
    the CLI's verdict, the summary paragraph (API, dashboard, report), the report's finding
    and its appendix. It claims no more than the median (ja 「中央値では差がありません」).

    >>> no_better_text("ja")[:13]
    '中央値では、両者の失われる'
    """
    return message("compare.no_better", lang)


#: a run's difference in USD at risk below this (USD bn, a million dollars) is no difference
TIE_RUN_USD_BN = 1e-3


def tie_runs(cmp: Any) -> dict[str, Any] | None:
    """The runs of a median tie that differ (USD at risk, all end markets, per run; the two
    sides' runs paired as `sim.compare` pairs them): ``worse`` (``"a"`` or ``"b"``: the side
    that loses more on average), ``runs``, ``more`` (runs in which it loses more by at least
    `TIE_RUN_USD_BN`), ``less`` (runs in which it loses less), ``top`` and ``mean`` (the
    largest and the mean of its extra loss, USD bn); None without per-run tables, or when no
    run differs."""
    by_run = [getattr(side, "kpis_by_run", None) for side in (cmp.a, cmp.b)]
    if not all(isinstance(f, pd.DataFrame) and "loss_usd_bn" in f for f in by_run):
        return None
    run_a, run_b = (f[f["market"].isin(TOTAL_MARKETS)] for f in by_run)  # type: ignore[index]
    if run_a.empty or len(run_a) != len(run_b):
        return None
    extra = run_b["loss_usd_bn"].to_numpy(dtype=float) - run_a["loss_usd_bn"].to_numpy(dtype=float)
    worse = "b"
    if extra.mean() < 0:
        worse, extra = "a", -extra
    more, less = int((extra >= TIE_RUN_USD_BN).sum()), int((extra <= -TIE_RUN_USD_BN).sum())
    if more == 0:
        return None
    return {
        "worse": worse,
        "runs": len(extra),
        "more": more,
        "less": less,
        "top": float(extra.max()),
        "mean": float(extra.mean()),
    }


def tie_text(
    cmp: Any, lang: Lang = "en", label_a: str | None = None, label_b: str | None = None
) -> str:
    """A median tie as the summary and the report's finding say it: `no_better_text`, then,
    when runs differ (`tie_runs`), in how many of them which side loses more, up to how much,
    and whether any run goes the other way."""
    runs = tie_runs(cmp)
    if runs is None:
        return no_better_text(lang)
    ta, tb = side_labels(cmp, lang, label_a, label_b)
    worse, better = (ta, tb) if runs["worse"] == "a" else (tb, ta)
    key = "compare.tie_runs" if runs["less"] else "compare.tie_runs_one_way"
    tail = message(
        key,
        lang,
        worse=worse,
        better=better,
        runs=fmt_int(runs["runs"], lang),
        more=fmt_int(runs["more"], lang),
        less=fmt_int(runs["less"], lang),
        top=fmt_usd_bn(runs["top"] * 1e9, lang),
        mean=fmt_usd_bn(runs["mean"] * 1e9, lang),
    )
    return ("" if lang == "ja" else " ").join([no_better_text(lang), tail])


def avoided_by_better(cmp: Any) -> pd.DataFrame:
    """``cmp.delta`` as what the better side avoids (the report's appendix table): ``delta``
    itself (second − first) when the first side is better, else `avoided_frame`; positive =
    less lost on the better side, negative where it does worse on that measure."""
    delta: pd.DataFrame = cmp.delta
    return delta.copy() if first_is_better(cmp) else avoided_frame(delta)


def oriented(value: Range, flip: bool) -> Range:
    """A range of differences seen from the other side (negated, p5 and p95 swapped) if flip."""
    if not flip:
        return value
    return {"p5": -value["p95"], "p50": -value["p50"], "p95": -value["p5"]}


def _comparison_text(cmp: Any, lang: Lang, label_a: str | None, label_b: str | None) -> str:
    ta, tb = side_labels(cmp, lang, label_a, label_b)
    en = lang == "en"
    runs = key_figures(cmp.a)["runs"]
    ida = str(getattr(getattr(cmp.a, "scenario", None), "scenario_id", ""))
    idb = str(getattr(getattr(cmp.b, "scenario", None), "scenario_id", ""))
    base = cmp.b if ida.endswith("-no-alliance-fabs") else cmp.a
    if ida == idb:  # one scenario, changed on one side: the scene is the side less changed
        base = min((cmp.a, cmp.b), key=lambda side: len(scenario_title(side, lang)))
    title = scenario_title(base, lang)
    scene = "" if title in (ta, tb) else (f"{title}: " if en else f"{title}：")
    count = fmt_int(runs, lang) if runs else ""
    out = [
        f"{scene}we compared “{ta}” with “{tb}” on the same {count + ' ' if count else ''}"
        "simulated futures (the same random draws), so the difference comes from the change, "
        "not from chance."
        if en
        else f"{scene}「{ta}」と「{tb}」を、同じシミュレーションした未来"
        f"{f'{count}通り' if count else ''}（同じ乱数）で比べました。"
        "そのため、差は偶然ではなく変更によるものです。"
    ]
    if en and not scene:
        out[0] = out[0][0].upper() + out[0][1:]
    span = [_horizon(side) for side in (cmp.a, cmp.b)]
    if None not in span and span[0] != span[1]:
        (a0, a1), (b0, b1) = span  # type: ignore[misc]
        out.append(
            f"The two cover different years ({a0}–{a1} and {b0}–{b1}), so figures summed over "
            "the horizon are not like for like."
            if en
            else f"ただし、両者の対象期間は異なる（{a0}〜{a1}年と{b0}〜{b1}年）ため、"
            "期間全体の合計はそのままは比べられません。"
        )
    weeks = avoided(cmp, "output_lost_weeks")
    flip = first_is_better(cmp)
    better, worse = (ta, tb) if flip else (tb, ta)
    if weeks is not None:
        w = oriented(weeks, flip)
        if better_side(cmp) is None:  # a tie: no side is named as the one that avoids
            out.append(tie_text(cmp, lang, label_a, label_b))
        elif abs(w["p50"]) < 0.05:
            out.append(
                "Across all end markets, about the same output is lost in both."
                if en
                else "全市場でみると、失われる生産は両者でほぼ同じです。"
            )
        else:
            a, b, c = (fmt_weeks(w[k], lang) for k in ("p50", "p5", "p95"))
            out.append(
                f"Compared with “{worse}”, “{better}” avoids the loss of about {a} weeks of "
                f"normal output across all end markets (middle estimate; {b} to {c} weeks in 90% "
                "of the simulated futures)."
                if en
                else f"「{better}」では「{worse}」と比べて、全市場で通常の生産の約{a}週間分の損失が"
                f"避けられます（中央値。9割の未来で{b}〜{c}週間分）。"
            )
            if w["p5"] < 0:
                out.append(
                    "In some simulated futures the difference goes the other way."
                    if en
                    else "一部のケースでは差が逆になります。"
                )
    usd = avoided(cmp, "loss_usd_bn")
    if usd is not None:
        u = oriented({k: v * 1e9 for k, v in usd.items()}, flip)
        if abs(u["p50"]) >= 5e7:
            a, b, c = (fmt_usd_bn(abs(u[k]), lang) for k in ("p50", "p5", "p95"))
            rng = (
                f"{fmt_usd_bn(u['p5'], lang)} to {fmt_usd_bn(u['p95'], lang)}"
                if en
                else f"{fmt_usd_bn(u['p5'], lang)}〜{fmt_usd_bn(u['p95'], lang)}"
            )
            if u["p50"] > 0:
                out.append(
                    f"That is about {a} of economic output saved ({rng})."
                    if en
                    else f"失われる生産額は約{a}少なくなります（9割の未来で{rng}）。"
                )
            else:
                out.append(
                    f"Even so, about {a} more economic output is at risk in “{better}”."
                    if en
                    else f"ただし、失われる生産額は「{better}」の方が約{a}多くなります。"
                )
            out.append(message("compare.median_of_differences", lang))
    fa, fb = key_figures(cmp.a), key_figures(cmp.b)
    if "peak_output" in fa and "peak_output" in fb:
        xa, xb = (fmt_pct(100 - f["peak_output"]["p50"]) for f in (fa, fb))
        ma, mb = (
            market_label("all" if f.get("no_market_loses") else f["worst_market"], lang)
            for f in (fa, fb)
        )
        if fa["peak_output"]["p50"] <= 0 and fb["peak_output"]["p50"] <= 0:  # nothing lost
            out.append(
                "In neither does any market's output fall below normal (middle estimates)."
                if en
                else "どちらでも、どの市場の生産も通常を下回りません（中央値）。"
            )
        else:
            out.append(
                f"At the worst point, output of the hardest-hit market falls to {xa} of normal "
                f"({ma}) {_side(ta, lang)}, and to {xb} ({mb}) {_side(tb, lang)}."
                if en
                else "最も厳しい時期には、最も打撃の大きい市場の生産が"
                f"「{ta}」で通常の{xa}（{ma}）、「{tb}」で{xb}（{mb}）まで落ち込みます。"
            )
    for note in dict.fromkeys(result_capacity_note(side, lang) for side in (cmp.a, cmp.b)):
        if note:  # years after the capacity data (either side's horizon), once per wording
            out.append(note)
    out.append(CAVEAT[lang])
    return (" " if en else "").join(out)


def _horizon(result: Any) -> tuple[int, int] | None:
    """The (first, last) year of a result's scenario, None if it does not say."""
    scenario = getattr(result, "scenario", None)
    first, last = getattr(scenario, "start_year", None), getattr(scenario, "end_year", None)
    return (int(first), int(last)) if first is not None and last is not None else None


def _side(label: str, lang: Lang) -> str:
    return label if label.startswith(("with ", "without ")) else f"in “{label}”"


def summary_text(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    caveats: bool = True,
) -> str:
    """A few sentences saying what a scenario result or a comparison means, in ``en`` or ``ja``.

    For a comparison, ``label_a``/``label_b`` name the two sides (default: `side_labels`).
    With ``caveats`` (the default) the paragraph ends with the per-market caveats of
    `market_caveats` (a surface that prints them elsewhere, as the report's first page, passes
    False)."""
    language = check_lang(lang)
    if is_comparison(result_or_comparison):
        text = _comparison_text(result_or_comparison, language, label_a, label_b)
    else:
        text = _result_text(result_or_comparison, language)
    # markets the history check shows far from what happened (review 14 #1)
    notes = (
        market_caveats(result_or_comparison, language, label_a=label_a, label_b=label_b)
        if caveats
        else []
    )
    return (" " if language == "en" else "").join([text, *notes])
