"""Charts of the structural views (criticality, Shapley values, synergy, provider shares, the
alliance tracker, capacity build-out) as Vega-Lite specs, built once for every surface.

Each builder takes the tidy table its route or report already has and a language, and returns
one spec (`chipshock.present.charts`: titles, units, text alternative, text >= 11 px); the API
sends ``{"en": spec, "ja": spec}`` next to the table (`both_languages`) and the dashboard only
embeds it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

import pandas as pd

from chipshock.analysis.alliance import counted_in_totals
from chipshock.analysis.registry import (
    FINAL_STATUSES,
    OVERDUE_AFTER_MONTHS,
    STALE_AFTER_MONTHS,
    DataRelease,
    is_year_only,
    stale_cutoff,
)
from chipshock.present.charts import PALETTE, Spec, bar_spec, line_spec
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang, country_label, node_label
from chipshock.present.messages import has_message, message
from chipshock.present.numbers import fmt_int, fmt_number, fmt_pct, fmt_usd_amount

__all__ = [
    "both_languages",
    "capacity_chart",
    "criticality_chart",
    "shapley_chart",
    "shares_chart",
    "synergy_chart",
    "tracker_chart",
    "tracker_stale_caption",
    "tracker_total_text",
]

#: most bars in one structural chart (the tables list all)
TOP = 15


def both_languages(build: Callable[[Lang], Spec | None]) -> dict[str, Any]:
    """``{"en": spec, "ja": spec}`` as JSON values (None where there is nothing to draw)."""
    langs: tuple[Lang, ...] = ("en", "ja")
    return {lang: to_jsonable(build(lang)) for lang in langs}


def _m(key: str, lang: Lang, **fields: object) -> str:
    return message(f"chart.{key}", lang, **fields)


def _described(title: str, items: pd.DataFrame) -> str:
    parts = (f"{a} {b}" for a, b in zip(items["label"], items["text"], strict=True))
    return f"{title}: " + ", ".join(parts)


def _bars(
    items: pd.DataFrame, title: str, axis: str, colour: str, limit: float | None = None
) -> Spec | None:
    """Bars of ``items``; ``limit`` caps the axis (100 for a share, which cannot exceed it)."""
    if items.empty:
        return None
    return bar_spec(
        items,
        title=title,
        description=_described(title, items),
        x_title=axis,
        colour=colour,
        limit=limit,
    )


def criticality_chart(rows: pd.DataFrame, threshold: float, lang: Lang) -> Spec | None:
    """Inputs left below ``threshold`` % if each provider is cut off (top `TOP`)."""
    top = rows.head(TOP)
    values = top["inputs_left_below_threshold"].astype(float)
    items = pd.DataFrame(
        {
            "label": top["provider"].astype(str),
            "value": values,
            "text": [fmt_int(v, lang) for v in values],
        }
    )
    title = _m("criticality", lang, t=fmt_number(threshold, 0, lang))
    return _bars(items, title, _m("criticality_axis", lang), PALETTE[1])


def _named(code: str, lang: Lang) -> str:
    name = country_label(code, lang)
    return name if name == code else f"{name} ({code})"


def shapley_chart(table: pd.DataFrame, lang: Lang) -> Spec | None:
    """Each member's Shapley value as a % of the inputs assessed (``member, shapley``)."""
    values = 100 * table["shapley"].astype(float)
    items = pd.DataFrame(
        {
            "label": [_named(str(m), lang) for m in table["member"]],
            "value": values.to_numpy(),
            "text": [fmt_pct(v, 1, lang) for v in values],
        }
    )
    return _bars(items, _m("shapley", lang), _m("shapley_axis", lang), PALETTE[2], limit=100.0)


def synergy_chart(
    group_a: Sequence[str], group_b: Sequence[str], v_a: float, v_b: float, v_union: float,
    lang: Lang,
) -> Spec | None:  # fmt: skip
    """Inputs covered by each group alone, their sum, and the two together (% of inputs)."""
    a, b = "+".join(group_a), "+".join(group_b)
    labels = [a, b, _m("synergy_sum", lang), _m("synergy_union", lang, a=a, b=b)]
    values = [100 * v for v in (v_a, v_b, v_a + v_b, v_union)]
    items = pd.DataFrame(
        {"label": labels, "value": values, "text": [fmt_pct(v, 1, lang) for v in values]}
    )
    return _bars(items, _m("synergy", lang), _m("synergy_axis", lang), PALETTE[4])


def shares_chart(
    rows: pd.DataFrame,
    kind: str,
    name: str,
    lang: Lang,
    highlight: str | Collection[str] | None = None,
) -> Spec | None:
    """Named providers' shares of one input (``provider, share_pct, is_aggregate``), top 12;
    ``highlight`` (a provider, or the members of a group) is marked with a star. Countries are
    named as in the other charts, with the code a user types: "Taiwan (TWN)", 「台湾 (TWN)」."""
    marked = {highlight} if isinstance(highlight, str) else set(highlight or ())
    named = rows[rows["share_pct"].notna() & ~rows["is_aggregate"].astype(bool)].head(12)
    shares = named["share_pct"].astype(float)

    def label(provider: object) -> str:
        text = _named(str(provider), lang) if kind == "country" else str(provider)
        return f"★ {text}" if provider in marked else text

    items = pd.DataFrame(
        {
            "label": [label(p) for p in named["provider"]],
            "value": shares.to_numpy(),
            "text": [fmt_pct(v, 1, lang) for v in shares],
        }
    )
    key = "shares_country" if kind == "country" else "shares_firm"
    colour = PALETTE[0] if kind == "country" else PALETTE[2]
    return _bars(items, _m(key, lang, name=name), _m("share_axis", lang), colour, limit=100.0)


def tracker_chart(
    deliverables: pd.DataFrame, lang: Lang, by: Literal["country", "sector"] = "country"
) -> Spec | None:
    """Committed amounts summed by the committing party's country (else the party) or by sector,
    of the rows `counted_in_totals` keeps: no umbrella row beside its own parts, no context row
    (``deliverables``: rows of `chipshock.analysis.alliance.filter_deliverables`)."""
    d = deliverables[counted_in_totals(deliverables) & deliverables["amount_usd"].notna()]
    if by == "sector":
        who = d["sector"].astype(str)
    else:
        who = d["actor_country"].fillna(d["actor"]).astype(str)
    totals = d["amount_usd"].astype(float).groupby(who).sum().sort_values(ascending=False)
    scale = 1e9 if lang == "en" else 1e8  # USD bn, or 億ドル
    labels = list(totals.index)
    if by == "sector":
        labels = [
            message(f"sector.{k}", lang) if has_message(f"sector.{k}", lang) else k for k in labels
        ]
    items = pd.DataFrame(
        {
            "label": labels,
            "value": totals.to_numpy() / scale,
            "text": [fmt_usd_amount(v, lang) for v in totals],
        }
    )
    title = _m("tracker", lang) if by == "country" else message("report.alliance_chart", lang)
    return _bars(items, title, message("report.axis_usd", lang), PALETTE[0])


def tracker_total_text(deliverables: pd.DataFrame, lang: Lang) -> str:
    """The total of the deliverables as every surface states it: USD summed over the rows
    `counted_in_totals` keeps, how many rows that is, and how many umbrella and context rows it
    leaves out (``deliverables``: rows of `chipshock.analysis.alliance.filter_deliverables`).

    >>> from chipshock.analysis.alliance import filter_deliverables
    >>> d = filter_deliverables(pd.DataFrame({"actor_country": ["USA"] * 3, "actor": list("abc"),
    ...     "counterpart": [None] * 3, "sector": ["AI"] * 3, "kind": ["investment"] * 3,
    ...     "amount_usd": [110e6, 50e6, 4.4e9], "note": ["Umbrella total - do not add both",
    ...     "Part of the USD 110m umbrella.", "Context only: announced Oct 2022"]}))
    >>> tracker_total_text(d, "en").split(";")[0]
    'Total USD 50 m over 1 deliverable(s)'
    """
    counted = counted_in_totals(deliverables)
    usd = float(deliverables.loc[counted, "amount_usd"].astype(float).sum())
    return message(
        "report.alliance_total",
        lang,
        usd=fmt_usd_amount(usd, lang),
        n=fmt_int(int(counted.sum()), lang),
        umbrella=fmt_int(int(deliverables["is_umbrella"].astype(bool).sum()), lang),
        context=fmt_int(int(deliverables["is_context"].astype(bool).sum()), lang),
    )


def tracker_stale_caption(view: pd.DataFrame, release: DataRelease, lang: Lang) -> str:
    """The caption line of the tracker's stale flags, the same on every surface: how many open
    rows of ``view`` (`chipshock.analysis.registry.tracker_view`) are stale, and the convention
    (`STALE_AFTER_MONTHS` before the data release's number and date).

    >>> v = pd.DataFrame({"status": ["under-way", "done", "delayed"],
    ...     "stale": [True, False, False]})
    >>> tracker_stale_caption(v, DataRelease("8", "2026-12-02"), "en").split(":")[1]
    ' 1 of 2 open items and milestones (announced, under way, delayed)'
    """
    open_rows = ~view["status"].astype(str).isin(FINAL_STATUSES)
    caption = message(
        "tracker.stale_caption",
        lang,
        n=fmt_int(int(view["stale"].astype(bool).sum()), lang),
        open=fmt_int(int(open_rows.sum()), lang),
        months=STALE_AFTER_MONTHS,
        release=release.number,
        date=release.date,
        cutoff=stale_cutoff(release.date).isoformat(),
        announced=OVERDUE_AFTER_MONTHS["announced"],
        underway=OVERDUE_AFTER_MONTHS["under-way"],
    )
    return caption + _imprecise_note(view, lang)


def _imprecise_note(view: pd.DataFrame, lang: Lang) -> str:
    """The stale rows dated only by a year (counted from 1 January: date imprecise), if any."""
    if "status_as_of" not in view.columns:
        return ""
    bare = view["stale"].astype(bool) & view["status_as_of"].map(is_year_only)
    n = int(bare.sum())
    if not n:
        return ""
    key = "tracker.stale_imprecise_one" if n == 1 else "tracker.stale_imprecise"
    return (" " if lang == "en" else "") + message(key, lang, n=fmt_int(n, lang))


def capacity_chart(
    with_fabs: pd.DataFrame, without_fabs: pd.DataFrame, node_class: str, lang: Lang
) -> Spec | None:
    """Wafer capacity per region and year (``year, region, node_class, capacity_kwspm``) with
    the alliance fabs (solid) and without them (dashed), for one node class or ``all``."""
    on, off = _m("capacity_with", lang), _m("capacity_without", lang)

    def summed(frame: pd.DataFrame, variant: str) -> pd.DataFrame:
        f = frame if node_class == "all" else frame[frame["node_class"] == node_class]
        out: pd.DataFrame = f.groupby(["year", "region"])["capacity_kwspm"].sum().reset_index()
        out.columns = pd.Index(["year", "group", "value"])
        return out.assign(variant=variant)

    rows = pd.concat([summed(with_fabs, on), summed(without_fabs, off)], ignore_index=True)
    if rows.empty:
        return None
    what = _m("capacity_all", lang) if node_class == "all" else node_label(node_class, lang)
    last = int(rows["year"].max())
    final = rows[rows["year"] == last].pivot_table(
        index="group", columns="variant", values="value", aggfunc="sum"
    )
    final = final.sort_values(on, ascending=False)
    listed = ", ".join(
        f"{g} {fmt_int(r[on], lang)} ({fmt_int(r.get(off, 0.0), lang)})"
        for g, r in final.iterrows()
    )
    return line_spec(
        rows,
        title=_m("capacity", lang, c=what),
        description=_m("capacity_alt", lang, c=what, y=last, list=listed),
        x_title=_m("year", lang),
        y_title=_m("capacity_axis", lang),
        variants=[on, off],
    )
