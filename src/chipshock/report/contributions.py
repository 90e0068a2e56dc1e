"""The report's "What each alliance fab avoids" section (`chipshock report --by-fab`): the
sentence and the table of `chipshock scenario contributions`, with the same numbers
(`chipshock.present.contributions`)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from chipshock.present.contributions import (
    amount_text,
    capacity_words,
    contribution_rows,
    contribution_text,
)
from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_int, fmt_span

__all__ = ["contributions_section"]


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _usd(v: float, lang: Lang) -> str:
    """An amount avoided (USD bn) as the split's table writes it on every surface, with its
    unit (`amount_text`: "USD <0.1 bn", not "USD 0.02 bn" beside the chart's label)."""
    return amount_text(float(v), lang)


def contributions_section(result: Any, names: Mapping[str, str], lang: Lang) -> str:
    """A heading, the summary sentence, one row per fab (alone and added: median and the p5–p95
    range) and a note saying what the two measures are and the runs and seed."""
    rows = contribution_rows(result, names)
    cols = [message(f"report.fabs_col_{c}", lang) for c in ("fab", "capacity", "alone", "added")]
    body = []
    for fab_id, part in rows.groupby("fab_id", sort=False):
        first = part.iloc[0].to_dict()
        capacity = (
            capacity_words({str(k): v for k, v in first.items()}, lang)
            if "capacity_wspm" in first
            else ""
        )
        dated = ", ".join(
            str(first[k]) for k in ("capacity_as_of", "capacity_confidence") if first.get(k)
        )
        cells = [
            f"<td>{_esc(first['name'])}</td>",
            f"<td>{_esc(capacity)}<br><span class='muted'>{_esc(dated)}</span></td>",
        ]
        for measure in ("alone", "added"):
            r = part[part["measure"] == measure].iloc[0]
            cells.append(
                f"<td class='n'>{_esc(_usd(r['p50'], lang))}<br><span class='muted'>"
                f"{_esc(fmt_span(_usd(r['p5'], lang), _usd(r['p95'], lang), lang))}</span></td>"
            )
        body.append(f"<tr data-fab='{_esc(fab_id)}'>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{_esc(c)}</th>" for c in cols)
    note = message("report.fabs_note", lang, runs=fmt_int(result.runs, lang), seed=result.seed)
    return (
        f"<section class='by-fab'><h3>{_esc(message('report.fabs_title', lang))}</h3>"
        f"<p>{_esc(contribution_text(result, names, lang))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<p class='muted'>{_esc(note)}</p></section>"
    )
