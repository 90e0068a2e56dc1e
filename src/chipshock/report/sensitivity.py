"""The report's "What drives this answer?" section: tornado chart, table and reading.

Drawn from a `chipshock.sim.SensitivityResult` (its ``table``: one row per assumption, sorted by
how far it moves the median, `chipshock.sim.sensitivity.ranked`); the reading is
`chipshock.present.summary.sensitivity_text`, the wording the CLI and the dashboard use too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from chipshock.present.charts import render_svg, tornado_spec
from chipshock.present.labels import Lang, fmt_kpi, kpi_label, kpi_unit, market_label
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import AT_LEAST, fmt_factor_value, fmt_span, is_censored
from chipshock.present.summary import sensitivity_text
from chipshock.report.links import source_link
from chipshock.sim.sensitivity_factors import FactorSources, RowRef

__all__ = [
    "factor_value",
    "range_source",
    "row_reference",
    "sensitivity_section",
    "source_cell",
    "tornado_chart",
    "unit_label",
]


#: the tornado table's columns (``report.sens_col_<name>``), the data-row source after them
_COLUMNS = ("assumption", "span", "unit", "at_low", "at_high", "difference", "confidence")


def _t(key: str, lang: Lang, **fields: object) -> str:
    return message(f"report.sens_{key}", lang, **fields)


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def factor_value(unit: str, value: float, lang: Lang = "en") -> str:
    """A value tried for an assumption in the unit of its factor row: the shared rule,
    `chipshock.present.numbers.fmt_factor_value` (the CLI and the dashboard's factors.js write
    the same)."""
    return fmt_factor_value(unit, value, lang)


def range_source(r: Any, lang: Lang = "en", rows: Sequence[RowRef] | None = None) -> str:
    """Where a factor's range comes from, in words: its row (file: id; ``rows``, the
    `FactorSources.range_source` data, in ``lang``; without it the row's English
    ``range_source`` text) and the date."""
    src = row_reference(rows, lang) if rows is not None else str(r.get("range_source") or "")
    as_of = str(r.get("range_as_of") or "")
    return message("report.sens_row_as_of", lang, row=src, as_of=as_of) if as_of else src


#: the catalogue key of each `RowRef` note (English: `chipshock.sim.sensitivity_factors.RowRef`)
_NOTE_KEYS = {
    "markets": "report.sens_row_markets",
    "low_high": "report.sens_row_low_high",
    "absent": "report.sens_row_absent",
}


def _row_part(ref: RowRef, lang: Lang) -> str:
    first = ref.rows[0] if ref.rows else ""
    if ref.kind == "scenario":
        head = message("report.sens_row_scenario", lang, id=first)
    elif ref.kind == "scenario_parameter":
        head = message("report.sens_row_scenario_parameter", lang, name=first)
    else:
        head = f"{ref.file}: {(', ' if lang == 'en' else '、').join(ref.rows)}"
    if not ref.note:
        return head
    fields = {"n": ref.count} if ref.note == "markets" else {}
    return head + message(_NOTE_KEYS[ref.note], lang, **fields)


def row_reference(rows: Sequence[RowRef], lang: Lang = "en") -> str:
    """A factor's data-row reference (`chipshock.sim.sensitivity_factors.RowRef` data) in
    ``lang``: file names and row ids as written (they are what a reader looks up), the words
    from the catalogue. In English it is the ``source`` text of the CLI, API and CSV.

    >>> ref = RowRef("file", ("value_multiplier",), "end_markets.csv", "markets", 6)
    >>> row_reference((ref,), "ja")
    'end_markets.csv: value_multiplier（6市場）'
    >>> row_reference((RowRef("scenario", ("x",)), RowRef("scenario_parameter", ("y",))), "ja")
    'シナリオ x；シナリオの [parameters] y'
    """
    # Japanese text takes its own semicolon and list mark (「；」「、」), as elsewhere
    return ("; " if lang == "en" else "；").join(_row_part(r, lang) for r in rows)


def unit_label(unit: str, lang: Lang = "en") -> str:
    """A factor's unit (`chipshock.data.factor_ranges.UNITS`) in words of ``lang``."""
    key = f"report.sens_unit.{unit}"
    return message(key, lang) if has_message(key, lang) else unit


def _breakable(text: str) -> str:
    """``text`` escaped, with line-break opportunities after ``_``, ``.``, ``/`` and ``:``
    inside identifiers (``customer_inventory_weeks``), so a narrow column wraps there and
    not letter by letter."""
    return re.sub(r"([_./:])(?=\w)", r"\1<wbr>", _esc(text))


def source_cell(r: Any, lang: Lang = "en", sources: FactorSources | None = None) -> str:
    """One cell on where an assumption comes from: its data row and the host of its source
    (linked to the full URL), then, when they differ, the row and source of its range. The
    rows are said in ``lang`` from ``sources`` (the factor's `FactorSources`); without it,
    as the row's English ``source`` and ``range_source`` text."""
    row, url = str(r.get("source") or ""), str(r.get("source_url") or "")
    cell = _breakable(row_reference(sources.source, lang) if sources is not None else row)
    link = source_link(url)
    cell += f" · {link}" if link else ""
    range_row, range_url = str(r.get("range_source") or ""), str(r.get("range_source_url") or "")
    if (range_row, range_url) != (row, url) and (range_row or range_url):
        rows = sources.range_source if sources is not None else None
        where = message("report.sens_range_from", lang, row=range_source(r, lang, rows))
        range_link = source_link(range_url)
        cell += f"<br>{_breakable(where)}" + (f" · {range_link}" if range_link else "")
    return cell


def _confidence(value: Any, lang: Lang) -> str:
    parts = [p for p in str(value or "unrated").split("/") if p]
    words = (
        message(f"confidence.{p}", lang) if has_message(f"confidence.{p}", lang) else p
        for p in parts
    )
    return ("・" if lang == "ja" else "/").join(words)


def _rows(result: Any) -> list[dict[str, Any]]:
    table: pd.DataFrame = result.table
    return [{str(k): v for k, v in r.items()} for r in table.to_dict("records")]


def _label(r: dict[str, Any], lang: Lang) -> str:
    return str(r.get("label_ja") or r["label"]) if lang == "ja" else str(r["label"])


def _span(r: dict[str, Any], lang: Lang) -> str:
    u = str(r.get("unit") or "")
    low, high, base = (
        factor_value(u, r[k], lang) for k in ("low_value", "high_value", "base_value")
    )
    return message("report.sens_span", lang, span=fmt_span(low, high, lang), base=base)


def tornado_chart(result: Any, lang: Lang = "en") -> dict[str, Any] | None:
    """The tornado of a `SensitivityResult` as a Vega-Lite spec (None without rows): the one
    spec the report draws and the API sends to the dashboard."""
    kpi = str(result.kpi)
    rows = _rows(result)
    if not rows:
        return None
    frame = pd.DataFrame(
        {
            "label": [_t("bar", lang, name=_label(r, lang), span=_span(r, lang)) for r in rows],
            "low": [float(r["kpi_low"]) for r in rows],
            "base": [float(r["kpi_base"]) for r in rows],
            "high": [float(r["kpi_high"]) for r in rows],
        }
    )
    what = _t("what", lang, kpi=kpi_label(kpi, lang), market=market_label(str(result.market), lang))
    desc = " ".join(
        _t(
            "desc",
            lang,
            name=_label(r, lang),
            lo=fmt_kpi(kpi, float(r["kpi_low"]), lang),
            hi=fmt_kpi(kpi, float(r["kpi_high"]), lang),
        )
        for r in rows
    )
    base = fmt_kpi(kpi, float(rows[0]["kpi_base"]), lang)
    spec = tornado_spec(
        frame,
        title=_t("chart", lang, what=what),
        description=desc,
        x_title=_t("x_title", lang, what=kpi_label(kpi, lang), unit=kpi_unit(kpi, lang), base=base),
        low_name=_t("low", lang),
        high_name=_t("high", lang),
    )
    # the two legend entries one above the other, unabridged: side by side under the bars (the
    # long assumption labels push the plot to the right) they ran past the chart's edge
    legend = spec.setdefault("config", {}).setdefault("legend", {})
    legend.update({"direction": "vertical", "labelLimit": 0})
    return spec


def _median(result: Any, r: dict[str, Any], column: str, lang: Lang) -> str:
    """A cell of the tornado table: "≥ 208" where a ``weeks_to_recover`` median reaches the
    horizon's value (`result.censored_at`: not back to normal by the horizon end), as the run
    tables write it."""
    text = fmt_kpi(result.kpi, float(r[column]), lang)
    at = getattr(result, "censored_at", None) if result.kpi == "weeks_to_recover" else None
    censored = column != "swing" and is_censored({"v": r[column], "censored_at": at}, "v")
    return AT_LEAST + text if censored else text


def sensitivity_section(result: Any, lang: Lang = "en") -> str:
    """The HTML of the section: heading, reading, tornado chart, table with sources."""
    rows = _rows(result)
    spec = tornado_chart(result, lang)
    chart = render_svg(spec) if spec is not None else ""

    def label(r: dict[str, Any]) -> str:
        return _label(r, lang)

    def span(r: dict[str, Any]) -> str:
        return _span(r, lang)

    cols = [_t(f"col_{name}", lang) for name in (*_COLUMNS, "source")]
    head = "".join(f"<th>{_esc(c)}</th>" for c in cols)
    sources = {s.factor: s for s in result.sources}
    body = "".join(
        "<tr>"
        + f"<td>{_esc(label(r))}</td><td>{_esc(span(r))}</td>"
        + f"<td>{_esc(unit_label(str(r.get('unit') or ''), lang))}</td>"
        + "".join(
            f"<td class='n'>{_esc(_median(result, r, c, lang))}</td>"
            for c in ("kpi_low", "kpi_high", "swing")
        )
        + f"<td>{_esc(_confidence(r['confidence'], lang))}</td>"
        + f"<td class='source'>{source_cell(r, lang, sources.get(str(r['factor'])))}</td></tr>"
        for r in rows
    )
    return (
        f"<section id='sensitivity'><h2>{_esc(_t('title', lang))}</h2>"
        f"<p class='summary'>{_esc(sensitivity_text(result, lang))}</p>"
        f"<p class='muted'>{_esc(_t('intro', lang))}</p>"
        f"<figure>{chart}</figure>"
        f"<table class='sensitivity'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p class='muted'>{_esc(_t('runs', lang, n=result.runs, seed=result.seed))}</p>"
        "</section>"
    )
