"""A run whose start year or duration was changed on the command line says so wherever the
scenario's title or description appears: the heading, the summary paragraph (English and
Japanese), the JSON and the file `scenario show` writes (review finding 9)."""

from __future__ import annotations

import json
import tomllib

from tests.cli.conftest import Runner

FLAGSHIP = "taiwan-blockade-2027-6m"
TITLE = "Taiwan blockade, 2027, six months"
CHANGED = f"{TITLE} (changed: starts in 2029, lasts 52 weeks)"
CHANGED_JA = "台湾封鎖（2027年・6か月）［変更：2029年開始、52週間］"
MOVED = ("--start-year", "2029", "--duration-weeks", "52", "--runs", "20")


def test_run_with_changed_timing_says_so_in_english_and_japanese(cli: Runner) -> None:
    """The table's heading and summary paragraph carry the changed timing after the title, in
    both languages; the unchanged run keeps the bare title."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, *MOVED)
    assert code == 0, out
    text = " ".join(out.split())
    assert f"{CHANGED}: we ran 20 simulated futures" in text
    assert text.count(TITLE) == text.count(CHANGED) == 2  # heading and paragraph
    code, out, _ = cli("scenario", "run", FLAGSHIP, *MOVED, "--lang", "ja")
    assert code == 0 and CHANGED_JA in "".join(out.split())
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--runs", "20")
    assert code == 0 and "(changed" not in out and f"{TITLE}: we ran" in " ".join(out.split())


def test_json_of_a_changed_run_carries_the_changed_title(cli: Runner) -> None:
    """`--format json`: the title is the changed one."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, *MOVED, "--format", "json")
    assert code == 0
    assert json.loads(out)["title"] == CHANGED


def test_scenario_show_with_a_start_year_writes_the_change(cli: Runner) -> None:
    """`scenario show --start-year 2029` writes a file whose title and descriptions say the
    first shock starts in 2029, before the written description that says 2027."""
    code, out, _ = cli("scenario", "show", FLAGSHIP, "--start-year", "2029", db=False)
    assert code == 0
    written = tomllib.loads(out)["scenario"]
    assert written["title"] == f"{TITLE} (changed: starts in 2029)"
    assert written["description"].startswith("Changed for this run: starts in 2029.")
    assert "January 2027" in written["description"]  # the scenario's own text follows
    assert written["description_ja"].startswith("今回の設定変更：2029年開始。")


def test_a_fab_switched_off_is_named_in_the_title_and_the_json(cli: Runner) -> None:
    """`--fabs-off rapidus-iim1`: the heading, paragraph and JSON title name the fab; with the
    start year moved too, both changes, timing first (review 2, finding 1)."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--fabs-off", "rapidus-iim1", "--runs", "20")
    assert code == 0, out
    text = " ".join(out.split())
    assert f"{TITLE} (changed: without rapidus-iim1): we ran 20" in text
    code, out, _ = cli(
        "scenario", "run", FLAGSHIP, "--fabs-off", "rapidus-iim1", *MOVED, "--format", "json"
    )
    assert code == 0
    want = f"{TITLE} (changed: starts in 2029, lasts 52 weeks, without rapidus-iim1)"
    assert json.loads(out)["title"] == want
