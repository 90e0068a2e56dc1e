"""One scenario run's answer, serialised once and shaped per request.

The engine's work depends only on the run's inputs (the scenario as changed: shocks, fabs,
horizon, runs, seed); how the answer is sent does not: ``bands`` as rows or as a table
(`table_columns`), and ``params``, the request echoed back. So the run cache keys a `RunBody`
by the engine's inputs, and `RunBody.answer` adds the request's ``params`` and its bands shape
to the same bytes: a run asked for with ``"bands": "table"`` (the dashboard) and then without
(a script) runs the engine once, and both answers carry the same numbers.

Each part is serialised once (the bands in both shapes, so that no request parses JSON again);
`nbytes` is what the cache weighs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from chipshock.api.chart_data import table_columns
from chipshock.api.state import json_bytes

__all__ = ["BandsShape", "RunBody"]

BandsShape = Literal["rows", "table"]


@dataclass(frozen=True)
class RunBody:
    """A run's answer in parts: ``rest``, a JSON object of everything the engine's inputs decide
    but the bands; the bands as rows and as a table (the same values)."""

    rest: bytes
    bands_rows: bytes
    bands_table: bytes

    @classmethod
    def of(cls, payload: Mapping[str, Any]) -> RunBody:
        """Serialise a run's payload (bands as rows, no ``params``) once, in parts."""
        rows = payload["bands"]
        rest = {k: v for k, v in payload.items() if k not in ("bands", "params")}
        return cls(json_bytes(rest), json_bytes(rows), json_bytes(table_columns(rows)))

    @property
    def nbytes(self) -> int:
        """Bytes held, as the run cache weighs its values."""
        return len(self.rest) + len(self.bands_rows) + len(self.bands_table)

    def answer(self, params: Mapping[str, Any], bands: BandsShape) -> bytes:
        """The JSON answer to one request: ``rest`` with the request's ``params`` and its
        bands in the shape it asked for."""
        shaped = self.bands_table if bands == "table" else self.bands_rows
        more = b"," if self.rest != b"{}" else b""
        return b"".join(
            (self.rest[:-1], more, b'"params":', json_bytes(params), b',"bands":', shaped, b"}")
        )
