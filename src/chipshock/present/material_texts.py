"""A material's free text (materials.csv ``use`` and ``substitutes``) in the reader's language.

Japanese texts show materials_ja.csv's translation (the materials table's ``use_ja`` and
``substitutes_ja``) where the material has one; a material without one shows the data's English,
under a label that says so (「用途（データの英文）」). Every surface (CLI, API, dashboard, the
report) takes the choice from here, so that the rule is written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chipshock.present.messages import message
from chipshock.present.numbers import Lang

__all__ = ["MaterialText", "material_text", "text_header", "use_header"]


@dataclass(frozen=True)
class MaterialText:
    """``text`` to show; ``english_kept``: a Japanese text showing the data's English (the
    material has no translation), which its label must say."""

    text: str
    english_kept: bool


def _given(value: object) -> str:
    """A table cell as text: "" for a missing one (None, NaN, pd.NA)."""
    return value.strip() if isinstance(value, str) else ""


def material_text(row: Mapping[str, object], column: str, lang: Lang) -> MaterialText:
    """``column`` (``use`` or ``substitutes``) of a materials row in ``lang``: in Japanese its
    ``<column>_ja`` where given, else the English, kept.

    >>> row = {"use": "Laser gas", "use_ja": "レーザーのガス", "substitutes": "Recycling"}
    >>> material_text(row, "use", "ja")
    MaterialText(text='レーザーのガス', english_kept=False)
    >>> material_text(row, "substitutes", "ja")
    MaterialText(text='Recycling', english_kept=True)
    >>> material_text(row, "use", "en").text
    'Laser gas'
    """
    english = _given(row.get(column))
    if lang != "ja":
        return MaterialText(english, english_kept=False)
    japanese = _given(row.get(f"{column}_ja"))
    return MaterialText(japanese, False) if japanese else MaterialText(english, bool(english))


def text_header(texts: list[MaterialText], key: str, lang: Lang) -> str:
    """The catalogue's header ``key`` of a column of ``texts``: the message ``key`` itself
    (「用途（データの英文）」) when any cell keeps the data's English, else ``<key>_translated``
    (「用途」).

    >>> text_header([MaterialText("ガス", False)], "cli.mat_col_use", "ja")
    '用途'
    >>> text_header([MaterialText("Recycling", True)], "report.materials_col_substitutes", "ja")
    '代替（データの英文）'
    """
    kept = any(t.english_kept for t in texts)
    return message(key if kept else f"{key}_translated", lang)


def use_header(texts: list[MaterialText], lang: Lang) -> str:
    """The header of a column of uses on a terminal: in Japanese 「用途」, or
    「用途（データの英文）」 when any cell keeps the data's English.

    >>> use_header([MaterialText("ガス", False)], "ja")
    '用途'
    >>> use_header([MaterialText("ガス", False), MaterialText("Etch", True)], "ja")
    '用途（データの英文）'
    """
    return text_header(texts, "cli.mat_col_use", lang)
