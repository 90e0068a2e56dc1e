"""Briefings on the structure of the chain: a coalition of countries, and the alliance tracker.

Coalition: the finding (how many inputs the members together hold at least ``threshold`` % of,
and the synergy v(A ∪ B) − v(A) − v(B) of the first member against the others, from
`chipshock.analysis.shapley.synergy`), under it what the values count (the ETO's assessed
inputs, not wafer fabrication capacity: `coalition_scope`), a chart of Shapley values (exact
up to 12 members), the weak links (inputs the coalition covers least) and the inputs only the
coalition covers. Asked as groups (`CoalitionAsk`: EU27 CHIP4, QUAD), the briefing names the
groups as asked, their members, the members without data and the rows of a region that no
member owns (the ETO's EUR) on its first page, and the synergy's two sides by the names they
were asked by.
Alliance tracker: the April 2024 U.S.–Japan deliverables by sector and amount, and the fabs that
cooperation and subsidies brought. Every table names its source; ETO data keeps its licence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.analysis.alliance import counted_amounts, counted_in_totals, filter_deliverables
from chipshock.analysis.registry import DataRelease, tracker_view
from chipshock.errors import InputError, Problem
from chipshock.model.groups import RegionRows
from chipshock.present.amounts import amount_texts
from chipshock.present.charts import bar_spec
from chipshock.present.charts_structure import (
    tracker_chart,
    tracker_date_texts,
    tracker_parts_text,
    tracker_stale_caption,
    tracker_total_text,
)
from chipshock.present.coverage_notes import coalition_scope
from chipshock.present.eto_names import localised_names
from chipshock.present.group_notes import asked_sentences
from chipshock.present.group_notes import join_names as _join
from chipshock.present.group_notes import names_text as _names
from chipshock.present.labels import Lang, check_lang, country_label, fab_names, place_label
from chipshock.present.messages import count_message, has_message, message
from chipshock.present.numbers import MISSING, fmt_int, fmt_pct, fmt_usd, fmt_usd_amount, fmt_year
from chipshock.report.appendix_note import appendix_left_out, structure_report_command
from chipshock.report.assumptions import fab_capacity, volume_year
from chipshock.report.glossary import glossary, sources_list
from chipshock.report.page import chart_figure, esc, html_table, page

__all__ = [
    "CoalitionAsk",
    "alliance_report",
    "coalition_report",
    "write_alliance_report",
    "write_coalition_report",
]

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
#: the seed and sample count of sampled Shapley values (over 12 members): those of `chipshock
#: shapley --seed/--samples` and GET /api/shapley's ``seed``/``samples`` defaults
SHAPLEY_SEED = 0
SHAPLEY_SAMPLES = 2000


def _t(key: str, lang: Lang, **fields: object) -> str:
    return message(f"report.{key}", lang, **fields)


def _word(family: str, code: object, lang: Lang) -> str:
    key = f"{family}.{code}"
    return message(key, lang) if has_message(key, lang) else str(code)


@dataclass(frozen=True)
class CoalitionAsk:
    """How a coalition was asked for, as `chipshock report --coalition` resolved it: the codes
    of the synergy's two sides as given (``sides``: the first argument; the rest), the groups
    expanded (``{"QUAD": ["USA", "JPN", "IND", "AUS"]}``), the members without supply-chain data
    and the regions' own rows that the members do not count (`RegionRows`)."""

    sides: tuple[tuple[str, ...], tuple[str, ...]]
    expanded: dict[str, list[str]] = field(default_factory=dict)
    without_data: tuple[str, ...] = ()
    regions_left_out: tuple[RegionRows, ...] = ()

    def label(self, code: str, lang: Lang) -> str:
        """A group as asked (``QUAD``), a country by name."""
        return code if code in self.expanded else country_label(code, lang)


def _asked_lines(ask: CoalitionAsk, lang: Lang) -> list[str]:
    """The first page's account of the question: each group and its members, the members left
    out for lack of data, and each region's rows no member owns (`asked_sentences`)."""
    lines = asked_sentences(ask.expanded, ask.without_data, ask.regions_left_out, lang)
    return [f"<p class='band asked'>{esc(line)}</p>" for line in lines]


def _write(text: str, path: Path | str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


def coalition_report(
    db: Path | str,
    members: list[str],
    lang: str = "en",
    first: int = 1,
    asked: CoalitionAsk | None = None,
    *,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> str:
    """The coalition briefing as one HTML string (threshold 50 % of the world market). The
    synergy sets the first ``first`` members (a group's members when the coalition was asked
    as groups, e.g. EU27 against CHIP4) against the others; ``asked`` (groups) names the
    groups, their members and those without data on the first page, and the synergy's sides
    by the codes they were asked by (the caller checks that the two sides share no country).
    ``with_appendix=False``: the body alone, the same to the byte, then the line that gives the
    command for the full briefing (``full_command``, default `structure_report_command` of the
    sides as asked) where the appendix (the inputs only the coalition covers, the glossary and
    the sources) would start."""
    from chipshock.analysis.coalition import coalition_coverage, coalition_model
    from chipshock.analysis.shapley import shapley, synergy
    from chipshock.data.store import load_chain

    language = check_lang(lang)
    threshold = 50.0
    chain = load_chain(db)
    # each member once, as the data spells it: the synergy of the first against the others
    # needs two groups with no country in common ("USA JPN usa" is USA and JPN)
    model = coalition_model(chain)
    given = list(members)
    members = [model.countries[k] for k in model.member_index(given, "members")]
    if len(members) < 2:
        raise InputError(
            Problem(
                "a coalition needs at least two different countries",
                field="members",
                value=" ".join(given),
                expected="two or more different ISO3 codes, e.g. USA JPN",
            )
        )
    cov = coalition_coverage(chain, members, threshold=threshold)
    # the seed and sample count of `chipshock shapley` and GET /api/shapley (their defaults), so
    # that the briefing's sampled values are theirs, to the decimal (review 8, finding 6)
    sv = shapley(chain, members, threshold=threshold, rng=SHAPLEY_SEED, samples=SHAPLEY_SAMPLES)
    two_sides = 1 <= first < len(members)  # else the first member against the others
    first = first if two_sides else 1
    syn = synergy(chain, members[:first], members[first:], threshold=threshold)
    s = cov.summary
    a, b = _names(members[:first], language), _names(members[first:], language)
    if asked is not None and two_sides and asked.sides[1]:
        a = _join([asked.label(c, language) for c in asked.sides[0]], language)
        b = _join([asked.label(c, language) for c in asked.sides[1]], language)
    gain = fmt_pct(100 * syn.synergy, 1)
    synergy_text = _t(
        "synergy_more" if syn.synergy > 1e-12 else "synergy_none",
        language,
        a=a,
        b=b,
        va=fmt_pct(100 * syn.v_a),
        vb=fmt_pct(100 * syn.v_b),
        gain=gain.replace("%", " points" if language == "en" else "ポイント"),
    )
    all_names = _names(members, language)
    if asked is not None and asked.expanded:  # groups by the codes asked, countries by name
        all_names = _join(
            [asked.label(c, language) for side in asked.sides for c in side], language
        )
    finding = _t(
        "coalition_finding",
        language,
        members=all_names,
        threshold=fmt_pct(threshold),
        covered=fmt_int(float(str(s["n_covered"]))),
        total=fmt_int(float(str(s["n_inputs"]))),
        share=fmt_pct(100 * float(str(s["share_covered"]))),
        synergy_text=synergy_text,
    )
    table = sv.table.copy()
    bars = pd.DataFrame(
        {
            "label": [country_label(str(m), language) for m in table["member"]],
            "value": 100 * table["shapley"].astype(float),
        }
    )
    desc = "; ".join(
        f"{lab}: {fmt_pct(v, 1)}" for lab, v in zip(bars["label"], bars["value"], strict=True)
    )
    chart = bar_spec(
        bars,
        title=_t("shapley_chart", language),
        description=desc,
        x_title=_t("axis_share_inputs", language),
    )
    shapley_rows = pd.DataFrame(
        {
            _t("col_member", language): bars["label"],
            _t("col_shapley", language): [fmt_pct(100 * v, 1) for v in table["shapley"]],
            _t("col_standalone", language): [fmt_pct(100 * v, 1) for v in table["standalone"]],
        }
    )
    weak = cov.weak_links.head(12)
    weak_rows = pd.DataFrame(
        {
            _t("col_input", language): localised_names(
                weak["input_id"], weak["input_name"], language
            ),
            _t("col_share", language): [fmt_pct(v, 1) for v in weak["coalition_share_pct"]],
            _t("col_year", language): [fmt_year(y) for y in weak["year"]],
            _t("col_source", language): weak["source"],
        }
    )
    union = syn.union_only
    union_rows = pd.DataFrame(
        {
            _t("col_input", language): localised_names(
                union["input_id"], union["input_name"], language
            ),
            _t("col_share_a", language, a=a): [fmt_pct(v, 1) for v in union["share_a_pct"]],
            _t("col_share_b", language, b=b): [fmt_pct(v, 1) for v in union["share_b_pct"]],
            _t("col_share", language): [fmt_pct(v, 1) for v in union["union_share_pct"]],
        }
    )
    title = _t("coalition_title", language, members=all_names)
    method = _t(  # exact, or sampled orders with their count and seed
        f"shapley_method.{sv.method}", language, samples=fmt_int(sv.samples), seed=sv.seed
    )
    rule = _t("coalition_rule", language, threshold=fmt_pct(threshold), release=s["release"])
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p class='finding'>{esc(finding)}</p>",
        *(_asked_lines(asked, language) if asked is not None else []),
        # what the values count and that fab capacity is not among it, under the finding as on
        # the CLI, the API (`scope`) and the dashboard (uxr2 finding 1)
        f"<p class='caveat scope'>{esc(coalition_scope(language))}</p>",
        f"<p class='muted'>{esc(_t('kind_coalition', language))} · {esc(rule)}</p>",
        f"<h2>{esc(_t('shapley_heading', language))}</h2>",
        chart_figure(chart, language),
        f"<p class='band'>{esc(_t('shapley_words', language, method=method))}</p>",
        html_table(shapley_rows),
        f"<h2>{esc(_t('weak_heading', language))}</h2>",
        html_table(weak_rows),
    ]
    if not with_appendix:  # `chipshock report --coalition ... --no-appendix`
        if full_command is None:
            head = asked.sides[0] if asked is not None else members[:first]
            rest = asked.sides[1] if asked is not None else members[first:]
            full_command = structure_report_command([",".join(head), *rest], language)
        return _without_appendix(title, body, full_command, language)
    appendix = [f"<h2>{esc(_t('union_heading', language))}</h2>", html_table(union_rows)]
    appendix.append(glossary("".join(body + appendix) + " " + " ".join(members), language))
    appendix.append(sources_list(language))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


def _without_appendix(title: str, body: list[str], command: str, lang: Lang) -> str:
    """The page of ``body`` and, where the appendix would start, the line that gives the
    ``command`` for the full briefing (`appendix_left_out`)."""
    return page(title, [*body, appendix_left_out(command, lang)], lang)


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
        chart_figure(chart, language),
        f"<h2>{esc(_t('alliance_fabs_heading', language))}</h2>",
        html_table(fab_rows),
        f"<p class='muted'>{esc(_t('alliance_fabs_note', language, end=FAB_YEARS[1]))}</p>",
        *milestones,
    ]
    if not with_appendix:  # `chipshock report --alliance --no-appendix`
        command = full_command or structure_report_command(None, language)
        return _without_appendix(title, body, command, language)
    appendix = [f"<h2>{esc(_t('alliance_table', language))}</h2>", html_table(rows)]
    appendix.append(glossary("".join(body + appendix), language))
    appendix.append(sources_list(language))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


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


def write_coalition_report(
    db: Path | str,
    members: list[str],
    path: Path | str,
    lang: str = "en",
    first: int = 1,
    asked: CoalitionAsk | None = None,
    *,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> Path:
    """Write the coalition briefing (temp file, then rename); return its path.
    ``with_appendix=False`` leaves the appendix out, saying which command (``full_command``)
    writes it (see `coalition_report`)."""
    text = coalition_report(
        db,
        members,
        lang,
        first,
        asked,
        with_appendix=with_appendix,
        full_command=full_command,
    )
    return _write(text, path)


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
    return _write(text, path)


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
