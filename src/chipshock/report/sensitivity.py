"""The report's "What drives this answer?" section: tornado chart, table and reading.

Drawn from a `chipshock.sim.SensitivityResult` (its ``table``: one row per assumption, sorted by
how far it moves the median, `chipshock.sim.sensitivity.ranked`); the reading is
`chipshock.present.summary.sensitivity_text`, the wording the CLI and the dashboard use too.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from chipshock.present.charts import render_svg, tornado_spec
from chipshock.present.labels import Lang, fmt_kpi, kpi_label, kpi_unit, market_label
from chipshock.present.numbers import fmt_factor_value
from chipshock.present.summary import sensitivity_text

__all__ = ["factor_value", "range_source", "sensitivity_section", "tornado_chart"]

_CONFIDENCE_JA = {"low": "低", "medium": "中", "high": "高", "unrated": "未評価"}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "What drives this answer?",
        "intro": "Each key assumption is moved alone to the low and then the high end of its "
        "range, everything else as in the scenario, on the same simulated futures. The longer "
        "the bars, the more the answer depends on that assumption.",
        "chart": "{what}: middle estimate at each assumption's low and high value",
        "low": "Assumption at its low value",
        "high": "Assumption at its high value",
        "base": "base",
        "conf": "confidence: {c}",
        "desc": "{name}: {lo} at the low value, {hi} at the high value.",
        "runs": "{n} simulated futures per bar (seed {seed}); each assumption moved alone, so the "
        "bars do not add up.",
        "cols": "Assumption|Low – high (base)|Unit|At low|At high|Difference (high − low)|"
        "Confidence|Data row|Source|Range from|Source of the range",
    },
    "ja": {
        "title": "この答えを左右するものは？",
        "intro": "主な仮定を一つずつ、範囲の低い端と高い端に動かします。ほかはシナリオのまま、"
        "同じ模擬の未来で計算します。棒が長いほど、答えはその仮定に左右されます。",
        "chart": "{what}：各仮定が低い値・高い値のときの中央値",
        "low": "仮定が低い値のとき",
        "high": "仮定が高い値のとき",
        "base": "基準",
        "conf": "確度：{c}",
        "desc": "{name}：低い値のとき{lo}、高い値のとき{hi}。",
        "runs": "棒ごとに{n}通りの未来（シード{seed}）。仮定は一つずつ動かすので、棒の長さは"
        "足し合わせられません。",
        "cols": "仮定|低い値 – 高い値（基準）|単位|低い値のとき|高い値のとき|差（高 − 低）|確度|"
        "データの行|出典|範囲の根拠|範囲の出典",
    },
}


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def factor_value(unit: str, value: float, lang: Lang = "en") -> str:
    """A value tried for an assumption in the unit of its factor row: the shared rule,
    `chipshock.present.numbers.fmt_factor_value` (the CLI and the dashboard's factors.js write
    the same)."""
    return fmt_factor_value(unit, value, lang)


def range_source(r: Any, lang: Lang = "en") -> str:
    """Where a factor's range comes from, in words: its row (file: id) and the date."""
    src = str(r.get("range_source") or "")
    as_of = str(r.get("range_as_of") or "")
    if not as_of:
        return src
    return f"{src} (as of {as_of})" if lang == "en" else f"{src}（{as_of}時点）"


def _confidence(value: Any, lang: Lang) -> str:
    parts = [p for p in str(value or "unrated").split("/") if p]
    return "・".join(_CONFIDENCE_JA.get(p, p) for p in parts) if lang == "ja" else "/".join(parts)


def _link(urls: Any) -> str:
    first = str(urls or "").split(" ")[0]
    return f'<a href="{_esc(first)}">{_esc(first)}</a>' if first.startswith("http") else ""


def _rows(result: Any) -> list[dict[str, Any]]:
    table: pd.DataFrame = result.table
    return [{str(k): v for k, v in r.items()} for r in table.to_dict("records")]


def _label(r: dict[str, Any], lang: Lang) -> str:
    return str(r.get("label_ja") or r["label"]) if lang == "ja" else str(r["label"])


def _span(r: dict[str, Any], lang: Lang) -> str:
    t = TEXT[lang]
    u = str(r.get("unit") or "")
    return (
        f"{factor_value(u, r['low_value'], lang)} – "
        f"{factor_value(u, r['high_value'], lang)} "
        f"({t['base']} {factor_value(u, r['base_value'], lang)})"
    )


def tornado_chart(result: Any, lang: Lang = "en") -> dict[str, Any] | None:
    """The tornado of a `SensitivityResult` as a Vega-Lite spec (None without rows): the one
    spec the report draws and the API sends to the dashboard."""
    t = TEXT[lang]
    kpi = str(result.kpi)
    rows = _rows(result)
    if not rows:
        return None
    frame = pd.DataFrame(
        {
            "label": [f"{_label(r, lang)} ({_span(r, lang)})" for r in rows],
            "low": [float(r["kpi_low"]) for r in rows],
            "base": [float(r["kpi_base"]) for r in rows],
            "high": [float(r["kpi_high"]) for r in rows],
        }
    )
    what = f"{kpi_label(kpi, lang)} ({market_label(str(result.market), lang)})"
    desc = " ".join(
        t["desc"].format(
            name=_label(r, lang),
            lo=fmt_kpi(kpi, float(r["kpi_low"]), lang),
            hi=fmt_kpi(kpi, float(r["kpi_high"]), lang),
        )
        for r in rows
    )
    base = fmt_kpi(kpi, float(rows[0]["kpi_base"]), lang)
    return tornado_spec(
        frame,
        title=t["chart"].format(what=what),
        description=desc,
        x_title=f"{kpi_label(kpi, lang)}, {kpi_unit(kpi, lang)} ({t['base']}: {base})",
        low_name=t["low"],
        high_name=t["high"],
    )


def sensitivity_section(result: Any, lang: Lang = "en") -> str:
    """The HTML of the section: heading, reading, tornado chart, table with sources."""
    t = TEXT[lang]
    kpi = str(result.kpi)
    rows = _rows(result)
    spec = tornado_chart(result, lang)
    chart = render_svg(spec) if spec is not None else ""

    def label(r: dict[str, Any]) -> str:
        return _label(r, lang)

    def span(r: dict[str, Any]) -> str:
        return _span(r, lang)

    head = "".join(f"<th>{_esc(c)}</th>" for c in t["cols"].split("|"))
    body = "".join(
        "<tr>"
        + f"<td>{_esc(label(r))}</td><td>{_esc(span(r))}</td><td>{_esc(r.get('unit'))}</td>"
        + "".join(
            f"<td class='n'>{_esc(fmt_kpi(kpi, float(r[c]), lang))}</td>"
            for c in ("kpi_low", "kpi_high", "swing")
        )
        + f"<td>{_esc(_confidence(r['confidence'], lang))}</td><td>{_esc(r['source'])}</td>"
        + f"<td>{_link(r.get('source_url'))}</td>"
        + f"<td>{_esc(range_source(r, lang))}</td><td>{_link(r.get('range_source_url'))}</td></tr>"
        for r in rows
    )
    return (
        f"<section id='sensitivity'><h2>{_esc(t['title'])}</h2>"
        f"<p class='summary'>{_esc(sensitivity_text(result, lang))}</p>"
        f"<p class='muted'>{_esc(t['intro'])}</p>"
        f"<figure>{chart}</figure>"
        f"<table class='sensitivity'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p class='muted'>{_esc(t['runs'].format(n=result.runs, seed=result.seed))}</p>"
        "</section>"
    )
