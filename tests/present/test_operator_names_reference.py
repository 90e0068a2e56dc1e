"""`operator_names` against a naive reference (a pandas group per operator, as it was until
session 31): the same names in the same order, in both languages, on the shipped fabs, without
operator_names.csv's columns and in another row order (api31 made it a one-pass lookup: a
comparison named operators six times at ~0.1 s each)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chipshock.present.labels import in_language, operator_names


def _reference(fabs: pd.DataFrame, lang: str) -> dict[str, str]:
    """Slow on purpose: each operator's first operator_names.csv name, else its fabs' most
    frequent ``operator`` (`value_counts`), in Japanese their most frequent ``operator_ja``."""
    column = "operator_name_ja" if lang == "ja" else "operator_name"
    names: dict[str, str] = {}
    for operator, rows in fabs.groupby("operator_id", sort=False):
        given = [n for n in rows[column] if isinstance(n, str) and n] if column in rows else []
        if given:
            names[str(operator)] = given[0]
            continue
        english = str(rows["operator"].astype(str).value_counts().index[0])
        if lang != "ja":
            names[str(operator)] = english
            continue
        named = rows.loc[rows["operator"].astype(str) == english, "operator_ja"].dropna()
        named = named.astype(str)[lambda s: s != ""]
        japanese = named.value_counts().index[0] if len(named) else None
        names[str(operator)] = in_language(english, japanese, "ja")
    return names


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_names_are_the_references(built_store: Path, lang: str) -> None:
    """Equal, key order included, on three forms of the shipped fabs table."""
    from chipshock.sim import load_model_data

    fabs = load_model_data(built_store).fabs
    forms = [
        fabs,
        fabs.drop(columns=["operator_name", "operator_name_ja"]),
        fabs.sample(frac=1.0, random_state=31),
    ]
    for form in forms:
        got, want = operator_names(form, lang), _reference(form, lang)
        assert list(got.items()) == list(want.items())
    assert len(operator_names(forms[1], lang)) > 50  # the fallback is exercised
