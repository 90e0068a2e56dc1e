"""A briefing without its appendix (``chipshock report ... --no-appendix``): the body as it is,
then one line where the appendix would start that says it is left out and gives the command
that writes the full briefing.

`full_report_command` writes that command from what the report was made of (the scenario ids,
runs, seed, language and the sections asked for), `structure_report_command` that of a
coalition (its members, the first side's joined by commas when it has several) or the alliance
tracker, so that a report made in Python says the same as one made by the CLI; the CLI passes
its own arguments instead (a scenario file's path, the groups as asked, the output file), as
the user typed them.
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Sequence
from typing import Any

from chipshock.present.labels import Lang
from chipshock.present.messages import message
from chipshock.present.summary import is_comparison
from chipshock.report.page import page

__all__ = [
    "appendix_left_out",
    "full_report_command",
    "page_without_appendix",
    "structure_report_command",
]


def full_report_command(
    result_or_comparison: Any,
    lang: Lang,
    *,
    sensitivity: bool = False,
    sobol: bool = False,
    by_fab: bool = False,
    scenarios: Sequence[str] = (),
    options: Sequence[str] = (),
) -> str:
    """The `chipshock report` command that writes the full briefing of ``result_or_comparison``
    (its scenario ids, or ``scenarios`` as the user named them; the first side's runs and seed)
    in ``lang``, ``options`` (further arguments) last.

    >>> from types import SimpleNamespace as NS
    >>> run = NS(scenario=NS(scenario_id="taiwan-blockade-2027-6m"), runs=200, seed=2027)
    >>> full_report_command(run, "ja", by_fab=True)
    'chipshock report taiwan-blockade-2027-6m --runs 200 --seed 2027 --by-fab --lang ja'
    """
    obj = result_or_comparison
    sides = [obj.a, obj.b] if is_comparison(obj) else [obj]
    ids = list(scenarios) or [
        str(getattr(getattr(s, "scenario", None), "scenario_id", "") or "") for s in sides
    ]
    args = [ids[0]] + (["--compare", ids[1]] if len(ids) > 1 else [])
    first = sides[0]
    for option in ("runs", "seed"):
        value = getattr(first, option, None)
        if value is not None:
            args += [f"--{option}", str(value)]
    flags = (("--sensitivity", sensitivity), ("--sobol", sobol), ("--by-fab", by_fab))
    args += [flag for flag, asked in flags if asked]
    args += ["--lang", lang, *options]
    return shlex.join(["chipshock", "report", *args])


def structure_report_command(
    targets: Sequence[str] | None, lang: Lang, options: Sequence[str] = ()
) -> str:
    """The `chipshock report` command that writes the full coalition briefing of ``targets``
    (the command's arguments: the synergy's first side, then the rest) or, for None, the full
    alliance-tracker briefing, in ``lang``, ``options`` last.

    >>> structure_report_command(["USA,JPN", "NLD"], "en")
    'chipshock report --coalition USA,JPN NLD --lang en'
    >>> structure_report_command(None, "ja", ["-o", "a b.html"])
    "chipshock report --alliance --lang ja -o 'a b.html'"
    """
    kind = ["--alliance"] if targets is None else ["--coalition", *targets]
    return shlex.join(["chipshock", "report", *kind, "--lang", lang, *options])


def appendix_left_out(command: str, lang: Lang) -> str:
    """The line that stands where the appendix would start: it is left out, and ``command``
    writes the full briefing."""
    text = html.escape(message("report.appendix_left_out", lang, command="\0"))
    code = f"<code>{html.escape(command)}</code>"
    return f"<p class='muted appendix-left-out'>{text.replace(chr(0), code)}</p>"


def page_without_appendix(title: str, body: list[str], command: str, lang: Lang) -> str:
    """The page of ``body`` and, where the appendix would start, the line that gives the
    ``command`` for the full briefing (`appendix_left_out`)."""
    return page(title, [*body, appendix_left_out(command, lang)], lang)
