"""The `chipshock` command: a thin layer over the library."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from functools import cache
from typing import Any

import typer
import typer.main
from typer.core import TyperArgument, TyperOption

from chipshock import __version__
from chipshock.cli import (
    alliance_cmd,
    analysis_cmd,
    data_cmd,
    groups_cmd,
    inputs_cmd,
    markets_cmd,
    report_cmd,
    results_cmd,
    scenario_cmd,
    serve_cmd,
    validate_cmd,
)
from chipshock.cli.output import err_console, error_line
from chipshock.errors import ChipshockError, InputError

app = typer.Typer(
    name="chipshock",
    help="How fragile is the world's chip supply, and how much do alliances change that?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(data_cmd.app, name="data")
for command in (
    inputs_cmd.inputs,
    analysis_cmd.shares,
    analysis_cmd.chokepoints,
    analysis_cmd.concentration,
    analysis_cmd.trace,
    analysis_cmd.coalition,
    analysis_cmd.criticality,
    analysis_cmd.shapley,
    analysis_cmd.synergy,
    alliance_cmd.fabs,
    alliance_cmd.partnerships,
    alliance_cmd.deliverables,
    groups_cmd.groups,
    groups_cmd.countries,
):
    app.command()(command)

scenario_cmd.register(app)
serve_cmd.register(app)
markets_cmd.register(app)
report_cmd.register(app)
results_cmd.register(app)
validate_cmd.register(app)


@app.command()
def version() -> None:
    """Print the chipshock version."""
    typer.echo(__version__)


#: the word a help screen shows for an option's value, by its type: typer's own tags read
#: ``<str>``, ``<int>`` and ``<bool>`` beside every option, flags included
VALUE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "path": "PATH"}


def summary(help_text: str) -> str:
    r"""A command's one-line summary for ``chipshock --help``: its help's first paragraph with
    the docstring's line breaks joined (typer prints them as written, mid-sentence).

    >>> summary("Rank countries by what is lost,\n    over the inputs.\n\n    Example: x")
    'Rank countries by what is lost, over the inputs.'
    """
    first = help_text.strip().split("\n\n")[0]
    return " ".join(first.split())


def paragraphs(help_text: str) -> str:
    r"""``help_text`` with each paragraph's docstring line breaks joined, so that the help screen
    wraps it at the terminal's width (typer prints a later paragraph's breaks as written: at 80
    columns a 90-column source line printed as a line and a stub).

    >>> paragraphs("Trace an input.\n\n    --lang ja writes\n    Japanese.\n\n    Example: x")
    'Trace an input.\n\n--lang ja writes Japanese.\n\nExample: x'
    """
    return "\n\n".join(" ".join(p.split()) for p in help_text.strip().split("\n\n"))


def plain_help(command: Any, ctx: typer.Context | None = None) -> Any:
    """``command`` (a click command built by typer, and its subcommands) with help that reads
    plainly: a flag shows no type, an option's value is a word (TEXT, INTEGER, PATH or its
    choices ``table|json|csv``) instead of ``<str>``, an argument only its name (SCENARIO, not
    ``SCENARIO <str>``), and each subcommand's summary on one line. Returns ``command``."""
    ctx = ctx or typer.Context(command)
    for param in command.get_params(ctx):  # with --help, which click makes (once) on demand
        if isinstance(param, TyperOption) and param.metavar is None:
            if param.is_flag:
                param.metavar = ""
            else:
                tag = param.display_type(ctx).strip("<>")
                element = tag.removeprefix("list[").removesuffix("]")
                param.metavar = VALUE_WORDS.get(element, element)
        elif isinstance(param, TyperArgument):
            param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
    for name, sub in getattr(command, "commands", {}).items():
        if sub.help and not sub.short_help:
            sub.short_help = summary(sub.help)
        if sub.help:
            sub.help = paragraphs(sub.help)
        plain_help(sub, typer.Context(sub, info_name=name, parent=ctx))
    return command


@cache
def click_command() -> Any:
    """The `chipshock` click command, built once from `app`, with `plain_help`."""
    return plain_help(typer.main.get_command(app))


def given_value(argv: Sequence[str], options: Sequence[str]) -> str | None:
    """The value typed after one of ``options`` (``--runs abc`` or ``--runs=abc``), if typed once.

    >>> given_value(["scenario", "run", "x", "-n", "abc"], ["--runs", "-n"])
    'abc'
    >>> given_value(["--year=20x7"], ["--year"])
    '20x7'
    """
    found = []
    for i, token in enumerate(argv):
        for option in options:
            if token == option and i + 1 < len(argv):
                found.append(argv[i + 1])
            elif option.startswith("--") and token.startswith(option + "="):
                found.append(token.split("=", 1)[1])
    return found[0] if len(found) == 1 else None


def command_path(argv: Sequence[str]) -> str:
    """The command the arguments name (``chipshock scenario run``), walking the command groups
    as long as a word names a subcommand (options before it are skipped).

    >>> command_path(["scenario", "run", "korea-conflict", "--runs", "0"])
    'chipshock scenario run'
    >>> command_path(["--help"])
    'chipshock'
    """
    words, group = ["chipshock"], click_command()
    for token in argv:
        commands = getattr(group, "commands", None)
        if not commands or token.startswith("-"):
            if commands is None:
                break
            continue
        if token not in commands:
            break
        words.append(token)
        group = commands[token]
    return " ".join(words)


def usage_error_line(exc: typer.TyperException, argv: Sequence[str]) -> str:
    """One line for a usage error: the command, what was wrong, and where to get help.

    Typer's vendored click (``typer._click``) raises ``UsageError``/``BadParameter``, which name
    the option and the expected value (``Invalid value for '--runs': Input should be a valid
    integer``); we add the command path, the value given (for a bad value) and keep it to one line
    so scripts can parse it. Typer exports no ``UsageError`` type, so its ``ctx`` (the command
    that complained) is read where the exception has one.
    """
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", "") or "chipshock"
    message = " ".join(exc.format_message().split())
    # pydantic's prefix of a choice typer checks ("Value error, 'xml' is not one of ...")
    message = message.replace(": Value error, ", ": ")
    given = None
    if isinstance(exc, typer.BadParameter) and exc.param is not None:
        given = given_value(argv, exc.param.opts)
    got = f"got {given!r}; " if given is not None else ""
    return f"error: {command}: {message} ({got}see '{command} --help')"


#: set to 1 to see the traceback of an error chipshock did not expect (a bug), below its line
TRACEBACK_VAR = "CHIPSHOCK_TRACEBACK"


def unexpected_text(exc: BaseException) -> str:
    """What an error chipshock did not raise on purpose says on its line: a file or the output
    that could not be read or written, text the terminal cannot encode, or a bug.

    >>> unexpected_text(OSError(28, "No space left on device"))
    'cannot read or write: No space left on device (errno 28)'
    >>> unexpected_text(KeyError("x")).startswith("internal error (KeyError: 'x'); a bug")
    True
    """
    if isinstance(exc, UnicodeEncodeError):
        return (
            f"the output cannot be written in this terminal's encoding ({exc.encoding}): "
            "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
        )
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot read or write{where}: {exc.strerror or exc} (errno {exc.errno})"
    return (
        f"internal error ({type(exc).__name__}: {exc}); a bug in chipshock, please report "
        f"it with the command ({TRACEBACK_VAR}=1 prints where it happened)"
    )


def asks_japanese(argv: Sequence[str]) -> bool:
    """Whether the arguments ask for Japanese (``--lang ja`` or ``--lang=ja``).

    >>> asks_japanese(["trace", "N999", "--lang", "ja"]), asks_japanese(["trace", "--lang=en"])
    (True, False)
    """
    pairs = zip(argv, [*argv[1:], ""], strict=True)
    return any(a == "--lang=ja" or (a == "--lang" and b == "ja") for a, b in pairs)


def error_text(exc: ChipshockError, argv: Sequence[str]) -> str:
    """The error line's text: with ``--lang ja``, a bad value (an `InputError`: an unknown
    input, code or fab, a value out of range) in Japanese, as `scenario validate --lang ja`
    words a problem (what is wrong, the value, the closest ids, what is expected); else, and
    for every other error, and for a problem whose English alone says what is wrong (no value,
    nothing expected, no Japanese words for it: `synergy QUAD CHIP4`'s shared countries), the
    English message. A year outside the model's years is followed by why they are what they
    are, and where the fab registry's figure for it is (`model_year_note`)."""
    text = str(exc)
    japanese = asks_japanese(argv)
    if isinstance(exc, InputError) and japanese:
        from chipshock.cli.scenario_validate_ja import single_problem_ja
        from chipshock.present.error_text import problem_code
        from chipshock.present.problem_words import problem_words_ja

        problem = exc.problem
        worded = problem_code(problem.message) != "invalid" or problem_words_ja(problem.message)
        if worded or problem.value is not None or problem.expected is not None:
            text = single_problem_ja(problem)
    if isinstance(exc, InputError):
        from chipshock.cli.year_notes import model_year_note

        note = model_year_note(exc.problem, command_path(argv), "ja" if japanese else "en")
        if note:
            text += f"。{note}" if japanese else f". {note}"
    return text


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; errors print one line on stderr and return an exit status.

    A `ChipshockError` (bad data, unknown code, invalid scenario), a usage error (unknown
    option, bad value, missing argument), a file or output that cannot be read or written
    (a full disk), text the terminal cannot encode, and an error chipshock did not expect
    all exit with 2 on one line ``error: chipshock <command>: ...``, never with a traceback
    (``CHIPSHOCK_TRACEBACK=1`` adds it for an unexpected one). A closed output pipe
    (``| head``) ends the command quietly, as click does.
    """
    given = sys.argv[1:] if argv is None else argv
    try:
        result = click_command().main(args=argv, prog_name="chipshock", standalone_mode=False)
    except ChipshockError as exc:
        error_line(command_path(given), error_text(exc, given))
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except typer.TyperException as exc:  # usage errors from typer's vendored click
        text = exc.format_message().strip()
        if not text or "\n" in text:  # a group called without a verb: its help
            if text:
                print(text, file=sys.stderr)
            return 2
        print(usage_error_line(exc, given), file=sys.stderr)
        return 2
    except Exception as exc:  # the one place every other error becomes its line
        if os.environ.get(TRACEBACK_VAR) == "1":
            traceback.print_exc()
        error_line(command_path(given), unexpected_text(exc))
        return 2
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
