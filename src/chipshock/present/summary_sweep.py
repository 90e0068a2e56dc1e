"""Plain-language text on a sweep (one parameter varied) and on a sensitivity (tornado) result,
in English and Japanese; the wording the report, the dashboard and the CLI share.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from chipshock.present.censored_analysis import censoring_note
from chipshock.present.labels import Lang, check_lang, fmt_kpi, fmt_usd_bn, kpi_label
from chipshock.present.numbers import fmt_swept
from chipshock.present.summary_figures import CAVEAT, TOTAL_MARKETS, fmt_weeks

__all__ = ["SWEPT", "in_sentence", "sensitivity_text", "sweep_text", "tail_movers"]

SWEPT = {
    "duration_weeks": ("the shock's duration (weeks)", "ショックの期間（週）"),
    "start_year": ("the start year of the shock", "ショックの開始年"),
    "inventory_weeks": ("chip inventories (weeks of demand)", "半導体在庫（需要の週数）"),
}


def in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter lower case unless the first word is an
    acronym, every other word as written (review12 #8: "AI chips" read "ai chips").

    >>> in_sentence("Advanced packaging needed by AI chips"), in_sentence("TSMC share")
    ('advanced packaging needed by AI chips', 'TSMC share')
    """
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def sweep_text(title: str, parameter: str, table: pd.DataFrame, lang: str = "en") -> str:
    """How output lost and economic output at risk move as one swept parameter changes."""
    language = check_lang(lang)
    en = language == "en"
    name = SWEPT.get(parameter, (parameter, parameter))[0 if en else 1]
    if "value" not in table.columns or table.empty:
        return f"{title}: {name}." if en else f"{title}：{name}。"
    rows = table[table["market"].astype(str).isin(TOTAL_MARKETS)]
    values = sorted(rows["value"].unique())
    lo, hi = fmt_swept(parameter, values[0], language), fmt_swept(parameter, values[-1], language)
    weeks = rows[rows["kpi"] == "output_lost_weeks"].sort_values("value")["p50"].astype(float)
    loss = rows[rows["kpi"] == "loss_usd_bn"].sort_values("value")["p50"].astype(float) * 1e9
    clauses: list[str] = []
    if en:
        if not weeks.empty:
            w0, w1 = fmt_weeks(weeks.iloc[0], "en"), fmt_weeks(weeks.iloc[-1], "en")
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
        w0, w1 = fmt_weeks(weeks.iloc[0], "ja"), fmt_weeks(weeks.iloc[-1], "ja")
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


# --- sensitivity (tornado) --------------------------------------------------------------------

#: what `chipshock.sim.sensitivity` writes in ``how`` for a fixed field with no cited range
_NO_RANGE = "fixed in the scenario: no range"


def _conf_ja(confidence: Any) -> str:
    levels = {"low": "低", "medium": "中", "high": "高"}
    parts = [levels.get(c, c) for c in str(confidence or "").split("/") if c]
    return "・".join(parts) or "未評価"


_TAILS = ("p5", "p95")


def _spread(low: Any, base: Any, high: Any) -> Any:
    """max - min of three values (`chipshock.sim.sensitivity.factor_reach`'s rule)."""
    return (
        pd.concat([low, base, high], axis=1).max(axis=1)
        - pd.concat([low, base, high], axis=1).min(axis=1)
    ).round(12)


def tail_movers(table: pd.DataFrame) -> pd.DataFrame:
    """The tornado rows whose p5 or p95 moves more, over low, base and high, than their median
    does (the bars rank by the median only; review 11, finding 5), in the table's order, with
    ``tail`` (``p5`` or ``p95``, the one that moves more) and its ``tail_low`` / ``tail_high``.
    Empty when the table carries no p5/p95 columns.

    >>> t = pd.DataFrame({"label": ["q", "s"], "kpi_low": [590.8, 185.5],
    ...     "kpi_base": [590.8, 590.8], "kpi_high": [590.8, 926.9], "low_p5": [168.2, 10.0],
    ...     "base_p5": [168.2, 168.2], "high_p5": [190.3, 400.0], "low_p95": [902.4, 700.0],
    ...     "base_p95": [902.4, 902.4], "high_p95": [907.4, 1100.0]})
    >>> tail_movers(t)[["label", "tail", "tail_low", "tail_high"]].values.tolist()
    [['q', 'p5', 168.2, 190.3]]
    """
    need = [f"{side}_{q}" for q in _TAILS for side in ("low", "base", "high")]
    if table.empty or not set(need) <= set(table.columns):
        return table.iloc[0:0].assign(tail=[], tail_low=[], tail_high=[])
    median = _spread(table["kpi_low"], table["kpi_base"], table["kpi_high"])
    moves = {q: _spread(table[f"low_{q}"], table[f"base_{q}"], table[f"high_{q}"]) for q in _TAILS}
    tail = (moves["p95"] > moves["p5"]).map({True: "p95", False: "p5"})
    is_p95 = (tail == "p95").to_numpy()
    out = table.assign(
        tail=tail,
        tail_low=np.where(is_p95, table["low_p95"].astype(float), table["low_p5"].astype(float)),
        tail_high=np.where(is_p95, table["high_p95"].astype(float), table["high_p5"].astype(float)),
    )
    keep = (moves["p5"] > median) | (moves["p95"] > median)
    return pd.DataFrame(out[keep])


#: how many assumptions the tail note names with their ranges (the rest it counts)
TAIL_NAMED = 3


def _tail_note(result: Any, lang: Lang) -> str:
    """The sentence naming `tail_movers` (``""`` when there are none)."""
    movers = tail_movers(result.table)
    if movers.empty:
        return ""
    kpi = result.kpi
    # the `TAIL_NAMED` whose tail moves most, in the table's order; the rest counted (a
    # sentence naming 14 of 15 assumptions with two ranges each was read by no one)
    reach = (movers["tail_high"].astype(float) - movers["tail_low"].astype(float)).abs()
    named = movers[movers.index.isin(reach.nlargest(TAIL_NAMED, keep="first").index)]
    more = len(movers) - len(named)

    def val(v: Any) -> str:
        return fmt_kpi(kpi, float(v), lang)

    if lang == "en":
        rest = f"; and {more} other assumption{'s' if more > 1 else ''}" if more else ""
        return (
            " The bars rank by the median only; the p5 or p95 moves more than the median for "
            + ", ".join(
                f"{in_sentence(str(r['label']))} ({r['tail']} {val(r['tail_low'])} to "
                f"{val(r['tail_high'])}; median {val(r['kpi_low'])} to {val(r['kpi_high'])})"
                for _, r in named.iterrows()
            )
            + rest
            + "."
        )
    return (
        "棒は中央値だけで並べています。p5またはp95が中央値より大きく動く仮定："
        + "、".join(
            f"{r['label_ja'] or r['label']}（{r['tail']} {val(r['tail_low'])}〜"
            f"{val(r['tail_high'])}、中央値 {val(r['kpi_low'])}〜{val(r['kpi_high'])}）"
            for _, r in named.iterrows()
        )
        + (f"、ほか{more}項目" if more else "")
        + "。"
    )


def sensitivity_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
    """`_sensitivity_text`, then what censoring at the horizon does to a ranking of
    ``weeks_to_recover`` (`chipshock.present.censored_analysis.censoring_note`)."""
    text = _sensitivity_text(result, lang, title)
    note = censoring_note(result, lang)
    return text + ("" if lang == "ja" else " ") + note if note else text


def _sensitivity_text(result: Any, lang: Lang = "en", title: str | None = None) -> str:
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
        return str(r["label_ja"] or r["label"]) if not en else in_sentence(str(r["label"]))

    top = t.iloc[0]
    base = val(top["kpi_base"])
    reach = t["reach"] if "reach" in t else t["swing"].abs()
    moving = t[reach > 0]
    tails = set(tail_movers(t).index)
    # no effect: neither the median nor a tail moves (a factor that moves only the tails is
    # named by `_tail_note`)
    still = t[(reach == 0) & ~t.index.isin(list(tails))]
    # a factor whose two ends lie on the same side of base: its swing understates it
    bent = moving[
        ((moving["kpi_low"] - moving["kpi_base"]) * (moving["kpi_high"] - moving["kpi_base"]) > 0)
        & (reach[moving.index] > 2 * moving["swing"].abs())
    ].head(1)
    if moving.empty:
        return (
            head + f"None of the tested assumptions moves the median {what.lower()} ({base})."
            if en
            else head + f"検討したどの仮定も{what}の中央値（{base}）を動かしません。"
        ) + _tail_note(result, lang)
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
        for _, r in bent.iterrows():
            way = "higher" if r["kpi_low"] > r["kpi_base"] else "lower"
            text += (
                f" {name(r).capitalize()} is not monotonic: both its low and its high value give "
                f"a {way} answer than base ({val(r['kpi_low'])} and {val(r['kpi_high'])}), so "
                "the base sits at a turning point and its swing understates it; the tornado "
                "ranks it by how far it moves the answer."
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
        return (
            text
            + _tail_note(result, lang)
            + (
                " Each assumption is moved alone with the others at base, so the bars do not "
                "add up and interactions are not shown."
            )
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
    for _, r in bent.iterrows():
        way = "大きく" if r["kpi_low"] > r["kpi_base"] else "小さく"
        text += (
            f"{name(r)}は単調ではありません。低い値でも高い値でも基準より{way}なり"
            f"（{val(r['kpi_low'])}と{val(r['kpi_high'])}）、基準が転換点にあるため、"
            "振れ幅は影響を小さく見せます。トルネード図は答えを動かす幅の大きさで並べています。"
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
        + _tail_note(result, lang)
        + "各仮定は一つずつ動かし他は基準のままなので、"
        + "棒の長さは足し合わせられず、相互作用は示しません。"
    )
