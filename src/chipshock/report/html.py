"""The briefing: a self-contained HTML page (inline CSS and SVG, no scripts, no network) and PDF.

Main body (two printed A4 pages): the finding in one sentence, one chart with the uncertainty
explained in words, the named assumptions that drive it (`chipshock.report.assumptions`), key
figures, a short plain-language summary, and optionally what drives the answer (a tornado). The
chart of one scenario is the output of end products; a comparison, whose finding is the loss
avoided, leads with the run-by-run avoided loss (`chipshock.present.avoided_chart`; with
``--by-fab`` also what each alliance fab avoids alone) and draws the hardest-hit market's output
on both sides after the key figures. The appendix
starts on a new page: further charts, KPI tables, every data row used with its source and as-of
date, a glossary of every code and term shown, data sources and licences. Without it
(``--no-appendix``, `chipshock.report.appendix_note`) the body ends with the command that writes
the full briefing.

All words come from the message catalogue and all numbers from `chipshock.present.numbers`;
charts are the Vega-Lite specs of `chipshock.present.charts`, drawn as inline SVG.

The page's scaffold and CSS are `chipshock.report.page`; the body's about, key-figure and lead
pieces `chipshock.report.body`; the appendix's tables `chipshock.report.appendix_tables`; the
glossary and sources `chipshock.report.glossary`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from chipshock import __version__
from chipshock.analysis.registry import DataRelease
from chipshock.present.charts_results import chart_specs
from chipshock.present.coverage_notes import uncounted_fabs_note
from chipshock.present.finding import finding, quoter
from chipshock.present.history_caveats import market_caveats
from chipshock.present.labels import check_lang, fab_operators, operator_names
from chipshock.present.numbers import fmt_int
from chipshock.present.provenance import engine_source, package_release
from chipshock.present.summary import (
    ALLIANCE_SIDES,
    better_side,
    first_is_better,
    is_comparison,
    key_figures,
    no_better_text,
    scenario_title,
    side_labels,
    summary_text,
)
from chipshock.report.appendix_note import full_report_command, page_without_appendix
from chipshock.report.appendix_tables import (
    assumption_rows,
    avoided_table,
    loss_figure,
    result_tables,
)
from chipshock.report.assumptions import assumption_items, fab_names
from chipshock.report.body import (
    BODY_COMPARE_HEIGHT,
    COMPACT_WIDTH,
    about_section,
    avoided_figures,
    key_figure_cards,
)
from chipshock.report.contributions import contributions_section
from chipshock.report.glossary import glossary, sources_list
from chipshock.report.materials import materials_section
from chipshock.report.page import chart_figure, chart_title, esc, page, report_text, write_page
from chipshock.report.sensitivity import sensitivity_section
from chipshock.report.sobol_section import sobol_section
from chipshock.report.utilisation import utilisation_section

__all__ = ["render_report", "write_report"]


def render_report(
    result_or_comparison: Any,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
    data: Any = None,
    sobol: Any = None,
    release: DataRelease | None = None,
    contributions: Any = None,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> str:
    """The briefing as one HTML string (see `write_report`).

    ``data`` (`chipshock.sim.ModelData`) names the fabs a scenario switches off, with their
    capacities, and the registry's fabs without a capacity row, which count as zero; without
    it the assumptions list the shocks only. ``release``: the store's curated data release,
    stated on page 1, under every chart and in the sources (default: the release of the files
    this package ships, `chipshock.present.provenance.package_release`). ``contributions`` (a
    `chipshock.sim.run.contributions.FabContributions`) adds "What each alliance fab avoids"
    early in the appendix (`chipshock.report.contributions`). ``with_appendix=False``: the body
    alone, the same to the byte, then a line that gives the command for the full briefing
    (``full_command``, default `full_report_command`) where the appendix would start."""
    language = check_lang(lang)
    obj = result_or_comparison
    comparison = is_comparison(obj)
    first = obj.a if comparison else obj
    ta, tb = side_labels(obj, language, label_a, label_b) if comparison else ("", "")
    title = f"{ta} ↔ {tb}" if comparison else scenario_title(obj, language)
    if comparison and {ta, tb} == set(ALLIANCE_SIDES[language]):
        base = obj.a if ta == ALLIANCE_SIDES[language][0] else obj.b
        title = report_text(
            "title_sides", language, scenario=scenario_title(base, language), a=ta, b=tb
        )
    runs = key_figures(first).get("runs") or getattr(first, "runs", 0)
    seed = getattr(first, "seed", "–")
    # a comparison's two-band chart follows the lead chart on the body's second page: lower
    specs = chart_specs(
        obj, language, label_a=label_a, label_b=label_b, compare_height=BODY_COMPARE_HEIGHT
    )
    main_chart = specs.get("compare" if comparison else "output")
    meta = report_text(
        "meta",
        language,
        runs=fmt_int(runs),
        seed=seed,
        date=dt.date.today().isoformat(),
        version=__version__,
    )
    data_release = release or package_release()
    released = report_text(
        "data_release", language, number=data_release.number, date=data_release.date
    )
    source = report_text("figure_source", language, source=engine_source(data_release, language))
    body = [
        f"<h1>{esc(title)}</h1>",
        f"<p class='finding'>{esc(finding(obj, language, label_a=label_a, label_b=label_b))}</p>",
        # a market the history check shows far from history, under the finding (review 14 #1)
        *(
            f"<p class='caveat'>{esc(c)}</p>"
            for c in market_caveats(obj, language, short=True, label_a=label_a, label_b=label_b)
        ),
        f"<p class='muted'>{esc(report_text('kind', language))}"
        f"{esc(report_text('kind_sep', language))}{esc(meta)}</p>",
        f"<p class='muted release'>{esc(released)}</p>",
    ]
    band_words = (
        f"<p class='band'>{esc(report_text('band_words', language, runs=fmt_int(runs)))}</p>"
    )
    names = fab_names(data, language) if data is not None else {}
    above = report_text(
        "figure_source_above", language, number=data_release.number, date=data_release.date
    )
    lead = avoided_figures(obj, specs.get("avoided"), contributions, names, language, source, above)
    if lead:  # a comparison leads with what its headline is about (review 16 #9)
        body.append(lead)
    else:
        body += [chart_figure(main_chart, language, source), band_words]
    sides = [(ta, obj.a), (tb, obj.b)] if comparison else [("", obj)]
    # what the scenario is and leaves out (review12 #3): in the body for one scenario; a
    # comparison's two descriptions open the appendix and the body says so, so that its key
    # figures stay on the first two A4 pages (both descriptions pushed them to page 3)
    if comparison:
        body.append(f"<p class='about'>{esc(report_text('about_in_appendix', language))}</p>")
    else:
        body.append(about_section(sides, language, comparison))
    body.append(f"<h2>{esc(report_text('assumptions', language))}</h2>")
    seen: set[str] = set()
    for name, side in sides:
        items = [i for i in assumption_items(side, data, language) if i not in seen]
        seen.update(items)
        if items:
            head = f"<h3>{esc(name)}</h3>" if comparison else ""
            body.append(
                head + "<ul class='assume'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            )
    uncounted = uncounted_fabs_note(data.fabs, data.fab_capacity, language) if data else ""
    if uncounted:  # fabs that could move the answer, were their capacity known
        body.append(f"<p class='muted uncounted'>{esc(uncounted)}</p>")
    body.append(f"<p class='muted'>{esc(report_text('assume_sources', language))}</p>")
    body.append(f"<h2>{esc(report_text('key', language))}</h2>")
    for name, side in sides:
        body.append(
            (f"<h3>{esc(name)}</h3>" if comparison else "") + key_figure_cards(side, language)
        )
    if lead:  # both sides' output after the key figures, printed smaller: page 2 holds it
        # how to read it and the lead chart's source, named short, in the column beside it
        # (session 26: the Japanese body keeps a few lines to spare on page 2)
        narrow = {**main_chart, "width": COMPACT_WIDTH} if main_chart is not None else None
        compact = chart_figure(narrow, language, above).replace(
            "<figure>", "<figure class='compact' data-chart='compare'>", 1
        )
        body.append(compact.replace("</figure>", band_words + "</figure>", 1))
    body.append(
        f"<h2>{esc(report_text('summary', language))}</h2><p>"
        # the per-market caveats are under the finding on page 1 already
        f"{esc(summary_text(obj, language, label_a=label_a, label_b=label_b, caveats=False))}</p>"
    )
    if not with_appendix:  # `chipshock report --no-appendix`
        command = full_command or full_report_command(
            obj,
            language,
            sensitivity=sensitivity is not None,
            sobol=sobol is not None,
            by_fab=contributions is not None,
        )
        return page_without_appendix(title, body, command, language)
    appendix = [f"<h2>{esc(report_text('appendix', language))}</h2>"]
    if comparison:
        appendix.append(about_section(sides, language, comparison))
    if contributions is not None:  # what each alliance fab avoids, with the fabs' names
        appendix.append(contributions_section(contributions, names, language))
    if sensitivity is not None:  # early in the appendix: the main body stays on two pages
        appendix.append(sensitivity_section(sensitivity, language))
    if sobol is not None:
        appendix.append(sobol_section(sobol, language))
    if comparison:
        flip = first_is_better(obj)
        better, worse = (ta, tb) if flip else (tb, ta)
        q = quoter(language)
        caption = report_text("chart_loss_saved", language, better=q(better), worse=q(worse))
        if better_side(obj) is None:  # a tie: say so, and which way the amounts read
            tie = report_text(
                "avoided_tie", language, neither=no_better_text(language), a=q(worse), b=q(better)
            )
            appendix.append(f"<p class='tie'>{esc(tie)}</p>")
        appendix.append(
            loss_figure(obj.delta, language, caption, sign=1.0 if flip else -1.0, source=source)
        )
        appendix.append(
            f"<h3>{esc(report_text('avoided', language, better=q(better), worse=q(worse)))}</h3>"
            + avoided_table(obj, language)
        )
    for prefix, (name, side) in zip(("a.", "b.") if comparison else ("",), sides, strict=False):
        suffix = f" — {name}" if comparison else ""
        for key in (
            "output",
            "delivered",
            "supply",
            "loss_country",
            "value_added",
            "country_market",
        ):
            if comparison or key != "output":
                spec = specs.get(prefix + key)
                if spec is not None:
                    spec = {
                        **spec,
                        "title": {**chart_title(spec), "text": chart_title(spec)["text"] + suffix},
                    }
                appendix.append(chart_figure(spec, language, source))
                if key == "value_added" and spec is not None:
                    appendix.append(
                        f"<p class='muted'>{esc(report_text('measures', language))}"
                        f"{' ' if language == 'en' else ''}"
                        f"{esc(report_text('va_geography', language))}</p>"
                    )
        appendix += result_tables(side, language, suffix, source)
        appendix.append(
            utilisation_section(
                side,
                language,
                suffix,
                fab_names(data, language) if data is not None else None,
                operator_names(data.fabs, language) if data is not None else None,
                data.model_assumptions if data is not None else None,
                fab_operators(data.fabs, language) if data is not None else None,
            )
        )
    if data is not None:  # who supplies each raw material, and how long stocks last
        appendix.append(materials_section(data, language))
    appendix.append(assumption_rows(first, language))
    text_so_far = "".join(body + appendix)
    appendix.append(glossary(text_so_far, language))
    appendix.append(sources_list(language, released))
    body.append("<section class='appendix'>" + "".join(appendix) + "</section>")
    return page(title, body, language)


def write_report(
    result_or_comparison: Any,
    path: Path | str,
    lang: str = "en",
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    sensitivity: Any = None,
    data: Any = None,
    sobol: Any = None,
    release: DataRelease | None = None,
    contributions: Any = None,
    with_appendix: bool = True,
    full_command: str | None = None,
) -> Path:
    """Write the briefing as one self-contained HTML file (temp file, then rename); its path.

    ``sensitivity`` (a `chipshock.sim.SensitivityResult`) adds "What drives this answer?",
    ``sobol`` (a `chipshock.sim.sobol.SobolResult`) the Sobol section, ``contributions`` what
    each alliance fab avoids; ``data`` names the fabs switched off; ``with_appendix=False`` leaves
    the appendix out, saying which command (``full_command``) writes it (see `render_report`)."""
    text = render_report(
        result_or_comparison,
        lang,
        label_a=label_a,
        label_b=label_b,
        sensitivity=sensitivity,
        data=data,
        sobol=sobol,
        release=release,
        contributions=contributions,
        with_appendix=with_appendix,
        full_command=full_command,
    )
    return write_page(text, path)
