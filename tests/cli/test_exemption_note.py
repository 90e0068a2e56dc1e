"""The utilisation tables say that the operators exempt from advanced packaging are immune to
every cut of it, their own lines' included (review 8, finding 2: Samsung's, Intel's and SMIC's
fabs ran above normal while no packaging was left anywhere, without a word), naming operators
and the input by their names, never their ids (review 16, finding 8)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pandas as pd

from chipshock.data.curated import with_operator_names
from chipshock.present.utilisation import exemption_names, exemption_note

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))


def _shipped() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """node_requirements.csv, fabs.csv with operator_names.csv's names, raw_materials.csv."""
    read = lambda name: pd.read_csv(CURATED / name, dtype=str)  # noqa: E731
    fabs = with_operator_names(read("fabs.csv"), read("operator_names.csv"))
    return read("node_requirements.csv"), fabs, read("raw_materials.csv")


def test_the_note_names_the_shipped_exemptions() -> None:
    req, fabs, raw = _shipped()
    en = exemption_note(req, "en", exemption_names(fabs, raw))
    assert en.startswith(
        "Fabs of Samsung, Intel, SMIC are exempt from advanced packaging (2.5D/3D, "
        "CoWoS-class) as in-house makers (node_requirements.csv): no cut of it reaches them, "
        "not even one of their own lines or a worldwide stop"
    )
    ja = exemption_note(req, "ja", exemption_names(fabs, raw, "ja"))
    assert ja.startswith(
        "サムスン電子・インテル・中芯国際集成電路製造（SMIC）の工場は先端パッケージング"
        "（2.5D/3D、CoWoS級）を自社で賄うものとして除外されています"
    )
    assert "「免除は免疫である」〔The exemption is an immunity〕" in ja


def test_the_japanese_note_has_no_raw_id() -> None:
    """No lower-case firm id or snake_case input id inside the Japanese text (file names and
    the English anchor of the doc section are the only Latin words)."""
    req, fabs, raw = _shipped()
    ja = exemption_note(req, "ja", exemption_names(fabs, raw, "ja"))
    for cited in ("node_requirements.csv", "docs/scenarios.md", "The exemption is an immunity"):
        ja = ja.replace(cited, "")
    assert re.findall(r"[a-z_]{3,}", ja) == [], ja


def test_without_names_the_ids_show() -> None:
    """An id without a name is written as it is: visible, never dropped."""
    req = pd.DataFrame({"input_id": ["pk"], "except_operator_ids": ["a;b"]})
    assert exemption_note(req, "ja", {"a": "エー社"}).startswith("エー社・bの工場はpkを自社で")


def test_no_exemption_no_note() -> None:
    req = pd.DataFrame({"input_id": ["N31"], "except_operator_ids": [None]})
    assert (
        exemption_note(req) == "" and exemption_note(req.drop(columns="except_operator_ids")) == ""
    )
