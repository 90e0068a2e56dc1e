"""The English/Japanese message catalogue shared by the report, CLI, API and dashboard.

The strings live as data in ``chipshock/present/messages/{en,ja}.json`` (flat ``key -> text``
maps with the same keys in both languages; placeholders in ``{braces}``, filled by
`str.format`). Terms are fixed once there: for example ``term.alliance_fabs`` is "alliance
fabs" / 「日米連携の新工場」 everywhere. The dashboard can serve the same files
(`catalogue_path`) so that the browser shows the same words.

Key families: ``term.*`` fixed terms, ``side.*`` names of comparison sides, ``market.*``,
``node.*``, ``kpi.*``, ``country.*``, ``confidence.*``, ``shock_kind.*`` labels, ``unit.*``,
``report.*`` the briefing, ``glossary.<entry>.term|meaning``, ``caveat``, ``count.*`` a count
with its noun. A text that depends on a count has a ``<key>_one`` form for 1 beside ``<key>``
(`count_message` chooses; review uxr2, finding 16: no "deliverable(s)").
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from chipshock.errors import InputError, Problem, UnknownIdError
from chipshock.present.numbers import Lang, fmt_int

__all__ = [
    "LANGS",
    "catalogue",
    "catalogue_path",
    "check_lang",
    "count_message",
    "has_message",
    "message",
]

LANGS: tuple[Lang, ...] = ("en", "ja")


def check_lang(lang: str) -> Lang:
    """``lang`` as a `Lang`, or `InputError` naming the field and the choices."""
    if lang not in LANGS:
        raise InputError(Problem("unknown language", field="lang", value=lang, expected="en or ja"))
    return "en" if lang == "en" else "ja"


def catalogue_path(lang: str) -> Path:
    """The JSON file of ``lang``'s messages inside the installed package."""
    language = check_lang(lang)
    return Path(str(resources.files("chipshock.present") / "messages" / f"{language}.json"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All messages of ``lang``: ``{key: text}`` (a cached dict: do not modify it)."""
    path = catalogue_path(lang)
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def has_message(key: str, lang: str = "en") -> bool:
    """Whether the catalogue has ``key``."""
    return key in catalogue(lang)


def message(key: str, lang: str = "en", /, **fields: Any) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in.

    >>> message("term.alliance_fabs", "ja"), message("report.card_weeks_v", value="3.5")
    ('日米連携の新工場', '3.5 weeks of normal output')
    """
    texts = catalogue(lang)
    if key not in texts:
        raise UnknownIdError(
            Problem(
                "no such message",
                file=catalogue_path(lang).name,
                field="key",
                value=key,
                expected="a key of the message catalogue",
            )
        )
    text = texts[key]
    return text.format(**fields) if fields else text


def count_message(key: str, n: int, lang: str = "en", /, **fields: Any) -> str:
    """The text of ``key`` for the count ``n`` (filled as ``{n}``, with thousands separators):
    the singular form ``<key>_one`` when ``n`` is 1 and the catalogue has it, else ``key``.

    >>> count_message("count.deliverable", 1), count_message("count.deliverable", 2)
    ('1 deliverable', '2 deliverables')
    """
    one = f"{key}_one"
    chosen = one if n == 1 and has_message(one, lang) else key
    return message(chosen, lang, n=fmt_int(n, check_lang(lang)), **fields)
