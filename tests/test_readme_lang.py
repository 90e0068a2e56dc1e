"""README's word on `--lang` matches the CLI: every command it lists as taking `--lang` has the
option, and a command it says "takes no `--lang`" has none (the README said so of `scenario
contributions` after it had gained `--lang ja`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from chipshock.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _command(words: list[str]) -> Any:
    """The command ``words`` name (``["scenario", "run", "ID"]``: `scenario run`), or None."""
    command = typer.main.get_command(app)
    found = False
    for word in words:
        if not isinstance(command, TyperGroup) or word not in command.commands:
            break
        command, found = command.commands[word], True
    return command if found else None


def _takes_lang(command: Any) -> bool:
    return any("--lang" in p.opts for p in command.params)


def _listed() -> list[list[str]]:
    """The commands of README's "The commands that take it include ..." (`a b|c`: a b, a c)."""
    text = README.read_text(encoding="utf-8")
    listing = text.split("The commands that take it include", 1)[1].split("(`sourcing --check`")[0]
    commands = []
    for span in re.findall(r"`([^`]+)`", listing):
        head, _, last = span.rpartition(" ")
        commands += [[*head.split(), tail] for tail in last.split("|") if not tail.startswith("-")]
    return commands


def test_every_command_listed_as_taking_lang_has_it() -> None:
    """Each command README lists as taking `--lang` exists and has the option."""
    listed = _listed()
    assert ["scenario", "contributions"] in listed and ["trace"] in listed
    missing = [c for c in listed if (cmd := _command(c)) is None or not _takes_lang(cmd)]
    assert not missing, missing


def test_no_paragraph_denies_lang_to_a_command_that_has_it() -> None:
    """A README paragraph or list item that says a command "takes no `--lang`" is about a
    command (its first `chipshock ...`) without the option."""
    text = README.read_text(encoding="utf-8")
    wrong: list[str] = []
    for block in re.split(r"\n(?=- |\n)", text):
        if "takes no `--lang`" not in block:
            continue
        first = re.search(r"`chipshock ([^`]+)`", block)
        assert first, block[:80]
        command = _command(first.group(1).split())
        if command is not None and _takes_lang(command):
            wrong.append(first.group(1))
    assert not wrong, wrong
