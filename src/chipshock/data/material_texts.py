"""materials_ja.csv: the Japanese of materials.csv's free text (``use``, ``substitutes``).

The rows are chipshock's own translations of that English, which stays the data; the loader
joins them to the materials table as ``use_ja`` and ``substitutes_ja`` (`with_material_texts`).
A material without a row keeps its English on every Japanese surface, under a label that says
so (`chipshock.present.material_texts`).

Checks (`check_material_texts`), each problem naming file, row, column, value and what was
expected:

- every ``material_id`` is one of materials.csv;
- ``use_ja`` and ``substitutes_ja`` are written in Japanese (kana or kanji) and are not a copy
  of the English;
- ``substitutes_ja`` is given exactly where materials.csv's ``substitutes`` is (a blank one
  would show the English beside a translated use; one without English says what it does not).
"""

from __future__ import annotations

import pandas as pd

from chipshock.data.csvio import RawTable, check_japanese
from chipshock.errors import Problem

__all__ = ["check_material_texts", "with_material_texts"]

#: the Japanese columns and the materials.csv column each translates
_TRANSLATES = {"use_ja": "use", "substitutes_ja": "substitutes"}


def check_material_texts(
    texts: RawTable, materials: RawTable | None, problems: list[Problem]
) -> None:
    """Append the problems of materials_ja.csv (``texts``) to ``problems``; the checks that
    need materials.csv are skipped when it was not read (``materials`` None)."""
    for column in _TRANSLATES:
        check_japanese(texts, column, "materials.csv's text", problems)
    if materials is None:
        return
    english = {r.get("material_id", "").strip(): r for r in materials.rows}
    for row in texts.rows:
        mid = row.get("material_id", "").strip()
        if mid not in english:
            problems.append(
                texts.problem_at(
                    row,
                    "material_id",
                    "not a material of materials.csv",
                    mid,
                    "a material_id of materials.csv: " + ", ".join(english),
                )
            )
            continue
        for column, of in _TRANSLATES.items():
            japanese, source = row.get(column, "").strip(), english[mid].get(of, "").strip()
            if japanese and japanese == source:
                problems.append(
                    texts.problem_at(
                        row,
                        column,
                        f"a copy of the English {of}",
                        japanese,
                        f"materials.csv's {of} in Japanese",
                    )
                )
            elif column == "substitutes_ja" and bool(japanese) != bool(source):
                problems.append(
                    texts.problem_at(
                        row,
                        column,
                        "a translation without English" if japanese else "English untranslated",
                        japanese,
                        f"materials.csv's {of} in Japanese where it is given (blank where it "
                        f"is blank: {source!r})",
                    )
                )


def with_material_texts(materials: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """``materials`` with ``use_ja`` and ``substitutes_ja`` from materials_ja.csv, missing where
    that file has no row for the material (its Japanese surfaces then show the English). The
    store keeps the materials table with these columns, so that every reader of it has them.

    >>> mats = pd.DataFrame({"material_id": ["neon", "xenon"], "use": ["Laser gas", "Etch"]})
    >>> texts = pd.DataFrame({"material_id": ["neon"], "use_ja": ["レーザーのガス"],
    ...     "substitutes_ja": [None]})
    >>> with_material_texts(mats, texts)[["use_ja", "substitutes_ja"]].values.tolist()
    [['レーザーのガス', None], [None, None]]
    """
    out = materials.drop(columns=list(_TRANSLATES), errors="ignore")
    for column in _TRANSLATES:
        japanese = dict(zip(texts["material_id"], texts[column], strict=True))
        found = [japanese.get(m) for m in materials["material_id"]]
        out[column] = pd.Series(found, index=materials.index, dtype=object)
    return out
