"""The pieces of a briefing's body (its first two printed A4 pages) that are not the finding
or the assumptions: what each scenario is (`about_section`), the key figures' cards
(`key_figure_cards`) and a comparison's lead, the run-by-run avoided loss with, given, what each
alliance fab avoids alone (`avoided_figures`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chipshock.present.avoided_chart import avoided_loss, fab_bars_spec
from chipshock.present.coverage_notes import country_shock_scope
from chipshock.present.labels import Lang, market_label
from chipshock.present.numbers import AT_LEAST, fmt_int, fmt_pct, fmt_range, fmt_usd, fmt_weeks
from chipshock.present.summary import is_comparison, key_figures
from chipshock.report.page import chart_figure, esc, report_text

__all__ = [
    "BODY_COMPARE_HEIGHT",
    "COMPACT_WIDTH",
    "about_section",
    "avoided_figures",
    "card_band",
    "key_figure_cards",
]

#: plot height (px) of a comparison's two-band chart in the body, after the avoided-loss chart
BODY_COMPARE_HEIGHT = 90
#: width (px) a compact figure's chart is drawn at: printed in its 62 % column of an A4 page
#: (436 px) at 0.93 of its size, its 12 px text is 8.4 pt (drawn at 640 px it was 6.1 pt)
COMPACT_WIDTH = 470


def _description(result: Any, lang: Lang) -> str:
    """A side's scenario description in ``lang`` (falls back to English; "" without one)."""
    sc = getattr(result, "scenario", None)
    text = getattr(sc, "description_ja", "") if lang == "ja" else ""
    return str(text or getattr(sc, "description", "") or "")


def about_section(sides: list[tuple[str, Any]], lang: Lang, comparison: bool) -> str:
    """What each scenario is, as its description says (review12 #3): the shock, why its length
    is an assumption, what the model leaves out. A paragraph another side already showed is
    not repeated (the default comparison runs one scenario twice); "" without descriptions."""
    seen: set[str] = set()
    parts = []
    for name, side in sides:
        paragraphs = [p.strip() for p in _description(side, lang).split("\n\n") if p.strip()]
        # loss by country leaves out the shock's own damage in the shocked country (review 16
        # #10)
        scope = country_shock_scope([getattr(side, "scenario", None)], lang)
        new = [p for p in [*paragraphs, scope] if p and p not in seen]
        seen.update(new)
        if new:
            head = f"<h3>{esc(name)}</h3>" if comparison else ""
            parts.append(head + "".join(f"<p class='about'>{esc(p)}</p>" for p in new))
    if not parts:
        return ""
    return f"<h2>{esc(report_text('about', lang))}</h2>" + "".join(parts)


def key_figure_cards(result: Any, lang: Lang) -> str:
    """Key figures: output first (worst point, weeks lost, recovery, USD at risk), then chips."""
    f = key_figures(result)
    # no market loses output: the cards give all markets, not the first of a tie at 0
    m = market_label("all" if f.get("no_market_loses") else f.get("worst_market", ""), lang)
    cards = []
    if "peak_output" in f:
        v = fmt_pct(100 - f["peak_output"]["p50"])
        cards.append(
            (report_text("card_peak", lang, market=m), report_text("card_peak_v", lang, value=v))
        )
    if "output_weeks" in f:
        v = fmt_weeks(f["output_weeks"]["p50"], lang)
        cards.append((report_text("card_weeks", lang), report_text("card_weeks_v", lang, value=v)))
    if "recover" in f:
        v = fmt_weeks(f["recover"]["p50"], lang, unit=True)
        censored = f.get("not_recovered")
        if censored is not None and censored["median"]:  # not back to normal by the end
            v = AT_LEAST + v
        cards.append((report_text("card_recover", lang, market=m), v))
    notes: dict[int, str] = {}  # a card's line under its value
    if "loss" in f:
        loss = f["loss"]
        band = card_band(fmt_usd(loss["p5"], lang), fmt_usd(loss["p95"], lang), lang)
        notes[len(cards)] = report_text(
            "card_loss_band", lang, band=band
        )  # the first number quoted
        cards.append((report_text("card_loss", lang), fmt_usd(loss["p50"], lang)))
    if "peak_chips" in f:
        v = fmt_pct(100 - f["peak_chips"]["p50"])
        cards.append(
            (report_text("card_chips", lang, market=m), report_text("card_chips_v", lang, value=v))
        )
    inner = "".join(
        f"<div class='fig'>{esc(k)}<b>{esc(v)}</b>"
        + (f"<span class='band'>{esc(notes[i])}</span>" if i in notes else "")
        + "</div>"
        for i, (k, v) in enumerate(cards)
    )
    return f"<div class='figures'>{inner}</div>"


def avoided_figures(
    obj: Any,
    spec: Mapping[str, Any] | None,
    contributions: Any,
    names: Mapping[str, str],
    lang: Lang,
    source: str,
    source_above: str = "",
) -> str:
    """A comparison's lead: the per-run avoided loss drawn from ``spec``, the chart the
    dashboard and the API send (`chart_specs`' ``avoided``, one spec on every surface), with
    its p5, p50 and p95 as data attributes (`avoided_loss`, the numbers `scenario compare`
    prints) and, with ``contributions``, what each alliance fab avoids on its own, under
    ``source_above`` (the lead's source named short); "" for a single result or without
    per-run tables (no ``spec``)."""
    avoided = avoided_loss(obj) if is_comparison(obj) else None
    if avoided is None or spec is None:
        return ""
    marks = " ".join(f"data-{k}='{avoided.stats[k]!r}'" for k in ("p5", "p50", "p95"))
    figure = chart_figure(spec, lang, source).replace(
        "<figure>", f"<figure class='lead' data-chart='avoided' {marks}>", 1
    )
    bars = (
        fab_bars_spec(contributions, names, lang, width=COMPACT_WIDTH)
        if contributions is not None
        else None
    )
    if bars is None:
        return figure
    note = report_text(
        "fabs_chart_source", lang, runs=fmt_int(contributions.runs, lang), seed=contributions.seed
    )
    # the bars carry their values: the values in words stay the SVG's text alternative; the
    # source is the lead chart's, right above, named short (review 16 leftover 3: the body with
    # --by-fab stays on two A4 pages)
    fabs = chart_figure(bars, lang, f"{source_above} {note}", caption=False).replace(
        "<figure>", "<figure class='compact' data-chart='fabs-alone'>", 1
    )
    return figure + fabs


def card_band(low: str, high: str, lang: Lang) -> str:
    """The output-at-risk card's 90% band: in English one currency written once when both ends
    share a unit, so that the narrow card keeps it on one line (the printed comparison's page 2
    has no room for more); else `fmt_range`.

    >>> card_band("USD 146.8 bn", "USD 946.4 bn", "en")
    'USD 146.8 bn – 946.4 bn'
    >>> card_band("USD 164.3 bn", "USD 1.01 trillion", "en")
    'USD 164.3 bn to USD 1.01 trillion'
    >>> card_band("1,468億ドル", "9,464億ドル", "ja")
    '1,468億ドル〜9,464億ドル'
    """
    same_unit = (
        low.startswith("USD ")
        and high.startswith("USD ")
        and low.rsplit(" ", 1)[-1] == high.rsplit(" ", 1)[-1]
    )
    if lang == "en" and same_unit:
        return f"{low} – {high.removeprefix('USD ')}"
    return fmt_range(low, high, lang)
