"""Table and column names are checked and quoted before they reach a SQL statement."""

from __future__ import annotations

import duckdb
import pytest

from chipshock.errors import InputError
from chipshock.sql import column_type, identifier


@pytest.mark.parametrize("name", ["results", "result_kpis", "eto_inputs", "_frame", "N20"])
def test_our_names_quoted(name: str) -> None:
    assert identifier(name) == f'"{name}"'


@pytest.mark.parametrize(
    "name",
    ['x"; DROP TABLE meta; --', "a b", "1table", "", "results;", "ä", "x" * 64, 'a"b'],
)
def test_other_names_refused_naming_the_value(name: str) -> None:
    with pytest.raises(InputError) as info:
        identifier(name, "column")
    assert info.value.problem.field == "column"
    assert info.value.problem.value == name


def test_quoted_names_work_in_duckdb() -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE {identifier('result_kpis')} (v INTEGER)")
    con.execute(f"INSERT INTO {identifier('result_kpis')} VALUES (1)")
    assert con.execute(f"SELECT count(*) FROM {identifier('result_kpis')}").fetchone() == (1,)


@pytest.mark.parametrize("kind", ["VARCHAR", "BIGINT", "DECIMAL(18,3)", "DOUBLE[]", "TIMESTAMP"])
def test_duckdb_column_types_accepted(kind: str) -> None:
    assert column_type(kind) == kind


def test_other_column_types_refused() -> None:
    with pytest.raises(InputError):
        column_type("VARCHAR; DROP TABLE meta")
