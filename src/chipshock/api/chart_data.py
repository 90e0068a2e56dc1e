"""The data tables of a response's charts, sent once.

A comparison's Vega-Lite specs (`chipshock.present.charts_results.chart_specs`, in English and
Japanese) each carry their data inline, as rows of ``{name, date, p5, p50, p95}``: the same
weekly percentiles twice (once per language, where only the series' names differ), every row
spelling out its keys, every name and date repeated per row. That was 84% of the flagship
comparison's 1.46 MB. `pool_chart_data` moves the tables out of the specs into one
``chart_data`` object, column by column, each distinct column once:

- ``chart_data.datasets[name]``: ``{"length": n, "columns": {field: column index}}``, for the
  dataset ``name`` a spec refers to (``{"data": {"name": ...}}``; Vega-Lite's names are hashes
  of the rows, so equal tables share a name);
- ``chart_data.columns[i]``: one column, ``{"values": [...]}`` in row order; with
  ``"repeats"``, value ``k`` stands for ``repeats[k]`` rows in a row (run-length, where that is
  shorter: a week's percentiles often stay put); with ``"levels"`` (a column of strings), the
  values are indexes into ``levels``, its distinct strings in order of appearance;
- each spec's ``datasets`` becomes the sorted list of the names it uses (a spec without
  tables is left as it is).

The values are untouched (no rounding): `restore_chart_data` (and the dashboard's
``withData`` in ``js/vl.js``) rebuild exactly the specs that were pooled.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["pool_chart_data", "restore_chart_data", "table_columns", "table_rows"]

Spec = dict[str, Any]
#: charts by language, then by chart name (`routes_scenarios.chart_payload`)
Charts = Mapping[str, Mapping[str, Spec]]


def _text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _encoded(values: list[Any]) -> dict[str, Any]:
    """One column as sent (see the module's docstring): strings as levels and indexes, and
    run-length where that is shorter."""
    out: dict[str, Any] = {}
    sequence = values
    if values and all(isinstance(v, str) for v in values):
        levels = list(dict.fromkeys(values))
        position = {level: i for i, level in enumerate(levels)}
        out["levels"] = levels
        sequence = [position[v] for v in values]
    runs = [(value, len(list(group))) for value, group in itertools.groupby(sequence)]
    run_length = {"values": [v for v, _ in runs], "repeats": [n for _, n in runs]}
    if len(_text(run_length)) < len(_text({"values": sequence})):
        return out | run_length
    return out | {"values": sequence}


def _decoded(column: Mapping[str, Any]) -> list[Any]:
    values: list[Any] = column["values"]
    if "repeats" in column:
        values = [v for v, n in zip(values, column["repeats"], strict=True) for _ in range(n)]
    if "levels" in column:
        values = [column["levels"][i] for i in values]
    return values


class _Pool:
    """Columns kept once each (by their JSON text) and the datasets that index them."""

    def __init__(self) -> None:
        self.columns: list[Any] = []
        self._index: dict[str, int] = {}
        self.datasets: dict[str, dict[str, Any]] = {}

    def column(self, values: list[Any]) -> int:
        encoded = _encoded(values)
        key = _text(encoded)
        if key not in self._index:
            self._index[key] = len(self.columns)
            self.columns.append(encoded)
        return self._index[key]

    def dataset(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        fields = list(rows[0]) if rows else []
        if any(list(row) != fields for row in rows):  # not one table: keep the rows as they are
            self.datasets[name] = {"rows": [dict(row) for row in rows]}
            return
        columns = {field: self.column([row[field] for row in rows]) for field in fields}
        self.datasets[name] = {"length": len(rows), "columns": columns}


def pool_chart_data(charts: Charts) -> tuple[dict[str, dict[str, Spec]], dict[str, Any]]:
    """``charts`` with every spec's ``datasets`` replaced by the names it uses, and the
    ``chart_data`` object that holds those tables once (see the module's docstring)."""
    pool = _Pool()
    out: dict[str, dict[str, Spec]] = {}
    for lang, specs in charts.items():
        out[lang] = {}
        for chart, spec in specs.items():
            datasets: Mapping[str, Sequence[Mapping[str, Any]]] = spec.get("datasets") or {}
            for name, rows in datasets.items():
                if name not in pool.datasets:
                    pool.dataset(name, rows)
            out[lang][chart] = {**spec, "datasets": sorted(datasets)} if datasets else dict(spec)
    return out, {"columns": pool.columns, "datasets": pool.datasets}


def table_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One table of rows (all with the same fields) column by column, each column encoded as
    ``chart_data``'s are: ``{"length": n, "columns": {field: {values, repeats?, levels?}}}``
    (a run's ``bands`` with ``"bands": "table"``). `table_rows` gives the rows back.

    >>> table = table_columns([{"week": 0, "key": "lt10"}, {"week": 1, "key": "lt10"}])
    >>> table["columns"]
    {'week': {'values': [0, 1]}, 'key': {'levels': ['lt10'], 'values': [0, 0]}}
    >>> table_rows(table)[1]
    {'week': 1, 'key': 'lt10'}
    """
    fields = list(rows[0]) if rows else []
    return {
        "length": len(rows),
        "columns": {field: _encoded([row[field] for row in rows]) for field in fields},
    }


def table_rows(table: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a `table_columns` table."""
    values = {field: _decoded(column) for field, column in table["columns"].items()}
    return [{field: values[field][r] for field in values} for r in range(table["length"])]


def _rows(table: Mapping[str, Any], columns: Sequence[Any]) -> list[dict[str, Any]]:
    if "rows" in table:
        return [dict(row) for row in table["rows"]]
    values = {field: _decoded(columns[i]) for field, i in table["columns"].items()}
    return [{field: values[field][r] for field in values} for r in range(table["length"])]


def restore_chart_data(charts: Charts, chart_data: Mapping[str, Any]) -> dict[str, dict[str, Spec]]:
    """The specs as `chart_specs` built them: each spec's ``datasets`` filled in again."""
    tables = chart_data["datasets"]
    columns = chart_data["columns"]
    return {
        lang: {
            chart: {
                **spec,
                "datasets": {name: _rows(tables[name], columns) for name in spec["datasets"]},
            }
            if "datasets" in spec
            else dict(spec)
            for chart, spec in specs.items()
        }
        for lang, specs in charts.items()
    }
