"""The dates of the curated files: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, each a real date at
its precision (a month 01–12, a day the month has).

Every row's ``as_of`` and the other date columns (a partnership's ``start_date`` and
``target_date``, a tracker item's ``event_date`` and ``status_as_of``, the month of an amount's
exchange rate ``usd_rate_as_of``, which may also say ``mixed``) are checked here, one way, by
`chipshock data validate` and every build of the store (history_observations.csv and
published_estimates.csv by their own readers, `chipshock.data.history`, which validate runs too).

>>> date_problem("2025-07"), date_problem("2024-02-29") is None
(None, True)
>>> date_problem("2025-13")
('no such month', 'a month from 01 to 12')
>>> date_problem("2025-02-29")
('no such day', 'a day from 01 to 28 (the days of 2025-02)')
>>> date_problem("July 2025")
('not a date', 'YYYY, YYYY-MM or YYYY-MM-DD')
"""

from __future__ import annotations

import calendar
import re

from chipshock.data.csvio import RawTable
from chipshock.errors import Problem

__all__ = ["DATE_COLUMNS", "DATE_FORMS", "check_dates", "date_problem"]

#: the forms a date cell takes, as a problem's ``expected`` names them
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"

#: the date columns of the curated files (a file checks those of its header), each with the
#: word it may hold instead of a date (``usd_rate_as_of``: ``mixed``, rates of several dates)
DATE_COLUMNS: dict[str, str | None] = {
    "as_of": None,
    "start_date": None,
    "target_date": None,
    "event_date": None,
    "status_as_of": None,
    "usd_rate_as_of": "mixed",
}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a date cell's ``text`` (the problem and what was expected), or None
    for a real date at its precision."""
    match = _DATE_RE.match(text)
    if match is None:
        return "not a date", DATE_FORMS
    year, month, day = match.groups()
    if month is None:
        return None
    if not 1 <= int(month) <= 12:
        return "no such month", "a month from 01 to 12"
    last = calendar.monthrange(int(year), int(month))[1]
    if day is not None and not 1 <= int(day) <= last:
        return "no such day", f"a day from 01 to {last} (the days of {year}-{month})"
    return None


def check_dates(table: RawTable, problems: list[Problem]) -> None:
    """Each non-blank cell of the table's date columns (`DATE_COLUMNS`) is a real date, or the
    column's own word; a blank is the column spec's to refuse."""
    columns = [c for c in DATE_COLUMNS if c in table.header]
    for row in table.rows:
        for column in columns:
            raw = row.get(column, "").strip()
            word = DATE_COLUMNS[column]
            found = date_problem(raw) if raw and raw != word else None
            if found is not None:
                message, expected = found
                if word is not None and message == "not a date":
                    expected = f"{DATE_FORMS}, or {word}"
                problems.append(table.problem_at(row, column, message, raw, expected))
