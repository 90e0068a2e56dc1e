"""A shock's or intervention's ``label_ja``: parsed, written back, and used by the Japanese
report's list of assumptions (the English one keeps ``label``)."""

from __future__ import annotations

from chipshock.report.assumptions import assumption_items
from chipshock.scenarios.parser import builtin_scenarios, parse_scenario
from chipshock.scenarios.serialize import scenario_to_toml
from chipshock.sim.data import ModelData

TEXT = """
[scenario]
id = "x"
start_year = 2027
end_year = 2028

[[shock]]
kind = "country"
targets = ["TWN"]
label = "Blockade"
label_ja = "封鎖"
start = "2027-01"
duration_weeks = 10

[[intervention]]
kind = "stockpile"
label = "Stocks"
label_ja = "在庫"
weeks = 2
"""


def test_label_ja_is_parsed_and_written_back() -> None:
    sc = parse_scenario(TEXT)
    assert (sc.shocks[0].label_ja, sc.interventions[0].label_ja) == ("封鎖", "在庫")
    again = parse_scenario(scenario_to_toml(sc))
    assert again.shocks[0].label_ja == "封鎖" and again.interventions[0].label_ja == "在庫"


class _Result:
    """What `assumption_items` reads of a result."""

    def __init__(self, scenario: object) -> None:
        self.scenario = scenario
        self.runs = 10
        self.seed = 1


def test_the_japanese_report_lists_the_japanese_labels() -> None:
    sc = parse_scenario(TEXT)
    ja = " ".join(assumption_items(_Result(sc), ModelData.tiny(), "ja"))
    en = " ".join(assumption_items(_Result(sc), ModelData.tiny(), "en"))
    assert "封鎖" in ja and "在庫" in ja and "Blockade" not in ja and "Stocks" not in ja
    assert "Blockade" in en and "Stocks" in en


def test_every_labelled_builtin_shock_and_intervention_has_a_japanese_label() -> None:
    missing = [
        (s.scenario_id, item.label)
        for s in builtin_scenarios()
        for item in (*s.shocks, *s.interventions)
        if item.label and not item.label_ja
    ]
    assert missing == []
