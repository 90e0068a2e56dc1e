"""Dependency tracing over the sequence graph, and which inputs carry usable shares.

Edges run source → target: ``goes_into`` (is used in / feeds) and ``is_type_of`` (child →
parent). Downstream follows edges forward to the final product; upstream follows them backward.

The *hierarchy* used to avoid double counting (SCHEMA quirks 9 and 13) has child → parent
edges: every ``is_type_of`` edge, plus every ``goes_into`` edge between two inputs of the same
resource type (tool → tool, material → material), which means "is part of"
(e.g. N48 Dry etching and cleaning tools → N55 Etch and clean tools).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from chipshock.analysis._common import check_by, check_choice, kind_rows, natural_key
from chipshock.model.chain import SupplyChain

__all__ = [
    "TRACE_COLUMNS",
    "TraceResult",
    "ancestors",
    "assessed_inputs",
    "descendants",
    "downstream_summary",
    "first_process",
    "trace",
]

#: Columns of `TraceResult.downstream` and `TraceResult.upstream`.
TRACE_COLUMNS = ["depth", "input_id", "input_name", "type", "relation", "via_id"]

_RESOURCE_TYPES = frozenset({"tool_resource", "material_resource", "design_resource"})


@dataclass(frozen=True)
class TraceResult:
    """What lies downstream and upstream of one input, its stage, and whether it reaches the end.

    ``depth`` is the shortest number of edges from the traced input; ``via_id`` the neighbour on
    that path (nearer the traced input); ``relation`` the edge kind from ``via_id``.
    """

    input_id: str
    input_name: str
    type: str
    stage_id: str | None
    process_id: str | None
    reaches_final: bool
    downstream: pd.DataFrame
    upstream: pd.DataFrame


def _adjacency(chain: SupplyChain, reverse: bool) -> dict[str, list[tuple[str, str]]]:
    adj: dict[str, list[tuple[str, str]]] = {}
    e = chain.edges
    src, dst = (e["target_id"], e["source_id"]) if reverse else (e["source_id"], e["target_id"])
    for s, d, rel in zip(src, dst, e["relation"], strict=True):
        adj.setdefault(str(s), []).append((str(d), str(rel)))
    for nbrs in adj.values():
        nbrs.sort(key=lambda x: natural_key(x[0]))
    return adj


def _bfs(start: str, adj: dict[str, list[tuple[str, str]]]) -> list[tuple[int, str, str, str]]:
    """Breadth-first walk returning (depth, node, relation, via) for every reachable node."""
    seen = {start}
    out: list[tuple[int, str, str, str]] = []
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        for nxt, rel in adj.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                out.append((depth + 1, nxt, rel, node))
                queue.append((nxt, depth + 1))
    return out


def _frame(chain: SupplyChain, walk: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    meta = chain.inputs.set_index("input_id")
    rows = [
        {
            "depth": d,
            "input_id": n,
            "input_name": str(meta.at[n, "name"]),
            "type": str(meta.at[n, "type"]),
            "relation": rel,
            "via_id": via,
        }
        for d, n, rel, via in walk
    ]
    df = pd.DataFrame(rows, columns=TRACE_COLUMNS)
    df["depth"] = df["depth"].astype(np.int64)
    return df


def first_process(chain: SupplyChain, input_id: str) -> tuple[str | None, str | None]:
    """The nearest process downstream of an input (itself if a process) and its stage id.

    Ties at the same depth go to the lowest input id (quirk 13: walk to the first process).

    >>> from chipshock.examples import tiny_chain
    >>> first_process(tiny_chain(), "N12")
    ('N1', 'S2')
    """
    iid = chain.resolve_input(input_id, argument="input_id")
    process, stage, _ = downstream_summary(chain, [iid])[iid]
    return process, stage


def downstream_summary(
    chain: SupplyChain, input_ids: Iterable[str]
) -> dict[str, tuple[str | None, str | None, bool]]:
    """(first process, its stage id, reaches the final product) for each input id, in one pass."""
    adj = _adjacency(chain, reverse=False)
    meta = chain.inputs.set_index("input_id")
    types = meta["type"].astype(str).to_dict()
    stages = meta["stage_id"].to_dict()
    out: dict[str, tuple[str | None, str | None, bool]] = {}
    for iid in input_ids:
        walk = _bfs(iid, adj)
        reaches = types[iid] == "ultimate_output" or any(
            types[n] == "ultimate_output" for _, n, _, _ in walk
        )
        if types[iid] == "process":
            out[iid] = (iid, _stage(stages[iid]), reaches)
            continue
        procs = [(d, natural_key(n), n) for d, n, _, _ in walk if types[n] == "process"]
        node = min(procs)[2] if procs else None
        out[iid] = (node, None if node is None else _stage(stages[node]), reaches)
    return out


def _stage(value: object) -> str | None:
    if not isinstance(value, str) or value == "":
        return None
    return value


def trace(chain: SupplyChain, input_id: str) -> TraceResult:
    """Trace an input (id or name) downstream to the finished chip and upstream to its sources.

    >>> from chipshock.examples import tiny_chain
    >>> t = trace(tiny_chain(), "EUV scanner")
    >>> t.downstream["input_id"].tolist(), t.stage_id, t.reaches_final
    (['N11', 'N1', 'N2', 'N3'], 'S2', True)
    >>> trace(tiny_chain(), "N1").upstream["input_id"].tolist()
    ['N0', 'N11', 'N13', 'N14', 'N10', 'N12']
    """
    iid = chain.resolve_input(input_id, argument="input_id")
    meta = chain.inputs.set_index("input_id")
    down = _frame(chain, _bfs(iid, _adjacency(chain, reverse=False)))
    up = _frame(chain, _bfs(iid, _adjacency(chain, reverse=True)))
    process_id, stage_id, reaches = downstream_summary(chain, [iid])[iid]
    return TraceResult(
        input_id=iid,
        input_name=str(meta.at[iid, "name"]),
        type=str(meta.at[iid, "type"]),
        stage_id=stage_id,
        process_id=process_id,
        reaches_final=reaches,
        downstream=down,
        upstream=up,
    )


def _hierarchy(chain: SupplyChain, reverse: bool) -> dict[str, list[tuple[str, str]]]:
    """Child → parent edges of the hierarchy (parent → child if `reverse`)."""
    types = chain.inputs.set_index("input_id")["type"].to_dict()
    e = chain.edges
    keep = [
        rel == "is_type_of" or (types.get(s) == types.get(t) and types.get(s) in _RESOURCE_TYPES)
        for s, t, rel in zip(e["source_id"], e["target_id"], e["relation"], strict=True)
    ]
    sub = e[keep]
    adj: dict[str, list[tuple[str, str]]] = {}
    a, b = (sub["target_id"], sub["source_id"]) if reverse else (sub["source_id"], sub["target_id"])
    for s, d, rel in zip(a, b, sub["relation"], strict=True):
        adj.setdefault(str(s), []).append((str(d), str(rel)))
    return adj


def ancestors(chain: SupplyChain, input_id: str) -> list[str]:
    """Hierarchy parents of an input, recursively (e.g. N20 EUV → N19 Lithography tools).

    >>> from chipshock.examples import tiny_chain
    >>> ancestors(tiny_chain(), "N12")
    ['N11']
    """
    iid = chain.resolve_input(input_id, argument="input_id")
    return sorted((n for _, n, _, _ in _bfs(iid, _hierarchy(chain, False))), key=natural_key)


def descendants(chain: SupplyChain, input_id: str) -> list[str]:
    """Hierarchy children of an input, recursively (its sub-types and parts).

    >>> from chipshock.examples import tiny_chain
    >>> descendants(tiny_chain(), "N11")
    ['N12']
    """
    iid = chain.resolve_input(input_id, argument="input_id")
    return sorted((n for _, n, _, _ in _bfs(iid, _hierarchy(chain, True))), key=natural_key)


def _closure(ids: Iterable[str], adj: dict[str, list[tuple[str, str]]]) -> dict[str, set[str]]:
    return {i: {n for _, n, _, _ in _bfs(i, adj)} for i in ids}


def assessed_inputs(chain: SupplyChain, by: str = "country", level: str = "leaf") -> list[str]:
    """Inputs with at least one known share of a named provider of kind `by`, one hierarchy level.

    ``level="leaf"`` keeps the most specific inputs (drops an input if any hierarchy descendant
    is assessed); ``level="top"`` keeps the top-most (drops an input if any hierarchy ancestor is
    assessed). Either way no input is counted together with its parent or child. Inputs whose
    only known share belongs to an aggregate (N52 Ion milling tools: 100 % "Various") are not
    assessed: nobody identifiable supplies them.

    >>> from chipshock.examples import tiny_chain
    >>> assessed_inputs(tiny_chain(), "country", "leaf")
    ['N10', 'N12', 'N13', 'N14', 'N15']
    >>> assessed_inputs(tiny_chain(), "country", "top")
    ['N10', 'N11', 'N13', 'N14', 'N15']
    """
    by = check_by(by)
    level = check_choice(level, "level", ("leaf", "top"))
    rows = kind_rows(chain, by)
    rows = rows[~rows["is_aggregate"] & rows["share_pct"].notna()]
    have = set(rows["input_id"].astype(str))
    related = _closure(have, _hierarchy(chain, reverse=(level == "leaf")))
    keep = [i for i in have if not (related[i] & have)]
    return sorted(keep, key=natural_key)
