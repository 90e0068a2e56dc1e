"""`chipshock scenario validate --lang ja`: a scenario's problems in Japanese on stderr.

Each problem says where it is (the file, the line or row, the field as the file writes it),
what is wrong, the value given and what was expected, in the words the API's ``detail_ja``
uses (`chipshock.present.error_text.problem_text_ja`, `expected_text_ja`); the checks not run
because they depend on a field with a problem follow, each on its line. The English text of
the same problems is `chipshock.errors.ValidationFailed`'s; ``--format json`` is unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from chipshock.errors import Problem
from chipshock.present.check_notes import skipped_check_text
from chipshock.present.error_text import error_text_ja, problem_part, problem_text_ja
from chipshock.present.messages import message

__all__ = ["check_text_ja", "problem_where_ja", "single_problem_ja"]

_LINE = re.compile(r"^line (\d+), column (\d+)$")


def problem_where_ja(problem: Problem) -> str | None:
    """Where a problem is, in Japanese: the file, then the row (``3行目``), the column and the
    field (a TOML position ``line 1, column 10`` as ``1行目、10文字目``)."""
    field = problem.field
    if field is not None and (position := _LINE.match(field)):
        field = message("cli.validate_position", "ja", line=position[1], column=position[2])
    row = message("cli.validate_row", "ja", row=problem.row) if problem.row is not None else None
    parts = [problem.file, row, problem.column, field]
    return "、".join(str(p) for p in parts if p is not None) or None


def single_problem_ja(problem: Problem) -> str:
    """One problem on one line in Japanese (`problem_text_ja`, located by `problem_where_ja`)."""
    part = dataclasses.replace(problem_part(problem), field=problem_where_ja(problem))
    return problem_text_ja(part)


def check_text_ja(check: Any) -> str:
    """The problems of a `chipshock.sim.run.checks.ScenarioCheck` in Japanese: one problem of
    the data checks alone on one line (as `raise_problems` raises it in English), else the count,
    a line for each problem and one for each check not run."""
    problems: tuple[Problem, ...] = check.problems
    if len(problems) == 1 and not check.parsed and not check.not_checked:
        return single_problem_ja(problems[0])
    parts = [dataclasses.replace(problem_part(p), field=problem_where_ja(p)) for p in problems]
    notes = [
        message("cli.validate_note", "ja", note=skipped_check_text(n, "ja")) for n in check.skipped
    ]
    return "\n".join([error_text_ja("invalid_scenario", parts), *notes])
