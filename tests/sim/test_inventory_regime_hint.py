"""An unknown inventory regime names the closest valid one ("did you mean '2021_lean'?"), and
the Japanese text of the error says it too, with what was expected in Japanese."""

from __future__ import annotations

import pytest

from chipshock.errors import ScenarioError
from chipshock.present.error_text import problem_part, problem_text_ja
from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.draws import inventory_regime_factor


def _refused(data: ModelData, target: bool = False, **regimes: str) -> ScenarioError:
    s = Scenario("x", "x", start_year=2026, end_year=2027, **regimes)  # type: ignore[arg-type]
    with pytest.raises(ScenarioError) as info:
        inventory_regime_factor(s, data, target=target)
    return info.value


def test_a_hyphen_for_the_underscore_suggests_the_regime(real_data: ModelData) -> None:
    """'2021-lean' (the regime as people write it) suggests 2021_lean after the valid list."""
    problem = _refused(real_data, inventory_regime="2021-lean").problem
    assert problem.field == "scenario.inventory_regime"
    assert problem.message == "unknown inventory regime"
    assert problem.expected == "one of 2019, 2021_lean; did you mean '2021_lean'?"


def test_the_target_regime_is_suggested_alike(real_data: ModelData) -> None:
    """inventory_target_regime = '2021_Lean' is refused with the same hint, on its own field."""
    problem = _refused(
        real_data, target=True, inventory_regime="2019", inventory_target_regime="2021_Lean"
    ).problem
    assert problem.field == "scenario.inventory_target_regime"
    assert problem.expected is not None and problem.expected.endswith("'2021_lean'?")


def test_a_name_like_no_regime_gets_no_hint(real_data: ModelData) -> None:
    """A regime nothing resembles lists the valid ones only."""
    problem = _refused(real_data, inventory_regime="glut").problem
    assert problem.expected == "one of 2019, 2021_lean"


def test_the_japanese_error_says_the_regime_the_hint_and_the_choices(
    real_data: ModelData,
) -> None:
    """expected_ja is Japanese (no（英語）), and the Japanese line names the hint."""
    problem = _refused(real_data, inventory_regime="2021-lean").problem
    assert problem_part(problem).expected_ja == "2019、2021_lean のいずれか"
    assert problem_text_ja(problem) == (
        "scenario.inventory_regime：該当する在庫の型がありません"
        "（入力値：2021-lean、候補：2021_lean、指定できる値：2019、2021_lean のいずれか）"
    )
