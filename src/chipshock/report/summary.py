"""Plain-language summaries of a result, a comparison or a sweep, in English and Japanese.

The one source of the summary paragraphs shown by the report, the dashboard and the CLI. The text
is written for a reader with two minutes: what was simulated, which end market is hit hardest and
when, how far its output falls (middle estimate and the range of 90% of simulated futures), how
long until output recovers, the economic output at risk, and where the numbers come from. Output
(end products made) comes first; chip deliveries follow as detail. It reads only the tidy KPI and
band tables of the result, and drops a sentence whose KPI is missing.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.report.labels import Lang, check_lang, fmt_kpi, fmt_usd_bn, kpi_label, market_label

__all__ = [
    "ALLIANCE_SIDES",
    "avoided",
    "first_is_better",
    "is_comparison",
    "key_figures",
    "oriented",
    "scenario_title",
    "sensitivity_text",
    "side_labels",
    "summary_text",
    "sweep_text",
]

_ALL = ("all", "total", "world")
Range = dict[str, float]

CAVEAT = {
    "en": "These are model estimates from public data, not forecasts; the assumptions and their "
    "sources are listed with the results.",
    "ja": "これらは公開データに基づくモデルの推計であり、予測ではありません。"
    "前提条件とその出典は結果とあわせて掲載しています。",
}
ALLIANCE_SIDES = {
    "en": ("with the alliance fabs", "without the alliance fabs"),
    "ja": ("日米連携の新工場あり", "日米連携の新工場なし"),
}
SWEPT = {
    "duration_weeks": ("the shock's duration (weeks)", "ショックの期間（週）"),
    "start_year": ("the start year of the shock", "ショックの開始年"),
    "inventory_weeks": ("chip inventories (weeks of demand)", "半導体在庫（需要の週数）"),
}


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


def side_labels(
    cmp: Any, lang: Lang = "en", label_a: str | None = None, label_b: str | None = None
) -> tuple[str, str]:
    """Words naming the two sides of a comparison (never bare A/B).

    Given labels win; a scenario against its ``-no-alliance-fabs`` twin is "with/without the
    alliance fabs"; otherwise the scenario titles."""
    ida = str(getattr(getattr(cmp.a, "scenario", None), "scenario_id", ""))
    idb = str(getattr(getattr(cmp.b, "scenario", None), "scenario_id", ""))
    with_, without = ALLIANCE_SIDES[lang]
    default_a, default_b = scenario_title(cmp.a, lang), scenario_title(cmp.b, lang)
    if ida and idb == f"{ida}-no-alliance-fabs":
        default_a, default_b = with_, without
    elif idb and ida == f"{idb}-no-alliance-fabs":
        default_a, default_b = without, with_
    ta, tb = label_a or default_a, label_b or default_b
    if ta == tb:
        ta, tb = (
            (f"{ta} (first)", f"{tb} (second)") if lang == "en" else (f"{ta}（1）", f"{tb}（2）")
        )
    return ta, tb


def _row(kpis: pd.DataFrame, kpi: str, market: str | None = None) -> pd.Series | None:
    rows = kpis[kpis["kpi"] == kpi]
    if market is None:
        rows = rows[rows["market"].astype(str).isin(_ALL)]
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
        rows = kpis[(kpis["kpi"] == kpi) & ~kpis["market"].astype(str).isin(_ALL)]
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
    ``recover``: weeks until the hardest-hit market's output recovers; ``loss``: USD at risk."""
    kpis: pd.DataFrame = result.kpis
    summary = _summary(result)
    runs = summary.get("runs", getattr(result, "runs", None))
    sc = getattr(result, "scenario", None)
    out: dict[str, Any] = {"runs": None if runs is None else int(runs)}
    if sc is not None and hasattr(sc, "start_year") and hasattr(sc, "end_year"):
        out["horizon"] = (int(sc.start_year), int(sc.end_year))
    market = _worst_market(result)
    if market is not None:
        out["worst_market"] = market
        out["worst_date"] = _worst_date(result, market)
        for key, kpi in (
            ("peak_output", "peak_output_lost_pct"),
            ("peak_chips", "peak_weekly_shortfall_pct"),
            ("recover", "weeks_to_recover"),
        ):
            value = _range(_row(kpis, kpi, market))
            if value is not None:
                out[key] = value
    for key, kpi, scale in (
        ("output_weeks", "output_lost_weeks", 1.0),
        ("loss", "loss_usd_bn", 1e9),
    ):
        value = _range(_row(kpis, kpi), scale)
        if value is not None:
            out[key] = value
    return out


def _pct(v: float) -> str:
    return f"{v:.0f}%"


def _weeks(v: float, lang: Lang) -> str:
    return f"{v:,.1f}" if abs(v) < 10 else f"{v:,.0f}"


def _when(date: pd.Timestamp | None, lang: Lang) -> str:
    if date is None:
        return ""
    return f"around {date:%B %Y}" if lang == "en" else f"{date.year}年{date.month}月ごろ"


def _result_text(result: Any, lang: Lang) -> str:
    f = key_figures(result)
    title = scenario_title(result, lang)
    runs = f["runs"]
    years = f.get("horizon")
    en = lang == "en"
    parts: list[str] = []
    if en:
        span = f" over {years[0]}–{years[1]}" if years else ""
        parts.append(
            f"{title}: we simulated {runs or 'many'} possible futures of this scenario{span}."
        )
    else:
        span = f"{years[0]}〜{years[1]}年について、" if years else ""
        parts.append(
            f"{title}：{span}起こりうる{runs or '多数の'}通りの未来をシミュレーションしました。"
        )
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
    if hit and peak is not None:
        low, mid, high = 100 - peak["p95"], 100 - peak["p50"], 100 - peak["p5"]
        when = _when(f.get("worst_date"), lang)
        if en:
            parts.append(
                f"The hardest-hit end market is {name}: at the worst point"
                f"{', ' + when if when else ''}, its output falls to {_pct(mid)} of normal "
                f"(middle estimate; {_pct(low)} to {_pct(high)} in 90% of the simulated futures)."
            )
        else:
            parts.append(
                f"最も大きな打撃を受けるのは{name}で、最も厳しい時期（{when or '期間中'}）には"
                f"生産が通常の{_pct(mid)}まで落ち込みます（中央値。9割のケースで"
                f"{_pct(low)}〜{_pct(high)}）。"
            )
    w = f.get("output_weeks")
    if hit and w is not None:
        a, b, c = (_weeks(w[k], lang) for k in ("p50", "p5", "p95"))
        parts.append(
            f"Over the whole period, all end markets together lose the equivalent of {a} weeks "
            f"of normal output ({b} to {c} weeks)."
            if en
            else f"期間全体では、全市場をあわせて通常の生産の約{a}週間分が失われます"
            f"（9割のケースで{b}〜{c}週間分）。"
        )
    r = f.get("recover")
    if hit and r is not None and r["p50"] > 0:
        a, b, c = (f"{r[k]:.0f}" for k in ("p50", "p5", "p95"))
        parts.append(
            f"{name} output takes about {a} weeks from the start of the shock to get back to "
            f"normal ({b} to {c} weeks)."
            if en
            else f"{name}の生産が通常に戻るまでには、ショックの開始から約{a}週間かかります"
            f"（9割のケースで{b}〜{c}週間）。"
        )
    loss = f.get("loss")
    if loss is not None and (hit or loss["p50"] > 5e7):
        a, b, c = (fmt_usd_bn(loss[k], lang) for k in ("p50", "p5", "p95"))
        parts.append(
            f"The economic output at risk — the value of goods that cannot be made for lack of "
            f"chips — is about {a} ({b} to {c})."
            if en
            else f"半導体が足りないために作れなくなる製品の価値（失われる生産額）は約{a}です"
            f"（9割のケースで{b}〜{c}）。"
        )
    chips = f.get("peak_chips")
    if hit and chips is not None:
        got = _pct(100 - chips["p50"])
        parts.append(
            f"Counted in chips rather than finished products, {name} receives {got} of the chips "
            "it needs in the worst week; a product that lacks any one of its chips cannot be "
            "built, so output can fall further than chip deliveries."
            if en
            else f"半導体の量で見ると、最も厳しい週に{name}が受け取るのは必要な半導体の{got}です。"
            "製品は一つでも半導体が欠けると作れないため、生産は半導体の供給以上に落ち込むことが"
            "あります。"
        )
    parts.append(CAVEAT[lang])
    return (" " if en else "").join(parts)


def avoided(cmp: Any, kpi: str, market: str = "all") -> Range | None:
    """What the second side avoids (first − second, per run): p5, p50, p95; positive = better."""
    row = _row(cmp.delta, kpi, None if market in _ALL else market)
    if row is None:
        return None
    return {"p5": -float(row["p95"]), "p50": -float(row["p50"]), "p95": -float(row["p5"])}


def first_is_better(cmp: Any) -> bool:
    """Whether the first side loses less output than the second (median of the per-run gap)."""
    weeks = avoided(cmp, "output_lost_weeks") or avoided(cmp, "loss_usd_bn")
    return weeks is not None and weeks["p50"] < 0


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
    base = cmp.b if ida.endswith("-no-alliance-fabs") else cmp.a
    title = scenario_title(base, lang)
    scene = "" if title in (ta, tb) else (f"{title}: " if en else f"{title}：")
    out = [
        f"{scene}we compared “{ta}” with “{tb}” on the same {runs or ''} simulated futures (the "
        "same random draws), so the difference comes from the change, not from chance."
        if en
        else f"{scene}「{ta}」と「{tb}」を、同じ{runs or ''}通りの未来（同じ乱数）で比べました。"
        "そのため、差は偶然ではなく変更によるものです。"
    ]
    if en and not scene:
        out[0] = out[0][0].upper() + out[0][1:]
    weeks = avoided(cmp, "output_lost_weeks")
    flip = first_is_better(cmp)
    better, worse = (ta, tb) if flip else (tb, ta)
    if weeks is not None:
        w = oriented(weeks, flip)
        if abs(w["p50"]) < 0.05:
            out.append(
                "Across all end markets, about the same output is lost in both."
                if en
                else "全市場でみると、失われる生産は両者でほぼ同じです。"
            )
        else:
            a, b, c = (_weeks(w[k], lang) for k in ("p50", "p5", "p95"))
            out.append(
                f"Compared with “{worse}”, “{better}” avoids the loss of about {a} weeks of "
                f"normal output across all end markets (middle estimate; {b} to {c} weeks in 90% "
                "of the simulated futures)."
                if en
                else f"「{better}」では「{worse}」と比べて、全市場で通常の生産の約{a}週間分の損失が"
                f"避けられます（中央値。9割のケースで{b}〜{c}週間分）。"
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
                    else f"失われる生産額は約{a}少なくなります（9割のケースで{rng}）。"
                )
            else:
                out.append(
                    f"Even so, about {a} more economic output is at risk in “{better}”."
                    if en
                    else f"ただし、失われる生産額は「{better}」の方が約{a}多くなります。"
                )
    fa, fb = key_figures(cmp.a), key_figures(cmp.b)
    if "peak_output" in fa and "peak_output" in fb:
        xa, xb = (_pct(100 - f["peak_output"]["p50"]) for f in (fa, fb))
        ma, mb = (market_label(f["worst_market"], lang) for f in (fa, fb))
        out.append(
            f"At the worst point, output of the hardest-hit market falls to {xa} of normal "
            f"({ma}) {_side(ta, lang)}, and to {xb} ({mb}) {_side(tb, lang)}."
            if en
            else f"最も厳しい時期には、最も打撃の大きい市場の生産が「{ta}」で通常の{xa}（{ma}）、"
            f"「{tb}」で{xb}（{mb}）まで落ち込みます。"
        )
    out.append(CAVEAT[lang])
    return (" " if en else "").join(out)


def _side(label: str, lang: Lang) -> str:
    return label if label.startswith(("with ", "without ")) else f"in “{label}”"


def sweep_text(title: str, parameter: str, table: pd.DataFrame, lang: str = "en") -> str:
    """How output lost and economic output at risk move as one swept parameter changes."""
    language = check_lang(lang)
    en = language == "en"
    name = SWEPT.get(parameter, (parameter, parameter))[0 if en else 1]
    if "value" not in table.columns or table.empty:
        return f"{title}: {name}." if en else f"{title}：{name}。"
    rows = table[table["market"].astype(str).isin(_ALL)]
    values = sorted(rows["value"].unique())
    lo, hi = f"{values[0]:g}", f"{values[-1]:g}"
    weeks = rows[rows["kpi"] == "output_lost_weeks"].sort_values("value")["p50"].astype(float)
    loss = rows[rows["kpi"] == "loss_usd_bn"].sort_values("value")["p50"].astype(float) * 1e9
    clauses: list[str] = []
    if en:
        if not weeks.empty:
            w0, w1 = _weeks(weeks.iloc[0], "en"), _weeks(weeks.iloc[-1], "en")
            clauses.append(
                f"the output lost across all end markets goes from {w0} to {w1} weeks of "
                "normal output"
            )
        if not loss.empty:
            a, b = fmt_usd_bn(loss.iloc[0], "en"), fmt_usd_bn(loss.iloc[-1], "en")
            clauses.append(f"the economic output at risk from {a} to {b}")
        if not clauses:
            return f"{title}: {name} swept from {lo} to {hi}."
        return (
            f"{title}: as {name} goes from {lo} to {hi}, {' and '.join(clauses)} (middle "
            f"estimates; the same random draws for every value). {CAVEAT['en']}"
        )
    if not weeks.empty:
        w0, w1 = _weeks(weeks.iloc[0], "ja"), _weeks(weeks.iloc[-1], "ja")
        clauses.append(f"全市場で失われる生産は通常の生産の{w0}週間分から{w1}週間分に")
    if not loss.empty:
        a, b = fmt_usd_bn(loss.iloc[0], "ja"), fmt_usd_bn(loss.iloc[-1], "ja")
        clauses.append(f"失われる生産額は{a}から{b}に")
    if not clauses:
        return f"{title}：{name}を{lo}から{hi}まで変えました。"
    return (
        f"{title}：{name}を{lo}から{hi}に変えると、{'、'.join(clauses)}変わります"
        f"（中央値。どの値も同じ乱数を使用）。{CAVEAT['ja']}"
    )


def summary_text(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
) -> str:
    """A few sentences saying what a scenario result or a comparison means, in ``en`` or ``ja``.

    For a comparison, ``label_a``/``label_b`` name the two sides (default: `side_labels`).
    """
    language = check_lang(lang)
    if is_comparison(result_or_comparison):
        return _comparison_text(result_or_comparison, language, label_a, label_b)
    return _result_text(result_or_comparison, language)


# --- sensitivity (tornado) --------------------------------------------------------------------

#: what `chipshock.sim.sensitivity` writes in ``how`` for a fixed field with no cited range
_NO_RANGE = "fixed in the scenario: no range"


def _conf_ja(confidence: Any) -> str:
    levels = {"low": "低", "medium": "中", "high": "高"}
    parts = [levels.get(c, c) for c in str(confidence or "").split("/") if c]
    return "・".join(parts) or "未評価"


def sensitivity_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """A plain-language paragraph on a `SensitivityResult`: which assumption moves the answer
    most and how far, the next ones, those with no effect, and the one-at-a-time caveat.
    ``title`` (e.g. the scenario's) heads the paragraph when given."""
    lang = check_lang(lang)
    t = result.table
    kpi = result.kpi
    what = kpi_label(kpi, lang)
    en = lang == "en"
    head = "" if title is None else (f"{title}: " if en else f"{title}：")
    if t.empty:
        return head + ("No factor tested." if en else "検討した仮定はありません。")

    def val(v: float) -> str:
        return fmt_kpi(kpi, float(v), lang)

    def name(r: Any) -> str:
        return str(r["label_ja"] or r["label"]) if not en else str(r["label"]).lower()

    top = t.iloc[0]
    base = val(top["kpi_base"])
    moving = t[t["swing"].abs() > 0]
    still = t[t["swing"].abs() == 0]
    if moving.empty:
        return (
            head + f"None of the tested assumptions moves the median {what.lower()} ({base})."
            if en
            else head + f"検討したどの仮定も{what}の中央値（{base}）を動かしません。"
        )
    nxt = moving.iloc[1:3]
    if en:
        text = (
            head + f"The answer depends most on {name(top)} ({top['confidence'] or 'unrated'} "
            f"confidence): between its low and high values the median {what.lower()} moves from "
            f"{val(top['kpi_low'])} to {val(top['kpi_high'])} (base {base})."
        )
        if not nxt.empty:
            text += (
                " Next come "
                + " and ".join(
                    f"{name(r)} ({val(r['kpi_low'])} to {val(r['kpi_high'])})"
                    for _, r in nxt.iterrows()
                )
                + "."
            )
        if not still.empty:
            text += (
                " No effect: "
                + ", ".join(
                    name(r) + (" (fixed in the scenario)" if _NO_RANGE in str(r["how"]) else "")
                    for _, r in still.iterrows()
                )
                + "."
            )
        return text + (
            " Each assumption is moved alone with the others at base, so the bars do not add up "
            "and interactions are not shown."
        )
    text = (
        head + f"結果を最も大きく左右するのは{name(top)}（確度：{_conf_ja(top['confidence'])}）"
        f"です。これを低い値から高い値に動かすと、{what}の中央値は{val(top['kpi_low'])}から"
        f"{val(top['kpi_high'])}に変わります（基準：{base}）。"
    )
    if not nxt.empty:
        text += (
            "次いで"
            + "、".join(
                f"{name(r)}（{val(r['kpi_low'])}〜{val(r['kpi_high'])}）" for _, r in nxt.iterrows()
            )
            + "です。"
        )
    if not still.empty:
        text += (
            "影響なし："
            + "、".join(
                name(r) + ("（シナリオで固定）" if _NO_RANGE in str(r["how"]) else "")
                for _, r in still.iterrows()
            )
            + "。"
        )
    return (
        text
        + "各仮定は一つずつ動かし他は基準のままなので、"
        + "棒の長さは足し合わせられず、相互作用は示しません。"
    )
