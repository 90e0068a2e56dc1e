"""Country names -> ISO 3166 alpha-3 codes, for the advice of an error ("Japan" -> JPN).

A user who types a country's name where a code is expected ("Japan", "South Korea", 「日本」)
is told the code. The names are the ``country.<CODE>`` entries of the message catalogue
(``chipshock/present/messages/{en,ja}.json``: the names every surface shows), read here as data
files so that the names are written once and the core does not import the presentation layer.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["CATALOGUE_FILE", "code_for_country_name", "known_country_codes"]

_PREFIX = "country."
#: where the codes are listed, as a data problem names it (`chipshock.data.country_codes`)
CATALOGUE_FILE = "chipshock/present/messages/en.json"


@cache
def _codes_by_name() -> dict[str, str]:
    """``{name in lower case: code}`` over the English and Japanese catalogues."""
    out: dict[str, str] = {}
    for lang in ("en", "ja"):
        path = resources.files("chipshock") / "present" / "messages" / f"{lang}.json"
        texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        for key, name in texts.items():
            if key.startswith(_PREFIX):
                out.setdefault(name.strip().casefold(), key[len(_PREFIX) :])
    return out


@cache
def known_country_codes() -> frozenset[str]:
    """Every country and region code the catalogue names (``country.<CODE>``): the codes the
    curated files may use, since every surface shows a code by its name from there.

    >>> codes = known_country_codes()
    >>> {"JPN", "TWN", "ROW", "EUR"} <= codes, "JPNX" in codes
    (True, False)
    """
    path = resources.files("chipshock") / "present" / "messages" / "en.json"
    texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(k[len(_PREFIX) :] for k in texts if k.startswith(_PREFIX))


def code_for_country_name(text: str) -> str | None:
    """The code of the country (or region) named ``text`` in English or Japanese, any case;
    None if no name matches.

    >>> [code_for_country_name(name) for name in ("Japan", " south korea ", "日本")]
    ['JPN', 'KOR', 'JPN']
    >>> code_for_country_name("Middle Earth") is None
    True
    """
    return _codes_by_name().get(text.strip().casefold())
