"""The briefing: a self-contained HTML page (inline CSS and SVG, no scripts, no network) and PDF.

Main body (two printed A4 pages): the finding in one sentence, one chart with the uncertainty
explained in words, the named assumptions that drive it (`chipshock.report.assumptions`), key
figures, a short plain-language summary, and optionally what drives the answer (a tornado). The
chart of one scenario is the output of end products; a comparison, whose finding is the loss
avoided, leads with the run-by-run avoided loss (`chipshock.present.avoided_chart`; with
``--by-fab`` also what each alliance fab avoids alone) and draws the hardest-hit market's output
on both sides after the key figures. The appendix
starts on a new page: further charts, KPI tables, every data row used with its source and as-of
date, a glossary of every code and term shown, data sources and licences. Without it
(``--no-appendix``, `chipshock.report.appendix_note`) the body ends with the command that writes
the full briefing.

All words come from the message catalogue and all numbers from `chipshock.present.numbers`;
charts are the Vega-Lite specs of `chipshock.present.charts`, drawn as inline SVG.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock import __version__
from chipshock.analysis.registry import DataRelease
from chipshock.present.avoided_chart import avoided_loss, fab_bars_spec
from chipshock.present.charts import bar_spec, render_svg
from chipshock.present.charts_results import chart_specs
from chipshock.present.coverage_notes import country_shock_scope, uncounted_fabs_note
from chipshock.present.finding import finding, quoter
from chipshock.present.history_caveats import market_caveats
from chipshock.present.labels import (
    OUTPUT_KPIS,
    Lang,
    check_lang,
    confidence_label,
    country_label,
    fab_operators,
    kpi_label,
    kpi_order,
    market_label,
    operator_names,
)
from chipshock.present.messages import catalogue, has_message, message
from chipshock.present.numbers import (
    AT_LEAST,
    fmt_as_written,
    fmt_int,
    fmt_pct,
    fmt_plain,
    fmt_range,
    fmt_usd,
    fmt_weeks,
    fmt_year,
    is_censored,
    kpi_cell,
)
from chipshock.present.provenance import engine_source, package_release
from chipshock.present.summary import (
    ALLIANCE_SIDES,
    avoided_frame,
    first_is_better,
    is_comparison,
    key_figures,
    scenario_title,
    side_labels,
    summary_text,
)
from chipshock.report.appendix_note import appendix_left_out, full_report_command
from chipshock.report.assumptions import assumption_items, fab_names
from chipshock.report.contributions import contributions_section
from chipshock.report.links import source_link
from chipshock.report.materials import materials_section
from chipshock.report.sensitivity import sensitivity_section
from chipshock.report.sobol_section import sobol_section
from chipshock.report.utilisation import utilisation_section

__all__ = ["CSS", "page", "render_report", "write_report"]

#: plot height (px) of a comparison's two-band chart in the body, after the avoided-loss chart
BODY_COMPARE_HEIGHT = 90
#: width (px) a compact figure's chart is drawn at: printed in its 62 % column of an A4 page
#: (436 px) at 0.93 of its size, its 12 px text is 8.4 pt (drawn at 640 px it was 6.1 pt)
COMPACT_WIDTH = 470

CSS = """
body{font-family:"Noto Sans","Noto Sans CJK JP",system-ui,sans-serif;max-width:900px;
margin:1.5em auto;padding:0 1em;color:#222;line-height:1.5;font-size:15px}
h1{font-size:1.55em;margin:.1em 0 .2em}
h2{font-size:1.15em;border-bottom:2px solid #0072B2;padding-bottom:.15em;margin:1.2em 0 .4em}
h3{font-size:1em;margin:.9em 0 .3em}
.finding{font-size:1.2em;font-weight:600;background:#eef5fb;border-left:5px solid #0072B2;
padding:.6em 1em;margin:.6em 0}
.caveat{font-size:.8em;border-left:5px solid #E69F00;padding:0 .8em;margin:.2em 0}
.figures{display:flex;gap:.6em;flex-wrap:wrap;margin:.4em 0}
.fig{flex:1 1 150px;border:1px solid #ddd;border-radius:6px;padding:.4em .7em;font-size:.9em}
.fig b{display:block;font-size:1.35em;color:#0072B2}
.fig .band{display:block;font-size:.85em;color:#555}
p.about{font-size:.85em;margin:.3em 0}
ul.assume{margin:.3em 0;padding-left:1.2em}ul.assume li{margin:.2em 0}
table{border-collapse:collapse;font-size:.82em;margin:.5em 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}
td a{overflow-wrap:break-word}
.table-scroll{overflow-x:auto;max-width:100%;margin:.5em 0}.table-scroll>table{margin:0}
td.range{white-space:normal}td.range span{white-space:nowrap}
table.sensitivity td:first-child{min-width:8em}table.sensitivity td.source{min-width:14em}
svg.chart{width:100%;height:auto;max-width:100%}
figure{margin:.6em 0}figcaption{font-weight:bold}
.muted{color:#555;font-size:.85em}p.appendix-left-out code{overflow-wrap:anywhere}
.old-capacity{color:#8a4b00;font-weight:600}.band{font-size:.9em}
dl.glossary dt{font-weight:bold}dl.glossary dd{margin:0 0 .4em 1.2em}
@page{size:A4;margin:10mm 12mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.3}
h1{font-size:16pt}h2{font-size:12pt;margin-top:.6em}h3{margin-top:.6em}.finding{font-size:12pt}
figure{margin:.4em 0}
.appendix{break-before:page}figure,.figures,table,dl,ul.assume li li{break-inside:avoid}
h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}
figure.compact{display:grid;grid-template-columns:62% 1fr;column-gap:1em;align-items:start}
figure.compact svg.chart{grid-row:1/span 4}figure.compact p{margin:0 0 .4em}
details>summary{display:none}details{display:block}
.table-scroll{overflow:visible}.table-scroll>table{font-size:7.5pt}
th,td{padding:2px 4px;overflow-wrap:anywhere}
/* the key figures' five cards in one row: the Japanese body fits two pages */
.figures{flex-wrap:nowrap;gap:.4em}.fig{flex:1 1 0;min-width:0;padding:.3em .5em;font-size:.85em}
.fig b{font-size:1.2em}ul.assume li{margin:.1em 0}
}
"""


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _t(key: str, lang: Lang, **fields: Any) -> str:
    return message(f"report.{key}", lang, **fields)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f'<td class="n">{fmt_plain(value)}</td>'
    if isinstance(value, str) and value.startswith("http"):  # " ; " between two sources
        return "<td>" + " ; ".join(source_link(u) for u in value.split(" ; ")) + "</td>"
    return f"<td>{_esc(value)}</td>"


def _data_value(row_id: str, value: Any, lang: Lang) -> str:
    """A data row's value as written in its file (`fmt_as_written`, up to four decimals:
    ``69``, ``0``, ``0.125``), a year as a year (``horizon_min_year``: ``2022``)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if "year" in str(row_id).split("_"):
        return fmt_year(number)
    return fmt_as_written(number, 4, lang) if math.isfinite(number) else fmt_plain(number)


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v) for v in r.values()) + "</tr>"
        for r in frame.to_dict(orient="records")
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figure(
    spec: Mapping[str, Any] | None, lang: Lang, source: str = "", *, caption: bool = True
) -> str:
    """A chart with its text alternative under it (unless ``caption`` is False: a chart whose
    bars carry their values keeps it in the SVG's ``<desc>`` only) and, given, its source."""
    if spec is None:
        return ""
    desc = str(spec.get("description") or "")
    text = f"<p class='muted'>{_esc(desc)}</p>" if caption else ""
    line = f"<p class='muted source'>{_esc(source)}</p>" if source else ""
    return f"<figure>{render_svg(dict(spec))}{text}{line}</figure>"


def _description(result: Any, lang: Lang) -> str:
    """A side's scenario description in ``lang`` (falls back to English; "" without one)."""
    sc = getattr(result, "scenario", None)
    text = getattr(sc, "description_ja", "") if lang == "ja" else ""
    return str(text or getattr(sc, "description", "") or "")


def _about(sides: list[tuple[str, Any]], lang: Lang, comparison: bool) -> str:
    """What each scenario is, as its description says (review12 #3): the shock, why its length
    is an assumption, what the model leaves out. A paragraph another side already showed is
    not repeated (the default comparison runs one scenario twice); "" without descriptions."""
    seen: set[str] = set()
    parts = []
    for name, side in sides:
        paragraphs = [p.strip() for p in _description(side, lang).split("\n\n") if p.strip()]
        # loss by country leaves out the shock's own damage in the shocked country (review 16
        # #10)
        scope = country_shock_scope([getattr(side, "scenario", None)], lang)
        new = [p for p in [*paragraphs, scope] if p and p not in seen]
        seen.update(new)
        if new:
            head = f"<h3>{_esc(name)}</h3>" if comparison else ""
            parts.append(head + "".join(f"<p class='about'>{_esc(p)}</p>" for p in new))
    if not parts:
        return ""
    return f"<h2>{_esc(_t('about', lang))}</h2>" + "".join(parts)


def _cards(result: Any, lang: Lang) -> str:
    """Key figures: output first (worst point, weeks lost, recovery, USD at risk), then chips."""
    f = key_figures(result)
    # no market loses output: the cards give all markets, not the first of a tie at 0
    m = market_label("all" if f.get("no_market_loses") else f.get("worst_market", ""), lang)
    cards = []
    if "peak_output" in f:
        v = fmt_pct(100 - f["peak_output"]["p50"])
        cards.append((_t("card_peak", lang, market=m), _t("card_peak_v", lang, value=v)))
    if "output_weeks" in f:
        v = fmt_weeks(f["output_weeks"]["p50"], lang)
        cards.append((_t("card_weeks", lang), _t("card_weeks_v", lang, value=v)))
    if "recover" in f:
        v = fmt_weeks(f["recover"]["p50"], lang, unit=True)
        censored = f.get("not_recovered")
        if censored is not None and censored["median"]:  # not back to normal by the end
            v = AT_LEAST + v
        cards.append((_t("card_recover", lang, market=m), v))
    notes: dict[int, str] = {}  # a card's line under its value
    if "loss" in f:
        loss = f["loss"]
        band = fmt_range(fmt_usd(loss["p5"], lang), fmt_usd(loss["p95"], lang), lang)
        notes[len(cards)] = _t("card_loss_band", lang, band=band)  # the first number quoted
        cards.append((_t("card_loss", lang), fmt_usd(loss["p50"], lang)))
    if "peak_chips" in f:
        v = fmt_pct(100 - f["peak_chips"]["p50"])
        cards.append((_t("card_chips", lang, market=m), _t("card_chips_v", lang, value=v)))
    inner = "".join(
        f"<div class='fig'>{_esc(k)}<b>{_esc(v)}</b>"
        + (f"<span class='band'>{_esc(notes[i])}</span>" if i in notes else "")
        + "</div>"
        for i, (k, v) in enumerate(cards)
    )
    return f"<div class='figures'>{inner}</div>"


def _kpi_table(kpis: pd.DataFrame, lang: Lang, names: list[str]) -> str:
    """One row per market, one column per KPI of ``names``: ``p50 (p5 – p95)``."""
    cells: dict[str, dict[str, str]] = {}
    censored = False
    for r in kpis[kpis["kpi"].isin(names)].to_dict(orient="records"):
        kpi = str(r["kpi"])
        p5, p50, p95 = (kpi_cell(r, k, lang, unit=True) for k in ("p5", "p50", "p95"))
        cells.setdefault(str(r["market"]), {})[kpi] = f"{p50} ({p5} – {p95})"
        censored = censored or is_censored(r, "p95")
    rows = [
        {
            _t("market", lang): market_label(m, lang),
            **{kpi_label(k, lang): c.get(k, "–") for k in names},
        }
        for m, c in cells.items()
    ]
    note = _t("kpi_note", lang)
    if censored:  # "≥ N" weeks to recover: not back to normal by the horizon end
        note += ("" if lang == "ja" else " ") + message("kpi.censored_note", lang)
    return _table(pd.DataFrame(rows)) + f"<p class='muted'>{_esc(note)}</p>"


def _kpi_tables(kpis: pd.DataFrame, lang: Lang, suffix: str = "") -> list[str]:
    """Output KPIs first, then chip KPIs (detail)."""
    names = kpi_order(kpis["kpi"].astype(str))
    groups = (
        ("kpis_output", [k for k in names if k in OUTPUT_KPIS]),
        ("kpis_chips", [k for k in names if k not in OUTPUT_KPIS]),
    )
    return [
        f"<h3>{_esc(_t(key, lang) + suffix)}</h3>{_kpi_table(kpis, lang, group)}"
        for key, group in groups
        if group
    ]


def _loss_figure(
    kpis: pd.DataFrame, lang: Lang, caption: str, *, sign: float = 1.0, source: str = ""
) -> str:
    rows = kpis[(kpis["kpi"] == "loss_usd_bn") & ~kpis["market"].isin(["all", "total"])]
    if rows.empty:
        return ""
    scale = 1.0 if lang == "en" else 10.0  # USD bn, or 億ドル
    items = pd.DataFrame(
        {
            "label": [market_label(str(m), lang) for m in rows["market"]],
            "value": sign * rows["p50"].astype(float).to_numpy() * scale,
            "low": (rows["p5"] if sign > 0 else -rows["p95"]).astype(float).to_numpy() * scale,
            "high": (rows["p95"] if sign > 0 else -rows["p5"]).astype(float).to_numpy() * scale,
        }
    ).sort_values("value", ascending=False)
    desc = "; ".join(
        f"{a}: {fmt_usd(v * 1e9 / scale, lang)}"
        for a, v in zip(items["label"], items["value"], strict=True)
    )
    spec = bar_spec(items, title=caption, description=desc, x_title=_t("axis_usd_bn", lang))
    return _figure(spec, lang, source)


def _avoided_figures(
    obj: Any,
    spec: Mapping[str, Any] | None,
    contributions: Any,
    names: Mapping[str, str],
    lang: Lang,
    source: str,
    source_above: str = "",
) -> str:
    """A comparison's lead: the per-run avoided loss drawn from ``spec``, the chart the
    dashboard and the API send (`chart_specs`' ``avoided``, one spec on every surface), with
    its p5, p50 and p95 as data attributes (`avoided_loss`, the numbers `scenario compare`
    prints) and, with ``contributions``, what each alliance fab avoids on its own, under
    ``source_above`` (the lead's source named short); "" for a single result or without
    per-run tables (no ``spec``)."""
    avoided = avoided_loss(obj) if is_comparison(obj) else None
    if avoided is None or spec is None:
        return ""
    marks = " ".join(f"data-{k}='{avoided.stats[k]!r}'" for k in ("p5", "p50", "p95"))
    figure = _figure(spec, lang, source).replace(
        "<figure>", f"<figure class='lead' data-chart='avoided' {marks}>", 1
    )
    bars = (
        fab_bars_spec(contributions, names, lang, width=COMPACT_WIDTH)
        if contributions is not None
        else None
    )
    if bars is None:
        return figure
    note = _t(
        "fabs_chart_source", lang, runs=fmt_int(contributions.runs, lang), seed=contributions.seed
    )
    # the bars carry their values: the values in words stay the SVG's text alternative; the
    # source is the lead chart's, right above, named short (review 16 leftover 3: the body with
    # --by-fab stays on two A4 pages)
    fabs = _figure(bars, lang, f"{source_above} {note}", caption=False).replace(
        "<figure>", "<figure class='compact' data-chart='fabs-alone'>", 1
    )
    return figure + fabs


def _avoided_table(cmp: Any, lang: Lang, flip: bool) -> str:
    """Per-run differences as amounts avoided by the better side (positive = better)."""
    delta: pd.DataFrame = cmp.delta
    out = delta if flip else avoided_frame(delta)  # avoided by the second side = first − second
    return _kpi_table(out, lang, kpi_order(delta["kpi"].astype(str)))


def _appendix_tables(result: Any, lang: Lang, suffix: str = "", source: str = "") -> list[str]:
    items = [_loss_figure(result.kpis, lang, _t("chart_loss", lang) + suffix, source=source)]
    return items + _kpi_tables(result.kpis, lang, suffix)


def _assumption_rows(result: Any, lang: Lang) -> str:
    """Every data row the run uses: file, row, value with its unit (`VALUE_UNITS` of
    `chipshock.sim.assumptions`, in ``lang`` through the catalogue), source, as of, confidence."""
    df: pd.DataFrame = result.assumptions
    cols = [
        c for c in ("file", "id", "value", "unit", "source_url", "as_of", "confidence") if c in df
    ]
    table = df[cols].drop_duplicates().copy()
    if "value" in table and "id" in table:
        table["value"] = [
            _data_value(str(i), v, lang) for i, v in zip(table["id"], table["value"], strict=True)
        ]
    if "unit" in table:
        table["unit"] = [
            _data_unit(str(u) if isinstance(u, str) else "", lang) for u in table["unit"]
        ]
    if "confidence" in table:
        table["confidence"] = [confidence_label(str(c), lang) for c in table["confidence"]]
    names = {
        "file": "col_file",
        "id": "col_id",
        "value": "col_value",
        "unit": "col_unit",
        "source_url": "col_source",
        "as_of": "col_as_of",
        "confidence": "col_confidence",
    }
    table.columns = [_t(names[c], lang) for c in cols]
    return f"<h3>{_esc(_t('assumption_rows', lang))}</h3>{_table(table)}"


def _data_unit(unit: str, lang: Lang) -> str:
    """The unit of a data row's value (`chipshock.sim.assumptions.VALUE_UNITS`, or a
    model_assumptions.csv row's own) in ``lang``: the catalogue's ``report.data_unit.<unit>``,
    else the unit as the data writes it."""
    key = f"report.data_unit.{unit}"
    return message(key, lang) if unit and has_message(key, lang) else unit


def _glossary(text: str, lang: Lang) -> str:
    """Every term and code the page shows: fixed entries, then the country codes it contains."""
    entries = [
        (message(f"glossary.{k}.term", lang), message(f"glossary.{k}.meaning", lang))
        for k in ("p50", "p5_p95", "futures", "crn", "output", "usd", "wspm", "alliance_fabs")
    ]
    codes = sorted(set(re.findall(r"\b[A-Z]{3,4}\b", text)))
    entries += [
        (code, country_label(code, lang)) for code in codes if has_message(f"country.{code}", lang)
    ]
    for family in ("market", "node"):  # codes of the data rows in the appendix's tables
        prefix = f"{family}."
        for key, name in catalogue(lang).items():
            code = key.removeprefix(prefix)
            coded = "_" in code or any(ch.isdigit() for ch in code)  # not an ordinary word
            if key.startswith(prefix) and coded and re.search(rf"\b{code}\b", text):
                entries.append((code, name))
    inner = "".join(f"<dt>{_esc(a)}</dt><dd>{_esc(b)}</dd>" for a, b in entries)
    return f"<h2>{_esc(_t('glossary', lang))}</h2><dl class='glossary'>{inner}</dl>"


def _sources(lang: Lang, released: str = "") -> str:
    """The sources list; ``released`` (the data release line) first, when given."""
    items = "".join(f"<li>{_esc(_t(k, lang))}</li>" for k in ("eto", "curated", "software"))
    first = f"<li>{_esc(released)}</li>" if released else ""
    return f"<h2>{_esc(_t('sources', lang))}</h2><ul>{first}{items}</ul>"


def page(title: str, body: list[str], lang: Lang) -> str:
    """One self-contained HTML document (print styles included)."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} — chipshock</title><style>{CSS}</style></head>"
        f"<body>{_scroll_boxes(''.join(body))}</body></html>"
    )


def _scroll_boxes(body: str) -> str:
    """Every table in a box of its own that scrolls sideways on a narrow screen (CSS
    ``overflow-x:auto``), so a wide table never makes the page scroll; printed, the box
    lets the table lay out at the page's width."""
    return body.replace("<table", "<div class='table-scroll' tabindex='0'><table").replace(
        "</table>", "</table></div>"
    )


def render_report(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
    data: Any = None,
    sobol: Any = None,
    release: DataRelease | None = None,
    contributions: Any = None,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> str:
    """The briefing as one HTML string (see `write_report`).

    ``data`` (`chipshock.sim.ModelData`) names the fabs a scenario switches off, with their
    capacities, and the registry's fabs without a capacity row, which count as zero; without
    it the assumptions list the shocks only. ``release``: the store's curated data release,
    stated on page 1, under every chart and in the sources (default: the release of the files
    this package ships, `chipshock.present.provenance.package_release`). ``contributions`` (a
    `chipshock.sim.run.contributions.FabContributions`) adds "What each alliance fab avoids"
    early in the appendix (`chipshock.report.contributions`). ``with_appendix=False``: the body
    alone, the same to the byte, then a line that gives the command for the full briefing
    (``full_command``, default `full_report_command`) where the appendix would start."""
    language = check_lang(lang)
    obj = result_or_comparison
    comparison = is_comparison(obj)
    first = obj.a if comparison else obj
    ta, tb = side_labels(obj, language, label_a, label_b) if comparison else ("", "")
    title = f"{ta} ↔ {tb}" if comparison else scenario_title(obj, language)
    if comparison and {ta, tb} == set(ALLIANCE_SIDES[language]):
        base = obj.a if ta == ALLIANCE_SIDES[language][0] else obj.b
        title = _t("title_sides", language, scenario=scenario_title(base, language), a=ta, b=tb)
    runs = key_figures(first).get("runs") or getattr(first, "runs", 0)
    seed = getattr(first, "seed", "–")
    # a comparison's two-band chart follows the lead chart on the body's second page: lower
    specs = chart_specs(
        obj, language, label_a=label_a, label_b=label_b, compare_height=BODY_COMPARE_HEIGHT
    )
    main_chart = specs.get("compare" if comparison else "output")
    meta = _t(
        "meta",
        language,
        runs=fmt_int(runs),
        seed=seed,
        date=dt.date.today().isoformat(),
        version=__version__,
    )
    data_release = release or package_release()
    released = _t("data_release", language, number=data_release.number, date=data_release.date)
    source = _t("figure_source", language, source=engine_source(data_release, language))
    body = [
        f"<h1>{_esc(title)}</h1>",
        f"<p class='finding'>{_esc(finding(obj, language, label_a=label_a, label_b=label_b))}</p>",
        # a market the history check shows far from history, under the finding (review 14 #1)
        *(f"<p class='caveat'>{_esc(c)}</p>" for c in market_caveats(obj, language, short=True)),
        f"<p class='muted'>{_esc(_t('kind', language))} · {_esc(meta)}</p>",
        f"<p class='muted release'>{_esc(released)}</p>",
    ]
    band_words = f"<p class='band'>{_esc(_t('band_words', language, runs=fmt_int(runs)))}</p>"
    names = fab_names(data, language) if data is not None else {}
    above = _t("figure_source_above", language, number=data_release.number, date=data_release.date)
    lead = _avoided_figures(
        obj, specs.get("avoided"), contributions, names, language, source, above
    )
    if lead:  # a comparison leads with what its headline is about (review 16 #9)
        body.append(lead)
    else:
        body += [_figure(main_chart, language, source), band_words]
    sides = [(ta, obj.a), (tb, obj.b)] if comparison else [("", obj)]
    # what the scenario is and leaves out (review12 #3): in the body for one scenario; a
    # comparison's two descriptions open the appendix and the body says so, so that its key
    # figures stay on the first two A4 pages (both descriptions pushed them to page 3)
    if comparison:
        body.append(f"<p class='about'>{_esc(_t('about_in_appendix', language))}</p>")
    else:
        body.append(_about(sides, language, comparison))
    body.append(f"<h2>{_esc(_t('assumptions', language))}</h2>")
    seen: set[str] = set()
    for name, side in sides:
        items = [i for i in assumption_items(side, data, language) if i not in seen]
        seen.update(items)
        if items:
            head = f"<h3>{_esc(name)}</h3>" if comparison else ""
            body.append(
                head + "<ul class='assume'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            )
    uncounted = uncounted_fabs_note(data.fabs, data.fab_capacity, language) if data else ""
    if uncounted:  # fabs that could move the answer, were their capacity known
        body.append(f"<p class='muted uncounted'>{_esc(uncounted)}</p>")
    body.append(f"<p class='muted'>{_esc(_t('assume_sources', language))}</p>")
    body.append(f"<h2>{_esc(_t('key', language))}</h2>")
    for name, side in sides:
        body.append((f"<h3>{_esc(name)}</h3>" if comparison else "") + _cards(side, language))
    if lead:  # both sides' output after the key figures, printed smaller: page 2 holds it
        # how to read it and the lead chart's source, named short, in the column beside it
        # (session 26: the Japanese body keeps a few lines to spare on page 2)
        narrow = {**main_chart, "width": COMPACT_WIDTH} if main_chart is not None else None
        compact = _figure(narrow, language, above).replace(
            "<figure>", "<figure class='compact' data-chart='compare'>", 1
        )
        body.append(compact.replace("</figure>", band_words + "</figure>", 1))
    body.append(
        f"<h2>{_esc(_t('summary', language))}</h2><p>"
        # the per-market caveats are under the finding on page 1 already
        f"{_esc(summary_text(obj, language, label_a=label_a, label_b=label_b, caveats=False))}</p>"
    )
    if not with_appendix:  # `chipshock report --no-appendix`
        command = full_command or full_report_command(
            obj,
            language,
            sensitivity=sensitivity is not None,
            sobol=sobol is not None,
            by_fab=contributions is not None,
        )
        return page(title, [*body, appendix_left_out(command, language)], language)
    appendix = [f"<h2>{_esc(_t('appendix', language))}</h2>"]
    if comparison:
        appendix.append(_about(sides, language, comparison))
    if contributions is not None:  # what each alliance fab avoids, with the fabs' names
        appendix.append(contributions_section(contributions, names, language))
    if sensitivity is not None:  # early in the appendix: the main body stays on two pages
        appendix.append(sensitivity_section(sensitivity, language))
    if sobol is not None:
        appendix.append(sobol_section(sobol, language))
    if comparison:
        flip = first_is_better(obj)
        better, worse = (ta, tb) if flip else (tb, ta)
        q = quoter(language)
        caption = _t("chart_loss_saved", language, better=q(better), worse=q(worse))
        appendix.append(
            _loss_figure(obj.delta, language, caption, sign=1.0 if flip else -1.0, source=source)
        )
        appendix.append(
            f"<h3>{_esc(_t('avoided', language, better=q(better), worse=q(worse)))}</h3>"
            + _avoided_table(obj, language, flip)
        )
    for prefix, (name, side) in zip(("a.", "b.") if comparison else ("",), sides, strict=False):
        suffix = f" — {name}" if comparison else ""
        for key in (
            "output",
            "delivered",
            "supply",
            "loss_country",
            "value_added",
            "country_market",
        ):
            if comparison or key != "output":
                spec = specs.get(prefix + key)
                if spec is not None:
                    spec = {
                        **spec,
                        "title": {**_title(spec), "text": _title(spec)["text"] + suffix},
                    }
                appendix.append(_figure(spec, language, source))
                if key == "value_added" and spec is not None:
                    appendix.append(
                        f"<p class='muted'>{_esc(_t('measures', language))} "
                        f"{_esc(_t('va_geography', language))}</p>"
                    )
        appendix += _appendix_tables(side, language, suffix, source)
        appendix.append(
            utilisation_section(
                side,
                language,
                suffix,
                fab_names(data, language) if data is not None else None,
                operator_names(data.fabs, language) if data is not None else None,
                data.model_assumptions if data is not None else None,
                fab_operators(data.fabs, language) if data is not None else None,
            )
        )
    if data is not None:  # who supplies each raw material, and how long stocks last
        appendix.append(materials_section(data, language))
    appendix.append(_assumption_rows(first, language))
    text_so_far = "".join(body + appendix)
    appendix.append(_glossary(text_so_far, language))
    appendix.append(_sources(language, released))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


def _title(spec: Mapping[str, Any]) -> dict[str, Any]:
    t = spec.get("title")
    return dict(t) if isinstance(t, dict) else {"text": str(t or "")}


def write_report(
    result_or_comparison: Any,
    path: Path | str,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
    data: Any = None,
    sobol: Any = None,
    release: DataRelease | None = None,
    contributions: Any = None,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> Path:
    """Write the briefing as one self-contained HTML file (temp file, then rename); its path.

    ``sensitivity`` (a `chipshock.sim.SensitivityResult`) adds "What drives this answer?",
    ``sobol`` (a `chipshock.sim.sobol.SobolResult`) the Sobol section, ``contributions`` what
    each alliance fab avoids; ``data`` names the fabs switched off; ``with_appendix=False`` leaves
    the appendix out, saying which command (``full_command``) writes it (see `render_report`)."""
    target = Path(path)
    text = render_report(
        result_or_comparison,
        lang,
        label_a=label_a,
        label_b=label_b,
        sensitivity=sensitivity,
        data=data,
        sobol=sobol,
        release=release,
        contributions=contributions,
        with_appendix=with_appendix,
        full_command=full_command,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target
