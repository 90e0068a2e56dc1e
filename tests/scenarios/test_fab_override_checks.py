"""A ``[[fab_override]]`` check says every problem at once (session 31's audit, finding 9):
``fab = "rapidus"`` with no capacity key was told only "an override changes nothing", not that
the fab is unknown; a ``start_year`` after the horizon was valid and silently left the fab out
of the run."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.scenarios.conftest import BLOCKADE_SHOCK, Runner

from chipshock.errors import ScenarioValidationFailed
from chipshock.scenarios import parse_scenario

HEAD = """
[scenario]
id = "doubt"
start_year = 2026
end_year = 2030
"""


def _write(tmp_path: Path, override: str) -> str:
    path = tmp_path / "doubt.toml"
    path.write_text(HEAD + BLOCKADE_SHOCK + "\n[[fab_override]]\n" + override, encoding="utf-8")
    return str(path)


def test_an_override_of_an_unknown_fab_that_sets_nothing_names_both(
    cli: Runner, tmp_path: Path
) -> None:
    code, _, err = cli("scenario", "validate", _write(tmp_path, 'fab = "rapidus"\n'))
    flat = " ".join(err.split())
    assert code == 2, err
    assert "2 problems found" in flat
    assert "fab_override[0]: an override changes nothing (got 'rapidus'" in flat
    assert "fab_override[0].fab: unknown fab (got 'rapidus'" in flat
    assert "did you mean rapidus-iim1?" in flat


def test_an_override_of_a_known_fab_that_sets_nothing_is_one_problem(
    cli: Runner, tmp_path: Path
) -> None:
    code, _, err = cli("scenario", "validate", _write(tmp_path, 'fab = "rapidus-iim1"\n'))
    assert code == 2 and "1 problem found" in " ".join(err.split()), err


def test_a_start_after_the_horizon_is_a_problem_naming_it() -> None:
    """2045 lies in the fab registry's years but after the scenario's 2030: the fab would give
    nothing in the run; the expected value says how to say that on purpose."""
    text = HEAD + BLOCKADE_SHOCK + '\n[[fab_override]]\nfab = "rapidus-iim1"\nstart_year = 2045\n'
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(text, "doubt.toml")
    (problem,) = info.value.problems
    assert problem.field == "fab_override[0].start_year"
    assert "after the scenario's horizon (2026–2030)" in problem.message
    assert problem.expected is not None and problem.expected.startswith("at most 2030")
    assert "capacity_wspm = 0" in problem.expected
    last = text.replace("start_year = 2045", "start_year = 2030")
    assert parse_scenario(last, "doubt.toml").fab_overrides[0].start_year == 2030
