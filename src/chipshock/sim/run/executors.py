"""Executors: the same chunks of runs on the local process or on a Dask cluster.

Chunks are ``[start, stop)`` slices of the drawn parameters; results are merged in chunk
order (histogram counts add exactly, one row per distinct week; per-run arrays
concatenate), so the executor and the chunk size cannot change a result.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from chipshock.errors import InputError, Problem
from chipshock.sim.draws import Draws
from chipshock.sim.engine import ChunkResult, run_chunk
from chipshock.sim.prepare import Prepared

__all__ = ["chunks", "execute", "execute_jobs", "merge"]

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


def _client(scheduler: Any) -> tuple[Any, Any, bool]:
    """A Dask client for ``scheduler`` (None: a 2-worker local cluster of threads), the cluster
    made for it (or None) and whether the client is ours to close."""
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
    if isinstance(scheduler, dist.Client):
        return scheduler, None, False
    if scheduler is None:
        cluster = local_cluster(2)
        return dist.Client(cluster), cluster, True
    return dist.Client(scheduler), None, True


def local_cluster(n_workers: int) -> Any:
    """A Dask cluster of ``n_workers`` one-thread workers inside this process.

    In-process workers share this process's memory with everything else it holds (the API
    server's caches, a long test session), and distributed measures a worker's memory as the
    whole process's: with its default limit a worker pauses once the process passes 85 % of
    the limit and never takes a task again. The limit is therefore off (``memory_limit=0``);
    the process's own memory is the operating system's to bound."""
    dist: Any = importlib.import_module("distributed")  # untyped package: used as Any
    return dist.LocalCluster(
        processes=False,
        n_workers=n_workers,
        threads_per_worker=1,
        memory_limit=0,
        dashboard_address=None,
    )


#: how long a run waits for the Dask cluster's first worker before it gives up (seconds)
WORKER_WAIT_S = 120.0


def _wait_for_a_worker(client: Any, scheduler: Any) -> None:
    """Block until the cluster has a worker: scattering to a cluster whose workers have not
    registered yet (a freshly started LocalCluster, a scheduler whose workers are still
    connecting) fails with "No valid workers found"."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except TimeoutError:
        raise InputError(
            Problem(
                f"the Dask cluster has no worker after {WORKER_WAIT_S:g} s: start workers "
                "for the scheduler, or run with --engine local",
                field="scheduler",
                value="local cluster" if scheduler is None else str(scheduler),
            )
        ) from None


def _dask(
    jobs: Sequence[tuple[Prepared, Draws]],
    spans: list[list[tuple[int, int]]],
    scheduler: Any,
    progress: Progress | None,
) -> list[list[ChunkResult]]:
    """Every chunk of every job submitted at once; each job's chunks returned in chunk order."""
    as_completed = importlib.import_module("distributed").as_completed
    client, own_cluster, own_client = _client(scheduler)
    total = sum(d.runs for _, d in jobs)
    try:
        _wait_for_a_worker(client, scheduler)
        preps = client.scatter([p for p, _ in jobs], broadcast=True)
        futures, where = [], []
        for k, ((_, draws), sp) in enumerate(zip(jobs, spans, strict=True)):
            for i, (a, b) in enumerate(sp):
                futures.append(client.submit(run_chunk, preps[k], draws.slice(a, b), pure=False))
                where.append((k, i, b - a))
        order = {f.key: i for i, f in enumerate(futures)}
        results: list[list[ChunkResult | None]] = [[None] * len(sp) for sp in spans]
        done = 0
        for fut in as_completed(futures):
            k, i, size = where[order[fut.key]]
            results[k][i] = fut.result()
            done += size
            if progress:
                progress(done, total)
        return [[r for r in job if r is not None] for job in results]
    finally:
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()


def execute_jobs(
    jobs: Sequence[tuple[Prepared, Draws]],
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> list[ChunkResult]:
    """Several ``(prepared, draws)`` jobs in one engine call (on Dask: every chunk of every job
    submitted together). Each job is chunked and merged as `execute` does, so its result is
    the one `execute` gives for it alone. ``progress(done, total)`` counts runs over all jobs."""
    spans = [chunks(d.runs, chunk_size) for _, d in jobs]
    if engine == "dask":
        return [merge(parts) for parts in _dask(jobs, spans, scheduler, progress)]
    if engine != "local":
        raise InputError(
            Problem("unknown engine", field="engine", value=str(engine), expected="local or dask")
        )
    total = sum(d.runs for _, d in jobs)
    out: list[ChunkResult] = []
    offset = 0
    for (prep, draws), sp in zip(jobs, spans, strict=True):

        def prog(done: int, _t: int, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + done, total)

        out.append(merge(_local(prep, draws, sp, prog)))
        offset += draws.runs
    return out


def execute(
    prep: Prepared,
    draws: Draws,
    chunk_size: int = 1000,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> ChunkResult:
    """Run every chunk on ``engine`` (``local`` or ``dask``) and merge in chunk order."""
    return execute_jobs([(prep, draws)], chunk_size, engine, scheduler, progress)[0]
