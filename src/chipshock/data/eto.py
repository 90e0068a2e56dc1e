"""Reader for the ETO Advanced Semiconductor Supply Chain Dataset (both releases).

Each quirk listed in the dataset's SCHEMA.md is handled here, on purpose:

1. BOM and CRLF: files are decoded with ``utf-8-sig`` by a real CSV parser.
2. Everything is read as text; a blank share is *unknown* (NaN), never 0; ``61%`` -> 61.0.
3. Stage rows (S1..S3) in provision are kept, marked ``provided_kind == "stage"``.
4. Duplicate provider ids that only add an alias are merged (aliases joined by "; ");
   duplicates that disagree on name, type or country are errors.
5. Stale names in provision are ignored: joins use ids; the listed name is kept for reference.
6. Residual buckets ("Various countries", "Various", "Various companies") are flagged
   ``is_aggregate``; EUR is a region and is kept as a country-type provider.
7. Country and firm rows are kept as parallel views (``provider_type``), never derived.
8. Shares that sum past 100 are kept as published (no renormalisation), with a warning.
9. Parent and child inputs keep their own rows; the analysis never sums across the hierarchy.
10. Years stay per row (``year``); market sizes keep their own year and scope.
11. Ids are per release: a chain holds exactly one release.
12. Inputs without provision rows are kept (their shares are simply unknown).
13. Edges keep their relation (``goes_into`` or ``is_type_of``); the graph must be acyclic.
14. Provider metadata is taken as published.
15. Market sizes are parsed from free text (``$13 billion (2025)``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, Unpack

import numpy as np
import pandas as pd

from chipshock.data.csvio import RawTable, Where, check_table, parse_float, parse_int, read_raw
from chipshock.errors import CycleError, Problem, ValidationFailed
from chipshock.model.chain import AGGREGATE_PROVIDER_NAMES, COLUMNS, Release, SupplyChain
from chipshock.model.schema import ETO_FILES

T = TypeVar("T")

__all__ = ["RELEASES", "EtoLoad", "load_eto", "parse_market_size", "read_eto"]

RELEASES: dict[str, Release] = {
    "current": Release(
        release_id="2026-08",
        label="Aug 2026 update",
        as_of="2026-08-12",
        upstream_commit="46e010644c2399c812fd89c62cd6297e9cf58525",
    ),
    "v2022": Release(
        release_id="2022",
        label="2022 release",
        as_of="2022-12-16",
        upstream_commit="c68331d8f0605716906f98b528df073d158a591d",
    ),
}

#: v2022 spells some country codes differently from the current release.
_V2022_RENAMES = {"Various": "Various countries", "MAL": "MYS"}

_SIZE_RE = re.compile(r"\$\s*([\d.,]+)\s*(thousand|million|billion|trillion)", re.IGNORECASE)
_YEAR_RE = re.compile(r"\((\d{4})\)")
_SCOPE_RE = re.compile(r"\(([^)0-9][^)]*)\)")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def parse_market_size(text: str) -> tuple[float | None, int | None, str]:
    """Parse ``'$3.3 billion (all photoresists)'`` -> ``(3.3e9, None, 'all photoresists')``.

    >>> parse_market_size("$13 billion (2025)")
    (13000000000.0, 2025, '')
    """
    m = _SIZE_RE.search(text)
    value = float(m.group(1).replace(",", "")) * _SCALE[m.group(2).lower()] if m else None
    y = _YEAR_RE.search(text)
    scope = _SCOPE_RE.search(text)
    return value, int(y.group(1)) if y else None, scope.group(1).strip() if scope else ""


@dataclass(frozen=True)
class EtoLoad:
    """What loading a folder produced: the chain (if no errors), the raw files, all problems."""

    chain: SupplyChain | None
    files: dict[str, RawTable]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _warn(message: str, value: str | None = None, **where: Unpack[Where]) -> Problem:
    return Problem(message, value=value, severity="warning", **where)


def load_eto(directory: Path | str, release: str = "current") -> EtoLoad:
    """Read and check one release folder, collecting every problem (never raises on data)."""
    directory = Path(directory)
    rel = RELEASES[release] if release in RELEASES else RELEASES["current"]
    problems: list[Problem] = []
    files: dict[str, RawTable] = {}
    for name, spec in ETO_FILES.items():
        path = directory / spec.filename
        try:
            table = read_raw(path)
        except ValidationFailed:
            raise
        except Exception as exc:  # DataFileError
            problems.append(getattr(exc, "problem", Problem(str(exc), file=str(path))))
            continue
        if not table.rows:
            problems.append(
                Problem("no data rows", file=table.label, row=2, expected="at least one record")
            )
        elif check_table(table, spec, problems):
            files[name] = table
    if len(files) < len(ETO_FILES):
        return EtoLoad(None, files, tuple(problems))
    renames = _V2022_RENAMES if release == "v2022" else {}
    stages = _stages(files["stages"])
    inputs = _inputs(files["inputs"], set(stages["stage_id"]), problems)
    providers = _providers(files["providers"], renames, problems)
    provision = _provision(files["provision"], providers, inputs, stages, renames, problems)
    edges = _edges(files["sequence"], set(inputs["input_id"]), problems)
    if not any(p.severity == "error" for p in problems):
        _check_acyclic(edges, files["sequence"].label, problems)
        _check_sums(provision, providers, files["provision"].label, problems)
    if any(p.severity == "error" for p in problems):
        return EtoLoad(None, files, tuple(problems))
    notes = tuple(str(p) for p in problems)
    chain = SupplyChain(rel, inputs, providers, provision, edges, stages, notes)
    return EtoLoad(chain, files, tuple(problems))


def read_eto(directory: Path | str, release: str = "current") -> SupplyChain:
    """Load one release folder, raising `ValidationFailed` listing every error found."""
    loaded = load_eto(directory, release)
    if loaded.chain is None:
        errors = loaded.errors
        if len(errors) == 1 and isinstance(errors[0], Problem) and "cycle" in errors[0].message:
            raise CycleError(errors[0])
        raise ValidationFailed(errors, f"cannot load ETO data from {directory}")
    return loaded.chain


# ---- table builders --------------------------------------------------------------------------
def _number(parse: Callable[[str], T], text: str) -> T | None:
    """Parse a cell already checked by `check_table`; an invalid cell counts as blank here."""
    try:
        return parse(text)
    except ValueError:
        return None


def _where(t: RawTable, row: dict[str, str], column: str) -> Where:
    return Where(file=t.label, row=int(row["__row__"]), column=column)


def _stages(t: RawTable) -> pd.DataFrame:
    rows = [
        {
            "stage_id": r["stage_id"].strip(),
            "name": r["stage_name"].strip(),
            "description": r["description"].strip(),
            "caption": r["market_share_chart_caption"].strip(),
            "source": r["market_share_chart_source"].strip(),
            "market_size_text": r["market_share_chart_global_market_size_info"].strip(),
        }
        for r in t.rows
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS["stages"]))


def _inputs(t: RawTable, stage_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    seen: dict[str, int] = {}
    names: dict[str, int] = {}
    rows = []
    for r in t.rows:
        iid, row_no = r["input_id"].strip(), int(r["__row__"])
        if iid in seen:
            problems.append(
                Problem(
                    "duplicated input id",
                    value=iid,
                    expected=f"a unique id (first used in row {seen[iid]})",
                    **_where(t, r, "input_id"),
                )
            )
            continue
        seen[iid] = row_no
        name = r["input_name"].strip()
        if name in names:
            problems.append(
                _warn(
                    f"input name repeats row {names[name]}",
                    value=name,
                    **_where(t, r, "input_name"),
                )
            )
        names[name] = row_no
        stage = r["stage_id"].strip()
        if stage and stage not in stage_ids:
            problems.append(
                Problem(
                    "unknown stage id",
                    value=stage,
                    expected="one of " + ", ".join(sorted(stage_ids)),
                    **_where(t, r, "stage_id"),
                )
            )
        size_text = r["market_share_chart_global_market_size_info"].strip()
        size, size_year, _scope = parse_market_size(size_text)
        year = _number(parse_int, r.get("year", "") or "")
        rows.append(
            {
                "input_id": iid,
                "name": name,
                "type": r["type"].strip(),
                "stage_id": stage or None,
                "description": r["description"].strip(),
                "year": year,
                "market_size_usd": size,
                "market_size_year": size_year if size_year is not None else year,
                "market_size_text": size_text,
                "source": r["market_share_chart_source"].strip(),
            }
        )
    df = pd.DataFrame(rows, columns=list(COLUMNS["inputs"]))
    df["year"] = df["year"].astype("Int64")
    df["market_size_year"] = df["market_size_year"].astype("Int64")
    df["market_size_usd"] = df["market_size_usd"].astype(float)
    return df


def _providers(t: RawTable, renames: dict[str, str], problems: list[Problem]) -> pd.DataFrame:
    merged: dict[str, dict[str, object]] = {}
    first_row: dict[str, int] = {}
    for r in t.rows:
        pid = r["provider_id"].strip()
        name = renames.get(r["provider_name"].strip(), r["provider_name"].strip())
        ptype = r["provider_type"].strip()
        hq = renames.get(r["country"].strip(), r["country"].strip())
        alias = r.get("alias", "").replace("\u00a0", " ").strip()
        if pid in merged:
            prev = merged[pid]
            if (prev["name"], prev["provider_type"], prev["hq_country"]) != (name, ptype, hq):
                problems.append(
                    Problem(
                        "duplicated provider id with different name, type or country",
                        value=f"{pid}: {name}/{ptype}/{hq}",
                        expected=(
                            f"a unique id, or a pure alias row repeating row {first_row[pid]} "
                            f"({prev['name']}/{prev['provider_type']}/{prev['hq_country']})"
                        ),
                        **_where(t, r, "provider_id"),
                    )
                )
            elif alias:
                aliases = [a for a in str(prev["alias"]).split("; ") if a]
                if alias not in aliases:
                    prev["alias"] = "; ".join([*aliases, alias])
            continue
        first_row[pid] = int(r["__row__"])
        merged[pid] = {
            "provider_id": pid,
            "name": name,
            "alias": alias,
            "provider_type": ptype,
            "hq_country": hq or None,
            "is_aggregate": name in AGGREGATE_PROVIDER_NAMES,
        }
    df = pd.DataFrame(list(merged.values()), columns=list(COLUMNS["providers"]))
    df["is_aggregate"] = df["is_aggregate"].astype(bool)
    return df


def _provision(
    t: RawTable,
    providers: pd.DataFrame,
    inputs: pd.DataFrame,
    stages: pd.DataFrame,
    renames: dict[str, str],
    problems: list[Problem],
) -> pd.DataFrame:
    provider_ids = set(providers["provider_id"])
    input_ids, stage_ids = set(inputs["input_id"]), set(stages["stage_id"])
    seen: dict[tuple[str, str], tuple[int, tuple[object, ...]]] = {}
    rows = []
    for r in t.rows:
        pid, did = r["provider_id"].strip(), r["provided_id"].strip()
        if pid not in provider_ids:
            problems.append(
                Problem(
                    "unknown provider id",
                    value=pid,
                    expected="an id listed in providers.csv",
                    **_where(t, r, "provider_id"),
                )
            )
            continue
        if did not in input_ids and did not in stage_ids:
            problems.append(
                Problem(
                    "unknown provided id",
                    value=did,
                    expected="an input id from inputs.csv or a stage id S1..S3",
                    **_where(t, r, "provided_id"),
                )
            )
            continue
        share = _number(parse_float, r["share_provided"])
        year = _number(parse_int, r.get("year", "") or "")
        source = r.get("source", "").strip()
        negligible = r.get("negligible_market_share", "").strip() == "negligible"
        key = (pid, did)
        content = (share, year, source, negligible)
        if key in seen:
            first, prev = seen[key]
            if prev == content:
                problems.append(
                    _warn(
                        f"exact duplicate of row {first}, dropped",
                        value=f"{pid} x {did}",
                        **_where(t, r, "provider_id"),
                    )
                )
            else:
                problems.append(
                    Problem(
                        "duplicated (provider_id, provided_id) pair with a different share",
                        value=f"{pid} x {did}: {r['share_provided']!r}",
                        expected=f"one row per pair (first in row {first})",
                        **_where(t, r, "share_provided"),
                    )
                )
            continue
        seen[key] = (int(r["__row__"]), content)
        rows.append(
            {
                "provider_id": pid,
                "provided_id": did,
                "provided_kind": "stage" if did in stage_ids else "input",
                "share_pct": share,
                "year": year,
                "source": source,
                "negligible": negligible,
                "provider_name_as_listed": renames.get(
                    r["provider_name"].strip(), r["provider_name"].strip()
                ),
            }
        )
    df = pd.DataFrame(rows, columns=list(COLUMNS["provision"]))
    df["share_pct"] = df["share_pct"].astype(float)
    df["year"] = df["year"].astype("Int64")
    df["negligible"] = df["negligible"].astype(bool)
    return df


def _edges(t: RawTable, input_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    rows = []
    seen: set[tuple[str, str, str]] = set()
    for r in t.rows:
        src = r["input_id"].strip()
        into, type_of = r["goes_into_id"].strip(), r["is_type_of_id"].strip()
        if bool(into) == bool(type_of):
            problems.append(
                Problem(
                    "edge must have exactly one target",
                    value=f"goes_into_id={into!r}, is_type_of_id={type_of!r}",
                    expected="exactly one of goes_into_id or is_type_of_id filled",
                    **_where(t, r, "goes_into_id"),
                )
            )
            continue
        target, relation, column = (
            (into, "goes_into", "goes_into_id")
            if into
            else (type_of, "is_type_of", "is_type_of_id")
        )
        bad = [(c, v) for c, v in (("input_id", src), (column, target)) if v not in input_ids]
        for c, v in bad:
            problems.append(
                Problem(
                    "unknown input id",
                    value=v,
                    expected="an id listed in inputs.csv",
                    **_where(t, r, c),
                )
            )
        if bad or (src, target, relation) in seen:
            continue
        seen.add((src, target, relation))
        rows.append({"source_id": src, "target_id": target, "relation": relation})
    return pd.DataFrame(rows, columns=list(COLUMNS["edges"]))


def _check_acyclic(edges: pd.DataFrame, label: str, problems: list[Problem]) -> None:
    """Depth-first search; report one cycle with its path."""
    graph: dict[str, list[str]] = defaultdict(list)
    for s, d in zip(edges["source_id"], edges["target_id"], strict=True):
        graph[str(s)].append(str(d))
    state: dict[str, int] = {}

    def visit(root: str) -> list[str] | None:
        """Iterative depth-first search (a chain thousands of steps long must not overflow)."""
        path: list[str] = [root]
        todo: list[Iterator[str]] = [iter(graph.get(root, ()))]
        state[root] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                todo.pop()
                state[path.pop()] = 2
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(graph.get(nxt, ())))
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                problems.append(
                    Problem(
                        "cycle in the sequence graph",
                        file=label,
                        value=" -> ".join(cycle),
                        expected="a directed acyclic graph (no input may feed itself)",
                    )
                )
                return


def _check_sums(
    provision: pd.DataFrame, providers: pd.DataFrame, label: str, problems: list[Problem]
) -> None:
    """Warn where published shares of one kind of provider sum past 100 (quirk 8)."""
    kinds = providers.set_index("provider_id")["provider_type"]
    p = provision.assign(kind=provision["provider_id"].map(kinds))
    sums = p.groupby(["provided_id", "kind"])["share_pct"].sum(min_count=1).reset_index()
    for did, kind, total in sums.itertuples(index=False):
        if not np.isnan(total) and total > 100.5:
            problems.append(
                _warn(
                    f"{kind} shares of {did} sum to {total:.1f}% (kept as published, not rescaled)",
                    file=label,
                    column="share_provided",
                )
            )
