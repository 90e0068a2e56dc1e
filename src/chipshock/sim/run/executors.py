"""Executors: the same chunks of runs on the local process or on a Dask cluster.

Chunks are ``[start, stop)`` slices of the drawn parameters; results are merged in chunk
order (histogram counts add exactly, one row per distinct week; per-run arrays
concatenate), so the executor and the chunk size cannot change a result.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from chipshock.errors import InputError, Problem
from chipshock.sim.engine import ChunkResult, run_chunk
from chipshock.sim.prepare import Draws, Prepared

__all__ = ["chunks", "execute", "merge"]

Progress = Callable[[int, int], None]
_EMPTY: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
_EMPTY3: npt.NDArray[np.int64] = np.zeros((0, 0, 0), dtype=np.int64)


def chunks(runs: int, chunk_size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(runs)``."""
    if chunk_size < 1:
        raise InputError(
            Problem(
                "invalid chunk size", field="chunk_size", value=str(chunk_size), expected=">= 1"
            )
        )
    return [(a, min(a + chunk_size, runs)) for a in range(0, runs, chunk_size)]


def _add_counts(
    parts: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sum sparse histograms ``(counts [K, H, B], week_row [T])``: one row per week in which
    any part's row changes (exact integer sums)."""
    key = np.stack([w for _, w in parts], axis=1)  # [T, P]
    change = np.ones(key.shape[0], dtype=bool)
    change[1:] = (key[1:] != key[:-1]).any(axis=1)
    first = np.flatnonzero(change)
    week_row = np.cumsum(change) - 1
    total = parts[0][0][parts[0][1][first]]
    for c, w in parts[1:]:
        total += c[w[first]]
    return total, week_row


def merge(parts: list[ChunkResult]) -> ChunkResult:
    """Concatenate per-run arrays and add histogram counts, in chunk order."""
    counts, week_row = _add_counts([(p.counts, p.week_row) for p in parts if p.week_row.size])
    per_run = {
        f.name: np.concatenate([getattr(p, f.name) for p in parts])
        for f in fields(ChunkResult)
        if f.name not in ("counts", "week_row")
    }
    return ChunkResult(counts=counts, week_row=week_row, **per_run)


def _local(
    prep: Prepared, draws: Draws, spans: list[tuple[int, int]], progress: Progress | None
) -> list[ChunkResult]:
    out: list[ChunkResult] = []
    acc: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None
    for a, b in spans:
        part = run_chunk(prep, draws.slice(a, b))
        # hold one histogram only: add each chunk's counts as it arrives (exact integers)
        cur = (part.counts, part.week_row)
        acc = cur if acc is None else _add_counts([acc, cur])
        out.append(replace(part, counts=_EMPTY3, week_row=_EMPTY))
        if progress:
            progress(b, draws.runs)
    assert acc is not None
    out[0] = replace(out[0], counts=acc[0], week_row=acc[1])
    return out


def _dask(
    prep: Prepared,
    draws: Draws,
    spans: list[tuple[int, int]],
    scheduler: Any,
    progress: Progress | None,
) -> list[ChunkResult]:
    try:
        dist: Any = importlib.import_module("distributed")  # untyped package: used as Any
    except ImportError as exc:  # pragma: no cover - the dask extra installs it
        raise InputError(
            Problem(
                "the Dask engine needs 'distributed': pip install chipshock[dask]",
                field="engine",
                value="dask",
            )
        ) from exc
    Client, LocalCluster, as_completed = dist.Client, dist.LocalCluster, dist.as_completed
    own_cluster = None
    if isinstance(scheduler, Client):
        client = scheduler
        own_client = False
    else:
        if scheduler is None:
            own_cluster = LocalCluster(
                processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None
            )
            client = Client(own_cluster)
        else:
            client = Client(scheduler)
        own_client = True
    try:
        [p] = client.scatter([prep], broadcast=True)
        futures = [client.submit(run_chunk, p, draws.slice(a, b), pure=False) for a, b in spans]
        order = {f.key: i for i, f in enumerate(futures)}
        results: list[ChunkResult | None] = [None] * len(futures)
        done = 0
        for fut in as_completed(futures):
            i = order[fut.key]
            results[i] = fut.result()
            done += spans[i][1] - spans[i][0]
            if progress:
                progress(done, draws.runs)
        return [r for r in results if r is not None]
    finally:
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()


def execute(
    prep: Prepared,
    draws: Draws,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> ChunkResult:
    """Run every chunk on ``engine`` (``local`` or ``dask``) and merge in chunk order."""
    spans = chunks(draws.runs, chunk_size)
    if engine == "local":
        parts = _local(prep, draws, spans, progress)
    elif engine == "dask":
        parts = _dask(prep, draws, spans, scheduler, progress)
    else:
        raise InputError(
            Problem("unknown engine", field="engine", value=str(engine), expected="local or dask")
        )
    return merge(parts)
