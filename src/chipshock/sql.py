"""SQL identifiers (table and column names) checked and quoted before they reach a statement.

DuckDB takes values as parameters (``?``) but not table or column names, so those are put into
the statement text. Every such name passes `identifier` first: it must look like a name we
write ourselves (letters, digits and ``_``, starting with a letter or ``_``, at most 63
characters) and is then quoted the SQL way (``"name"``, inner quotes doubled), so that nothing
read from a file, a store or a user can end a statement or open another.
"""

from __future__ import annotations

import re

from chipshock.errors import InputError, Problem

__all__ = ["column_type", "identifier"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_TYPE = re.compile(r"[A-Z][A-Z0-9_]*(\(\d+(, ?\d+)?\))?(\[\])?")


def identifier(name: str, field: str = "table") -> str:
    """``name`` checked and quoted for use as a table or column name.

    >>> identifier("result_kpis")
    '"result_kpis"'
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(
            Problem(
                "not a table or column name we write",
                field=field,
                value=str(name),
                expected="letters, digits and _, starting with a letter or _, at most 63 "
                "characters",
            )
        )
    return '"' + name.replace('"', '""') + '"'


def column_type(name: str) -> str:
    """A DuckDB column type as DuckDB itself writes it (``VARCHAR``, ``DECIMAL(18,3)``,
    ``BIGINT[]``), checked before it is put into ``ALTER TABLE``."""
    if not _TYPE.fullmatch(name):
        raise InputError(
            Problem("not a column type", field="type", value=name, expected="e.g. VARCHAR")
        )
    return name
