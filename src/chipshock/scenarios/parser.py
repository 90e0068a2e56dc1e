"""Read scenarios from TOML files, strings and the built-in library.

>>> s = load_scenario("taiwan-blockade-2027-6m")
>>> s.shocks[0].kind, s.shocks[0].targets, s.shocks[0].duration_weeks.central
('country', ('TWN',), 26.0)
>>> "baseline" in builtin_ids()
True
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from chipshock.errors import (
    Problem,
    ScenarioError,
    ScenarioValidationFailed,
    UnknownCodeError,
)
from chipshock.scenarios._events import read_sourcing_tables
from chipshock.scenarios._fields import Collector, did_you_mean
from chipshock.scenarios._validate import build_scenario
from chipshock.scenarios.model import Scenario, SourcingShare

__all__ = [
    "PartialScenario",
    "builtin_ids",
    "builtin_scenarios",
    "builtin_text",
    "load_partial",
    "load_scenario",
    "parse_partial",
    "parse_scenario",
    "parse_sourcing",
]

_LINE = re.compile(r"at line (\d+), column (\d+)")


def _library() -> Traversable:
    return resources.files("chipshock") / "scenarios" / "library"


@dataclass(frozen=True)
class PartialScenario:
    """What a scenario file gives before its data checks: every problem the parser found, and
    the scenario built from the fields that parsed (None when the TOML cannot be read).

    A table that could not be built is left out of ``scenario``; ``file_index`` maps each
    array of tables (``shock``, ``intervention``, ``fab_override``, ``sourcing``) to the index
    in the file of each table ``scenario`` holds, so that a later problem can name the table
    as the file counts it."""

    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    file_index: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def file_position(self, key: str, index: int) -> int:
        """The index in the file of ``scenario``'s table ``key[index]``."""
        found = self.file_index.get(key)
        return found[index] if found is not None and index < len(found) else index


def parse_partial(
    text: str, source: str = "<string>", *, default_id: str = "scenario"
) -> PartialScenario:
    """Parse a scenario written in TOML, keeping going after each problem: every problem the
    parser finds and the scenario of the fields that parsed (see `PartialScenario`); the data
    checks (`chipshock.sim.run.checks`) run on that scenario.

    >>> p = parse_partial('[scenario]\\nstart_year = 1900\\n[[shock]]\\nkind = "x"')
    >>> [q.field for q in p.problems]
    ['scenario.start_year', 'shock[0].kind', 'shock[0].targets', 'shock[0].start']
    >>> p.scenario is not None and p.scenario.shocks
    ()
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark written by some editors
    nested = Problem(
        "nested too deeply", file=source, expected="arrays and tables a few levels deep"
    )
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        return PartialScenario(None, (nested,))
    except tomllib.TOMLDecodeError as exc:
        m = _LINE.search(str(exc))
        where = f"line {m.group(1)}, column {m.group(2)}" if m else None
        message = _LINE.sub("", str(exc)).strip(" ()") or "invalid TOML"
        lines = text.splitlines()
        line = int(m.group(1)) if m else 0
        # the line as written (tomllib's message does not say which key or value it means)
        written = lines[line - 1].strip()[:80] if 0 < line <= len(lines) else None
        problem = Problem(
            f"invalid TOML: {message}",
            file=source,
            field=where,
            value=written or None,
            expected="TOML (https://toml.io), see docs/scenarios.md",
        )
        return PartialScenario(None, (problem,))
    if not doc:  # nothing but blanks and comments: a file saved empty, or the wrong file
        problem = Problem(
            "empty scenario file",
            file=source,
            expected="a [scenario] table or a [[shock]] table (docs/scenarios.md; "
            "chipshock scenario show baseline prints a file without shocks)",
        )
        return PartialScenario(None, (problem,))
    out = Collector(source)
    kept: dict[str, tuple[int, ...]] = {}
    try:
        scenario = build_scenario(doc, source, default_id, out, kept)
    except RecursionError:
        return PartialScenario(None, (nested,))
    return PartialScenario(scenario, tuple(out.problems), kept)


def parse_scenario(
    text: str, source: str = "<string>", *, default_id: str = "scenario"
) -> Scenario:
    """Parse and validate a scenario written in TOML (see docs/scenarios.md).

    Raises `ScenarioValidationFailed` (a `ScenarioError`) listing every problem, each with the
    field path, the bad value and the expected one; a TOML syntax error names its line.

    >>> parse_scenario('[scenario]\\nid = "x"\\nstart_year = 2027\\nend_year = 2028').n_weeks
    104
    """
    partial = parse_partial(text, source, default_id=default_id)
    if partial.scenario is None:
        raise ScenarioValidationFailed(partial.problems, context="cannot read scenario")
    if partial.problems:
        raise ScenarioValidationFailed(partial.problems, context="invalid scenario")
    return partial.scenario


def parse_sourcing(
    tables: Sequence[Mapping[str, Any]], source: str = "<string>"
) -> tuple[SourcingShare, ...]:
    """``[[sourcing]]`` rows given apart from a file (an API request's ``sourcing``), read and
    checked as a scenario file's tables are (the same code): market and class known (with the
    closest), operator id well formed, share 0-100, required keys, each operator once per
    market and class, and shares of one market and class adding up to at most 100. Paths read
    ``sourcing[0].share_pct``; whether the operator has fabs of the class is checked against the
    data when the scenario runs (`chipshock.sim.network.sourcing.check_sourcing`).

    Raises `ScenarioValidationFailed` listing every problem.

    >>> parse_sourcing([{"market": "automotive", "node_class": "n28_45", "operator": "tsmc",
    ...                  "share_pct": 60}])[0].share_pct
    60.0
    """
    out = Collector(source)
    rows = read_sourcing_tables(out, list(tables))
    if out.problems:
        raise ScenarioValidationFailed(out.problems, context="invalid sourcing")
    return rows


def _not_utf8(data: bytes, exc: UnicodeDecodeError, source: str) -> Problem:
    r"""Where a file stops being UTF-8: the line and column of the first bad byte, the byte and
    the character it is in Windows-1252 (the usual encoding of a file saved by Excel or Notepad
    on Windows), and how to save it again.

    >>> data = 'a = 1\nlabel = "x – y"'.encode("cp1252")
    >>> p = _not_utf8(data, UnicodeDecodeError("utf-8", data, 17, 18, "bad"), "my.toml")
    >>> print(p.field, "|", p.value)
    line 2, column 12 | byte 0x96 ('–' in Windows-1252)
    """
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    byte = data[exc.start : exc.start + 1]
    try:
        shown = f" ({byte.decode('cp1252')!r} in Windows-1252)"
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: no character there either
        shown = ""
    return Problem(
        "not UTF-8 text",
        file=source,
        field=f"line {line}, column {column}",
        value=f"byte 0x{byte.hex()}{shown}",
        expected="a file saved as UTF-8 (in the editor: Save As, encoding UTF-8)",
    )


def _file_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(
            Problem(
                f"cannot read scenario file: {exc}",
                file=str(path),
                expected="a readable UTF-8 TOML file",
            )
        ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(_not_utf8(data, exc, str(path))) from exc


def _read_file(path: Path) -> Scenario:
    return parse_scenario(_file_text(path), str(path), default_id=path.stem)


@functools.cache
def _ids() -> tuple[str, ...]:
    return tuple(
        sorted(
            p.name.removesuffix(".toml") for p in _library().iterdir() if p.name.endswith(".toml")
        )
    )


def builtin_ids() -> list[str]:
    """Ids of the scenarios shipped with chipshock, sorted."""
    return list(_ids())


@functools.cache
def _builtin(scenario_id: str) -> Scenario:
    text = (_library() / f"{scenario_id}.toml").read_text(encoding="utf-8")
    scenario = parse_scenario(text, f"builtin:{scenario_id}", default_id=scenario_id)
    return scenario.with_changes(source=f"builtin:{scenario_id}")


def builtin_scenarios() -> list[Scenario]:
    """Every built-in scenario, in id order."""
    return [_builtin(i) for i in builtin_ids()]


def builtin_text(scenario_id: str) -> str:
    """The TOML file of a built-in scenario, comments and all."""
    _check_builtin(scenario_id)
    return (_library() / f"{scenario_id}.toml").read_text(encoding="utf-8")


def _check_builtin(scenario_id: str, argument: str = "SCENARIO") -> None:
    ids: Sequence[str] = _ids()
    if scenario_id not in ids:
        written = Path(f"{scenario_id}.toml")  # the file named without its suffix
        hint = (
            f"; did you mean the file {str(written)!r}?"
            if written.is_file()
            else did_you_mean(scenario_id, ids)
        )
        raise UnknownCodeError(
            Problem(
                "no such scenario file or built-in scenario" + hint,
                field=argument,
                value=scenario_id,
                expected="a .toml file or one of: " + ", ".join(ids),
            )
        )


def _scenario_path(path_or_id: str | Path) -> Path | None:
    """The file ``path_or_id`` names (an error if it names a missing one), or None for an id."""
    path = Path(path_or_id)
    if isinstance(path_or_id, Path) or path.is_file() or path.suffix == ".toml":
        if not path.exists():
            near = _close_names(path)
            raise ScenarioError(
                Problem(
                    "scenario file not found"
                    + (f"; did you mean {', '.join(near)}?" if near else ""),
                    file=str(path),
                    # nothing close: where scenarios are (the built-ins; any existing file)
                    expected="an existing file"
                    if near
                    else "an existing .toml file or a built-in scenario id, one of: "
                    + ", ".join(_ids()),
                )
            )
        return path
    return None


def _close(missing: str, name: str) -> bool:
    """Whether ``name`` is a close spelling of ``missing`` (stems, any case): a ratio of 0.75
    or more, or one starting with the other (4 letters or more: ``naka`` for ``naka-tsmc``)."""
    a, b = missing.casefold(), name.casefold()
    shorter = min(a, b, key=len)
    prefix = len(shorter) >= 4 and (a.startswith(b) or b.startswith(a))
    return prefix or difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def _close_names(path: Path) -> list[str]:
    """The .toml file beside a missing file ``path`` closest to its name, or, for a bare name,
    the closest built-in id: only a close spelling (`_close`), never any .toml file that
    happens to share the suffix (``nope.toml`` drew ``pyproject.toml``)."""
    folder = path.parent if path.parent.is_dir() else None
    files = sorted(f for f in folder.glob("*.toml") if f.is_file()) if folder else []
    candidates = [(f.stem, str(path.parent / f.name)) for f in files]
    if path.parent == Path("."):
        candidates += [(i, i) for i in _ids()]
    stem = path.stem.casefold()
    near = [(stem_, shown) for stem_, shown in candidates if _close(stem, stem_)]
    near.sort(key=lambda c: -difflib.SequenceMatcher(None, stem, c[0].casefold()).ratio())
    return [shown for _, shown in near[:1]]


def load_partial(path_or_id: str | Path) -> PartialScenario:
    """`parse_partial` of a scenario file, or a built-in scenario (no problems), as
    `load_scenario` finds them; a file that cannot be read or an unknown id raise as there."""
    path = _scenario_path(path_or_id)
    if path is not None:
        return parse_partial(_file_text(path), str(path), default_id=path.stem)
    _check_builtin(str(path_or_id))
    return PartialScenario(_builtin(str(path_or_id)))


def load_scenario(path_or_id: str | Path) -> Scenario:
    """A scenario from a TOML file, or a built-in one by id (see `builtin_ids`).

    A path that exists, or that ends in ``.toml``, is read as a file; anything else is looked
    up in the library. Unknown ids raise `UnknownCodeError` with the closest match.
    """
    path = _scenario_path(path_or_id)
    if path is not None:
        return _read_file(path)
    _check_builtin(str(path_or_id))
    return _builtin(str(path_or_id))
