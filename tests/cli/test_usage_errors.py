"""Usage errors on every command: one line naming the option and what is expected, exit 2.

The commands and their options are read from the Typer app itself (and each option's Python type
from the command's own signature), so a new command, a new option or a change of CLI framework is
covered without editing this file.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from chipshock.cli.main import app, main

COMMANDS: list[tuple[tuple[str, ...], Any]] = []


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in sorted(subcommands.items()):
            yield from _walk(sub, (*path, name))
    else:
        yield path, command


COMMANDS = list(_walk(typer.main.get_command(app), ()))
GROUPS = [("data",), ("scenario",)]


def _base_type(annotation: Any) -> Any:
    """`int | None` -> int, `list[int] | None` -> int; anything else unchanged."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(args[0]) if len(args) == 1 else annotation
    if origin is list:
        return _base_type(typing.get_args(annotation)[0])
    return annotation


def _param_type(command: Any, name: str) -> Any:
    return _base_type(typing.get_type_hints(command.callback).get(name))


def _required_args(command: Any, skip: str = "") -> list[str]:
    """Placeholder values for every required parameter except `skip`, so only one thing is wrong."""
    argv: list[str] = []
    for param in command.params:
        if not param.required or param.name == skip:
            continue
        value = "1" if _param_type(command, param.name) in (int, float) else "placeholder"
        if param.opts[0].startswith("-"):
            argv += [param.opts[0], value]
        else:
            argv.append(value)
    return argv


def _typed_options() -> Iterator[Any]:
    """(command path, option, bad value, words the message must contain) for each typed option."""
    for path, command in COMMANDS:
        for param in command.params:
            if not param.opts[0].startswith("--"):
                continue
            kind = _param_type(command, param.name)
            if kind is int:
                bad, expected = "abc", "integer"
            elif kind is float:
                bad, expected = "abc", "number"
            elif isinstance(kind, type) and issubclass(kind, enum.Enum):
                bad, expected = "no-such-choice", str(next(iter(kind)).value)
            else:
                continue  # free text and paths: the command itself validates them
            yield pytest.param(path, param, bad, expected, id=f"{' '.join(path)} {param.opts[0]}")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line(code: int, out: str, err: str, *needles: str) -> None:
    assert code == 2, (code, err)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])


def test_every_command_is_covered() -> None:
    """The walk finds the verbs the README documents (so the parametrised tests are not empty)."""
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"shares", "data build", "scenario run", "scenario compare", "report", "serve"} <= names
    assert len(list(_typed_options())) > 30


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_unknown_option(
    path: tuple[str, ...], command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown flag on any command: one line naming the flag and the command, exit 2."""
    argv = [*path, "--no-such-flag", *_required_args(command)]
    _assert_one_line(*_run(argv, capsys), "--no-such-flag", " ".join(("chipshock", *path)))


@pytest.mark.parametrize(("path", "param", "bad", "expected"), list(_typed_options()))
def test_bad_value(
    path: tuple[str, ...],
    param: Any,
    bad: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A value of the wrong type for any typed option names the option, the value and what is
    expected."""
    command = dict(COMMANDS)[path]
    argv = [*path, param.opts[0], bad, *_required_args(command, skip=param.name)]
    _assert_one_line(*_run(argv, capsys), param.opts[0], expected, f"got '{bad}'")


@pytest.mark.parametrize(
    ("path", "command"),
    [(p, c) for p, c in COMMANDS if any(q.required for q in c.params)],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_missing_required(
    path: tuple[str, ...], command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Leaving out a required argument or option names it, exit 2."""
    last = [q for q in command.params if q.required][-1]  # the last, so the others stay in place
    argv = [*path, *_required_args(command, skip=last.name)]
    name = last.opts[0] if last.opts[0].startswith("-") else "argument"
    _assert_one_line(*_run(argv, capsys), "missing", name)


@pytest.mark.parametrize("group", [(), *GROUPS], ids=lambda g: " ".join(("chipshock", *g)))
def test_unknown_command(group: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped verb names it, exit 2."""
    _assert_one_line(*_run([*group, "no-such-verb"], capsys), "no-such-verb")


@pytest.mark.parametrize("group", GROUPS, ids=" ".join)
def test_group_without_verb_shows_help(
    group: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """A group called without a verb shows its help and exits 2 (as click does), no traceback."""
    code, out, err = _run(list(group), capsys)
    assert code == 2 and "Traceback" not in out + err
    assert "Usage" in out + err


def test_bad_value_from_the_command_itself(
    capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    """A value only the command judges (free text) also gives one unwrapped line and exit 2."""
    code, out, err = _run(["chokepoints", "--by", "planet", "--db", str(store_path)], capsys)
    _assert_one_line(code, out, err)
    assert "--by" in err and "planet" in err and "country or firm" in err


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["scenario", "run", "korea-conflict", "--runs", "0"], ["--runs", "1 ≤ runs"]),
        (["scenario", "compare", "korea-conflict", "--runs", "0"], ["--runs", "1 ≤ runs"]),
        (["scenario", "run", "korea-conflict", "--lang", "jp"], ["--lang", "en or ja"]),
    ],
)
def test_option_errors_name_the_option_and_the_command(
    argv: list[str], needles: list[str], built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 16 #13: a bad --runs is one line naming --runs (not "overrides"), and every
    error line has one prefix, "error: <command>: ", as a usage error's."""
    code, out, err = _run([*argv, "--db", str(built_store)], capsys)
    command = "chipshock " + " ".join(argv[:2])
    _assert_one_line(code, out, err, *needles)
    assert err.startswith(f"error: {command}: ") and "overrides" not in err


def test_serve_help_keeps_its_default_in_brackets_out() -> None:
    """Review 16 #13: serve --help said "may take ." (rich ate "[default: ...]" as markup)."""
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert "may take (default: 10 x --time-budget" in " ".join(
        result.output.replace("│", " ").split()
    )


def test_usage_lines_name_each_argument_once_in_capitals() -> None:
    """Each command's usage line brackets an argument once (typer adds ``{}`` or ``[]``
    itself: ``scenario compare`` read ``{A} [[B]]``) and names it in capitals, as the errors
    quote it (``Missing argument 'RESULT'``, not 'result')."""
    for path, command in COMMANDS:
        ctx = command.make_context(
            " ".join(("chipshock", *path)), ["--help"], resilient_parsing=True
        )
        pieces = [p for p in command.collect_usage_pieces(ctx) if p != "[OPTIONS]"]
        for piece in pieces:
            name = piece.strip("{}[].")
            assert "[[" not in piece and name == name.upper(), (path, piece)


def test_a_bad_choice_reads_without_pydantics_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    """A value outside an option's choices says which are allowed, without the "Value error,"
    that typer's check put before it."""
    assert main(["scenario", "run", "x", "--engine", "foo"]) == 2
    err = capsys.readouterr().err
    assert "Invalid value for '--engine': 'foo' is not one of 'local', 'dask'." in err
    assert "Value error" not in err
