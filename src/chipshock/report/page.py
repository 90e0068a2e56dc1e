"""The briefing's page: its CSS (screen and print), one self-contained HTML document around a
body, and the pieces every briefing is built from (text escaped, a report message, a table, a
chart with its text alternative and source).

Every table sits in a box of its own that scrolls sideways on a narrow screen; printed, the
box lets the table lay out at the page's width (`page`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.present.charts import render_svg
from chipshock.present.labels import Lang
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_plain
from chipshock.report.links import source_link

__all__ = [
    "CSS",
    "cell_text",
    "chart_figure",
    "chart_title",
    "esc",
    "html_table",
    "page",
    "report_text",
    "write_page",
]

CSS = """
body{font-family:"Noto Sans","Noto Sans CJK JP",system-ui,sans-serif;max-width:900px;
margin:1.5em auto;padding:0 1em;color:#222;line-height:1.5;font-size:15px}
h1{font-size:1.55em;margin:.1em 0 .2em}
h2{font-size:1.15em;border-bottom:2px solid #0072B2;padding-bottom:.15em;margin:1.2em 0 .4em}
h3{font-size:1em;margin:.9em 0 .3em}
h4{font-size:.95em;margin:.7em 0 .25em}
.finding{font-size:1.2em;font-weight:600;background:#eef5fb;border-left:5px solid #0072B2;
padding:.6em 1em;margin:.6em 0}
.caveat{font-size:.8em;border-left:5px solid #E69F00;padding:0 .8em;margin:.2em 0}
.figures{display:flex;gap:.6em;flex-wrap:wrap;margin:.4em 0}
.fig{flex:1 1 150px;border:1px solid #ddd;border-radius:6px;padding:.4em .7em;font-size:.9em}
.fig b{display:block;font-size:1.35em;color:#0072B2}
.fig .band{display:block;font-size:.85em;color:#555}
p.about{font-size:.85em;margin:.3em 0}
ul.assume{margin:.3em 0;padding-left:1.2em}ul.assume li{margin:.2em 0}
table{border-collapse:collapse;font-size:.82em;margin:.5em 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}
td a{overflow-wrap:break-word}
.table-scroll{overflow-x:auto;max-width:100%;margin:.5em 0}.table-scroll>table{margin:0}
td.whole{white-space:nowrap}td.range{white-space:normal}td.range span{white-space:nowrap}
span.date{white-space:nowrap}
/* Japanese breaks between any two characters: in a key figure's card and a table cell, narrow
boxes, a line broke inside a word (「5.2週／間分」, 「半／導体」, 「ノー／ド区分」); there it
breaks between phrases, but for the producers' and operators' names, whose long katakana
phrases (ソニーセミコンダクタソリューションズ) would widen their table past the page */
:lang(ja) .fig,:lang(ja) th,:lang(ja) td{word-break:auto-phrase}
:lang(ja) table[class^=utilisation] td:nth-child(-n+2){word-break:normal}
/* kinsoku: no Japanese line starts with a small kana or 「ー」 (the producers' names above
printed 「ボッシ／ュ」, 「セミコンダクタ／ー」) */
:lang(ja){line-break:strict}
table.sensitivity td:first-child{min-width:8em}table.sensitivity td.source{min-width:14em}
svg.chart{width:100%;height:auto;max-width:100%}
figure{margin:.6em 0}figcaption{font-weight:bold}
.muted{color:#555;font-size:.85em}p.appendix-left-out code{overflow-wrap:anywhere}
.old-capacity{color:#8a4b00;font-weight:600}.band{font-size:.9em}
dl.glossary dt{font-weight:bold}dl.glossary dd{margin:0 0 .4em 1.2em}
@page{size:A4;margin:10mm 12mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.3}
h1{font-size:16pt}h2{font-size:12pt;margin-top:.6em}h3{margin-top:.6em}.finding{font-size:12pt}
figure{margin:.4em 0}figure p.muted{margin:.3em 0}
.appendix{break-before:page}figure,.figures,table,dl,ul.assume li li{break-inside:avoid}
.keep-with-table{break-inside:avoid}h2,h3,h4{break-after:avoid}a{color:inherit;text-decoration:none}
figure.compact{display:grid;grid-template-columns:62% 1fr;column-gap:1em;align-items:start}
figure.compact svg.chart{grid-row:1/span 4}figure.compact p{margin:0 0 .4em}
details>summary{display:none}details{display:block}
.table-scroll{overflow:visible}.table-scroll>table{font-size:7.5pt}
/* 3 px a side: with numbers kept whole (td.whole) the briefings keep their pages; a cell
wraps between words only (`cell_text`: after a slash too), never inside one */
th,td{padding:2px 3px}
/* the key figures' five cards in one row: the Japanese body fits two pages */
.figures{flex-wrap:nowrap;gap:.4em}.fig{flex:1 1 0;min-width:0;padding:.3em .5em;font-size:.85em}
.fig b{font-size:1.2em}ul.assume li{margin:.1em 0}
}
"""


def esc(text: object) -> str:
    """``text`` escaped for HTML (quotes too); None is ""."""
    return html.escape("" if text is None else str(text), quote=True)


def report_text(key: str, lang: Lang, **fields: Any) -> str:
    """The catalogue's ``report.<key>`` message in ``lang``."""
    return message(f"report.{key}", lang, **fields)


#: a cell that is a number as written ("2,100", "52.54", "−0.2", "85%", and "<0.1%" or
#: ">-0.1%", a nonzero below the tenth: `fmt_cell_number`): kept on one line
#: (printed, a table's cells break anywhere: the assumption rows' values read "2,1 / 00" and
#: "19. / 15"; dates too, "202 / 5-07", but kept whole they cost the Japanese briefing a page)
_WHOLE = re.compile(r"(?:<|>-)?[-−+]?[\d.,]*\d%?")


#: a date as the data writes it, a month or a day ("2024-05", "2024-01-19"): Chromium breaks
#: after its hyphens ("2024- / 01-19" in the alliance table's narrow "As of" column)
_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
#: a slash or an underscore before a word ("lt10/advanced_packaging/ai_datacenter",
#: "node_requirements.csv", "JPY/USD"): a line may break after it, between the words it joins,
#: so that a long data row id does not widen its column
_JOINER = re.compile(r"([/_])(?=\w)")


def cell_text(text: object) -> str:
    """``text`` escaped for a table cell, which wraps between words only (the print CSS never
    breaks inside a word): a line may also break after a slash or an underscore that joins
    two words (``<wbr>``); each date stays on one line (``span.date``).

    >>> cell_text("lt10/ai_datacenter, as of 2024-01-19")
    "lt10/<wbr>ai_<wbr>datacenter, as of <span class='date'>2024-01-19</span>"
    """
    text = _JOINER.sub(r"\1<wbr>", esc(text))
    return _DATE.sub(lambda date: f"<span class='date'>{date[0]}</span>", text)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f'<td class="n">{fmt_plain(value)}</td>'
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return f'<td class="whole">{esc(value)}</td>'
    if isinstance(value, str) and value.startswith("http"):  # " ; " between two sources
        return "<td>" + " ; ".join(source_link(u) for u in value.split(" ; ")) + "</td>"
    return f"<td>{cell_text(value)}</td>"


def html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v) for v in r.values()) + "</tr>"
        for r in frame.to_dict(orient="records")
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chart_figure(
    spec: Mapping[str, Any] | None, lang: Lang, source: str = "", *, caption: bool = True
) -> str:
    """A chart with its text alternative under it (unless ``caption`` is False: a chart whose
    bars carry their values keeps it in the SVG's ``<desc>`` only) and, given, its source."""
    if spec is None:
        return ""
    desc = str(spec.get("description") or "")
    text = f"<p class='muted'>{esc(desc)}</p>" if caption else ""
    line = f"<p class='muted source'>{esc(source)}</p>" if source else ""
    return f"<figure>{render_svg(dict(spec))}{text}{line}</figure>"


def page(title: str, body: list[str], lang: Lang) -> str:
    """One self-contained HTML document (print styles included)."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} — chipshock</title><style>{CSS}</style></head>"
        f"<body>{_scroll_boxes(''.join(body))}</body></html>"
    )


def _scroll_boxes(body: str) -> str:
    """Every table in a box of its own that scrolls sideways on a narrow screen (CSS
    ``overflow-x:auto``), so a wide table never makes the page scroll; printed, the box
    lets the table lay out at the page's width."""
    return body.replace("<table", "<div class='table-scroll' tabindex='0'><table").replace(
        "</table>", "</table></div>"
    )


def chart_title(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A chart spec's title as a mapping with its ``text`` (a plain title becomes one)."""
    t = spec.get("title")
    return dict(t) if isinstance(t, dict) else {"text": str(t or "")}


def write_page(text: str, path: Path | str) -> Path:
    """Write a briefing's HTML ``text`` to ``path`` (a temporary file beside it, then renamed,
    so that a failure leaves nothing half-written); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target
