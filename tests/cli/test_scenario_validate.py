"""`chipshock scenario validate` and `scenario run`: every independent problem of a file in one
round, the parser's and the data checks' (review 14 #7)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from chipshock.cli.scenario_validate_ja import check_text_ja
from chipshock.scenarios.parser import load_partial
from chipshock.sim import load_model_data
from chipshock.sim.run.checks import check_partial

from .conftest import Runner

#: five independent mistakes: two the parser finds, three only the data can tell
FIVE = """
[scenario]
id = "five"
start_year = 2026
end_year = 2028
runs = 5

[[shock]]
kind = "country"
targets = ["TWX"]
start = "2027-01"

[[shock]]
kind = "country"
targets = ["KOR"]
start = "2027-01"
duration_weeks = { dist = "uniform", low = 30, high = 10 }

[[intervention]]
kind = "fabs_off"
fabs = ["rapidus-iim9"]

[[sourcing]]
market = "automotive"
node_class = "n28_45"
operator = "tsmcc"
share_pct = 60

[priorities]
automotiv = 2
"""

FIELDS = {
    "shock[0].targets": "TWX",
    "shock[1].duration_weeks.high": "10",
    "intervention[0].fabs": "rapidus-iim9",
    "sourcing[0].operator": "tsmcc",
    "priorities.automotiv": None,
}


def test_five_mistakes_give_five_messages_in_one_run(
    cli: Runner, tmp_path: Path, store_path: Path
) -> None:
    """`scenario run` of a file with five independent mistakes names all five at once (field,
    value, a suggestion), exits 2 and saves nothing."""
    path = tmp_path / "five.toml"
    path.write_text(FIVE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    shutil.copyfile(store_path, db)
    code, out, err = cli("scenario", "run", str(path), "--save", "x", "--db", str(db), db=False)
    assert code == 2 and out == ""
    assert "invalid scenario: 5 problems found" in err
    for field in FIELDS:
        assert f"five.toml, {field}:" in err
    assert "did you mean TWN?" in err and "did you mean rapidus-iim1?" in err
    assert "did you mean tsmc" in err and "did you mean 'automotive'?" in err
    code, out, _ = cli("results", "list", "--db", str(db), "-f", "json", db=False)
    assert code == 0 and json.loads(out) == []  # nothing written


def test_validate_json_lists_each_problem(cli: Runner, tmp_path: Path) -> None:
    """`scenario validate --format json` gives each problem's field, value and expected on
    stdout and exits 2; a valid scenario exits 0 with one line."""
    path = tmp_path / "five.toml"
    path.write_text(FIVE, encoding="utf-8")
    code, out, _ = cli("scenario", "validate", str(path), "-f", "json")
    assert code == 2
    found = json.loads(out)
    assert found["valid"] is False and found["not_checked"] == []
    assert {p["field"]: p["value"] for p in found["problems"]} == FIELDS | {
        "priorities.automotiv": None
    }
    assert all(p["file"] == str(path) and p["expected"] for p in found["problems"])
    code, out, err = cli("scenario", "validate", "taiwan-blockade-2027-6m")
    assert code == 0 and "taiwan-blockade-2027-6m: valid" in out and err == ""


def test_a_check_that_depends_on_a_bad_field_is_skipped(store_path: Path, tmp_path: Path) -> None:
    """A shock of unknown kind is not checked against the data (a line says so); the shock
    after it keeps the file's number in its data problem; a sourcing row with a bad share is
    not checked for its operator."""
    path = tmp_path / "dep.toml"
    path.write_text(
        FIVE.replace('kind = "country"\ntargets = ["TWX"]', 'kind = "contry"\ntargets = ["TWX"]')
        .replace('targets = ["KOR"]', 'targets = ["KOX"]')
        .replace("share_pct = 60", "share_pct = 160"),
        encoding="utf-8",
    )
    found = check_partial(load_partial(path), load_model_data(store_path))
    fields = [p.field for p in found.problems]
    assert "shock[0].kind" in fields and "shock[0].targets" not in fields
    assert "shock[1].targets" in fields  # KOX, numbered as in the file
    assert "sourcing[0].share_pct" in fields and "sourcing[0].operator" not in fields
    assert any(
        n.startswith("shock[0]: not checked") and "shock[0].kind" in n for n in found.not_checked
    )
    assert any(n.startswith("sourcing[0]: not checked") for n in found.not_checked)


def test_two_unknown_fabs_of_one_intervention_are_both_named(
    store_path: Path, tmp_path: Path
) -> None:
    """The compile step stops at the first unknown fab; the check goes on and names both,
    with the problems of the tables after it."""
    path = tmp_path / "fabs.toml"
    path.write_text(
        FIVE.replace('["rapidus-iim9"]', '["rapidus-iim1", "rapidus-iim9", "tsmc-fab99"]'),
        encoding="utf-8",
    )
    found = check_partial(load_partial(path), load_model_data(store_path))
    fabs = [p.value for p in found.problems if p.field == "intervention[0].fabs"]
    assert fabs == ["rapidus-iim9", "tsmc-fab99"]
    assert len(found.problems) == 6


def test_a_bad_horizon_or_a_dropped_fab_switch_skips_the_sourcing_rows(
    store_path: Path, tmp_path: Path
) -> None:
    """The sourcing rows are checked against the fabs that run in the scenario's years: with a
    bad end_year, or a fabs_off table of unknown kind left out, they are not checked (a line
    names the field they wait for), and their unknown operator is not reported on a guess."""
    data = load_model_data(store_path)
    bad_year = tmp_path / "year.toml"
    bad_year.write_text(FIVE.replace("end_year = 2028", "end_year = 2099"), encoding="utf-8")
    found = check_partial(load_partial(bad_year), data)
    fields = [p.field for p in found.problems]
    assert "scenario.end_year" in fields and "sourcing[0].operator" not in fields
    assert any(
        n.startswith("sourcing[0]: not checked") and "scenario.end_year" in n
        for n in found.not_checked
    )
    bad_kind = tmp_path / "kind.toml"
    bad_kind.write_text(FIVE.replace('kind = "fabs_off"', 'kind = "fab_off"'), encoding="utf-8")
    found = check_partial(load_partial(bad_kind), data)
    fields = [p.field for p in found.problems]
    assert "intervention[0].kind" in fields and "sourcing[0].operator" not in fields
    assert "shock[0].targets" in fields  # the shocks do not depend on it: still checked
    assert any("intervention[0]" in n for n in found.not_checked if n.startswith("sourcing[0]"))


def test_a_stockpile_with_a_bad_market_does_not_skip_the_sourcing_rows(
    store_path: Path, tmp_path: Path
) -> None:
    """A stockpile (or inventory policy) left out for a bad market does not change which fabs
    run, so the sourcing rows are still checked: their unknown operator is named, and no line
    says they wait for the intervention."""
    path = tmp_path / "stock.toml"
    path.write_text(
        FIVE.replace('kind = "fabs_off"\nfabs = ["rapidus-iim9"]', STOCKPILE), encoding="utf-8"
    )
    found = check_partial(load_partial(path), load_model_data(store_path))
    fields = [p.field for p in found.problems]
    assert "intervention[0].markets[0]" in fields
    assert "sourcing[0].operator" in fields
    assert not [n for n in found.not_checked if n.startswith("sourcing[0]")]


STOCKPILE = 'kind = "stockpile"\nweeks = 4\nmarkets = ["auto"]'


def test_a_shock_pasted_twice_is_named_with_both_positions(
    store_path: Path, tmp_path: Path
) -> None:
    """Two [[shock]] tables alike in every key are a problem on the later one naming the
    earlier, in English and Japanese (the shock[1] of FIVE, with a bad duration, is compared
    with none); a shock that differs in one key is not."""
    path = tmp_path / "twice.toml"
    again = '[[shock]]\nkind = "country"\ntargets = ["TWX"]\nstart = "2027-01"\n'
    path.write_text(FIVE + again, encoding="utf-8")
    found = check_partial(load_partial(path), load_model_data(store_path))
    twice = [p for p in found.problems if p.field == "shock[2]"]
    assert len(twice) == 1 and "the same shock as shock[0]" in twice[0].message
    assert "shock[0] と同じショックです" in check_text_ja(found)
    path.write_text(FIVE + again.replace("2027-01", "2027-02"), encoding="utf-8")
    found = check_partial(load_partial(path), load_model_data(store_path))
    assert not [p for p in found.problems if p.field == "shock[2]"]


def test_one_data_problem_alone_is_one_line(cli: Runner, tmp_path: Path) -> None:
    """A file whose only problem is one the data finds prints it on one line, as a run did
    before the round (no list header)."""
    path = tmp_path / "one.toml"
    path.write_text(
        '[scenario]\nstart_year = 2026\nend_year = 2027\n[[shock]]\nkind = "country"\n'
        'targets = ["TWX"]\nstart = "2027-01"\n',
        encoding="utf-8",
    )
    code, out, err = cli("scenario", "validate", str(path))
    assert code == 2 and out == ""
    # one line: "error: <command>: <file>, <field>: ..." (review 16 #13)
    assert err.startswith(f"error: chipshock scenario validate: {path}, shock[0].targets: unknown")
    assert "problems found" not in err and "problem found" not in err


def test_a_group_the_data_refuses_skips_the_shocks_that_name_it(
    store_path: Path, tmp_path: Path
) -> None:
    """An unknown code in a [groups] entry is named, the shock that uses the group is skipped
    with a line, and the shocks after it are still checked."""
    path = tmp_path / "groups.toml"
    path.write_text(
        '[scenario]\nstart_year = 2026\nend_year = 2028\n[groups]\nOTHER = ["XXX"]\n'
        '[[shock]]\nkind = "country"\ntargets = ["OTHER"]\nstart = "2027-01"\n'
        '[[shock]]\nkind = "country"\ntargets = ["KOX"]\nstart = "2027-01"\n',
        encoding="utf-8",
    )
    found = check_partial(load_partial(path), load_model_data(store_path))
    assert [(p.field, p.value) for p in found.problems] == [
        ("groups.OTHER", "XXX"),
        ("shock[1].targets", "KOX"),
    ]
    assert found.not_checked == (
        "shock[0]: not checked against the data, it depends on groups.OTHER (see above)",
    )
