"""Advice for an unknown country code: a country's name suggests its code, and the list of
valid codes leaves out aggregates that no command takes (review 3 #7, #16)."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.analysis.groups import resolve_codes
from chipshock.errors import UnknownCodeError

KNOWN = ["CAN", "JPN", "TWN", "USA", "Various countries"]
GROUPS = pd.DataFrame({"group_code": ["QUAD", "QUAD"], "country_code": ["USA", "JPN"]})


def _error(code: str) -> str:
    with pytest.raises(UnknownCodeError) as info:
        resolve_codes([code], KNOWN, GROUPS, "--country")
    return str(info.value)


def test_country_name_suggests_its_code_only() -> None:
    """'Japan' -> "did you mean JPN?" (not "JPN, CAN"); 'TAIWAN' -> TWN."""
    assert "did you mean JPN?" in _error("Japan")
    assert "did you mean TWN?" in _error("TAIWAN")


def test_valid_codes_leave_out_aggregates() -> None:
    """'Various countries' is not offered as a valid code (no coalition or filter takes it)."""
    text = _error("XXX")
    assert "Various countries" not in text and "JPN" in text and "QUAD" in text
