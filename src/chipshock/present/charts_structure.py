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

from chipshock.analysis.alliance import counted_amounts, counted_in_totals
from chipshock.analysis.registry import (
    FINAL_STATUSES,
    OVERDUE_AFTER_MONTHS,
    STALE_AFTER_MONTHS,
    DataRelease,
    is_year_only,
    stale_cutoff,
)
from chipshock.present.charts import LINE_PALETTE, OTHER_LINE, PALETTE, Spec, bar_spec, line_spec
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import Lang, countries_label, country_label, node_label
from chipshock.present.messages import count_message, has_message, message
from chipshock.present.numbers import fmt_int, fmt_number, fmt_pct, fmt_usd_amount

__all__ = [
    "both_languages",
    "capacity_chart",
    "criticality_chart",
    "shapley_chart",
    "shares_chart",
    "synergy_chart",
    "tracker_chart",
    "tracker_date_texts",
    "tracker_parts_text",
    "tracker_stale_caption",
    "tracker_stale_counts",
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


def _described(title: str, items: pd.DataFrame, lang: Lang) -> str:
    """The chart's text alternative: its title, then each bar's label and value, in the
    language's punctuation.

    >>> items = pd.DataFrame({"label": ["台湾（TWN）", "韓国（KOR）"], "text": ["69.0%", "9.0%"]})
    >>> _described("シェア", items, "ja")
    'シェア：台湾（TWN） 69.0%、韓国（KOR） 9.0%'
    >>> _described("Share", items.assign(label=["Taiwan (TWN)", "Korea (KOR)"]), "en")
    'Share: Taiwan (TWN) 69.0%, Korea (KOR) 9.0%'
    """
    parts = (f"{a} {b}" for a, b in zip(items["label"], items["text"], strict=True))
    if lang == "ja":
        return f"{title}：" + "、".join(parts)
    return f"{title}: " + ", ".join(parts)


def _bars(
    items: pd.DataFrame,
    title: str,
    axis: str,
    colour: str,
    lang: Lang,
    limit: float | None = None,
) -> Spec | None:
    """Bars of ``items``; ``limit`` caps the axis (100 for a share, which cannot exceed it)."""
    if items.empty:
        return None
    return bar_spec(
        items,
        title=title,
        description=_described(title, items, lang),
        x_title=axis,
        colour=colour,
        limit=limit,
    )


def criticality_chart(rows: pd.DataFrame, threshold: float, lang: Lang) -> Spec | None:
    """Inputs left below ``threshold`` % if each provider is cut off (top `TOP`); a country
    by its name and code, "United States (USA)", as the Shapley chart and the economic charts
    name it (a firm as given)."""
    top = rows.head(TOP)
    values = top["inputs_left_below_threshold"].astype(float)
    items = pd.DataFrame(
        {
            "label": [_named(str(p), lang) for p in top["provider"]],
            "value": values,
            "text": [fmt_int(v, lang) for v in values],
        }
    )
    title = _m("criticality", lang, t=fmt_number(threshold, 0, lang))
    return _bars(items, title, _m("criticality_axis", lang), PALETTE[1], lang)


def _named(code: str, lang: Lang) -> str:
    """A country by its name and code, in the language's brackets; anything else as given.

    >>> _named("TWN", "en"), _named("TWN", "ja"), _named("ASML", "ja")
    ('Taiwan (TWN)', '台湾（TWN）', 'ASML')
    """
    name = country_label(code, lang)
    if name == code:
        return name
    return f"{name}（{code}）" if lang == "ja" else f"{name} ({code})"


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
    return _bars(
        items, _m("shapley", lang), _m("shapley_axis", lang), PALETTE[2], lang, limit=100.0
    )


def synergy_chart(
    group_a: Sequence[str], group_b: Sequence[str], v_a: float, v_b: float, v_union: float,
    lang: Lang,
) -> Spec | None:  # fmt: skip
    """Inputs covered by each group alone, their sum, and the two together (% of inputs)."""
    # English: the codes a user types (USA+JPN); Japanese: the countries' names (米国・日本)
    a, b = (
        ("・".join(country_label(c, lang) for c in g) if lang == "ja" else "+".join(g))
        for g in (group_a, group_b)
    )
    labels = [a, b, _m("synergy_sum", lang), _m("synergy_union", lang, a=a, b=b)]
    values = [100 * v for v in (v_a, v_b, v_a + v_b, v_union)]
    items = pd.DataFrame(
        {"label": labels, "value": values, "text": [fmt_pct(v, 1, lang) for v in values]}
    )
    return _bars(items, _m("synergy", lang), _m("synergy_axis", lang), PALETTE[4], lang)


def shares_chart(
    rows: pd.DataFrame,
    kind: str,
    name: str,
    lang: Lang,
    highlight: str | Collection[str] | None = None,
) -> Spec | None:
    """Named providers' shares of one input (``provider, share_pct, is_aggregate``), top 12;
    ``highlight`` (a provider, or the members of a group) is marked with a star. Countries are
    named as in the other charts, with the code a user types: "Taiwan (TWN)", 「台湾（TWN）」."""
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
    return _bars(items, _m(key, lang, name=name), _m("share_axis", lang), colour, lang, limit=100.0)


def tracker_chart(
    deliverables: pd.DataFrame, lang: Lang, by: Literal["country", "sector"] = "country"
) -> Spec | None:
    """Committed amounts summed by the committing party's country (else the party) or by sector,
    of the rows `counted_in_totals` keeps: no umbrella row beside its own parts (but the remainder
    of one whose parts fall short of it), no context row (``deliverables``: rows of
    `chipshock.analysis.alliance.filter_deliverables`)."""
    counted = counted_amounts(deliverables)
    d = deliverables.assign(amount_usd=counted)[counted.notna()]
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
    else:  # the countries by their names (review 16, finding 8); a party without one as it is
        coded = set(d["actor_country"].dropna().astype(str))
        labels = [countries_label(k, lang) if k in coded else k for k in labels]
    items = pd.DataFrame(
        {
            "label": labels,
            "value": totals.to_numpy() / scale,
            "text": [fmt_usd_amount(v, lang) for v in totals],
        }
    )
    title = _m("tracker", lang) if by == "country" else message("report.alliance_chart", lang)
    return _bars(items, title, message("report.axis_usd", lang), PALETTE[0], lang)


def tracker_total_text(deliverables: pd.DataFrame, lang: Lang) -> str:
    """The total of the deliverables as every surface states it: USD summed over the rows
    `counted_in_totals` keeps, how many rows that is, and how many umbrella and context rows it
    leaves out; an umbrella counted for the remainder its named parts leave says so
    (``deliverables``: rows of `chipshock.analysis.alliance.filter_deliverables`).

    >>> from chipshock.analysis.alliance import filter_deliverables
    >>> d = filter_deliverables(pd.DataFrame({"actor_country": ["USA"] * 3, "actor": list("abc"),
    ...     "counterpart": [None] * 3, "sector": ["AI"] * 3, "kind": ["investment"] * 3,
    ...     "amount_usd": [110e6, 50e6, 4.4e9], "deliverable_id": ["u", "p", "c"],
    ...     "part_of": [None, "u", None], "note": ["Umbrella total - do not add both", "",
    ...     "Context only: announced Oct 2022"]}))
    >>> tracker_total_text(d, "en").split(";")[0]
    'Total USD 110 m over 2 deliverables'
    >>> tracker_total_text(d, "en").split(". ")[1]
    'Counted for the remainder: 1 umbrella row whose named parts do not add up to it (USD \
60 m of USD 110 m, beside its itemised USD 50 m).'
    """
    counted = counted_in_totals(deliverables)
    usd = float(counted_amounts(deliverables).sum())
    umbrella = deliverables["is_umbrella"].astype(bool)
    left_out = int((umbrella & ~counted).sum())
    text = message(
        "report.alliance_total" if left_out else "report.alliance_total_no_umbrella",
        lang,
        usd=fmt_usd_amount(usd, lang),
        deliverables=count_message("count.deliverable", int(counted.sum()), lang),
        umbrella_rows=count_message("count.umbrella_row", left_out, lang),
        context_rows=count_message(
            "count.context_row", int(deliverables["is_context"].astype(bool).sum()), lang
        ),
    )
    rest = deliverables[umbrella & counted]
    if rest.empty:
        return text
    parts = (", " if lang == "en" else "、").join(
        message(
            "report.alliance_total_remainder_one",
            lang,
            rest=fmt_usd_amount(float(r["umbrella_remainder_usd"]), lang),
            usd=fmt_usd_amount(float(r["amount_usd"]), lang),
            itemised=fmt_usd_amount(
                float(r["amount_usd"]) - float(r["umbrella_remainder_usd"]), lang
            ),
        )
        for _, r in rest.iterrows()
    )
    return (
        text
        + (" " if lang == "en" else "")
        + message(
            "report.alliance_total_remainder",
            lang,
            umbrella_rows=count_message("count.umbrella_row", len(rest), lang),
            parts=parts,
        )
    )


def tracker_stale_counts(view: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Stale and open rows of ``view`` (`chipshock.analysis.registry.tracker_view`), the visit's
    own items and milestones apart from the context rows (``part``; review 12, finding 5):
    ``{"visit": {"n": stale, "open": open}, "context": {...}}``.

    >>> v = pd.DataFrame({"status": ["under-way", "done", "delayed", "delayed"],
    ...     "stale": [True, False, False, True], "part": ["visit"] * 3 + ["context"]})
    >>> tracker_stale_counts(v)
    {'visit': {'n': 1, 'open': 2}, 'context': {'n': 1, 'open': 1}}
    """
    open_rows = ~view["status"].astype(str).isin(FINAL_STATUSES)
    stale = view["stale"].astype(bool)
    part = view["part"] if "part" in view.columns else pd.Series("visit", index=view.index)
    out: dict[str, dict[str, int]] = {}
    for name, rows in (("visit", part != "context"), ("context", part == "context")):
        out[name] = {"n": int((stale & rows).sum()), "open": int((open_rows & rows).sum())}
    return out


def tracker_stale_caption(view: pd.DataFrame, release: DataRelease, lang: Lang) -> str:
    """The caption line of the tracker's stale flags, the same on every surface: how many open
    rows of ``view`` (`chipshock.analysis.registry.tracker_view`) are stale, the visit's own
    apart from the context rows (`tracker_stale_counts`; a view without context rows names
    none), and the convention (`STALE_AFTER_MONTHS` before the data release's number and date).

    >>> v = pd.DataFrame({"status": ["under-way", "done", "delayed"],
    ...     "stale": [True, False, False]})
    >>> tracker_stale_caption(v, DataRelease("8", "2026-12-02"), "en").split(":")[1]
    ' 1 of 2 open items and milestones of the visit (open'
    >>> v = v.assign(part=["visit", "visit", "context"], stale=[True, False, True])
    >>> tracker_stale_caption(v, DataRelease("8", "2026-12-02"), "en").split(" (")[0]
    'Stale: 1 of 1 open items and milestones of the visit; counted apart, 1 of 1 open context rows'
    """
    counts = tracker_stale_counts(view)
    text = message(
        "tracker.stale_visit",
        lang,
        n=fmt_int(counts["visit"]["n"], lang),
        open=fmt_int(counts["visit"]["open"], lang),
    )
    if counts["context"]["open"] or counts["context"]["n"]:
        text += message(
            "tracker.stale_context",
            lang,
            n=fmt_int(counts["context"]["n"], lang),
            open=fmt_int(counts["context"]["open"], lang),
        )
    caption = message(
        "tracker.stale_caption",
        lang,
        counts=text,
        months=STALE_AFTER_MONTHS,
        release=release.number,
        date=release.date,
        cutoff=stale_cutoff(release.date).isoformat(),
        announced=OVERDUE_AFTER_MONTHS["announced"],
        underway=OVERDUE_AFTER_MONTHS["under-way"],
    )
    return caption + _imprecise_note(view, lang)


def tracker_parts_text(view: pd.DataFrame, lang: Lang) -> str:
    """How many rows of ``view`` (`chipshock.analysis.registry.tracker_view`) are the visit's own
    items and milestones (how many of them involve both the U.S. and Japan) and how many are
    context (U.S. CHIPS Act fabs without a Japanese party), each with its rows per status: the
    same line on every surface, so that a U.S. fab's delay is not read as the alliance's
    (review 12, finding 5).

    >>> v = pd.DataFrame({"status": ["done", "delayed", "delayed"],
    ...     "part": ["visit", "visit", "context"], "both": [True, False, False]})
    >>> tracker_parts_text(v, "en").replace("the April 2024 visit", "the visit")
    '2 items and milestones of the visit, 1 of them involving both the U.S. and Japan: done 1, \
delayed 1; counted apart, 1 row of U.S. CHIPS Act fab projects without a Japanese party \
(context, not items of the visit): delayed 1'
    """
    sep = ", " if lang == "en" else "、"

    def counts(rows: pd.DataFrame) -> str:
        return sep.join(
            f"{message(f'tracker_status.{k}', lang)} {fmt_int(int(v), lang)}"
            for k, v in rows["status"].astype(str).value_counts().items()
        )

    part = view["part"] if "part" in view.columns else pd.Series("visit", index=view.index)
    visit, context = view[part != "context"], view[part == "context"]
    text = message(
        "tracker.parts_visit",
        lang,
        n=fmt_int(len(visit), lang),
        both=fmt_int(int(visit["both"].astype(bool).sum()) if "both" in visit else 0, lang),
        counts=counts(visit) or "–",
    )
    if context.empty:
        return text
    key = "tracker.parts_context_one" if len(context) == 1 else "tracker.parts_context"
    return text + message(key, lang, n=fmt_int(len(context), lang), counts=counts(context))


def tracker_date_texts(view: pd.DataFrame, lang: Lang) -> list[str]:
    """Each row's event date as the tracker shows it, with the year the model counts its fab's
    volume from beside it where that is later than the date's year (``model_volume_year`` of
    `chipshock.analysis.registry.tracker_view`, from fab_capacity.csv: a capacity row holds from
    January, so Rapidus' "2027" is 2028 in the model; review 12, finding 6).

    >>> v = pd.DataFrame({"event_date": ["2027", "2024-12", "2030"],
    ...     "model_volume_year": pd.array([2028, None, 2030], dtype="Int64")})
    >>> tracker_date_texts(v, "en")[:1] + tracker_date_texts(v, "en")[2:]
    ['2027 (the model counts volume from 2028)', '2030']
    """
    years = (
        view["model_volume_year"]
        if "model_volume_year" in view.columns
        else pd.Series(pd.NA, index=view.index)
    )
    out = []
    for date, year in zip(view["event_date"].astype(str), years, strict=True):
        later = pd.notna(year) and date[:4].isdigit() and int(year) > int(date[:4])
        out.append(
            message("tracker.model_from", lang, date=date, year=int(year)) if later else date
        )
    return out


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
        # each region by its name, "Taiwan" / 「台湾」, not its code (review 16, finding 8)
        return out.assign(group=[countries_label(g, lang) for g in out["group"]], variant=variant)

    rows = pd.concat([summed(with_fabs, on), summed(without_fabs, off)], ignore_index=True)
    if rows.empty:
        return None
    # a region keeps its colour in both languages: by code, the rest of the world grey, last
    codes = sorted(
        set(with_fabs["region"]) | set(without_fabs["region"]), key=lambda c: (c == "ROW", c)
    )
    named = [c for c in codes if c != "ROW"]
    colours = {
        countries_label(c, lang): colour for c, colour in zip(named, LINE_PALETTE * 2, strict=False)
    }
    if "ROW" in codes:
        colours[countries_label("ROW", lang)] = OTHER_LINE
    what = _m("capacity_all", lang) if node_class == "all" else node_label(node_class, lang)
    last = int(rows["year"].max())
    final = rows[rows["year"] == last].pivot_table(
        index="group", columns="variant", values="value", aggfunc="sum"
    )
    final = final.sort_values(on, ascending=False)
    listed = ("、" if lang == "ja" else ", ").join(
        f"{g} {fmt_int(r[on], lang)}"
        + (
            f"（{fmt_int(r.get(off, 0.0), lang)}）"
            if lang == "ja"
            else f" ({fmt_int(r.get(off, 0.0), lang)})"
        )
        for g, r in final.iterrows()
    )
    return line_spec(
        rows,
        title=_m("capacity", lang, c=what),
        description=_m("capacity_alt", lang, c=what, y=last, list=listed),
        x_title=_m("year", lang),
        y_title=_m("capacity_axis", lang),
        variants=[on, off],
        colours=colours,
        group_title=message("report.util_col_region", lang),
        variant_title=message("report.axis_series", lang),
    )
