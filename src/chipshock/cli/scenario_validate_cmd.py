"""`chipshock scenario validate`: every problem of a scenario file in one round (review 14 #7),
and the check `scenario run` makes before it runs a file."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import typer

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.output import Format, console, error_line
from chipshock.cli.scenario_options import LangOpt, ScenarioArg, check_lang
from chipshock.cli.scenario_shared import model_data
from chipshock.cli.scenario_validate_ja import check_text_ja, single_problem_ja
from chipshock.errors import InputError
from chipshock.present.labels import Lang
from chipshock.present.messages import message

__all__ = ["check_file", "check_files", "validate"]


def check_file(scenario: str, db: Path | None, data: Any = None) -> Any:
    """Every problem of ``scenario`` (a file or a built-in id): the parser's and the data
    checks' (`chipshock.sim.run.checks.check_partial`) against ``data`` (the store's model
    data, read here if not given), as a `ScenarioCheck`."""
    from chipshock.scenarios.parser import load_partial
    from chipshock.sim.run.checks import ScenarioCheck, check_partial

    partial = load_partial(scenario)
    if partial.scenario is None:  # the TOML cannot be read: no data needed to say so
        return ScenarioCheck(partial.problems, parsed=len(partial.problems), readable=False)
    return check_partial(partial, model_data(db) if data is None else data)


def check_files(
    scenarios: Mapping[str, str],
    db: Path | None,
    data: Any = None,
    lang: Lang = "en",
    command: str = "chipshock scenario run",
) -> None:
    """Raise every problem of all ``scenarios`` (argument name: a file or a built-in id) in
    one round, as `check_file` finds them and `chipshock.sim.run.checks.raise_problems`
    raises them: the two sides of ``scenario compare`` together, each problem naming its file.
    With two or more, a file that cannot be opened or an unknown id (named by its argument,
    ``A`` or ``B``) is one problem among the others, and each line of a check not run names
    its file; one scenario raises exactly as ``scenario run``. With ``lang`` "ja" the same
    problems are ``command``'s error line in Japanese, as `scenario validate --lang ja`
    writes them (exit 2)."""
    from chipshock.sim.run.checks import raise_problems

    try:
        found = _files_check(scenarios, db, data)
    except InputError as exc:  # one scenario: no such file or built-in id
        if lang == "en":
            raise
        _error_ja(single_problem_ja(exc.problem), command)
    if lang == "ja" and not found.ok:
        _error_ja(check_text_ja(found), command)
    raise_problems(found)


def _files_check(scenarios: Mapping[str, str], db: Path | None, data: Any) -> Any:
    """The `ScenarioCheck` of `check_files`: one file's, or every file's together."""
    from chipshock.errors import ValidationFailed
    from chipshock.sim.run.checks import ScenarioCheck

    refs: dict[str, str] = {}  # each file once, named by the first argument that gives it
    for argument, ref in scenarios.items():
        refs.setdefault(ref, argument)
    if len(refs) == 1:
        return check_file(next(iter(refs)), db, data)
    data = model_data(db) if data is None else data  # the store's tables, read once
    checks: list[ScenarioCheck] = []
    for ref, argument in refs.items():
        try:
            found = check_file(ref, db, data)
        except InputError as exc:  # no such file or id: one problem of this side
            problems = exc.problems if isinstance(exc, ValidationFailed) else (exc.problem,)
            found = ScenarioCheck(
                tuple(p if p.file else dataclasses.replace(p, field=argument) for p in problems),
                readable=False,
            )
        checks.append(found.within(ref))
    return ScenarioCheck(
        tuple(p for c in checks for p in c.problems),
        tuple(n for c in checks for n in c.skipped),
        parsed=sum(c.parsed for c in checks),
        readable=any(c.readable for c in checks),
    )


def validate(
    scenario: ScenarioArg,
    lang: LangOpt = "en",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check a scenario file against the data without running it: every problem at once.

    The parser's problems (a key, a value, a distribution) and the data checks a run makes
    (fabs, operators, markets, inputs, shock targets, groups, parameters), each with the
    field, the value found and what was expected, and a line for each check that could not
    run because it depends on a field with a problem. Exits with 2 on any problem, else 0.

    Example: chipshock scenario validate my-blockade.toml --format json
    """
    from chipshock.sim.run.checks import raise_problems

    language = check_lang(lang)
    try:
        found = check_file(scenario, db)
    except InputError as exc:  # no such file or built-in id
        if language == "en" or fmt is Format.json:
            raise
        _error_ja(single_problem_ja(exc.problem), "chipshock scenario validate")
    if fmt is Format.json:
        sys.stdout.write(
            json.dumps(
                {
                    "scenario": scenario,
                    "valid": found.ok,
                    "problems": [dataclasses.asdict(p) for p in found.problems],
                    "not_checked": list(found.not_checked),
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        if not found.ok:
            raise typer.Exit(2)
        return
    if language == "ja" and not found.ok:  # the same problems, in Japanese
        _error_ja(check_text_ja(found), "chipshock scenario validate")
    raise_problems(found)  # exit 2, every problem on stderr
    valid = message("scenario.valid", language, scenario=scenario)
    if language == "ja":  # wrapped where Japanese may break: no 。 alone on a line
        from chipshock.cli.scenario_run_ja import print_wrapped

        print_wrapped(valid)
        return
    console.print(valid, highlight=False, markup=False)  # a path may hold "[x]"


def _error_ja(text: str, command: str) -> NoReturn:
    """Print ``text`` as the error line of ``command`` (``error: <command>: ...``, the form of
    every error line) and exit with 2."""
    error_line(command, text)
    raise typer.Exit(2)
