"""The report's Sobol section: which assumptions, and which combinations, drive the answer.

Drawn from a `chipshock.sim.sobol.SobolResult`: the reading (`sobol_text`), the chart of
first-order and total indices with their 95% bootstrap intervals (`sobol_chart`, the spec the
dashboard embeds too), the convergence flag in words, and the table with each assumption's
source.
"""

from __future__ import annotations

import html
from typing import Any

from chipshock.present.charts import render_svg
from chipshock.present.labels import Lang, confidence_label
from chipshock.present.messages import count_message, message
from chipshock.present.numbers import fmt_int, fmt_pct, fmt_span
from chipshock.report.sensitivity import factor_value, source_cell
from chipshock.report.sobol_reading import sobol_chart, sobol_text, sobol_tidy

__all__ = ["convergence_text", "sobol_section"]


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def convergence_text(result: Any, lang: Lang = "en") -> str:
    """Whether the total indices are stable, in words (the tolerance as a percentage), and
    when not, the base points estimated for stable indices (`SobolResult.samples_needed`)."""
    key = "sobol.stable" if result.converged else "sobol.unstable"
    text = message(key, lang, tol=fmt_pct(100 * float(result.tolerance), 0, lang))
    needed = int(getattr(result, "samples_needed", 0) or 0)
    if result.converged or needed <= int(result.samples):
        return text
    n = fmt_int(needed, lang)
    return text + message("sobol.needed", lang, n=n)


def sobol_section(result: Any, lang: Lang = "en") -> str:
    """The HTML of the section: heading, reading, chart, stability, table with sources."""
    tidy = sobol_tidy(result, lang)
    spec = sobol_chart(result, lang)
    chart = f"<figure>{render_svg(spec)}</figure>" if spec is not None else ""
    # the catalogue's last two columns (data row, source) are one cell here, with the range's
    # row and source, as in the tornado's table (`source_cell`)
    cols = [*message("sobol.cols", lang).split("|")[:-2], message("report.sens_col_source", lang)]
    head = "".join(f"<th>{_esc(c)}</th>" for c in cols)
    sources = {s.factor: s for s in result.sources}

    def span(r: Any) -> str:
        u = str(r["unit"])
        low, high = (factor_value(u, r[k], lang) for k in ("low_value", "high_value"))
        return fmt_span(low, high, lang)

    def pct(v: float, half: float | None = None) -> str:
        text = fmt_pct(v, 0, lang)
        return f"{text} ± {fmt_pct(half, 0, lang)}" if half is not None else text

    body = "".join(
        "<tr>"
        f"<td>{_esc(r['assumption'])}</td><td>{_esc(span(r))}</td>"
        f"<td class='n'>{_esc(pct(r['total_pct'], r['total_ci_pct']))}</td>"
        f"<td class='n'>{_esc(pct(r['first_order_pct'], r['first_order_ci_pct']))}</td>"
        f"<td class='n'>{_esc(pct(r['interaction_pct']))}</td>"
        f"<td class='n'>{_esc(pct(r['total_half_pct']))}</td>"
        f"<td>{_esc(confidence_label(str(r['confidence']), lang))}</td>"
        f"<td class='source'>{source_cell(r, lang, sources.get(str(r['factor'])))}</td></tr>"
        for _, r in tidy.iterrows()
    )
    runs = count_message(
        "sobol.runs_chance",
        result.runs,
        lang,
        samples=fmt_int(result.samples, lang),
        evaluations=fmt_int(result.evaluations, lang),
        runs=fmt_int(result.runs, lang),
        seed=result.seed,
    )
    intro = message("sobol.intro_chance", lang, levels=int(getattr(result, "levels", 0) or 8))
    return (
        f"<section id='sobol'><h2>{_esc(message('sobol.title', lang))}</h2>"
        f"<p class='summary'>{_esc(sobol_text(result, lang))}</p>"
        f"<p class='muted'>{_esc(intro)}</p>"
        f"{chart}<p class='{'muted' if result.converged else 'note'}'>"
        f"{_esc(convergence_text(result, lang))}</p>"
        f"<table class='sensitivity'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p class='muted'>{_esc(runs)}</p></section>"
    )
