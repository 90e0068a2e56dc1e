"""The one-page report: a self-contained HTML file (inline CSS and SVG, no scripts, no network).

Order: title, plain-language summary, key figures (output first), optionally what drives the
answer (a sensitivity tornado, `chipshock.report.sensitivity`), charts (output of end
products, then chips delivered, then supply by node class; each with a data table), KPI tables,
assumptions with their sources and as-of dates, data sources and licences.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock import __version__
from chipshock.report.charts import band_chart, bar_chart
from chipshock.report.labels import (
    OUTPUT_KPIS,
    Lang,
    check_lang,
    fmt_kpi,
    fmt_usd_bn,
    kpi_label,
    kpi_order,
    market_label,
    node_label,
)
from chipshock.report.sensitivity import sensitivity_section
from chipshock.report.summary import (
    ALLIANCE_SIDES,
    first_is_better,
    is_comparison,
    key_figures,
    scenario_title,
    side_labels,
    summary_text,
)

__all__ = ["render_report", "write_report"]

ETO_ATTRIBUTION = (
    "Structural data: Emerging Technology Observatory (ETO) Advanced Semiconductor Supply Chain "
    "Dataset, Center for Security and Emerging Technology (CSET), Georgetown University — "
    "https://eto.tech/dataset-docs/chipexplorer — licensed CC BY-NC 4.0 "
    "(https://creativecommons.org/licenses/by-nc/4.0/)."
)

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "report": "chipshock report",
        "summary": "What this means",
        "key": "Key figures",
        "output": "Output of end products as % of normal, per end market (median, p5–p95 band)",
        "delivered": "Chips delivered as % of what each end market needs (median, p5–p95 band)",
        "supply": "Chip supply as % of demand, per node class (median, p5–p95 band)",
        "loss": "Economic output at risk per end market (median, p5–p95)",
        "loss_saved": "Economic output at risk avoided with “{better}” compared with “{worse}”, "
        "per end market (median; positive = less lost)",
        "kpis_output": "Output lost per end market",
        "kpis_chips": "Chips not delivered per end market (detail)",
        "avoided": "Avoided with “{better}” compared with “{worse}” (positive = better)",
        "assumptions": "Assumptions and their sources",
        "sources": "Data sources and licences",
        "table": "Data table",
        "market": "End market",
        "generated": "Generated",
        "runs": "Monte Carlo runs",
        "seed": "seed",
        "caveat": "Model estimates from public data, not forecasts.",
        "chart_desc": "Lowest median {v:.0f}% ({k}) around {w}.",
        "kpi_note": "Each cell: middle estimate (p50), with the range of 90% of simulated "
        "futures (p5 – p95) in brackets.",
        "card_peak": "{m}: output at the worst point",
        "card_peak_v": "{v} of normal",
        "card_weeks": "Output lost, all markets",
        "card_weeks_v": "{v} weeks of normal output",
        "card_recover": "Weeks until {m} output recovers",
        "card_loss": "Economic output at risk",
        "card_chips": "{m}: chips received in the worst week",
        "card_chips_v": "{v} of needs",
    },
    "ja": {
        "report": "chipshock レポート",
        "summary": "この結果が意味すること",
        "key": "主な数値",
        "output": "最終市場ごとの製品の生産（通常に対する％、中央値とp5〜p95の幅）",
        "delivered": "最終市場ごとの半導体の供給率（必要量に対する％、中央値とp5〜p95の幅）",
        "supply": "ノード区分ごとの半導体供給（需要に対する％、中央値とp5〜p95の幅）",
        "loss": "最終市場ごとの失われる生産額（中央値とp5〜p95）",
        "loss_saved": "「{worse}」と比べて「{better}」で避けられる生産額の損失"
        "（最終市場別、中央値。正の値＝損失が少ない）",
        "kpis_output": "最終市場ごとの失われる生産",
        "kpis_chips": "最終市場ごとの届かない半導体（詳細）",
        "avoided": "「{worse}」と比べて「{better}」で避けられる量（正の値＝よい）",
        "assumptions": "前提条件と出典",
        "sources": "データの出典とライセンス",
        "table": "データ表",
        "market": "最終市場",
        "generated": "作成日",
        "runs": "モンテカルロ試行回数",
        "seed": "シード",
        "caveat": "公開データに基づくモデルの推計であり、予測ではありません。",
        "chart_desc": "中央値が最も低いのは{k}で、{w}ごろの{v:.0f}%。",
        "kpi_note": "各欄：中央値（p50）。かっこ内は9割のシミュレーションが収まる範囲（p5〜p95）。",
        "card_peak": "{m}：最も厳しい時期の生産",
        "card_peak_v": "通常の{v}",
        "card_weeks": "失われる生産（全市場）",
        "card_weeks_v": "通常の生産の{v}週間分",
        "card_recover": "{m}の生産が回復するまで",
        "card_loss": "失われる生産額",
        "card_chips": "{m}：最も厳しい週に届く半導体",
        "card_chips_v": "必要量の{v}",
    },
}

CSS = """
body{font-family:"Noto Sans","Noto Sans CJK JP",system-ui,sans-serif;max-width:960px;
margin:2em auto;padding:0 1em;color:#222;line-height:1.55}
h1{font-size:1.7em;margin-bottom:.2em}
h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}
.summary{font-size:1.15em;background:#eef5fb;border-left:5px solid #0072B2;padding:.8em 1.2em}
.figures{display:flex;gap:1em;flex-wrap:wrap}
.fig{flex:1 1 200px;border:1px solid #ddd;border-radius:6px;padding:.6em 1em}
.fig b{display:block;font-size:1.5em;color:#0072B2}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0;width:100%}th,td{border:1px solid #ddd;
padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right}
svg.chart{width:100%;height:auto;max-width:900px}svg.tornado text{fill:#222}
figure{margin:1em 0}figcaption{font-weight:bold}
.muted{color:#666;font-size:.85em}details{margin:.4em 0}
"""


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _table(frame: pd.DataFrame, numeric_digits: int = 3) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = []
    for record in frame.to_dict(orient="records"):
        cells = []
        for v in record.values():
            if isinstance(v, float):
                cells.append(
                    f'<td class="n">{"–" if pd.isna(v) else f"{v:,.{numeric_digits}g}"}</td>'
                )
            elif isinstance(v, str) and v.startswith("http"):
                cells.append(f'<td><a href="{_esc(v)}">{_esc(v)}</a></td>')
            else:
                cells.append(f"<td>{_esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _window(df: pd.DataFrame) -> pd.DataFrame:
    """Weeks where something happens: a quarter before the first dip to two years after the last."""
    hit = df.loc[(df["p5"] < 99.0) | (df["p50"] < 99.5), "week"]
    if hit.empty:
        return df
    out: pd.DataFrame = df[(df["week"] >= hit.min() - 13) & (df["week"] <= hit.max() + 104)]
    return out


def _bands_figure(
    bands: pd.DataFrame, series: str, caption: str, lang: Lang, node: bool = False
) -> str:
    df = _window(bands[bands["series"] == series])
    if df.empty:
        return ""
    t = TEXT[lang]
    label = node_label if node else market_label
    keys = list(dict.fromkeys(df["key"].astype(str)))
    names = {k: label(k, lang) for k in keys}
    low = df.sort_values("p50").to_dict(orient="records")[0]
    when = str(low.get("date", low["week"]))[:7]
    desc = t["chart_desc"].format(v=_num(low["p50"]), k=names[str(low["key"])], w=when)
    x = "date" if "date" in df.columns and df["date"].notna().all() else "week"
    svg = band_chart(df, title=caption, description=desc, labels=names, x=x, y_label="%")
    step = max(1, df["week"].nunique() // 40)
    weeks = sorted(df["week"].unique())[::step]
    sample = df[df["week"].isin(weeks)]
    wide = sample.pivot_table(index=x, columns="key", values="p50", sort=True).reset_index()
    wide.columns = [names.get(str(c), str(c)) for c in wide.columns]
    return (
        f"<figure><figcaption>{_esc(caption)}</figcaption>{svg}<p class='muted'>{_esc(desc)}</p>"
        f"<details><summary>{t['table']} (p50)</summary>{_table(wide)}</details></figure>"
    )


def _cell(kpi: str, r: Mapping[Any, Any], lang: Lang) -> str:
    p5, p50, p95 = (fmt_kpi(kpi, _num(r[k]), lang) for k in ("p5", "p50", "p95"))
    return f"{p50} ({p5} – {p95})"


def _kpi_table(kpis: pd.DataFrame, lang: Lang, names: list[str]) -> str:
    """One row per market, one column per KPI of ``names``: ``p50 (p5 – p95)``."""
    t = TEXT[lang]
    cells: dict[str, dict[str, str]] = {}
    for r in kpis[kpis["kpi"].isin(names)].to_dict(orient="records"):
        cells.setdefault(str(r["market"]), {})[str(r["kpi"])] = _cell(str(r["kpi"]), r, lang)
    rows = [
        {t["market"]: market_label(m, lang), **{kpi_label(k, lang): c.get(k, "–") for k in names}}
        for m, c in cells.items()
    ]
    return _table(pd.DataFrame(rows)) + f"<p class='muted'>{_esc(t['kpi_note'])}</p>"


def _kpi_tables(kpis: pd.DataFrame, lang: Lang, suffix: str = "") -> list[str]:
    """Output KPIs first, then chip KPIs (detail)."""
    t = TEXT[lang]
    names = kpi_order(kpis["kpi"].astype(str))
    output = [k for k in names if k in OUTPUT_KPIS]
    chips = [k for k in names if k not in OUTPUT_KPIS]
    return [
        f"<h3>{_esc(t[key] + suffix)}</h3>{_kpi_table(kpis, lang, group)}"
        for key, group in (("kpis_output", output), ("kpis_chips", chips))
        if group
    ]


def _loss_items(kpis: pd.DataFrame, lang: Lang) -> Bars:
    rows = kpis[(kpis["kpi"] == "loss_usd_bn") & ~kpis["market"].isin(["all", "total"])]
    return [
        (market_label(str(r["market"]), lang), _num(r["p50"]), _num(r["p5"]), _num(r["p95"]))
        for r in rows.sort_values("p50", ascending=False).to_dict(orient="records")
    ]


Bars = list[tuple[str, float, float | None, float | None]]


def _in_unit(items: Bars, lang: Lang) -> tuple[Bars, str]:
    """Bars in USD bn as shown to readers: ``USD bn`` in English, 億ドル (×10) in Japanese."""
    if lang == "en":
        return items, "USD bn"
    k = 10.0
    return [
        (a, v * k, None if lo is None else lo * k, None if hi is None else hi * k)
        for a, v, lo, hi in items
    ], "億ドル"


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _figures(result: Any, lang: Lang) -> str:
    """Cards: output first (worst point, weeks lost, recovery, USD at risk), then chips."""
    f = key_figures(result)
    t = TEXT[lang]
    m = market_label(f.get("worst_market", ""), lang)
    cards = []
    if "peak_output" in f:
        v = f"{100 - f['peak_output']['p50']:.0f}%"
        cards.append((t["card_peak"].format(m=m), t["card_peak_v"].format(v=v)))
    if "output_weeks" in f:
        v = f"{f['output_weeks']['p50']:,.1f}"
        cards.append((t["card_weeks"], t["card_weeks_v"].format(v=v)))
    if "recover" in f:
        cards.append(
            (
                t["card_recover"].format(m=m),
                fmt_kpi("weeks_to_recover", f["recover"]["p50"], lang),
            )
        )
    if "loss" in f:
        cards.append((t["card_loss"], fmt_usd_bn(f["loss"]["p50"], lang)))
    if "peak_chips" in f:
        v = f"{100 - f['peak_chips']['p50']:.0f}%"
        cards.append((t["card_chips"].format(m=m), t["card_chips_v"].format(v=v)))
    inner = "".join(f"<div class='fig'>{_esc(k)}<b>{_esc(v)}</b></div>" for k, v in cards)
    return f"<div class='figures'>{inner}</div>"


def _result_sections(result: Any, lang: Lang, suffix: str = "") -> list[str]:
    t = TEXT[lang]
    out = [
        _bands_figure(result.bands, "output_pct_of_normal", t["output"] + suffix, lang),
        _bands_figure(result.bands, "delivered_pct_of_demand", t["delivered"] + suffix, lang),
        _bands_figure(result.bands, "supply_pct_of_demand", t["supply"] + suffix, lang, node=True),
    ]
    items = _loss_items(result.kpis, lang)
    if items:
        items, unit = _in_unit(items, lang)
        desc = "; ".join(f"{a}: {b:,.1f} {unit}" for a, b, _, _ in items)
        out.append(
            f"<figure><figcaption>{_esc(t['loss'] + suffix)}</figcaption>"
            + bar_chart(items, title=t["loss"], description=desc, unit=unit)
            + "</figure>"
        )
    out += _kpi_tables(result.kpis, lang, suffix)
    return out


def _avoided_table(cmp: Any, lang: Lang, flip: bool) -> str:
    """The per-run differences as amounts avoided by the better side (positive = better)."""
    delta: pd.DataFrame = cmp.delta
    flipped = delta.copy()
    if not flip:  # avoided by the second side = first − second
        flipped["p5"], flipped["p50"], flipped["p95"] = -delta["p95"], -delta["p50"], -delta["p5"]
    return _kpi_table(flipped, lang, kpi_order(delta["kpi"].astype(str)))


def _comparison_sections(cmp: Any, lang: Lang, ta: str, tb: str) -> list[str]:
    t = TEXT[lang]
    flip = first_is_better(cmp)
    better, worse = (ta, tb) if flip else (tb, ta)
    body = [f"<h2>{t['key']}</h2>"]
    body += [f"<h3>{_esc(name)}</h3>" + _figures(r, lang) for name, r in ((ta, cmp.a), (tb, cmp.b))]
    rows = cmp.delta[(cmp.delta["kpi"] == "loss_usd_bn") & ~cmp.delta["market"].isin(["all"])]
    saved: Bars = []
    for r in rows.to_dict(orient="records"):
        v = _num(r["p50"]) if flip else -_num(r["p50"])  # avoided by the better side
        saved.append((market_label(str(r["market"]), lang), v, None, None))
    if saved:
        caption = t["loss_saved"].format(better=better, worse=worse)
        saved, unit = _in_unit(sorted(saved, key=lambda x: -x[1]), lang)
        desc = "; ".join(f"{a}: {b:+,.1f} {unit}" for a, b, _, _ in saved)
        body.append(
            f"<figure><figcaption>{_esc(caption)}</figcaption>"
            + bar_chart(saved, title=caption, description=desc, unit=unit, colour="#009E73")
            + "</figure>"
        )
    body.append(
        f"<h3>{_esc(t['avoided'].format(better=better, worse=worse))}</h3>"
        + _avoided_table(cmp, lang, flip)
    )
    body += _result_sections(cmp.a, lang, f" — {ta}")
    body += _result_sections(cmp.b, lang, f" — {tb}")
    return body


def _assumptions(result: Any, lang: Lang) -> str:
    df: pd.DataFrame = result.assumptions
    cols = [c for c in ("file", "id", "value", "source_url", "as_of", "confidence") if c in df]
    return f"<h2>{_esc(TEXT[lang]['assumptions'])}</h2>{_table(df[cols].drop_duplicates())}"


def render_report(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
) -> str:
    """The report as one HTML string (see `write_report`)."""
    language = check_lang(lang)
    t = TEXT[language]
    obj = result_or_comparison
    comparison = is_comparison(obj)
    first = obj.a if comparison else obj
    ta, tb = side_labels(obj, language, label_a, label_b) if comparison else ("", "")
    title = f"{ta} ↔ {tb}" if comparison else scenario_title(obj, language)
    if comparison and {ta, tb} == set(ALLIANCE_SIDES[language]):
        base = obj.a if ta == ALLIANCE_SIDES[language][0] else obj.b
        title = f"{scenario_title(base, language)}: {ta} ↔ {tb}"
    runs = key_figures(first).get("runs")
    seed = None
    try:
        seed = first.summary().get("seed")
    except Exception:
        seed = None
    today = dt.date.today().isoformat()
    body = [
        f"<h1>{_esc(title)}</h1>",
        f"<p class='muted'>{t['report']} · {t['generated']} {today} · {t['runs']} {runs} · "
        f"{t['seed']} {seed} · chipshock {__version__}</p>",
        f"<h2>{t['summary']}</h2><p class='summary'>"
        f"{_esc(summary_text(obj, language, label_a=label_a, label_b=label_b))}</p>",
        f"<p class='muted'>{t['caveat']}</p>",
    ]
    drivers = [] if sensitivity is None else [sensitivity_section(sensitivity, language)]
    if comparison:
        sections = _comparison_sections(obj, language, ta, tb)
        body += sections[:3] + drivers + sections[3:]  # after the key figures of both sides
    else:
        body.append(f"<h2>{t['key']}</h2>" + _figures(obj, language))
        body += drivers + _result_sections(obj, language)
    body.append(_assumptions(first, language))
    body.append(
        f"<h2>{t['sources']}</h2><ul><li>{_esc(ETO_ATTRIBUTION)}</li>"
        "<li>Capacity, fabs, alliance, demand and inventory figures: chipshock curated files; "
        "every row cites its public source and as-of date (listed above where used).</li>"
        "<li>Software: chipshock (MIT).</li></ul>"
    )
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} — chipshock</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def write_report(
    result_or_comparison: Any,
    path: Path | str,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
) -> Path:
    """Write one self-contained HTML report (summary first, charts inline) and return its path.

    ``sensitivity`` (a `chipshock.sim.SensitivityResult`) adds a "What drives this answer?"
    section after the key figures: tornado chart, table with sources, plain-language reading."""
    target = Path(path)
    text = render_report(
        result_or_comparison, lang, label_a=label_a, label_b=label_b, sensitivity=sensitivity
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
