"""The coalition briefing: how much of the chain a group of countries supplies on its own.

The finding (how many inputs the members together hold at least ``threshold`` % of, and the
synergy v(A ∪ B) − v(A) − v(B) of the first member against the others, from
`chipshock.analysis.shapley.synergy`), under it what the values count (the ETO's assessed
inputs, not wafer fabrication capacity: `coalition_scope`), a chart of Shapley values (exact
up to 12 members), the weak links (inputs the coalition covers least) and the inputs only the
coalition covers. Asked as groups (`CoalitionAsk`: EU27 CHIP4, QUAD), the briefing names the
groups as asked, their members, the members without data and the rows of a region that no
member owns (the ETO's EUR) on its first page, and the synergy's two sides by the names they
were asked by. The alliance tracker's briefing is `chipshock.report.alliance`. Every table
names its source; ETO data keeps its licence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chipshock.errors import InputError, Problem
from chipshock.model.groups import RegionRows
from chipshock.present.charts import Spec, bar_spec, labelled
from chipshock.present.coverage_notes import coalition_scope
from chipshock.present.eto_names import localised_names
from chipshock.present.group_notes import asked_sentences
from chipshock.present.group_notes import join_names as _join
from chipshock.present.group_notes import names_text as _names
from chipshock.present.labels import Lang, check_lang, country_label, eto_label
from chipshock.present.numbers import fmt_int, fmt_pct, fmt_year
from chipshock.present.synergy_text import synergy_reading
from chipshock.report.appendix_note import page_without_appendix, structure_report_command
from chipshock.report.body import COMPACT_WIDTH
from chipshock.report.glossary import glossary, sources_list
from chipshock.report.page import chart_figure, esc, html_table, page, write_page
from chipshock.report.page import report_text as _t

__all__ = ["CoalitionAsk", "coalition_report", "write_coalition_report"]

#: a Markdown link in an ETO source text ("[WSTS](https://perma.cc/...)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _plain_source(text: object) -> str:
    """An ETO source as printed text: a Markdown link keeps its words (the ETO's archived
    address stays in the data and the CLI's CSV).

    >>> _plain_source("Sales by product [segments](https://perma.cc/UH5R). [WSTS](https://x.org).")
    'Sales by product segments. WSTS.'
    """
    return _MD_LINK.sub(r"\1", str(text)) if isinstance(text, str) else ""


#: the seed and sample count of sampled Shapley values (over 12 members): those of `chipshock
#: shapley --seed/--samples` and GET /api/shapley's ``seed``/``samples`` defaults
SHAPLEY_SEED = 0
SHAPLEY_SAMPLES = 2000


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


def _shapley_figure(chart: Spec, lang: Lang, method: str, release: object) -> str:
    """The Shapley chart as a compact figure: beside it, what the Shapley value is
    (``method``: exact or sampled) and the chart's source, the ETO ``release`` the shares
    come from."""
    source = _t("shapley_chart_source", lang, release=eto_label(str(release), lang))
    words = f"<p class='band'>{esc(_t('shapley_words', lang, method=method))}</p>"
    # its values are the table's under it: the words of its bars stay the SVG's <desc>
    figure = chart_figure(chart, lang, source, caption=False).replace(
        "<figure>", "<figure class='compact' data-chart='shapley'>", 1
    )
    return figure.replace("</figure>", words + "</figure>", 1)


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
    synergy_text = synergy_reading(syn, a, b, language)
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
    desc = ("、" if language == "ja" else "; ").join(
        labelled(str(lab), fmt_pct(v, 1, language), language)
        for lab, v in zip(bars["label"], bars["value"], strict=True)
    )
    # drawn compact, its words and source beside it (the English USA JPN NLD briefing without
    # its appendix ran its last line onto page 2)
    chart = bar_spec(
        bars,
        title=_t("shapley_chart", language),
        description=desc,
        x_title=_t("axis_share_inputs", language),
        width=COMPACT_WIDTH,
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
            _t("col_source", language): [_plain_source(x) for x in weak["source"]],
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
            # each share's year and source, as the weak links above (audit31, finding 11)
            _t("col_year", language): [fmt_year(y) for y in union["year"]],
            _t("col_source", language): [_plain_source(x) for x in union["source"]],
        }
    )
    title = _t("coalition_title", language, members=all_names)
    method = _t(  # exact, or sampled orders with their count and seed
        f"shapley_method.{sv.method}", language, samples=fmt_int(sv.samples), seed=sv.seed
    )
    rule = _t(
        "coalition_rule",
        language,
        threshold=fmt_pct(threshold),
        release=eto_label(str(s["release"]), language),
    )
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p class='finding'>{esc(finding)}</p>",
        *(_asked_lines(asked, language) if asked is not None else []),
        # what the values count and that fab capacity is not among it, under the finding as on
        # the CLI, the API (`scope`) and the dashboard (uxr2 finding 1)
        f"<p class='caveat scope'>{esc(coalition_scope(language))}</p>",
        f"<p class='muted'>{esc(_t('kind_coalition', language))}"
        f"{esc(_t('kind_sep', language))}{esc(rule)}</p>",
        f"<h2>{esc(_t('shapley_heading', language))}</h2>",
        _shapley_figure(chart, language, method, s["release"]),
        html_table(shapley_rows),
        f"<h2>{esc(_t('weak_heading', language))}</h2>",
        html_table(weak_rows),
    ]
    if not with_appendix:  # `chipshock report --coalition ... --no-appendix`
        if full_command is None:
            head = asked.sides[0] if asked is not None else members[:first]
            rest = asked.sides[1] if asked is not None else members[first:]
            full_command = structure_report_command([",".join(head), *rest], language)
        return page_without_appendix(title, body, full_command, language)
    appendix = [f"<h2>{esc(_t('union_heading', language))}</h2>", html_table(union_rows)]
    appendix.append(glossary("".join(body + appendix) + " " + " ".join(members), language))
    appendix.append(sources_list(language))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


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
    return write_page(text, path)
