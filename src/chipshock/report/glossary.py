"""The back of every briefing (scenario, comparison, coalition, alliance tracker): a glossary
of every term and code the page shows, and the data sources with their licences.
"""

from __future__ import annotations

import re

from chipshock.present.labels import Lang, country_label
from chipshock.present.messages import catalogue, has_message, message
from chipshock.report.page import esc, report_text

__all__ = ["glossary", "sources_list"]


def glossary(text: str, lang: Lang) -> str:
    """Every term and code the page shows: fixed entries, then the country codes it contains
    (read without the line-break hints of `chipshock.report.page.cell_text`: ``ai_<wbr>datacenter``
    is the code ``ai_datacenter``)."""
    text = text.replace("<wbr>", "")
    entries = [
        (message(f"glossary.{k}.term", lang), message(f"glossary.{k}.meaning", lang))
        for k in ("p50", "p5_p95", "futures", "crn", "output", "usd", "wspm", "alliance_fabs")
    ]
    codes = sorted(set(re.findall(r"\b[A-Z]{3,4}\b", text)))
    entries += [
        (code, country_label(code, lang)) for code in codes if has_message(f"country.{code}", lang)
    ]
    for family in ("market", "node"):  # codes of the data rows in the appendix's tables
        prefix = f"{family}."
        for key, name in catalogue(lang).items():
            code = key.removeprefix(prefix)
            coded = "_" in code or any(ch.isdigit() for ch in code)  # not an ordinary word
            if key.startswith(prefix) and coded and re.search(rf"\b{code}\b", text):
                entries.append((code, name))
    inner = "".join(f"<dt>{esc(a)}</dt><dd>{esc(b)}</dd>" for a, b in entries)
    return f"<h2>{esc(report_text('glossary', lang))}</h2><dl class='glossary'>{inner}</dl>"


def sources_list(lang: Lang, released: str = "") -> str:
    """The sources list; ``released`` (the data release line) first, when given."""
    items = "".join(f"<li>{esc(report_text(k, lang))}</li>" for k in ("eto", "curated", "software"))
    first = f"<li>{esc(released)}</li>" if released else ""
    return f"<h2>{esc(report_text('sources', lang))}</h2><ul>{first}{items}</ul>"
