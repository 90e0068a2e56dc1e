"""The utilisation tables say that the operators exempt from advanced packaging are immune to
every cut of it, their own lines' included (review 8, finding 2: Samsung's, Intel's and SMIC's
fabs ran above normal while no packaging was left anywhere, without a word)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from chipshock.cli.scenario_view import exemption_note

REQUIREMENTS = Path(
    str(resources.files("chipshock") / "data" / "files" / "curated" / "node_requirements.csv")
)


def test_the_note_names_the_shipped_exemptions() -> None:
    req = pd.read_csv(REQUIREMENTS, dtype=str)
    en = exemption_note(req)
    assert en.startswith(
        "Fabs of samsung, intel, smic are exempt from advanced_packaging as in-house "
        "makers (node_requirements.csv): no cut of it reaches them, not even one of their own "
        "lines or a worldwide stop"
    )
    ja = exemption_note(req, "ja")
    assert ja.startswith("samsung・intel・smic の工場は advanced_packaging を自社で")


def test_no_exemption_no_note() -> None:
    req = pd.DataFrame({"input_id": ["N31"], "except_operator_ids": [None]})
    assert (
        exemption_note(req) == "" and exemption_note(req.drop(columns="except_operator_ids")) == ""
    )
