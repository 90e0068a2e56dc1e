"""Column and table specs: the types that every schema table in `chipshock.model` is made of.

Kept apart from the tables themselves so that `schema` and `market_schema` both build on it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Column", "DType", "TableSpec", "ddl"]

DType = Literal["text", "int", "float", "bool", "date"]

_DUCKDB_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "VARCHAR",
}


@dataclass(frozen=True)
class Column:
    """One column of a source file or store table."""

    name: str
    dtype: DType = "text"
    required: bool = True  # must the column exist in the file?
    nullable: bool = True  # may a cell be blank?
    description: str = ""
    unit: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class TableSpec:
    """A source file (or store table) and its columns."""

    name: str
    filename: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    description: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def ddl(spec: TableSpec, table_name: str | None = None) -> str:
    """CREATE TABLE statement for `spec` in DuckDB's dialect."""
    cols = ", ".join(f'"{c.name}" {_DUCKDB_TYPES[c.dtype]}' for c in spec.columns)
    return f'CREATE TABLE "{table_name or spec.name}" ({cols})'
