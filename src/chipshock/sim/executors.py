"""Executors: the same chunks of runs on the local process or on a Dask cluster.

Chunks are ``[start, stop)`` slices of the drawn parameters; results are merged in chunk
order (histogram counts add exactly, per-run arrays concatenate), so the executor and the
chunk size cannot change a result.
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


def chunks(runs: int, chunk_size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(runs)``."""
    if chunk_size < 1:
        raise InputError(
            Problem(
                "invalid chunk size", field="chunk_size", value=str(chunk_size), expected=">= 1"
            )
        )
    return [(a, min(a + chunk_size, runs)) for a in range(0, runs, chunk_size)]


def merge(parts: list[ChunkResult]) -> ChunkResult:
    """Concatenate per-run arrays and add histogram counts, in chunk order."""
    counts = parts[0].counts
    for p in parts[1:]:
        if p.counts.size:
            counts = counts + p.counts
    per_run = {
        f.name: np.concatenate([getattr(p, f.name) for p in parts])
        for f in fields(ChunkResult)
        if f.name != "counts"
    }
    return ChunkResult(counts=counts, **per_run)


def _local(
    prep: Prepared, draws: Draws, spans: list[tuple[int, int]], progress: Progress | None
) -> list[ChunkResult]:
    out: list[ChunkResult] = []
    counts: npt.NDArray[np.int64] | None = None
    for a, b in spans:
        part = run_chunk(prep, draws.slice(a, b))
        # hold one histogram only: add each chunk's counts as it arrives (exact integers)
        counts = part.counts if counts is None else np.add(counts, part.counts, out=counts)
        out.append(replace(part, counts=_EMPTY))
        if progress:
            progress(b, draws.runs)
    assert counts is not None
    out[0] = replace(out[0], counts=counts)
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
