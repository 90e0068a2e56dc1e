"""The ``[[sourcing]]`` tables of a scenario file (review 14 finding 2): read, checked like every
field (file, field, value, expected), written back by `scenario show`, and run from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipshock.errors import ScenarioValidationFailed
from chipshock.scenarios import parse_scenario, scenario_to_dict, scenario_to_toml
from chipshock.scenarios.model import SourcingShare

from .conftest import Runner

HEAD = """
[scenario]
id = "car-mcu"
title = "Our MCUs"
start_year = 2027
end_year = 2027
runs = 2
"""

CARMAKER = (
    HEAD
    + """
[[sourcing]]
market = "automotive"
node_class = "n28_45"
operator = "tsmc"
share_pct = 60
note = "28-45 nm MCUs, our purchasing data"

[[sourcing]]
market = "automotive"
node_class = "n28_45"
operator = "renesas"
share_pct = 25

[[sourcing]]
market = "automotive"
node_class = "n28_45"
operator = "umc"
share_pct = 15
"""
)


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioValidationFailed) as info:
        parse_scenario(text, "bad.toml")
    return [str(p) for p in info.value.problems]


def test_a_carmaker_s_mcu_sourcing_is_read_and_round_trips() -> None:
    s = parse_scenario(CARMAKER, "car.toml")
    assert s.sourcing == (
        SourcingShare("automotive", "n28_45", "tsmc", 60.0, "28-45 nm MCUs, our purchasing data"),
        SourcingShare("automotive", "n28_45", "renesas", 25.0),
        SourcingShare("automotive", "n28_45", "umc", 15.0),
    )
    text = scenario_to_toml(s)
    assert "[[sourcing]]" in text
    again = parse_scenario(text, "car.toml")
    assert again == s
    assert scenario_to_dict(s)["sourcing"][0] == {
        "market": "automotive",
        "node_class": "n28_45",
        "operator": "tsmc",
        "share_pct": 60.0,
        "note": "28-45 nm MCUs, our purchasing data",
    }


def test_every_problem_names_the_table_the_value_and_what_is_expected() -> None:
    text = (
        HEAD
        + """
[[sourcing]]
market = "automotiv"
node_class = "n28-45"
operator = "TSMC"
share_pct = 120
shares = 3

[[sourcing]]
market = "automotive"
node_class = "gt45"
operator = "infineon"
share_pct = 70

[[sourcing]]
market = "automotive"
node_class = "gt45"
operator = "infineon"
share_pct = 40

[[sourcing]]
market = "automotive"
node_class = "lt10"
"""
    )
    got = "\n".join(_problems(text))
    assert "sourcing[0].market" in got and "did you mean 'automotive'" in got
    assert "sourcing[0].node_class" in got and "did you mean 'n28_45'" in got
    assert "sourcing[0].operator" in got and "'TSMC'" in got
    assert "sourcing[0].share_pct" in got and "0 ≤ value ≤ 100" in got
    assert "sourcing[0].shares" in got and "did you mean 'share_pct'" in got
    assert "sourcing[2].operator" in got and "also sourcing[1]" in got
    assert "sourcing[2].share_pct" in got and "'110'" in got and "a sum ≤ 100" in got
    assert "sourcing[3].operator: missing" in got and "sourcing[3].share_pct: missing" in got
    assert all("bad.toml" in p for p in _problems(text))


def test_shares_adding_to_100_are_accepted() -> None:
    """Rows that place the whole class (sum exactly 100) are valid: nothing goes by capacity."""
    s = parse_scenario(CARMAKER, "car.toml")
    assert sum(r.share_pct for r in s.sourcing) == 100.0


def test_cli_refuses_an_operator_without_fabs_of_the_class(tmp_path: Path, cli: Runner) -> None:
    """`scenario run` on a file whose operator has no fabs of the class exits 2 naming the
    file, the table, the value and the operators that have such fabs."""
    bad = tmp_path / "bad.toml"
    bad.write_text(CARMAKER.replace('"renesas"', '"renesass"'), encoding="utf-8")
    code, _, err = cli("scenario", "run", str(bad), "--runs", "2")
    assert code == 2, err
    text = " ".join(err.split())
    assert "bad.toml" in text and "sourcing[1].operator" in text and "renesass" in text
    assert "did you mean renesas" in text


def test_run_and_compare_say_what_was_sourced_and_served(tmp_path: Path, cli: Runner) -> None:
    """`scenario run --format json` carries the sourcing line (sourced and served) under
    ``sourcing``; `scenario compare` gives each side's (none for the side without tables)."""
    from .conftest import BLOCKADE_SHOCK

    mine = tmp_path / "mine.toml"
    mine.write_text(CARMAKER + BLOCKADE_SHOCK, encoding="utf-8")
    base = tmp_path / "base.toml"
    base.write_text(HEAD.replace("car-mcu", "base") + BLOCKADE_SHOCK, encoding="utf-8")
    code, out, err = cli("scenario", "run", str(mine), "--runs", "2", "--format", "json")
    assert code == 0, err
    (line,) = json.loads(out)["sourcing"]
    assert line.startswith("automotive n28_45 (scenario [[sourcing]], 2027): tsmc 60 % sourced")
    assert "renesas 25 % sourced" in line and "umc 15 % sourced" in line
    code, out, err = cli(
        "scenario", "compare", str(base), str(mine), "--runs", "2", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["sourcing"] == {"a": [], "b": [line]}


def test_the_documented_carmaker_example_parses() -> None:
    """docs/scenarios.md's [[sourcing]] example is the carmaker's 60/25/15 mix."""
    import re

    doc = (Path(__file__).parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    found = re.search(r"```toml\n(\[\[sourcing\]\]\n.*?)```", doc, re.S)
    assert found is not None
    s = parse_scenario(HEAD + found.group(1), "docs")
    assert [(r.operator, r.share_pct) for r in s.sourcing] == [
        ("tsmc", 60.0),
        ("renesas", 25.0),
        ("umc", 15.0),
    ]
    assert {(r.market, r.node_class) for r in s.sourcing} == {("automotive", "n28_45")}
