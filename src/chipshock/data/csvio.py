"""Reading CSV source files as text and checking them against a `TableSpec`.

Every check appends to a list of `Problem`s instead of stopping at the first one, so that
`chipshock data validate` can report everything that is wrong in one pass.
Row numbers are spreadsheet rows: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from chipshock.errors import DataFileError, Problem
from chipshock.model.schema import Column, TableSpec

__all__ = ["RawTable", "Where", "check_table", "parse_float", "parse_int", "read_raw", "sha256"]


class Where(TypedDict, total=False):
    """Where a cell is: the keyword arguments of `Problem` that locate it."""

    file: str
    row: int
    column: str


@dataclass(frozen=True)
class RawTable:
    """A CSV file read as text: its header, its records and where it came from."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    sha256: str
    had_bom: bool
    crlf: bool

    @property
    def label(self) -> str:
        return str(self.path)

    def problem_at(
        self, row: dict[str, str], column: str, message: str, value: str, expected: str
    ) -> Problem:
        """A problem located at one cell of this table (its file, the record's row, ``column``)."""
        return Problem(
            message,
            file=self.label,
            row=int(row["__row__"]),
            column=column,
            value=value,
            expected=expected,
        )


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def read_raw(path: Path) -> RawTable:
    """Read a CSV file entirely as text (BOM and CRLF tolerated; quoted newlines kept)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DataFileError(
            Problem("file not found", file=str(path), expected="a CSV file at this path")
        ) from exc
    except OSError as exc:
        raise DataFileError(Problem(f"cannot read file: {exc.strerror}", file=str(path))) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            Problem(
                f"not valid UTF-8 at byte {exc.start}",
                file=str(path),
                expected="a UTF-8 encoded CSV file",
            )
        ) from exc
    reader = csv.reader(text.splitlines(keepends=True) if text else [], strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DataFileError(
            Problem(f"malformed CSV: {exc}", file=str(path), row=reader.line_num)
        ) from exc
    if not records:
        raise DataFileError(Problem("file is empty", file=str(path), expected="a header row"))
    header = tuple(h.strip() for h in records[0])
    rows = []
    for i, rec in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in rec):
            continue
        if len(rec) != len(header):
            raise DataFileError(
                Problem(
                    f"record has {len(rec)} fields",
                    file=str(path),
                    row=i,
                    expected=f"{len(header)} fields like the header",
                )
            )
        row = dict(zip(header, rec, strict=True))
        row["__row__"] = str(i)
        rows.append(row)
    return RawTable(
        path=path,
        header=header,
        rows=tuple(rows),
        sha256=hashlib.sha256(data).hexdigest(),
        had_bom=data.startswith(b"\xef\xbb\xbf"),
        crlf=b"\r\n" in data[:4096],
    )


def parse_float(text: str) -> float | None:
    """'61%', '2.4', '' -> 61.0, 2.4, None.  Raises ValueError on anything else."""
    t = text.strip().rstrip("%").replace(",", "").strip()
    if not t:
        return None
    value = float(t)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(text)
    return value


def parse_int(text: str) -> int | None:
    t = text.strip()
    if not t:
        return None
    value = float(t)
    if not value.is_integer():
        raise ValueError(text)
    return int(value)


def _check_cell(table: RawTable, row: dict[str, str], col: Column, problems: list[Problem]) -> None:
    raw = row.get(col.name, "")
    where = Where(file=table.label, row=int(row["__row__"]), column=col.name)
    if not raw.strip():
        if not col.nullable:
            problems.append(Problem("blank cell", value=raw, expected="a value", **where))
        return
    if col.dtype in ("float", "int"):
        try:
            value = parse_float(raw) if col.dtype == "float" else parse_int(raw)
        except ValueError:
            kind = "a number" if col.dtype == "float" else "a whole number"
            problems.append(Problem("not a number", value=raw, expected=kind, **where))
            return
        assert value is not None
        lo, hi = col.minimum, col.maximum
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            rng = (
                f"a value between {lo:g} and {hi:g}"
                if lo is not None and hi is not None
                else (f"a value >= {lo:g}" if lo is not None else f"a value <= {hi:g}")
            )
            problems.append(Problem("value out of range", value=raw, expected=rng, **where))
    elif col.choices and raw.strip() not in col.choices:
        problems.append(
            Problem(
                "unexpected value", value=raw, expected="one of " + ", ".join(col.choices), **where
            )
        )


def check_table(table: RawTable, spec: TableSpec, problems: list[Problem]) -> bool:
    """Check header, cells and key uniqueness. Returns False if columns are missing."""
    header_ok = True
    extra = [h for h in table.header if h not in spec.column_names]
    for col in spec.columns:
        if col.required and col.name not in table.header:
            close = difflib.get_close_matches(col.name, extra, n=1, cutoff=0.6)
            hint = f" (is {close[0]!r} a renamed {col.name!r}?)" if close else ""
            problems.append(
                Problem(
                    f"missing column{hint}",
                    file=table.label,
                    row=1,
                    column=col.name,
                    expected=f"header with columns {', '.join(spec.column_names)}",
                )
            )
            header_ok = False
    if not header_ok:
        return False
    present = [c for c in spec.columns if c.name in table.header]
    for row in table.rows:
        for col in present:
            _check_cell(table, row, col, problems)
    return True


#: hiragana, katakana or kanji: a text written in Japanese has at least one
JAPANESE_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def check_japanese(table: RawTable, column: str, what: str, problems: list[Problem]) -> None:
    """Each non-blank cell of ``column`` has kana or kanji (a blank one is the column spec's
    to refuse: ``nullable=False``)."""
    for row in table.rows:
        text = row.get(column, "").strip()
        if text and not JAPANESE_RE.search(text):
            problems.append(
                table.problem_at(
                    row,
                    column,
                    "not Japanese",
                    text,
                    f"{what} translated into Japanese (kana or kanji)",
                )
            )
