"""Checks of command-line values against the data: a bad value is an error that names the
option, the value and the valid choices (exit 2), never an empty table."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd
import typer

from chipshock.analysis.alliance import check_registry_countries, registry_countries
from chipshock.cli.output import error_line
from chipshock.data.curated import AllianceData
from chipshock.data.store import default_paths
from chipshock.errors import InputError, Problem, UnknownCodeError
from chipshock.model.fab_ids import close_fab_ids
from chipshock.present.error_text import problem_part, problem_text_ja
from chipshock.present.messages import message
from chipshock.present.numbers import Lang

__all__ = [
    "check_choice",
    "check_countries",
    "check_fab_ids",
    "packaged_fab_ids",
]


def check_fab_ids(
    fabs: pd.DataFrame,
    ids: Iterable[str],
    field: str,
    lang: Lang = "en",
    command: str = "",
) -> None:
    """Every id in ``ids`` must be a ``fab_id`` of the registry (as ``/api/fabs`` checks it).
    With ``lang`` "ja" an unknown id is ``command``'s error line in Japanese (exit 2), as a
    problem of a scenario file is (`chipshock.cli.scenario_validate_cmd.check_files`)."""
    known = sorted(set(fabs["fab_id"].astype(str)))
    for fab in ids:
        if fab not in known:
            close = close_fab_ids(fab, known)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            problem = Problem(
                "unknown fab",
                field=field,
                value=fab,
                expected=f"a fab_id listed by `chipshock fabs` ({len(known)} fabs){hint}",
            )
            if lang == "ja":
                listed = message(
                    "api_expected.fab_id", "ja", route="`chipshock fabs`", n=len(known)
                )
                part = dataclasses.replace(problem_part(problem), expected_ja=listed)
                error_line(command, problem_text_ja(part))
                raise typer.Exit(2)
            raise UnknownCodeError(problem)


@cache
def packaged_fab_ids() -> pd.DataFrame:
    """The ``fab_id`` column of the registry shipped inside the package (``fabs.csv``), for
    the commands that have no store at hand (`scenario show`)."""
    path = default_paths().curated / "fabs.csv"
    return pd.read_csv(path, usecols=["fab_id"], dtype=str)


def check_choice(value: str | None, choices: pd.Series, field: str) -> None:
    """``value`` (compared without case) must be one of ``choices`` (a column of the data)."""
    if value is None:
        return
    valid = sorted({str(c) for c in choices.dropna() if str(c)}, key=str.casefold)
    if value.casefold() not in {v.casefold() for v in valid}:
        raise InputError(
            Problem("unknown value", field=field, value=value, expected=", ".join(valid))
        )


def check_countries(codes: Sequence[str] | None, data: AllianceData, field: str) -> None:
    """Country and group codes of a registry filter must be known (the API checks them the
    same way: `chipshock.analysis.alliance.check_registry_countries`)."""
    known = registry_countries(data.fabs, data.partnerships, data.deliverables)
    check_registry_countries(codes or (), known, data.country_groups, field)
