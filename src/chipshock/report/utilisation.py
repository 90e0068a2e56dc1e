"""The report's appendix table of producer utilisation: who runs flat out in the shock weeks and
who is cut off.

Drawn from `SimResult.utilisation` (one row per producer, most stretched first; see
`chipshock.sim.run.utilisation`): the ``top`` most stretched producers and the ``bottom``
least, each with its capacity in the shock year, its normal utilisation and its utilisation
over the shock weeks (median run, with the range of 90 % of runs), and the source and as-of of
its capacity. Producers without capacity that year are counted in the note, not listed; fabs
that start during the shock (no capacity in the shock year, measured in a later year over only
the runs whose shock reaches it, `chipshock.present.utilisation.shock_year_rows`) are not ranked
with them but listed in a table of their own, with the year and the runs measured. Words come
from the message catalogue, numbers from `chipshock.present.numbers`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.present.capacity_age import OLD_MARKER, capacity_age_note
from chipshock.present.labels import Lang, country_label, node_label
from chipshock.present.messages import message
from chipshock.present.numbers import bracketed, fmt_cell_number, fmt_int, fmt_pct, fmt_span
from chipshock.present.utilisation import (
    capacity_age_meta,
    class_utilisation_line,
    counted_as_name,
    producer_names,
    shock_year,
    shock_year_rows,
)
from chipshock.report.links import source_link
from chipshock.report.page import cell_text

__all__ = [
    "BOTTOM",
    "TOP",
    "later_note",
    "later_rows",
    "shown_rows",
    "utilisation_cells",
    "utilisation_section",
]

#: how many of the most stretched and of the least used producers the report lists
TOP, BOTTOM = 8, 5


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _t(key: str, lang: Lang, **fields: Any) -> str:
    return message(f"report.util_{key}", lang, **fields)


def shown_rows(table: pd.DataFrame, top: int = TOP, bottom: int = BOTTOM) -> pd.DataFrame:
    """The rows the report ranks: producers of the shock year with shock-week values, the
    ``top`` first ones and the ``bottom`` last ones of the table's order (all of them if that
    is no fewer); fabs measured in a later year are not among them (`later_rows`)."""
    in_year, _ = shock_year_rows(table)
    valued = in_year[in_year["shock_runs"] > 0]
    if len(valued) <= top + bottom:
        return valued
    return pd.concat([valued.head(top), valued.tail(bottom)])


def later_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The fabs without capacity in the shock year that have shock-week values in a later
    year: the report's second table, in the table's order."""
    _, later = shock_year_rows(table)
    return later[later["shock_runs"] > 0]


def later_note(rows: pd.DataFrame, year: int, runs: int, lang: Lang) -> str:
    """The note under the fabs measured in a later year: it counts the fabs only; the "other
    fabs" rows (a region's capacity beyond its registered fabs) are not fabs and are said
    apart."""
    other = rows["kind"] == "other fabs"
    fabs = int((~other).sum())
    subject = (
        _t("later_subject_rows", lang)
        if fabs == 0
        else _t("later_subject_one", lang)
        if fabs == 1
        else _t("later_subject_many", lang, n=fmt_int(fabs, lang))
    )
    text = _t("later_note_fabs", lang, subject=subject, year=year, runs=fmt_int(runs, lang))
    if not other.any():
        return text
    return text + (" " if lang == "en" else "") + _t("later_note_other", lang)


def _name(row: Any, lang: Lang) -> str:
    if row["kind"] == "other fabs":
        node = node_label(str(row["node_class"]), lang)
        region = str(row["region"])  # in Japanese by its name: 日本, not JPN (review 16 #8)
        return _t(
            "other", lang, region=region if lang == "en" else country_label(region, lang), node=node
        )
    return str(row["name"])


def utilisation_cells(
    row: Any, lang: Lang, year: int | None = None, operators: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The formatted cells of one producer row (what the report prints; also for the tests);
    a row whose year is not the table's ``year`` (a fab that starts during the shock) has its
    own year after its capacity. In Japanese a remainder counted as an operator's names it by
    ``operators`` (`counted_as_name`) and the region by its name (台湾, not TWN)."""
    operator = (
        _t("other_operator", lang)
        if row["kind"] == "other fabs" and (lang != "en" or row["operator"] == "other fabs")
        else str(row["operator"])  # a fab's operator, or a remainder counted as one's
    )
    counted = counted_as_name(row["operator"], operators or {})
    if counted and lang != "en":  # the English text already names the operator and source
        operator += _t("counted_as", lang, operator=counted)
    low, high = (fmt_pct(row[k], 1, lang) for k in ("shock_p5_pct", "shock_p95_pct"))
    return {
        "producer": _name(row, lang),
        "operator": operator,
        "region": str(row["region"]) if lang == "en" else country_label(str(row["region"]), lang),
        "node": node_label(str(row["node_class"]), lang),
        "capacity": fmt_cell_number(float(row["capacity_kwspm"]), 1, lang)
        + (
            bracketed(str(int(row["year"])), lang)
            if year is not None and int(row["year"]) != year
            else ""
        ),
        "normal": fmt_pct(row["baseline_pct"], 1, lang),
        "shock": fmt_pct(row["shock_p50_pct"], 1, lang),
        "range": fmt_span(low, high, lang),
    }


def _band(span: str, lang: Lang) -> str:
    """A shock-week range after its median, in brackets (`bracketed`: full-width in Japanese),
    in a span of its own so that it may wrap as a whole."""
    text = bracketed(span, lang)
    return f" <span>{_esc(text.lstrip())}</span>" if lang == "en" else f"<span>{_esc(text)}</span>"


def _source(row: Any, lang: Lang) -> str:
    """The capacity figure's source link and its date in brackets (`bracketed`: full-width in
    Japanese), the date kept on one line (`cell_text`); an old figure's date
    (`chipshock.present.capacity_age.capacity_as_of_label`) with the marker and its age,
    flagged ``old-capacity``."""
    url, as_of = str(row["capacity_source"]), row["capacity_as_of"]
    label = row.get("capacity_as_of_label_ja" if lang == "ja" else "capacity_as_of_label")
    text = label if isinstance(label, str) else as_of
    when = ""
    if isinstance(as_of, str) and as_of:
        space = " " if lang == "en" else ""
        dated = cell_text(bracketed(text, lang).lstrip())
        when = space + dated
        if bool(row.get("capacity_age_old", False)):
            when = f"{space}<span class='old-capacity'>{dated}</span>"
    return (source_link(url) or _esc(url)) + when


def utilisation_section(
    result: Any,
    lang: Lang,
    suffix: str = "",
    names: Mapping[str, str] | None = None,
    operators: Mapping[str, str] | None = None,
    model_assumptions: pd.DataFrame | None = None,
    fab_operators: Mapping[str, str] | None = None,
) -> str:
    """The appendix section (``""`` for a result without the table or without shock weeks);
    ``names``: fab names in ``lang`` (`chipshock.present.labels.fab_names`: in Japanese the
    registry's name_ja), by which the fabs' rows are named (`producer_names`); ``operators``:
    operator names in ``lang`` (`chipshock.present.labels.operator_names`), by which a
    remainder counted as an operator's names it in Japanese; ``fab_operators``: each fab's
    operator in ``lang`` (`chipshock.present.labels.fab_operators`: in Japanese its
    operator_ja), by which the fabs' rows give their operator. Given ``model_assumptions``, an
    old capacity figure's date has the marker and its age, a note under the tables counts
    the old figures they list (`capacity_age_meta`), and another how many rows of the full
    table carry the marker and where to see them all (`_age_count`)."""
    table: pd.DataFrame | None = getattr(result, "utilisation", None)
    if table is None or table.empty:
        return ""
    limit: float | None = None
    if model_assumptions is not None:
        table, ages = capacity_age_meta(table, model_assumptions)
        limit = float(ages["capacity_age_max_years"])
    if names:
        table = table.assign(name=producer_names(table["producer_id"], table["name"], names))
    if fab_operators:  # a remainder keeps its operator (counted_as_name reads it)
        table = table.assign(
            operator=producer_names(table["producer_id"], table["operator"], fab_operators)
        )
    rows = shown_rows(table)
    if rows.empty:  # no shock weeks (a scenario without shocks): nothing to compare
        return ""
    year = shock_year(table) or 0
    heads = [
        _t("col_producer", lang),
        _t("col_operator", lang),
        _t("col_region", lang),
        _t("col_node", lang),
        _t("col_capacity", lang, year=year),
        _t("col_normal", lang),
        _t("col_shock", lang),
        _t("col_source", lang),
    ]
    body = []
    for i, (_, r) in enumerate(rows.iterrows()):
        c = utilisation_cells(r, lang, year, operators)
        if i == TOP and len(rows) == TOP + BOTTOM:  # the least used follow, after a gap
            body.append(f"<tr><td colspan='{len(heads)}'>{_esc(_t('gap', lang))}</td></tr>")
        body.append(
            f"<tr><td>{_esc(c['producer'])}</td><td>{_esc(c['operator'])}</td>"
            f"<td>{_esc(c['region'])}</td><td>{_esc(c['node'])}</td>"
            f"<td class='n'>{_esc(c['capacity'])}</td><td class='n'>{_esc(c['normal'])}</td>"
            f"<td class='n range'>{_esc(c['shock'])}{_band(c['range'], lang)}</td>"
            f"<td>{_source(r, lang)}</td></tr>"
        )
    head = "".join(f"<th>{_esc(h)}</th>" for h in heads)
    in_year, _ = shock_year_rows(table)  # the fabs measured in a later year are counted apart
    valued = int((in_year["shock_runs"] > 0).sum())
    note = _t(
        "note",
        lang,
        year=year,
        shown=fmt_int(len(rows), lang),
        total=fmt_int(len(table), lang),
        valued=fmt_int(valued, lang),
    )
    line = class_utilisation_line(getattr(result, "assumptions", None), year, lang)
    if line:
        note = f"{note} {line}" if lang == "en" else f"{note}{line}"
    return (
        f"<h3>{_esc(_t('title', lang) + suffix)}</h3>"
        f"<table class='utilisation'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        f"<p class='muted'>{_esc(note)}</p>"
        + _later_section(table, year, lang, operators)
        + _age_note(pd.concat([rows, later_rows(table)]), limit, lang)
        + _age_count(table, pd.concat([rows, later_rows(table)]), limit, lang, result)
    )


def _age_count(
    table: pd.DataFrame, listed: pd.DataFrame, limit: float | None, lang: Lang, result: Any
) -> str:
    """How many rows of the full producer table (``table``, which the report abbreviates to
    ``listed``) carry the old-figure marker, how many of them are listed, and where every row
    is shown with its mark (`scenario run ... --utilisation`): the short table may list none
    of them (review 16 leftover 5); ``""`` without the threshold."""
    if limit is None or "capacity_age_old" not in table:
        return ""
    old = int(table["capacity_age_old"].astype(bool).sum())
    fields = {"total": fmt_int(len(table), lang), "marker": OLD_MARKER, "limit": f"{limit:g}"}
    if old == 0:
        note = _t("age_none", lang, **fields)
    else:
        scenario = getattr(getattr(result, "scenario", None), "scenario_id", None) or "SCENARIO"
        shown = int(listed["capacity_age_old"].astype(bool).sum())
        note = _t(
            "age_count",
            lang,
            old=fmt_int(old, lang),
            listed=fmt_int(shown, lang),
            scenario=scenario,
            **fields,
        )
    return f"<p class='muted age-count'>{_esc(note)}</p>"


def _age_note(listed: pd.DataFrame, limit: float | None, lang: Lang) -> str:
    """The note on the old capacity figures among the rows the tables list (``""`` without
    any, or without the threshold)."""
    if limit is None:
        return ""
    note = capacity_age_note(listed, limit, lang)
    return f"<p class='muted old-capacity-note'>{_esc(note)}</p>" if note else ""


def _later_section(
    table: pd.DataFrame, year: int, lang: Lang, operators: Mapping[str, str] | None = None
) -> str:
    """The fabs measured in a later year, apart from the ranked table, each with its year and
    the runs measured (``""`` without any)."""
    rows = later_rows(table)
    if rows.empty:
        return ""
    in_year, _ = shock_year_rows(table)
    heads = [
        _t("col_producer", lang),
        _t("col_operator", lang),
        _t("col_region", lang),
        _t("col_node", lang),
        _t("col_later_year", lang),
        _t("col_later_capacity", lang),
        _t("col_normal", lang),
        _t("col_shock", lang),
        _t("col_later_runs", lang),
        _t("col_source", lang),
    ]
    body = []
    for _, r in rows.iterrows():
        c = utilisation_cells(r, lang, operators=operators)
        body.append(
            f"<tr><td>{_esc(c['producer'])}</td><td>{_esc(c['operator'])}</td>"
            f"<td>{_esc(c['region'])}</td><td>{_esc(c['node'])}</td>"
            f"<td class='n'>{int(r['year'])}</td>"
            f"<td class='n'>{_esc(c['capacity'])}</td><td class='n'>{_esc(c['normal'])}</td>"
            f"<td class='n range'>{_esc(c['shock'])}{_band(c['range'], lang)}</td>"
            f"<td class='n'>{_esc(fmt_int(int(r['shock_runs']), lang))}</td>"
            f"<td>{_source(r, lang)}</td></tr>"
        )
    head = "".join(f"<th>{_esc(h)}</th>" for h in heads)
    runs = int(in_year["shock_runs"].max()) if not in_year.empty else 0
    note = later_note(rows, year, runs, lang)
    # the heading and its table in one block that print keeps whole: the heading sat alone at
    # the foot of a page, its table on the next (session 30 audit)
    return (
        f"<div class='keep-with-table'><h4>{_esc(_t('later_title', lang, year=year))}</h4>"
        f"<table class='utilisation-later'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
        f"<p class='muted'>{_esc(note)}</p>"
    )
