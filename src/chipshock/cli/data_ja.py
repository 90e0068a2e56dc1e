"""`chipshock data build|validate|audit` and `validate --out-of-sample` with ``--lang ja``: the
terminal tables' headers, titles and captions, the lines around them and the errors in
Japanese, with the cells of the English tables (files, ids, numbers and the data's own notes
as they are; severities, confidences, markets, node classes and regions by name).

Words from the message catalogue: ``cli.data_build_*``, ``cli.data_validate_*``, ``cli.audit_*``,
``cli.oos_*``; a problem's kind and what was expected by `chipshock.present.error_text`, the words
the API's ``detail_ja`` uses. ``--format json`` and ``csv`` are the English ones in either
language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd
import typer

from chipshock.cli.output import error_line
from chipshock.cli.scenario_validate_ja import single_problem_ja
from chipshock.errors import InputError, Problem, ValidationFailed
from chipshock.present.error_text import error_text_ja, problem_part, problem_text_ja
from chipshock.present.expected_text import expected_text_ja
from chipshock.present.labels import Lang, confidence_label, country_label, market_label, node_label
from chipshock.present.messages import count_message, message

__all__ = [
    "audit_table_ja",
    "errors_in",
    "problem_cells_ja",
    "renamed",
    "scope_line",
    "warnings_caption",
]


@contextmanager
def errors_in(lang: Lang, command: str) -> Iterator[None]:
    """An input error raised inside as ``command``'s error line in Japanese (exit 2) when
    ``lang`` is ja (one problem on its line, several after the lead sentence); in English as
    raised."""
    try:
        yield
    except InputError as exc:
        if lang == "en":
            raise
        problems = exc.problems if isinstance(exc, ValidationFailed) else (exc.problem,)
        text = (
            single_problem_ja(problems[0])
            if len(problems) == 1
            else error_text_ja("invalid_input", [problem_part(p) for p in problems])
        )
        error_line(command, text)
        raise typer.Exit(2) from None


def renamed(frame: pd.DataFrame, prefix: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """``frame``'s ``columns`` (default all) headed by their Japanese words
    (``<prefix><column>``)."""
    shown = list(columns or frame.columns)
    return frame[shown].rename(columns={c: message(f"{prefix}{c}", "ja") for c in shown})


def problem_cells_ja(frame: pd.DataFrame) -> pd.DataFrame:
    """`data validate`'s problems table in Japanese: the severity as a word, each problem's kind
    and what was expected in the words of the API's ``detail_ja`` (`problem_text_ja`,
    `expected_text_ja`); files, rows, columns and values as they are."""
    severity = [message(f"cli.data_validate_severity_{s}", "ja") for s in frame["severity"]]
    problem = [
        problem_text_ja(dataclasses.replace(problem_part(Problem(str(m))), field=None))
        for m in frame["problem"]
    ]
    expected = [
        (expected_text_ja(e) or "") if isinstance(e, str) and e else "" for e in frame["expected"]
    ]
    shown = frame.assign(severity=severity, problem=problem, expected=expected)
    return renamed(shown, "cli.data_validate_col_")


def scope_line(checked: Sequence[str], absent: Sequence[str], lang: Lang) -> str:
    """One line naming the files checked and how many were not (empty for a whole folder).

    >>> scope_line(["materials.csv"], ["fabs.csv", "partnerships.csv"], "en")
    "checked materials.csv; the set's 2 other files are absent: not checked"
    >>> scope_line(["materials.csv"], ["fabs.csv"], "ja")
    'materials.csvを確認しました。同じ組のほかの1ファイルはないため、確認していません。'
    """
    if not absent:
        return ""
    sep = ", " if lang == "en" else "、"
    return count_message("cli.data_validate_scope", len(absent), lang, checked=sep.join(checked))


def warnings_caption(folders: dict[str, int], total: int, lang: Lang) -> str:
    """How many warnings `data build` met, and the command that lists them for each folder."""
    if not total:
        return message("cli.data_build_no_warnings", lang)
    where = message("cli.data_build_warnings_sep", lang).join(
        message("cli.data_build_warnings_in", lang, n=n, folder=folder)
        for folder, n in sorted(folders.items())
    )
    return message(
        "cli.data_build_warnings",
        lang,
        count=count_message("count.warning", total, lang),
        where=where,
    )


#: the cells of `data audit`'s tables written as words in Japanese, by column
_WORDS = {
    "confidence": lambda v: confidence_label(str(v), "ja") if isinstance(v, str) and v else "",
    "market": lambda v: market_label(str(v), "ja"),
    "node_class": lambda v: node_label(str(v), "ja"),
    "region": lambda v: country_label(str(v), "ja"),
}


def audit_table_ja(frame: pd.DataFrame) -> pd.DataFrame:
    """One of `data audit`'s tables in Japanese: headers ``cli.audit_col_<column>``,
    confidences, markets, node classes and regions by name; numbers, ids, notes and addresses
    as they are."""
    cells = {c: [_WORDS[c](v) for v in frame[c]] for c in frame.columns if c in _WORDS}
    return renamed(frame.assign(**cells), "cli.audit_col_")
