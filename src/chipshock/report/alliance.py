"""The alliance tracker's briefing: the April 2024 U.S.–Japan deliverables by sector and
amount (counted by the one rule of every surface, `counted_in_totals`), the fabs that
cooperation and subsidies brought with the year and capacity the model gives them, and the
tracker's items and milestones with their status, stale flags and sources. Its appendix is
every deliverable with its source, the glossary and the sources; without it
(``with_appendix=False``) the body ends with the command that writes the full briefing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.analysis.alliance import counted_amounts, counted_in_totals, filter_deliverables
from chipshock.analysis.registry import DataRelease, tracker_view
from chipshock.present.amounts import amount_texts
from chipshock.present.charts_structure import (
    tracker_chart,
    tracker_date_texts,
    tracker_parts_text,
    tracker_stale_caption,
    tracker_total_text,
)
from chipshock.present.labels import Lang, check_lang, fab_names, place_label
from chipshock.present.messages import count_message, has_message, message
from chipshock.present.numbers import MISSING, fmt_int, fmt_usd, fmt_usd_amount, fmt_year
from chipshock.report.appendix_note import page_without_appendix, structure_report_command
from chipshock.report.assumptions import fab_capacity, volume_year
from chipshock.report.glossary import glossary, sources_list
from chipshock.report.page import chart_figure, esc, html_table, page, write_page
from chipshock.report.page import report_text as _t

__all__ = ["ALLIANCE_FABS", "FAB_YEARS", "alliance_report", "write_alliance_report"]

#: the alliance fabs (U.S.–Japan cooperation and subsidies), as in the built-in counterfactual
ALLIANCE_FABS = (
    "rapidus-iim1",
    "tsmc-arizona-p1",
    "tsmc-arizona-p2",
    "tsmc-arizona-p3",
    "jasm-kumamoto-fab1",
    "jasm-kumamoto-fab2",
)


#: the years of the alliance fabs' capacity (as the dashboard's capacity build-out)
FAB_YEARS = (2022, 2035)


def _word(family: str, code: object, lang: Lang) -> str:
    key = f"{family}.{code}"
    return message(key, lang) if has_message(key, lang) else str(code)


def _top_deliverable(row: pd.Series, lang: Lang) -> str:
    """The largest deliverable for the briefing's finding: its actor and its summary in
    ``lang`` (``summary_ja`` of alliance_deliverables.csv in Japanese), without the final
    full stop (the finding's sentence goes on)."""
    summary = str(row["summary_ja"]).rstrip("。") if lang == "ja" else str(row["summary"])
    actor = row["actor_ja"] if lang == "ja" else row["actor"]
    return _t("alliance_top", lang, actor=actor, summary=summary.rstrip("."))


def alliance_report(
    db: Path | str,
    lang: str = "en",
    *,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> str:
    """The alliance-tracker briefing as one HTML string; ``with_appendix=False``: the body
    alone, then the line that gives the command for the full briefing (``full_command``,
    default `structure_report_command`) where the appendix (every deliverable with its
    source, the glossary and the sources) would start."""
    from chipshock.data.store import load_alliance, load_table
    from chipshock.sim import load_model_data

    language = check_lang(lang)
    data = load_alliance(db)
    d = filter_deliverables(data.deliverables)
    d["amount_usd"] = pd.to_numeric(d["amount_usd"], errors="coerce")
    d = d.sort_values("amount_usd", ascending=False, na_position="last")
    counted = d[counted_in_totals(d)]  # the one rule of every surface: no umbrella, no context
    top = counted.iloc[0]
    finding = _t(
        "alliance_finding",
        language,
        usd=fmt_usd_amount(float(counted_amounts(d).sum()), language),
        n=fmt_int(len(counted)),
        top=_top_deliverable(top, language),
        top_usd=fmt_usd_amount(float(top["amount_usd"]), language),
    )
    # what the total holds for chips, and the fabs' public money counted apart (review 3,
    # finding 9: a chip-supply briefing led with USD 27.3 bn of cloud and energy investment)
    chips = counted[counted["sector"] == "semiconductors"]
    alliance_fabs = data.fabs[data.fabs["fab_id"].isin(ALLIANCE_FABS)]
    funding = pd.to_numeric(alliance_fabs["public_funding_usd"], errors="coerce").sum()
    chips_usd = float(counted_amounts(chips).fillna(0.0).sum())
    # no amount is not zero: the public copies of the fact sheet stop before its chip items
    # (review 12, finding 4); the count is the totals' (`deliverables --totals sector`), context
    # rows said apart, each in the singular or plural its count needs (uxr2, finding 16)
    finding += ("" if language == "ja" else " ") + _t(
        "alliance_finding_chips" if chips_usd > 0 else "alliance_finding_no_chips",
        language,
        chips_usd=fmt_usd_amount(chips_usd, language),
        chips_counted=count_message("report.alliance_chips_counted", len(chips), language),
        chips_context=count_message(
            "report.alliance_chips_context",
            int((d["is_context"] & (d["sector"] == "semiconductors")).sum()),
            language,
        ),
        fab_usd=fmt_usd_amount(float(funding), language),
        fabs=fmt_int(len(alliance_fabs)),
    )
    chart = tracker_chart(d, language, by="sector")
    rows = pd.DataFrame(
        {
            _t("col_actor", language): d["actor_ja" if language == "ja" else "actor"],
            # counterpart_ja: chipshock's rendering, given where counterpart is (release 23)
            _t("col_counterpart", language): d[
                "counterpart_ja" if language == "ja" else "counterpart"
            ].fillna("–"),
            _t("col_sector", language): [_word("sector", k, language) for k in d["sector"]],
            _t("col_amount", language): [a or MISSING for a in amount_texts(d, language)],
            _t("col_counted", language): [
                _t("counted_remainder", language, rest=fmt_usd_amount(float(r), language))
                if u and pd.notna(r)
                else _t(
                    "counted_umbrella" if u else "counted_context" if c else "counted_yes",
                    language,
                )
                for u, c, r in zip(
                    d["is_umbrella"], d["is_context"], d["umbrella_remainder_usd"], strict=True
                )
            ],
            _t("col_as_of", language): d["as_of"],
            _t("col_source", language): d["source_url"],
        }
    )
    fabs = data.fabs[data.fabs["fab_id"].isin(ALLIANCE_FABS)]
    mdata = load_model_data(db)
    tracked = _tracker_dates(data.alliance_tracker)
    model = fab_capacity(list(fabs["fab_id"].astype(str)), mdata, FAB_YEARS)
    fab_rows = pd.DataFrame(
        {
            _t("col_name", language): fabs["fab_id"].map(fab_names(fabs, language)),
            _t("col_where", language): [
                place_label(c, j, str(k), language)
                for c, j, k in zip(
                    fabs["region_or_city"], fabs["region_or_city_ja"], fabs["country"], strict=True
                )
            ],
            _t("col_status", language): [_word("fab_status", k, language) for k in fabs["status"]],
            _t("col_start", language): [
                _dated(
                    _start_text(str(f), m[1], mdata, language),
                    volume_year(str(f), m[1], mdata) or m[1],
                    tracked.get(str(f)),
                    language,
                )
                if (m := model[str(f)])
                else "–"
                for f in fabs["fab_id"]
            ],
            _t("col_capacity", language): [
                fmt_int(m[2]) if (m := model[str(f)]) else "–" for f in fabs["fab_id"]
            ],
            _t("col_funding", language): [fmt_usd(v, language) for v in fabs["public_funding_usd"]],
            _t("col_source", language): fabs["source_url"],
            _t("col_as_of", language): fabs["as_of"],
        }
    )
    title = _t("alliance_title", language)
    release = DataRelease.from_meta(load_table(db, "meta"))
    milestones = _milestones(data.alliance_tracker, release, language, data.fab_capacity)
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p class='finding'>{esc(finding)}</p>",
        f"<p class='muted'>{esc(_t('kind_alliance', language))}</p>",
        f"<p class='total'>{esc(tracker_total_text(d, language))}</p>",
        chart_figure(chart, language, _tracker_chart_source(d, release, language)),
        f"<h2>{esc(_t('alliance_fabs_heading', language))}</h2>",
        html_table(fab_rows),
        f"<p class='muted'>{esc(_t('alliance_fabs_note', language, end=FAB_YEARS[1]))}</p>",
        *milestones,
    ]
    if not with_appendix:  # `chipshock report --alliance --no-appendix`
        command = full_command or structure_report_command(None, language)
        return page_without_appendix(title, body, command, language)
    appendix = [f"<h2>{esc(_t('alliance_table', language))}</h2>", html_table(rows)]
    appendix.append(glossary("".join(body + appendix), language))
    appendix.append(sources_list(language))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


def _tracker_chart_source(deliverables: pd.DataFrame, release: DataRelease, lang: Lang) -> str:
    """The sector chart's source line: the curated deliverables of the data ``release``, as of
    the latest date among the rows the chart counts (`counted_in_totals`)."""
    counted = deliverables[counted_in_totals(deliverables)]
    dates = counted["as_of"].dropna().astype(str)
    latest = max(dates, default="–")
    return _t("tracker_chart_source", lang, number=release.number, date=release.date, as_of=latest)


def _milestones(
    tracker: pd.DataFrame, release: DataRelease, lang: Lang, capacity: pd.DataFrame
) -> list[str]:
    """The alliance tracker as the CLI's ``deliverables --status`` shows it (`tracker_view`: items
    first, each item's milestones after it, the U.S. CHIPS Act context counted apart), with the
    year the model counts a fab's volume from beside its date (fab_capacity.csv as
    ``capacity``), status in words, its as-of date, the stale flag (an open status checked long
    before the data ``release``) and source."""
    view = tracker_view(tracker, release=release, capacity=capacity)
    stale_word = message("tracker.stale", lang)
    rows = pd.DataFrame(
        {
            _t("col_item", lang): view["title_ja" if lang == "ja" else "title"],
            _t("col_event_date", lang): tracker_date_texts(view, lang),
            _t("col_status", lang): [_word("tracker_status", k, lang) for k in view["status"]],
            _t("col_status_as_of", lang): view["status_as_of"],
            _t("col_stale", lang): [stale_word if s else "" for s in view["stale"]],
            _t("col_source", lang): view["source_url"],
        }
    )
    summary = _t(
        "tracker_counts", lang, n=fmt_int(len(view)), counts=tracker_parts_text(view, lang)
    )
    return [
        f"<h2>{esc(_t('tracker_heading', lang))}</h2>",
        f"<p>{esc(summary)}</p>",
        f"<p class='stale'>{esc(tracker_stale_caption(view, release, lang))}</p>",
        html_table(rows),
    ]


def write_alliance_report(
    db: Path | str,
    path: Path | str,
    lang: str = "en",
    *,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> Path:
    """Write the alliance-tracker briefing (temp file, then rename); return its path;
    ``with_appendix=False`` as in `alliance_report`."""
    text = alliance_report(db, lang, with_appendix=with_appendix, full_command=full_command)
    return write_page(text, path)


def _tracker_dates(tracker: pd.DataFrame) -> dict[str, str]:
    """Per fab, the date of the tracker row linked to it (``fab_id`` of alliance_tracker.csv:
    the row dating its production), the latest where several are."""
    if "fab_id" not in tracker.columns:
        return {}
    linked = tracker[tracker["fab_id"].notna() & (tracker["fab_id"].astype(str) != "")]
    return {str(f): str(g["event_date"].astype(str).max()) for f, g in linked.groupby("fab_id")}


def _dated(text: str, volume: int, date: str | None, language: Lang) -> str:
    """A fab's production year as the model counts it, with the tracker's earlier date beside
    it (review 12, finding 6: "2028" here, "2027" in the tracker, without a word on why)."""
    if date is None or not date[:4].isdigit() or int(date[:4]) >= volume:
        return text
    return message("report.start_dated", language, start=text, date=date)


def _start_text(fab_id: str, first: int, data: Any, language: Lang) -> str:
    """The first year a fab produces in the model; a pilot line says so and when volume
    follows ("2026 (pilot line; volume from 2028)" for a fab whose pilot line the data counts
    as supply, `volume_year`)."""
    volume = volume_year(fab_id, first, data)
    if volume is None:
        return fmt_year(first)
    return message("report.start_pilot", language, year=fmt_year(first), volume=fmt_year(volume))
