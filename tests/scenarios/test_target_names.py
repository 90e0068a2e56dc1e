"""A shock target written as a country's name gets the country's code as advice ("Japan" ->
'JPN'), never an upper-cased name that fails again (review 3 #7)."""

from __future__ import annotations

import pytest

from chipshock.errors import ScenarioValidationFailed
from chipshock.scenarios import parse_scenario

SHOCK = """
[scenario]
id = "x"
title = "t"
runs = 10

[[shock]]
kind = "country"
targets = [{target}]
start = "2027-03"
duration_weeks = 13
severity = 0.3
"""


def _problems(target: str) -> list[str]:
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(SHOCK.format(target=f'"{target}"'), "bad.toml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("Japan", "JPN"),
        ("japan", "JPN"),
        ("South Korea", "KOR"),
        ("Taiwan", "TWN"),
        ("日本", "JPN"),
    ],
)
def test_target_named_in_words_gets_the_code(target: str, code: str) -> None:
    """A country's English (any case) or Japanese name suggests its ISO code."""
    (problem,) = _problems(target)
    assert "shock[0].targets[0]" in problem and f"did you mean '{code}'?" in problem
    assert f"did you mean '{target.upper()}'?" not in problem


def test_target_in_lower_case_still_gets_the_upper_case_code() -> None:
    """A code in lower case ('jpn', 'eu27') keeps its upper-case advice."""
    assert "did you mean 'JPN'?" in _problems("jpn")[0]
    assert "did you mean 'EU27'?" in _problems("eu27")[0]


def test_no_advice_that_cannot_work() -> None:
    """An unknown name whose upper case is no well-formed code gets no 'did you mean'."""
    (problem,) = _problems("Middle Earth")
    assert "did you mean" not in problem
