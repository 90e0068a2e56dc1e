"""What an analyst writing her first scenario file gets told when a line is in the wrong place,
a regime is written as a number or a fab by its name (session 29's audit)."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from chipshock.errors import ScenarioValidationFailed
from chipshock.model.fab_ids import close_fab_ids
from chipshock.scenarios import parse_scenario

HEAD = """
[scenario]
id = "naka-tsmc-2027"
start_year = 2027
end_year = 2029
"""
SHOCK = """
[[shock]]
kind = "fab"
targets = ["renesas-naka", "tsmc-fab18-tainan"]
start = "2027-04"
duration_weeks = 8
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(text, "naka.toml")
    return [str(p) for p in info.value.problems]


def test_a_scenario_key_after_priorities_is_sent_back_under_scenario() -> None:
    """`inventory_regime` appended after [priorities] names [scenario] and the TOML rule."""
    text = HEAD + SHOCK + '\n[priorities]\nautomotive = 10\ninventory_regime = "2021_lean"\n'
    (problem,) = _problems(text)
    assert "priorities.inventory_regime: unknown key 'inventory_regime'" in problem
    assert "it is a key of [scenario]" in problem
    assert "move the line under [scenario]" in problem


def test_a_shock_key_above_the_first_header_names_the_shock_table() -> None:
    """A `duration_weeks` line above every header is read at the top level: the error says so."""
    (problem,) = _problems("duration_weeks = 8\n" + HEAD + SHOCK)
    assert "it is a key of [[shock]]" in problem
    assert "above the first [table] header" in problem


def test_a_market_weight_under_the_scenario_table_names_priorities() -> None:
    """`automotive = 10` written under [scenario] belongs to [priorities]."""
    (problem,) = _problems(HEAD + "automotive = 10\n" + SHOCK)
    assert "scenario.automotive: unknown key 'automotive'; it is a key of [priorities]" in problem


def test_a_key_of_several_tables_names_each() -> None:
    """`start_year` is a key of [scenario] and of [[fab_override]]: both are named."""
    (problem,) = _problems(HEAD + SHOCK + "start_year = 2028\n")
    assert "it is a key of [scenario] or [[fab_override]]" in problem


def test_a_misspelt_key_still_gets_its_suggestion() -> None:
    """A key no table has keeps the closest key of its own table as the suggestion."""
    (problem,) = _problems(HEAD + SHOCK + "duraton_weeks = 8\n")
    assert "did you mean 'duration_weeks'?" in problem
    assert "it is a key of" not in problem


def test_an_inventory_regime_written_as_a_number_asks_for_quotes() -> None:
    """`inventory_regime = 2019` says the regime is a name in quotes and shows the line."""
    (problem,) = _problems(HEAD.replace("end_year", "inventory_regime = 2019\nend_year") + SHOCK)
    assert "scenario.inventory_regime: wrong type: a regime is a name in quotes" in problem
    assert 'inventory_regime = "2019"' in problem


def test_the_regime_hint_keeps_the_japanese_expected_text() -> None:
    """The quotes hint is in the message, so the Japanese text still reads 文字列 (a string)."""
    from chipshock.present.error_text import problem_text_ja

    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(HEAD.replace("end_year", "inventory_regime = 2019\nend_year") + SHOCK, "n")
    (problem,) = info.value.problems
    assert "文字列" in problem_text_ja(problem)
    assert "（英語）" not in problem_text_ja(problem)


def test_a_fab_written_by_its_name_suggests_its_id() -> None:
    """'TSMC Fab 18' (the name, as `chipshock fabs` prints it) suggests tsmc-fab18-tainan first,
    among the shipped fabs.csv ids."""
    path = resources.files("chipshock") / "data" / "files" / "curated" / "fabs.csv"
    with path.open(encoding="utf-8") as f:
        known = [row["fab_id"] for row in csv.DictReader(f)]
    assert close_fab_ids("TSMC Fab 18", known)[0] == "tsmc-fab18-tainan"
    assert close_fab_ids("Renesas Naka", known)[0] == "renesas-naka"


def test_a_file_named_without_its_suffix_is_suggested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scenario run naka-tsmc` beside naka-tsmc.toml: the error names the file, not a built-in."""
    from chipshock.errors import UnknownCodeError
    from chipshock.scenarios import load_scenario

    monkeypatch.chdir(tmp_path)
    (tmp_path / "naka-tsmc.toml").write_text(HEAD + SHOCK, encoding="utf-8")
    with pytest.raises(UnknownCodeError) as info:
        load_scenario("naka-tsmc")
    assert "did you mean the file 'naka-tsmc.toml'?" in str(info.value)


def test_a_missing_file_suggests_the_closest_file_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped file name suggests the closest .toml file of its folder, and only that one."""
    from chipshock.errors import ScenarioError
    from chipshock.scenarios import load_scenario

    monkeypatch.chdir(tmp_path)
    for name in ("naka-tsmc.toml", "lean.toml", "bad.toml"):
        (tmp_path / name).write_text(HEAD + SHOCK, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario("naka.toml")
    assert "scenario file not found; did you mean naka-tsmc.toml?" in str(info.value)
    with pytest.raises(ScenarioError) as info:
        load_scenario("elsewhere/naka.toml")
    assert "did you mean" not in str(info.value)


@pytest.mark.parametrize("weight", ["0", "-2", "5000"])
def test_a_priority_weight_out_of_range_says_both_bounds(weight: str) -> None:
    """A weight of 0, below 0 or above 1000 is refused with the range a weight takes (5000
    said '0 ≤ value ≤ 1000', though 0 is refused too)."""
    (problem,) = _problems(HEAD + SHOCK + f"\n[priorities]\nautomotive = {weight}\n")
    assert f"(got '{weight}'; expected a weight > 0 and ≤ 1000 (1 = default))" in problem


def test_the_docs_give_the_priority_weights_range() -> None:
    """docs/scenarios.md's `[priorities]` gives the range the parser takes."""
    from chipshock.scenarios._validate import MAX_PRIORITY

    docs = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
    section = docs.read_text(encoding="utf-8").split("## `[priorities]`", 1)[1]
    assert f"weights > 0 and ≤ {MAX_PRIORITY:g}" in " ".join(section.split())
