"""Every command that prints text takes ``--lang ja`` (a user who adds it to each command is
never told "No such option"); `scenario show` prints a scenario that carries both languages, and
its ``--lang`` words its errors."""

from __future__ import annotations

from typing import Any

from chipshock.cli.main import click_command

from .conftest import Runner

#: the commands that print no text of their own: the server (its pages choose their language)
#: and the version number
_NO_TEXT = {"chipshock serve", "chipshock version"}


def _leaves(command: Any, path: str) -> list[tuple[str, Any]]:
    commands = getattr(command, "commands", None)
    if commands is None:
        return [(path, command)]
    return [leaf for name, sub in commands.items() for leaf in _leaves(sub, f"{path} {name}")]


def test_every_command_that_prints_text_takes_lang() -> None:
    """Walks the whole command tree: `scenario show` lacked --lang (session 34)."""
    without = [
        path
        for path, command in _leaves(click_command(), "chipshock")
        if path not in _NO_TEXT
        and not any("--lang" in getattr(p, "opts", ()) for p in command.params)
    ]
    assert without == []


def test_scenario_show_words_its_errors_in_japanese(cli: Runner) -> None:
    """An unknown fab id is the Japanese line, with the closest ids; the TOML is unchanged."""
    code, out, err = cli(
        "scenario",
        "show",
        "taiwan-blockade-2027-6m",
        "--fabs-off",
        "tsmc-f99",
        "--lang",
        "ja",
        db=False,
    )
    assert code == 2 and out == ""
    assert err.startswith("error: chipshock scenario show: --fabs-off：該当する工場がありません"), (
        err
    )
    code, out, err = cli("scenario", "show", "taiwan-blockade-2027-6m", "--lang", "ja", db=False)
    assert code == 0, err
    assert 'title = "Taiwan blockade, 2027, six months"' in out and "title_ja = " in out
