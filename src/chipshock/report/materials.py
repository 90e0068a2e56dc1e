"""The report's raw-material chokepoints section (release 14; issue 8 §3).

One row per material of ``materials.csv``: its largest named supplier and that country's share
as the model simulates it (``raw_materials.csv``, the same rows as ``material_supply.csv`` at the
engine's stage: refining where listed, else mining; the numbers of ``chipshock chokepoints
--materials``) with that row's as-of date and source, the stockpile norm in weeks (with its
range) with the materials.csv row's as-of date and source (each figure beside its own dating,
under a two-row header), and the chip classes that use it. Under it, what each of those
materials is used for and what could replace it (materials.csv ``use`` and ``substitutes``; in
Japanese materials_ja.csv's translation, or the data's English under a header that says so, as
the CLI and the API choose it: `chipshock.present.material_texts`), with the materials.csv
row's as-of date and source.
``""`` when the data carry no materials.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from chipshock.analysis.materials import stock_sources
from chipshock.present.labels import Lang, country_label, node_label
from chipshock.present.material_texts import material_text, text_header
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_pct
from chipshock.report.links import source_link
from chipshock.report.page import cell_text

__all__ = ["materials_section"]


def _t(key: str, lang: Lang, **fields: object) -> str:
    return message(f"report.materials_{key}", lang, **fields)


def _esc(text: object) -> str:
    return html.escape(str(text))


def _weeks(w: object, lo: object, hi: object) -> str:
    return f"{float(str(w)):g} ({float(str(lo)):g}–{float(str(hi)):g})"


def _text(value: object) -> str:
    """A text cell of the data, ``""`` where it is missing (None or NaN)."""
    return "" if value is None or value != value else str(value)


def material_rows(materials: pd.DataFrame, raw: pd.DataFrame) -> list[dict[str, Any]]:
    """Per material (materials.csv order) its largest named supplier in raw_materials.csv.

    >>> mats = pd.DataFrame({"material_id": ["w"], "name_en": ["Tungsten"], "name_ja": ["タ"],
    ...     "node_classes": ["lt10;dram"], "stockpile_weeks": [6], "stockpile_weeks_low": [3],
    ...     "stockpile_weeks_high": [12]})
    >>> raw = pd.DataFrame({"material_id": ["w", "w"], "country": ["ROW", "CHN"],
    ...     "share_pct": [19.0, 81.0], "as_of": ["2025", "2025"], "source_url": ["u", "v"]})
    >>> [(r["country"], r["share_pct"], r["source_url"]) for r in material_rows(mats, raw)]
    [('CHN', 81.0, 'v')]

    ``stock_as_of`` and ``stock_source_url`` date the stockpile norm: the materials.csv row's
    (`chipshock.analysis.materials.stock_sources`), not the share's.
    """
    stock = stock_sources(materials).set_index("material_id")
    out: list[dict[str, Any]] = []
    for m in materials.itertuples():
        rows = raw[
            (raw["material_id"].astype(str) == str(m.material_id)) & (raw["country"] != "ROW")
        ]
        if rows.empty:
            continue
        top = rows.sort_values("share_pct", ascending=False).iloc[0]
        out.append(
            {
                "material_id": str(m.material_id),
                "name_en": str(m.name_en),
                "name_ja": str(m.name_ja),
                "country": str(top["country"]),
                "share_pct": float(top["share_pct"]),
                "weeks": _weeks(m.stockpile_weeks, m.stockpile_weeks_low, m.stockpile_weeks_high),
                "classes": [c.strip() for c in str(m.node_classes).split(";") if c.strip()],
                "as_of": str(top["as_of"]),
                "source_url": str(top["source_url"]),
                "stock_as_of": _text(stock.at[m.material_id, "stockpile_as_of"]),
                "stock_source_url": _text(stock.at[m.material_id, "stockpile_source_url"]),
            }
        )
    return out


def _texts_table(materials: pd.DataFrame, rows: list[dict[str, Any]], lang: Lang) -> str:
    """The use and substitutes of each material of ``rows`` (`material_rows`, in its order):
    heading, table (with the materials.csv row's as-of and source), note."""
    by_id = {
        str(record["material_id"]): {str(k): v for k, v in record.items()}
        for record in materials.to_dict("records")
    }
    shown = [by_id[r["material_id"]] for r in rows]
    uses = [material_text(m, "use", lang) for m in shown]
    substitutes = [material_text(m, "substitutes", lang) for m in shown]
    heads = [
        _t("col_material", lang),
        text_header(uses, "report.materials_col_use", lang),
        text_header(substitutes, "report.materials_col_substitutes", lang),
        message("report.col_as_of", lang),
        message("report.col_source", lang),
    ]
    body = "".join(
        f"<tr><td>{_esc(r['name_ja'] if lang == 'ja' else r['name_en'])}</td>"
        f"<td>{cell_text(use.text or '–')}</td><td>{cell_text(instead.text or '–')}</td>"
        f"<td>{cell_text(m['as_of'])}</td><td>{source_link(m['source_url'])}</td></tr>"
        for r, m, use, instead in zip(rows, shown, uses, substitutes, strict=True)
    )
    head = "".join(f"<th>{_esc(h)}</th>" for h in heads)
    return (
        f"<div class='keep-with-table'><h4>{_esc(_t('texts_title', lang))}</h4>"
        f"<table class='material-texts'><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        f"</table></div><p class='muted'>{_esc(_t('texts_note', lang))}</p>"
    )


def materials_section(data: Any, lang: Lang) -> str:
    """The appendix section: heading, table (figures with as-of and source), note; then each
    material's use and substitutes (`_texts_table`)."""
    materials = getattr(data, "materials", None)
    raw = getattr(data, "raw_materials", None)
    if materials is None or raw is None or materials.empty:
        return ""
    rows = material_rows(materials, raw)
    if not rows:
        return ""
    as_of, source = message("report.col_as_of", lang), message("report.col_source", lang)
    whole = "<th scope='col' rowspan='2'>{}</th>"
    group = "<th scope='colgroup' colspan='3'>{}</th>"
    top = (
        whole.format(_esc(_t("col_material", lang)))
        + whole.format(_esc(_t("col_supplier", lang)))
        + group.format(_esc(_t("col_share", lang)))
        + group.format(_esc(_t("col_weeks", lang)))
        + whole.format(_esc(_t("col_classes", lang)))
    )
    under = "".join(
        f"<th scope='col'>{_esc(h)}</th>" for h in [_t("col_value", lang), as_of, source] * 2
    )
    body = "".join(
        f"<tr><td>{_esc(r['name_ja'] if lang == 'ja' else r['name_en'])}</td>"
        f"<td>{_esc(country_label(r['country'], lang))}</td>"
        f"<td class='n'>{_esc(fmt_pct(r['share_pct']))}</td>"
        f"<td>{cell_text(r['as_of'])}</td><td>{source_link(r['source_url'])}</td>"
        f"<td class='n'>{_esc(r['weeks'])}</td>"
        f"<td>{cell_text(r['stock_as_of'])}</td><td>{source_link(r['stock_source_url'])}</td>"
        f"<td>{_esc(_t('classes_sep', lang).join(node_label(c, lang) for c in r['classes']))}"
        "</td></tr>"
        for r in rows
    )
    head = f"<tr>{top}</tr><tr>{under}</tr>"
    return (
        f"<h3 id='materials'>{_esc(_t('title', lang))}</h3>"
        f"<table class='materials'><thead>{head}</thead><tbody>{body}</tbody></table>"
        f"<p class='muted'>{_esc(_t('note', lang))}</p>"
        f"{_texts_table(materials, rows, lang)}"
    )
