"""A scenario briefing's appendix tables: each side's loss by market (a bar chart) and KPI
tables (output first, then chips: ``p50 (p5 – p95)`` per market, `fmt_band`), a comparison's avoided
amounts, and every data row the run uses with its value as written, unit, source, as-of date
and confidence.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from chipshock.present.charts import bar_spec, labelled
from chipshock.present.labels import (
    OUTPUT_KPIS,
    Lang,
    confidence_label,
    kpi_label,
    kpi_order,
    market_label,
)
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import (
    fmt_as_written,
    fmt_band,
    fmt_plain,
    fmt_usd,
    fmt_year,
    is_censored,
    kpi_cell,
)
from chipshock.present.summary import avoided_by_better
from chipshock.report.page import chart_figure, esc, html_table, report_text

__all__ = ["assumption_rows", "avoided_table", "loss_figure", "result_tables"]


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


def _kpi_table(kpis: pd.DataFrame, lang: Lang, names: list[str]) -> str:
    """One row per market, one column per KPI of ``names``: ``p50 (p5 – p95)`` (`fmt_band`:
    ``p50（p5〜p95）`` in Japanese)."""
    cells: dict[str, dict[str, str]] = {}
    censored = False
    for r in kpis[kpis["kpi"].isin(names)].to_dict(orient="records"):
        kpi = str(r["kpi"])
        p5, p50, p95 = (kpi_cell(r, k, lang, unit=True) for k in ("p5", "p50", "p95"))
        cells.setdefault(str(r["market"]), {})[kpi] = fmt_band(p50, p5, p95, lang)
        censored = censored or is_censored(r, "p95")
    rows = [
        {
            report_text("market", lang): market_label(m, lang),
            **{kpi_label(k, lang): c.get(k, "–") for k in names},
        }
        for m, c in cells.items()
    ]
    note = report_text("kpi_note", lang)
    if censored:  # "≥ N" weeks to recover: not back to normal by the horizon end
        note += ("" if lang == "ja" else " ") + message("kpi.censored_note", lang)
    return html_table(pd.DataFrame(rows)) + f"<p class='muted'>{esc(note)}</p>"


def _kpi_groups(kpis: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """The KPIs of ``kpis`` in two tables, each with its heading's catalogue key: output
    first, then chips (detail); a group without KPIs is left out."""
    names = kpi_order(kpis["kpi"].astype(str))
    groups = (
        ("kpis_output", [k for k in names if k in OUTPUT_KPIS]),
        ("kpis_chips", [k for k in names if k not in OUTPUT_KPIS]),
    )
    return [(key, group) for key, group in groups if group]


def _kpi_tables(kpis: pd.DataFrame, lang: Lang, suffix: str = "") -> list[str]:
    """Output KPIs first, then chip KPIs (detail)."""
    return [
        f"<h3>{esc(report_text(key, lang) + suffix)}</h3>{_kpi_table(kpis, lang, group)}"
        for key, group in _kpi_groups(kpis)
    ]


def loss_figure(
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
    desc = ("、" if lang == "ja" else "; ").join(
        labelled(str(a), fmt_usd(v * 1e9 / scale, lang), lang)
        for a, v in zip(items["label"], items["value"], strict=True)
    )
    spec = bar_spec(
        items, title=caption, description=desc, x_title=report_text("axis_usd_bn", lang)
    )
    return chart_figure(spec, lang, source)


def avoided_table(cmp: Any, lang: Lang) -> str:
    """Per-run differences as amounts avoided by the better side (positive = better), by the
    rule every surface uses (`chipshock.present.summary.avoided_by_better`): output, then
    chips, in two tables as each side's (one table of every KPI, 14 columns, was wider than an
    A4 page once its cells wrapped between words only)."""
    out = avoided_by_better(cmp)
    return "".join(
        f"<h4>{esc(report_text(key, lang))}</h4>{_kpi_table(out, lang, group)}"
        for key, group in _kpi_groups(out)
    )


def result_tables(result: Any, lang: Lang, suffix: str = "", source: str = "") -> list[str]:
    items = [
        loss_figure(result.kpis, lang, report_text("chart_loss", lang) + suffix, source=source)
    ]
    return items + _kpi_tables(result.kpis, lang, suffix)


def assumption_rows(result: Any, lang: Lang) -> str:
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
    table.columns = [report_text(names[c], lang) for c in cols]
    return f"<h3>{esc(report_text('assumption_rows', lang))}</h3>{html_table(table)}"


def _data_unit(unit: str, lang: Lang) -> str:
    """The unit of a data row's value (`chipshock.sim.assumptions.VALUE_UNITS`, or a
    model_assumptions.csv row's own) in ``lang``: the catalogue's ``report.data_unit.<unit>``,
    else the unit as the data writes it."""
    key = f"report.data_unit.{unit}"
    return message(key, lang) if unit and has_message(key, lang) else unit
