"""Help screens read plainly: no ``<bool>``/``<str>`` type tags (a flag shows none, a value a
word such as TEXT or its choices), and each command's summary in `chipshock --help` on one
line at a wide terminal, not broken where its docstring breaks."""

from __future__ import annotations

import itertools
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


@pytest.mark.parametrize(
    "args", [["trace"], ["shapley"], ["groups"], ["data", "build"], ["data", "audit"]]
)
def test_later_paragraphs_do_not_break_mid_sentence(
    cli: Runner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """typer keeps the line breaks of a docstring's later paragraphs: wrapped at the source's
    100 columns they printed as a long line and a stub at 80 (review 2: "the capacity / data
    ("Europe" ..."). No description line at 80 columns is a stub followed by its sentence's
    rest."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli(*args, "--help", db=False)
    assert code == 0
    text = out.split("╭─")[0]
    lines = [line.rstrip() for line in text.splitlines()]
    for line, following in itertools.pairwise(lines):
        if 2 < len(line) < 50 and re.match(r"^ [a-z(`]", following):
            pytest.fail(f"broken line: {line!r} / {following!r}")


def test_groups_caption_keeps_its_brackets(cli: Runner) -> None:
    """The caption names a scenario's [groups] table (rich markup had swallowed it)."""
    code, out, _ = cli("groups")
    assert code == 0 and "[groups] table" in " ".join(out.split())
