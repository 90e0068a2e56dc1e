"""Help screens read plainly: no ``<bool>``/``<str>`` type tags (a flag shows none, a value a
word such as TEXT or its choices), and each command's summary in `chipshock --help` on one
line at a wide terminal, not broken where its docstring breaks."""

from __future__ import annotations

import re

import pytest

from chipshock.cli.main import click_command, summary

from .conftest import Runner


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate", "--help"], ["scenario", "sensitivity", "--help"], ["fabs", "--help"]],
)
def test_no_type_tags(cli: Runner, args: list[str]) -> None:
    """No option or argument shows typer's <type> tag; values show a word or their choices."""
    code, out, _ = cli(*args, db=False)
    assert code == 0
    assert not re.findall(r"<(bool|str|int|float|path|list\[\w+\])>", out)
    if args == ["validate", "--help"]:
        assert re.search(r"--runs\s+INTEGER", out) and re.search(r"-f\s+table\|json\|csv", out)


def test_command_summaries_are_one_line(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 200 columns each summary (criticality, validate, calibrate, countries) is one line:
    the docstring's own line breaks are joined."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("--help", db=False)
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("│ ")}
    assert "see `chipshock capacity`)." in lines["criticality"]
    assert "whether it lies inside the model's 90% band." in lines["validate"]
    assert "print or write them as data rows." in lines["calibrate"]
    for name, sub in click_command().commands.items():
        assert "\n" not in (sub.short_help or ""), name


def test_summary_joins_the_first_paragraph() -> None:
    """The summary is the first paragraph, on one line."""
    assert summary("One two,\n    three.\n\n    More.") == "One two, three."
